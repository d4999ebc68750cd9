import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { compact, params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { SIGNICAT } from '../../transport';
import { documentIdField, uuidSchema } from '../common';
import { metadataOptions, metadataSchema } from './upload.operation';

const show = { resource: ['document'], operation: ['updateMetadata'] };

export const description: INodeProperties[] = [
	documentIdField(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		displayOptions: { show },
		options: metadataOptions(false).map((o) => (o.name === 'fileName' ? { ...o, description: 'Name stored with the document (at most 255 characters)' } : o)),
	},
];

const schema = z.object({ documentId: uuidSchema(), updateFields: z.object(metadataSchema) });

export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const raw = params(this, i, { documentId: '', updateFields: {} });
	const p = validate(this, schema, raw, i, { documentId: 'Document ID', fileName: 'File Name', title: 'Title', description: 'Description' });
	const body = compact({ filename: p.updateFields.fileName, title: p.updateFields.title, description: p.updateFields.description });
	if (!Object.keys(body).length)
		throw new NodeOperationError(this.getNode(), `Add at least one field to "Update Fields" [item ${i}]`, {
			itemIndex: i,
			description: 'Choose File Name, Title or Description under "Update Fields" and run the node again.',
		});
	return await client.json({
		method: SIGNICAT.metadataUpdateMethod,
		url: SIGNICAT.paths.documentMetadata(p.documentId),
		body,
		itemIndex: i,
		safety: 'read',
	});
}
