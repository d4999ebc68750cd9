import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { binaryItem } from '../../../shared/binary';
import { binaryOutput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { SIGNICAT } from '../../transport';
import { documentIdField, extensionFor, uuidSchema } from '../common';

const show = { resource: ['document'], operation: ['download'] };

export const description: INodeProperties[] = [
	documentIdField(show, 'ID of the document to download, e.g. a result document of a signed session'),
	binaryOutput(show),
];

const schema = z.object({ documentId: uuidSchema(), binaryPropertyName: z.string().trim().min(1) });

/** Reads a document's metadata and content; the file is named after the metadata's file name when known. */
export async function fetchDocument(client: SignicatClient, documentId: string, i: number, fallbackBase?: string) {
	const metadata = await client.json<IDataObject>({ method: 'GET', url: SIGNICAT.paths.documentMetadata(documentId), itemIndex: i });
	const res = await client.request<Buffer>({
		method: 'GET',
		url: SIGNICAT.paths.document(documentId),
		binary: true,
		itemIndex: i,
		timeout: 30 * 60_000,
	});
	const mimeType = String(metadata.mimeType ?? '') || undefined;
	const fileName =
		typeof metadata.filename === 'string' && metadata.filename ? metadata.filename : `${fallbackBase ?? documentId}.${extensionFor(mimeType)}`;
	return { metadata, content: res.body, headers: res.headers, fileName };
}

export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { documentId: '', binaryPropertyName: 'data' }), i, {
		documentId: 'Document ID',
		binaryPropertyName: 'Put Output File in Field',
	});
	const doc = await fetchDocument(client, p.documentId, i);
	return await binaryItem(this, i, p.binaryPropertyName, doc.content, doc.headers, doc.fileName, { ...doc.metadata });
}
