/**
 * EasyInk emulator (source: shared/providers/easyink-public-api.txt and REFERENCE.md → EasyInk).
 *
 * Two route prefixes sharing one in-memory state:
 * - `easyink`          — the Public API. Every route comes from the shared path table
 *                        nodes/EasyInk/transport/paths.ts (EASYINK_OPERATIONS), so node and sandbox agree.
 * - `easyink-identity` — the identity provider: `/connect/authorize` (auto-login, redirects back with a
 *                        code) and `/connect/token` (authorization_code with the PKCE S256 check, refresh_token).
 *
 * Life cycle: Draft → (convert) ReadyToStart → (start) Pending → (first signature) InProgress →
 * Finished | Declined | Voided | Expired. "Pending" = sent, nobody has signed yet; "InProgress" = at least one
 * participant signed, not all (the document's InProgress description) [G]. The search filter `InProgress`
 * matches both. Signed documents (one per participant per document) and the all-in-one document are
 * "InProgress" (processing) for `settings.signedDocumentDelayMs` after they are produced, then "Ready".
 *
 * Errors use EasyInk's ApiError body: {"error":{"code","message","innerErrors"?}}.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';

import {
	EASYINK_ENUMS,
	EASYINK_IDENTITY,
	EASYINK_OPERATIONS,
	EASYINK_PATTERNS,
	EASYINK_PROCESSING_MESSAGE,
	EASYINK_SANDBOX_PREFIXES,
	EASYINK_SEARCH,
	type EasyInkOperationName,
} from '../../nodes/EasyInk/transport/paths';
import { bearer, json, makePdf, type Handler, type ProviderEmulator, type Route, type SandboxRequest, type SandboxResponse } from '../server';

// ───────────────────────────── fixed sandbox identities ─────────────────────────────

/** The OAuth client the sandbox identity provider knows (client id + secret of the n8n credential). */
export const EASYINK_SANDBOX_CLIENT = { clientId: 'n8n-easyink-sandbox', clientSecret: 'easyink-sandbox-secret' } as const;

/**
 * Tokens that exist after every reset (so a test credential can carry them in `oauthTokenData`).
 * They never expire on their own; `state.expireAccessTokens()` (or the control route) expires them.
 */
export const EASYINK_SANDBOX_TOKENS = {
	accessToken: 'easyink-sandbox-access-token',
	refreshToken: 'easyink-sandbox-refresh-token',
} as const;

/** The authenticated user ("me", used by Add Me, NeedToSign and statistics). */
export const EASYINK_ME = {
	userId: '0b5e3f4a-2c1d-4e6f-8a9b-1c2d3e4f5a6b',
	firstName: 'Sandra',
	middleName: null,
	lastName: 'Box',
	email: 'sandra.box@example.com',
	phone: '5550100100',
} as const;

const ORGANIZATION_ID = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const SETTINGS_SET_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

// ───────────────────────────── state types ─────────────────────────────

export type EasyInkStatus = (typeof EASYINK_ENUMS.sessionStatus)[number];

export interface EasyInkFile {
	id: string;
	/** File name as uploaded (e.g. "Employment Contract.docx"). */
	fileName: string;
	contentType: string;
	content: Buffer;
	/** The file as PDF (Word files are "converted"). */
	pdf: Buffer;
	pageCount: number;
	blobId: string;
	/** Processing finishes at this sandbox time (ms). */
	readyAt: number;
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
	deliveryMethods: Array<'Email' | 'Sms'> | null;
	language: 'English' | 'Spanish';
	signatureBlobId: string | null;
	initialsBlobId: string | null;
	/** Started-session state [G except "Signed"]. */
	status: 'Waiting' | 'Pending' | 'Signed' | 'Declined' | null;
	signedAt: string | null;
	declinedAt: string | null;
	declineReason: string | null;
	/** The participant opened the signing link (delivery can no longer be changed). */
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
	documentId: string;
	title: string;
	content: Buffer;
	/** null until the participant signed; then processing until readyAt. */
	producedAt: number | null;
	readyAt: number;
}

export interface EasyInkSession {
	id: string;
	seq: number;
	subject: string | null;
	status: EasyInkStatus;
	reminderFrequency: 'Never' | 'Daily' | 'Weekly' | null;
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
	/** Lifetime of access tokens issued from now on (seconds). */
	accessTokenLifetimeSeconds: number;
	/** How long signed documents and the all-in-one document stay "InProgress" after they are produced (ms). */
	signedDocumentDelayMs: number;
	/** How long an uploaded document/attachment is processing before it can be downloaded or converted (ms). */
	documentProcessingMs: number;
	/** When true, the all-in-one download answers "All-in-one document compilation failed." */
	allInOneFails: boolean;
	/** Largest accepted upload (bytes) [G]. */
	maxFileBytes: number;
}

interface AccessToken {
	clientId: string;
	scope: string;
	expiresAt: number;
}

interface AuthCode {
	clientId: string;
	redirectUri: string;
	codeChallenge: string;
	scope: string;
	expiresAt: number;
}

const DEFAULT_SETTINGS: EasyInkSettings = {
	accessTokenLifetimeSeconds: 3600,
	signedDocumentDelayMs: 1500,
	documentProcessingMs: 0,
	allInOneFails: false,
	maxFileBytes: 25 * 1024 * 1024,
};

// ───────────────────────────── errors and validation ─────────────────────────────

type ApiErrorCode = 'ValidationError' | 'NotFound' | 'Unauthorized' | 'Forbidden' | 'InternalServerError';
interface InnerError {
	code: string;
	message: string;
}

export const apiError = (status: number, code: ApiErrorCode, message: string, innerErrors?: InnerError[]): SandboxResponse =>
	json(status, { error: innerErrors?.length ? { code, message, innerErrors } : { code, message } });

const validation = (message: string, innerErrors?: InnerError[]) => apiError(400, 'ValidationError', message, innerErrors);

/** One field error → its own message; several → the documented generic message with innerErrors. */
function fieldErrors(errors: InnerError[]): SandboxResponse | undefined {
	if (errors.length === 0) return undefined;
	if (errors.length === 1) return validation(errors[0].message); // as the document's single-error examples
	return validation('Validation failed for one or more fields', errors);
}

/** Thrown inside handlers and turned into a response. */
class Reply extends Error {
	constructor(readonly response: SandboxResponse) {
		super('reply');
	}
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
const required = (name: string): InnerError => ({ code: 'RequiredField', message: `The '${name}' field is required` });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonBody(req: SandboxRequest, optional = false): Record<string, unknown> {
	if (!req.raw.length && optional) return {};
	if (!String(req.headers['content-type'] ?? '').includes('application/json'))
		throw new Reply(validation('Content-Type must be application/json'));
	if (!isObject(req.json)) throw new Reply(validation('The request body must be a JSON object'));
	return req.json;
}

function checkText(errors: InnerError[], body: Record<string, unknown>, name: string, min: number, max: number, isRequired: boolean) {
	const v = body[name];
	if (v === undefined || v === null) {
		if (isRequired) errors.push(required(name));
		return;
	}
	if (typeof v !== 'string') {
		errors.push({ code: 'InvalidType', message: `The '${name}' field must be a string` });
		return;
	}
	if (v.length < min || v.length > max)
		errors.push({
			code: 'InvalidLength',
			message: min > 0 ? `The '${name}' field must be between ${min} and ${max} characters` : `The '${name}' field cannot exceed ${max} characters`,
		});
}

function checkSubject(errors: InnerError[], body: Record<string, unknown>) {
	const v = body.subject;
	if (v === undefined || v === null) return;
	if (typeof v !== 'string') errors.push({ code: 'InvalidType', message: "The 'subject' field must be a string" });
	else if (v.length > 500) errors.push({ code: 'InvalidLength', message: 'Subject cannot exceed 500 characters' }); // [C] message
}

/** deliveryMethods / email / phone as documented: a method needs its contact; phone ^\d{10}$; email ≤256. */
function checkContact(errors: InnerError[], body: Record<string, unknown>, methodsNonEmpty: boolean) {
	const methods = body.deliveryMethods;
	let list: string[] = [];
	if (methods !== undefined && methods !== null) {
		if (!Array.isArray(methods)) errors.push({ code: 'InvalidType', message: "The 'deliveryMethods' field must be an array" });
		else {
			list = methods as string[];
			if (methodsNonEmpty && list.length === 0) errors.push({ code: 'InvalidValue', message: "The 'deliveryMethods' field cannot be empty" });
			for (const m of list)
				if (!(EASYINK_ENUMS.deliveryMethod as readonly string[]).includes(m))
					errors.push({ code: 'InvalidValue', message: `Delivery method '${String(m)}' is not supported. Use Email or Sms` });
		}
	}
	const email = body.email;
	if (email !== undefined && email !== null) {
		if (typeof email !== 'string' || email.length > 256) errors.push({ code: 'InvalidLength', message: "The 'email' field cannot exceed 256 characters" });
		else if (!EMAIL.test(email)) errors.push({ code: 'InvalidFormat', message: "The 'email' field is not a valid email address" });
	} else if (list.includes('Email')) errors.push(required('email'));
	const phone = body.phone;
	if (phone !== undefined && phone !== null) {
		if (typeof phone !== 'string' || !/^\d{10}$/.test(phone))
			errors.push({ code: 'InvalidFormat', message: "The 'phone' field must be a 10-digit phone number" });
	} else if (list.includes('Sms')) errors.push(required('phone'));
}

function checkPlacement(errors: InnerError[], p: unknown, pageCount?: number) {
	if (!isObject(p)) {
		errors.push(required('placement'));
		return;
	}
	const num = (k: string) => (typeof p[k] === 'number' && Number.isFinite(p[k]) ? (p[k] as number) : undefined);
	const page = num('page');
	if (page === undefined) errors.push(required('page'));
	else if (!Number.isInteger(page) || page < 1) errors.push({ code: 'InvalidValue', message: 'Page number cannot be less than 1' });
	else if (pageCount !== undefined && page > pageCount)
		errors.push({ code: 'InvalidValue', message: `Page ${page} does not exist: the document has ${pageCount} page(s)` });
	const x = num('positionX');
	const y = num('positionY');
	const w = num('sizeX');
	const h = num('sizeY');
	if (x === undefined) errors.push(required('positionX'));
	else if (x < 0) errors.push({ code: 'InvalidValue', message: 'Position on X-axis cannot be less than 0' }); // [C] message
	if (y === undefined) errors.push(required('positionY'));
	else if (y < 0) errors.push({ code: 'InvalidValue', message: 'Position on Y-axis cannot be less than 0' });
	if (w === undefined) errors.push(required('sizeX'));
	else if (w < 0.1) errors.push({ code: 'InvalidValue', message: 'Width (sizeX) cannot be less than 0.1' });
	if (h === undefined) errors.push(required('sizeY'));
	else if (h < 0.1) errors.push({ code: 'InvalidValue', message: 'Height (sizeY) cannot be less than 0.1' });
}

const placementOf = (p: Record<string, unknown>): EasyInkPlacement => ({
	page: p.page as number,
	positionX: p.positionX as number,
	positionY: p.positionY as number,
	sizeX: p.sizeX as number,
	sizeY: p.sizeY as number,
});

function countPdfPages(pdf: Buffer): number {
	const matches = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g);
	return Math.max(1, matches?.length ?? 1);
}

const stripExtension = (name: string) => name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
const contentDisposition = (name: string) => `attachment; filename="${name.replace(/["\\\r\n]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
const pdfResponse = (name: string, content: Buffer): SandboxResponse => ({
	status: 200,
	headers: { 'content-type': 'application/pdf', 'content-disposition': contentDisposition(name) },
	body: content,
});
const noContent: SandboxResponse = { status: 204 };

// ───────────────────────────── state ─────────────────────────────

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
		this.accessTokens.set(EASYINK_SANDBOX_TOKENS.accessToken, { clientId, scope: EASYINK_IDENTITY.scope, expiresAt: Number.MAX_SAFE_INTEGER });
		this.refreshTokens.set(EASYINK_SANDBOX_TOKENS.refreshToken, { clientId, scope: EASYINK_IDENTITY.scope });
	}

	// ── identity ──

	/** Issues an access token (a JWT with an `exp` claim, as EasyInk's) and a refresh token. */
	issueTokens(clientId: string = EASYINK_SANDBOX_CLIENT.clientId, scope: string = EASYINK_IDENTITY.scope, now = Date.now(), refreshToken?: string) {
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
		const refresh = refreshToken ?? randomBytes(24).toString('base64url');
		this.refreshTokens.set(refresh, { clientId, scope });
		return { access_token: accessToken, token_type: 'Bearer', expires_in: lifetime, refresh_token: refresh, scope };
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
			readyAt: now + this.settings.documentProcessingMs,
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
			declinedAt: null,
			declineReason: null,
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
			const copy = this.newParticipant({ ...p, id: randomUUID(), status: null, signedAt: null, declinedAt: null, declineReason: null, linkUsed: false });
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
		if (s.documents.some((d) => d.readyAt > now)) problems.push({ code: 'DocumentProcessing', message: EASYINK_PROCESSING_MESSAGE });
		if (!s.participants.length) problems.push({ code: 'NoParticipants', message: 'The session has no participants' });
		for (const p of s.participants)
			if (!s.fields.some((f) => f.participantId === p.id))
				problems.push({ code: 'NoSignatureFields', message: `Participant '${p.id}' has no signature fields` });
		const missing = this.missingFromOrder(s);
		if (missing.length)
			problems.push({ code: 'SigningOrder', message: `There are some participants missed in signing order definition: ${missing.join(', ')}` });
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

	start(s: EasyInkSession) {
		s.status = 'Pending';
		const ordered = this.ordered(s);
		ordered.forEach((p, i) => (p.status = s.signingOrder.type === 'OneByOne' && i > 0 ? 'Waiting' : 'Pending'));
		// Signed copies exist from the start (their ids can be asked for) but are unavailable until signed.
		s.signedDocuments = [];
		for (const p of ordered)
			for (const d of s.documents) {
				const name = [p.firstName, p.lastName].filter(Boolean).join(' ') || p.email || 'Participant';
				s.signedDocuments.push({
					signedDocumentId: randomUUID(),
					participantId: p.id,
					documentId: d.id,
					title: `${stripExtension(d.fileName)} - ${name} (Signed).pdf`,
					content: makePdf(`${stripExtension(d.fileName)} signed by ${name}`),
					producedAt: null,
					readyAt: Number.MAX_SAFE_INTEGER,
				});
			}
	}

	// ── acting as a participant (control API) ──

	private active(id: string): EasyInkSession {
		const s = this.sessions.get(id);
		if (!s) throw new Error(`no signing session ${id}`);
		if (s.status !== 'Pending' && s.status !== 'InProgress') throw new Error(`signing session is ${s.status}`);
		return s;
	}

	private pick(s: EasyInkSession, who: { participantId?: string; email?: string }, forAction: boolean): EasyInkParticipant {
		const open = this.ordered(s).filter((p) => p.status === 'Pending' || p.status === 'Waiting');
		const p = who.participantId
			? s.participants.find((x) => x.id === who.participantId)
			: who.email
				? s.participants.find((x) => x.email === who.email)
				: open.find((x) => x.status === 'Pending');
		if (!p) throw new Error('no such participant (or nobody left to act)');
		if (forAction && p.status !== 'Pending') throw new Error(p.status === 'Waiting' ? 'not this participant’s turn (one-by-one order)' : `participant already ${p.status}`);
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
		p.status = 'Signed';
		p.signedAt = new Date(now).toISOString();
		p.linkUsed = true;
		for (const d of s.signedDocuments.filter((x) => x.participantId === p.id)) {
			d.producedAt = now;
			d.readyAt = now + this.settings.signedDocumentDelayMs;
		}
		s.status = 'InProgress';
		const next = this.ordered(s).find((x) => x.status === 'Waiting');
		if (next && !this.ordered(s).some((x) => x.status === 'Pending')) next.status = 'Pending';
		if (s.participants.every((x) => x.status === 'Signed')) {
			s.status = 'Finished';
			const title = `${s.subject || 'Signing Session'} - All Signatures.pdf`;
			s.allInOne = { title, content: makePdf(`All signatures and audit trail: ${s.subject ?? ''}`), readyAt: now + this.settings.signedDocumentDelayMs };
		}
		return s;
	}

	decline(id: string, who: { participantId?: string; email?: string; reason?: string } = {}, now = Date.now()) {
		const s = this.active(id);
		const p = this.pick(s, who, true);
		p.status = 'Declined';
		p.declinedAt = new Date(now).toISOString();
		p.declineReason = who.reason ?? null;
		p.linkUsed = true;
		s.status = 'Declined';
		return s;
	}

	expire(id: string) {
		const s = this.active(id);
		s.status = 'Expired';
		return s;
	}

	/** Makes every document, signed document and all-in-one document of a session ready now. */
	makeReady(id: string) {
		const s = this.sessions.get(id);
		if (!s) throw new Error(`no signing session ${id}`);
		for (const f of [...s.documents, ...s.attachments]) f.readyAt = 0;
		for (const d of s.signedDocuments) if (d.producedAt !== null) d.readyAt = 0;
		if (s.allInOne) s.allInOne.readyAt = 0;
		return s;
	}
}

// ───────────────────────────── views ─────────────────────────────

const processing = (readyAt: number, now: number) => (readyAt <= now ? 'Ready' : 'InProgress');

function participantView(p: EasyInkParticipant) {
	return {
		id: p.id,
		firstName: p.firstName,
		middleName: p.middleName,
		lastName: p.lastName,
		email: p.email,
		phone: p.phone,
		role: p.role,
		userId: p.userId,
		deliveryMethods: p.deliveryMethods,
		language: p.language,
		signatureBlobId: p.signatureBlobId,
		initialsBlobId: p.initialsBlobId,
	};
}

/** GET draft (SigningConfiguration) as documented. */
export function draftView(s: EasyInkSession, now: number) {
	return {
		signingSessionId: s.id,
		organizationId: ORGANIZATION_ID,
		settingsSetId: SETTINGS_SET_ID,
		initiatorUserId: EASYINK_ME.userId,
		timestampFormat: 'Usa',
		isBulkSession: false,
		isLocked: s.status !== 'Draft',
		isVoidDisabled: false,
		isSessionCopyDisabled: false,
		isValidBulkParticipant: null,
		subject: s.subject,
		documents: s.documents.map((d) => ({
			id: d.id,
			title: stripExtension(d.fileName),
			blobId: d.blobId,
			status: d.readyAt <= now ? 'ProcessingReady' : 'Processing', // "ProcessingReady" [C]; "Processing" [G]
			pages: Array.from({ length: d.pageCount }, (_, i) => ({ pageNumber: i + 1, width: 612, height: 792 })), // shape [G]
		})),
		attachments: s.attachments.map((a) => ({
			id: a.id,
			title: stripExtension(a.fileName),
			blobId: a.blobId,
			status: a.readyAt <= now ? 'ProcessingReady' : 'Processing',
		})),
		participants: s.participants.map(participantView),
		bulkParticipants: null,
		signatureFields: s.fields.map((f) => ({ ...f, placement: { ...f.placement }, options: { ...f.options } })),
		pageLabels: [],
		reminderFrequency: s.reminderFrequency,
		signingOrderSettings: { type: s.signingOrder.type, participantsOrder: s.signingOrder.participantsOrder },
	};
}

const canBeVoided = (s: EasyInkSession) => s.status === 'Pending' || s.status === 'InProgress';
const canBeCopied = (s: EasyInkSession) => s.status !== 'Voided' && s.status !== 'Expired';
const canBeDeleted = (s: EasyInkSession) => s.status === 'Draft' || s.status === 'ReadyToStart';
const meNeedsToSign = (s: EasyInkSession) =>
	(s.status === 'Pending' || s.status === 'InProgress') && s.participants.some((p) => p.userId === EASYINK_ME.userId && p.status === 'Pending');

/** GET session (SigningView) as documented. */
export function sessionView(s: EasyInkSession, now: number) {
	return {
		signingSessionId: s.id,
		bulkSessionId: null,
		subject: s.subject,
		canBeVoided: canBeVoided(s),
		canBeCopied: canBeCopied(s),
		status: s.status,
		documents: s.documents.map((d) => ({ documentId: d.id, title: d.fileName })),
		participants: s.participants.map((p) => ({
			participantId: p.id,
			firstName: p.firstName,
			middleName: p.middleName,
			lastName: p.lastName,
			email: p.email,
			phone: p.phone,
			role: p.role,
			deliveryMethods: p.deliveryMethods,
			language: p.language,
			status: p.status,
			signedAt: p.signedAt,
		})),
		signedDocuments: s.signedDocuments
			.filter((d) => d.producedAt !== null)
			.map((d) => ({
				signedDocumentId: d.signedDocumentId,
				participantId: d.participantId, // [G] not in the captured example
				documentId: d.documentId, // [G]
				title: d.title,
				processingStatus: processing(d.readyAt, now),
			})),
		attachments: s.attachments.map((a) => ({ attachmentId: a.id, title: a.fileName })),
		allInOneDocument: s.allInOne ? { title: s.allInOne.title, status: processing(s.allInOne.readyAt, now) } : null,
	};
}

function searchItem(s: EasyInkSession) {
	return {
		id: s.id,
		isBulk: false,
		subject: s.subject,
		created: s.created,
		status: s.status,
		currentUserNeedToSign: meNeedsToSign(s),
		hasNotificationErrors: s.hasNotificationErrors,
		canBeDeleted: canBeDeleted(s),
	};
}

function matchesFilter(s: EasyInkSession, filter: string): boolean {
	switch (filter) {
		case 'InProgress':
			return s.status === 'InProgress' || s.status === 'Pending';
		case 'NeedToSign':
			return meNeedsToSign(s);
		case 'NeedsAction':
			return s.status === 'Declined' || s.hasNotificationErrors;
		default:
			return s.status === filter;
	}
}

// ───────────────────────────── emulator ─────────────────────────────

export function easyinkEmulators(state = new EasyInkState()): Array<ProviderEmulator & { state: EasyInkState }> {
	/** Bearer JWT check: missing, unknown or expired → 401; a token without hermes_api → 403. */
	const authenticate = (req: SandboxRequest): SandboxResponse | undefined => {
		const token = bearer(req);
		const challenge = (description: string) => ({ 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` });
		if (!token) return json(401, { error: { code: 'Unauthorized', message: 'Authorization header with a Bearer token is required' } }, { 'www-authenticate': 'Bearer' });
		const t = state.accessTokens.get(token);
		if (!t) return json(401, { error: { code: 'Unauthorized', message: 'The access token is invalid' } }, challenge('The access token is invalid'));
		if (t.expiresAt <= req.now)
			return json(401, { error: { code: 'Unauthorized', message: 'The access token expired' } }, challenge('The token expired'));
		if (!t.scope.split(' ').includes('hermes_api')) return apiError(403, 'Forbidden', "The access token lacks the 'hermes_api' scope");
		return undefined;
	};

	const route = (name: EasyInkOperationName, handler: Handler): Route => {
		const op = EASYINK_OPERATIONS[name];
		return {
			method: op.method,
			pattern: EASYINK_PATTERNS[op.pattern],
			handler: async (req) => {
				const denied = authenticate(req);
				if (denied) return denied;
				for (const [key, value] of Object.entries(req.params))
					if (!isUuid(value)) return validation(`'${value}' is not a valid ${key === 'id' ? 'signingSessionId' : key}: a UUID is expected`);
				try {
					return await handler(req);
				} catch (e) {
					if (e instanceof Reply) return e.response;
					throw e;
				}
			},
		};
	};

	const NOT_FOUND_DRAFT = () => new Reply(apiError(404, 'NotFound', 'Signing session draft does not exists')); // [C] message
	const NOT_FOUND_SESSION = () => new Reply(apiError(404, 'NotFound', 'Signing session does not exist'));

	/** Any session by id (delete/mutations check the lock themselves). */
	const anySession = (req: SandboxRequest, notFound = NOT_FOUND_DRAFT) => {
		const s = state.sessions.get(req.params.id);
		if (!s) throw notFound();
		return s;
	};
	/** A draft that is not started yet (Draft or ReadyToStart) — for GET/HEAD. */
	const visibleDraft = (req: SandboxRequest) => {
		const s = anySession(req);
		if (s.status !== 'Draft' && s.status !== 'ReadyToStart') throw NOT_FOUND_DRAFT();
		return s;
	};
	/** A draft that may still be modified. */
	const editableDraft = (req: SandboxRequest) => {
		const s = anySession(req);
		if (s.status !== 'Draft') throw new Reply(validation('Signing session draft is locked and cannot be modified'));
		return s;
	};
	const findIn = <T extends { id: string }>(list: T[], id: string, what: string): T => {
		const item = list.find((x) => x.id === id);
		if (!item) throw new Reply(validation(`${what} '${id}' not found`)); // [C] message shape ("Document '…' not found")
		return item;
	};

	const upload = (req: SandboxRequest, list: (s: EasyInkSession) => EasyInkFile[]) => {
		const s = editableDraft(req);
		if (!req.parts) return validation('The request must be multipart/form-data with a fileContent part');
		const file = req.parts.find((p) => p.name === 'fileContent');
		if (!file || file.filename === undefined) return fieldErrors([required('fileContent')])!;
		if (!file.data.length) return validation('The uploaded file is empty');
		if (file.data.length > state.settings.maxFileBytes) return validation(`The file exceeds the maximum size of ${state.settings.maxFileBytes} bytes`);
		const type = (file.contentType ?? '').toLowerCase();
		const name = file.filename || 'document';
		const isPdf = type === 'application/pdf' || /\.pdf$/i.test(name);
		const isWord =
			type === 'application/msword' ||
			type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' ||
			/\.docx?$/i.test(name);
		if (!isPdf && !isWord) return validation(`Unsupported file format '${type || name}'. Upload a PDF or Word document`);
		if (isPdf && file.data.subarray(0, 5).toString('latin1') !== '%PDF-') return validation('The file is not a valid PDF document');
		const stored = state.storeFile(name, isPdf ? 'application/pdf' : type || 'application/msword', file.data, req.now);
		list(s).push(stored);
		return json(200, stored.id);
	};

	const download = (f: EasyInkFile, now: number) => {
		if (f.readyAt > now) return validation(EASYINK_PROCESSING_MESSAGE); // [C]
		return pdfResponse(`${stripExtension(f.fileName)}.pdf`, f.pdf);
	};

	const participantBody = (req: SandboxRequest) => {
		const body = jsonBody(req);
		const errors: InnerError[] = [];
		checkText(errors, body, 'firstName', 1, 100, true);
		checkText(errors, body, 'lastName', 1, 100, true);
		checkText(errors, body, 'middleName', 0, 100, false);
		checkContact(errors, body, true);
		if (body.language !== undefined && body.language !== null && !(EASYINK_ENUMS.language as readonly string[]).includes(String(body.language)))
			errors.push({ code: 'InvalidValue', message: `Language '${String(body.language)}' is not supported. Use English or Spanish` });
		const failed = fieldErrors(errors);
		if (failed) throw new Reply(failed);
		return {
			firstName: body.firstName as string,
			middleName: (body.middleName as string | null | undefined) ?? null,
			lastName: body.lastName as string,
			email: (body.email as string | null | undefined) ?? null,
			phone: (body.phone as string | null | undefined) ?? null,
			deliveryMethods: (body.deliveryMethods as Array<'Email' | 'Sms'> | null | undefined) ?? null,
			language: ((body.language as string | null | undefined) ?? 'English') as 'English' | 'Spanish',
		};
	};

	const voidReason = (value: unknown): string => {
		if (value === undefined || value === null || value === '') throw new Reply(validation('Voiding reason is required')); // [C]
		if (typeof value !== 'string' || value.length > 1000) throw new Reply(validation('Voiding reason cannot exceed 1000 characters'));
		return value;
	};

	const api: Route[] = [
		// ── drafts ──
		route('draftCreate', (req) => {
			const body = jsonBody(req, true);
			const errors: InnerError[] = [];
			checkSubject(errors, body);
			const failed = fieldErrors(errors);
			if (failed) return failed;
			return json(200, state.newSession((body.subject as string | null | undefined) ?? null, req.now).id);
		}),
		route('draftGet', (req) => json(200, draftView(visibleDraft(req), req.now))),
		route('draftExists', (req) => {
			const s = state.sessions.get(req.params.id);
			return { status: s && (s.status === 'Draft' || s.status === 'ReadyToStart') ? 200 : 404 };
		}),
		route('draftUpdate', (req) => {
			const s = editableDraft(req);
			const body = jsonBody(req);
			const errors: InnerError[] = [];
			checkSubject(errors, body);
			const rf = body.reminderFrequency;
			if (rf !== undefined && rf !== null && !(EASYINK_ENUMS.reminderFrequency as readonly string[]).includes(String(rf)))
				errors.push({ code: 'InvalidValue', message: `Reminder frequency '${String(rf)}' is not supported. Use Never, Daily or Weekly` });
			const failed = fieldErrors(errors);
			if (failed) return failed;
			if ('subject' in body) s.subject = (body.subject as string | null) ?? null;
			if ('reminderFrequency' in body) s.reminderFrequency = (rf as EasyInkSession['reminderFrequency']) ?? null;
			return noContent;
		}),
		route('draftDelete', (req) => {
			const s = anySession(req);
			if (!canBeDeleted(s)) return validation('Signing session draft is locked and cannot be removed'); // [C]
			state.sessions.delete(s.id);
			return noContent;
		}),
		route('draftConvert', (req) => {
			const s = editableDraft(req);
			const problems = state.configurationProblems(s, req.now);
			if (problems.length)
				return validation('Session configuration is invalid. Check that all documents, participants, and fields are configured.', problems); // [C]
			s.status = 'ReadyToStart';
			return noContent;
		}),
		// ── documents and attachments (draft) ──
		route('draftDocumentUpload', (req) => upload(req, (s) => s.documents)),
		route('draftDocumentDownload', (req) => download(findIn(visibleDraft(req).documents, req.params.documentId, 'Document'), req.now)),
		route('draftDocumentRemove', (req) => {
			const s = editableDraft(req);
			const doc = findIn(s.documents, req.params.documentId, 'Document');
			s.documents = s.documents.filter((d) => d !== doc);
			s.fields = s.fields.filter((f) => f.documentId !== doc.id); // cascade: its signature fields
			return noContent;
		}),
		route('draftAttachmentUpload', (req) => upload(req, (s) => s.attachments)),
		route('draftAttachmentDownload', (req) => download(findIn(visibleDraft(req).attachments, req.params.attachmentId, 'Attachment'), req.now)),
		route('draftAttachmentRemove', (req) => {
			const s = editableDraft(req);
			const a = findIn(s.attachments, req.params.attachmentId, 'Attachment');
			s.attachments = s.attachments.filter((x) => x !== a);
			return noContent;
		}),
		// ── participants (draft) ──
		route('participantAdd', (req) => {
			const s = editableDraft(req);
			const p = state.newParticipant(participantBody(req));
			s.participants.push(p);
			return json(200, p.id);
		}),
		route('participantAddMe', (req) => {
			const s = editableDraft(req);
			if (s.participants.some((p) => p.userId === EASYINK_ME.userId)) return validation('The current user is already a participant of this signing session');
			const p = state.newParticipant({
				firstName: EASYINK_ME.firstName,
				middleName: EASYINK_ME.middleName,
				lastName: EASYINK_ME.lastName,
				email: EASYINK_ME.email,
				phone: EASYINK_ME.phone,
				userId: EASYINK_ME.userId,
				role: 'Signer',
			});
			s.participants.push(p);
			return json(200, participantView(p));
		}),
		route('participantUpdate', (req) => {
			const s = editableDraft(req);
			const p = findIn(s.participants, req.params.participantId, 'Participant');
			Object.assign(p, participantBody(req));
			return noContent;
		}),
		route('participantRemove', (req) => {
			const s = editableDraft(req);
			const p = findIn(s.participants, req.params.participantId, 'Participant');
			s.participants = s.participants.filter((x) => x !== p);
			const removed = s.fields.filter((f) => f.participantId === p.id).map((f) => f.id);
			s.fields = s.fields.filter((f) => !removed.includes(f.id) && !(f.dependsOn && removed.includes(f.dependsOn)));
			if (s.signingOrder.participantsOrder) s.signingOrder.participantsOrder = s.signingOrder.participantsOrder.filter((id) => id !== p.id);
			return noContent;
		}),
		// ── signing order ──
		route('signingOrderSequential', (req) => {
			const s = editableDraft(req);
			const body = jsonBody(req);
			const order = body.participantsOrder;
			if (order === undefined || order === null) return fieldErrors([required('participantsOrder')])!;
			if (!Array.isArray(order) || order.length === 0) return validation("The 'participantsOrder' field cannot be empty");
			const seen = new Set<string>();
			for (const id of order) {
				if (!isUuid(id)) return validation(`'${String(id)}' is not a valid participant id: a UUID is expected`);
				if (!s.participants.some((p) => p.id === id)) return validation(`Participant '${id}' is not part of this signing session`);
				if (seen.has(id)) return validation(`Participant '${id}' appears more than once in the signing order`);
				seen.add(id);
			}
			const missing = s.participants.filter((p) => !seen.has(p.id)).map((p) => p.id);
			if (missing.length) return validation(`There are some participants missed in signing order definition: ${missing.join(', ')}`); // [C]
			s.signingOrder = { type: 'OneByOne', participantsOrder: [...(order as string[])] };
			return noContent;
		}),
		route('signingOrderParallel', (req) => {
			const s = editableDraft(req);
			s.signingOrder = { type: 'AllAtOnce', participantsOrder: null };
			return noContent;
		}),
		// ── signature fields ──
		route('signatureFieldAdd', (req) => {
			const s = editableDraft(req);
			const body = jsonBody(req);
			const errors: InnerError[] = [];
			const { participantId, documentId, field } = body;
			if (!isUuid(documentId)) errors.push(documentId ? { code: 'InvalidFormat', message: "The 'documentId' field must be a UUID" } : required('documentId'));
			if (participantId !== undefined && participantId !== null && !isUuid(participantId))
				errors.push({ code: 'InvalidFormat', message: "The 'participantId' field must be a UUID" });
			if (!isObject(field)) errors.push(required('field'));
			const failed = fieldErrors(errors);
			if (failed) return failed;
			const f = field as Record<string, unknown>;
			const doc = findIn(s.documents, documentId as string, 'Document');
			if (participantId) findIn(s.participants, participantId as string, 'Participant');
			const type = f.type;
			if (typeof type !== 'string' || !(EASYINK_ENUMS.signatureFieldType as readonly string[]).includes(type))
				errors.push(type === undefined ? required('type') : { code: 'InvalidValue', message: `Signature field type '${String(type)}' is not supported` });
			checkPlacement(errors, f.placement, doc.pageCount);
			const options = isObject(f.options) ? f.options : undefined;
			if (options && options.forType !== undefined && options.forType !== type)
				errors.push({ code: 'InvalidValue', message: 'Field options must target the field type' }); // [C]
			if (f.dependsOn !== undefined && f.dependsOn !== null && !s.fields.some((x) => x.id === f.dependsOn))
				errors.push({ code: 'InvalidValue', message: `Signature field '${String(f.dependsOn)}' (dependsOn) not found` });
			const failedField = fieldErrors(errors);
			if (failedField) return failedField;
			const created: EasyInkField = {
				id: randomUUID(),
				participantId: (participantId as string | null | undefined) ?? null,
				documentId: doc.id,
				type: type as string,
				placement: placementOf(f.placement as Record<string, unknown>),
				options: { isRequired: options?.isRequired === true, forType: type as string },
				dependsOn: (f.dependsOn as string | null | undefined) ?? null,
			};
			s.fields.push(created);
			return json(200, created.id);
		}),
		route('signatureFieldUpdateOptions', (req) => {
			const s = editableDraft(req);
			const field = findIn(s.fields, req.params.signatureFieldId, 'Signature field');
			const body = jsonBody(req);
			if (body.forType !== undefined && body.forType !== field.type) return validation('Field options must target the field type'); // [C]
			if (body.isRequired !== undefined && typeof body.isRequired !== 'boolean') return validation("The 'isRequired' field must be a boolean");
			field.options = { isRequired: body.isRequired === true, forType: field.type };
			return noContent;
		}),
		route('signatureFieldUpdatePosition', (req) => {
			const s = editableDraft(req);
			const field = findIn(s.fields, req.params.signatureFieldId, 'Signature field');
			const body = jsonBody(req);
			const errors: InnerError[] = [];
			checkPlacement(errors, body, s.documents.find((d) => d.id === field.documentId)?.pageCount);
			const failed = fieldErrors(errors);
			if (failed) return failed;
			field.placement = placementOf(body);
			return noContent;
		}),
		route('signatureFieldRemove', (req) => {
			const s = editableDraft(req);
			const field = findIn(s.fields, req.params.signatureFieldId, 'Signature field');
			const removed = [field.id];
			for (let i = 0; i < removed.length; i++)
				for (const f of s.fields) if (f.dependsOn === removed[i] && !removed.includes(f.id)) removed.push(f.id);
			s.fields = s.fields.filter((f) => !removed.includes(f.id));
			return json(200, removed); // [C] every removed id, dependants included
		}),
		// ── sessions (statistics before :id so "statistics" is not taken for an id) ──
		route('sessionStatistics', () => {
			const all = [...state.sessions.values()];
			return json(200, {
				sessionsToSignCount: all.filter(meNeedsToSign).length,
				draftsCount: all.filter((s) => s.status === 'Draft').length,
				readyToStartCount: all.filter((s) => s.status === 'ReadyToStart').length,
				inProgressCount: all.filter((s) => matchesFilter(s, 'InProgress')).length,
				needsActionCount: all.filter((s) => matchesFilter(s, 'NeedsAction')).length,
			});
		}),
		route('sessionSearch', (req) => {
			const errors: InnerError[] = [];
			const int = (name: string, def: number) => {
				const raw = req.query.get(name);
				if (raw === null || raw === '') return def;
				return /^-?\d+$/.test(raw) ? Number(raw) : NaN;
			};
			const pageIndex = int(EASYINK_SEARCH.pageIndex, 0);
			const pageSize = int(EASYINK_SEARCH.pageSize, EASYINK_SEARCH.defaultPageSize);
			if (!Number.isInteger(pageIndex) || pageIndex < 0) errors.push({ code: 'InvalidValue', message: 'Page index must be 0 or greater' });
			if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > EASYINK_SEARCH.maxPageSize)
				errors.push({ code: 'InvalidValue', message: `Page size must be between 1 and ${EASYINK_SEARCH.maxPageSize}` });
			const statuses = req.query.getAll(EASYINK_SEARCH.statuses);
			for (const st of statuses)
				if (!(EASYINK_ENUMS.searchStatus as readonly string[]).includes(st)) errors.push({ code: 'InvalidValue', message: `Status '${st}' is not supported` });
			const sorting: Array<{ property: string; descending: boolean }> = [];
			for (let i = 0; ; i++) {
				const property = req.query.get(EASYINK_SEARCH.sortProperty(i));
				if (property === null) break;
				const known = EASYINK_SEARCH.sortableProperties.find((p) => p.toLowerCase() === property.toLowerCase());
				if (!known) errors.push({ code: 'InvalidValue', message: `Sorting by '${property}' is not supported` });
				else sorting.push({ property: known, descending: /^true$/i.test(req.query.get(EASYINK_SEARCH.sortDescending(i)) ?? '') });
			}
			const failed = fieldErrors(errors);
			if (failed) return failed;
			if (!sorting.length) sorting.push({ property: 'created', descending: true });
			const key = (s: EasyInkSession, p: string): string | number => (p === 'created' ? s.seq : p === 'subject' ? (s.subject ?? '').toLowerCase() : s.status);
			const items = [...state.sessions.values()]
				.filter((s) => !statuses.length || statuses.some((st) => matchesFilter(s, st)))
				.sort((a, b) => {
					for (const { property, descending } of sorting) {
						const x = key(a, property);
						const y = key(b, property);
						if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
					}
					return b.seq - a.seq;
				});
			return json(200, {
				items: items.slice(pageIndex * pageSize, pageIndex * pageSize + pageSize).map(searchItem),
				totalItemsCount: items.length,
				pagesCount: Math.ceil(items.length / pageSize),
				pageIndex,
				pageSize,
			});
		}),
		route('sessionGet', (req) => json(200, sessionView(anySession(req, NOT_FOUND_SESSION), req.now))),
		route('sessionExists', (req) => ({ status: state.sessions.has(req.params.id) ? 200 : 404 })),
		route('sessionStart', (req) => {
			const s = anySession(req, NOT_FOUND_SESSION);
			if (s.status !== 'ReadyToStart')
				return validation(`Only a signing session in ReadyToStart status can be started (current status: ${s.status})`);
			if (!s.documents.length) return validation('Session must have at least one document before starting'); // [C]
			state.start(s);
			return noContent;
		}),
		route('sessionVoid', (req) => {
			const s = anySession(req, NOT_FOUND_SESSION);
			const reason = voidReason(jsonBody(req, true).reason);
			if (!canBeVoided(s)) return validation(`A signing session in ${s.status} status cannot be voided`);
			s.status = 'Voided';
			s.voidReason = reason;
			return noContent;
		}),
		route('sessionDuplicate', (req) => {
			const s = anySession(req, NOT_FOUND_SESSION);
			const body = jsonBody(req, true);
			const errors: InnerError[] = [];
			checkSubject(errors, body);
			const failed = fieldErrors(errors);
			if (failed) return failed;
			if (!canBeCopied(s)) return validation(`A signing session in ${s.status} status cannot be duplicated`);
			return json(200, state.copyToDraft(s, body.subject as string | null | undefined, req.now).id);
		}),
		route('sessionRecreate', (req) => {
			const s = anySession(req, NOT_FOUND_SESSION);
			const body = jsonBody(req);
			const errors: InnerError[] = [];
			checkSubject(errors, body);
			const failed = fieldErrors(errors);
			if (failed) return failed;
			const reason = voidReason(body.voidReason);
			if (!canBeVoided(s)) return validation(`A signing session in ${s.status} status cannot be recreated and voided`);
			const draft = state.copyToDraft(s, body.subject as string | null | undefined, req.now);
			s.status = 'Voided';
			s.voidReason = reason;
			return json(200, draft.id);
		}),
		route('participantUpdateDelivery', (req) => {
			const s = anySession(req, NOT_FOUND_SESSION);
			if (s.status !== 'Pending' && s.status !== 'InProgress')
				return validation(`Delivery can only be changed in an active signing session (current status: ${s.status})`);
			const p = findIn(s.participants, req.params.participantId, 'Participant');
			const body = jsonBody(req);
			const errors: InnerError[] = [];
			checkContact(errors, body, false);
			const failed = fieldErrors(errors);
			if (failed) return failed;
			if (p.linkUsed || p.status === 'Signed' || p.status === 'Declined')
				return validation("Delivery method can't be changed because the participant has already used the signing link"); // [C]
			if ('deliveryMethods' in body) p.deliveryMethods = (body.deliveryMethods as Array<'Email' | 'Sms'> | null) ?? null;
			if ('email' in body) p.email = (body.email as string | null) ?? null;
			if ('phone' in body) p.phone = (body.phone as string | null) ?? null;
			return noContent;
		}),
		route('sessionDocumentDownload', (req) => {
			const s = anySession(req, NOT_FOUND_SESSION);
			return download(findIn(s.documents, req.params.documentId, 'Document'), req.now);
		}),
		route('sessionAttachmentDownload', (req) => {
			const s = anySession(req, NOT_FOUND_SESSION);
			if (s.status === 'Draft') return validation('Attachments of a draft are downloaded through the draft');
			return download(findIn(s.attachments, req.params.attachmentId, 'Attachment'), req.now);
		}),
		route('signedDocumentDownload', (req) => {
			const s = anySession(req, NOT_FOUND_SESSION);
			const d = s.signedDocuments.find((x) => x.signedDocumentId === req.params.documentId);
			if (!d) return validation(`Signed document '${req.params.documentId}' not found`);
			if (d.producedAt === null) return validation('Signed document is not available until participant completes signing'); // [C]
			if (d.readyAt > req.now) return validation(EASYINK_PROCESSING_MESSAGE); // [C]
			return pdfResponse(d.title, d.content);
		}),
		route('allInOneDocumentDownload', (req) => {
			const s = anySession(req, NOT_FOUND_SESSION);
			if (!s.allInOne) return validation('The all-in-one document is available only after the signing session is finished');
			if (state.settings.allInOneFails) return validation('All-in-one document compilation failed.'); // [C]
			if (s.allInOne.readyAt > req.now) return validation(EASYINK_PROCESSING_MESSAGE);
			return pdfResponse(s.allInOne.title, s.allInOne.content);
		}),
	];

	// ── identity provider ──
	const oauthError = (error: string, description: string, status = 400) => json(status, { error, error_description: description });

	const clientFrom = (req: SandboxRequest): { id?: string; secret?: string } => {
		const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
		if (basic) {
			const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
			return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
		}
		return { id: req.form?.get('client_id') ?? undefined, secret: req.form?.get('client_secret') ?? undefined };
	};

	const identity: Route[] = [
		{
			method: 'GET',
			pattern: EASYINK_IDENTITY.authorizePath,
			handler: (req) => {
				const q = req.query;
				const clientId = q.get('client_id') ?? '';
				if (!state.clients.has(clientId)) return oauthError('invalid_client', `Unknown client '${clientId}'`);
				if (q.get('response_type') !== 'code') return oauthError('unsupported_response_type', 'response_type must be code');
				const redirectUri = q.get('redirect_uri');
				if (!redirectUri) return oauthError('invalid_request', 'redirect_uri is required');
				const challenge = q.get('code_challenge');
				if (!challenge) return oauthError('invalid_request', 'code challenge required');
				if (q.get('code_challenge_method') !== EASYINK_IDENTITY.codeChallengeMethod)
					return oauthError('invalid_request', 'Transform algorithm not supported: code_challenge_method must be S256');
				const scope = q.get('scope') ?? '';
				const allowed = EASYINK_IDENTITY.scope.split(' ');
				const unknown = scope.split(' ').filter((s) => s && !allowed.includes(s));
				if (!scope.split(' ').includes('openid') || unknown.length) return oauthError('invalid_scope', `Invalid scope: ${unknown.join(' ') || '(openid missing)'}`);
				const code = randomBytes(24).toString('base64url');
				state.codes.set(code, { clientId, redirectUri, codeChallenge: challenge, scope, expiresAt: req.now + 5 * 60_000 });
				const target = new URL(redirectUri);
				target.searchParams.set('code', code);
				target.searchParams.set('scope', scope);
				const st = q.get('state');
				if (st !== null) target.searchParams.set('state', st);
				return { status: 302, headers: { location: target.toString() } };
			},
		},
		{
			method: 'POST',
			pattern: EASYINK_IDENTITY.tokenPath,
			handler: (req) => {
				if (!req.form) return oauthError('invalid_request', 'The request body must be application/x-www-form-urlencoded');
				const client = clientFrom(req);
				const known = client.id ? state.clients.get(client.id) : undefined;
				if (!known || known.secret !== client.secret) return oauthError('invalid_client', 'Client authentication failed', 401);
				const grant = req.form.get('grant_type');
				if (grant === 'authorization_code') {
					const code = req.form.get('code') ?? '';
					const issued = state.codes.get(code);
					state.codes.delete(code); // single use
					if (!issued || issued.expiresAt <= req.now || issued.clientId !== client.id) return oauthError('invalid_grant', 'Invalid, expired or used authorization code');
					if (req.form.get('redirect_uri') !== issued.redirectUri) return oauthError('invalid_grant', 'redirect_uri does not match the one of the authorize request');
					const verifier = req.form.get('code_verifier');
					if (!verifier) return oauthError('invalid_grant', 'code_verifier is required (PKCE)');
					if (createHash('sha256').update(verifier).digest('base64url') !== issued.codeChallenge)
						return oauthError('invalid_grant', 'Transformed code verifier does not match code challenge');
					return json(200, { ...state.issueTokens(client.id, issued.scope, req.now), id_token: 'sandbox.id.token' }, { 'cache-control': 'no-store' });
				}
				if (grant === 'refresh_token') {
					const refresh = req.form.get('refresh_token') ?? '';
					const known = state.refreshTokens.get(refresh);
					if (!known || known.clientId !== client.id) return oauthError('invalid_grant', 'Invalid refresh token');
					// Refresh tokens are reusable [G]: the same refresh token is returned.
					return json(200, state.issueTokens(client.id, known.scope, req.now, refresh), { 'cache-control': 'no-store' });
				}
				return oauthError('unsupported_grant_type', `Grant type '${grant ?? ''}' is not supported`);
			},
		},
	];

	// ── control API: /_control/easyink/... ──
	const act = (fn: () => EasyInkSession | unknown, now: number): SandboxResponse => {
		try {
			const result = fn();
			return json(200, result && typeof result === 'object' && 'seq' in (result as object) ? sessionView(result as EasyInkSession, now) : result);
		} catch (e) {
			return json(409, { error: (e as Error).message });
		}
	};
	const who = (req: SandboxRequest) => (isObject(req.json) ? (req.json as { participantId?: string; email?: string; reason?: string }) : {});

	const control: Route[] = [
		{
			method: 'POST',
			pattern: '/settings',
			handler: (req) => {
				const body = isObject(req.json) ? req.json : {};
				for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof EasyInkSettings>)
					if (body[key] !== undefined) (state.settings as unknown as Record<string, unknown>)[key] = body[key];
				return json(200, state.settings);
			},
		},
		{
			method: 'POST',
			pattern: '/tokens',
			handler: (req) => {
				const body = (isObject(req.json) ? req.json : {}) as { clientId?: string; scope?: string };
				return json(200, state.issueTokens(body.clientId, body.scope, req.now));
			},
		},
		{ method: 'POST', pattern: '/tokens/expire', handler: () => json(200, { expired: state.expireAccessTokens() }) },
		{
			method: 'POST',
			pattern: '/sessions',
			handler: (req) => {
				// Seeds a session directly in a status (for search/trigger tests): {subject?, status?, participants?: [{firstName,lastName,email}], includeMe?}
				const body = (isObject(req.json) ? req.json : {}) as {
					subject?: string;
					status?: EasyInkStatus;
					participants?: Array<Partial<EasyInkParticipant>>;
					includeMe?: boolean;
				};
				const s = state.newSession(body.subject ?? 'Seeded session', req.now);
				s.documents.push(state.storeFile('Contract.pdf', 'application/pdf', makePdf(`Contract ${s.subject}`), 0));
				const target = body.status ?? 'Draft';
				const people = body.participants?.length
					? body.participants
					: [
							{ firstName: 'Pat', lastName: 'Signer', email: 'pat.signer@example.com' },
							// InProgress needs someone still to sign after the first signature.
							...(target === 'InProgress' ? [{ firstName: 'Quinn', lastName: 'Cosigner', email: 'quinn.cosigner@example.com' }] : []),
						];
				s.participants = people.map((p) => state.newParticipant({ deliveryMethods: ['Email'], ...p }));
				if (body.includeMe)
					s.participants.push(state.newParticipant({ ...EASYINK_ME, userId: EASYINK_ME.userId, deliveryMethods: ['Email'] }));
				for (const p of s.participants)
					s.fields.push({
						id: randomUUID(),
						participantId: p.id,
						documentId: s.documents[0].id,
						type: 'Signature',
						placement: { page: 1, positionX: 72, positionY: 72, sizeX: 200, sizeY: 50 },
						options: { isRequired: true, forType: 'Signature' },
						dependsOn: null,
					});
				if (target !== 'Draft') s.status = 'ReadyToStart';
				if (!['Draft', 'ReadyToStart'].includes(target)) {
					state.start(s);
					if (target === 'InProgress' || target === 'Finished') {
						state.sign(s.id, {}, req.now);
						if (target === 'Finished') while (s.status !== 'Finished') state.sign(s.id, {}, req.now);
					}
					if (target === 'Declined') state.decline(s.id, {}, req.now);
					if (target === 'Expired') state.expire(s.id);
					if (target === 'Voided') Object.assign(s, { status: 'Voided', voidReason: 'Seeded as voided' });
				}
				return json(200, sessionView(s, req.now));
			},
		},
		{ method: 'POST', pattern: '/sessions/:id/open', handler: (req) => act(() => state.open(req.params.id, who(req)), req.now) },
		{ method: 'POST', pattern: '/sessions/:id/sign', handler: (req) => act(() => state.sign(req.params.id, who(req), req.now), req.now) },
		{ method: 'POST', pattern: '/sessions/:id/decline', handler: (req) => act(() => state.decline(req.params.id, who(req), req.now), req.now) },
		{ method: 'POST', pattern: '/sessions/:id/expire', handler: (req) => act(() => state.expire(req.params.id), req.now) },
		{ method: 'POST', pattern: '/sessions/:id/ready', handler: (req) => act(() => state.makeReady(req.params.id), req.now) },
		{
			method: 'POST',
			pattern: '/sessions/:id/notification-error',
			handler: (req) =>
				act(() => {
					const s = state.sessions.get(req.params.id);
					if (!s) throw new Error(`no signing session ${req.params.id}`);
					s.hasNotificationErrors = true;
					return s;
				}, req.now),
		},
	];

	return [
		{ prefixes: [EASYINK_SANDBOX_PREFIXES.api], routes: api, control, state, reset: () => state.reset() },
		{ prefixes: [EASYINK_SANDBOX_PREFIXES.identity], routes: identity, state, reset: () => undefined },
	];
}
