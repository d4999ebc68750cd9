import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { readBinary } from '../../../shared/binary';
import { binaryInput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { attachLeftBehind } from '../../../shared/execute';
import { compact, params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { SIGNICAT } from '../../transport';

const show = { resource: ['document'], operation: ['upload'] };

export const description: INodeProperties[] = [
	binaryInput(show, 'Name of the input field that holds the file to upload (PDF or plain text)'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: metadataOptions(true),
	},
];

/** File name, title and description: stored as the document's metadata (and MIME type for uploads). */
export function metadataOptions(withMimeType: boolean): INodeProperties[] {
	const out: INodeProperties[] = [
		{ displayName: 'Description', name: 'description', type: 'string', default: '', typeOptions: { rows: 2 }, description: 'Description of the document for display purposes (at most 1000 characters)' },
		{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', placeholder: 'invoice_001.pdf', description: 'Name stored with the document (at most 255 characters); defaults to the name of the input file' },
	];
	if (withMimeType)
		out.push({
			displayName: 'MIME Type',
			name: 'mimeType',
			type: 'options',
			options: [
				{ name: 'From the Input File', value: '' },
				{ name: 'PDF (Application/pdf)', value: 'application/pdf' },
				{ name: 'Plain Text (Text/plain)', value: 'text/plain' },
			],
			default: '',
			description: 'Content type sent to Signicat; by default the input file’s own MIME type',
		});
	out.push({ displayName: 'Title', name: 'title', type: 'string', default: '', placeholder: 'Invoice #001', description: 'Title of the document for display purposes (at most 255 characters)' });
	return out;
}

export const metadataSchema = {
	fileName: z.string().max(255).optional(),
	title: z.string().max(255).optional(),
	description: z.string().max(1000).optional(),
};

export const mimeTypeSchema = z.string().refine((v) => (SIGNICAT.uploadMimeTypes as readonly string[]).includes(v), {
	message: `must be ${SIGNICAT.uploadMimeTypes.join(' or ')}: Signicat signs PDF and plain-text documents (set "MIME Type" in the options if the file's type is wrong)`,
});

const schema = z.object({
	binaryPropertyName: z.string().trim().min(1),
	options: z.object({ ...metadataSchema, mimeType: z.string().optional() }),
});

export const uploadLabels = {
	binaryPropertyName: 'Input Binary Field',
	fileName: 'File Name',
	title: 'Title',
	description: 'Description',
	mimeType: 'MIME Type',
};

/** Uploads a binary property as the raw request body, then stores its file name (and title/description). */
export async function uploadDocument(
	ctx: IExecuteFunctions,
	i: number,
	client: SignicatClient,
	binaryPropertyName: string,
	options: { fileName?: string; title?: string; description?: string; mimeType?: string },
): Promise<IDataObject> {
	const p = validate(ctx, schema, { binaryPropertyName, options: compact(options) }, i, uploadLabels);
	const file = await readBinary(ctx, i, p.binaryPropertyName);
	const mimeType = validate(
		ctx,
		z.object({ mimeType: mimeTypeSchema }),
		{ mimeType: (p.options.mimeType || file.mimeType).split(';')[0].trim().toLowerCase() },
		i,
		uploadLabels,
	).mimeType;
	const fileName = p.options.fileName || file.fileName;
	const reference = await client.json<IDataObject>({
		method: 'POST',
		url: SIGNICAT.paths.documents,
		headers: { 'Content-Type': mimeType },
		// Rebuilt per attempt: a stream (n8n's filesystem binary mode) can be read only once.
		body: async (attempt: number) => (attempt === 1 ? file.data : await file.reopen()),
		itemIndex: i,
		timeout: 30 * 60_000,
		appliedHint: `The file "${fileName}" may already be stored in Signicat; an unused copy is harmless and expires with Signicat's retention.`,
	});
	const documentId = String(reference.documentId);
	try {
		const metadata = await client.json<IDataObject>({
			method: SIGNICAT.metadataUpdateMethod,
			url: SIGNICAT.paths.documentMetadata(documentId),
			body: compact({ filename: fileName, title: p.options.title, description: p.options.description }),
			itemIndex: i,
			// Setting the same metadata twice changes nothing.
			safety: 'read',
		});
		return { ...reference, ...metadata };
	} catch (error) {
		throw attachLeftBehind(error, { documentId });
	}
}

export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const p = params(this, i, { binaryPropertyName: 'data', options: {} });
	return await uploadDocument(this, i, client, String(p.binaryPropertyName ?? ''), p.options as IDataObject as never);
}
