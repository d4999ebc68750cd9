/**
 * Signicat's side of the provider-neutral E-Signature node and trigger: each neutral operation is mapped onto the
 * Signicat node's own request logic (Send Document for Signing, Get, Download Signed Documents, Delete) and the
 * Signicat Trigger's poll — no second implementation of any request. Signicat's Sign API v2 signs one end user per
 * signing session (the session's `signer` and its `signatureUrl`), so an envelope here is one session.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { Capabilities, ESignAdapter, EnvelopeStatus, NeutralEnvelope, NeutralEvent, NeutralEventName, SendInput, SignerStatus } from '../shared/esign';
import { validate } from '../shared/validation';
import { deleteSession } from './actions/signingSession/delete.operation';
import { fetchSignedFiles, signedFileItems } from './actions/signingSession/downloadSigned.operation';
import { getSession } from './actions/signingSession/get.operation';
import { sendForSigning } from './actions/signingSession/send.operation';
import {
	combineIdentityProviders,
	IDENTITY_PROVIDER_OPTIONS,
	identityProvidersSchema,
	sessionLabels,
	sessionOptions,
} from './actions/signingSession/session';
import type { EventChoice } from './poll';
import { isExpired, pollSessions } from './poll';
import { publicSession, SIGNICAT, signicatClient } from './transport';

/** What Signicat can honour, by its documentation (see the README's "E-Signature node mapping"). */
export const SIGNICAT_CAPABILITIES: Capabilities = {
	// One signer per session: there is no order between signers to choose.
	sequentialOrder: false,
	parallelOrder: false,
	// signer.nationalIdentificationNumber with the NATIONAL_IDENTIFICATION_NUMBER validation [C].
	nationalId: true,
	// signer.mobile [3P: generated SDK; SIGNICAT_GUESSES session.signer.contact].
	phone: true,
	// dueDate, at most 45 days ahead [C].
	dueDate: true,
	// Signicat sends no invitation: the workflow sends the signing link itself (Sign Text is a consent text, in Provider Options).
	message: false,
	// A document collection holds 1–100 documents, a session signs up to 50 [C].
	multipleDocuments: true,
	// DELETE /signing-sessions/{id}; there is no void.
	cancel: 'delete',
	// The signed XAdES/PAdES files carry the evidence; there is no separate audit trail document.
	auditTrail: false,
	events: { 'signer.signed': true, completed: true, declined: true, expired: true },
	maxSigners: 1,
};

/** Options of "Send for Signature" that only Signicat has; the neutral fields (due date, signer contact, national id) are not repeated. */
const NEUTRAL_COVERED = new Set(['dueDate', 'signerEmail', 'signerMobile', 'signerNationalId']);

export const SIGNICAT_SEND_OPTIONS: INodeProperties[] = ([
	{
		displayName: 'Identity Providers',
		name: 'identityProviders',
		type: 'multiOptions',
		options: IDENTITY_PROVIDER_OPTIONS,
		default: [],
		description: 'The e-IDs the signer may sign with (Signicat needs at least one); each must be enabled in your Signicat account',
	},
	{
		displayName: 'Other Identity Providers',
		name: 'otherIdentityProviders',
		type: 'string',
		default: '',
		placeholder: 'e.g. itsme, idin',
		description: 'With "Other (Enter Names)" chosen: further identity providers as Signicat calls them (idpName), separated by commas',
	},
	{
		displayName: 'Signing Flow',
		name: 'signingFlow',
		type: 'options',
		options: [
			{ name: 'Authentication Based', value: 'AUTHENTICATION_BASED', description: 'The signer signs by logging in with the identity provider' },
			{ name: 'PKI Signing', value: 'PKISIGNING', description: 'The signer signs with a certificate of the identity provider (e.g. BankID signing)' },
		],
		default: 'AUTHENTICATION_BASED',
	},
	...sessionOptions().filter((o) => !NEUTRAL_COVERED.has(o.name)),
] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName));

const OPEN_STATES: readonly string[] = SIGNICAT.openStates;

/** A session's neutral status: SIGNED → completed, REJECTED → declined, open past its due date → expired, open → sent. */
export function envelopeStatus(session: IDataObject, now = Date.now()): EnvelopeStatus {
	const state = String((session.lifecycle as IDataObject | undefined)?.state ?? '');
	if (state === SIGNICAT.signedState) return 'completed';
	if (state === SIGNICAT.rejectedState) return 'declined';
	if (OPEN_STATES.includes(state) && isExpired(session, now)) return 'expired';
	return 'sent';
}

const SIGNER_STATUS: Record<EnvelopeStatus, SignerStatus> = {
	draft: 'pending',
	sent: 'pending',
	in_progress: 'pending',
	completed: 'signed',
	declined: 'declined',
	// The signer did not sign and no longer can: Signicat says nothing more about them.
	expired: 'unknown',
	voided: 'unknown',
};

function envelopeOf(session: IDataObject): NeutralEnvelope {
	const masked = publicSession(session);
	const status = envelopeStatus(masked);
	const signer = (masked.signer as IDataObject | undefined) ?? {};
	const signatureUrl = masked[SIGNICAT.fields.signatureUrl];
	return {
		provider: 'signicat',
		envelopeId: String(masked.id),
		status,
		signers: [
			{
				...(typeof signer.email === 'string' ? { email: signer.email } : {}),
				status: SIGNER_STATUS[status],
				// The link works only while the session can be signed.
				...(status === 'sent' && typeof signatureUrl === 'string' ? { signingUrl: signatureUrl } : {}),
			},
		],
		providerResponse: masked,
	};
}

const envelopeIdSchema = z.object({ sessionId: z.string().trim().uuid() });

function checkEnvelopeId(ctx: IExecuteFunctions, i: number, envelopeId: string): string {
	return validate(ctx, envelopeIdSchema, { sessionId: envelopeId }, i, { sessionId: 'Envelope ID' }).sessionId;
}

async function send(ctx: IExecuteFunctions, i: number, input: SendInput): Promise<NeutralEnvelope> {
	if (input.signers.length !== 1)
		throw new NodeOperationError(ctx.getNode(), `Signicat signs one signer per signing session; ${input.signers.length} signers were given [item ${i}]`, {
			itemIndex: i,
			description: 'Send one envelope per signer, or use the Signicat node: one signing session per signer over the same document collection.',
		});
	const options = { ...(input.providerOptions ?? {}) };
	const identityProviders = combineIdentityProviders(options.identityProviders, () => options.otherIdentityProviders) ?? [];
	validate(ctx, identityProvidersSchema, { identityProviders }, i, sessionLabels);
	const [signer] = input.signers;
	const client = await signicatClient(ctx);
	const { session } = await sendForSigning(ctx, client, i, {
		files: input.binaryPropertyNames.map((binaryPropertyName) => ({ binaryPropertyName })),
		title: input.title,
		identityProviders,
		signingFlow: typeof options.signingFlow === 'string' ? options.signingFlow : undefined,
		options: {
			...options,
			dueDate: input.dueDate,
			signerEmail: signer.email,
			signerMobile: signer.phone,
			signerNationalId: signer.nationalId,
		},
	});
	return envelopeOf(session);
}

async function getStatus(ctx: IExecuteFunctions, i: number, envelopeId: string): Promise<NeutralEnvelope> {
	const id = checkEnvelopeId(ctx, i, envelopeId);
	return envelopeOf(await getSession(await signicatClient(ctx), id, i));
}

async function download(
	ctx: IExecuteFunctions,
	i: number,
	envelopeId: string,
	what: 'signed' | 'auditTrail',
	binaryPropertyName: string,
): Promise<INodeExecutionData[]> {
	if (what === 'auditTrail')
		throw new NodeOperationError(ctx.getNode(), `Signicat has no separate audit trail document [item ${i}]`, {
			itemIndex: i,
			description: 'Download the signed documents instead: Signicat’s signed files (XAdES, PAdES) carry the signing evidence.',
		});
	const id = checkEnvelopeId(ctx, i, envelopeId);
	const { session, files } = await fetchSignedFiles(ctx, await signicatClient(ctx), i, id, 'all');
	return await signedFileItems(ctx, i, session, files, binaryPropertyName || 'data');
}

async function cancel(ctx: IExecuteFunctions, i: number, envelopeId: string): Promise<IDataObject> {
	const id = checkEnvelopeId(ctx, i, envelopeId);
	const client = await signicatClient(ctx);
	// Deleting a signed or rejected session would throw away its result: only an open session is cancelled.
	const session = await getSession(client, id, i);
	const lifecycle = (session.lifecycle as IDataObject | undefined) ?? {};
	if (lifecycle.stateIsFinal === true)
		throw new NodeOperationError(ctx.getNode(), `Signing session ${id} is already ${String(lifecycle.state).toLowerCase()}: there is nothing to cancel [item ${i}]`, {
			itemIndex: i,
			description: 'To remove it from Signicat anyway (its signed result too), use the Signicat node: Signing Session → Delete.',
		});
	await deleteSession(client, id, i);
	return { provider: 'signicat', envelopeId: id, cancelled: true, method: 'delete' };
}

/** Which of the Signicat Trigger's events each neutral event needs. */
const CHOICE: Record<NeutralEventName, EventChoice> = {
	'signer.signed': 'signed',
	completed: 'signed',
	declined: 'rejected',
	expired: 'expired',
};

/** What each Signicat event is in the neutral vocabulary. */
const NEUTRAL: Record<string, NeutralEventName[]> = {
	'session.signed': ['signer.signed', 'completed'],
	'session.rejected': ['declined'],
	'session.expired': ['expired'],
};

async function poll(ctx: IPollFunctions, events: NeutralEventName[]): Promise<NeutralEvent[] | null> {
	const chosen = [...new Set(events)];
	const found = await pollSessions(ctx, { events: [...new Set(chosen.map((e) => CHOICE[e]))] });
	if (!found) return null;
	const out: NeutralEvent[] = [];
	for (const { json } of found[0]) {
		const session = (json.session as IDataObject) ?? {};
		for (const event of (NEUTRAL[String(json.event)] ?? []).filter((e) => chosen.includes(e))) {
			const signer = (session.signer as IDataObject | undefined) ?? {};
			out.push({
				provider: 'signicat',
				envelopeId: String(json.sessionId),
				event,
				...(event === 'signer.signed' ? { signer: { ...(typeof signer.email === 'string' ? { email: signer.email } : {}), status: 'signed' as const } } : {}),
				// Signicat gives no time for a state change; an expiry happened at the due date.
				...(event === 'expired' && typeof json.dueDate === 'string' ? { occurredAt: json.dueDate } : {}),
				providerEvent: json,
			});
		}
	}
	return out.length ? out : null;
}

export const signicatAdapter: ESignAdapter = {
	provider: 'signicat',
	displayName: 'Signicat',
	credentialType: SIGNICAT.credentialType,
	capabilities: SIGNICAT_CAPABILITIES,
	sendOptions: SIGNICAT_SEND_OPTIONS,
	send,
	getStatus,
	download,
	cancel,
	poll,
};
