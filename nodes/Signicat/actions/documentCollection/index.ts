import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';

export const operations = { create, get, delete: del };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['documentCollection'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Group documents that are signed together', action: 'Create a document collection' },
			{ name: 'Delete', value: 'delete', description: 'Delete a document collection', action: 'Delete a document collection' },
			{ name: 'Get', value: 'get', description: 'Get a document collection and its packages', action: 'Get a document collection' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...del.description,
];
