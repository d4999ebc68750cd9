import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { PollEvent } from '../shared/polling';
import { pollEvents, toMs } from '../shared/polling';
import { getSession } from './actions/session/get.operation';
import { searchPage } from './actions/session/search.operation';
import type { EasyInkClient } from './transport';
import { easyInkClient } from './transport';

export const EASYINK_EVENTS = {
	started: 'session.started',
	participantSigned: 'participant.signed',
	sessionFinished: 'session.finished',
	declined: 'session.declined',
	voided: 'session.voided',
	expired: 'session.expired',
} as const;

export type EventChoice = keyof typeof EASYINK_EVENTS;

/** Session statuses that mean the session was started (invitations sent). */
const STARTED = new Set(['Pending', 'InProgress', 'Finished', 'Declined', 'Voided', 'Expired']);
/** Sessions whose participants may still sign. */
const ACTIVE = new Set(['Pending', 'InProgress']);
/** Final statuses and the event each one fires. */
const FINAL: Record<string, string> = {
	Finished: EASYINK_EVENTS.sessionFinished,
	Declined: EASYINK_EVENTS.declined,
	Voided: EASYINK_EVENTS.voided,
	Expired: EASYINK_EVENTS.expired,
};
/** What the trigger searches for: every started session (search statuses [C]). */
const SEARCH_STATUSES = ['InProgress', 'Finished', 'Declined', 'Voided', 'Expired'];
const PAGE_SIZE = 100;
/** Safety stop: at most this many search pages per poll (10,000 sessions). */
const MAX_PAGES = 100;

function simplifyParticipant(p: IDataObject): IDataObject {
	return {
		participantId: p.participantId ?? p.id,
		firstName: p.firstName,
		lastName: p.lastName,
		email: p.email,
		role: p.role,
		status: p.status,
		signedAt: p.signedAt,
	};
}

function eventJson(event: string, item: IDataObject, detail: IDataObject | undefined, simplify: boolean, participant?: IDataObject): IDataObject {
	const id = String(item.id ?? item.signingSessionId);
	if (!simplify) {
		return { event, signingSessionId: id, ...(participant ? { participant } : {}), session: detail ?? item, searchItem: item };
	}
	const participants = (detail?.participants as IDataObject[] | null) ?? undefined;
	const signed = (detail?.signedDocuments as IDataObject[] | null) ?? undefined;
	const allInOne = detail?.allInOneDocument as IDataObject | null | undefined;
	return {
		event,
		signingSessionId: id,
		subject: item.subject ?? detail?.subject,
		status: detail?.status ?? item.status,
		created: item.created,
		...(participant ? { participant: simplifyParticipant(participant) } : {}),
		...(participants ? { participants: participants.map(simplifyParticipant) } : {}),
		...(signed ? { signedDocumentIds: signed.map((d) => d.signedDocumentId).filter(Boolean) } : {}),
		...(allInOne ? { allInOneDocumentStatus: allInOne.status } : {}),
	};
}

/**
 * Every fact about one session that can fire once: it started, it reached a final status, and each
 * participant who signed (only when the session's details were read).
 */
export function sessionEvents(item: IDataObject, detail: IDataObject | undefined, simplify: boolean): PollEvent[] {
	const id = String(item.id);
	const status = String(detail?.status ?? item.status);
	const created = toMs(item.created);
	const events: PollEvent[] = [];
	if (STARTED.has(status)) {
		events.push({ key: `${id}:started`, time: created, json: eventJson(EASYINK_EVENTS.started, item, detail, simplify) });
	}
	if (FINAL[status]) {
		const participants = (detail?.participants as IDataObject[] | null) ?? [];
		const finishedAt = Math.max(created ?? 0, ...participants.map((p) => toMs(p.signedAt) ?? 0));
		events.push({ key: `${id}:status:${status}`, time: finishedAt || created, json: eventJson(FINAL[status], item, detail, simplify) });
	}
	for (const participant of (detail?.participants as IDataObject[] | null) ?? []) {
		if (participant.status !== 'Signed') continue;
		const who = String(participant.participantId ?? participant.id ?? participant.email);
		events.push({
			key: `${id}:participant:${who}:signed`,
			time: toMs(participant.signedAt) ?? created,
			json: eventJson(EASYINK_EVENTS.participantSigned, item, detail, simplify, participant),
		});
	}
	return events;
}

function wanted(choices: EventChoice[]) {
	const names = new Set(choices.map((c) => EASYINK_EVENTS[c]));
	return (event: PollEvent) => names.has(String(event.json.event) as (typeof EASYINK_EVENTS)[EventChoice]);
}

/** Reads every started session, page by page (duplicates across a page boundary are dropped). */
async function allStartedSessions(client: EasyInkClient, pageSize: number, maxPages: number): Promise<IDataObject[]> {
	const byId = new Map<string, IDataObject>();
	for (let index = 0; index < maxPages; index++) {
		const page = await searchPage(client, { statuses: SEARCH_STATUSES, sortBy: 'created', descending: true }, index, pageSize);
		for (const item of page.items) if (item.id && !byId.has(String(item.id))) byId.set(String(item.id), item);
		if (page.items.length === 0 || index + 1 >= page.pagesCount) break;
	}
	return [...byId.values()];
}

export class EasyInkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'EasyInk Trigger',
		name: 'easyInkTrigger',
		icon: { light: 'file:../../icons/easyink.svg', dark: 'file:../../icons/easyink.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when EasyInk signing sessions start, are signed, finish, are declined, voided or expire',
		defaults: { name: 'EasyInk Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'easyInkOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Participant Signed', value: 'participantSigned', description: 'A participant signed (once per participant); reads each session in progress on every poll' },
					{ name: 'Session Declined', value: 'declined', description: 'A participant declined to sign' },
					{ name: 'Session Expired', value: 'expired', description: 'The signing deadline passed' },
					{ name: 'Session Finished', value: 'sessionFinished', description: 'Everyone has signed' },
					{ name: 'Session Started', value: 'started', description: 'Invitations were sent' },
					{ name: 'Session Voided', value: 'voided', description: 'The session was cancelled' },
				],
				default: ['sessionFinished'],
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to return a simplified version of the response instead of the raw data',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as EventChoice[];
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event in "Events"');
		const watchSigners = events.includes('participantSigned');
		const client = await easyInkClient(this);
		const state = this.getWorkflowStaticData('node') as { initialized?: boolean; seen?: Record<string, number> };

		return await pollEvents(this, {
			emit: wanted(events),
			// EasyInk's search has no "changed since" filter: each poll reads the started sessions (newest first)
			// and, only where something may have changed, the session's details.
			fetch: async (_since, { manual }) => {
				const items = manual
					? (await searchPage(client, { statuses: SEARCH_STATUSES, sortBy: 'created', descending: true }, 0, 10)).items
					: await allStartedSessions(client, PAGE_SIZE, MAX_PAGES);
				const seen = state.seen ?? {};
				const firstRun = state.initialized !== true;
				const found: PollEvent[] = [];
				let detailsRead = 0;
				for (const item of items) {
					const id = String(item.id);
					const status = String(item.status);
					const isNew = !(`${id}:started` in seen) || (FINAL[status] !== undefined && !(`${id}:status:${status}` in seen));
					let detail: IDataObject | undefined;
					if (manual) {
						if (detailsRead < 3) detail = await getSession(client, id);
						detailsRead++;
					} else if ((watchSigners && ACTIVE.has(status)) || (!firstRun && isNew)) {
						detail = await getSession(client, id);
					}
					found.push(...sessionEvents(item, detail, simplify));
				}
				const times = found.map((e) => e.time).filter((t): t is number => typeof t === 'number');
				return { events: found, newestTime: times.length ? Math.max(...times) : undefined };
			},
		});
	}
}
