import type { INodeProperties } from 'n8n-workflow';

import * as convert from './convert.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as duplicate from './duplicate.operation';
import * as exists from './exists.operation';
import * as get from './get.operation';
import * as recreate from './recreate.operation';
import * as update from './update.operation';

export const operations = { create, get, update, delete: del, exists, duplicate, recreate, convert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['draft'] } },
		options: [
			{ name: 'Check Exists', value: 'exists', description: 'Check whether a draft exists', action: 'Check whether a draft exists' },
			{ name: 'Convert to Ready to Start', value: 'convert', description: 'Lock a complete draft so it can be started', action: 'Convert a draft to ready to start' },
			{ name: 'Create', value: 'create', description: 'Create an empty draft', action: 'Create a draft' },
			{ name: 'Delete', value: 'delete', description: 'Delete a draft for good', action: 'Delete a draft' },
			{ name: 'Duplicate Session', value: 'duplicate', description: 'Copy a session into a new draft, keeping the original', action: 'Duplicate a session into a new draft' },
			{ name: 'Get', value: 'get', description: 'Get a draft with its documents, participants and fields', action: 'Get a draft' },
			{ name: 'Recreate and Void', value: 'recreate', description: 'Copy a session into a new draft and void the original', action: 'Recreate a session and void the original' },
			{ name: 'Update', value: 'update', description: 'Change the subject or reminder frequency', action: 'Update a draft' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...update.description,
	...del.description,
	...exists.description,
	...duplicate.description,
	...recreate.description,
	...convert.description,
];
