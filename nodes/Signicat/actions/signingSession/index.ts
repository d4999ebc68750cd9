import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as downloadSigned from './downloadSigned.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as send from './send.operation';

export const operations = { send, create, get, getMany, delete: del, downloadSigned };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['signingSession'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create one or more signing sessions for uploaded documents', action: 'Create signing sessions' },
			{ name: 'Delete', value: 'delete', description: 'Delete a signing session', action: 'Delete a signing session' },
			{ name: 'Download Signed Documents', value: 'downloadSigned', description: 'Download every signed result document of a session as files', action: 'Download signed documents' },
			{ name: 'Get', value: 'get', description: 'Get a signing session and its state', action: 'Get a signing session' },
			{ name: 'Get Many', value: 'getMany', description: 'List signing sessions with filters', action: 'Get many signing sessions' },
			{ name: 'Send Document for Signing', value: 'send', description: 'Upload a file and create a signing session in one step; returns the signing URL', action: 'Send a document for signing' },
		],
		default: 'send',
	},
	...send.description,
	...create.description,
	...get.description,
	...getMany.description,
	...del.description,
	...downloadSigned.description,
];
