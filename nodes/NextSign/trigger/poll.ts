/**
 * What one NextSign Trigger poll reads. NextSign documents `cases/get` with `status=signed|denied|pending`, `folder`,
 * `limit` and a zero-based `index` (docs/cases) — no "changed since" filter, no sort, no total, and not its order.
 * So a case's ending is told by the list it is in (signed / denied), by `settings.availability.isExpired` (expired)
 * or by `reminders.allSigned` (signed), never by `state`, whose values beyond "open" are undocumented.
 *
 * Two ways to find what changed, chosen from the answers themselves:
 * - **update order** (a page was seen sorted by `updatedAt` but not by `createdAt`): every change comes first, so a
 *   poll reads the company's list from the top until it reaches what it has seen — one request when nothing
 *   changed — then the signed and denied lists' tops, and the changed cases' details where needed;
 * - **otherwise** (creation order, or cannot tell): the open (pending) cases are read in full each poll (one request
 *   per 100 open cases); a case that left the list, or changed, is read in detail and its ending looked up.
 * Every page read is checked against the order relied on; a page out of that order falls back to the full read
 * in the same poll, so nothing depends on the guess but the cost.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PollEvent, PollFetchResult, PollMode } from '../../shared/polling';
import { newest, toMs } from '../../shared/polling';
import type { NextSignClient } from '../transport';
import type { Ending, EventName } from './events';
import { createdEvent, endingEvent, NEXTSIGN_EVENTS, recipientEvents } from './events';
import type { Listed, ListStatus } from './lists';
import { casesById, findListed, inOrder, OrderEvidence, readWhile } from './lists';
import type { TriggerState } from './state';

export interface PollContext {
	client: NextSignClient;
	folder?: string;
	wanted: Set<EventName>;
	state: TriggerState;
	/** Status events found by this poll are remembered, not fired (first activation, changed scope, own state lost). */
	quiet: boolean;
	/** n8n's clock (ms). */
	now: number;
	/** Requests made (for the README's cost figures and the tests). */
	log?: (line: string) => void;
}

/** After its expiration date, a case not yet flagged expired is checked each poll for at most a day. */
const EXPIRY_GRACE_MS = 24 * 3600_000;
/**
 * Update-order polls read the open cases in full once a day all the same: that drops cases deleted while open (which
 * never show up as changed) and checks once more that nothing was missed.
 */
const FULL_READ_EVERY_MS = 24 * 3600_000;

export async function pollCases(ctx: PollContext, since: number, mode: PollMode): Promise<PollFetchResult> {
	const { wanted, state } = ctx;
	const evidence = new OrderEvidence();
	const needStatus = [NEXTSIGN_EVENTS.caseSigned, NEXTSIGN_EVENTS.caseDenied, NEXTSIGN_EVENTS.recipientSigned, NEXTSIGN_EVENTS.caseExpired].some((e) => wanted.has(e));
	const cheap = !mode.baseline && state.order === 'updatedAt' && state.fullAt !== undefined && ctx.now - state.fullAt < FULL_READ_EVERY_MS;
	const result = cheap
		? ((await byUpdates(ctx, since, mode, evidence)) ?? (await fullRead(ctx, since, mode, evidence, needStatus)))
		: await fullRead(ctx, since, mode, evidence, needStatus);
	if (evidence.seen) state.order = evidence.seen;
	else if (evidence.neither) delete state.order;
	return result;
}

/** Ending of a case from its details: expired, signed (`reminders.allSigned`), or not told. */
function endingFromDetails(c: IDataObject | undefined): Ending | undefined {
	if (!c) return undefined;
	if (((c.settings as IDataObject | undefined)?.availability as IDataObject | undefined)?.isExpired === true) return 'expired';
	if ((c.reminders as IDataObject | undefined)?.allSigned === true) return 'signed';
	return undefined;
}

function expirationOf(c: IDataObject): number | undefined {
	const availability = (c.settings as IDataObject | undefined)?.availability as IDataObject | undefined;
	if (!availability || availability.unlimited === true) return undefined;
	return toMs(availability.expiration);
}

/** The update-order poll; undefined when a page was out of update order (the caller then reads in full). */
async function byUpdates(ctx: PollContext, since: number, mode: PollMode, evidence: OrderEvidence): Promise<PollFetchResult | undefined> {
	const { client, folder, wanted, state } = ctx;
	let ordered = true;
	const untilSeen = (page: Listed[], previous: Listed | undefined) => {
		if (!inOrder(page, previous, 'updated')) ordered = false;
		return ordered && page[page.length - 1].updated >= since;
	};
	const top = await readWhile(client, { folder }, evidence, untilSeen);
	if (!ordered) return undefined;
	const events: PollEvent[] = [];
	const times = top.cases.map((c) => c.updated);
	const fresh = top.cases.filter((c) => c.updated >= since);
	for (const c of fresh) if (c.created >= since) events.push(createdEvent(c.entry));
	const changed = fresh.filter((c) => state.recent[c.id] !== c.updated);
	state.recent = Object.fromEntries(fresh.map((c) => [c.id, c.updated]));
	const isNew = (c: Listed) => c.created >= since && mode.lastSeen(`${c.id}:created`) === undefined;
	const known = (c: Listed) => c.id in state.open || isNew(c);

	if (changed.length && wanted.size > (wanted.has(NEXTSIGN_EVENTS.caseCreated) ? 1 : 0)) {
		// Where each changed case is now: the signed and denied lists' tops, read to the same point.
		const endings = new Map<string, Ending>();
		for (const status of ['signed', 'denied'] as const) {
			const list = await readWhile(client, { status, folder }, evidence, untilSeen);
			if (!ordered) return undefined;
			for (const c of list.cases) if (c.updated >= since) endings.set(c.id, status);
		}
		// A changed case that is neither known open nor new (it moved into the folder, say) is only remembered.
		for (const c of changed) if (!known(c) && !endings.has(c.id)) state.open[c.id] = [c.created, c.updated];
		const relevant = changed.filter(known);
		const needDetails = relevant.filter((c) => wanted.has(NEXTSIGN_EVENTS.recipientSigned) || (wanted.has(NEXTSIGN_EVENTS.caseExpired) && !endings.has(c.id)));
		const details = await casesById(client, needDetails.map((c) => c.id), wanted.has(NEXTSIGN_EVENTS.recipientSigned));
		for (const c of relevant) {
			const ending = endings.get(c.id);
			const d = details.get(c.id);
			// The last signatures before the case's own ending (same time: the order they are given in is kept).
			if (d) events.push(...recipientEvents(d, ending ?? 'pending'));
			if (ending) events.push(endingEvent(c.entry, ending, d));
			if (ending) {
				delete state.open[c.id];
				delete state.expiry[c.id];
			} else {
				state.open[c.id] = [c.created, c.updated];
				if (d) watchExpiry(ctx, d, events);
			}
		}
	}
	events.push(...(await dueExpiries(ctx)));
	return { events: mark(ctx, events), newestTime: newest(...times) };
}

/** The full read: the new cases from the top, and every open case. */
async function fullRead(ctx: PollContext, since: number, mode: PollMode, evidence: OrderEvidence, needStatus: boolean): Promise<PollFetchResult> {
	const { client, folder, wanted, state } = ctx;
	const events: PollEvent[] = [];
	// New cases: read until a page (in creation order) reaches past `since`; a page out of that order is never
	// trusted to stop early, so then every page is read.
	// A list known to follow updates also ends the read where updates are older than `since` (a new case's last update
	// is no older than its creation).
	const byUpdate = () => state.order === 'updatedAt' || evidence.seen === 'updatedAt';
	const recent = await readWhile(client, { folder }, evidence, (page, previous) => {
		const last = page[page.length - 1];
		if (inOrder(page, previous, 'created') && last.created < since) return false;
		return !(byUpdate() && inOrder(page, previous, 'updated') && last.updated < since);
	});
	const times: Array<number | undefined> = recent.cases.map((c) => newest(c.created, c.updated));
	const created = recent.cases.filter((c) => c.created >= since);
	for (const c of created) events.push(createdEvent(c.entry));
	if (!needStatus) return { events, newestTime: newest(...times) };

	const pending = (await readWhile(client, { status: 'pending', folder }, evidence, () => true)).cases;
	state.fullAt = ctx.now;
	times.push(...pending.map((c) => c.updated));
	const pendingNow = new Map(pending.map((c) => [c.id, c]));
	const before = state.open;
	const first = mode.baseline || ctx.quiet;
	// Cases that left the open list, and new cases that were never open to us (created and ended between polls).
	const ended = new Map<string, number>(); // id → createdAt
	if (!first) {
		for (const [id, [c]] of Object.entries(before)) if (!pendingNow.has(id)) ended.set(id, c);
		for (const c of created) if (!pendingNow.has(c.id) && !(c.id in before) && mode.lastSeen(`${c.id}:created`) === undefined) ended.set(c.id, c.created);
	}
	const changedOpen = pending.filter((c) => {
		const was = before[c.id];
		return was ? was[1] !== c.updated : c.updated !== c.created;
	});
	const wantRecipients = wanted.has(NEXTSIGN_EVENTS.recipientSigned);
	const wantExpiry = wanted.has(NEXTSIGN_EVENTS.caseExpired);
	const toRead = new Set<string>(ended.keys());
	if (wantRecipients || wantExpiry) for (const c of changedOpen) toRead.add(c.id);
	if (wantExpiry) for (const c of pending) if (!(c.id in state.expiry) && (first || !(c.id in before))) toRead.add(c.id);
	const details = await casesById(client, [...toRead], wantRecipients);

	state.open = Object.fromEntries(pending.map((c) => [c.id, [c.created, c.updated] as [number, number]]));
	for (const id of Object.keys(state.expiry)) if (!pendingNow.has(id)) delete state.expiry[id];

	// How each ended case ended: its details first, then the denied list, then the signed list.
	const endings = new Map<string, Ending>();
	const unknown: Array<{ id: string; created: number }> = [];
	for (const [id, createdAt] of ended) {
		const d = details.get(id);
		if (!d) continue; // deleted
		const e = endingFromDetails(d);
		if (e) endings.set(id, e);
		else unknown.push({ id, created: toMs(d.createdAt) ?? createdAt });
	}
	for (const status of ['denied', 'signed'] as const) {
		if (!unknown.length) break;
		for (const id of await findInList(ctx, status, unknown, evidence)) endings.set(id, status);
		for (let i = unknown.length - 1; i >= 0; i--) if (endings.has(unknown[i].id)) unknown.splice(i, 1);
	}
	for (const [id, ending] of endings) {
		const d = details.get(id)!;
		times.push(toMs(d.updatedAt));
		if (wantRecipients) events.push(...recipientEvents(d, ending));
		events.push(endingEvent(d, ending, d));
	}
	for (const c of changedOpen) {
		const d = details.get(c.id);
		if (d && wantRecipients) events.push(...recipientEvents(d, 'pending'));
	}
	if (wantExpiry) for (const c of pending) if (details.has(c.id) && !ended.has(c.id)) watchExpiry(ctx, details.get(c.id)!, events);
	events.push(...(await dueExpiries(ctx)));
	// Everything read that changed within the look-back has been handled: an update-order poll need not read it again.
	state.recent = {};
	for (const c of [...recent.cases, ...pending]) if (c.updated >= since) state.recent[c.id] = c.updated;
	for (const d of details.values()) {
		const u = toMs(d.updatedAt);
		if (u !== undefined && u >= since) state.recent[String(d._id ?? d.id)] = u;
	}
	return { events: mark(ctx, events), newestTime: newest(...times) };
}

/** The ids among `cases` listed with this status (see `findInList` of ./lists). */
async function findInList(ctx: PollContext, status: ListStatus, cases: Array<{ id: string; created: number }>, evidence: OrderEvidence): Promise<string[]> {
	return await findListed(ctx.client, { status, folder: ctx.folder }, cases, evidence);
}

/** Starts watching an open case's expiration (or fires it, if its details already say it expired). */
function watchExpiry(ctx: PollContext, d: IDataObject, events: PollEvent[]) {
	const id = String(d._id ?? d.id);
	if (endingFromDetails(d) === 'expired') {
		events.push(endingEvent(d, 'expired', d));
		ctx.state.expiry[id] = 0;
		return;
	}
	const at = expirationOf(d);
	// 0: nothing to watch (unlimited availability, no date, or already reported).
	ctx.state.expiry[id] = at ?? 0;
}

/** Open cases whose expiration has passed: read them (50 to a request) and fire those flagged expired. */
async function dueExpiries(ctx: PollContext): Promise<PollEvent[]> {
	if (!ctx.wanted.has(NEXTSIGN_EVENTS.caseExpired)) return [];
	const due = Object.entries(ctx.state.expiry).filter(([id, at]) => at > 0 && at <= ctx.now && id in ctx.state.open);
	if (!due.length) return [];
	const details = await casesById(ctx.client, due.map(([id]) => id), false);
	const events: PollEvent[] = [];
	for (const [id, at] of due) {
		const d = details.get(id);
		if (!d) {
			delete ctx.state.expiry[id];
			continue;
		}
		if (endingFromDetails(d) === 'expired') {
			events.push(endingEvent(d, 'expired', d));
			ctx.state.expiry[id] = 0;
		} else {
			const next = expirationOf(d);
			// Extended: watch the new date. Not flagged a day after its date: stop reading it.
			ctx.state.expiry[id] = next !== undefined && next > at ? next : ctx.now - at > EXPIRY_GRACE_MS ? 0 : at;
		}
	}
	return events;
}

/** In a quiet poll, status events are remembered without firing (`pollEvents` keeps every key it is given). */
function mark(ctx: PollContext, events: PollEvent[]): PollEvent[] {
	if (!ctx.quiet) return events;
	return events.map((e) => (e.json.event === NEXTSIGN_EVENTS.caseCreated ? e : { ...e, json: { ...e.json, __quiet: true } }));
}
