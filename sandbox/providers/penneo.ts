/**
 * Penneo emulator (source: shared/providers/penneo-case-file-create.txt and the Penneo part of REFERENCE.md).
 * Two hosts: `penneo` (the app: Send API, case files, documents, job queue) and `penneo-auth` (OAuth).
 * - OAuth "API keys grant": the digest is verified here with its own implementation, stale `created_at`, reused
 *   nonces and wrong digests are refused, and tokens expire (10 minutes by default, adjustable for tests).
 * - `X-Auth-Token` is required on every app route except the public job status.
 * - Create: multipart `data` (a JSON string) + one `files` part per document whose filename equals `documents[].name`;
 *   answered with a job; the case file exists once the job completes (at the first check by default).
 * - Case file life cycle: 0 new → 1 pending → 5 completed | 2 rejected | 7 expired; 3 deleted.
 */
import crypto from 'node:crypto';

import { json, makePdf, uuid, type ProviderEmulator, type SandboxRequest, type SandboxResponse } from '../server';

export const PENNEO_SANDBOX_CREDENTIALS = {
	clientId: 'sandbox-client',
	clientSecret: 'sandbox-client-secret',
	apiKey: 'sandbox-api-key',
	apiSecret: 'sandbox-api-secret',
};

const LANGUAGES = ['en', 'da', 'sv', 'nl', 'fr', 'fi', 'no', 'de'];
const SSN_TYPES = ['legacy', 'dk:cpr', 'se:pin', 'no:nin', 'be:nrn', 'fi:pic', 'sms'];
const SIGNER_ROLE = /^[\p{L}\p{N}][\p{L}\p{N}_ ,]*[\p{L}\p{N}_,]$/u;
const DOCUMENT_ROLE = /^[\p{L}\p{N}][\p{L}\p{N}_ ,-]*[\p{L}\p{N}_,-]$/u;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export interface PenneoSigner {
	id: number;
	name: string;
	email: string | null;
	role: string;
	signOrder: number;
	onBehalfOf: string | null;
	language: string | null;
	/** Stored, never returned by the API. */
	ssn: string | null;
	ssnType: string | null;
	signingRequest: { id: number; status: number; link: string; signedAt: number | null; rejectedAt: number | null };
	options: Record<string, unknown>;
}

export interface PenneoDocument {
	id: number;
	caseFileId: number;
	title: string;
	name: string;
	signable: boolean;
	roles: string[];
	documentOrder: number | null;
	metaData: string | null;
	content: Buffer;
	signedContent: Buffer | null;
}

export interface PenneoCaseFile {
	id: number;
	title: string;
	status: number;
	created: number;
	updated: number;
	completed: number | null;
	sendAt: number | null;
	expireAt: number | null;
	reference: string | null;
	metaData: string | null;
	folderId: number | null;
	language: string | null;
	settings: Record<string, unknown>;
	signers: PenneoSigner[];
	ccRecipients: Array<Record<string, unknown>>;
	documentIds: number[];
}

export interface PenneoJob {
	uuid: string;
	payloadHash: string;
	jobStatus: 'pending' | 'processing' | 'completed' | 'failed' | 'aborted_duplicated';
	createdAt: string;
	updatedAt: string;
	/** The validated case file, turned into a case file when the job completes. */
	pending: { caseFile: Record<string, unknown>; files: Map<string, Buffer> };
	caseFileId?: number;
	errorMessage?: string;
	/** Sandbox clock (ms) of every status check. */
	checks: number[];
	/** What happens at the next check. */
	plan: JobPlan;
}

export interface JobPlan {
	/** Checks answered "processing" before the outcome. */
	checksBeforeOutcome: number;
	outcome: 'completed' | 'failed' | 'never';
	errorMessage?: string;
}

/** A control call's JSON body, whatever content type the caller sent. */
function bodyOf<T>(req: SandboxRequest): T {
	if (req.json !== undefined) return req.json as T;
	try {
		return (req.raw.length ? JSON.parse(req.raw.toString('utf8')) : {}) as T;
	} catch {
		return {} as T;
	}
}

const err = (status: number, message: string, extra?: Record<string, unknown>): SandboxResponse => json(status, { message, ...extra });

export class PenneoState {
	tokens = new Map<string, { expiresAt: number; key: string }>();
	/** Token lifetime in seconds (10 minutes at Penneo). */
	tokenLifetimeSeconds = 600;
	/** How far `created_at` may be from the server clock. */
	maxClockSkewSeconds = 300;
	usedNonces = new Set<string>();
	caseFiles = new Map<number, PenneoCaseFile>();
	documents = new Map<number, PenneoDocument>();
	jobs = new Map<string, PenneoJob>();
	/** Plan given to each new job. */
	jobPlan: JobPlan = { checksBeforeOutcome: 0, outcome: 'completed' };
	private nextId = 1000;

	constructor() {
		this.reset();
	}

	reset() {
		this.tokens.clear();
		this.usedNonces.clear();
		this.caseFiles.clear();
		this.documents.clear();
		this.jobs.clear();
		this.tokenLifetimeSeconds = 600;
		this.jobPlan = { checksBeforeOutcome: 0, outcome: 'completed' };
		this.nextId = 1000;
	}

	id() {
		return ++this.nextId;
	}

	/** Ends the life of every token now (as if 10 minutes had passed). */
	expireTokens() {
		for (const t of this.tokens.values()) t.expiresAt = 0;
	}

	/** Turns a job's case file into a stored case file (what Penneo's worker does). */
	materialize(job: PenneoJob, nowMs: number): PenneoCaseFile {
		const cf = job.pending.caseFile as Record<string, any>;
		const now = Math.floor(nowMs / 1000);
		const id = this.id();
		const signers: PenneoSigner[] = (cf.signers as Array<Record<string, any>>).map((s) => {
			const signerId = this.id();
			const {
				name,
				email,
				role,
				signOrder,
				onBehalfOf,
				language,
				socialSecurityNumberPlain,
				ssnType,
				...options
			} = s;
			return {
				id: signerId,
				name,
				email: email ?? null,
				role: role ?? 'Signer',
				signOrder: signOrder ?? 0,
				onBehalfOf: onBehalfOf ?? null,
				language: language ?? cf.language ?? null,
				ssn: socialSecurityNumberPlain ?? null,
				ssnType: ssnType ?? null,
				signingRequest: { id: this.id(), status: 0, link: `https://sandbox.penneo.com/signing/${uuid()}`, signedAt: null, rejectedAt: null },
				options,
			};
		});
		const documentIds = (cf.documents as Array<Record<string, any>>).map((d) => {
			const doc: PenneoDocument = {
				id: this.id(),
				caseFileId: id,
				title: d.title,
				name: d.name,
				signable: d.signable !== false,
				roles: d.roles ?? [],
				documentOrder: d.documentOrder ?? null,
				metaData: d.metaData ?? null,
				content: job.pending.files.get(d.name) ?? Buffer.alloc(0),
				signedContent: null,
			};
			this.documents.set(doc.id, doc);
			return doc.id;
		});
		const {
			title,
			reference,
			metaData,
			folderId,
			sendAt,
			expireAt,
			language,
			signers: _s,
			documents: _d,
			ccRecipients,
			...settings
		} = cf;
		const caseFile: PenneoCaseFile = {
			id,
			title,
			status: sendAt && sendAt > now ? 0 : 1,
			created: now,
			updated: now,
			completed: null,
			sendAt: sendAt ?? null,
			expireAt: expireAt ?? null,
			reference: reference ?? null,
			metaData: metaData ?? null,
			folderId: folderId ?? null,
			language: language ?? null,
			settings,
			signers,
			ccRecipients: ccRecipients ?? [],
			documentIds,
		};
		this.caseFiles.set(id, caseFile);
		return caseFile;
	}

	/** Advances a job at a status check, following its plan. */
	advance(job: PenneoJob, nowMs: number) {
		if (job.jobStatus !== 'pending' && job.jobStatus !== 'processing') return;
		if (job.plan.outcome === 'never') {
			job.jobStatus = 'processing';
			return;
		}
		if (job.plan.checksBeforeOutcome > 0) {
			job.plan.checksBeforeOutcome--;
			job.jobStatus = 'processing';
			return;
		}
		this.finish(job, job.plan.outcome, nowMs, job.plan.errorMessage);
	}

	finish(job: PenneoJob, outcome: 'completed' | 'failed', nowMs: number, errorMessage?: string) {
		job.updatedAt = new Date(nowMs).toISOString();
		if (outcome === 'failed') {
			job.jobStatus = 'failed';
			job.errorMessage = errorMessage ?? 'Document contract.pdf could not be converted: the file is not a valid PDF';
			return;
		}
		job.caseFileId = this.materialize(job, nowMs).id;
		job.jobStatus = 'completed';
	}

	private caseFile(id: number): PenneoCaseFile {
		const cf = this.caseFiles.get(Number(id));
		if (!cf || cf.status === 3) throw new Error(`no case file ${id}`);
		return cf;
	}

	/** A signer signs (the next one in sign order, or the one given). All signed → completed, documents sealed. */
	sign(caseFileId: number, signerId?: number, nowMs = Date.now()) {
		const cf = this.caseFile(caseFileId);
		if (cf.status !== 1) throw new Error(`case file is ${cf.status}, not pending`);
		const pending = cf.signers.filter((s) => s.signingRequest.status !== 3);
		const order = Math.min(...pending.map((s) => s.signOrder));
		const signer = signerId ? pending.find((s) => s.id === Number(signerId)) : pending.find((s) => s.signOrder === order);
		if (!signer) throw new Error('no signer waiting to sign');
		if (signer.signOrder > order) throw new Error('not this signer’s turn (sign order)');
		const now = Math.floor(nowMs / 1000);
		signer.signingRequest.status = 3;
		signer.signingRequest.signedAt = now;
		cf.updated = now;
		if (cf.signers.every((s) => s.signingRequest.status === 3)) {
			cf.status = 5;
			cf.completed = now;
			for (const docId of cf.documentIds) {
				const doc = this.documents.get(docId)!;
				doc.signedContent = makePdf(`Signed: ${doc.title}`);
			}
		}
		return this.view(cf);
	}

	open(caseFileId: number, nowMs = Date.now()) {
		const cf = this.caseFile(caseFileId);
		const signer = cf.signers.find((s) => s.signingRequest.status === 0);
		if (signer) signer.signingRequest.status = 1;
		cf.updated = Math.floor(nowMs / 1000);
		return this.view(cf);
	}

	reject(caseFileId: number, signerId?: number, nowMs = Date.now()) {
		const cf = this.caseFile(caseFileId);
		if (cf.status !== 1) throw new Error(`case file is ${cf.status}, not pending`);
		const signer = signerId ? cf.signers.find((s) => s.id === Number(signerId)) : cf.signers.find((s) => s.signingRequest.status !== 3);
		if (!signer) throw new Error('no signer to reject');
		const now = Math.floor(nowMs / 1000);
		signer.signingRequest.status = 4;
		signer.signingRequest.rejectedAt = now;
		cf.status = 2;
		cf.updated = now;
		return this.view(cf);
	}

	expire(caseFileId: number, nowMs = Date.now()) {
		const cf = this.caseFile(caseFileId);
		if (![0, 1].includes(cf.status)) throw new Error(`case file is ${cf.status}, cannot expire`);
		cf.status = 7;
		cf.updated = Math.floor(nowMs / 1000);
		return this.view(cf);
	}

	/** The case file as `GET /api/v3/casefiles/{id}` returns it (no SSNs). */
	view(cf: PenneoCaseFile) {
		return {
			id: cf.id,
			title: cf.title,
			status: cf.status,
			created: cf.created,
			updated: cf.updated,
			completed: cf.completed,
			sendAt: cf.sendAt,
			expireAt: cf.expireAt,
			reference: cf.reference,
			metaData: cf.metaData,
			folderId: cf.folderId,
			language: cf.language,
			...cf.settings,
			documents: cf.documentIds.map((id) => {
				const d = this.documents.get(id)!;
				return { id: d.id, title: d.title, name: d.name, signable: d.signable, roles: d.roles, documentOrder: d.documentOrder, metaData: d.metaData };
			}),
			signers: cf.signers.map((s) => ({
				id: s.id,
				name: s.name,
				email: s.email,
				role: s.role,
				signOrder: s.signOrder,
				onBehalfOf: s.onBehalfOf,
				language: s.language,
				ssnType: s.ssnType,
				signingRequest: { ...s.signingRequest },
			})),
			ccRecipients: cf.ccRecipients,
		};
	}

	/** The case file as `GET /api/v1/casefiles` lists it (a summary without signers or documents). */
	summary(cf: PenneoCaseFile) {
		const { documents: _d, signers: _s, ccRecipients: _c, ...rest } = this.view(cf);
		return rest;
	}
}

/** Penneo's digest, computed here independently of the node: SHA-1 over nonce bytes, created_at, then the secret. */
export function expectedDigest(nonceBase64: string, createdAt: string, secret: string): string {
	const hash = crypto.createHash('sha1');
	hash.update(Buffer.from(nonceBase64, 'base64'));
	hash.update(createdAt, 'utf8');
	hash.update(secret, 'utf8');
	return hash.digest('base64');
}

interface Problem {
	property: string;
	message: string;
}

/** Validates the case file document as Penneo documents it; returns the problems in Penneo's words. */
export function validateCaseFile(data: unknown, fileNames: string[]): Problem[] {
	const problems: Problem[] = [];
	const add = (property: string, message: string) => problems.push({ property, message });
	const cf = (data as Record<string, any>)?.caseFile;
	if (!cf || typeof cf !== 'object') return [{ property: 'caseFile', message: 'This value is required.' }];
	if (typeof cf.title !== 'string' || cf.title.length < 1 || cf.title.length > 1024) add('caseFile.title', 'Title must be 1 to 1024 characters long.');
	if (cf.language !== undefined && cf.language !== null && !LANGUAGES.includes(cf.language)) add('caseFile.language', 'Invalid language.');
	if (cf.folderId !== undefined && !(Number.isInteger(cf.folderId) && cf.folderId >= 1)) add('caseFile.folderId', 'folderId must be an integer of at least 1.');
	for (const f of ['sendAt', 'expireAt'])
		if (cf[f] !== undefined && cf[f] !== null && !(Number.isInteger(cf[f]) && cf[f] > 0)) add(`caseFile.${f}`, `${f} must be a Unix timestamp.`);
	if (cf.visibilityMode !== undefined && ![0, 1].includes(cf.visibilityMode)) add('caseFile.visibilityMode', 'visibilityMode must be 0 or 1.');
	for (const f of ['sensitiveData', 'accessControl', 'disableNotificationsOwner', 'disableEmailAttachments', 'signOnMeeting'])
		if (cf[f] !== undefined && typeof cf[f] !== 'boolean') add(`caseFile.${f}`, `${f} must be a boolean.`);
	const signers = Array.isArray(cf.signers) ? cf.signers : [];
	if (!signers.length) add('caseFile.signers', 'At least 1 signer is required.');
	signers.forEach((s: Record<string, any>, i: number) => {
		const at = `caseFile.signers[${i}]`;
		if (typeof s.name !== 'string' || !s.name) add(`${at}.name`, 'Name is required.');
		if (s.email !== undefined && (typeof s.email !== 'string' || !EMAIL.test(s.email))) add(`${at}.email`, 'Invalid email address.');
		if (s.role !== undefined && (typeof s.role !== 'string' || s.role.length < 3 || !SIGNER_ROLE.test(s.role))) add(`${at}.role`, 'Invalid role format.');
		if (s.language !== undefined && s.language !== null && !LANGUAGES.includes(s.language)) add(`${at}.language`, 'Invalid language.');
		if (s.ssnType !== undefined && !SSN_TYPES.includes(s.ssnType)) add(`${at}.ssnType`, 'Invalid ssnType.');
		if (s.emailFormat !== undefined && !['text', 'html'].includes(s.emailFormat)) add(`${at}.emailFormat`, 'emailFormat must be text or html.');
		if (s.signOrder !== undefined && !(Number.isInteger(s.signOrder) && s.signOrder >= 0)) add(`${at}.signOrder`, 'signOrder must be 0 or more.');
		if (s.reminderInterval !== undefined && !(Number.isInteger(s.reminderInterval) && s.reminderInterval >= 1)) add(`${at}.reminderInterval`, 'reminderInterval must be 1 or more.');
		for (const f of ['emailSubject', 'emailText', 'reminderEmailSubject', 'reminderEmailText', 'completedEmailSubject', 'completedEmailText'])
			if (s[f] !== undefined && (typeof s[f] !== 'string' || s[f].length < 5)) add(`${at}.${f}`, `${f} must be at least 5 characters long.`);
		for (const f of ['successUrl', 'failUrl']) {
			if (s[f] === undefined) continue;
			let ok = typeof s[f] === 'string' && s[f].length >= 5;
			try {
				new URL(s[f]);
			} catch {
				ok = false;
			}
			if (!ok) add(`${at}.${f}`, `${f} must be a valid URI.`);
		}
		for (const f of ['activeAt', 'expireAt'])
			if (s[f] !== undefined && s[f] !== null && !(Number.isInteger(s[f]) && s[f] > 0)) add(`${at}.${f}`, `${f} must be a Unix timestamp.`);
		if (s.insecureSigningMethods !== undefined && (!Array.isArray(s.insecureSigningMethods) || s.insecureSigningMethods.some((m: string) => !['text', 'draw', 'image'].includes(m))))
			add(`${at}.insecureSigningMethods`, 'Allowed methods: text, draw, image.');
	});
	const cc = cf.ccRecipients === undefined ? [] : cf.ccRecipients;
	if (!Array.isArray(cc)) add('caseFile.ccRecipients', 'ccRecipients must be an array.');
	else
		cc.forEach((r: Record<string, any>, i: number) => {
			if (typeof r.name !== 'string' || !r.name) add(`caseFile.ccRecipients[${i}].name`, 'Name is required.');
			if (typeof r.email !== 'string' || !EMAIL.test(r.email)) add(`caseFile.ccRecipients[${i}].email`, 'Invalid email address.');
		});
	const documents = Array.isArray(cf.documents) ? cf.documents : [];
	if (!documents.length) add('caseFile.documents', 'At least 1 document is required.');
	else if (!documents.some((d: Record<string, any>) => d.signable !== false)) add('caseFile.documents', 'At least 1 signable document is required.');
	const roles = new Set(signers.map((s: Record<string, any>) => s.role ?? 'Signer'));
	documents.forEach((d: Record<string, any>, i: number) => {
		const at = `caseFile.documents[${i}]`;
		if (typeof d.title !== 'string' || d.title.length < 1 || d.title.length > 1024) add(`${at}.title`, 'Title must be 1 to 1024 characters long.');
		if (typeof d.name !== 'string' || !d.name) add(`${at}.name`, 'Name is required.');
		else if (!fileNames.includes(d.name)) add(`${at}.name`, `No uploaded file is named "${d.name}".`);
		if (d.documentOrder !== undefined && !(Number.isInteger(d.documentOrder) && d.documentOrder >= 0)) add(`${at}.documentOrder`, 'documentOrder must be 0 or more.');
		(Array.isArray(d.roles) ? d.roles : []).forEach((r: string, j: number) => {
			if (typeof r !== 'string' || r.length < 3 || !DOCUMENT_ROLE.test(r)) add(`${at}.roles[${j}]`, 'Invalid role format.');
			else if (!roles.has(r)) add(`${at}.roles[${j}]`, `No signer has the role "${r}".`);
		});
	});
	const names = documents.map((d: Record<string, any>) => d.name);
	for (const f of fileNames) if (!names.includes(f)) add('files', `The file "${f}" is not named by any document.`);
	return problems;
}

export function penneoEmulator() {
	const state = new PenneoState();

	const auth = (req: SandboxRequest): SandboxResponse | undefined => {
		const token = req.headers['x-auth-token'];
		if (typeof token !== 'string' || !token) return err(401, 'JWT Token not found', { code: 401 });
		const known = state.tokens.get(token);
		if (!known) return err(401, 'Invalid JWT Token', { code: 401 });
		if (known.expiresAt <= req.now) return err(401, 'Expired JWT Token', { code: 401 });
		return undefined;
	};

	const findCaseFile = (id: string) => {
		const cf = state.caseFiles.get(Number(id));
		return cf && /^\d+$/.test(id) ? cf : undefined;
	};

	const act = (fn: () => unknown): SandboxResponse => {
		try {
			return json(200, fn());
		} catch (e) {
			return json(409, { error: (e as Error).message });
		}
	};

	return {
		prefixes: ['penneo', 'penneo-auth'],
		state,
		reset: () => state.reset(),
		routes: [
			{
				method: 'POST',
				pattern: '/oauth/token',
				handler: (req: SandboxRequest) => {
					const b = (req.json ?? {}) as Record<string, string>;
					const c = PENNEO_SANDBOX_CREDENTIALS;
					if (b.grant_type !== 'api_keys') return json(400, { error: 'unsupported_grant_type', error_description: 'grant_type must be api_keys' });
					if (b.client_id !== c.clientId || b.client_secret !== c.clientSecret)
						return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
					if (b.key !== c.apiKey) return json(400, { error: 'invalid_grant', error_description: 'Unknown API key' });
					if (!b.nonce || !b.created_at || !b.digest) return json(400, { error: 'invalid_request', error_description: 'nonce, created_at and digest are required' });
					const created = Date.parse(b.created_at);
					if (!/(Z|[+-]00:?00)$/.test(b.created_at) || Number.isNaN(created))
						return json(400, { error: 'invalid_grant', error_description: 'created_at must be an ISO 8601 time in UTC' });
					if (Math.abs(req.now - created) > state.maxClockSkewSeconds * 1000)
						return json(400, { error: 'invalid_grant', error_description: 'created_at is too old or in the future' });
					if (expectedDigest(b.nonce, b.created_at, c.apiSecret) !== b.digest)
						return json(400, { error: 'invalid_grant', error_description: 'Invalid digest' });
					if (state.usedNonces.has(b.nonce)) return json(400, { error: 'invalid_grant', error_description: 'Nonce already used' });
					state.usedNonces.add(b.nonce);
					const payload = Buffer.from(JSON.stringify({ sub: b.key, iat: Math.floor(req.now / 1000) })).toString('base64url');
					const token = `eyJhbGciOiJSUzI1NiJ9.${payload}.${crypto.randomBytes(24).toString('base64url')}`;
					state.tokens.set(token, { key: b.key, expiresAt: req.now + state.tokenLifetimeSeconds * 1000 });
					return json(200, { access_token: token, token_type: 'bearer', expires_in: state.tokenLifetimeSeconds });
				},
			},
			{
				method: 'POST',
				pattern: '/send/api/v1/casefiles/20251022/create',
				handler: (req: SandboxRequest) => {
					const denied = auth(req);
					if (denied) return denied;
					if (!req.parts) return err(400, 'Expected multipart/form-data with the fields data and files');
					const dataPart = req.parts.find((p) => p.name === 'data');
					if (!dataPart || dataPart.filename !== undefined) return err(400, 'The field data (the case file JSON as a string) is required');
					let data: unknown;
					try {
						data = JSON.parse(dataPart.data.toString('utf8'));
					} catch {
						return err(400, 'The field data is not valid JSON');
					}
					const files = req.parts.filter((p) => p.name === 'files' && p.filename !== undefined);
					const others = req.parts.filter((p) => p.name !== 'data' && p.name !== 'files');
					if (others.length) return err(400, `Unexpected field ${others[0].name}`);
					const problems = validateCaseFile(data, files.map((f) => f.filename!));
					for (const f of files) if (!f.data.length) problems.push({ property: 'files', message: `The file "${f.filename}" is empty.` });
					if (problems.length) return err(400, 'Validation failed', { errors: problems });
					const hash = crypto.createHash('sha256').update(dataPart.data);
					for (const f of files) hash.update(f.data);
					const payloadHash = hash.digest('hex');
					const now = new Date(req.now).toISOString();
					const duplicate = [...state.jobs.values()].some((j) => j.payloadHash === payloadHash && j.jobStatus !== 'failed');
					const job: PenneoJob = {
						uuid: uuid(),
						payloadHash,
						jobStatus: 'pending',
						createdAt: now,
						updatedAt: now,
						pending: { caseFile: (data as { caseFile: Record<string, unknown> }).caseFile, files: new Map(files.map((f) => [f.filename!, f.data])) },
						checks: [],
						plan: duplicate ? { checksBeforeOutcome: 0, outcome: 'never' } : { ...state.jobPlan },
					};
					if (duplicate) job.jobStatus = 'aborted_duplicated';
					state.jobs.set(job.uuid, job);
					return json(201, {
						status: 'handled',
						message: 'Job created',
						jobs: [{ uuid: job.uuid, payloadHash: job.payloadHash, createdAt: job.createdAt, jobStatus: 'pending' }],
					});
				},
			},
			{
				method: 'POST',
				pattern: '/send/api/v1/queue/public/status',
				handler: (req: SandboxRequest) => {
					const b = (req.json ?? {}) as { uuid?: string; payloadHash?: string };
					const job = b.uuid ? state.jobs.get(b.uuid) : undefined;
					if (!job || job.payloadHash !== b.payloadHash) return err(404, 'Job not found');
					const recent = job.checks.filter((t) => req.now - t < 60_000);
					if (recent.length >= 20) return json(429, { message: 'Too many status checks for this job: at most 20 a minute' }, { 'retry-after': '5' });
					job.checks.push(req.now);
					state.advance(job, req.now);
					const cf = job.caseFileId ? state.caseFiles.get(job.caseFileId) : undefined;
					return json(200, {
						uuid: job.uuid,
						payloadHash: job.payloadHash,
						jobStatus: job.jobStatus,
						createdAt: job.createdAt,
						updatedAt: job.updatedAt,
						...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
						...(cf
							? {
									result: {
										data: {
											caseFile: {
												id: cf.id,
												title: cf.title,
												status: cf.status,
												signers: cf.signers.map((s) => ({
													id: s.id,
													name: s.name,
													email: s.email,
													signingRequest: { id: s.signingRequest.id, link: s.signingRequest.link },
												})),
											},
										},
									},
								}
							: {}),
					});
				},
			},
			{
				method: 'GET',
				pattern: '/api/v1/casefiles',
				handler: (req: SandboxRequest) => {
					const denied = auth(req);
					if (denied) return denied;
					const q = req.query;
					const limit = Number(q.get('limit') ?? 100);
					if (!Number.isInteger(limit) || limit < 1 || limit > 100) return err(400, 'limit must be an integer from 1 to 100');
					const offset = Number(q.get('offset') ?? 0);
					if (!Number.isInteger(offset) || offset < 0) return err(400, 'offset must be 0 or more');
					const num = (name: string) => (q.get(name) === null ? undefined : Number(q.get(name)));
					for (const name of ['status', 'createdAfter', 'updatedAfter', 'completedAfter'])
						if (q.get(name) !== null && !/^\d+$/.test(q.get(name)!)) return err(400, `${name} must be a number`);
					const status = num('status');
					const title = q.get('title')?.toLowerCase();
					const reference = q.get('reference');
					const folders = q.get('folderIds')?.split(',').map(Number);
					let all = [...state.caseFiles.values()]
						.filter((cf) => (status === undefined ? cf.status !== 3 : cf.status === status))
						.filter((cf) => !title || cf.title.toLowerCase().includes(title))
						.filter((cf) => !reference || cf.reference === reference)
						.filter((cf) => !folders || (cf.folderId !== null && folders.includes(cf.folderId)))
						.filter((cf) => num('createdAfter') === undefined || cf.created >= num('createdAfter')!)
						.filter((cf) => num('updatedAfter') === undefined || cf.updated >= num('updatedAfter')!)
						.filter((cf) => num('completedAfter') === undefined || (cf.completed !== null && cf.completed >= num('completedAfter')!));
					const sort = q.get('sort') ?? 'id';
					const field = sort.replace(/^-/, '') as 'id' | 'created' | 'updated' | 'completed';
					if (!['id', 'created', 'updated', 'completed'].includes(field)) return err(400, `Cannot sort by ${field}`);
					all = all.sort((a, b) => ((a[field] ?? 0) - (b[field] ?? 0) || a.id - b.id) * (sort.startsWith('-') ? -1 : 1));
					return json(200, all.slice(offset, offset + limit).map((cf) => state.summary(cf)));
				},
			},
			{
				method: 'GET',
				pattern: '/api/v3/casefiles/:id',
				handler: (req: SandboxRequest) => {
					const denied = auth(req);
					if (denied) return denied;
					const cf = findCaseFile(req.params.id);
					return cf ? json(200, state.view(cf)) : err(404, 'Case file not found');
				},
			},
			{
				method: 'DELETE',
				pattern: '/api/v1/casefiles/:id',
				handler: (req: SandboxRequest) => {
					const denied = auth(req);
					if (denied) return denied;
					const cf = findCaseFile(req.params.id);
					if (!cf || cf.status === 3) return err(404, 'Case file not found');
					cf.status = 3;
					cf.updated = Math.floor(req.now / 1000);
					return { status: 204 };
				},
			},
			{
				method: 'GET',
				pattern: '/api/v3/documents/:id/content',
				handler: (req: SandboxRequest) => {
					const denied = auth(req);
					if (denied) return denied;
					const doc = state.documents.get(Number(req.params.id));
					const cf = doc ? state.caseFiles.get(doc.caseFileId) : undefined;
					if (!doc || !cf || cf.status === 3) return err(404, 'Document not found');
					const accept = String(req.headers.accept ?? '');
					if (!/application\/pdf|\*\/\*/.test(accept)) return err(406, 'Send Accept: application/pdf');
					return { status: 200, headers: { 'content-type': 'application/pdf' }, body: doc.signedContent ?? doc.content };
				},
			},
		],
		control: [
			{
				method: 'POST',
				pattern: '/token-lifetime',
				handler: (req: SandboxRequest) => {
					state.tokenLifetimeSeconds = Number(bodyOf<{ seconds?: number }>(req).seconds ?? 600);
					return json(200, { seconds: state.tokenLifetimeSeconds });
				},
			},
			{ method: 'POST', pattern: '/tokens/expire', handler: () => act(() => (state.expireTokens(), { expired: state.tokens.size })) },
			{
				method: 'POST',
				pattern: '/jobs/plan',
				handler: (req: SandboxRequest) => act(() => (state.jobPlan = { checksBeforeOutcome: 0, outcome: 'completed', ...bodyOf<Partial<JobPlan>>(req) })),
			},
			{ method: 'POST', pattern: '/casefiles/:id/sign', handler: (req: SandboxRequest) => act(() => state.sign(Number(req.params.id), bodyOf<{ signerId?: number }>(req).signerId, req.now)) },
			{ method: 'POST', pattern: '/casefiles/:id/open', handler: (req: SandboxRequest) => act(() => state.open(Number(req.params.id), req.now)) },
			{ method: 'POST', pattern: '/casefiles/:id/reject', handler: (req: SandboxRequest) => act(() => state.reject(Number(req.params.id), bodyOf<{ signerId?: number }>(req).signerId, req.now)) },
			{ method: 'POST', pattern: '/casefiles/:id/expire', handler: (req: SandboxRequest) => act(() => state.expire(Number(req.params.id), req.now)) },
		],
	} satisfies ProviderEmulator & { state: PenneoState };
}
