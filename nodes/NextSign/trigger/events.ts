import type { IDataObject } from 'n8n-workflow';

import type { PollEvent } from '../../shared/polling';
import { toMs } from '../../shared/polling';
import { redact } from '../../shared/redact';

/** Event names as NextSign's own webhooks call them (docs.nextsign.dk/docs/webhooks). */
export const NEXTSIGN_EVENTS = {
	caseCreated: 'case_created',
	caseSigned: 'case_signed',
	caseDenied: 'case_denied',
	caseExpired: 'case.expiry.expired',
	recipientSigned: 'recipient_signed',
} as const;

export type EventChoice = keyof typeof NEXTSIGN_EVENTS;
export type EventName = (typeof NEXTSIGN_EVENTS)[EventChoice];

/** How a case ended, as the list filters (or, for expiry, `settings.availability.isExpired`) say. */
export type Ending = 'signed' | 'denied' | 'expired';

const ENDING_EVENT: Record<Ending, EventName> = { signed: NEXTSIGN_EVENTS.caseSigned, denied: NEXTSIGN_EVENTS.caseDenied, expired: NEXTSIGN_EVENTS.caseExpired };

export function caseSummary(c: IDataObject): IDataObject {
	return { caseId: String(c._id ?? c.id), title: c.title, folder: c.folder, createdAt: c.createdAt, updatedAt: c.updatedAt };
}

export function createdEvent(entry: IDataObject): PollEvent {
	const caseId = String(entry._id ?? entry.id);
	return { key: `${caseId}:created`, time: toMs(entry.createdAt), json: { event: NEXTSIGN_EVENTS.caseCreated, ...caseSummary(entry) } };
}

/** A case listed as signed / denied, or whose availability expired; `details` (the whole case) when it was read. */
export function endingEvent(entry: IDataObject, ending: Ending, details?: IDataObject): PollEvent {
	const caseId = String(entry._id ?? entry.id);
	const json: IDataObject = { event: ENDING_EVENT[ending], ...caseSummary(details ?? entry), status: ending };
	if (details) json.case = redact(details);
	return { key: `${caseId}:${ending}`, time: toMs((details ?? entry).updatedAt), json };
}

/**
 * One event per recipient who has signed (key: case + recipient, so each fires once). `signed` is documented only
 * as "pending"; a signing recipient no longer pending has signed — except in a denied case, where the one who
 * refused is not pending either, so only the value "signed" counts there [G recipient.signed].
 */
export function recipientEvents(c: IDataObject, ending: Ending | 'pending'): PollEvent[] {
	const caseId = String(c._id ?? c.id);
	const recipients = Array.isArray(c.recipients) ? (c.recipients as IDataObject[]) : [];
	const out: PollEvent[] = [];
	recipients.forEach((r, index) => {
		if (r.signing === false) return;
		const signed = ending === 'signed' || (ending === 'denied' || ending === 'expired' ? r.signed === 'signed' : typeof r.signed === 'string' && r.signed !== 'pending');
		if (!signed) return;
		const who = String(r._id ?? r.uid ?? r.email ?? index);
		const safe = redact({ recipient: r, case: c });
		out.push({
			key: `${caseId}:recipient:${who}:signed`,
			time: toMs(c.updatedAt),
			json: { event: NEXTSIGN_EVENTS.recipientSigned, ...caseSummary(c), recipient: safe.recipient, case: safe.case },
		});
	});
	return out;
}
