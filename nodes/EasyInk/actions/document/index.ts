import type { INodeProperties } from 'n8n-workflow';

import * as download from './download.operation';
import * as remove from './remove.operation';
import * as upload from './upload.operation';

export const operations = { upload, download, remove };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{ name: 'Download Original', value: 'download', description: 'Download a document as uploaded, without signatures', action: 'Download an original document' },
			{ name: 'Remove', value: 'remove', description: 'Remove a document from a draft', action: 'Remove a document from a draft' },
			{ name: 'Upload', value: 'upload', description: 'Add a PDF or Word document to sign to a draft', action: 'Upload a document to a draft' },
		],
		default: 'upload',
	},
	...upload.description,
	...download.description,
	...remove.description,
];
