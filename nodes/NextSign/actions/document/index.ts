import type { INodeProperties } from 'n8n-workflow';

import * as convert from './convert.operation';
import * as download from './download.operation';
import * as downloadSigned from './downloadSigned.operation';
import * as upload from './upload.operation';

export const operations = { upload, download, downloadSigned, convert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{ name: 'Convert', value: 'convert', description: 'Turn DOCX documents into PDFs, filling in their tags', action: 'Convert documents to PDF' },
			{ name: 'Download', value: 'download', description: 'Download a stored document as a file', action: 'Download a document' },
			{
				name: 'Download Signed Documents',
				value: 'downloadSigned',
				description: 'Download every signed document of a case as files, one item each',
				action: 'Download the signed documents of a case',
			},
			{ name: 'Upload', value: 'upload', description: 'Upload a file and get its URL for a case’s documents', action: 'Upload a document' },
		],
		default: 'downloadSigned',
	},
	...upload.description,
	...convert.description,
	...download.description,
	...downloadSigned.description,
];
