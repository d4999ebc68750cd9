/**
 * Simplify (node version 2): the fields of Optimaite's answers a workflow needs, in camelCase, with the same names in
 * the action node and the trigger — `caseId`, `envelopeId`, `documentId`, `title`, `status`, `signers`, `signedAt`…
 * Fields an answer does not carry are `null` (the documented envelope list, for one, has no documents and no times
 * besides each signer's `signed_at`). The README's Optimaite section lists them.
 */
import type { IDataObject } from 'n8n-workflow';

import { newest, toMs } from '../../shared/polling';

const orNull = (v: unknown) => (v === undefined ? null : v);
const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
const list = (v: unknown): IDataObject[] | undefined => (Array.isArray(v) ? (v as IDataObject[]) : undefined);

/** A document object (Upload, Get). */
export function simplifyDocument(d: IDataObject): IDataObject {
	return {
		documentId: orNull(d.id),
		fileName: orNull(d.filename),
		mimeType: orNull(d.mime_type),
		sizeBytes: orNull(d.size_bytes),
		status: orNull(d.status),
		caseId: orNull(d.case_id),
		folderId: orNull(d.folder_id),
		parties: (list(d.parties) ?? []).map((p) => ({ partyId: orNull(p.id), name: orNull(p.name), isPrimary: orNull(p.is_primary) })),
		createdAt: orNull(d.created_at),
		updatedAt: orNull(d.updated_at),
	};
}

/** A case object (Get, Get Many). */
export function simplifyCase(c: IDataObject): IDataObject {
	return {
		caseId: orNull(c.id),
		name: orNull(c.name),
		fileNumber: orNull(c.file_number),
		status: orNull(c.status),
		type: orNull(c.type),
		description: orNull(c.description),
		parties: (list(c.parties) ?? []).map((p) => ({ partyId: orNull(p.id), name: orNull(p.name), role: orNull(p.role) })),
		staff: (list(c.staff) ?? []).map((p) => ({ staffId: orNull(p.id), name: orNull(p.name), role: orNull(p.role) })),
		createdAt: orNull(c.created_at),
		updatedAt: orNull(c.updated_at),
	};
}

/** One signer, as the envelope object (name, email, role, status, signed_at) or the list entry (name, status, signed_at) has it. */
export function simplifySigner(s: IDataObject): IDataObject {
	return {
		signerId: orNull(s.id),
		name: orNull(s.name),
		email: orNull(s.email),
		role: orNull(s.role),
		status: orNull(s.status),
		signedAt: orNull(s.signed_at),
	};
}

/**
 * A signing envelope: the envelope object (Create, Promote) or an entry of a case's envelope list (Get Many, the
 * trigger; `case_id` added from the request). A completed entry without `completed_at` completed at its last signature.
 */
export function simplifyEnvelope(e: IDataObject): IDataObject {
	const signers = list(e.signers) ?? [];
	const documents = list(e.documents);
	const completedAt = e.completed_at ?? (e.status === 'completed' ? iso(newest(...signers.map((s) => toMs(s.signed_at)))) : null);
	return {
		envelopeId: orNull(e.id),
		caseId: orNull(e.case_id),
		title: orNull(e.title),
		status: orNull(e.status),
		signers: signers.map(simplifySigner),
		documents: documents ? documents.map((d) => ({ documentId: orNull(d.document_id), fileName: orNull(d.filename) })) : null,
		createdAt: orNull(e.created_at),
		completedAt: orNull(completedAt),
	};
}

/** A trigger event: `event`, the envelope's simplified fields, and the signer for signer events. */
export function simplifyEvent(json: IDataObject): IDataObject {
	const envelope = { case_id: json.caseId, ...((json.envelope ?? {}) as IDataObject) };
	const out: IDataObject = { event: json.event, ...simplifyEnvelope(envelope) };
	if (json.signer) out.signer = simplifySigner(json.signer as IDataObject);
	return out;
}
