import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const operations = { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a case', action: 'Get a case' },
			{ name: 'Get Many', value: 'getMany', description: 'List cases', action: 'Get many cases' },
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
];
