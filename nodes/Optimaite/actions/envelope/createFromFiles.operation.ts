/**
 * Signing Envelope → Create From Files: the one-step send. Uploads each file from the input item's binary fields to
 * the case (`POST /documents`), then creates the envelope over them (`POST /cases/{id}/signing-envelopes`). The same
 * requests as Document → Upload and Signing Envelope → Create (their functions), in one node; the E-Signature node's
 * Send for Signature runs this too.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { attachLeftBehind } from '../../../shared/execute';
import { params, rows, splitList } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { caseLocator, id, optimaiteSimplifyField, optionalId, recordLabels, requiredText, wantsSimplify } from '../common';
import { uploadDocument } from '../document/upload.operation';
import { simplifyEnvelope } from '../simplify';
import type { EnvelopeInput } from './create.operation';
import { createEnvelope, sendEmailsField, signerLabels, signerSchema, signersFields, signingOrderField, titleField } from './create.operation';

const show = { resource: ['envelope'], operation: ['createFromFiles'] };

export const description: INodeProperties[] = [
	...caseLocator(show, 'The case to upload the files to; the envelope belongs to it'),
	titleField(show),
	{
		displayName: 'Input Binary Fields',
		name: 'binaryPropertyNames',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data, appendix',
		hint: 'The names of the input fields holding the files to sign, separated by commas',
		description: 'Each file is uploaded to the case and signed in this envelope, in this order',
		displayOptions: { show },
	},
	...signersFields(show),
	signingOrderField(show),
	sendEmailsField(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [{ displayName: 'Folder ID', name: 'folderId', type: 'string', default: '', placeholder: 'e.g. fld_01ABCDEF', description: 'ID of the folder to put the uploaded files in' }],
	},
	optimaiteSimplifyField(show),
];

export const sendFilesSchema = z.object({
	caseId: id('Case ID'),
	title: requiredText,
	binaryPropertyNames: z.array(z.string().trim().min(1)).min(1),
	signers: z.array(signerSchema).min(1),
	signingOrder: z.enum(['sequential', 'parallel']).optional(),
	sendEmails: z.boolean(),
	folderId: optionalId('Folder ID'),
});

export type SendFilesInput = Omit<EnvelopeInput, 'documentIds'> & { binaryPropertyNames: string[]; folderId?: string };

/**
 * Uploads every file, then creates the envelope. Every binary field is checked before the first request; a failure
 * after an upload names what was left behind in the case (`leftBehind`: the uploaded document ids).
 */
export async function sendFiles(ctx: IExecuteFunctions, client: OptimaiteClient, i: number, input: SendFilesInput, fieldLabel = 'Input Binary Fields'): Promise<{ envelope: IDataObject; documents: IDataObject[] }> {
	const item = ctx.getInputData()[i];
	const missing = input.binaryPropertyNames.filter((name) => !item?.binary?.[name]);
	if (missing.length) {
		throw new NodeOperationError(ctx.getNode(), `The input item has no file in ${missing.map((m) => `"${m}"`).join(', ')} (named in "${fieldLabel}") [item ${i}]`, {
			itemIndex: i,
			description: `The item's binary fields are: ${Object.keys(item?.binary ?? {}).join(', ') || 'none'}. Name the fields that hold the files to sign.`,
		});
	}
	const documents: IDataObject[] = [];
	try {
		for (const binaryPropertyName of input.binaryPropertyNames) {
			documents.push(await uploadDocument(ctx, client, i, { caseId: input.caseId, binaryPropertyName, folderId: input.folderId }));
		}
		const envelope = await createEnvelope(client, { ...input, documentIds: documents.map((d) => String(d.id)) }, i);
		return { envelope, documents };
	} catch (error) {
		throw namingUploads(error, input.caseId, documents);
	}
}

/** A failure after an upload names what was left behind in the case (none uploaded: the error as it is). */
function namingUploads(error: unknown, caseId: string, documents: IDataObject[]): unknown {
	if (!documents.length) return error;
	const e = error as { description?: string | null };
	e.description = `${e.description ?? ''} Uploaded to case ${caseId} before this failed: ${documents.map((d) => `${String(d.filename)} (${String(d.id)})`).join(', ')} — reuse them with Signing Envelope → Create, or delete them with Document → Delete.`.trim();
	return attachLeftBehind(error, { caseId, uploadedDocumentIds: documents.map((d) => d.id) });
}

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const raw = params(this, i, { caseId: '', title: '', binaryPropertyNames: 'data', signers: {}, signingOrder: 'sequential', sendEmails: true, options: {} });
	const p = validate(
		this,
		sendFilesSchema,
		{
			...raw,
			binaryPropertyNames: splitList(raw.binaryPropertyNames),
			signers: rows(raw.signers, 'signer').map((s) => ({ role: 'signer', ...s })),
			folderId: (raw.options as IDataObject | undefined)?.folderId,
		},
		i,
		{ caseId: recordLabels(this).caseId, title: 'Title', binaryPropertyNames: 'Input Binary Fields', ...signerLabels, signingOrder: 'Signing Order', sendEmails: 'Send Emails', folderId: 'Folder ID' },
	);
	const { envelope } = await sendFiles(this, client, i, p);
	return wantsSimplify(this, i) ? simplifyEnvelope(envelope) : envelope;
}
