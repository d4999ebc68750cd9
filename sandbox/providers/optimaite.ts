/**
 * Optimaite emulator (source: shared/providers/optimaite-signing.txt and REFERENCE.md).
 * Bearer API keys with scopes, cases (cursor pages), documents (multipart upload, download),
 * signing envelopes with the documented life cycle draft → sent → in_progress → completed | expired | declined.
 */
import { bearer, json, makePdf, newId, type ProviderEmulator, type SandboxRequest, type SandboxResponse } from '../server';

/** Keys the sandbox accepts, with their scopes. */
export const OPTIMAITE_KEYS: Record<string, string[]> = {
	opt_test_sandbox: ['cases:read', 'documents:read', 'documents:write'],
	opt_test_readonly: ['cases:read', 'documents:read'],
};

export interface OptimaiteCase {
	id: string;
	title: string;
	status: 'active' | 'closed' | 'archived';
	created_at: string;
	updated_at: string;
}

export interface OptimaiteDocument {
	id: string;
	filename: string;
	mime_type: string;
	size_bytes: number;
	status: string;
	case_id: string;
	folder_id: string | null;
	created_at: string;
	content: Buffer;
}

export interface OptimaiteSigner {
	id: string;
	name: string;
	email: string;
	role: string;
	status: 'pending' | 'viewed' | 'signed' | 'declined';
	signed_at: string | null;
}

export interface OptimaiteEnvelope {
	id: string;
	case_id: string;
	title: string;
	status: 'draft' | 'sent' | 'in_progress' | 'completed' | 'expired' | 'declined';
	signing_order: 'sequential' | 'parallel';
	send_emails: boolean;
	documents: Array<{ id: string; document_id: string; filename: string; signed_document_id?: string | null }>;
	signers: OptimaiteSigner[];
	created_at: string;
	completed_at: string | null;
}

const err = (status: number, code: string, message: string, extra?: Record<string, unknown>): SandboxResponse =>
	json(status, { error: { code, message, ...extra } });

export class OptimaiteState {
	cases = new Map<string, OptimaiteCase>();
	documents = new Map<string, OptimaiteDocument>();
	envelopes = new Map<string, OptimaiteEnvelope>();
	/** Requests per key in the current minute window (rate limit: 60/min on the standard plan). */
	rateLimit = { limit: 60, windowStart: 0, used: 0, enabled: false };

	constructor() {
		this.reset();
	}

	reset() {
		this.cases.clear();
		this.documents.clear();
		this.envelopes.clear();
		const t = '2026-01-05T09:00:00.000Z';
		this.addCase({ id: '550e8400-e29b-41d4-a716-446655440000', title: 'Smith employment', status: 'active', created_at: t, updated_at: t });
		this.addCase({ id: '7d3f1c2a-9b8e-4c6d-a5f4-3e2d1c0b9a87', title: 'Supplier NDA', status: 'active', created_at: t, updated_at: t });
		this.addCase({ id: 'c0ffee00-1111-4222-8333-444455556666', title: 'Old lease', status: 'closed', created_at: t, updated_at: t });
	}

	addCase(c: OptimaiteCase) {
		this.cases.set(c.id, c);
		return c;
	}

	/** Signer actions for the control API. */
	sign(envelopeId: string, email?: string, now = Date.now()) {
		const env = this.envelopes.get(envelopeId);
		if (!env) throw new Error(`no envelope ${envelopeId}`);
		if (!['sent', 'in_progress'].includes(env.status)) throw new Error(`envelope is ${env.status}`);
		const pending = env.signers.filter((s) => s.status !== 'signed' && s.role !== 'cc');
		const signer = email ? pending.find((s) => s.email === email) : pending[0];
		if (!signer) throw new Error('no pending signer');
		if (env.signing_order === 'sequential' && signer !== pending[0]) throw new Error('not this signer’s turn (sequential order)');
		signer.status = 'signed';
		signer.signed_at = new Date(now).toISOString();
		env.status = 'in_progress';
		if (env.signers.every((s) => s.status === 'signed' || s.role === 'cc')) {
			env.status = 'completed';
			env.completed_at = new Date(now).toISOString();
			for (const d of env.documents) {
				const original = this.documents.get(d.document_id);
				const name = (original?.filename ?? d.filename).replace(/\.pdf$/i, '') + '_signed.pdf';
				const signed = this.storeDocument(env.case_id, name, 'application/pdf', makePdf(`Signed: ${env.title}`), now, 'signed');
				d.signed_document_id = signed.id;
			}
		}
		return env;
	}

	setStatus(envelopeId: string, status: 'declined' | 'expired' | 'in_progress') {
		const env = this.envelopes.get(envelopeId);
		if (!env) throw new Error(`no envelope ${envelopeId}`);
		if (status === 'declined') {
			const signer = env.signers.find((s) => s.status !== 'signed');
			if (signer) signer.status = 'declined';
		}
		if (status === 'in_progress') env.signers.filter((s) => s.status === 'pending').slice(0, 1).forEach((s) => (s.status = 'viewed'));
		env.status = status;
		return env;
	}

	storeDocument(caseId: string, filename: string, mime: string, content: Buffer, now = Date.now(), status = 'uploaded') {
		const doc: OptimaiteDocument = {
			id: newId('doc_'),
			filename,
			mime_type: mime,
			size_bytes: content.length,
			status,
			case_id: caseId,
			folder_id: null,
			created_at: new Date(now).toISOString(),
			content,
		};
		this.documents.set(doc.id, doc);
		return doc;
	}
}

function publicDoc(d: OptimaiteDocument) {
	const { content: _content, ...rest } = d;
	void _content;
	return rest;
}

export function optimaiteEmulator(state = new OptimaiteState()): ProviderEmulator & { state: OptimaiteState } {
	const auth = (req: SandboxRequest, scope?: string): SandboxResponse | undefined => {
		const key = bearer(req);
		if (!key) return err(401, 'AUTH_MISSING', 'Missing Authorization: Bearer <API key>');
		const scopes = OPTIMAITE_KEYS[key];
		if (!scopes) return err(401, 'AUTH_INVALID_KEY', 'Invalid API key');
		if (scope && !scopes.includes(scope)) return err(403, 'AUTH_INSUFFICIENT_SCOPE', `Missing ${scope} scope`);
		const rl = state.rateLimit;
		if (rl.enabled) {
			if (req.now - rl.windowStart > 60_000) Object.assign(rl, { windowStart: req.now, used: 0 });
			rl.used += 1;
			if (rl.used > rl.limit) {
				const retry = Math.ceil((rl.windowStart + 60_000 - req.now) / 1000);
				return json(429, { error: { code: 'RATE_LIMIT_EXCEEDED', retry_after: retry } }, {
					'x-ratelimit-limit': String(rl.limit),
					'x-ratelimit-remaining': '0',
					'x-ratelimit-reset': String(Math.ceil((rl.windowStart + 60_000) / 1000)),
				});
			}
		}
		return undefined;
	};

	const publicEnvelope = (e: OptimaiteEnvelope) => e;

	return {
		prefixes: ['optimaite'],
		state,
		reset: () => state.reset(),
		routes: [
			{
				method: 'GET',
				pattern: '/api/v1/cases',
				handler: (req) => {
					const denied = auth(req, 'cases:read');
					if (denied) return denied;
					const limit = Number(req.query.get('limit') ?? 50);
					if (!Number.isInteger(limit) || limit < 1 || limit > 100)
						return err(400, 'VALIDATION_ERROR', 'limit must be an integer from 1 to 100');
					const status = req.query.get('status');
					if (status && !['active', 'closed', 'archived'].includes(status))
						return err(400, 'VALIDATION_ERROR', 'status must be one of active, closed, archived');
					const search = (req.query.get('search') ?? '').toLowerCase();
					const all = [...state.cases.values()]
						.filter((c) => !status || c.status === status)
						.filter((c) => !search || c.title.toLowerCase().includes(search));
					const start = req.query.get('cursor') ? Number(Buffer.from(req.query.get('cursor')!, 'base64url').toString()) : 0;
					const page = all.slice(start, start + limit);
					const end = start + page.length;
					return json(200, { data: page, next_cursor: end < all.length ? Buffer.from(String(end)).toString('base64url') : null });
				},
			},
			{
				method: 'GET',
				pattern: '/api/v1/cases/:caseId',
				handler: (req) => {
					const denied = auth(req, 'cases:read');
					if (denied) return denied;
					const c = state.cases.get(req.params.caseId);
					return c ? json(200, c) : err(404, 'CASE_NOT_FOUND', 'Case ID does not exist');
				},
			},
			{
				method: 'POST',
				pattern: '/api/v1/documents',
				handler: (req) => {
					const denied = auth(req, 'documents:write');
					if (denied) return denied;
					if (!req.parts) return err(400, 'VALIDATION_ERROR', 'Expected multipart/form-data');
					const file = req.parts.find((p) => p.name === 'file' && p.filename !== undefined);
					const caseId = req.parts.find((p) => p.name === 'case_id')?.data.toString('utf8');
					if (!file) return err(400, 'VALIDATION_ERROR', 'file is required');
					if (!file.data.length) return err(400, 'VALIDATION_ERROR', 'file is empty');
					if (!caseId) return err(400, 'VALIDATION_ERROR', 'case_id is required');
					if (!state.cases.has(caseId)) return err(404, 'CASE_NOT_FOUND', 'Case ID does not exist');
					const doc = state.storeDocument(caseId, file.filename || 'document', file.contentType ?? 'application/octet-stream', file.data, req.now);
					doc.folder_id = req.parts.find((p) => p.name === 'folder_id')?.data.toString('utf8') ?? null;
					return json(201, publicDoc(doc));
				},
			},
			{
				method: 'GET',
				pattern: '/api/v1/documents/:id',
				handler: (req) => {
					const denied = auth(req, 'documents:read');
					if (denied) return denied;
					const d = state.documents.get(req.params.id);
					return d ? json(200, publicDoc(d)) : err(404, 'DOCUMENT_NOT_FOUND', 'Document does not exist');
				},
			},
			{
				method: 'GET',
				pattern: '/api/v1/documents/:id/download',
				handler: (req) => {
					const denied = auth(req, 'documents:read');
					if (denied) return denied;
					const d = state.documents.get(req.params.id);
					if (!d) return err(404, 'DOCUMENT_NOT_FOUND', 'Document does not exist');
					return {
						status: 200,
						headers: {
							'content-type': d.mime_type,
							'content-disposition': `attachment; filename="${d.filename}"; filename*=UTF-8''${encodeURIComponent(d.filename)}`,
						},
						body: d.content,
					};
				},
			},
			{
				method: 'DELETE',
				pattern: '/api/v1/documents/:id',
				handler: (req) => {
					const denied = auth(req, 'documents:write');
					if (denied) return denied;
					if (!state.documents.delete(req.params.id)) return err(404, 'DOCUMENT_NOT_FOUND', 'Document does not exist');
					return { status: 204 };
				},
			},
			{
				method: 'GET',
				pattern: '/api/v1/cases/:caseId/signed-documents',
				handler: (req) => {
					const denied = auth(req, 'documents:read');
					if (denied) return denied;
					if (!state.cases.has(req.params.caseId)) return err(404, 'CASE_NOT_FOUND', 'Case ID does not exist');
					const data = [...state.envelopes.values()].filter((e) => e.case_id === req.params.caseId).map(publicEnvelope);
					return json(200, { data });
				},
			},
			{
				method: 'POST',
				pattern: '/api/v1/cases/:caseId/signing-envelopes',
				handler: (req) => {
					const denied = auth(req, 'documents:write');
					if (denied) return denied;
					const body = (req.json ?? {}) as Record<string, unknown>;
					if (!state.cases.has(req.params.caseId)) return err(404, 'CASE_NOT_FOUND', 'Case ID does not exist');
					const ids = body.document_ids;
					if (!Array.isArray(ids) || ids.length === 0) return err(400, 'NO_DOCUMENTS', 'No document IDs provided');
					const signers = body.signers;
					if (!Array.isArray(signers) || signers.length === 0) return err(400, 'NO_SIGNERS', 'No signers provided');
					if (typeof body.title !== 'string' || !body.title.trim()) return err(400, 'VALIDATION_ERROR', 'title is required');
					for (const s of signers as Array<Record<string, unknown>>) {
						if (typeof s.name !== 'string' || !s.name || typeof s.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.email))
							return err(400, 'VALIDATION_ERROR', 'Every signer needs a name and a valid email');
						if (s.role !== undefined && !['signer', 'approver', 'cc'].includes(String(s.role)))
							return err(400, 'VALIDATION_ERROR', `Unknown signer role ${String(s.role)}`);
					}
					if (body.signing_order !== undefined && !['sequential', 'parallel'].includes(String(body.signing_order)))
						return err(400, 'VALIDATION_ERROR', 'signing_order must be sequential or parallel');
					const docs = (ids as string[]).map((id) => state.documents.get(id));
					if (docs.some((d) => !d || d.case_id !== req.params.caseId))
						return err(404, 'DOCUMENT_NOT_FOUND', 'One or more document IDs do not exist');
					const env: OptimaiteEnvelope = {
						id: newId('env_'),
						case_id: req.params.caseId,
						title: body.title,
						status: 'sent',
						signing_order: (body.signing_order as 'sequential' | 'parallel') ?? 'sequential',
						send_emails: body.send_emails !== false,
						documents: docs.map((d) => ({ id: newId('sigdoc_'), document_id: d!.id, filename: d!.filename, signed_document_id: null })),
						signers: (signers as Array<Record<string, string>>).map((s) => ({
							id: newId('signer_'),
							name: s.name,
							email: s.email,
							role: s.role ?? 'signer',
							status: 'pending',
							signed_at: null,
						})),
						created_at: new Date(req.now).toISOString(),
						completed_at: null,
					};
					state.envelopes.set(env.id, env);
					return json(201, env);
				},
			},
			{
				method: 'POST',
				pattern: '/api/v1/signing/promote-to-envelope',
				handler: (req) => {
					const denied = auth(req, 'documents:write');
					if (denied) return denied;
					const body = (req.json ?? {}) as Record<string, unknown>;
					const caseId = String(body.case_id ?? '');
					if (!state.cases.has(caseId)) return err(404, 'CASE_NOT_FOUND', 'Case ID does not exist');
					const ids = body.document_ids;
					if (!Array.isArray(ids) || ids.length === 0) return err(400, 'NO_DOCUMENTS', 'No document IDs provided');
					const docs = (ids as string[]).map((id) => state.documents.get(id));
					if (docs.some((d) => !d || d.case_id !== caseId)) return err(404, 'DOCUMENT_NOT_FOUND', 'One or more document IDs do not exist');
					const env: OptimaiteEnvelope = {
						id: newId('env_'),
						case_id: caseId,
						title: String(body.title ?? ''),
						status: 'draft',
						signing_order: 'sequential',
						send_emails: false,
						documents: docs.map((d) => ({ id: newId('sigdoc_'), document_id: d!.id, filename: d!.filename, signed_document_id: null })),
						signers: [],
						created_at: new Date(req.now).toISOString(),
						completed_at: null,
					};
					state.envelopes.set(env.id, env);
					return json(201, env);
				},
			},
		],
		control: [
			{
				method: 'POST',
				pattern: '/envelopes/:id/sign',
				handler: (req) => act(() => state.sign(req.params.id, (req.json as { email?: string })?.email, req.now)),
			},
			{ method: 'POST', pattern: '/envelopes/:id/open', handler: (req) => act(() => state.setStatus(req.params.id, 'in_progress')) },
			{ method: 'POST', pattern: '/envelopes/:id/decline', handler: (req) => act(() => state.setStatus(req.params.id, 'declined')) },
			{ method: 'POST', pattern: '/envelopes/:id/expire', handler: (req) => act(() => state.setStatus(req.params.id, 'expired')) },
			{
				method: 'POST',
				pattern: '/rate-limit',
				handler: (req) => {
					Object.assign(state.rateLimit, { enabled: true, used: 0, windowStart: req.now }, req.json ?? {});
					return json(200, state.rateLimit);
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
