/**
 * NextSign behind the provider-neutral E-Signature node and trigger (`nodes/shared/esign.ts`). Every request goes
 * through the NextSign node's own operations (createCase, getCase, downloadSignedDocuments, deleteCase) and every
 * poll through the NextSign Trigger's logic (pollNextSign): there is no second implementation of either.
 * How the neutral fields and statuses map to NextSign's: README, NextSign section, "E-Signature node mapping".
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { Capabilities, EnvelopeStatus, ESignAdapter, NeutralEnvelope, NeutralEvent, NeutralEventName, NeutralSigner, SendInput, SignerStatus } from '../shared/esign';
import { toMs } from '../shared/polling';
import type { Labels } from '../shared/validation';
import { validate } from '../shared/validation';
import { createCase } from './actions/case/create.operation';
import { deleteCase } from './actions/case/delete.operation';
import { getCase } from './actions/case/get.operation';
import { SIGNING_SCHEMA_OPTIONS, id, safeOutput } from './actions/common';
import { downloadSignedDocuments } from './actions/document/downloadSigned.operation';
import type { NextSignClient } from './transport';
import { NEXTSIGN, nextSignClient } from './transport';
import type { EventChoice } from './trigger/events';
import { NEXTSIGN_EVENTS } from './trigger/events';
import { findListed } from './trigger/lists';
import { pollNextSign } from './NextSignTrigger.node';

const DAY_MS = 24 * 3600_000;

/** Neutral events → the NextSign Trigger's events. */
const EVENT_CHOICE: Record<NeutralEventName, EventChoice> = {
	completed: 'caseSigned',
	declined: 'caseDenied',
	expired: 'caseExpired',
	'signer.signed': 'recipientSigned',
};

const NEUTRAL_EVENT: Record<string, NeutralEventName> = {
	[NEXTSIGN_EVENTS.caseSigned]: 'completed',
	[NEXTSIGN_EVENTS.caseDenied]: 'declined',
	[NEXTSIGN_EVENTS.caseExpired]: 'expired',
	[NEXTSIGN_EVENTS.recipientSigned]: 'signer.signed',
};

export const NEXTSIGN_CAPABILITIES: Capabilities = {
	// recipients[].group [C: docs/case-create]: lower groups are invited first, one group signs in parallel.
	sequentialOrder: true,
	parallelOrder: true,
	// recipients[].needsCpr + cpr [C: docs/case-create]: a Danish CPR number, proven with MitID before signing.
	nationalId: true,
	// recipients[].phone with type "phone" (SMS delivery) [C: docs/case-create].
	phone: true,
	// settings.availability.days [C: docs/case-create]: whole days, so a due date is rounded up to the next full day.
	dueDate: true,
	// customMessage + message [C: docs/case-create].
	message: true,
	multipleDocuments: true,
	// GET case/{id}/delete [C: docs/case-delete]; NextSign documents no void or recall.
	cancel: 'delete',
	// No audit trail or signing evidence document is documented (signedDocuments[] only).
	auditTrail: false,
	events: {
		// The documented status=signed and status=denied list filters.
		completed: true,
		declined: true,
		// settings.availability.isExpired (documented), read once per open case and again at its expiration date.
		expired: true,
		// Not dependable: recipients[].signed is documented only as "pending"; what it says once a recipient signed is
		// our guess (NEXTSIGN_GUESSES recipient.signed), so a signature may be told late or, in a denied case, not at all.
		'signer.signed': false,
	},
};

/** The NextSign-only choices of Send for Signature ("Provider Options"). */
export const NEXTSIGN_SEND_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Allowed Signing Methods',
		name: 'signingSchemas',
		type: 'multiOptions',
		options: SIGNING_SCHEMA_OPTIONS,
		default: [],
		description: 'Signing methods the signers may choose from; empty uses the company default',
	},
	{
		displayName: 'Delivery',
		name: 'delivery',
		type: 'options',
		options: [
			{ name: 'Email', value: 'email', description: 'Invitations by email' },
			{ name: 'Phone (SMS) Where Given', value: 'phone', description: 'Invitations by text message to signers with a phone, by email to the others' },
		],
		default: 'email',
		description: 'How NextSign invites the signers',
	},
	{ displayName: 'Folder', name: 'folder', type: 'string', default: '', placeholder: 'e.g. Contracts', description: 'Name of the NextSign folder to put the case in' },
	{
		displayName: 'Language',
		name: 'lang',
		type: 'options',
		options: [
			{ name: 'Danish', value: 'da' },
			{ name: 'English', value: 'en' },
			{ name: 'German', value: 'de' },
			{ name: 'Norwegian', value: 'no' },
			{ name: 'Swedish', value: 'sv' },
		],
		default: 'da',
		description: 'Language of NextSign’s emails and signing pages',
	},
	{ displayName: 'Reference ID', name: 'referenceId', type: 'string', default: '', placeholder: 'e.g. Jrn. 2342-23', description: 'Your own reference for the case' },
	{ displayName: 'Sender Email', name: 'user_email', type: 'string', default: '', placeholder: 'e.g. info@example.com', description: 'Email of the NextSign user who sends the case' },
];

/** The NextSign-only choices of the E-Signature Trigger ("Provider Options"). */
export const NEXTSIGN_TRIGGER_OPTIONS: INodeProperties[] = [
	{ displayName: 'Folder', name: 'folder', type: 'string', default: '', placeholder: 'e.g. Contracts', description: 'Only cases in this folder' },
];

/** Editor labels for the neutral node's fields, used in validation messages (the neutral node names them so). */
const NEUTRAL_LABELS: Labels = {
	title: 'Title',
	documents: 'Documents',
	'documents.binaryPropertyName': 'Input Binary Fields',
	recipients: 'Signers',
	'recipients.name': 'Name',
	'recipients.email': 'Email',
	'recipients.phone': 'Phone',
	'recipients.cpr': 'National ID',
	signingSchemas: 'Allowed Signing Methods',
	'additionalFields.message': 'Message',
	'additionalFields.user_email': 'Sender Email',
	'settings.availabilityDays': 'Due Date',
	'settings.lang': 'Language',
	autoSend: 'Auto Send',
};

/** A recipient's `signed` value in the neutral vocabulary: "pending" is the only documented value [G recipient.signed]. */
function signerStatus(r: IDataObject, ending: 'signed' | 'denied' | 'expired' | undefined): SignerStatus {
	if (r.signed === 'pending') return ending === 'signed' ? 'signed' : 'pending';
	if (r.signed === 'signed') return 'signed';
	if (ending === 'signed') return 'signed';
	// Another value in an open case: the recipient is no longer waiting — signed, as the trigger reads it [G].
	if (ending === undefined && typeof r.signed === 'string' && r.signed) return 'signed';
	return 'unknown';
}

/** Who a recipient is, and their signing link (`recipients[].url`, in the case-create example answer). */
function signerOf(r: IDataObject): Omit<NeutralSigner, 'status'> {
	const out: Omit<NeutralSigner, 'status'> = { name: r.name as string | undefined, email: (r.email as string | undefined) || undefined };
	if (typeof r.url === 'string' && /^https?:\/\//.test(r.url)) out.signingUrl = r.url;
	return out;
}

/** A case object (case/{id}/get) in the neutral vocabulary; `ending` when the lists (or its details) say how it ended. */
export function neutralEnvelope(c: IDataObject, ending?: 'signed' | 'denied' | 'expired'): NeutralEnvelope {
	const recipients = Array.isArray(c.recipients) ? (c.recipients as IDataObject[]) : [];
	const signers = recipients
		.filter((r) => r.signing !== false)
		.map((r): NeutralSigner => ({ ...signerOf(r), status: signerStatus(r, ending) }));
	let status: EnvelopeStatus;
	if (ending === 'signed') status = 'completed';
	else if (ending === 'denied') status = 'declined';
	else if (ending === 'expired') status = 'expired';
	else status = signers.some((s) => s.status === 'signed') ? 'in_progress' : 'sent';
	return { provider: 'nextsign', envelopeId: String(c._id ?? c.id), status, signers, providerResponse: safeOutput(c) };
}

/**
 * How a case ended, from what is documented: `settings.availability.isExpired`, `reminders.allSigned`; a case whose
 * `state` is no longer "open" (the only documented value) is looked up in the denied, then the signed list.
 */
export async function endingOf(client: NextSignClient, c: IDataObject): Promise<'signed' | 'denied' | 'expired' | undefined> {
	if (((c.settings as IDataObject | undefined)?.availability as IDataObject | undefined)?.isExpired === true) return 'expired';
	if ((c.reminders as IDataObject | undefined)?.allSigned === true) return 'signed';
	if (c.state === undefined || c.state === 'open') return undefined;
	const entry = [{ id: String(c._id ?? c.id), created: toMs(c.createdAt) ?? 0 }];
	const folder = typeof c.folder === 'string' && c.folder ? c.folder : undefined;
	for (const status of ['denied', 'signed'] as const) {
		if ((await findListed(client, { status, folder }, entry)).length) return status;
	}
	return undefined;
}

const envelopeIdSchema = z.object({ caseId: id('Envelope ID') });

function caseIdOf(ctx: IExecuteFunctions, itemIndex: number, envelopeId: string): string {
	return validate(ctx, envelopeIdSchema, { caseId: envelopeId }, itemIndex, { caseId: 'Envelope ID' }).caseId;
}

/** Whole days from now until `dueDate`, rounded up (the case stays signable at least until then). */
function availabilityDays(ctx: IExecuteFunctions, itemIndex: number, dueDate: string): number {
	const at = Date.parse(dueDate);
	if (Number.isNaN(at)) {
		throw new NodeOperationError(ctx.getNode(), `Invalid "Due Date": "${dueDate}" is not a date [item ${itemIndex}]`, {
			itemIndex,
			description: 'Use an ISO 8601 date-time, e.g. 2030-01-31T12:00:00Z.',
		});
	}
	const days = Math.ceil((at - Date.now()) / DAY_MS);
	if (days < 1) {
		throw new NodeOperationError(ctx.getNode(), `Invalid "Due Date": it must be in the future [item ${itemIndex}]`, {
			itemIndex,
			description: 'NextSign keeps a case signable for a number of whole days from now; choose a later date.',
		});
	}
	return days;
}

/** Neutral send input → Case → Create's input (sent right away: autoSend true). */
export function createInputFrom(ctx: IExecuteFunctions, itemIndex: number, input: SendInput) {
	const o = input.providerOptions ?? {};
	const sequential = input.signingOrder === 'sequential';
	const bySms = o.delivery === 'phone';
	return {
		title: input.title,
		documents: input.binaryPropertyNames.map((binaryPropertyName) => ({ source: 'binary', binaryPropertyName, signObligated: true, documentMustBeRead: false })),
		recipients: input.signers.map((s, index) => {
			const r: IDataObject = { name: s.name, email: s.email, signing: true, group: sequential ? index : 0, type: bySms && s.phone ? 'phone' : 'email' };
			if (s.phone) r.phone = s.phone;
			if (s.nationalId) {
				r.needsCpr = true;
				r.cpr = s.nationalId;
			}
			return r;
		}),
		autoSend: true,
		signingSchemas: Array.isArray(o.signingSchemas) ? o.signingSchemas : [],
		additionalFields: { message: input.message || undefined, folder: o.folder, referenceId: o.referenceId, user_email: o.user_email } as IDataObject,
		settings: {
			...(input.dueDate ? { availabilityDays: availabilityDays(ctx, itemIndex, input.dueDate), availabilityUnlimited: false } : {}),
			...(typeof o.lang === 'string' && o.lang ? { lang: o.lang } : {}),
		} as IDataObject,
	};
}

async function client(ctx: IExecuteFunctions | IPollFunctions): Promise<NextSignClient> {
	const c = await nextSignClient(ctx);
	if (!c.company) {
		throw new NodeOperationError(ctx.getNode(), 'The NextSign credential has no company ID', {
			description: 'Open the NextSign credential and enter your company identifier (it is part of every request path).',
		});
	}
	return c;
}

export const nextSignAdapter: ESignAdapter = {
	provider: 'nextsign',
	displayName: 'NextSign',
	credentialType: NEXTSIGN.credentialType,
	capabilities: NEXTSIGN_CAPABILITIES,
	sendOptions: NEXTSIGN_SEND_OPTIONS,
	triggerOptions: NEXTSIGN_TRIGGER_OPTIONS,

	async send(ctx, itemIndex, input) {
		const c = await client(ctx);
		const created = await createCase(ctx, c, itemIndex, createInputFrom(ctx, itemIndex, input), NEUTRAL_LABELS);
		// The created case lists the recipients in the order they were sent.
		const answered = Array.isArray(created.recipients) ? (created.recipients as IDataObject[]) : [];
		const signers = input.signers.map((s, index): NeutralSigner => {
			const r = answered[index]?.email === s.email ? answered[index] : answered.find((a) => a.email === s.email);
			return { ...(r ? signerOf(r) : {}), name: s.name, email: s.email, status: 'pending' };
		});
		return { provider: 'nextsign', envelopeId: String(created.caseId), status: 'sent', signers, providerResponse: created };
	},

	async getStatus(ctx, itemIndex, envelopeId) {
		const caseId = caseIdOf(ctx, itemIndex, envelopeId);
		const c = await client(ctx);
		const found = await getCase(c, caseId, itemIndex);
		return neutralEnvelope(found, await endingOf(c, found));
	},

	async download(ctx, itemIndex, envelopeId, what, binaryPropertyName): Promise<INodeExecutionData[]> {
		const caseId = caseIdOf(ctx, itemIndex, envelopeId);
		if (what === 'auditTrail') {
			throw new NodeOperationError(ctx.getNode(), 'NextSign has no audit trail document to download through its API', {
				itemIndex,
				description: 'Download the signed documents instead: NextSign documents no separate signing evidence file.',
			});
		}
		return await downloadSignedDocuments(ctx, await client(ctx), itemIndex, { caseId, binaryPropertyName });
	},

	async cancel(ctx, itemIndex, envelopeId) {
		const caseId = caseIdOf(ctx, itemIndex, envelopeId);
		const result = await deleteCase(await client(ctx), caseId, itemIndex);
		// NextSign's delete takes no reason.
		return { provider: 'nextsign', envelopeId: caseId, cancelled: true, how: 'deleted', deletedCount: result.deletedCount };
	},

	async poll(ctx: IPollFunctions, events: NeutralEventName[], providerOptions: IDataObject): Promise<NeutralEvent[] | null> {
		const folder = typeof providerOptions?.folder === 'string' ? providerOptions.folder : undefined;
		const found = await pollNextSign(ctx, { events: events.map((e) => EVENT_CHOICE[e]).filter(Boolean), folder });
		const items = found?.[0] ?? [];
		if (!items.length) return null;
		return items.map(({ json }) => {
			const event: NeutralEvent = { provider: 'nextsign', envelopeId: String(json.caseId), event: NEUTRAL_EVENT[String(json.event)], providerEvent: json };
			const at = toMs(json.updatedAt);
			if (at !== undefined) event.occurredAt = new Date(at).toISOString();
			if (json.recipient && typeof json.recipient === 'object') {
				const r = json.recipient as IDataObject;
				event.signer = { name: r.name as string | undefined, email: (r.email as string | undefined) || undefined, status: 'signed' };
			}
			return event;
		});
	},
};
