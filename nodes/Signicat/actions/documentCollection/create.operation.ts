import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params, splitList } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { SIGNICAT } from '../../transport';
import { uuidSchema } from '../common';

const show = { resource: ['documentCollection'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Document IDs',
		name: 'documentIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '15197b79-6333-4fa5-9e4c-23b9392a838f, 2a1c…',
		description: 'IDs of the uploaded documents to group (1 to 100), separated by commas',
		displayOptions: { show },
	},
	{
		displayName: 'Package to PAdES Container',
		name: 'padesContainer',
		type: 'boolean',
		default: false,
		description: 'Whether Signicat packages the collection into one PAdES container once every session using it is signed',
		displayOptions: { show },
	},
];

const schema = z.object({ documentIds: z.array(uuidSchema()).min(1).max(100), padesContainer: z.boolean() });

export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const raw = params(this, i, { documentIds: '', padesContainer: false });
	const p = validate(this, schema, { ...raw, documentIds: splitList(raw.documentIds) }, i, {
		documentIds: 'Document IDs',
		padesContainer: 'Package to PAdES Container',
	});
	return await client.json({
		method: 'POST',
		url: SIGNICAT.paths.documentCollections,
		body: { documents: p.documentIds.map((documentId) => ({ documentId })), ...(p.padesContainer ? { packageTo: ['PADES_CONTAINER'] } : {}) },
		itemIndex: i,
		appliedHint: 'An unused document collection is harmless; check the documents before creating it again.',
	});
}
