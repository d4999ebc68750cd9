/**
 * Finding a completed envelope's signed PDF. Optimaite's API shows no link from an envelope to its signed copy:
 * the documented envelope list has no documents and no signed document id. What the docs do say is that the signed
 * document is stored back in the case (https://www.optimaite.eu/en/docs/editor/signatures). So the signed copy is read
 * as a PDF the case gained when the envelope completed [G, OPTIMAITE_GUESSES `signed.match`]:
 * - an envelope completed at its last signer's `signed_at` (the copy cannot exist before it), or else at `completed_at`;
 * - a case document belongs to the completed envelope whose completion is the latest one at or before the document was
 *   created, if the document was created at most `afterMs` after it;
 * - documents an envelope signs (its `documents[].document_id`, when the answer carries them) are never signed copies;
 * - two envelopes completing within `settleMs` of each other are told apart by file name (a copy named after one of
 *   an envelope's original files), or not at all: then the caller says so instead of guessing.
 */
import type { IDataObject } from 'n8n-workflow';

import { newest, toMs } from '../../../shared/polling';
import { OPTIMAITE } from '../../transport';

export interface Completion {
	id: string;
	at: number;
	/** Ids and file-name stems of the documents the envelope signs, when the answer carries them. */
	sourceIds: string[];
	stems: string[];
}

export interface SignedMatch {
	documents: IDataObject[];
	/** Copies that may be this envelope's or another's (completed at nearly the same time, names do not tell). */
	ambiguous: Array<{ document: IDataObject; envelopeIds: string[] }>;
}

const stem = (name: unknown) =>
	String(name ?? '')
		.replace(/\.[^.]+$/, '')
		.trim()
		.toLowerCase();

/** When an envelope completed, or undefined when it has not (or the answer has no time for it). */
export function completedAt(envelope: IDataObject): number | undefined {
	if (envelope.status !== 'completed') return undefined;
	const signers = Array.isArray(envelope.signers) ? (envelope.signers as IDataObject[]) : [];
	return newest(...signers.map((s) => toMs(s.signed_at))) ?? toMs(envelope.completed_at);
}

export function completionOf(envelope: IDataObject): Completion | undefined {
	const at = completedAt(envelope);
	if (at === undefined) return undefined;
	const docs = Array.isArray(envelope.documents) ? (envelope.documents as IDataObject[]) : [];
	return {
		id: String(envelope.id),
		at,
		sourceIds: docs.map((d) => String(d.document_id ?? '')).filter(Boolean),
		stems: docs.map((d) => stem(d.filename)).filter(Boolean),
	};
}

const isPdf = (d: IDataObject) => String(d.mime_type ?? '').toLowerCase() === 'application/pdf' || /\.pdf$/i.test(String(d.filename ?? ''));

/** The signed copies of `target` among a case's documents, given every envelope of that case. */
export function matchSignedDocuments(target: Completion, envelopes: IDataObject[], documents: IDataObject[]): SignedMatch {
	const { afterMs, settleMs } = OPTIMAITE.signedDocumentWindow;
	const completions = envelopes.map(completionOf).filter((c): c is Completion => !!c);
	if (!completions.some((c) => c.id === target.id)) completions.push(target);
	const sources = new Set(completions.flatMap((c) => c.sourceIds));
	for (const e of envelopes) {
		for (const d of Array.isArray(e.documents) ? (e.documents as IDataObject[]) : []) if (d.document_id) sources.add(String(d.document_id));
	}
	const match: SignedMatch = { documents: [], ambiguous: [] };
	for (const document of documents) {
		const created = toMs(document.created_at);
		if (created === undefined || !isPdf(document) || sources.has(String(document.id))) continue;
		const eligible = completions.filter((c) => c.at <= created && created <= c.at + afterMs);
		if (!eligible.length) continue;
		const latest = Math.max(...eligible.map((c) => c.at));
		let owners = eligible.filter((c) => c.at >= latest - settleMs);
		if (owners.length > 1) {
			const name = stem(document.filename);
			const named = owners.filter((c) => c.stems.some((s) => name.startsWith(s)));
			if (named.length) owners = named;
		}
		if (!owners.some((c) => c.id === target.id)) continue;
		if (owners.length === 1) match.documents.push(document);
		else match.ambiguous.push({ document, envelopeIds: owners.map((c) => c.id) });
	}
	// When the envelope's own file names are known, a copy named after one of them beats any other PDF of the window.
	if (target.stems.length) {
		const named = match.documents.filter((d) => target.stems.some((s) => stem(d.filename).startsWith(s)));
		if (named.length) match.documents = named;
	}
	match.documents.sort((a, b) => (toMs(a.created_at) ?? 0) - (toMs(b.created_at) ?? 0));
	return match;
}
