import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { BinaryStream as Readable } from '../../../shared/binary';
import { readBinary } from '../../../shared/binary';
import type { OperationResult } from '../../../shared/execute';
import { attachLeftBehind } from '../../../shared/execute';
import { multipartBody } from '../../../shared/multipart';
import { compact, params, rows, splitList } from '../../../shared/params';
import { sinceVersion } from '../../../shared/locator';
import type { Labels } from '../../../shared/validation';
import { validate, validateRepeated } from '../../../shared/validation';
import type { NextSignClient } from '../../transport';
import { NEXTSIGN } from '../../transport';
import {
	checkCprs,
	cprsOf,
	normalizeCpr,
	recipientBody,
	recipientLabels,
	recipientRows,
	recipientSchema,
	recipientsField,
	limitedText,
	safeOutput,
	optionalEmail,
	optionalUrl,
	scrubbedError,
} from '../common';
import { simplifyCase, simplifyToggle, wantsSimplify } from '../simplify';
import { settingsBody, settingsField, settingsLabels, settingsSchema, signingSchemasField, signingSchemasSchema } from '../caseFields';

const show = { resource: ['case'], operation: ['create'] };

const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add field',
	default: {},
	displayOptions: { show },
	options: [
		{
			displayName: 'Custom Message',
			name: 'message',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: 'Kære {recipient_name}, som aftalt er hermed dokumenter til underskrift',
			description: 'Message to all recipients ({recipient_name} is replaced)',
		},
		{ displayName: 'Email Template ID', name: 'emailtemplate', type: 'string', default: '', description: 'ID of the email template to use' },
		{ displayName: 'Folder', name: 'folder', type: 'string', default: '', placeholder: 'Default', description: 'Name of the folder to put the case in' },
		{ displayName: 'Reference ID', name: 'referenceId', type: 'string', default: '', placeholder: 'Jrn. 2342-23', description: 'Your own reference for the case' },
		{ displayName: 'Sender Email', name: 'user_email', type: 'string', default: '', placeholder: 'info@example.com', description: 'Email of the NextSign user who sends the case' },
	],
};

/** A document row: its Source first (it decides which fields matter), then where the file is, then the rest. */
const DOCUMENT_VALUES: INodeProperties[] = [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			options: [
				{ name: 'Binary File', value: 'binary', description: 'A file from an earlier node (binary field)' },
				{ name: 'URL', value: 'url', description: 'A hosted file URL, or the URL from Document → Upload' },
				{ name: 'Base64', value: 'base64', description: 'The file’s content as base64 text' },
			],
			default: 'binary',
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			hint: 'The name of the input field containing the binary file data',
			displayOptions: { show: { source: ['binary'] } },
		},
		{ displayName: 'File URL', name: 'url', type: 'string', default: '', placeholder: 'e.g. https://example.com/contract.pdf', displayOptions: { show: { source: ['url'] } } },
		{ displayName: 'Base64 Content', name: 'base64', type: 'string', typeOptions: { rows: 2 }, default: '', displayOptions: { show: { source: ['base64'] } } },
		{
			displayName: 'File Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. Lejekontrakt.pdf',
			description: 'File name including extension. Defaults to the binary file’s name or the last part of the URL; required for Base64.',
		},
		{ displayName: 'Must Be Signed', name: 'signObligated', type: 'boolean', default: true, description: 'Whether the recipients must sign this document (off: for information only)' },
		{ displayName: 'Must Be Read', name: 'documentMustBeRead', type: 'boolean', default: false, description: 'Whether recipients must open the document before they can sign' },
		{
			displayName: 'Signatories',
			name: 'signatories',
			type: 'string',
			default: '',
			placeholder: 'e.g. mia@example.com, lars@example.com',
			description: 'Recipients (emails) who sign this document, separated by commas; empty means every signing recipient',
		},
];

const AUTO_SEND_V1: INodeProperties = {
	displayName: 'Auto Send',
	name: 'autoSend',
	type: 'boolean',
	default: true,
	description: 'Whether to send the case to the recipients right after it is created',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Lejeaftale',
		description: 'Title of the case, shown to the recipients',
		displayOptions: { show },
	},
	{
		displayName: 'Documents',
		name: 'documents',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add document',
		// One row to start with: a case needs at least one document.
		default: { document: [{ source: 'binary', binaryPropertyName: 'data' }] },
		required: true,
		description:
			'Documents to sign. While the request stays under 3.5 MB they are sent inline (base64); otherwise they are uploaded to NextSign first and referenced by URL, automatically.',
		displayOptions: { show },
		options: [
			{
				displayName: 'Document',
				name: 'document',
				values: [...DOCUMENT_VALUES],
			},
		],
	},
	recipientsField(show, 'People who receive the case; signing recipients are invited by group, lowest first'),
	{
		displayName: 'Auto Send',
		name: 'autoSend',
		type: 'boolean',
		default: true,
		description:
			'Whether NextSign sends the case to the recipients right after it is created (always sent: NextSign documents no default, so leaving it out could create an unsent case)',
		displayOptions: { show: { ...show, '@version': [{ _cnd: { gte: 1.1 } }] } },
	},
	signingSchemasField(show),
	// Version 1 kept Auto Send under Additional Fields: saved workflows keep their choice (sent as true when unset).
	...sinceVersion(1.1, { ...additionalFields, options: [AUTO_SEND_V1, ...additionalFields.options!] }, additionalFields),
	settingsField(show),
	simplifyToggle(show),
];

const documentSchema = z
	.object({
		source: z.enum(['binary', 'url', 'base64']).default('binary'),
		binaryPropertyName: z.string().trim().optional(),
		url: optionalUrl,
		base64: z.string().optional(),
		name: z.string().trim().max(255).optional(),
		signObligated: z.boolean().default(true),
		documentMustBeRead: z.boolean().default(false),
		signatories: z.array(z.string()).default([]),
	})
	.superRefine((d, ctx) => {
		if (d.source === 'binary' && !d.binaryPropertyName)
			ctx.addIssue({ code: 'custom', path: ['binaryPropertyName'], message: 'is required when "Source" is Binary File' });
		if (d.source === 'url' && !d.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'is required when "Source" is URL' });
		if (d.source === 'base64') {
			const text = (d.base64 ?? '').replace(/\s/g, '');
			if (!text) ctx.addIssue({ code: 'custom', path: ['base64'], message: 'is required when "Source" is Base64' });
			else if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 === 1)
				ctx.addIssue({ code: 'custom', path: ['base64'], message: 'is not valid base64 text' });
			if (!d.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required when "Source" is Base64' });
		}
	});

/** The title usually differs from item to item (an expression); the rest usually repeats (see `validateRepeated`). */
const titleSchema = z.object({ title: z.string().trim().min(1).pipe(limitedText(NEXTSIGN.limits.title)) });

const schema = z.object({
	documents: z.array(documentSchema).min(1),
	recipients: z.array(recipientSchema).min(1),
	autoSend: z.boolean(),
	signingSchemas: signingSchemasSchema,
	additionalFields: z.object({
		/** Before Auto Send was a field of its own, workflows kept it here. */
		autoSend: z.boolean().optional(),
		message: limitedText(NEXTSIGN.limits.message).optional(),
		emailtemplate: z.string().trim().optional(),
		folder: z.string().trim().optional(),
		referenceId: z.string().trim().optional(),
		user_email: optionalEmail,
	}),
	settings: settingsSchema,
});

export const labels: Labels = {
	title: 'Title',
	documents: 'Documents',
	'documents.source': 'Source',
	'documents.binaryPropertyName': 'Input Binary Field',
	'documents.url': 'File URL',
	'documents.base64': 'Base64 Content',
	'documents.name': 'File Name',
	...recipientLabels,
	autoSend: 'Auto Send',
	signingSchemas: 'Allowed Signing Methods',
	'additionalFields.user_email': 'Sender Email',
	'additionalFields.message': 'Custom Message',
	'additionalFields.emailtemplate': 'Email Template ID',
	...settingsLabels,
};

/** One document of the case, before it is put into the request. */
interface PreparedDocument {
	name: string;
	/** Inline content (binary or base64 source); `base64` when the user gave the text itself (sent as it is). */
	content?: { size: number; mimeType: string; read: () => Promise<Buffer | Readable>; reopen: () => Promise<Buffer | Readable>; base64?: string };
	url?: string;
	meta: IDataObject;
}

const MIME_BY_EXT: Record<string, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function mimeOf(name: string, fallback = 'application/pdf'): string {
	return MIME_BY_EXT[name.split('.').pop()?.toLowerCase() ?? ''] ?? fallback;
}

function nameFromUrl(url: string): string {
	try {
		const last = new URL(url).pathname.split('/').filter(Boolean).pop();
		return last ? decodeURIComponent(last) : 'document.pdf';
	} catch {
		return 'document.pdf';
	}
}

async function toBuffer(data: Buffer | Readable): Promise<Buffer> {
	if (Buffer.isBuffer(data)) return data;
	const chunks: Buffer[] = [];
	for await (const chunk of data) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
	return Buffer.concat(chunks);
}

/** Uploads one file to the v3 file host and returns the URL to put into `documents[].file`. */
export async function uploadFile(
	client: NextSignClient,
	itemIndex: number,
	file: { name: string; mimeType: string; size?: number; read: () => Promise<Buffer | Readable>; reopen: () => Promise<Buffer | Readable> },
): Promise<IDataObject> {
	return await client.files.json<IDataObject>({
		method: 'POST',
		url: NEXTSIGN.files.upload(client.company),
		itemIndex,
		timeout: 30 * 60_000,
		// A repeated upload only stores an unused copy (no case, nothing sent), so a failed upload may be retried.
		safety: 'read',
		expect: 'field:url',
		// Each send of the body calls `read` again: the first time it hands out what was already read, then it reopens.
		body: async () =>
			await multipartBody([
				{ field: 'file', file: { open: file.read, size: file.size }, fileName: file.name, contentType: file.mimeType },
				{ field: 'name', value: file.name },
				{ field: 'type', value: file.mimeType },
			]),
	});
}

/**
 * An upper bound of `Buffer.byteLength(JSON.stringify(value))` without building the text: every character counted as
 * the longest it can become (an escape such as \u0000 is 6 bytes; no character takes more in UTF-8).
 */
export function jsonBound(value: unknown): number {
	if (typeof value === 'string') return value.length * 6 + 2;
	if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return 24;
	if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + jsonBound(v) + 1, 2);
	if (typeof value === 'object') return Object.entries(value).reduce((sum, [k, v]) => sum + k.length * 6 + 3 + jsonBound(v) + 1, 2);
	return 24;
}

/** Length of the base64 text of `bytes` bytes. */
export const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/** Case → Create's input as explicit values: the editor's fields, documents and recipients as plain rows. */
export interface CaseCreateInput {
	title: unknown;
	/** Rows of the Documents list (`signatories` as a list or as comma-separated text). */
	documents: IDataObject[];
	recipients: IDataObject[];
	autoSend: unknown;
	signingSchemas: unknown;
	additionalFields: IDataObject;
	settings: IDataObject;
}

export async function execute(this: IExecuteFunctions, i: number, client: NextSignClient): Promise<OperationResult> {
	const raw = params(this, i, { title: '', documents: {}, recipients: {}, autoSend: true, signingSchemas: [], additionalFields: {}, settings: {} });
	const created = await createCase(this, client, i, {
		title: raw.title,
		autoSend: raw.autoSend,
		signingSchemas: raw.signingSchemas,
		documents: rows(raw.documents, 'document'),
		recipients: recipientRows(raw.recipients),
		additionalFields: (raw.additionalFields ?? {}) as IDataObject,
		settings: (raw.settings ?? {}) as IDataObject,
	});
	if (!wantsSimplify(this, i)) return created;
	return { ...simplifyCase(created), notices: created.notices, documentTransfer: created.documentTransfer, ...(created.uploadedDocuments ? { uploadedDocuments: created.uploadedDocuments } : {}) };
}

/**
 * `POST case/create` (docs/case-create) from explicit inputs, validated as the editor labels them (`fieldLabels`):
 * documents inline while the request stays under 3.5 MB, uploaded to the v3 file host first otherwise. Used by
 * Case → Create and by the E-Signature adapter.
 */
export async function createCase(ctx: IExecuteFunctions, client: NextSignClient, i: number, raw: CaseCreateInput, fieldLabels: Labels = labels): Promise<IDataObject> {
	const { title, ...others } = raw;
	const input = {
		...others,
		documents: raw.documents.map((d) => ({ ...d, signatories: Array.isArray(d.signatories) ? d.signatories : splitList(d.signatories) })),
		recipients: raw.recipients.map((r) => ({ ...r, cpr: normalizeCpr(r.cpr) })),
	};
	const p = { ...validate(ctx, titleSchema, { title }, i, fieldLabels), ...validateRepeated(ctx, schema, input, i, fieldLabels) };
	checkCprs(ctx, p.recipients, i);
	const sensitive = cprsOf(p.recipients);

	// Read every document (binaries streamed when n8n keeps them outside memory), then decide how to send them.
	const prepared: PreparedDocument[] = [];
	for (const d of p.documents) {
		const meta: IDataObject = { signObligated: d.signObligated, documentMustBeRead: d.documentMustBeRead };
		if (d.signatories.length) meta.signatories = d.signatories;
		if (d.source === 'url') {
			prepared.push({ name: d.name || nameFromUrl(d.url!), url: d.url!, meta });
		} else if (d.source === 'base64') {
			const raw = d.base64 ?? '';
			const text = /\s/.test(raw) ? raw.replace(/\s/g, '') : raw;
			// Decoded only if it has to be uploaded; inline, the text goes out as it is.
			const read = async () => Buffer.from(text, 'base64');
			prepared.push({ name: d.name!, content: { size: Buffer.byteLength(text, 'base64'), mimeType: mimeOf(d.name!), read, reopen: read, base64: text }, meta });
		} else {
			const file = await readBinary(ctx, i, d.binaryPropertyName!);
			let first: Buffer | Readable | undefined = file.data;
			const read = async () => {
				const data = first ?? (await file.reopen());
				first = undefined;
				return data;
			};
			let size = file.size;
			if (size === undefined) {
				const buffer = await toBuffer(await read());
				size = buffer.length;
				first = buffer;
			}
			const name = d.name || file.fileName;
			prepared.push({ name, content: { size, mimeType: file.mimeType === 'application/octet-stream' ? mimeOf(name) : file.mimeType, read, reopen: file.reopen }, meta });
		}
	}

	const a = p.additionalFields;
	const body: IDataObject = {
		title: p.title,
		...compact({ referenceId: a.referenceId, folder: a.folder, user_email: a.user_email, emailtemplate: a.emailtemplate }),
		// Always sent: NextSign documents no default for autoSend.
		autoSend: a.autoSend ?? p.autoSend,
	};
	if (a.message) {
		body.customMessage = true;
		body.message = a.message;
	}
	body.settings = settingsBody(p.settings);
	if (p.signingSchemas.length) body.signingSchemas = p.signingSchemas;
	body.recipients = p.recipients.map(recipientBody);

	// "More than 3.5 MB" of documents must be uploaded first. Whether NextSign counts the files or the request that
	// carries them, the request is the larger of the two: upload when the JSON body with the base64 text would pass it.
	const inline = prepared.filter((d) => d.content);
	const base64Bytes = inline.reduce((sum, d) => sum + (d.content!.base64?.length ?? base64Length(d.content!.size)), 0);
	const rest = () => ({ ...body, documents: prepared.map((d) => ({ name: d.name, file: d.url ?? '', fileIsBlob: true, ...d.meta })) });
	// The exact JSON size only when a cheap upper bound of it does not already settle the question.
	const upload =
		inline.length > 0 &&
		base64Bytes + jsonBound(rest()) > NEXTSIGN.inlineLimitBytes &&
		base64Bytes + Buffer.byteLength(JSON.stringify(rest())) > NEXTSIGN.inlineLimitBytes;
	const uploaded: IDataObject[] = [];
	const documents: IDataObject[] = [];
	try {
		for (const d of prepared) {
			if (d.url) documents.push({ name: d.name, file: d.url, ...d.meta });
			else if (upload) {
				const result = await uploadFile(client, i, { name: d.name, ...d.content! });
				const url = String(result.url);
				uploaded.push({ name: d.name, url });
				documents.push({ name: d.name, file: url, ...d.meta });
			} else {
				const file = d.content!.base64 ?? (await toBuffer(await d.content!.read())).toString('base64');
				documents.push({ name: d.name, file, fileIsBlob: true, ...d.meta });
			}
		}
	} catch (error) {
		throw uploaded.length ? attachLeftBehind(error, { uploadedDocuments: uploaded }) : error;
	}
	body.documents = documents;

	let response: IDataObject;
	try {
		response = await client.cases.json<IDataObject>({
			method: 'POST',
			url: NEXTSIGN.cases.create(client.company),
			itemIndex: i,
			body,
			sensitive,
			expect: 'field:data',
			timeout: 10 * 60_000,
			appliedHint: `Use Case → Get Many${a.folder ? ` in folder "${a.folder}"` : ''} and look for "${p.title}" before creating it again (NextSign has no duplicate protection).`,
		});
	} catch (error) {
		const safe = scrubbedError(ctx, error, sensitive, i);
		throw uploaded.length ? attachLeftBehind(safe, { uploadedDocuments: uploaded }) : safe;
	}
	const data = response.data as IDataObject;
	const out: IDataObject = { caseId: data._id ?? data.id, ...data, notices: (response.notices as IDataObject[]) ?? [] };
	out.documentTransfer = upload ? 'uploaded' : 'inline';
	if (uploaded.length) out.uploadedDocuments = uploaded;
	return safeOutput(out, sensitive);
}
