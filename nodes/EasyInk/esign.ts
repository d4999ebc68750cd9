/**
 * EasyInk behind the provider-neutral E-Signature node (`nodes/shared/esign.ts`). Every request goes through the
 * EasyInk node's own code: Create and Send (`createAndSendSession`), Signing Session → Get, Draft → Get, Void
 * (`voidSession`), Download All-in-One Document (`downloadAllInOne`) and the EasyInk Trigger's poll (`pollEasyInk`).
 * How the neutral fields and statuses map to EasyInk's is in the README ("E-Signature node mapping").
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type {
	Capabilities,
	ESignAdapter,
	EnvelopeStatus,
	NeutralEnvelope,
	NeutralEvent,
	NeutralEventName,
	NeutralSigner,
	SendInput,
	SignerStatus,
} from '../shared/esign';
import { redact } from '../shared/redact';
import { validate } from '../shared/validation';
import { LANGUAGES, LIMITS, PARTICIPANT_LABELS, REMINDER_FREQUENCIES, subject, uuid, voidReason } from './actions/common';
import { getDraft } from './actions/draft/get.operation';
import { createAndSendSchema, createAndSendSession } from './actions/session/createAndSend.operation';
import { getSession } from './actions/session/get.operation';
import { voidSession } from './actions/session/void.operation';
import { downloadAllInOne } from './actions/signedOutput/downloadAllInOne.operation';
import { EASYINK_CREDENTIAL, easyInkClient } from './transport';
import type { EventChoice } from './trigger/read';
import { EASYINK_EVENTS } from './trigger/read';
import { pollEasyInk } from './trigger/poll';

/** EasyInk's session status → the neutral one. A draft converted to Ready to Start is still not sent. */
export const EASYINK_ENVELOPE_STATUS: Record<string, EnvelopeStatus> = {
	Draft: 'draft',
	ReadyToStart: 'draft',
	Pending: 'sent',
	InProgress: 'in_progress',
	Finished: 'completed',
	Declined: 'declined',
	Voided: 'voided',
	Expired: 'expired',
};

/**
 * A started session's participant status → the neutral one. EasyInk documents "Pending" and "Signed"; "Declined" is
 * taken at its word [G] (`status.participant` in EASYINK_GUESSES). EasyInk has no "viewed" status; anything else (e.g. a participant of a sequential session
 * not invited yet, whose status EasyInk does not document) is "unknown".
 */
export const EASYINK_SIGNER_STATUS: Record<string, SignerStatus> = { Pending: 'pending', Signed: 'signed', Declined: 'declined' };

/** Neutral event → the EasyInk Trigger's event choice, and the event that choice fires. */
const EVENT_CHOICE: Record<NeutralEventName, EventChoice> = {
	'signer.signed': 'participantSigned',
	completed: 'sessionFinished',
	declined: 'declined',
	expired: 'expired',
};
const NEUTRAL_EVENT: Record<string, NeutralEventName> = Object.fromEntries(
	(Object.entries(EVENT_CHOICE) as Array<[NeutralEventName, EventChoice]>).map(([neutral, choice]) => [EASYINK_EVENTS[choice], neutral]),
);

/** What a neutral Cancel tells the participants when no reason is given (EasyInk requires one, 1–1000 characters). */
export const DEFAULT_VOID_REASON = 'Cancelled by the sender';
/** How long Download waits for EasyInk to prepare the all-in-one document after the last signature. */
export const DOWNLOAD_WAIT_SECONDS = 60;

export const EASYINK_CAPABILITIES: Capabilities = {
	sequentialOrder: true, // PUT …/signingOrder/oneByOne [C]
	parallelOrder: true, // PUT …/signingOrder/allAtOnce, the default [C]
	nationalId: false, // no national id field in the participant model
	phone: true, // 10 digits, the SMS delivery contact [C]
	dueDate: false, // no due date or expiry field to set
	message: false, // the draft has a subject only
	multipleDocuments: true,
	cancel: 'void', // POST …/voided with a reason [C]; started sessions cannot be deleted
	auditTrail: false, // no separate document: the all-in-one document ends with the audit trail
	events: { 'signer.signed': true, completed: true, declined: true, expired: true },
};

const sendOptions: INodeProperties[] = [
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: LANGUAGES.map((l) => ({ name: l, value: l })),
		default: 'English',
		description: 'Language of the signing page and notifications, for every signer',
	},
	{
		displayName: 'Reminder Frequency',
		name: 'reminderFrequency',
		type: 'options',
		options: REMINDER_FREQUENCIES.map((r) => ({ name: r, value: r })),
		default: 'Never',
		description: 'How often signers who have not signed are reminded',
	},
	{
		displayName: 'Max Document Wait (Seconds)',
		name: 'processingTimeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1800 },
		default: 300,
		description: 'How long to wait while EasyInk processes the uploaded documents before the session is sent',
	},
];

// ─── Send ───────────────────────────────────────────────────────────────────────────────────────────
/** "+1 202 555 1234", "(202) 555-1234" → "2025551234"; EasyInk takes exactly 10 digits. */
export function easyInkPhone(phone: string): string {
	const compact = phone.trim().replace(/[\s().-]/g, '');
	return /^\+1\d{10}$/.test(compact) ? compact.slice(2) : compact;
}

/** "Ann Marie Lee" → first name "Ann Marie", last name "Lee" (EasyInk asks for both). */
export function splitName(name: string): { firstName: string; lastName: string } {
	const words = name.trim().split(/\s+/);
	return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] };
}

/** A field EasyInk has no place for: left out, or refused (the neutral node already refuses it by the capabilities). */
const unsupported = (message: string) =>
	z
		.unknown()
		.optional()
		.refine((v) => v === undefined, message);

const neutralSchema = z.object({
	title: subject().min(1),
	signers: z
		.array(
			z.object({
				name: z
					.string()
					.trim()
					.min(1)
					.refine((n) => n.split(/\s+/).length >= 2, 'needs a first and a last name (e.g. "Ann Lee"): EasyInk asks for both'),
				email: z.string().trim().max(LIMITS.email).email(),
				phone: z.preprocess(
					(v) => (typeof v === 'string' && v.trim() ? easyInkPhone(v) : undefined),
					z.string().regex(/^\d{10}$/, 'must be 10 digits for EasyInk (e.g. 2025551234; +1 numbers are taken too)').optional(),
				),
				nationalId: unsupported('is not supported by EasyInk (no national ID in its participants)'),
			}),
		)
		.min(1),
	binaryPropertyNames: z.array(z.string().trim().min(1)).min(1),
	message: unsupported('is not supported by EasyInk (a session has a subject only)'),
	dueDate: unsupported('is not supported by EasyInk (a session has no due date to set)'),
	providerOptions: z.object({
		language: z.enum(LANGUAGES).optional(),
		reminderFrequency: z.enum(REMINDER_FREQUENCIES).optional(),
		processingTimeoutSeconds: z.number().min(1).max(1800).optional(),
	}),
});

/** The neutral node's labels (the field names EasyInk's checks use map to these). */
const NEUTRAL_LABELS = {
	title: 'Title',
	subject: 'Title',
	signers: 'Signers',
	participants: 'Signers',
	name: 'Name',
	firstName: 'Name',
	lastName: 'Name',
	email: 'Email',
	phone: 'Phone',
	nationalId: 'National ID',
	binaryPropertyNames: 'Input Binary Fields',
	message: 'Message',
	dueDate: 'Due Date',
	language: 'Language',
	reminderFrequency: 'Reminder Frequency',
	processingTimeoutSeconds: 'Max Document Wait (Seconds)',
};

function blank(value: string | undefined): string | undefined {
	return value === undefined || value === '' ? undefined : value;
}

async function send(ctx: IExecuteFunctions, itemIndex: number, input: SendInput): Promise<NeutralEnvelope> {
	const n = validate(
		ctx,
		neutralSchema,
		{
			...input,
			message: blank(input.message),
			dueDate: blank(input.dueDate),
			signers: input.signers.map((s) => ({ ...s, nationalId: blank(s.nationalId) })),
		},
		itemIndex,
		NEUTRAL_LABELS,
	);
	const language = n.providerOptions.language ?? 'English';
	// The same checks as Signing Session → Create and Send (limits, contacts), with the neutral node's labels.
	const p = validate(
		ctx,
		createAndSendSchema,
		{
			subject: n.title,
			binaryPropertyNames: n.binaryPropertyNames,
			participants: n.signers.map((s) => ({
				...splitName(s.name),
				email: s.email,
				phone: s.phone,
				// Email always (the neutral signer has one), and SMS where a phone number is given.
				deliveryMethods: s.phone ? ['Email', 'Sms'] : ['Email'],
				language,
			})),
			fieldMode: 'lastPage',
			fields: [],
			signingOrder: input.signingOrder ?? 'parallel',
			options: { reminderFrequency: n.providerOptions.reminderFrequency, processingTimeoutSeconds: n.providerOptions.processingTimeoutSeconds },
		},
		itemIndex,
		{ ...PARTICIPANT_LABELS, ...NEUTRAL_LABELS },
	);
	const client = await easyInkClient(ctx);
	const result = await createAndSendSession(ctx, itemIndex, client, p);
	const session = result.session as IDataObject | undefined;
	if (session) return envelope(session);
	// The session was sent, but reading it back failed: what is known.
	return {
		provider: 'easyink',
		envelopeId: String(result.signingSessionId),
		status: 'sent',
		signers: ((result.participants as IDataObject[]) ?? []).map((x) => ({ name: `${String(x.firstName)} ${String(x.lastName)}`, email: x.email as string, status: 'pending' })),
		providerResponse: redact(result),
	};
}

// ─── Status ─────────────────────────────────────────────────────────────────────────────────────────
function signerOf(p: IDataObject, draft: boolean): NeutralSigner {
	const name = [p.firstName, p.lastName].filter((v) => typeof v === 'string' && v).join(' ');
	const status: SignerStatus = draft ? 'pending' : (EASYINK_SIGNER_STATUS[String(p.status)] ?? 'unknown');
	return {
		...(name ? { name } : {}),
		...(typeof p.email === 'string' && p.email ? { email: p.email } : {}),
		status,
		...(typeof p.signedAt === 'string' && p.signedAt ? { signedAt: p.signedAt } : {}),
	};
}

/** A started session (Signing Session → Get) or a draft (Draft → Get) in neutral terms. */
export function envelope(answer: IDataObject, draft = false): NeutralEnvelope {
	const status = draft ? 'draft' : (EASYINK_ENVELOPE_STATUS[String(answer.status)] ?? 'in_progress');
	return {
		provider: 'easyink',
		envelopeId: String(answer.signingSessionId),
		status,
		signers: ((answer.participants as IDataObject[] | null) ?? []).map((p) => signerOf(p, draft)),
		providerResponse: redact(answer),
	};
}

const idSchema = z.object({ envelopeId: uuid() });
const ID_LABELS = { envelopeId: 'Envelope ID' };

async function getStatus(ctx: IExecuteFunctions, itemIndex: number, envelopeId: string): Promise<NeutralEnvelope> {
	const { envelopeId: id } = validate(ctx, idSchema, { envelopeId }, itemIndex, ID_LABELS);
	const client = await easyInkClient(ctx);
	let failure: unknown;
	try {
		return envelope(await getSession(client, id, itemIndex));
	} catch (error) {
		failure = error;
	}
	// EasyInk serves drafts from another place: an id it does not know as a session may be a draft.
	if ((failure as { httpCode?: string }).httpCode !== '404') throw failure;
	try {
		return envelope(await getDraft(client, id, itemIndex), true);
	} catch {
		throw failure;
	}
}

// ─── Download, cancel ───────────────────────────────────────────────────────────────────────────────
async function download(
	ctx: IExecuteFunctions,
	itemIndex: number,
	envelopeId: string,
	what: 'signed' | 'auditTrail',
	binaryPropertyName: string,
): Promise<INodeExecutionData[]> {
	if (what === 'auditTrail') {
		throw new NodeOperationError(ctx.getNode(), 'EasyInk has no separate audit trail document', {
			itemIndex,
			description: "Download the signed document instead: EasyInk's all-in-one document contains every signed document followed by the audit trail.",
		});
	}
	const { envelopeId: id } = validate(ctx, idSchema, { envelopeId }, itemIndex, ID_LABELS);
	const client = await easyInkClient(ctx);
	const item = await downloadAllInOne(ctx, client, itemIndex, { sessionId: id, binaryPropertyName, waitSeconds: DOWNLOAD_WAIT_SECONDS });
	const { signingSessionId: _id, checks: _checks, ...file } = item.json;
	return [{ ...item, json: { provider: 'easyink', envelopeId: id, document: 'allInOne', ...file }, pairedItem: { item: itemIndex } }];
}

async function cancel(ctx: IExecuteFunctions, itemIndex: number, envelopeId: string, reason?: string): Promise<IDataObject> {
	const p = validate(ctx, z.object({ envelopeId: uuid(), reason: voidReason() }), { envelopeId, reason: blank(reason?.trim()) ?? DEFAULT_VOID_REASON }, itemIndex, {
		...ID_LABELS,
		reason: 'Reason',
	});
	const client = await easyInkClient(ctx);
	const voided = await voidSession(client, p.envelopeId, p.reason, itemIndex);
	return { provider: 'easyink', envelopeId: p.envelopeId, status: 'voided', reason: voided.reason };
}

// ─── Poll ───────────────────────────────────────────────────────────────────────────────────────────
function neutralEvent(json: IDataObject): NeutralEvent | undefined {
	const event = NEUTRAL_EVENT[String(json.event)];
	if (!event) return undefined;
	const participant = json.participant as IDataObject | undefined;
	const signer = event === 'signer.signed' && participant ? signerOf(participant, false) : undefined;
	return {
		provider: 'easyink',
		envelopeId: String(json.signingSessionId),
		event,
		...(signer ? { signer } : {}),
		...(signer?.signedAt ? { occurredAt: signer.signedAt } : {}),
		providerEvent: redact(json),
	};
}

export const easyInkAdapter: ESignAdapter = {
	provider: 'easyink',
	displayName: 'EasyInk',
	credentialType: EASYINK_CREDENTIAL,
	capabilities: EASYINK_CAPABILITIES,
	sendOptions,
	send,
	getStatus,
	download,
	cancel,
	async poll(ctx, events) {
		const choices = [...new Set(events.map((e) => EVENT_CHOICE[e]).filter(Boolean))];
		if (!choices.length) throw new NodeOperationError(ctx.getNode(), 'Choose at least one event');
		const items = await pollEasyInk(ctx, { events: choices, includeDetails: false, simplify: true });
		const found = (items?.[0] ?? []).map((i) => neutralEvent(i.json)).filter((e): e is NeutralEvent => !!e);
		return found.length ? found : null;
	},
};
