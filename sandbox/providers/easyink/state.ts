/**
 * The emulated EasyInk account: sessions (drafts and started ones share one id, as the documents show: a draft's
 * `signingSessionId` is the session's), files, participants, signature fields, tokens, and the life cycle
 * Draft → (convert) ReadyToStart → (start) Pending → (first signature) InProgress → Finished | Declined | Voided | Expired.
 *
 * Timing, as the documents describe it: an uploaded file is *processing* for `documentProcessingMs` (the draft lists
 * it with status "ProcessingReady" once done; a download before answers "Document processing is in progress");
 * a participant's signed copy and the all-in-one document are produced after the signature and stay
 * not-"Ready" (`processingStatus`) for `signedDocumentDelayMs`.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

import { makePdf } from '../../server';
import { IDENTITY, PARTICIPANT_STATUS, type ENUM } from './docs';
import type { InnerError } from './http';

/** The OAuth client the sandbox identity provider knows (client id + secret of the n8n credential). */
export const EASYINK_SANDBOX_CLIENT = { clientId: 'n8n-easyink-sandbox', clientSecret: 'easyink-sandbox-secret' } as const;

/**
 * A token that exists after every reset (a test credential carries it in `oauthTokenData`). It never expires on its
 * own; `expireAccessTokens()` (or the control route) expires it. The refresh token is accepted only while the
 * identity provider issues refresh tokens (setting `issueRefreshTokens`; EasyInk documents none).
 */
export const EASYINK_SANDBOX_TOKENS = {
	accessToken: 'easyink-sandbox-access-token',
	refreshToken: 'easyink-sandbox-refresh-token',
} as const;

/** The authenticated user ("me": Add Me, NeedToSign, statistics). */
export const EASYINK_ME = {
	userId: '0b5e3f4a-2c1d-4e6f-8a9b-1c2d3e4f5a6b',
	firstName: 'Sandra',
	middleName: null,
	lastName: 'Box',
	email: 'sandra.box@example.com',
	phone: '5550100100',
} as const;

export type EasyInkStatus = (typeof ENUM.sessionStatus)[number];
type Delivery = 'Email' | 'Sms';

export interface EasyInkFile {
	id: string;
	fileName: string;
	contentType: string;
	content: Buffer;
	/** The file as PDF (Word files are "converted"). */
	pdf: Buffer;
	pageCount: number;
	blobId: string;
	/** Processing finishes at this sandbox time (ms). */
	readyAt: number;
	/** Processing failed (setting `documentProcessingFails` at upload time). */
	failed: boolean;
}

export interface EasyInkParticipant {
	id: string;
	firstName: string | null;
	middleName: string | null;
	lastName: string | null;
	email: string | null;
	phone: string | null;
	role: 'Initiator' | 'Signer';
	userId: string | null;
	deliveryMethods: Delivery[] | null;
	language: 'English' | 'Spanish';
	signatureBlobId: string | null;
	initialsBlobId: string | null;
	/** Started-session status: Waiting (one-by-one, not invited yet) [G], Pending [C], Signed [C], Declined [G]. */
	status: (typeof PARTICIPANT_STATUS)[keyof typeof PARTICIPANT_STATUS] | null;
	signedAt: string | null;
	/** The participant opened the signing link (contact can no longer be changed). */
	linkUsed: boolean;
}

export interface EasyInkPlacement {
	page: number;
	positionX: number;
	positionY: number;
	sizeX: number;
	sizeY: number;
}

export interface EasyInkField {
	id: string;
	participantId: string | null;
	documentId: string;
	type: string;
	placement: EasyInkPlacement;
	options: { isRequired: boolean; forType: string };
	dependsOn: string | null;
}

export interface EasyInkSignedDocument {
	signedDocumentId: string;
	participantId: string;
	title: string;
	content: Buffer;
	readyAt: number;
}

export interface EasyInkSession {
	id: string;
	seq: number;
	subject: string | null;
	status: EasyInkStatus;
	reminderFrequency: 'Never' | 'Daily' | 'Weekly' | null;
	/** ISO time of creation (search item `created`), on the sandbox clock. */
	created: string;
	documents: EasyInkFile[];
	attachments: EasyInkFile[];
	participants: EasyInkParticipant[];
	fields: EasyInkField[];
	signingOrder: { type: 'AllAtOnce' | 'OneByOne'; participantsOrder: string[] | null };
	signedDocuments: EasyInkSignedDocument[];
	allInOne: { title: string; content: Buffer; readyAt: number } | null;
	voidReason: string | null;
	hasNotificationErrors: boolean;
}

export interface EasyInkSettings {
	/** Lifetime of access tokens issued from now on (seconds) — EasyInk documents only that tokens carry `exp` [G]. */
	accessTokenLifetimeSeconds: number;
	/** Whether the token endpoint issues refresh tokens and takes the refresh_token grant. EasyInk documents neither [G]. */
	issueRefreshTokens: boolean;
	/** How long an uploaded document or attachment is processing (ms). Non-zero by default, as on EasyInk. */
	documentProcessingMs: number;
	/** Uploads from now on fail processing (draft document status "ProcessingFailed" [G]). */
	documentProcessingFails: boolean;
	/** How long a signed copy and the all-in-one document stay not "Ready" after they are produced (ms). */
	signedDocumentDelayMs: number;
	/** The all-in-one download answers "All-in-one document compilation failed." [C]. */
	allInOneFails: boolean;
	/** Organization policy: sessions cannot be voided (isVoidDisabled) [C field]. */
	voidDisabled: boolean;
	/** Largest accepted upload (bytes) [G: not documented]. */
	maxFileBytes: number;
}

export const DEFAULT_SETTINGS: EasyInkSettings = {
	accessTokenLifetimeSeconds: 3600,
	issueRefreshTokens: false,
	documentProcessingMs: 400,
	documentProcessingFails: false,
	signedDocumentDelayMs: 1500,
	allInOneFails: false,
	voidDisabled: false,
	maxFileBytes: 25 * 1024 * 1024,
};

interface AccessToken {
	clientId: string;
	scope: string;
	expiresAt: number;
}

export interface AuthCode {
	clientId: string;
	redirectUri: string;
	codeChallenge: string;
	scope: string;
	expiresAt: number;
}

const stripExtension = (name: string) => name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
export const titleOf = stripExtension;

function countPdfPages(pdf: Buffer): number {
	const matches = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g);
	return Math.max(1, matches?.length ?? 1);
}

export class EasyInkState {
	sessions = new Map<string, EasyInkSession>();
	settings: EasyInkSettings = { ...DEFAULT_SETTINGS };
	clients = new Map<string, { secret: string }>();
	accessTokens = new Map<string, AccessToken>();
	refreshTokens = new Map<string, { clientId: string; scope: string }>();
	codes = new Map<string, AuthCode>();
	private seq = 0;

	constructor() {
		this.reset();
	}

	reset() {
		this.sessions.clear();
		this.settings = { ...DEFAULT_SETTINGS };
		this.clients.clear();
		this.clients.set(EASYINK_SANDBOX_CLIENT.clientId, { secret: EASYINK_SANDBOX_CLIENT.clientSecret });
		this.accessTokens.clear();
		this.refreshTokens.clear();
		this.codes.clear();
		const { clientId } = EASYINK_SANDBOX_CLIENT;
		const scope = IDENTITY.scopes.join(' ');
		this.accessTokens.set(EASYINK_SANDBOX_TOKENS.accessToken, { clientId, scope, expiresAt: Number.MAX_SAFE_INTEGER });
		this.refreshTokens.set(EASYINK_SANDBOX_TOKENS.refreshToken, { clientId, scope });
	}

	// ── identity ──

	/** Issues an access token (a JWT with an `exp` claim, as EasyInk documents) and, if enabled, a refresh token. */
	issueTokens(clientId: string = EASYINK_SANDBOX_CLIENT.clientId, scope: string = IDENTITY.scopes.join(' '), now = Date.now(), refreshToken?: string) {
		const lifetime = this.settings.accessTokenLifetimeSeconds;
		const expiresAt = now + lifetime * 1000;
		const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
		const head = b64({ alg: 'HS256', typ: 'JWT' });
		const payload = b64({
			iss: 'https://identity.easyink.io',
			sub: EASYINK_ME.userId,
			client_id: clientId,
			scope: scope.split(' '),
			iat: Math.floor(now / 1000),
			exp: Math.floor(expiresAt / 1000),
			jti: randomUUID(),
		});
		const signature = createHmac('sha256', 'easyink-sandbox-signing-key').update(`${head}.${payload}`).digest('base64url');
		const accessToken = `${head}.${payload}.${signature}`;
		this.accessTokens.set(accessToken, { clientId, scope, expiresAt });
		const answer: Record<string, unknown> = { access_token: accessToken, token_type: 'Bearer', expires_in: lifetime, scope };
		if (this.settings.issueRefreshTokens) {
			const refresh = refreshToken ?? randomBytes(24).toString('base64url');
			this.refreshTokens.set(refresh, { clientId, scope });
			answer.refresh_token = refresh;
		}
		return answer as { access_token: string; token_type: string; expires_in: number; scope: string; refresh_token?: string };
	}

	/** Expires every access token issued so far (the next API call answers 401). */
	expireAccessTokens(): number {
		for (const t of this.accessTokens.values()) t.expiresAt = 0;
		return this.accessTokens.size;
	}

	// ── sessions ──

	newSession(subject: string | null, now = Date.now()): EasyInkSession {
		const session: EasyInkSession = {
			id: randomUUID(),
			seq: ++this.seq,
			subject,
			status: 'Draft',
			reminderFrequency: null,
			created: new Date(now).toISOString(),
			documents: [],
			attachments: [],
			participants: [],
			fields: [],
			signingOrder: { type: 'AllAtOnce', participantsOrder: null },
			signedDocuments: [],
			allInOne: null,
			voidReason: null,
			hasNotificationErrors: false,
		};
		this.sessions.set(session.id, session);
		return session;
	}

	/** A stored upload; `now = 0` stores it already processed. */
	storeFile(fileName: string, contentType: string, content: Buffer, now = Date.now()): EasyInkFile {
		const isPdf = /pdf/i.test(contentType) || /\.pdf$/i.test(fileName);
		const pdf = isPdf ? content : makePdf(`Converted from ${fileName}`);
		return {
			id: randomUUID(),
			fileName,
			contentType,
			content,
			pdf,
			pageCount: countPdfPages(pdf),
			blobId: randomUUID(),
			readyAt: now === 0 ? 0 : now + this.settings.documentProcessingMs,
			failed: now !== 0 && this.settings.documentProcessingFails,
		};
	}

	newParticipant(data: Partial<EasyInkParticipant>): EasyInkParticipant {
		return {
			id: randomUUID(),
			firstName: null,
			middleName: null,
			lastName: null,
			email: null,
			phone: null,
			role: 'Signer',
			userId: null,
			deliveryMethods: null,
			language: 'English',
			signatureBlobId: null,
			initialsBlobId: null,
			status: null,
			signedAt: null,
			linkUsed: false,
			...data,
		};
	}

	/** Copies a session into a new draft (documents, attachments, participants, fields, order; not signatures). */
	copyToDraft(source: EasyInkSession, subject: string | null | undefined, now = Date.now()): EasyInkSession {
		const draft = this.newSession(subject ?? source.subject, now);
		draft.reminderFrequency = source.reminderFrequency;
		const ids = new Map<string, string>();
		const copyFile = (f: EasyInkFile): EasyInkFile => {
			const id = randomUUID();
			ids.set(f.id, id);
			return { ...f, id };
		};
		draft.documents = source.documents.map(copyFile);
		draft.attachments = source.attachments.map(copyFile);
		draft.participants = source.participants.map((p) => {
			const copy = this.newParticipant({ ...p, id: randomUUID(), status: null, signedAt: null, linkUsed: false });
			ids.set(p.id, copy.id);
			return copy;
		});
		for (const field of source.fields) ids.set(field.id, randomUUID());
		draft.fields = source.fields.map((field) => ({
			...field,
			id: ids.get(field.id)!,
			participantId: field.participantId ? (ids.get(field.participantId) ?? null) : null,
			documentId: ids.get(field.documentId)!,
			dependsOn: field.dependsOn ? (ids.get(field.dependsOn) ?? null) : null,
			placement: { ...field.placement },
			options: { ...field.options },
		}));
		draft.signingOrder = {
			type: source.signingOrder.type,
			participantsOrder: source.signingOrder.participantsOrder?.map((id) => ids.get(id) ?? id) ?? null,
		};
		return draft;
	}

	/** Problems that keep a draft from being converted (empty = valid). */
	configurationProblems(s: EasyInkSession, now: number): InnerError[] {
		const problems: InnerError[] = [];
		if (!s.documents.length) problems.push({ code: 'NoDocuments', message: 'The session has no documents for signing' });
		if (s.documents.some((d) => !d.failed && d.readyAt > now)) problems.push({ code: 'DocumentProcessing', message: 'Document processing is in progress. Try again later.' });
		if (s.documents.some((d) => d.failed)) problems.push({ code: 'DocumentProcessingFailed', message: 'A document could not be processed' });
		if (!s.participants.length) problems.push({ code: 'NoParticipants', message: 'The session has no participants' });
		for (const p of s.participants)
			if (!s.fields.some((f) => f.participantId === p.id)) problems.push({ code: 'NoSignatureFields', message: `Participant '${p.id}' has no signature fields` });
		const missing = this.missingFromOrder(s);
		if (missing.length) problems.push({ code: 'SigningOrder', message: `There are some participants missed in signing order definition: ${missing.join(', ')}` });
		return problems;
	}

	missingFromOrder(s: EasyInkSession): string[] {
		if (s.signingOrder.type !== 'OneByOne') return [];
		const order = s.signingOrder.participantsOrder ?? [];
		return s.participants.filter((p) => !order.includes(p.id)).map((p) => p.id);
	}

	/** Participants in signing order. */
	ordered(s: EasyInkSession): EasyInkParticipant[] {
		if (s.signingOrder.type !== 'OneByOne' || !s.signingOrder.participantsOrder) return s.participants;
		const byId = new Map(s.participants.map((p) => [p.id, p]));
		return s.signingOrder.participantsOrder.map((id) => byId.get(id)!).filter(Boolean);
	}

	/** ReadyToStart → Pending: invitations go out (one-by-one: only the first is invited). */
	start(s: EasyInkSession) {
		s.status = 'Pending';
		const one = s.signingOrder.type === 'OneByOne';
		this.ordered(s).forEach((p, i) => (p.status = one && i > 0 ? PARTICIPANT_STATUS.waiting : PARTICIPANT_STATUS.pending));
		s.signedDocuments = [];
	}

	// ── acting as a participant (control routes) ──

	private active(id: string): EasyInkSession {
		const s = this.sessions.get(id);
		if (!s) throw new Error(`no signing session ${id}`);
		if (s.status !== 'Pending' && s.status !== 'InProgress') throw new Error(`signing session is ${s.status}`);
		return s;
	}

	private pick(s: EasyInkSession, who: { participantId?: string; email?: string }, forAction: boolean): EasyInkParticipant {
		const p = who.participantId
			? s.participants.find((x) => x.id === who.participantId)
			: who.email
				? s.participants.find((x) => x.email === who.email)
				: this.ordered(s).find((x) => x.status === PARTICIPANT_STATUS.pending);
		if (!p) throw new Error('no such participant (or nobody left to act)');
		if (forAction && p.status !== PARTICIPANT_STATUS.pending)
			throw new Error(p.status === PARTICIPANT_STATUS.waiting ? 'not this participant’s turn (one-by-one order)' : `participant already ${p.status}`);
		return p;
	}

	open(id: string, who: { participantId?: string; email?: string } = {}) {
		const s = this.active(id);
		this.pick(s, who, false).linkUsed = true;
		return s;
	}

	sign(id: string, who: { participantId?: string; email?: string } = {}, now = Date.now()) {
		const s = this.active(id);
		const p = this.pick(s, who, true);
		p.status = PARTICIPANT_STATUS.signed;
		p.signedAt = new Date(now).toISOString();
		p.linkUsed = true;
		// "Individual signed document copies generated for each participant after they complete signing."
		const name = [p.firstName, p.lastName].filter(Boolean).join(' ') || p.email || 'Participant';
		for (const d of s.documents)
			s.signedDocuments.push({
				signedDocumentId: randomUUID(),
				participantId: p.id,
				title: `${stripExtension(d.fileName)} - ${name} (Signed).pdf`,
				content: makePdf(`${stripExtension(d.fileName)} signed by ${name}`),
				readyAt: now + this.settings.signedDocumentDelayMs,
			});
		s.status = 'InProgress';
		const order = this.ordered(s);
		const next = order.find((x) => x.status === PARTICIPANT_STATUS.waiting);
		if (next && !order.some((x) => x.status === PARTICIPANT_STATUS.pending)) next.status = PARTICIPANT_STATUS.pending;
		if (s.participants.every((x) => x.status === PARTICIPANT_STATUS.signed)) {
			s.status = 'Finished';
			s.allInOne = {
				title: `${s.subject || 'Signing Session'} - All Signatures.pdf`,
				content: makePdf(`All signatures and audit trail: ${s.subject ?? ''}`),
				readyAt: now + this.settings.signedDocumentDelayMs,
			};
		}
		return s;
	}

	decline(id: string, who: { participantId?: string; email?: string } = {}) {
		const s = this.active(id);
		const p = this.pick(s, who, true);
		p.status = PARTICIPANT_STATUS.declined;
		p.linkUsed = true;
		s.status = 'Declined';
		return s;
	}

	expire(id: string) {
		const s = this.active(id);
		s.status = 'Expired';
		return s;
	}

	/** Makes every document, signed copy and all-in-one document of a session ready now. */
	makeReady(id: string) {
		const s = this.sessions.get(id);
		if (!s) throw new Error(`no signing session ${id}`);
		for (const f of [...s.documents, ...s.attachments]) f.readyAt = 0;
		for (const d of s.signedDocuments) d.readyAt = 0;
		if (s.allInOne) s.allInOne.readyAt = 0;
		return s;
	}
}
