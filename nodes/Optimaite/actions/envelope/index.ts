import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as createFromFiles from './createFromFiles.operation';
import * as downloadSigned from './downloadSigned.operation';
import * as getMany from './getMany.operation';
import * as promote from './promote.operation';

export const operations = { create, createFromFiles, promote, getMany, downloadSigned };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['envelope'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a signing envelope over documents already in the case, and send it to the signers',
				action: 'Create a signing envelope',
			},
			{
				name: 'Create From Files',
				value: 'createFromFiles',
				description: 'In one step: upload files from binary fields to the case and send them for signature',
				action: 'Create a signing envelope from files',
			},
			{
				name: 'Download Signed Documents',
				value: 'downloadSigned',
				description: 'Download the signed PDFs of a completed envelope as files (one item per file)',
				action: 'Download the signed documents of an envelope',
			},
			{ name: 'Get Many', value: 'getMany', description: 'List the signing envelopes of a case', action: 'Get many signing envelopes' },
			{
				name: 'Promote Documents',
				value: 'promote',
				description:
					'Put existing documents into a new draft envelope. Optimaite’s API has no documented way to add signers to a draft or send it: finish it in Optimaite.',
				action: 'Promote documents to a draft envelope',
			},
		],
		default: 'create',
	},
	...createFromFiles.description,
	...create.description,
	...promote.description,
	...getMany.description,
	...downloadSigned.description,
];
