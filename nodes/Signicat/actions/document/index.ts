import type { INodeProperties } from 'n8n-workflow';

import * as del from './delete.operation';
import * as download from './download.operation';
import * as getMetadata from './getMetadata.operation';
import * as updateMetadata from './updateMetadata.operation';
import * as upload from './upload.operation';

export const operations = { upload, download, getMetadata, updateMetadata, delete: del };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{ name: 'Delete', value: 'delete', description: 'Delete a document', action: 'Delete a document' },
			{ name: 'Download', value: 'download', description: 'Download a document’s file (e.g. a signed result)', action: 'Download a document' },
			{ name: 'Get Metadata', value: 'getMetadata', description: 'Get a document’s file name, title, MIME type and hash', action: 'Get document metadata' },
			{ name: 'Update Metadata', value: 'updateMetadata', description: 'Change a document’s file name, title or description', action: 'Update document metadata' },
			{ name: 'Upload', value: 'upload', description: 'Upload a PDF or text file to sign', action: 'Upload a document' },
		],
		default: 'upload',
	},
	...upload.description,
	...download.description,
	...getMetadata.description,
	...updateMetadata.description,
	...del.description,
];
