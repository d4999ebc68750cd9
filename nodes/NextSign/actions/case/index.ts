import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteCase from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getSeveral from './getSeveral.operation';

export const operations = { create, delete: deleteCase, get, getMany, getSeveral };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			{ name: 'Create and Send', value: 'create', description: 'Create a case with documents and recipients and send it for signing, in one step', action: 'Create and send a case' },
			{ name: 'Delete', value: 'delete', description: 'Delete a case', action: 'Delete a case' },
			{ name: 'Get', value: 'get', description: 'Get a case with its recipients and documents', action: 'Get a case' },
			{ name: 'Get Many', value: 'getMany', description: 'List cases, optionally by status and folder', action: 'Get many cases' },
			{ name: 'Get Several', value: 'getSeveral', description: 'Get several cases by their IDs, up to 50 per request', action: 'Get several cases by ID' },
		],
		default: 'create',
	},
	...create.description,
	...deleteCase.description,
	...get.description,
	...getMany.description,
	...getSeveral.description,
];
