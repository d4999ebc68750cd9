import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { BinaryStream as Readable } from '../../../shared/binary';
import { z } from 'zod';

import { readBinary } from '../../../shared/binary';
import type { OperationResult } from '../../../shared/execute';
import { attachLeftBehind } from '../../../shared/execute';
import { params, rows } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { NextSignClient } from '../../transport';
import { NEXTSIGN } from '../../transport';
import { uploadFile } from '../case/create.operation';
import { optionalUrl, safeOutput } from '../common';
import { downloadStored } from './shared';

const show = { resource: ['document'], operation: ['convert'] };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const description: INodeProperties[] = [
	{
		displayName: 'Documents',
		name: 'documents',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add document',
		default: {},
		required: true,
		description: 'DOCX documents to turn into PDFs (PDFs pass through unchanged). Files from binary fields are uploaded to NextSign first.',
		displayOptions: { show },
		options: [
			{
				displayName: 'Document',
				name: 'document',
				values: [
					{
						displayName: 'File Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'Contract Agreement.docx',
						description: 'Document name; defaults to the binary file’s name or the last part of the URL',
					},
					{ displayName: 'File URL', name: 'url', type: 'string', default: '', placeholder: 'https://example.com/contract.docx', displayOptions: { show: { source: ['url'] } } },
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						hint: 'The name of the input field containing the binary file data',
						displayOptions: { show: { source: ['binary'] } },
					},
					{
						displayName: 'Source',
						name: 'source',
						type: 'options',
						options: [
							{ name: 'Binary File', value: 'binary', description: 'A DOCX or PDF from an earlier node' },
							{ name: 'URL', value: 'url', description: 'A hosted file URL, or the URL from Document → Upload' },
						],
						default: 'binary',
					},
				],
			},
		],
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add tag',
		default: {},
		description: 'Values that replace the template tags in the DOCX documents',
		displayOptions: { show },
		options: [
			{
				displayName: 'Tag',
				name: 'tag',
				values: [
					{ displayName: 'Date Format', name: 'format', type: 'string', default: '', placeholder: 'e.g. DD-MM-YYYY', displayOptions: { show: { type: ['date'] } }, description: 'How a date tag is written' },
					{ displayName: 'Tag', name: 'tag', type: 'string', default: '', required: true, placeholder: 'customer_name' },
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Text', value: 'text' },
							{ name: 'Number', value: 'number', description: 'Sent as a number (e.g. 200)' },
							{ name: 'Date', value: 'date' },
						],
						default: 'text',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Download Converted Files',
		name: 'download',
		type: 'boolean',
		default: false,
		description: 'Whether to download each converted PDF into a binary field (off: only its URL, e.g. for Case → Create with a File URL)',
		displayOptions: { show },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { ...show, download: [true] } },
	},
];

const schema = z.object({
	documents: z
		.array(
			z
				.object({
					source: z.enum(['binary', 'url']).default('binary'),
					binaryPropertyName: z.string().trim().optional(),
					url: optionalUrl,
					name: z.string().trim().max(255).optional(),
				})
				.superRefine((d, ctx) => {
					if (d.source === 'binary' && !d.binaryPropertyName) ctx.addIssue({ code: 'custom', path: ['binaryPropertyName'], message: 'is required when "Source" is Binary File' });
					if (d.source === 'url' && !d.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'is required when "Source" is URL' });
				}),
		)
		.min(1),
	tags: z.array(
		z
			.object({ tag: z.string().trim().min(1), type: z.enum(['text', 'number', 'date']).default('text'), value: z.string().default(''), format: z.string().trim().optional() })
			.superRefine((t, ctx) => {
				if (t.type === 'number' && (t.value.trim() === '' || !Number.isFinite(Number(t.value.trim()))))
					ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be a number when "Type" is Number' });
			}),
	),
	download: z.boolean(),
	binaryPropertyName: z.string().trim().min(1),
});

const labels = {
	documents: 'Documents',
	'documents.source': 'Source',
	'documents.binaryPropertyName': 'Input Binary Field',
	'documents.url': 'File URL',
	'documents.name': 'File Name',
	tags: 'Tags',
	'tags.tag': 'Tag',
	'tags.type': 'Type',
	'tags.value': 'Value',
	binaryPropertyName: 'Put Output File in Field',
};

function nameFromUrl(url: string): string {
	try {
		return decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '') || 'document.docx';
	} catch {
		return 'document.docx';
	}
}

/**
 * `POST /api/v2/document/convert` on the v2 case host, without a company (docs.nextsign.dk/docs/documents-convert):
 * `{tags, documents: [{file: URL, name}]}` → `{status: {code, message}, documents: [{file, name}]}`. Convert takes
 * URLs, so files from binary fields are uploaded to the v3 file host first. One output item per converted document.
 */
export async function execute(this: IExecuteFunctions, i: number, client: NextSignClient): Promise<OperationResult> {
	const raw = params(this, i, { documents: {}, tags: {}, download: false, binaryPropertyName: 'data' });
	const p = validate(
		this,
		schema,
		{
			...raw,
			documents: rows(raw.documents, 'document'),
			tags: rows(raw.tags, 'tag').map((t) => ({ ...t, value: t.value === undefined || t.value === null ? '' : String(t.value) })),
		},
		i,
		labels,
	);
	const uploaded: IDataObject[] = [];
	const documents: IDataObject[] = [];
	try {
		for (const d of p.documents) {
			if (d.source === 'url') {
				documents.push({ file: d.url, name: d.name || nameFromUrl(d.url!) });
				continue;
			}
			const file = await readBinary(this, i, d.binaryPropertyName!);
			const name = d.name || file.fileName;
			let first: Buffer | Readable | undefined = file.data;
			const read = async () => {
				const data = first ?? (await file.reopen());
				first = undefined;
				return data;
			};
			const mimeType = file.mimeType === 'application/octet-stream' && /\.docx$/i.test(name) ? DOCX : file.mimeType;
			const result = await uploadFile(client, i, { name, mimeType, size: file.size, read, reopen: file.reopen });
			uploaded.push({ name, url: result.url });
			documents.push({ file: result.url, name });
		}
	} catch (error) {
		throw uploaded.length ? attachLeftBehind(error, { uploadedDocuments: uploaded }) : error;
	}
	const body: IDataObject = { documents };
	if (p.tags.length) {
		body.tags = p.tags.map((t) => ({ tag: t.tag, value: t.type === 'number' ? Number(t.value.trim()) : t.value, type: t.type, ...(t.type === 'date' && t.format ? { format: t.format } : {}) }));
	}
	let response: IDataObject;
	try {
		response = await client.cases.json<IDataObject>({
			method: 'POST',
			url: NEXTSIGN.cases.convert(),
			body,
			itemIndex: i,
			// It only converts (no case, nothing sent): safe to repeat.
			safety: 'read',
			expect: 'convert',
			timeout: 5 * 60_000,
		});
	} catch (error) {
		throw uploaded.length ? attachLeftBehind(error, { uploadedDocuments: uploaded }) : error;
	}
	const converted = (response.documents as IDataObject[]).map((d) => ({ name: String(d.name ?? ''), url: String(d.file ?? '') }));
	if (!p.download) return safeOutput(converted.map((d, index) => ({ ...d, index, ...(uploaded.length ? { uploadedDocuments: uploaded } : {}) })));
	const items: INodeExecutionData[] = [];
	for (const [index, d] of converted.entries()) {
		items.push(await downloadStored(this, client, i, d.url, p.binaryPropertyName, { name: d.name, index }, d.name));
	}
	return items;
}
