import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as remove from './remove.operation';
import * as updateOptions from './updateOptions.operation';
import * as updatePosition from './updatePosition.operation';

export const operations = { add, updateOptions, updatePosition, remove };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['signatureField'] } },
		options: [
			{ name: 'Add', value: 'add', description: 'Place a field for a participant on a document', action: 'Add a signature field' },
			{ name: 'Remove', value: 'remove', description: 'Remove a field and the fields that depend on it', action: 'Remove a signature field' },
			{
				name: 'Update Options',
				value: 'updateOptions',
				description: 'Change whether a field is required',
				// eslint-disable-next-line n8n-nodes-base/node-param-operation-option-action-miscased
				action: "Update a signature field's options",
			},
			{
				name: 'Update Position',
				value: 'updatePosition',
				description: 'Move or resize a field',
				// eslint-disable-next-line n8n-nodes-base/node-param-operation-option-action-miscased
				action: "Update a signature field's position",
			},
		],
		default: 'add',
	},
	...add.description,
	...updateOptions.description,
	...updatePosition.description,
	...remove.description,
];
