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
/** Search filters [C]. `InProgress` also matches Pending sessions (sent, nobody has signed yet). */
const LISTS = {
	/** Every started session: a session enters this list once, when it is started, and never leaves it. */
	started: ['InProgress', 'Finished', 'Declined', 'Voided', 'Expired'],
	/** Every session in a final status: a session enters it once, when it ends, and never leaves it. */
	final: ['Finished', 'Declined', 'Voided', 'Expired'],
	/** Sessions whose participants may still sign. */
	active: ['InProgress'],
};
/** Saved status of each started session, one letter each (the saved state stays small). */
const CODE: Record<string, string> = { Pending: 'P', InProgress: 'I', Finished: 'F', Declined: 'D', Voided: 'V', Expired: 'E' };
const FINAL_EVENTS: EventChoice[] = ['sessionFinished', 'declined', 'voided', 'expired'];
const FINAL_CODES = new Set(['F', 'D', 'V', 'E']);
const PAGE_SIZE = 100;
/** A full read of the started sessions at least this often (n8n clock) reconciles anything the counts could hide. */
const FULL_READ_EVERY_MS = 24 * 3600_000;

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

const newestFirst = (statuses: string[]) => ({ statuses, sortBy: 'created', descending: true });

/**
 * Reads a whole list, newest first. Sessions that enter the list while it is read push the others down a
 * page, so a page may repeat items (dropped by id) but none is skipped (started sessions are never removed).
 */
async function readAll(client: EasyInkClient, statuses: string[]): Promise<IDataObject[]> {
	const byId = new Map<string, IDataObject>();
	for (let index = 0; ; index++) {
		const page = await searchPage(client, newestFirst(statuses), index, PAGE_SIZE);
		for (const item of page.items) if (item.id && !byId.has(String(item.id))) byId.set(String(item.id), item);
		if (page.items.length === 0 || index + 1 >= page.pagesCount) break;
	}
	return [...byId.values()];
}

/**
 * Finds the members of a list that the saved state does not know yet. Members only ever join these lists, so
 * `totalItemsCount − known` is exactly how many unknown members there are: the first page (one request) says
 * whether anything is new, and reading stops at the page where the last unknown member was found. A list that
 * got shorter than what is known (EasyInk removed a session) is reported so that the caller reads everything.
 */
async function readUnknown(
	client: EasyInkClient,
	statuses: string[],
	isKnown: (id: string) => boolean,
	knownCount: number,
): Promise<{ items: IDataObject[]; shrunk: boolean }> {
	const found = new Map<string, IDataObject>();
	for (let index = 0; ; index++) {
		const page = await searchPage(client, newestFirst(statuses), index, PAGE_SIZE);
		if (page.totalItemsCount < knownCount) return { items: [], shrunk: true };
		for (const item of page.items) if (item.id && !isKnown(String(item.id))) found.set(String(item.id), item);
		if (found.size >= page.totalItemsCount - knownCount) break;
		if (page.items.length === 0 || index + 1 >= page.pagesCount) break;
	}
	return { items: [...found.values()], shrunk: false };
}

/** "Fetch Test Event": the newest started sessions, three of them read in detail; changes nothing. */
async function sample(client: EasyInkClient, simplify: boolean) {
	const items = (await searchPage(client, newestFirst(LISTS.started), 0, 10)).items;
	const found: PollEvent[] = [];
	for (const [i, item] of items.entries()) found.push(...sessionEvents(item, i < 3 ? await getSession(client, String(item.id)) : undefined, simplify));
	const times = found.map((e) => e.time).filter((t): t is number => typeof t === 'number');
	return { events: found, newestTime: times.length ? Math.max(...times) : undefined };
}

interface TriggerState {
	initialized?: boolean;
	seen?: Record<string, number>;
	/** Status letter (CODE) of every started session read so far, by id. */
	sessions?: Record<string, string>;
	/** Which lists the saved state follows: "S" started, "F" final. */
	lists?: string;
	/** When the started sessions were last read in full (n8n clock, ms). */
	fullReadAt?: number;
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
				displayName: 'Include Session Details',
				name: 'includeDetails',
				type: 'boolean',
				default: true,
				description:
					'Whether to read each session that fires (participants, signed document IDs) with one more request per event. Off, events carry the search result only (ID, subject, status, created).',
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
		const includeDetails = this.getNodeParameter('includeDetails', true) as boolean;
		const client = await easyInkClient(this);
		const state = this.getWorkflowStaticData('node') as TriggerState;
		const emit = wanted(events);
		const wantStarted = events.includes('started');
		const wantFinal = events.some((e) => FINAL_EVENTS.includes(e));
		// A session's last signature also ends it, so signer events follow the final list too.
		const lists = `${wantStarted ? 'S' : ''}${wantFinal || watchSigners ? 'F' : ''}`;

		return await pollEvents(this, {
			emit,
			// EasyInk's search has no "changed since" filter and sorts by creation only, but sessions only ever
			// join the started and final lists: comparing each list's total with the saved statuses says in one
			// request whether anything is new, and which pages to read to find it (see readUnknown).
			fetch: async (_since, { manual }) => {
				if (manual) return await sample(client, simplify);
				const saved = state.sessions;
				const now = Date.now();
				const prev = state.lists ?? '';
				// baseline: first activation (fires nothing); upgrade: state saved by an earlier version (no statuses);
				// full: daily reconciliation, a list got shorter, or other events chosen; unknown: the usual cheap poll.
				let mode: 'baseline' | 'upgrade' | 'full' | 'unknown' =
					state.initialized !== true ? 'baseline' : !saved ? 'upgrade' : prev !== lists || now - (state.fullReadAt ?? 0) >= FULL_READ_EVERY_MS ? 'full' : 'unknown';
				let next: Record<string, string> = { ...saved };
				/** Sessions whose status is news, with the status saved before (undefined: not known). */
				const changed = new Map<string, { item: IDataObject; before?: string }>();
				let all: IDataObject[] | undefined;

				if (mode === 'unknown') {
					const known = saved ?? {};
					const unknown: IDataObject[] = [];
					for (const list of lists) {
						const statuses = list === 'S' ? LISTS.started : LISTS.final;
						const isKnown = list === 'S' ? (id: string) => id in known : (id: string) => FINAL_CODES.has(known[id]);
						const knownCount = list === 'S' ? Object.keys(known).length : Object.values(known).filter((c) => FINAL_CODES.has(c)).length;
						const r = await readUnknown(client, statuses, isKnown, knownCount);
						if (r.shrunk) {
							mode = 'full';
							break;
						}
						unknown.push(...r.items);
					}
					if (mode === 'unknown') for (const item of unknown) changed.set(String(item.id), { item, before: known[String(item.id)] });
				}
				if (mode !== 'unknown') {
					all = await readAll(client, LISTS.started);
					next = {};
					for (const item of all) {
						const id = String(item.id);
						const code = CODE[String(item.status)];
						if (!code) continue;
						next[id] = code;
						if (mode === 'full' && (saved?.[id] === undefined || (FINAL_CODES.has(code) && !FINAL_CODES.has(saved[id]))))
							changed.set(id, { item, before: saved?.[id] });
						// Saved by an earlier version (no statuses kept): what it already fired is in `seen`.
						if (mode === 'upgrade' && sessionEvents(item, undefined, simplify).some((e) => !(e.key in (state.seen ?? {}))))
							changed.set(id, { item });
					}
				}

				const found: PollEvent[] = [];
				const details = new Map<string, IDataObject>();
				const detailOf = async (id: string) => {
					if (!details.has(id)) details.set(id, await getSession(client, id));
					return details.get(id)!;
				};
				for (const [id, { item, before }] of changed) {
					const status = String(item.status);
					const code = CODE[status];
					if (code) next[id] = code;
					// After other events were chosen, only what the previous choice followed can be news (no history).
					const isStart = before === undefined && (mode !== 'full' || prev.includes('S'));
					const isEnd = FINAL_CODES.has(code) && !(before !== undefined && FINAL_CODES.has(before)) && (mode !== 'full' || prev.includes('F'));
					const candidates = sessionEvents(item, undefined, simplify).filter((e) => (e.key.endsWith(':started') ? isStart : isEnd));
					if (!candidates.length) continue;
					const detail = watchSigners || (includeDetails && candidates.some(emit)) ? await detailOf(id) : undefined;
					found.push(...sessionEvents(item, detail, simplify).filter((e) => (e.key.endsWith(':started') ? isStart : e.key.includes(':status:') ? isEnd : watchSigners)));
				}
				if (watchSigners) {
					// A signature that does not end the session changes nothing the search shows: read each running session.
					const running = all ? all.filter((i) => ACTIVE.has(String(i.status))) : await readAll(client, LISTS.active);
					for (const item of running) {
						const id = String(item.id);
						if (changed.has(id)) continue;
						found.push(...sessionEvents(item, await detailOf(id), simplify).filter((e) => e.key.includes(':participant:')));
					}
				}

				// Saved only once everything was read (an error above keeps the previous state).
				state.sessions = next;
				state.lists = lists;
				if (mode !== 'unknown') state.fullReadAt = now;
				const times = found.map((e) => e.time).filter((t): t is number => typeof t === 'number');
				return { events: found, newestTime: times.length ? Math.max(...times) : undefined };
			},
		});
	}
}
