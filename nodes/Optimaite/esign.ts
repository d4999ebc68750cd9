/**
 * Optimaite behind the provider-neutral E-Signature node and trigger (`nodes/shared/esign.ts`). Every request goes
 * through the Optimaite node's own operations (sendFiles = Signing Envelope → Create From Files, listEnvelopes,
 * downloadSignedDocuments) and every poll through the Optimaite Trigger's logic (pollOptimaite): there is no second
 * implementation of either. How the neutral fields and statuses map to Optimaite's: README, Optimaite section,
 * "E-Signature node mapping".
 *
 * An Optimaite envelope lives in a case and is only readable through its case (`GET /cases/{case}/signed-documents`),
 * so the neutral envelope ID is `<case id>/<envelope id>`.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { Capabilities, EnvelopeStatus, ESignAdapter, NeutralEnvelope, NeutralEvent, NeutralEventName, NeutralSigner, SendInput, SignerStatus } from '../shared/esign';
import { newest, toMs } from '../shared/polling';
import { splitList } from '../shared/params';
import { validate } from '../shared/validation';
import { id, optionalId, requiredText } from './actions/common';
import { downloadSignedDocuments } from './actions/envelope/downloadSigned.operation';
import { listEnvelopes } from './actions/envelope/getMany.operation';
import { sendFiles } from './actions/envelope/createFromFiles.operation';
import { CASE_IDS_FIELD, MAX_REQUESTS_FIELD } from './OptimaiteTrigger.node';
import { OPTIMAITE, optimaiteClient } from './transport';
import type { EventChoice } from './trigger/events';
import { OPTIMAITE_EVENTS } from './trigger/events';
import type { Watch } from './trigger/poll';
import { pollOptimaite } from './trigger/poll';

/** Optimaite's envelope statuses [C: the signing page's life cycle] → the neutral ones (the same words). */
export const ENVELOPE_STATUS: Record<string, EnvelopeStatus> = {
	draft: 'draft',
	sent: 'sent',
	in_progress: 'in_progress',
	completed: 'completed',
	declined: 'declined',
	expired: 'expired',
};

/** Signer statuses: the signing page shows `pending` and `signed`; `declined` is read if it ever comes. */
const SIGNER_STATUS: Record<string, SignerStatus> = { pending: 'pending', signed: 'signed', declined: 'declined' };

const EVENT_CHOICE: Record<NeutralEventName, EventChoice> = {
	completed: 'completed',
	declined: 'declined',
	expired: 'expired',
	'signer.signed': 'signerSigned',
};

const NEUTRAL_EVENT: Record<string, NeutralEventName> = {
	[OPTIMAITE_EVENTS.completed]: 'completed',
	[OPTIMAITE_EVENTS.declined]: 'declined',
	[OPTIMAITE_EVENTS.expired]: 'expired',
	[OPTIMAITE_EVENTS.signerSigned]: 'signer.signed',
};

export const OPTIMAITE_CAPABILITIES: Capabilities = {
	// signing_order "sequential" [C: the signing page's example]; the signers sign in the order listed.
	sequentialOrder: true,
	// "parallel" is not in the API docs (only the product docs mention parallel signing) [G value.parallel].
	parallelOrder: false,
	// A signer is name, email and role [C]: no phone, no national ID.
	nationalId: false,
	phone: false,
	// The life cycle has "expired" (deadline passed), but the create body has no deadline field [C].
	dueDate: false,
	// The create body has no message field; Optimaite sends its own magic-link email [C].
	message: false,
	// document_ids is a list [C].
	multipleDocuments: true,
	// No API call voids or deletes an envelope [C: the signing page lists create, promote and the list only].
	cancel: false,
	// No audit trail document is documented.
	auditTrail: false,
	// The Optimaite Trigger reads each envelope's status and each signer's status from the documented list: every
	// event fires once (delayed, never lost, when there are more cases than the request budget).
	events: { completed: true, declined: true, expired: true, 'signer.signed': true },
};

/** Optimaite-only choices of Send for Signature ("Provider Options"). */
export const OPTIMAITE_SEND_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Case ID',
		name: 'caseId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
		description: 'Required for Optimaite: the case the files are uploaded to (every Optimaite envelope belongs to a case)',
	},
	{
		displayName: 'Folder ID',
		name: 'folderId',
		type: 'string',
		default: '',
		placeholder: 'e.g. fld_01ABCDEF',
		description: 'ID of the case folder to put the uploaded files in',
	},
	{
		displayName: 'Send Emails',
		name: 'sendEmails',
		type: 'boolean',
		default: true,
		description: 'Whether Optimaite emails each signer a magic link to sign',
	},
];

/** What the E-Signature trigger watches in Optimaite (the Optimaite Trigger's own fields). */
export const OPTIMAITE_TRIGGER_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		options: [
			{ name: 'All Active Cases', value: 'allActive', description: 'Every case whose status is active' },
			{ name: 'Specific Cases', value: 'cases', description: 'Only the cases in "Case IDs"' },
		],
		default: 'allActive',
	},
	{ ...CASE_IDS_FIELD, required: false, displayOptions: undefined, description: 'With "Specific Cases": IDs of the cases to watch, separated by commas' },
	MAX_REQUESTS_FIELD,
];

const ref = z.object({ caseId: id('Case ID'), envelopeId: id('Envelope ID') });

/** `<case id>/<envelope id>` → both, or a clear error naming the form. */
export function parseEnvelopeId(ctx: IExecuteFunctions, itemIndex: number, envelopeId: string): { caseId: string; envelopeId: string } {
	const text = String(envelopeId ?? '').trim();
	const slash = text.indexOf('/');
	if (slash <= 0) {
		throw new NodeOperationError(ctx.getNode(), `Invalid "Envelope ID" for Optimaite: "${text.slice(0, 100)}" is not "<case id>/<envelope id>" [item ${itemIndex}]`, {
			itemIndex,
			description:
				'An Optimaite envelope is only readable through its case, so the E-Signature node names it "<case id>/<envelope id>" — as Send for Signature and the E-Signature Trigger return it (e.g. 550e8400-e29b-41d4-a716-446655440000/env_01ABCDEFG).',
		});
	}
	return validate(ctx, ref, { caseId: text.slice(0, slash), envelopeId: text.slice(slash + 1) }, itemIndex, { caseId: 'Envelope ID', envelopeId: 'Envelope ID' });
}

export const neutralId = (caseId: string, envelopeId: unknown) => `${caseId}/${String(envelopeId)}`;

function neutralSigner(s: IDataObject): NeutralSigner {
	const out: NeutralSigner = { status: SIGNER_STATUS[String(s.status)] ?? 'unknown' };
	if (typeof s.name === 'string') out.name = s.name;
	if (typeof s.email === 'string') out.email = s.email;
	const signedAt = toMs(s.signed_at);
	if (signedAt !== undefined) out.signedAt = new Date(signedAt).toISOString();
	return out;
}

/** An envelope object or list entry of `caseId` in the neutral vocabulary. */
export function neutralEnvelope(caseId: string, envelope: IDataObject): NeutralEnvelope {
	const signers = Array.isArray(envelope.signers) ? (envelope.signers as IDataObject[]) : [];
	return {
		provider: 'optimaite',
		envelopeId: neutralId(caseId, envelope.id),
		// A status Optimaite does not document is shown as sent (still out for signature) with the raw answer beside it.
		status: ENVELOPE_STATUS[String(envelope.status)] ?? 'sent',
		signers: signers.map(neutralSigner),
		providerResponse: envelope,
	};
}

const sendSchema = z.object({
	caseId: id('Case ID'),
	title: requiredText,
	binaryPropertyNames: z.array(z.string().trim().min(1)).min(1),
	signers: z.array(z.object({ name: requiredText, email: z.string().trim().email() })).min(1),
	folderId: optionalId('Folder ID'),
	sendEmails: z.boolean(),
});

const sendLabels = {
	caseId: 'Provider Options › Case ID',
	title: 'Title',
	binaryPropertyNames: 'Documents',
	signers: 'Signers',
	'signers.name': 'Name',
	'signers.email': 'Email',
	folderId: 'Provider Options › Folder ID',
	sendEmails: 'Provider Options › Send Emails',
};

/** Refuses what Optimaite cannot honour (the neutral node checks capabilities first; this holds for direct callers too). */
function refuseUnsupported(ctx: IExecuteFunctions, itemIndex: number, input: SendInput) {
	const problems: string[] = [];
	if (input.message) problems.push('a message (Optimaite sends its own signing email)');
	if (input.dueDate) problems.push('a due date (the create request has no deadline)');
	if (input.signingOrder === 'parallel') problems.push('parallel signing (only sequential order is documented)');
	input.signers.forEach((s, n) => {
		if (s.phone) problems.push(`a phone number for signer ${n + 1}`);
		if (s.nationalId) problems.push(`a national ID for signer ${n + 1}`);
	});
	if (problems.length) {
		throw new NodeOperationError(ctx.getNode(), `Optimaite cannot take ${problems.join(', ')} [item ${itemIndex}]`, {
			itemIndex,
			description: 'Remove these from Send for Signature for Optimaite, or use the Optimaite node for what Optimaite offers.',
		});
	}
}

export const optimaiteAdapter: ESignAdapter = {
	provider: 'optimaite',
	displayName: 'Optimaite',
	credentialType: OPTIMAITE.credentialType,
	capabilities: OPTIMAITE_CAPABILITIES,
	sendOptions: OPTIMAITE_SEND_OPTIONS,
	triggerOptions: OPTIMAITE_TRIGGER_OPTIONS,

	async send(ctx, itemIndex, input) {
		refuseUnsupported(ctx, itemIndex, input);
		const o = input.providerOptions ?? {};
		const p = validate(
			ctx,
			sendSchema,
			{
				caseId: o.caseId ?? '',
				title: input.title,
				binaryPropertyNames: input.binaryPropertyNames,
				signers: input.signers.map((s) => ({ name: s.name, email: s.email })),
				folderId: o.folderId,
				sendEmails: o.sendEmails !== false,
			},
			itemIndex,
			sendLabels,
		);
		const client = await optimaiteClient(ctx);
		const { envelope } = await sendFiles(
			ctx,
			client,
			itemIndex,
			{ ...p, signers: p.signers.map((s) => ({ ...s, role: 'signer' as const })), signingOrder: input.signingOrder },
			'Documents',
		);
		return neutralEnvelope(p.caseId, envelope);
	},

	async getStatus(ctx, itemIndex, envelopeId) {
		const ids = parseEnvelopeId(ctx, itemIndex, envelopeId);
		const client = await optimaiteClient(ctx);
		const found = (await listEnvelopes(client, ids.caseId, itemIndex)).find((e) => String(e.id) === ids.envelopeId);
		if (!found) {
			throw new NodeOperationError(ctx.getNode(), `Envelope ${ids.envelopeId} is not one of the signing envelopes of case ${ids.caseId}`, {
				itemIndex,
				description: 'Check the Envelope ID: use the one Send for Signature or the E-Signature Trigger returned ("<case id>/<envelope id>").',
			});
		}
		return neutralEnvelope(ids.caseId, found);
	},

	async download(ctx, itemIndex, envelopeId, what, binaryPropertyName): Promise<INodeExecutionData[]> {
		const ids = parseEnvelopeId(ctx, itemIndex, envelopeId);
		if (what === 'auditTrail') {
			throw new NodeOperationError(ctx.getNode(), 'Optimaite has no audit trail document to download through its API', {
				itemIndex,
				description: 'Download the signed documents instead.',
			});
		}
		const client = await optimaiteClient(ctx);
		const items = await downloadSignedDocuments(ctx, client, itemIndex, { ...ids, binaryPropertyName });
		return items.map((item) => ({ ...item, json: { provider: 'optimaite', ...item.json, envelopeId: neutralId(ids.caseId, ids.envelopeId), optimaiteEnvelopeId: ids.envelopeId } }));
	},

	async cancel(ctx, itemIndex, envelopeId) {
		parseEnvelopeId(ctx, itemIndex, envelopeId);
		throw new NodeOperationError(ctx.getNode(), 'Optimaite’s API cannot void or delete a signing envelope', {
			itemIndex,
			description: 'Cancel it in Optimaite itself (the API documents only creating envelopes, promoting documents and listing a case’s envelopes).',
		});
	},

	async poll(ctx: IPollFunctions, events: NeutralEventName[], providerOptions: IDataObject): Promise<NeutralEvent[] | null> {
		const watch: Watch = providerOptions.watch === 'cases' ? 'cases' : 'allActive';
		const found = await pollOptimaite(ctx, {
			watch,
			caseIds: watch === 'cases' ? splitList(providerOptions.caseIds) : [],
			events: events.map((e) => EVENT_CHOICE[e]).filter(Boolean),
			maxRequests: Number(providerOptions.maxRequests ?? 5),
			simplify: false,
		});
		const items = found?.[0] ?? [];
		if (!items.length) return null;
		return items.map(({ json }) => {
			const caseId = String(json.caseId);
			const envelope = (json.envelope ?? {}) as IDataObject;
			const event: NeutralEvent = { provider: 'optimaite', envelopeId: neutralId(caseId, json.envelopeId), event: NEUTRAL_EVENT[String(json.event)], providerEvent: json };
			if (json.signer) {
				event.signer = neutralSigner(json.signer as IDataObject);
				if (event.signer.signedAt) event.occurredAt = event.signer.signedAt;
			} else if (json.event === OPTIMAITE_EVENTS.completed) {
				// Completed at completed_at, or at the last signature (the documented list has no completion time).
				const signers = Array.isArray(envelope.signers) ? (envelope.signers as IDataObject[]) : [];
				const at = toMs(envelope.completed_at) ?? newest(...signers.map((s) => toMs(s.signed_at)));
				if (at !== undefined) event.occurredAt = new Date(at).toISOString();
			}
			return event;
		});
	},
};
