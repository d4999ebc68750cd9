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
		displayOptions: { show: { resource: ['attachment'] } },
		options: [
			{ name: 'Download', value: 'download', description: 'Download an attachment of a draft or session', action: 'Download an attachment' },
			{ name: 'Remove', value: 'remove', description: 'Remove an attachment from a draft', action: 'Remove an attachment from a draft' },
			{ name: 'Upload', value: 'upload', description: 'Add a reference document (read, not signed) to a draft', action: 'Upload an attachment to a draft' },
		],
		default: 'upload',
	},
	...upload.description,
	...download.description,
	...remove.description,
];
