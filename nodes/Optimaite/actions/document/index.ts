import type { INodeProperties } from 'n8n-workflow';

import * as del from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as upload from './upload.operation';

export const operations = { upload, get, download, delete: del };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{ name: 'Delete', value: 'delete', description: 'Delete a document', action: 'Delete a document' },
			{ name: 'Download', value: 'download', description: 'Download a document (e.g. a signed PDF) as a file', action: 'Download a document' },
			{ name: 'Get', value: 'get', description: 'Get a document’s details', action: 'Get a document' },
			{ name: 'Upload', value: 'upload', description: 'Upload a file to a case', action: 'Upload a document' },
		],
		default: 'upload',
	},
	...upload.description,
	...get.description,
	...download.description,
	...del.description,
];
