import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getTags from './getTags.operation';
import * as submit from './submit.operation';

export const operations = { get, getTags, submit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['form'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a form (case template)', action: 'Get a form' },
			{ name: 'Get Tags', value: 'getTags', description: 'Get the tags a form’s documents are filled with', action: 'Get the tags of a form' },
			{ name: 'Submit', value: 'submit', description: 'Create a case from a form with tag values and recipients', action: 'Submit a form' },
		],
		default: 'submit',
	},
	...get.description,
	...getTags.description,
	...submit.description,
];
