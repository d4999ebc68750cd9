import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { binaryOutput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { NextSignClient } from '../../transport';
import { downloadStored, storedUrl } from './shared';

const show = { resource: ['document'], operation: ['download'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Document URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://nextsign.hel1.your-objectstorage.com/…/case/1777625676406-Lejekontrakt.pdf',
		description:
			'Stored URL of the document: a case’s documents[].document_id or signedDocuments[] URL, or the URL from Document → Upload',
		displayOptions: { show },
	},
	binaryOutput(show),
];

const schema = z.object({ url: z.string().trim().url(), binaryPropertyName: z.string().trim().min(1) });

export async function execute(this: IExecuteFunctions, i: number, client: NextSignClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { url: '', binaryPropertyName: 'data' }), i, {
		url: 'Document URL',
		binaryPropertyName: 'Put Output File in Field',
	});
	return await downloadStored(this, client, i, storedUrl(p.url), p.binaryPropertyName);
}
