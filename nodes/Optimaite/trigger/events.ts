import type { IDataObject } from 'n8n-workflow';

import type { PollEvent } from '../../shared/polling';
import { newest, toMs } from '../../shared/polling';

export const OPTIMAITE_EVENTS = {
	completed: 'envelope.completed',
	declined: 'envelope.declined',
	expired: 'envelope.expired',
	signerSigned: 'signer.signed',
	statusChanged: 'envelope.status_changed',
} as const;

export type EventChoice = keyof typeof OPTIMAITE_EVENTS;

/**
 * Every fact about an envelope that can fire once: its status, and each signer who signed. The documented list
 * entries carry only id, title, status and signers (name, status, signed_at); ids, emails and other times are used
 * when an answer has them.
 */
export interface EnvelopeEvent extends PollEvent {
	/** When the fact itself happened, when the answer says so (a signature, a completion); undefined otherwise. */
	at?: number;
}

export function envelopeEvents(envelope: IDataObject, caseId: string): EnvelopeEvent[] {
	const id = String(envelope.id);
	const status = String(envelope.status);
	const signers = Array.isArray(envelope.signers) ? (envelope.signers as IDataObject[]) : [];
	const signedTimes = signers.map((s) => toMs(s.signed_at));
	// A completed envelope completed at its last signature when the answer has no completed_at.
	const completedAt = status === 'completed' ? (toMs(envelope.completed_at) ?? newest(...signedTimes)) : undefined;
	// For ordering only: the newest time the entry shows.
	const statusTime = newest(completedAt, ...signedTimes, toMs(envelope.updated_at), toMs(envelope.created_at));
	const base = { envelopeId: id, caseId, status, title: envelope.title, envelope };
	// Signer events come before the envelope's status event they led to (same time, stable sort).
	const events: EnvelopeEvent[] = [];
	signers.forEach((signer, index) => {
		if (signer.status !== 'signed') return;
		const who = String(signer.id ?? signer.email ?? `${index}:${String(signer.name ?? '')}`);
		events.push({
			key: `${id}:signer:${who}:signed`,
			time: toMs(signer.signed_at),
			at: toMs(signer.signed_at),
			json: { event: OPTIMAITE_EVENTS.signerSigned, ...base, signer },
		});
	});
	events.push({ key: `${id}:status:${status}`, time: statusTime, at: completedAt, json: { event: `envelope.${status}`, ...base } });
	return events;
}

/** The user's event choice as a filter over events. */
export function wanted(choices: EventChoice[]) {
	return (event: PollEvent) => {
		const name = String(event.json.event);
		if (name === OPTIMAITE_EVENTS.signerSigned) return choices.includes('signerSigned');
		if (choices.includes('statusChanged')) return true;
		return choices.some((c) => OPTIMAITE_EVENTS[c] === name);
	};
}
