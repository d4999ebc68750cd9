/**
 * Signicat Sign API v2 emulator: the in-memory account and the documented shapes.
 * Written from the provider sources only (shared/providers/signicat-sign-api-v2.txt, PUBLIC-DOCS.md §2,
 * REFERENCE.md → Signicat), never from this package's node code.
 *
 * What the answers carry is what the sources document, nothing more: a signing session has no `createdAt`
 * (its creation time is kept here, internally, for `createdDateFrom`/`createdDateTo` and `sort=±createdAt`);
 * `lifecycle.state` is one of BLOCKED, READY, REJECTED, SIGNED with `stateIsFinal`. No source documents an
 * "expired" state: a session past its `dueDate` keeps its state (the signer can no longer sign it).
 */
import { createHash } from 'node:crypto';

import { json, makePdf, uuid, type SandboxResponse } from '../../server';

/** API clients the sandbox token endpoint accepts (client id → secret). */
export const SIGNICAT_CLIENTS: Record<string, string> = {
	'sandbox-client': 'sandbox-secret-123',
	'other-client': 'other-secret-456',
};

/** REFERENCE.md → Signicat: OAuth 2.0 client credentials, scope `signicat-api`. */
export const SIGNICAT_SCOPE = 'signicat-api';

/** PUBLIC-DOCS.md §2 "Session states": the complete enum in both SDKs. */
export const SESSION_STATES = ['BLOCKED', 'READY', 'REJECTED', 'SIGNED'] as const;
export const FINAL_STATES: readonly string[] = ['REJECTED', 'SIGNED'];
/** signicat-sign-api-v2.txt: "Sorting field. Default value is -createdAt. E.g., +dueDate" — the only two fields shown. */
export const SORT_FIELDS = ['createdAt', 'dueDate'] as const;
/** PUBLIC-DOCS.md §2 `ui`: the generated enum plus the languages Signicat's own SDK adds. */
export const LANGUAGES = ['da', 'de', 'en', 'fi', 'nb', 'nn', 'sv', 'ca', 'es', 'et', 'fo', 'fr', 'it', 'nl'] as const;
/** PUBLIC-DOCS.md §2 `vendor`: the two SDKs disagree; the union of both is accepted. */
export const VENDORS = ['AUDKENNI', 'BUYPASS', 'SBID', 'NBID', 'SMARTID', 'MOBILEID'] as const;
export const SIGNING_FLOWS = ['AUTHENTICATION_BASED', 'PKISIGNING'] as const;
export const DOCUMENT_ACTIONS = ['SIGN', 'VIEW'] as const;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** signatureUrlTTL when a session does not set one: not documented ([G] 30 days). */
export const DEFAULT_SIGNATURE_URL_TTL = 43_200;

export interface SignicatDocument {
	documentId: string;
	mimeType: string;
	createdAt: string;
	documentHash: { hash: string; hashAlgorithm: 'SHA256' };
	filename?: string;
	title?: string;
	description?: string;
	/** Internal: the stored bytes (answered by GET /documents/{id}). */
	content: Buffer;
}

export interface SignicatPackage {
	packageId: string;
	resultDocumentId: string;
	resultArchiveId: string;
	packageType: 'PADES_CONTAINER';
}

export interface SignicatCollection {
	id: string;
	documents: Array<{ documentId: string }>;
	packageTo: string[];
	output: { packages: SignicatPackage[] };
}

export interface SessionDocument {
	documentCollectionId: string;
	action: string;
	documentId: string;
}

export interface SessionSignature {
	documentCollectionId: string;
	resultDocumentId: string;
	originalDocumentId: string;
	resultArchiveId: string;
	signatureType: 'PADES' | 'XADES';
}

/** A signing session as the API answers it: the documented fields only (signicat-sign-api-v2.txt, PUBLIC-DOCS.md §2). */
export interface SignicatSession {
	id: string;
	signatureUrl: string;
	signatureUrlTTL?: number;
	signatureUrlExpiresAt: string;
	title: string;
	signText?: string;
	dueDate?: string;
	documents: SessionDocument[];
	lifecycle: { state: (typeof SESSION_STATES)[number]; stateIsFinal: boolean };
	output: { signatures: SessionSignature[]; packages: SignicatPackage[] };
	externalReference?: string | null;
	signingSetup: Array<Record<string, unknown>>;
	subsequentTo?: string[];
	packageTo?: string[];
	signer?: { nationalIdentificationNumber?: string; validations?: string[]; email?: string; mobile?: string };
	archive?: Record<string, unknown>;
	preAuthentication?: { enabled: boolean };
	ui?: Record<string, unknown>;
	redirectSettings?: { success: string; cancel: string; error: string };
	senderDisplayName?: string;
}

interface Token {
	clientId: string;
	expiresAt: number;
}

export type Issue = { name: string; reason: string };

/** The documented error body: `{status, title, code, traceId, invalidParams[{name, reason}], detail}`. */
export function problem(status: number, code: string, title: string, detail: string, invalidParams?: Issue[]): SandboxResponse {
	return json(status, { status, title, code, traceId: uuid().replace(/-/g, ''), ...(invalidParams ? { invalidParams } : {}), detail }, {
		'content-type': 'application/problem+json',
	});
}

export const badRequest = (invalidParams: Issue[]) => problem(400, 'bad_request', 'Bad request', 'The request was malformed.', invalidParams);

export class SignicatState {
	documents = new Map<string, SignicatDocument>();
	collections = new Map<string, SignicatCollection>();
	sessions = new Map<string, SignicatSession>();
	/** Internal creation time (sandbox clock, ms) of each session: filtered and sorted on, never answered. */
	createdAt = new Map<string, number>();
	tokens = new Map<string, Token>();
	/** Lifetime of issued tokens in seconds. */
	tokenLifetime = 600;
	/** Every token request the endpoint answered: client id and how the client authenticated. */
	tokenRequests: Array<{ clientId?: string; method: 'basic' | 'form' | 'none'; ok: boolean }> = [];
	/** Raw query strings of GET /signing-sessions, as sent (repeated parameters kept). */
	listQueries: string[] = [];
	/** API requests still answered before every token issued so far expires (a token expiring mid-run). */
	tokensExpireAfter?: number;
	private sequence = 0;
	/** Insertion order, to break ties between sessions created in the same millisecond. */
	order = new Map<string, number>();

	reset() {
		this.documents.clear();
		this.collections.clear();
		this.sessions.clear();
		this.createdAt.clear();
		this.order.clear();
		this.tokens.clear();
		this.tokenLifetime = 600;
		this.tokenRequests = [];
		this.listQueries = [];
		this.tokensExpireAfter = undefined;
	}

	storeDocument(content: Buffer, mimeType: string, now: number, meta: Partial<Pick<SignicatDocument, 'filename' | 'title' | 'description'>> = {}): SignicatDocument {
		const doc: SignicatDocument = {
			documentId: uuid(),
			mimeType,
			createdAt: new Date(now).toISOString(),
			documentHash: { hash: createHash('sha256').update(content).digest('base64'), hashAlgorithm: 'SHA256' },
			content,
			...meta,
		};
		this.documents.set(doc.documentId, doc);
		return doc;
	}

	addCollection(documentIds: string[], packageTo: string[] = []): SignicatCollection {
		const c: SignicatCollection = { id: uuid(), documents: documentIds.map((documentId) => ({ documentId })), packageTo, output: { packages: [] } };
		this.collections.set(c.id, c);
		return c;
	}

	/** Stores a session (already validated) created at `createdAtMs` (sandbox clock). */
	addSession(session: SignicatSession, createdAtMs: number): SignicatSession {
		this.sessions.set(session.id, session);
		this.createdAt.set(session.id, createdAtMs);
		this.order.set(session.id, ++this.sequence);
		return session;
	}

	/** A new session from a validated create body: READY, or BLOCKED while a session it is subsequent to is not signed. */
	createSession(input: Record<string, unknown>, now: number, origin: string, id = uuid()): SignicatSession {
		const ttl = typeof input.signatureUrlTTL === 'number' ? input.signatureUrlTTL : DEFAULT_SIGNATURE_URL_TTL;
		const waiting = ((input.subsequentTo as string[] | undefined) ?? []).some((p) => this.sessions.get(p)?.lifecycle.state !== 'SIGNED');
		const session = {
			...(input as object),
			id,
			signatureUrl: `${origin}/signicat/signing/?sessionId=${id}`,
			signatureUrlExpiresAt: new Date(now + ttl * 60_000).toISOString(),
			lifecycle: { state: waiting ? 'BLOCKED' : 'READY', stateIsFinal: false },
			output: { signatures: [], packages: [] },
		} as unknown as SignicatSession;
		return this.addSession(session, now);
	}

	expireTokens() {
		for (const t of this.tokens.values()) t.expiresAt = 0;
	}

	/** Every token issued so far expires once `requests` more API requests were answered (tokens issued later live on). */
	expireTokensAfter(requests: number) {
		this.tokensExpireAfter = requests;
	}

	issueToken(clientId: string, now: number): string {
		const token = `sig_at_${uuid().replace(/-/g, '')}`;
		this.tokens.set(token, { clientId, expiresAt: now + this.tokenLifetime * 1000 });
		return token;
	}

	/** Whether a bearer token is valid now; counts the request toward `expireTokensAfter`. */
	tokenValid(token: string | undefined, now: number): boolean {
		if (this.tokensExpireAfter !== undefined) {
			if (this.tokensExpireAfter <= 0) {
				this.expireTokens();
				this.tokensExpireAfter = undefined;
			} else this.tokensExpireAfter -= 1;
		}
		const t = token ? this.tokens.get(token) : undefined;
		return !!t && t.expiresAt > now;
	}

	session(id: string): SignicatSession {
		const s = this.sessions.get(id);
		if (!s) throw new Error(`no signing session ${id}`);
		return s;
	}

	/** Whether the signing deadline has passed: the signer can no longer act on the session. */
	pastDue(s: SignicatSession, now: number): boolean {
		return s.dueDate !== undefined && Date.parse(s.dueDate) <= now;
	}

	/**
	 * The signer signs a READY session before its due date: one result document per SIGN document (PAdES for a
	 * PDF, XAdES for text), a PAdES package if asked, and the sessions waiting on this one become READY.
	 * The output is listed as soon as the session is SIGNED (no source describes a delay).
	 */
	sign(id: string, now: number, nationalIdentificationNumber?: string): SignicatSession {
		const s = this.session(id);
		if (s.lifecycle.state !== 'READY') throw new Error(`signing session is ${s.lifecycle.state}`);
		if (this.pastDue(s, now)) throw new Error('signing session is past its due date');
		const nin = s.signer?.nationalIdentificationNumber;
		if (s.signer?.validations?.includes('NATIONAL_IDENTIFICATION_NUMBER') && nationalIdentificationNumber !== undefined && nationalIdentificationNumber !== nin)
			throw new Error('the signer’s national identification number does not match');
		for (const d of s.documents) {
			if (d.action !== 'SIGN') continue;
			const original = this.documents.get(d.documentId);
			const pdf = original?.mimeType === 'application/pdf';
			const content = pdf ? makePdf(`Signed: ${s.title}`) : Buffer.from(`<Signature>${s.title}</Signature>`);
			const result = this.storeDocument(content, pdf ? 'application/pdf' : 'application/xml', now);
			s.output.signatures.push({
				documentCollectionId: d.documentCollectionId,
				resultDocumentId: result.documentId,
				originalDocumentId: d.documentId,
				resultArchiveId: uuid(),
				signatureType: pdf ? 'PADES' : 'XADES',
			});
		}
		if (s.packageTo?.includes('PADES_CONTAINER')) s.output.packages.push(this.makePackage(`Package: ${s.title}`, now));
		s.lifecycle = { state: 'SIGNED', stateIsFinal: true };
		for (const other of this.sessions.values()) {
			if (other.lifecycle.state !== 'BLOCKED') continue;
			if ((other.subsequentTo ?? []).every((p) => this.sessions.get(p)?.lifecycle.state === 'SIGNED'))
				other.lifecycle = { state: 'READY', stateIsFinal: false };
		}
		for (const c of this.collections.values()) {
			if (!c.packageTo.length || c.output.packages.length) continue;
			const linked = [...this.sessions.values()].filter((x) => x.documents.some((d) => d.documentCollectionId === c.id));
			if (linked.length && linked.every((x) => x.lifecycle.state === 'SIGNED')) c.output.packages.push(this.makePackage(`Collection ${c.id}`, now));
		}
		return s;
	}

	/** The signer rejects a READY session (https://developer.signicat.com/docs/electronic-signing/sign-api-v2/features/reject-signing/). */
	reject(id: string, now: number): SignicatSession {
		const s = this.session(id);
		if (s.lifecycle.state !== 'READY') throw new Error(`signing session is ${s.lifecycle.state}`);
		if (this.pastDue(s, now)) throw new Error('signing session is past its due date');
		s.lifecycle = { state: 'REJECTED', stateIsFinal: true };
		return s;
	}

	/** Time passes beyond an open session's deadline: its `dueDate` moves to just before now; its state stays. */
	/** The deadline passes: the due date moves `secondsAgo` (default 1) before now; the state stays. */
	expire(id: string, now: number, secondsAgo = 1): SignicatSession {
		const s = this.session(id);
		if (s.lifecycle.stateIsFinal) throw new Error(`signing session is ${s.lifecycle.state}`);
		s.dueDate = new Date(now - (Number.isFinite(secondsAgo) ? Math.max(1, secondsAgo) : 1) * 1000).toISOString();
		return s;
	}

	private makePackage(text: string, now: number): SignicatPackage {
		const doc = this.storeDocument(makePdf(text), 'application/pdf', now);
		return { packageId: uuid(), resultDocumentId: doc.documentId, resultArchiveId: uuid(), packageType: 'PADES_CONTAINER' };
	}
}
