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
			{ name: 'Create', value: 'create', description: 'Create a case file with documents and signers and send it', action: 'Create a case file' },
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
