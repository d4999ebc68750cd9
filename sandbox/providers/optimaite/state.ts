/**
 * The Optimaite sandbox's data, read from Optimaite's public developer docs (not from our node code):
 * cases (https://www.optimaite.eu/en/developer-docs/api-reference/cases), documents
 * (…/api-reference/documents) and signing envelopes (…/api-reference/signing, captured in
 * shared/providers/optimaite-signing.txt). Fields the docs show are the fields answers carry; what the sandbox
 * needs besides (file bytes, signing order, when a signed copy appears) stays internal and is never answered.
 */
import { makePdf, newId } from '../../server';

/** The documented case object (cases page, "The Case Object"). */
export interface OptimaiteCase {
	id: string;
	name: string;
	file_number: string;
	status: 'active' | 'closed' | 'archived';
	type: string;
	description: string;
	dezernat: string;
	created_at: string;
	updated_at: string;
	parties: Array<{ id: string; role: string; name: string }>;
	staff: Array<{ id: string; name: string; role: string }>;
}

/** The documented document object (documents page, "The Document Object"), plus the file itself. */
export interface OptimaiteDocument {
	id: string;
	filename: string;
	mime_type: string;
	size_bytes: number;
	status: string;
	case_id: string | null;
	folder_id: string | null;
	parties: Array<{ id: string; name: string; is_primary: boolean }>;
	extracted_text_length: number;
	created_at: string;
	updated_at: string;
	/** Sandbox only: the bytes `…/download` streams. */
	content: Buffer;
	/** Sandbox only: not listed or served before this time (a signed copy still being produced). */
	availableAt: number;
}

/** Signer statuses the signing page shows: `pending` and `signed` (nothing else is documented). */
export interface OptimaiteSigner {
	id: string;
	name: string;
	email: string;
	role: string;
	status: 'pending' | 'signed';
	signed_at: string | null;
}

/** The documented life cycle: draft → sent → in_progress → completed | expired | declined. */
export type EnvelopeStatus = 'draft' | 'sent' | 'in_progress' | 'completed' | 'expired' | 'declined';

export interface OptimaiteEnvelope {
	id: string;
	case_id: string;
	title: string;
	status: EnvelopeStatus;
	documents: Array<{ id: string; document_id: string; filename: string }>;
	signers: OptimaiteSigner[];
	created_at: string;
	completed_at: string | null;
	/** Sandbox only (sent in the create body, never shown in the documented answers). */
	signing_order: 'sequential' | 'parallel';
	send_emails: boolean;
	/** Sandbox only: the case documents holding the signed copies, once completed. */
	signed_document_ids: string[];
}

export interface NewEnvelope {
	caseId: string;
	title: string;
	documentIds: string[];
	signers: Array<{ name: string; email: string; role?: string }>;
	signingOrder?: 'sequential' | 'parallel';
	sendEmails?: boolean;
	/** `draft` for promoted documents; `sent` (the default) for a created envelope. */
	status?: 'draft' | 'sent';
	id?: string;
}

/** Rate limits of the Standard plan (https://www.optimaite.eu/en/developer-docs/getting-started/rate-limits). */
export interface RateLimitSettings {
	/** Off by default so ordinary tests are not slowed; `POST /_control/optimaite/rate-limit` turns it on. */
	enabled: boolean;
	perMinute: number;
	perDay: number;
	perSecond: number;
}

/** Sandbox behaviour the docs leave open, switchable through `POST /_control/optimaite/options`. */
export interface SandboxOptions {
	/**
	 * Name of the next-page cursor in list answers. The cases page says only "Pagination cursor from previous
	 * response" (the field name is cut off in every capture): `next_cursor` is the sandbox's guess.
	 */
	cursorField: string;
	/** How long after completion the signed copy appears among the case's documents (ms). */
	signedDocumentDelayMs: number;
	/**
	 * Signer roles accepted besides the documented `signer` (the signing page shows no other): none by default (the
	 * strict reader); a test of code that sends other roles turns them on, as an API that knew them would behave.
	 */
	extraRoles: string[];
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { enabled: false, perMinute: 60, perDay: 10_000, perSecond: 10 };
export const DEFAULT_OPTIONS: SandboxOptions = { cursorField: 'next_cursor', signedDocumentDelayMs: 0, extraRoles: [] };

/** Keys the sandbox accepts (test keys: "opt_test_ -- Test key (uses sandbox data)"), with their scopes. */
export const OPTIMAITE_KEYS: Record<string, readonly string[]> = {
	opt_test_sandbox: ['cases:read', 'documents:read', 'documents:write', 'documents:delete'],
	opt_test_readonly: ['cases:read', 'documents:read'],
	/** Can upload, sign and download, but not list cases. */
	opt_test_signer: ['documents:read', 'documents:write'],
	/** Can upload and sign only. */
	opt_test_writeonly: ['documents:write'],
};

const iso = (ms: number) => new Date(ms).toISOString();

export class OptimaiteState {
	cases = new Map<string, OptimaiteCase>();
	documents = new Map<string, OptimaiteDocument>();
	envelopes = new Map<string, OptimaiteEnvelope>();
	rateLimit: RateLimitSettings = { ...DEFAULT_RATE_LIMIT };
	options: SandboxOptions = { ...DEFAULT_OPTIONS };

	constructor() {
		this.reset();
	}

	reset() {
		this.cases.clear();
		this.documents.clear();
		this.envelopes.clear();
		this.rateLimit = { ...DEFAULT_RATE_LIMIT };
		this.options = { ...DEFAULT_OPTIONS, extraRoles: [] };
		const t = '2026-01-05T09:00:00.000Z';
		this.addCase({ id: '550e8400-e29b-41d4-a716-446655440000', name: 'Smith v. Jones -- Employment Dispute', file_number: 'AZ-2026-042', created_at: t });
		this.addCase({ id: '7d3f1c2a-9b8e-4c6d-a5f4-3e2d1c0b9a87', name: 'Supplier NDA', file_number: 'AZ-2026-043', created_at: t });
		this.addCase({ id: 'c0ffee00-1111-4222-8333-444455556666', name: 'Old lease', file_number: 'AZ-2025-007', status: 'closed', created_at: t });
	}

	addCase(c: Partial<OptimaiteCase> & { id: string; name: string }): OptimaiteCase {
		const created = c.created_at ?? iso(Date.now());
		const full: OptimaiteCase = {
			file_number: '',
			status: 'active',
			type: 'litigation',
			description: '',
			dezernat: '',
			updated_at: created,
			parties: [],
			staff: [],
			...c,
			created_at: created,
		};
		this.cases.set(full.id, full);
		return full;
	}

	storeDocument(
		caseId: string | null,
		filename: string,
		mime: string,
		content: Buffer,
		now = Date.now(),
		options: { folderId?: string | null; availableAt?: number } = {},
	): OptimaiteDocument {
		const doc: OptimaiteDocument = {
			id: newId('doc_'),
			filename,
			mime_type: mime,
			size_bytes: content.length,
			status: 'processed',
			case_id: caseId,
			folder_id: options.folderId ?? null,
			parties: [],
			extracted_text_length: 0,
			created_at: iso(now),
			updated_at: iso(now),
			content,
			availableAt: options.availableAt ?? now,
		};
		this.documents.set(doc.id, doc);
		return doc;
	}

	/** A document as the API shows it now (undefined while a signed copy is still being produced). */
	visibleDocument(id: string, now: number): OptimaiteDocument | undefined {
		const d = this.documents.get(id);
		return d && d.availableAt <= now ? d : undefined;
	}

	createEnvelope(e: NewEnvelope, now = Date.now()): OptimaiteEnvelope {
		const envelope: OptimaiteEnvelope = {
			id: e.id ?? newId('env_'),
			case_id: e.caseId,
			title: e.title,
			status: e.status ?? 'sent',
			documents: e.documentIds.map((id) => ({ id: newId('sigdoc_'), document_id: id, filename: this.documents.get(id)?.filename ?? id })),
			signers: e.signers.map((s) => ({ id: newId('signer_'), name: s.name, email: s.email, role: s.role ?? 'signer', status: 'pending', signed_at: null })),
			created_at: iso(now),
			completed_at: null,
			signing_order: e.signingOrder ?? 'sequential',
			send_emails: e.sendEmails ?? true,
			signed_document_ids: [],
		};
		this.envelopes.set(envelope.id, envelope);
		return envelope;
	}

	private envelope(id: string): OptimaiteEnvelope {
		const env = this.envelopes.get(id);
		if (!env) throw new Error(`no envelope ${id}`);
		return env;
	}

	/**
	 * One signer signs (the next one in sequential order, or the one with `email`). The last signature completes
	 * the envelope, and the signed copies are stored back in the case as new documents — "After all parties
	 * sign, the signed document returns to the Law Akte automatically" (https://www.optimaite.eu/en/docs/editor/signatures).
	 * Their names are the sandbox's guess (`<original>_signed.pdf`); nothing in the API links them to the envelope.
	 */
	sign(envelopeId: string, email?: string, now = Date.now()): OptimaiteEnvelope {
		const env = this.envelope(envelopeId);
		if (!['sent', 'in_progress'].includes(env.status)) throw new Error(`envelope is ${env.status}`);
		const pending = env.signers.filter((s) => s.status !== 'signed');
		const signer = email ? pending.find((s) => s.email === email) : pending[0];
		if (!signer) throw new Error(email ? `no pending signer ${email}` : 'no pending signer');
		if (env.signing_order === 'sequential' && signer !== pending[0]) throw new Error('not this signer’s turn (sequential order)');
		signer.status = 'signed';
		signer.signed_at = iso(now);
		env.status = 'in_progress';
		if (env.signers.every((s) => s.status === 'signed')) this.complete(env, now);
		return env;
	}

	private complete(env: OptimaiteEnvelope, now: number) {
		env.status = 'completed';
		env.completed_at = iso(now);
		const availableAt = now + this.options.signedDocumentDelayMs;
		for (const d of env.documents) {
			const original = this.documents.get(d.document_id);
			const name = `${(original?.filename ?? d.filename).replace(/\.[^.]+$/, '')}_signed.pdf`;
			const signed = this.storeDocument(env.case_id, name, 'application/pdf', makePdf(`Signed: ${env.title}`), availableAt, {
				folderId: original?.folder_id ?? null,
				availableAt,
			});
			env.signed_document_ids.push(signed.id);
		}
	}

	/** "At least one signer has opened the document" → in_progress. */
	open(envelopeId: string): OptimaiteEnvelope {
		const env = this.envelope(envelopeId);
		if (env.status !== 'sent') throw new Error(`envelope is ${env.status}`);
		env.status = 'in_progress';
		return env;
	}

	/** "A signer declined to sign" / "Signing deadline passed without completion". */
	end(envelopeId: string, status: 'declined' | 'expired'): OptimaiteEnvelope {
		const env = this.envelope(envelopeId);
		if (!['sent', 'in_progress'].includes(env.status)) throw new Error(`envelope is ${env.status}`);
		env.status = status;
		return env;
	}
}

/** The document object as answered (without the sandbox's own fields). */
export function documentObject(d: OptimaiteDocument) {
	const { content: _content, availableAt: _availableAt, ...rest } = d;
	void _content;
	void _availableAt;
	return rest;
}

/** "The Signing Envelope Object" of the signing page: the create answer. */
export function envelopeObject(e: OptimaiteEnvelope) {
	return {
		id: e.id,
		case_id: e.case_id,
		title: e.title,
		status: e.status,
		documents: e.documents.map((d) => ({ ...d })),
		signers: e.signers.map((s) => ({ ...s })),
		created_at: e.created_at,
		completed_at: e.completed_at,
	};
}

/**
 * One entry of "List Signed Documents": exactly the fields its documented answer shows — no case id, no
 * documents, no signer ids or emails, no times besides `signed_at`.
 */
export function envelopeListEntry(e: OptimaiteEnvelope) {
	return { id: e.id, title: e.title, status: e.status, signers: e.signers.map((s) => ({ name: s.name, status: s.status, signed_at: s.signed_at })) };
}
