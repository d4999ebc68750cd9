import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as downloadSigned from './downloadSigned.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const operations = { create, get, getMany, delete: del, downloadSigned };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['caseFile'] } },
		options: [
			{
				name: 'Create and Send',
				value: 'create',
				description: 'Send documents for signature in one step: creates the case file with its documents and signers, and Penneo invites the signers',
				action: 'Create and send a case file',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete a case file', action: 'Delete a case file' },
			{
				name: 'Download Signed Documents',
				value: 'downloadSigned',
				description: 'Download each document of a case file as a PDF',
				action: 'Download signed documents of a case file',
			},
			{ name: 'Get', value: 'get', description: 'Get a case file with its status, documents and signers', action: 'Get a case file' },
			{ name: 'Get Many', value: 'getMany', description: 'List case files by status, date, title, reference or folder', action: 'Get many case files' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...del.description,
	...downloadSigned.description,
];
