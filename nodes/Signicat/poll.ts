/**
 * The Signicat Trigger's poll logic as a function of explicit settings (`pollSessions(ctx, settings)`), shared by
 * the Signicat Trigger and the E-Signature adapter: the same reads, the same `pollEvents` guarantees (first poll
 * fires nothing, each event once, bounded state), each node with its own static data.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { PollEvent } from '../shared/polling';
import { pollEvents, toMs } from '../shared/polling';
import type { SessionQuery } from './actions/signingSession/getMany.operation';
import { listSessionPage, listSessions } from './actions/signingSession/getMany.operation';
import { resultDocumentIds } from './actions/signingSession/output';
import type { SignicatClient } from './transport';
import { publicSession, SIGNICAT, signicatClient } from './transport';

export const SIGNICAT_EVENTS = ['signed', 'rejected', 'expired', 'final', 'stateChanged'] as const;
export type EventChoice = (typeof SIGNICAT_EVENTS)[number];

/** How far before the last poll new sessions are looked for: Signicat's clock may be behind n8n's by this much. */
export const LOOKBACK_MS = 10 * 60_000;
/** A session is reported expired this long after its due date (Signicat's clock may be behind n8n's). */
export const EXPIRY_MARGIN_MS = 5 * 60_000;
/** An open session is watched until this long after its due date (no one can sign it any more), then forgotten. */
export const WATCH_AFTER_DUE_MS = 24 * 3600_000;
/** Most open sessions watched at once. */
export const MAX_WATCHED = 20_000;
/** Version of the trigger's own static data (beside pollEvents' fields). */
const STATE_VERSION = 1;
/** Fields an older version of this trigger kept in static data: found on read, the state is rebuilt. */
const OLD_FIELDS = ['openFrom', 'oldestOpenId', 'nextOpenFrom', 'finals', 'otherFinals', 'fullReadAt'];

const lifecycleOf = (s: IDataObject) => (s.lifecycle as IDataObject | undefined) ?? {};
const stateOf = (s: IDataObject) => String(lifecycleOf(s).state ?? 'UNKNOWN');
const isFinal = (s: IDataObject) => lifecycleOf(s).stateIsFinal === true;
const dueOf = (s: IDataObject) => toMs(s.dueDate) ?? 0;

/** True once an open session is past its due date (plus the clock margin) by n8n's clock. */
export function isExpired(session: IDataObject, now: number): boolean {
	const due = dueOf(session);
	return !isFinal(session) && due > 0 && now - EXPIRY_MARGIN_MS > due;
}

/**
 * An event as the poll finds it (and as the trigger's version 1 outputs it): the event name, the session's main
 * fields and the whole session (national ids masked). Version 2 and the E-Signature adapter shape it from here.
 */
function eventJson(session: IDataObject, event: string): IDataObject {
	return {
		event,
		sessionId: String(session.id),
		state: stateOf(session),
		stateIsFinal: isFinal(session),
		title: session.title,
		externalReference: session.externalReference ?? null,
		dueDate: session.dueDate ?? null,
		resultDocumentIds: resultDocumentIds(session),
		session: publicSession(session),
	};
}

/**
 * What one read of a session can fire: its current state (keyed by session and state, so each state fires
 * once) and, for an open session past its due date, "expired" (once per session).
 */
export function sessionEvents(session: IDataObject, now: number): PollEvent[] {
	const id = String(session.id);
	const state = stateOf(session);
	const events: PollEvent[] = [{ key: `${id}:state:${state}`, json: eventJson(session, `session.${state.toLowerCase()}`) }];
	if (isExpired(session, now)) events.push({ key: `${id}:expired`, json: eventJson(session, 'session.expired') });
	return events;
}

function wanted(choices: EventChoice[]) {
	return (event: PollEvent) => {
		const expired = event.json.event === 'session.expired';
		if (choices.includes('expired') && expired) return true;
		if (expired) return false;
		if (choices.includes('stateChanged')) return true;
		if (choices.includes('final') && event.json.stateIsFinal === true) return true;
		if (choices.includes('signed') && event.json.state === SIGNICAT.signedState) return true;
		return choices.includes('rejected') && event.json.state === SIGNICAT.rejectedState;
	};
}

/** The lists a "Fetch Test Event" reads, so the sample matches the chosen events. */
function sampleQueries(choices: EventChoice[], now: number): SessionQuery[] {
	const queries: SessionQuery[] = [];
	if (choices.includes('stateChanged')) queries.push({ sort: '-createdAt' });
	else {
		const states = new Set<string>();
		if (choices.includes('final')) SIGNICAT.finalStates.forEach((s) => states.add(s));
		if (choices.includes('signed')) states.add(SIGNICAT.signedState);
		if (choices.includes('rejected')) states.add(SIGNICAT.rejectedState);
		if (states.size) queries.push({ sort: '-createdAt', states: [...states] });
	}
	if (choices.includes('expired'))
		queries.push({ sort: '-dueDate', states: SIGNICAT.openStates, dueDateTo: new Date(now - EXPIRY_MARGIN_MS).toISOString() });
	return queries;
}

/**
 * A watched open session: its state (B/R), due date (ms, 0 when it has none) and a time it was created after
 * (the `createdDateFrom` of the list that first found it; 0 when unknown).
 */
type Watched = [string, number, number];

interface OwnState {
	v: number;
	open: Record<string, Watched>;
}

/**
 * The trigger's own static data, validated on read: entries of the wrong shape are dropped; a missing, mistyped
 * or older-format state is reported as not valid, and the poll rebuilds it without firing what it finds.
 */
export function readOwnState(staticData: IDataObject): { open: Record<string, Watched>; valid: boolean } {
	let valid = true;
	for (const field of OLD_FIELDS)
		if (field in staticData) {
			delete staticData[field];
			valid = false;
		}
	const own = staticData.signicat as OwnState | undefined;
	if (!own || typeof own !== 'object' || own.v !== STATE_VERSION || !own.open || typeof own.open !== 'object' || Array.isArray(own.open))
		return { open: {}, valid: false };
	const open: Record<string, Watched> = {};
	for (const [id, entry] of Object.entries(own.open)) {
		if (Array.isArray(entry) && entry.length === 3 && typeof entry[0] === 'string' && entry.slice(1).every((n) => typeof n === 'number' && Number.isFinite(n)))
			open[id] = entry as Watched;
	}
	return { open, valid };
}

/** What the user chose: the events to fire. Another choice is a new baseline (nothing of what exists fires). */
export interface PollSettings {
	events: EventChoice[];
}

/**
 * One poll of Signicat's signing sessions for the chosen events (see `readSessions`). "Fetch Test Event" (manual
 * mode) returns one recent matching session without touching the saved state; `null` when nothing is new (or, in
 * manual mode, when there is nothing to show).
 */
export async function pollSessions(ctx: IPollFunctions, settings: PollSettings): Promise<INodeExecutionData[][] | null> {
	const choices = [...new Set(settings.events)];
	const client = await signicatClient(ctx);
	const staticData = ctx.getWorkflowStaticData('node');
	return await pollEvents(ctx, {
		lookbackMs: LOOKBACK_MS,
		emit: wanted(choices),
		// Another choice of events is a new baseline: what exists then is remembered, nothing of it fires.
		scope: { settings: JSON.stringify({ events: [...choices].sort() }) },
		fetch: async (since, { manual, baseline }) => {
			const now = Date.now();
			if (manual) return { events: await sample(client, choices, now) };
			return await readSessions(client, staticData, since ?? now - LOOKBACK_MS, now, baseline);
		},
	});
}

async function sample(client: SignicatClient, choices: EventChoice[], now: number): Promise<PollEvent[]> {
	const events: PollEvent[] = [];
	for (const query of sampleQueries(choices, now)) {
		const page = await listSessionPage(client, query, 0, 10);
		// Newest first in each list: the first one is the sample.
		page.data.forEach((s, k) => events.push(...sessionEvents(s, now).map((e) => ({ ...e, time: now - k }))));
	}
	return events;
}

const readAll = async (client: SignicatClient, query: SessionQuery, limit = Number.MAX_SAFE_INTEGER) =>
	await listSessions(undefined, client, query, limit === Number.MAX_SAFE_INTEGER ? { returnAll: true, limit: 0 } : { returnAll: false, limit });

/** Watched sessions missing from the lists are read one by one up to this many; more are looked up in the list of finished ones. */
export const FEW_MISSING = 3;

/** Pages through `query` until every id in `wanted` was seen, the list ends or `maxPages` were read; returns those sessions. */
async function findIn(client: SignicatClient, query: SessionQuery, wanted: Set<string>, maxPages = Number.MAX_SAFE_INTEGER): Promise<IDataObject[]> {
	const found: IDataObject[] = [];
	const limit = SIGNICAT.limits.listLimitMax;
	for (let offset = 0, pages = 0; found.length < wanted.size && offset <= SIGNICAT.limits.listOffsetMax && pages < maxPages; offset += limit, pages++) {
		const page = await listSessionPage(client, query, offset, limit);
		found.push(...page.data.filter((s) => wanted.has(String(s.id))));
		if (page.data.length < limit || (page.total !== undefined && offset + limit >= page.total)) break;
	}
	// Oldest first, as every list is read.
	return found.reverse();
}

/** A session by id; undefined when Signicat answers 404 (deleted, or gone with its retention): nothing more can happen to it. */
async function readSession(client: SignicatClient, id: string): Promise<IDataObject | undefined> {
	// The shared transport's errors are already NodeApiErrors with Signicat's answer: any but a 404 goes on as it is.
	return await client.json<IDataObject>({ method: 'GET', url: SIGNICAT.paths.signingSession(id) }).catch((error: unknown) => {
		if ((error as { httpCode?: string }).httpCode === '404') return undefined;
		throw error;
	});
}

/**
 * One poll. Signicat's sessions carry no creation time and the list has no "changed since" filter, so:
 * 1. the open sessions with a deadline not long past (`state=BLOCKED&state=READY&dueDateFrom=now−24h`) show which
 *    watched sessions with a due date are still open (and BLOCKED → READY); watched sessions without a due date
 *    are found in the open sessions created since the oldest of them was first seen (`createdDateFrom`);
 * 2. new sessions: `createdDateFrom` = the last poll's start by n8n's clock minus a margin for clock skew,
 *    `sort=-createdAt` — read after (1), so a session created meanwhile is found here;
 * 3. a watched session in none of them ended or was deleted: a few are read one by one (404: forgotten), more are
 *    looked up in the finished sessions with a deadline not long past.
 * On a baseline (activation, another choice of events, unreadable state) or with its own state to rebuild, every
 * open session is read, so a session created before activation still fires when it ends.
 */
async function readSessions(client: SignicatClient, staticData: IDataObject, since: number, now: number, baseline: boolean) {
	const own = readOwnState(staticData);
	const rebuild = baseline || !own.valid;
	const watched = rebuild ? {} : own.open;
	const entries = Object.entries(watched);
	const undated = entries.filter(([, w]) => w[1] === 0);
	const dueDateFrom = new Date(now - WATCH_AFTER_DUE_MS).toISOString();
	const openStates = SIGNICAT.openStates;

	const live = rebuild || entries.length > undated.length ? await readAll(client, { states: openStates, dueDateFrom, sort: '-createdAt' }) : [];
	// Without a due date: the open sessions created since the oldest such watched one was first seen (0: unknown).
	const undatedFrom = undated.some(([, w]) => w[2] === 0) ? 0 : Math.min(...undated.map(([, w]) => w[2]));
	const undatedOpen =
		rebuild || undated.length
			? await readAll(client, { states: openStates, sort: '-createdAt', ...(undatedFrom > 0 && !rebuild ? { createdDateFrom: new Date(undatedFrom).toISOString() } : {}) }, rebuild ? MAX_WATCHED : undefined)
			: [];
	const fresh = await readAll(client, { createdDateFrom: new Date(since).toISOString(), sort: '-createdAt' });
	const listed = new Set([...live, ...undatedOpen, ...fresh].map((s) => String(s.id)));
	let missing = Object.keys(watched).filter((id) => !listed.has(id));
	const ended: IDataObject[] = [];
	const lookUp = async (ids: string[], query: SessionQuery, maxPages?: number) => {
		if (ids.length <= FEW_MISSING) return;
		ended.push(...(await findIn(client, { states: SIGNICAT.finalStates, sort: '-createdAt', ...query }, new Set(ids), maxPages)));
		const found = new Set(ended.map((s) => String(s.id)));
		missing = missing.filter((id) => !found.has(id));
	};
	// Many ended at once: look them up in the finished sessions — with a deadline not long past, or (without one)
	// created since the oldest of them was first seen, reading at most a page per ten sessions looked for.
	await lookUp(missing.filter((id) => watched[id][1] > 0), { dueDateFrom });
	const undatedMissing = missing.filter((id) => watched[id][1] === 0);
	const missingFrom = Math.min(...undatedMissing.map((id) => watched[id][2]));
	const createdSince = missingFrom > 0 && Number.isFinite(missingFrom) ? { createdDateFrom: new Date(missingFrom).toISOString() } : {};
	await lookUp(undatedMissing, createdSince, Math.ceil(undatedMissing.length / 10));
	for (const id of missing) {
		const session = await readSession(client, id);
		if (session) ended.push(session);
	}

	// Every request has succeeded: nothing after this point can fail, so the state may move.
	const next: Record<string, Watched> = {};
	const events: PollEvent[] = [];
	const newIds = new Set(fresh.map((s) => String(s.id)));
	const take = (s: IDataObject, announce: boolean, from: number) => {
		const id = String(s.id);
		const due = dueOf(s);
		if (isFinal(s) || (due > 0 && now > due + WATCH_AFTER_DUE_MS)) delete next[id];
		else next[id] = [stateOf(s) === 'BLOCKED' ? 'B' : 'R', due, watched[id]?.[2] ?? next[id]?.[2] ?? from];
		if (announce) events.push(...sessionEvents(s, now));
	};
	// Watched sessions first, then the new ones; each list oldest first. A new session is taken from the
	// list of new ones (read last). An open session neither watched nor new was open before the trigger
	// knew it (a rebuilt state): it is watched from now on, and what it already was does not fire.
	for (const s of ended) take(s, true, 0);
	for (const [list, from] of [
		[undatedOpen, rebuild ? 0 : undatedFrom],
		[live, 0],
	] as const) {
		for (const s of [...list].reverse()) {
			const id = String(s.id);
			if (!newIds.has(id)) take(s, baseline || id in watched, from);
		}
	}
	for (const s of [...fresh].reverse()) take(s, true, since);

	const ids = Object.keys(next);
	// Bounded: the most recently read open sessions are kept.
	staticData.signicat = { v: STATE_VERSION, open: Object.fromEntries(ids.slice(Math.max(0, ids.length - MAX_WATCHED)).map((id) => [id, next[id]])) };
	events.forEach((e, k) => (e.time = now - (events.length - k)));
	return { events, newestTime: now };
}
