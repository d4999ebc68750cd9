import type { INodeProperties } from 'n8n-workflow';

import * as setParallel from './setParallel.operation';
import * as setSequential from './setSequential.operation';

export const operations = { setSequential, setParallel };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['signingOrder'] } },
		options: [
			{ name: 'Set Parallel', value: 'setParallel', description: 'Everyone signs at the same time (the default); only while the session is a draft', action: 'Set parallel signing order' },
			{ name: 'Set Sequential', value: 'setSequential', description: 'Participants sign one after another; only while the session is a draft', action: 'Set sequential signing order' },
		],
		default: 'setSequential',
	},
	...setSequential.description,
	...setParallel.description,
];
