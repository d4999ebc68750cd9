/**
 * Signicat Sign API v2 emulator (source: shared/providers/signicat-sign-api-v2.txt and REFERENCE.md).
 * One host, as in production: the token endpoint under /auth/open/connect/token and the API under /sign.
 * OAuth 2.0 client credentials (Basic auth or form client id/secret, scope signicat-api) issuing expiring
 * tokens; documents as raw bodies; document collections; signing sessions created as an array, listed with
 * offset/limit, sort and filters; the life cycle BLOCKED → READY → SIGNED | REJECTED | EXPIRED with result
 * documents (per signature and PAdES packages). RFC 7807 problem bodies.
 */
import { createHash } from 'node:crypto';

import { json, makePdf, uuid, type ProviderEmulator, type SandboxRequest, type SandboxResponse } from '../server';

/** API clients the sandbox token endpoint accepts (client id → secret). */
export const SIGNICAT_CLIENTS: Record<string, string> = {
	'sandbox-client': 'sandbox-secret-123',
	'other-client': 'other-secret-456',
};

export const SIGNICAT_SCOPE = 'signicat-api';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATES = ['BLOCKED', 'READY', 'SIGNED', 'REJECTED', 'EXPIRED'];
const SORTABLE = ['createdAt', 'dueDate', 'title'];

export interface SignicatDocument {
	documentId: string;
	mimeType: string;
	createdAt: string;
	documentHash: { hash: string; hashAlgorithm: 'SHA256' };
	filename?: string;
	title?: string;
	description?: string;
	content: Buffer;
}

export interface SignicatCollection {
	id: string;
	documents: Array<{ documentId: string }>;
	packageTo: string[];
	output: { packages: SignicatPackage[] };
}

export interface SignicatPackage {
	packageId: string;
	resultDocumentId: string;
	resultArchiveId: string;
	packageType: string;
}

export interface SignicatSession {
	id: string;
	createdAt: string;
	signatureUrl: string;
	signatureUrlTTL?: number;
	signatureUrlExpiresAt: string;
	title: string;
	signText?: string;
	dueDate?: string;
	documents: Array<{ documentId: string; action: string; documentCollectionId?: string }>;
	lifecycle: { state: string; stateIsFinal: boolean };
	output: {
		signatures: Array<{ documentCollectionId?: string; resultDocumentId: string; originalDocumentId: string; resultArchiveId: string; signatureType: string }>;
		packages: SignicatPackage[];
	};
	externalReference?: string | null;
	signingSetup: unknown[];
	subsequentTo?: string[];
	packageTo?: string[];
	signer?: { nationalIdentificationNumber?: string; validations?: string[] };
	[key: string]: unknown;
}

interface Token {
	clientId: string;
	expiresAt: number;
}

const problem = (status: number, code: string, title: string, detail: string, invalidParams?: Array<{ name: string; reason: string }>) =>
	json(status, { status, title, code, traceId: uuid().replace(/-/g, ''), detail, ...(invalidParams ? { invalidParams } : {}) });

const badRequest = (invalidParams: Array<{ name: string; reason: string }>) =>
	problem(400, 'bad_request', 'Bad request', 'The request was malformed.', invalidParams);

export class SignicatState {
	documents = new Map<string, SignicatDocument>();
	collections = new Map<string, SignicatCollection>();
	sessions = new Map<string, SignicatSession>();
	tokens = new Map<string, Token>();
	/** Lifetime of issued tokens in seconds. */
	tokenLifetime = 600;
	/** Every token request the endpoint answered: client id and how the client authenticated. */
	tokenRequests: Array<{ clientId?: string; method: 'basic' | 'form' | 'none'; ok: boolean }> = [];
	/** Raw query strings of GET /signing-sessions, as sent (repeated parameters kept). */
	listQueries: string[] = [];
	/** API requests still answered before every token issued so far expires (a token expiring mid-run). */
	tokensExpireAfter?: number;

	reset() {
		this.documents.clear();
		this.collections.clear();
		this.sessions.clear();
		this.tokens.clear();
		this.tokenLifetime = 600;
		this.tokenRequests = [];
		this.listQueries = [];
		this.tokensExpireAfter = undefined;
	}

	storeDocument(content: Buffer, mimeType: string, now: number, meta: Partial<SignicatDocument> = {}): SignicatDocument {
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

	expireTokens() {
		for (const t of this.tokens.values()) t.expiresAt = 0;
	}

	/** Every token issued so far expires once `requests` more API requests were answered (tokens issued later live on). */
	expireTokensAfter(requests: number) {
		this.tokensExpireAfter = requests;
	}

	session(id: string): SignicatSession {
		const s = this.sessions.get(id);
		if (!s) throw new Error(`no signing session ${id}`);
		return s;
	}

	/** The signer signs: result documents per document, packages, and the sessions waiting on this one unblock. */
	sign(id: string, now: number, nationalIdentificationNumber?: string) {
		const s = this.session(id);
		if (s.lifecycle.state !== 'READY') throw new Error(`signing session is ${s.lifecycle.state}`);
		const nin = s.signer?.nationalIdentificationNumber;
		if (s.signer?.validations?.includes('NATIONAL_IDENTIFICATION_NUMBER') && nationalIdentificationNumber !== undefined && nationalIdentificationNumber !== nin)
			throw new Error('the signer’s national identification number does not match');
		for (const d of s.documents) {
			const original = this.documents.get(d.documentId);
			const pdf = original?.mimeType === 'application/pdf';
			const content = pdf ? makePdf(`Signed: ${s.title}`) : Buffer.from(`<Signature>${s.title}</Signature>`);
			const result = this.storeDocument(content, pdf ? 'application/pdf' : 'application/xml', now);
			s.output.signatures.push({
				...(d.documentCollectionId ? { documentCollectionId: d.documentCollectionId } : {}),
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

	finish(id: string, state: 'REJECTED' | 'EXPIRED') {
		const s = this.session(id);
		if (s.lifecycle.stateIsFinal) throw new Error(`signing session is ${s.lifecycle.state}`);
		s.lifecycle = { state, stateIsFinal: true };
		return s;
	}

	private makePackage(text: string, now: number): SignicatPackage {
		const doc = this.storeDocument(makePdf(text), 'application/pdf', now);
		return { packageId: uuid(), resultDocumentId: doc.documentId, resultArchiveId: uuid(), packageType: 'PADES_CONTAINER' };
	}
}

function publicDocument(d: SignicatDocument, withMeta: boolean) {
	const ref = { mimeType: d.mimeType, documentId: d.documentId, createdAt: d.createdAt, documentHash: d.documentHash };
	return withMeta ? { ...ref, filename: d.filename ?? null, description: d.description ?? null, title: d.title ?? null } : ref;
}

type Issue = { name: string; reason: string };

function str(v: unknown, name: string, max: number, issues: Issue[], required = false) {
	if (v === undefined || v === null) {
		if (required) issues.push({ name, reason: 'is required' });
		return;
	}
	if (typeof v !== 'string') issues.push({ name, reason: 'must be a string' });
	else if (required && !v.trim()) issues.push({ name, reason: 'must not be empty' });
	else if (v.length > max) issues.push({ name, reason: `size must be between 0 and ${max}` });
}

function packageTo(v: unknown, name: string, issues: Issue[]): void {
	if (v === undefined) return;
	if (!Array.isArray(v) || v.length > 5) {
		issues.push({ name, reason: 'must be an array of at most 5 items' });
		return;
	}
	v.forEach((p, i) => p !== 'PADES_CONTAINER' && issues.push({ name: `${name}[${i}]`, reason: 'must be PADES_CONTAINER' }));
}

export function signicatEmulator(state = new SignicatState()): ProviderEmulator & { state: SignicatState } {
	const auth = (req: SandboxRequest): SandboxResponse | undefined => {
		if (state.tokensExpireAfter !== undefined) {
			if (state.tokensExpireAfter <= 0) {
				state.expireTokens();
				state.tokensExpireAfter = undefined;
			} else state.tokensExpireAfter -= 1;
		}
		const h = req.headers.authorization;
		const m = typeof h === 'string' ? /^Bearer\s+(.+)$/i.exec(h) : null;
		const token = m ? state.tokens.get(m[1]) : undefined;
		if (!token || token.expiresAt <= req.now)
			return problem(401, 'unauthorized', 'Unauthorized', 'The access token is missing, invalid or expired.');
		return undefined;
	};

	const validateSession = (s: Record<string, unknown>, i: number, now: number): Issue[] => {
		const issues: Issue[] = [];
		const at = (n: string) => `[${i}].${n}`;
		if (!s || typeof s !== 'object' || Array.isArray(s)) return [{ name: `[${i}]`, reason: 'must be an object' }];
		str(s.title, at('title'), 255, issues, true);
		str(s.signText, at('signText'), 2048, issues);
		if (s.externalReference !== null) str(s.externalReference, at('externalReference'), 1024, issues);
		if (s.signatureUrlTTL !== undefined) {
			const ttl = s.signatureUrlTTL;
			if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 5 || ttl > 525600)
				issues.push({ name: at('signatureUrlTTL'), reason: 'must be an integer between 5 and 525600' });
		}
		if (s.dueDate !== undefined) {
			const due = typeof s.dueDate === 'string' ? Date.parse(s.dueDate) : NaN;
			if (Number.isNaN(due)) issues.push({ name: at('dueDate'), reason: 'must be a date-time' });
			else if (due <= now) issues.push({ name: at('dueDate'), reason: 'must be in the future' });
			else if (due > now + 45 * 86400_000) issues.push({ name: at('dueDate'), reason: 'can be at most 45 days into the future' });
		}
		const docs = s.documents;
		if (!Array.isArray(docs) || docs.length < 1 || docs.length > 50) issues.push({ name: at('documents'), reason: 'size must be between 1 and 50' });
		else
			docs.forEach((d: Record<string, unknown>, j) => {
				const n = at(`documents[${j}]`);
				if (typeof d?.documentId !== 'string' || !UUID.test(d.documentId)) issues.push({ name: `${n}.documentId`, reason: 'must be a UUID' });
				else if (!state.documents.has(d.documentId)) issues.push({ name: `${n}.documentId`, reason: 'document not found' });
				if (d?.action !== 'SIGN') issues.push({ name: `${n}.action`, reason: 'must be SIGN' });
				if (d?.documentCollectionId !== undefined && !state.collections.has(String(d.documentCollectionId)))
					issues.push({ name: `${n}.documentCollectionId`, reason: 'document collection not found' });
			});
		const setup = s.signingSetup;
		if (!Array.isArray(setup) || setup.length !== 1) issues.push({ name: at('signingSetup'), reason: 'must contain exactly 1 item' });
		else {
			const one = setup[0] as Record<string, unknown>;
			const idps = one?.identityProviders;
			if (!Array.isArray(idps) || !idps.length || idps.some((p: Record<string, unknown>) => typeof p?.idpName !== 'string' || !p.idpName))
				issues.push({ name: at('signingSetup[0].identityProviders'), reason: 'must list at least one identity provider with idpName' });
			if (one?.signingFlow !== 'AUTHENTICATION_BASED') issues.push({ name: at('signingSetup[0].signingFlow'), reason: 'must be AUTHENTICATION_BASED' });
		}
		const sub = s.subsequentTo;
		if (sub !== undefined) {
			if (!Array.isArray(sub) || sub.length > 50) issues.push({ name: at('subsequentTo'), reason: 'must be an array of at most 50 items' });
			else sub.forEach((id, j) => !state.sessions.has(String(id)) && issues.push({ name: at(`subsequentTo[${j}]`), reason: 'signing session not found' }));
		}
		packageTo(s.packageTo, at('packageTo'), issues);
		const signer = s.signer as Record<string, unknown> | undefined;
		if (signer !== undefined) {
			const validations = signer.validations;
			if (validations !== undefined && (!Array.isArray(validations) || validations.some((v) => v !== 'NATIONAL_IDENTIFICATION_NUMBER')))
				issues.push({ name: at('signer.validations'), reason: 'must contain only NATIONAL_IDENTIFICATION_NUMBER' });
			if (Array.isArray(validations) && validations.includes('NATIONAL_IDENTIFICATION_NUMBER') && !signer.nationalIdentificationNumber)
				issues.push({ name: at('signer.nationalIdentificationNumber'), reason: 'is required for NATIONAL_IDENTIFICATION_NUMBER validation' });
		}
		const ui = s.ui as Record<string, unknown> | undefined;
		if (ui?.language !== undefined && (typeof ui.language !== 'string' || !/^[a-z]{2}$/.test(ui.language)))
			issues.push({ name: at('ui.language'), reason: 'must be a two-letter language code' });
		return issues;
	};

	const listSessions = (req: SandboxRequest): SandboxResponse => {
		const q = req.query;
		state.listQueries.push(q.toString());
		const issues: Issue[] = [];
		const int = (name: string, def: number, min: number, max: number) => {
			const raw = q.get(name);
			if (raw === null) return def;
			const n = Number(raw);
			if (!Number.isInteger(n) || n < min || n > max) issues.push({ name, reason: `must be between ${min} and ${max}` });
			return n;
		};
		const offset = int('offset', 0, 0, 100000);
		const limit = int('limit', 100, 1, 1000);
		const sorts = q.getAll('sort').flatMap((s) => s.split(','));
		const sort = sorts.length ? sorts : ['-createdAt'];
		for (const s of sort) {
			const m = /^([+-]?)(\w+)$/.exec(s.trim());
			if (!m || !SORTABLE.includes(m[2])) issues.push({ name: 'sort', reason: `unknown sort field ${s}` });
		}
		const date = (name: string) => {
			const raw = q.get(name);
			if (raw === null) return undefined;
			const t = Date.parse(raw);
			if (Number.isNaN(t)) issues.push({ name, reason: 'must be a date-time' });
			return t;
		};
		const createdFrom = date('createdDateFrom');
		const createdTo = date('createdDateTo');
		const dueFrom = date('dueDateFrom');
		const dueTo = date('dueDateTo');
		const states = q.getAll('state').flatMap((s) => s.split(','));
		for (const s of states) if (!STATES.includes(s)) issues.push({ name: 'state', reason: `unknown state ${s}` });
		if (issues.length) return badRequest(issues);
		const like = (q.get('sessionTitleLike') ?? '').toLowerCase();
		let all = [...state.sessions.values()].filter((s) => {
			const created = Date.parse(s.createdAt);
			if (createdFrom !== undefined && created < createdFrom) return false;
			if (createdTo !== undefined && created > createdTo) return false;
			const due = s.dueDate ? Date.parse(s.dueDate) : undefined;
			if (dueFrom !== undefined && (due === undefined || due < dueFrom)) return false;
			if (dueTo !== undefined && (due === undefined || due > dueTo)) return false;
			if (states.length && !states.includes(s.lifecycle.state)) return false;
			if (like && !s.title.toLowerCase().includes(like)) return false;
			return true;
		});
		all = all.sort((a, b) => {
			for (const spec of sort) {
				const m = /^([+-]?)(\w+)$/.exec(spec.trim())!;
				const dir = m[1] === '-' ? -1 : 1;
				const va = String(a[m[2]] ?? '');
				const vb = String(b[m[2]] ?? '');
				if (va !== vb) return va < vb ? -dir : dir;
			}
			return 0;
		});
		const data = all.slice(offset, offset + limit);
		return json(200, { limit, offset, count: data.length, total: all.length, data });
	};

	const withSession = (req: SandboxRequest, fn: (s: SignicatSession) => SandboxResponse): SandboxResponse => {
		const denied = auth(req);
		if (denied) return denied;
		if (!UUID.test(req.params.id)) return badRequest([{ name: 'sessionId', reason: 'must be a valid UUID' }]);
		const s = state.sessions.get(req.params.id);
		if (!s) return problem(404, 'not_found', 'Not found', `Signing session ${req.params.id} was not found.`);
		return fn(s);
	};

	const withDocument = (req: SandboxRequest, fn: (d: SignicatDocument) => SandboxResponse): SandboxResponse => {
		const denied = auth(req);
		if (denied) return denied;
		if (!UUID.test(req.params.id)) return badRequest([{ name: 'documentId', reason: 'must be a valid UUID' }]);
		const d = state.documents.get(req.params.id);
		if (!d) return problem(404, 'not_found', 'Not found', `Document ${req.params.id} was not found.`);
		return fn(d);
	};

	const metadata = (req: SandboxRequest, replace: boolean) =>
		withDocument(req, (d) => {
			const body = req.json as Record<string, unknown> | undefined;
			if (!body || typeof body !== 'object' || Array.isArray(body)) return badRequest([{ name: 'body', reason: 'must be a JSON object' }]);
			const issues: Issue[] = [];
			str(body.filename, 'filename', 255, issues);
			str(body.title, 'title', 255, issues);
			str(body.description, 'description', 1000, issues);
			if (issues.length) return badRequest(issues);
			for (const k of ['filename', 'title', 'description'] as const) {
				if (k in body) d[k] = (body[k] as string | null) ?? undefined;
				else if (replace) d[k] = undefined;
			}
			return json(200, publicDocument(d, true));
		});

	return {
		prefixes: ['signicat'],
		state,
		reset: () => state.reset(),
		routes: [
			{
				method: 'POST',
				pattern: '/auth/open/connect/token',
				handler: (req) => {
					const form = req.form ?? new URLSearchParams();
					let clientId: string | undefined;
					let secret: string | undefined;
					let method: 'basic' | 'form' | 'none' = 'none';
					const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
					if (basic) {
						const [id, ...rest] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
						clientId = decodeURIComponent(id);
						secret = decodeURIComponent(rest.join(':'));
						method = 'basic';
					} else if (form.get('client_id')) {
						clientId = form.get('client_id') ?? undefined;
						secret = form.get('client_secret') ?? undefined;
						method = 'form';
					}
					const record = { clientId, method, ok: false };
					state.tokenRequests.push(record);
					if (form.get('grant_type') !== 'client_credentials')
						return json(400, { error: 'unsupported_grant_type', error_description: 'Only client_credentials is supported' });
					if (!clientId || SIGNICAT_CLIENTS[clientId] === undefined || SIGNICAT_CLIENTS[clientId] !== secret)
						return json(401, { error: 'invalid_client' });
					const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
					if (!scopes.includes(SIGNICAT_SCOPE)) return json(400, { error: 'invalid_scope', error_description: `Request scope ${SIGNICAT_SCOPE}` });
					const token = `sig_at_${uuid().replace(/-/g, '')}`;
					state.tokens.set(token, { clientId, expiresAt: req.now + state.tokenLifetime * 1000 });
					record.ok = true;
					return json(200, { access_token: token, expires_in: state.tokenLifetime, token_type: 'Bearer', scope: SIGNICAT_SCOPE });
				},
			},
			{
				method: 'POST',
				pattern: '/sign/documents',
				handler: (req) => {
					const denied = auth(req);
					if (denied) return denied;
					const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
					if (!type) return badRequest([{ name: 'Content-Type', reason: 'is required' }]);
					if (!['application/pdf', 'text/plain'].includes(type))
						return problem(415, 'unsupported_media_type', 'Unsupported media type', `Documents of type ${type} are not supported.`);
					if (!req.raw.length) return badRequest([{ name: 'body', reason: 'the document is empty' }]);
					if (type === 'application/pdf' && req.raw.subarray(0, 5).toString('latin1') !== '%PDF-')
						return badRequest([{ name: 'body', reason: 'is not a PDF document' }]);
					const doc = state.storeDocument(Buffer.from(req.raw), type, req.now);
					return json(201, publicDocument(doc, false));
				},
			},
			{
				method: 'GET',
				pattern: '/sign/documents/:id',
				handler: (req) => withDocument(req, (d) => ({ status: 200, headers: { 'content-type': d.mimeType }, body: d.content })),
			},
			{
				method: 'DELETE',
				pattern: '/sign/documents/:id',
				handler: (req) =>
					withDocument(req, (d) => {
						state.documents.delete(d.documentId);
						return { status: 204 };
					}),
			},
			{ method: 'GET', pattern: '/sign/documents/:id/metadata', handler: (req) => withDocument(req, (d) => json(200, publicDocument(d, true))) },
			{ method: 'PUT', pattern: '/sign/documents/:id/metadata', handler: (req) => metadata(req, true) },
			{ method: 'PATCH', pattern: '/sign/documents/:id/metadata', handler: (req) => metadata(req, false) },
			{
				method: 'POST',
				pattern: '/sign/document-collections',
				handler: (req) => {
					const denied = auth(req);
					if (denied) return denied;
					const body = req.json as Record<string, unknown> | undefined;
					const issues: Issue[] = [];
					const docs = body?.documents;
					if (!Array.isArray(docs) || docs.length < 1 || docs.length > 100) issues.push({ name: 'documents', reason: 'size must be between 1 and 100' });
					else
						docs.forEach((d: Record<string, unknown>, i) => {
							if (typeof d?.documentId !== 'string' || !state.documents.has(d.documentId))
								issues.push({ name: `documents[${i}].documentId`, reason: 'document not found' });
						});
					packageTo(body?.packageTo, 'packageTo', issues);
					if (issues.length) return badRequest(issues);
					const c: SignicatCollection = {
						id: uuid(),
						documents: (docs as Array<{ documentId: string }>).map((d) => ({ documentId: d.documentId })),
						packageTo: (body?.packageTo as string[]) ?? [],
						output: { packages: [] },
					};
					state.collections.set(c.id, c);
					return json(201, c);
				},
			},
			{
				method: 'GET',
				pattern: '/sign/document-collections/:id',
				handler: (req) => {
					const denied = auth(req);
					if (denied) return denied;
					const c = state.collections.get(req.params.id);
					return c ? json(200, c) : problem(404, 'not_found', 'Not found', `Document collection ${req.params.id} was not found.`);
				},
			},
			{
				method: 'DELETE',
				pattern: '/sign/document-collections/:id',
				handler: (req) => {
					const denied = auth(req);
					if (denied) return denied;
					if (!state.collections.delete(req.params.id)) return problem(404, 'not_found', 'Not found', `Document collection ${req.params.id} was not found.`);
					return { status: 204 };
				},
			},
			{
				method: 'POST',
				pattern: '/sign/signing-sessions',
				handler: (req) => {
					const denied = auth(req);
					if (denied) return denied;
					const body = req.json;
					if (!Array.isArray(body) || body.length === 0) return badRequest([{ name: 'body', reason: 'must be a non-empty array of signing sessions' }]);
					const issues = body.flatMap((s, i) => validateSession(s as Record<string, unknown>, i, req.now));
					if (issues.length) return badRequest(issues);
					const created = (body as Array<Record<string, unknown>>).map((input) => {
						const id = uuid();
						const ttl = (input.signatureUrlTTL as number | undefined) ?? 43200;
						const blocked = ((input.subsequentTo as string[] | undefined) ?? []).some((p) => state.sessions.get(p)?.lifecycle.state !== 'SIGNED');
						const s: SignicatSession = {
							...(input as object),
							id,
							createdAt: new Date(req.now).toISOString(),
							signatureUrl: `${req.origin}/signicat/_sign/${id}`,
							signatureUrlExpiresAt: new Date(req.now + ttl * 60_000).toISOString(),
							lifecycle: { state: blocked ? 'BLOCKED' : 'READY', stateIsFinal: false },
							output: { signatures: [], packages: [] },
						} as unknown as SignicatSession;
						state.sessions.set(id, s);
						return s;
					});
					return json(201, created);
				},
			},
			{ method: 'GET', pattern: '/sign/signing-sessions', handler: (req) => auth(req) ?? listSessions(req) },
			{ method: 'GET', pattern: '/sign/signing-sessions/:id', handler: (req) => withSession(req, (s) => json(200, s)) },
			{
				method: 'DELETE',
				pattern: '/sign/signing-sessions/:id',
				handler: (req) =>
					withSession(req, (s) => {
						state.sessions.delete(s.id);
						return { status: 204 };
					}),
			},
		],
		control: [
			{
				method: 'POST',
				pattern: '/sessions/:id/sign',
				handler: (req) => act(() => state.sign(req.params.id, req.now, (req.json as { nationalIdentificationNumber?: string })?.nationalIdentificationNumber)),
			},
			{ method: 'POST', pattern: '/sessions/:id/reject', handler: (req) => act(() => state.finish(req.params.id, 'REJECTED')) },
			{ method: 'POST', pattern: '/sessions/:id/expire', handler: (req) => act(() => state.finish(req.params.id, 'EXPIRED')) },
			{
				method: 'POST',
				pattern: '/tokens/expire',
				handler: () => {
					state.expireTokens();
					return json(200, { expired: state.tokens.size });
				},
			},
			{
				method: 'POST',
				pattern: '/tokens/expire-after',
				handler: (req) => {
					state.expireTokensAfter(Number((req.json as { requests?: number })?.requests ?? 0));
					return json(200, { requests: state.tokensExpireAfter });
				},
			},
			{
				method: 'POST',
				pattern: '/tokens/lifetime',
				handler: (req) => {
					state.tokenLifetime = Number((req.json as { seconds?: number })?.seconds ?? 600);
					return json(200, { seconds: state.tokenLifetime });
				},
			},
		],
	};
}

function act(fn: () => unknown): SandboxResponse {
	try {
		return json(200, fn());
	} catch (e) {
		return json(409, { error: (e as Error).message });
	}
}
