import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { sinceVersion } from '../../../shared/locator';
import { params, rows, splitList } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { caseLocator, documentIdsFields, id, optimaiteSimplifyField, recordLabels, requiredText, V2, wantsSimplify } from '../common';
import { simplifyEnvelope } from '../simplify';

const show = { resource: ['envelope'], operation: ['create'] };

export const SIGNER_ROLES = ['signer', 'approver', 'cc'] as const;

const roleField: INodeProperties = {
	displayName: 'Role',
	name: 'role',
	type: 'options',
	options: [
		{ name: 'Signer', value: 'signer', description: 'Signs the documents' },
		{ name: 'Approver (Unconfirmed)', value: 'approver', description: 'Approves without a signature. Not in Optimaite’s API docs: may be refused.' },
		{ name: 'CC (Unconfirmed)', value: 'cc', description: 'Receives a copy only. Not in Optimaite’s API docs: may be refused.' },
	],
	default: 'signer',
	hint: 'Optimaite’s API docs show only the role "signer"; approver and CC are sent as "approver" and "cc" and are not confirmed',
};

/** A signer row: name first, then email, then the role. */
export const SIGNER_VALUES: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'e.g. John Smith' },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'e.g. name@email.com', default: '', required: true },
	roleField,
];

/** Signers: version 2 starts with one empty row (version 1 with none, as saved workflows have it). */
export function signersFields(showOn: Record<string, string[]>, description = 'People who sign, in signing order when the order is sequential'): INodeProperties[] {
	const base: INodeProperties = {
		displayName: 'Signers',
		name: 'signers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add signer',
		default: {},
		required: true,
		description,
		displayOptions: { show: showOn },
		options: [{ displayName: 'Signer', name: 'signer', values: SIGNER_VALUES }],
	};
	return sinceVersion(V2, base, { ...base, default: { signer: [{ name: '', email: '', role: 'signer' }] } });
}

export function signingOrderField(showOn: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Signing Order',
		name: 'signingOrder',
		type: 'options',
		options: [
			{ name: 'Sequential', value: 'sequential', description: 'One after another, in the order listed' },
			{ name: 'Parallel (Unconfirmed)', value: 'parallel', description: 'Everyone at the same time. Sent as "parallel", which Optimaite’s API docs do not show.' },
		],
		default: 'sequential',
		hint: 'The API docs show "sequential"; Optimaite’s product docs mention parallel signing, sent here as "parallel" (unconfirmed)',
		displayOptions: { show: showOn },
	};
}

export function sendEmailsField(showOn: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Send Emails',
		name: 'sendEmails',
		type: 'boolean',
		default: true,
		description: 'Whether Optimaite emails each signer a magic link to sign',
		displayOptions: { show: showOn },
	};
}

export function titleField(showOn: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Employment Agreement – Smith',
		description: 'Title signers see in the signing email and page (at most 255 characters: this node’s limit, Optimaite documents none)',
		displayOptions: { show: showOn },
	};
}

export const description: INodeProperties[] = [
	...caseLocator(show, 'The case the envelope belongs to'),
	titleField(show),
	...documentIdsFields(show, 'The case documents to sign (from Document → Upload)'),
	...signersFields(show),
	signingOrderField(show),
	sendEmailsField(show),
	optimaiteSimplifyField(show),
];

export const signerSchema = z.object({ name: requiredText, email: z.string().trim().email(), role: z.enum(SIGNER_ROLES) });

const schema = z.object({
	caseId: id('Case ID'),
	title: requiredText,
	documentIds: z.array(id()).min(1),
	signers: z.array(signerSchema).min(1),
	signingOrder: z.enum(['sequential', 'parallel']),
	sendEmails: z.boolean(),
});

/** Labels as the editor shows them: "Email" in the Signers list (`"Email" (signer 2)`). */
export const signerLabels = { signers: 'Signers', 'signers.name': 'Name', 'signers.email': 'Email', 'signers.role': 'Role' };

export interface EnvelopeInput {
	caseId: string;
	title: string;
	documentIds: string[];
	signers: Array<{ name: string; email: string; role: (typeof SIGNER_ROLES)[number] }>;
	/** Left out: not sent (Optimaite's default). */
	signingOrder?: 'sequential' | 'parallel';
	sendEmails: boolean;
}

/** `POST /cases/{case_id}/signing-envelopes` (documents:write) → the envelope object. Never sent twice. */
export async function createEnvelope(client: OptimaiteClient, input: EnvelopeInput, itemIndex?: number): Promise<IDataObject> {
	return await client.json<IDataObject>({
		method: 'POST',
		url: OPTIMAITE.paths.caseEnvelopes(input.caseId),
		itemIndex,
		body: {
			title: input.title,
			document_ids: input.documentIds,
			signers: input.signers,
			...(input.signingOrder ? { signing_order: input.signingOrder } : {}),
			send_emails: input.sendEmails,
		},
		scope: 'documents:write',
		appliedHint: `Use Signing Envelope → Get Many for case ${input.caseId} and look for "${input.title}" before creating it again.`,
	});
}

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const names = recordLabels(this);
	const raw = params(this, i, { caseId: '', title: '', documentIds: '', signers: {}, signingOrder: 'sequential', sendEmails: true });
	const p = validate(
		this,
		schema,
		{ ...raw, documentIds: splitList(raw.documentIds), signers: rows(raw.signers, 'signer').map((s) => ({ role: 'signer', ...s })) },
		i,
		{ caseId: names.caseId, title: 'Title', documentIds: names.documentIds, ...signerLabels, signingOrder: 'Signing Order', sendEmails: 'Send Emails' },
	);
	const envelope = await createEnvelope(client, p, i);
	return wantsSimplify(this, i) ? simplifyEnvelope(envelope) : envelope;
}
