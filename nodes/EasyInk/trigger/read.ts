/**
 * What one EasyInk Trigger poll reads, and how it stays cheap. EasyInk's search has no "changed since" filter, sorts
 * by creation, and has no filter for Pending (a session sent that nobody signed yet) — so the trigger cannot ask
 * "what started": it accounts for every session instead. Each session is, at any time, in exactly one place:
 * - not started (Draft, ReadyToStart): the `ns` ids, read back through the Draft + ReadyToStart filter;
 * - running (Pending, InProgress): the `run` ids;
 * - ended (Finished, Declined, Voided, Expired): only counted (`finals`), plus the recent ones (`top`).
 * So `total of all sessions − |ns| − |run| − finals` is how many sessions the trigger has never seen (they are at
 * the top of the newest-first list), and `total of the ended filter − finals` is how many running sessions ended
 * (read newest first until that many are found). A poll with nothing new is two requests.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PollEvent } from '../../shared/polling';
import { toMs } from '../../shared/polling';
import { getSession } from '../actions/session/get.operation';
import { simpleParticipant } from '../actions/simplify';
import { searchPage } from '../actions/session/search.operation';
import type { EasyInkClient } from '../transport';
import type { Ids, TriggerMemory } from './state';
import { emptyMemory } from './state';

export const EASYINK_EVENTS = {
	started: 'session.started',
	participantSigned: 'participant.signed',
	sessionFinished: 'session.finished',
	declined: 'session.declined',
	voided: 'session.voided',
	expired: 'session.expired',
} as const;
export type EventChoice = keyof typeof EASYINK_EVENTS;

const FINAL: Record<string, string> = {
	Finished: EASYINK_EVENTS.sessionFinished,
	Declined: EASYINK_EVENTS.declined,
	Voided: EASYINK_EVENTS.voided,
	Expired: EASYINK_EVENTS.expired,
};
const RUNNING = new Set(['Pending', 'InProgress']);
const NOT_STARTED = ['Draft', 'ReadyToStart'];
const ENDED_FILTER = Object.keys(FINAL);
const PAGE_SIZE = 100;
/** Ended sessions created this long before the newest one stay known by id (the list may show them above new ones). */
export const LOOKBACK_MS = 5 * 60_000;
/** How far ahead of n8n's clock a creation time may move the mark (a future-dated session cannot freeze it). */
const TOLERANCE_MS = 60_000;
/** Every session is read again at least this often: a reconciliation for what the counts cannot see. */
export const FULL_READ_EVERY_MS = 24 * 3600_000;

export interface ReadOptions {
	client: EasyInkClient;
	/** The saved memory, or undefined: read everything and fire nothing (baseline). */
	memory: TriggerMemory | undefined;
	now: number;
	watchSigners: boolean;
	includeDetails: boolean;
	simplify: boolean;
	/** The events the user chose (details are read only for these). */
	emit: (event: PollEvent) => boolean;
}

/** The same participant fields as Signing Session → Get with Simplify. */
const simplifyParticipant = simpleParticipant;

function eventJson(event: string, item: IDataObject, detail: IDataObject | undefined, simplify: boolean, participant?: IDataObject): IDataObject {
	const id = String(item.id ?? item.signingSessionId);
	if (!simplify) return { event, signingSessionId: id, ...(participant ? { participant } : {}), session: detail ?? item, searchItem: item };
	const participants = (detail?.participants as IDataObject[] | null) ?? undefined;
	const signed = (detail?.signedDocuments as IDataObject[] | null) ?? undefined;
	const allInOne = detail?.allInOneDocument as IDataObject | null | undefined;
	return {
		event,
		signingSessionId: id,
		subject: item.subject ?? detail?.subject,
		status: detail?.status ?? item.status,
		...(item.created !== undefined ? { created: item.created } : {}),
		...(participant ? { participant: simplifyParticipant(participant) } : {}),
		...(participants ? { participants: participants.map(simplifyParticipant) } : {}),
		...(signed ? { signedDocumentIds: signed.map((d) => d.signedDocumentId).filter(Boolean) } : {}),
		...(allInOne ? { allInOneDocumentStatus: allInOne.status } : {}),
	};
}

/** The participants who signed, as events (needs the session's details). */
function signerEvents(item: IDataObject, detail: IDataObject, simplify: boolean): PollEvent[] {
	const id = String(item.id);
	return ((detail.participants as IDataObject[] | null) ?? [])
		.filter((p) => p.status === 'Signed')
		.map((p) => ({
			key: `${id}:participant:${String(p.participantId ?? p.id ?? p.email)}:signed`,
			time: toMs(p.signedAt) ?? toMs(item.created),
			json: eventJson(EASYINK_EVENTS.participantSigned, item, detail, simplify, p),
		}));
}

const newestFirst = (statuses: string[]) => ({ statuses, sortBy: 'created', descending: true });

/**
 * Reads a list newest first, page by page, until `enough()` says so. Sessions that join the list while it is read
 * push the others down (a page may repeat some: dropped by id); a list that got shorter between two pages may have
 * moved one past us, so the read starts again from page 0 (twice at most).
 */
async function readList(client: EasyInkClient, statuses: string[], onItem: (item: IDataObject) => void, enough: (total: number) => boolean): Promise<{ total: number; complete: boolean }> {
	const seen = new Set<string>();
	for (let restart = 0; ; restart++) {
		let first: number | undefined;
		let previous: number | undefined;
		let shrunk = false;
		for (let index = 0; ; index++) {
			const page = await searchPage(client, newestFirst(statuses), index, PAGE_SIZE);
			first ??= page.totalItemsCount;
			if (previous !== undefined && page.totalItemsCount < previous && restart < 2) {
				shrunk = true;
				break;
			}
			previous = page.totalItemsCount;
			for (const item of page.items) {
				const id = String(item.id);
				if (!item.id || seen.has(id)) continue;
				seen.add(id);
				onItem(item);
			}
			const last = page.items.length === 0 || index + 1 >= page.pagesCount;
			if (last) return { total: first, complete: true };
			if (enough(first)) return { total: first, complete: false };
		}
		if (!shrunk) break;
	}
	return { total: 0, complete: false };
}

/** One poll. Returns the events found and the memory to save once everything was read (an error saves nothing). */
export async function readChanges(o: ReadOptions): Promise<{ events: PollEvent[]; newestTime?: number; memory: TriggerMemory }> {
	const baseline = o.memory === undefined;
	const full = baseline || o.now - o.memory!.fullAt >= FULL_READ_EVERY_MS;
	const m: TriggerMemory = o.memory ? { ...o.memory, ns: { ...o.memory.ns }, run: { ...o.memory.run }, top: { ...o.memory.top } } : emptyMemory();
	const cutoff = m.mark - LOOKBACK_MS;
	const events: PollEvent[] = [];
	const details = new Map<string, IDataObject>();
	const handled = new Set<string>();
	const endedNow: IDataObject[] = [];
	let newest: number | undefined;

	const createdOf = (item: IDataObject, fallback?: number) => toMs(item.created) ?? fallback ?? 0;
	const detailOf = async (id: string) => {
		if (!details.has(id)) details.set(id, await getSession(o.client, id));
		return details.get(id)!;
	};
	const see = (item: IDataObject) => {
		const t = toMs(item.created);
		if (t !== undefined) newest = Math.max(newest ?? t, t);
	};

	/** Records what a session's status says, firing what is news. `known`: where the session was before. */
	const handle = async (item: IDataObject, known: 'ns' | 'run' | undefined) => {
		const id = String(item.id);
		if (handled.has(id)) return;
		handled.add(id);
		const status = String(item.status);
		const created = createdOf(item, m.ns[id] ?? m.run[id]);
		const news: PollEvent[] = [];
		if (!baseline && known !== 'run' && (RUNNING.has(status) || FINAL[status]))
			news.push({ key: `${id}:started`, time: created, json: {} });
		if (!baseline && FINAL[status]) news.push({ key: `${id}:status:${status}`, time: created, json: {} });
		delete m.ns[id];
		delete m.run[id];
		if (FINAL[status]) {
			m.finals += 1;
			if (created >= cutoff) m.top[id] = created;
			endedNow.push(item);
		} else if (RUNNING.has(status)) m.run[id] = created;
		else m.ns[id] = created;
		if (!news.length) return;
		const detail = o.includeDetails && news.some((e) => o.emit({ ...e, json: { event: e.key.endsWith(':started') ? EASYINK_EVENTS.started : FINAL[status] } })) ? await detailOf(id) : undefined;
		for (const e of news) e.json = eventJson(e.key.endsWith(':started') ? EASYINK_EVENTS.started : FINAL[status], item, detail, o.simplify);
		events.push(...news);
	};

	if (full) {
		const all: IDataObject[] = [];
		await readList(o.client, [], (item) => all.push(item), () => false);
		const before = o.memory;
		const fresh = emptyMemory();
		Object.assign(m, { ns: fresh.ns, run: fresh.run, top: fresh.top, finals: 0 });
		for (const item of all) {
			see(item);
			const id = String(item.id);
			const status = String(item.status);
			const known = before?.ns[id] !== undefined ? 'ns' : before?.run[id] !== undefined ? 'run' : before?.top[id] !== undefined ? 'top' : undefined;
			// Daily reconciliation: news only for what changed since the memory; an unknown ended session created before
			// the window is history (its id was pruned), an unknown running one was missed and fires now.
			const isNews = !baseline && (known === 'ns' || (known === 'run' && FINAL[status]) || (known === undefined && (!FINAL[status] || createdOf(item) >= cutoff)));
			if (isNews) await handle(item, known === 'ns' || known === 'run' ? known : undefined);
			else {
				handled.add(id);
				const created = createdOf(item);
				if (FINAL[status]) {
					m.finals += 1;
					if (created >= cutoff) m.top[id] = created;
				} else if (RUNNING.has(status)) m.run[id] = created;
				else m.ns[id] = created;
			}
		}
		m.fullAt = o.now;
	} else {
		// 1. Drafts the memory knows: those no longer in the not-started list were started (or deleted).
		if (Object.keys(m.ns).length) {
			const stillDrafts: Ids = {};
			await readList(o.client, NOT_STARTED, (item) => (see(item), (stillDrafts[String(item.id)] = createdOf(item))), () => false);
			const left = Object.keys(m.ns).filter((id) => stillDrafts[id] === undefined);
			const leftCreated = { ...m.ns };
			m.ns = stillDrafts;
			for (const id of left) {
				let detail: IDataObject | undefined;
				let failure: unknown;
				try {
					detail = await detailOf(id);
				} catch (error) {
					failure = error;
				}
				if ((failure as { httpCode?: string } | undefined)?.httpCode === '404') continue; // a deleted draft
				if (!detail) throw failure;
				const item: IDataObject = { id, subject: detail.subject, status: detail.status, created: new Date(leftCreated[id]).toISOString() };
				if (NOT_STARTED.includes(String(detail.status))) m.ns[id] = leftCreated[id];
				else await handle(item, 'ns');
			}
		}
		// 2. Sessions never seen: at the top of the newest-first list of all sessions. The first page's total says how
		// many there are; reading stops once that many were found.
		const queue: Array<[IDataObject, 'ns' | 'run' | undefined]> = [];
		let foundUnseen = 0;
		const known = Object.keys(m.ns).length + Object.keys(m.run).length + m.finals;
		await readList(
			o.client,
			[],
			(item) => {
				see(item);
				const id = String(item.id);
				if (handled.has(id)) return;
				const status = String(item.status);
				if (m.ns[id] !== undefined) {
					if (!NOT_STARTED.includes(status)) queue.push([item, 'ns']); // started since step 1
				} else if (m.run[id] !== undefined) {
					if (FINAL[status]) queue.push([item, 'run']);
				} else if (m.top[id] === undefined && !(FINAL[status] && createdOf(item) < cutoff)) {
					// Not known, and not an ended session from before the window (whose id was pruned): new.
					foundUnseen += 1;
					queue.push([item, undefined]);
				}
			},
			(total) => foundUnseen >= total - known,
		);
		for (const [item, where] of queue) await handle(item, where);
		// 3. Running sessions that ended: the ended list, newest first, until as many as its total says are found.
		// (A session created and ended after step 2 read the list of all sessions is found here too.)
		const ended: Array<[IDataObject, 'ns' | 'run' | undefined]> = [];
		const r = await readList(
			o.client,
			ENDED_FILTER,
			(item) => {
				see(item);
				const id = String(item.id);
				if (handled.has(id) || m.top[id] !== undefined) return;
				if (m.run[id] !== undefined) ended.push([item, 'run']);
				else if (m.ns[id] !== undefined) ended.push([item, 'ns']);
				else if (createdOf(item) >= cutoff) ended.push([item, undefined]);
			},
			(total) => ended.length >= total - m.finals,
		);
		for (const [item, where] of ended) await handle(item, where);
		// The whole ended list was read: every session in it is accounted for, so the count is exact again.
		if (r.complete) m.finals = r.total;
	}

	// Participant Signed: a signature that does not end a session changes nothing the search shows. On a baseline the
	// signatures found are returned too, so that pollEvents remembers them (a signature from before activation, or from
	// before the event was chosen, never fires later).
	if (o.watchSigners) {
		for (const id of Object.keys(m.run)) {
			const detail = await detailOf(id);
			events.push(...signerEvents({ id, subject: detail.subject, status: detail.status, created: new Date(m.run[id]).toISOString() }, detail, o.simplify));
		}
		for (const item of endedNow) events.push(...signerEvents(item, await detailOf(String(item.id)), o.simplify));
	}

	// The mark moves to the newest creation time seen (never beyond n8n's clock plus a tolerance); ended sessions
	// older than the window are forgotten by id.
	if (newest !== undefined) m.mark = Math.max(m.mark, Math.min(newest, o.now + TOLERANCE_MS));
	const keepFrom = m.mark - LOOKBACK_MS;
	for (const [id, created] of Object.entries(m.top)) if (created < keepFrom) delete m.top[id];
	// On a baseline only signatures are in `events` (status changes are news only against a memory).
	return { events, newestTime: newest, memory: m };
}
