/**
 * Which cases a poll reads, within a request budget, and what the trigger remembers about them.
 *
 * Optimaite has no envelope feed: each watched case costs one request (`GET /cases/{id}/signed-documents`), and
 * "All Active Cases" one more per 100 active cases (`GET /cases?status=active`). Optimaite's Standard plan allows
 * 60 requests a minute and 10,000 a day, so a poll reads at most "Max Requests per Poll" and the cases take turns:
 * cases never read yet first (oldest first), then the others round-robin. Every case is read again within
 * ⌈cases / budget⌉ polls, and an envelope's state stays readable, so nothing is missed, only delayed.
 *
 * No history: a case's first reading remembers what it finds without firing (`pollEvents`' scope ids are the cases
 * read at least once, so a case is "newly listed" exactly on its first reading) — except facts dated after the case
 * started being watched (a signature, a completion), and, under "All Active Cases", everything in a case created
 * after the trigger started watching.
 */
import type { IDataObject } from 'n8n-workflow';

/** The trigger's own static data (beside `pollEvents`' fields), under `optimaite`. */
export interface WatchState {
	v: 1;
	/** The watch settings this state belongs to. */
	settings: string;
	/** When the trigger started watching with these settings (n8n clock, ms). */
	startedAt: number;
	/** Cases read at least once under these settings → when they were last among the watched cases (n8n clock, ms). */
	known: Record<string, number>;
	/** Watched cases not read yet → since when they are watched (n8n clock, ms); 0: everything in it is new. */
	pending: Record<string, number>;
	/** The last case read by the round-robin (the next poll continues after it). */
	after?: string;
}

export const STATE_KEY = 'optimaite';

const isTimes = (v: unknown): v is Record<string, number> =>
	!!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((t) => typeof t === 'number' && Number.isFinite(t));

/**
 * The saved state, validated: anything missing, of the wrong type or from another version (or other settings)
 * starts afresh — every watched case then gets a first reading that fires nothing old.
 */
export function readWatchState(staticData: IDataObject, settings: string, now: number): { state: WatchState; fresh: boolean } {
	const raw = staticData[STATE_KEY] as Partial<WatchState> | undefined;
	const valid =
		!!raw &&
		typeof raw === 'object' &&
		raw.v === 1 &&
		raw.settings === settings &&
		typeof raw.startedAt === 'number' &&
		Number.isFinite(raw.startedAt) &&
		isTimes(raw.known) &&
		isTimes(raw.pending) &&
		(raw.after === undefined || typeof raw.after === 'string');
	if (!valid) return { state: { v: 1, settings, startedAt: now, known: {}, pending: {} }, fresh: true };
	const startedAt = Math.min(raw.startedAt!, now);
	return { state: { v: 1, settings, startedAt, known: { ...raw.known! }, pending: { ...raw.pending! }, ...(raw.after ? { after: raw.after } : {}) }, fresh: false };
}

export interface WatchedCase {
	id: string;
	/** Under "All Active Cases": the case was created after the trigger started watching. */
	isNew?: boolean;
}

export interface Plan {
	/** The cases this poll reads, in order. */
	read: string[];
	/** For each case read for the first time: since when it is watched (0: everything is new). */
	firstReadSince: Record<string, number>;
	/** `pollEvents` scope ids: the cases read at least once, including this poll's. */
	scopeIds: string[];
	/** The state to save once the poll succeeded. */
	next: WatchState;
}

/**
 * Plans one poll: prunes the state to the watched cases, notes newly watched ones, and picks at most `reads` cases.
 * `graceMs`: how long a known case may be missing from the watched cases before it is forgotten — 0 for the user's
 * list (a removed case is removed), a day for "All Active Cases", where a case can drop out of one listing (a page
 * shift, a status flicker) and must not come back as newly watched, which would hide what happened meanwhile.
 */
export function planPoll(state: WatchState, watched: WatchedCase[], reads: number, now: number, graceMs = 0): Plan {
	const ids = [...new Set(watched.map((c) => c.id))];
	const watchedSet = new Set(ids);
	const known: Record<string, number> = {};
	for (const [id, at] of Object.entries(state.known)) {
		if (watchedSet.has(id)) known[id] = now;
		else if (graceMs > 0 && now - at <= graceMs) known[id] = at;
	}
	const pending: Record<string, number> = {};
	for (const c of watched) {
		if (c.id in known || c.id in pending) continue;
		pending[c.id] = c.id in state.pending ? state.pending[c.id] : c.isNew ? 0 : now;
	}
	// Never-read cases first (longest waiting first), then the known ones in turn, starting after the last one read.
	const firsts = Object.keys(pending).sort((a, b) => pending[a] - pending[b] || ids.indexOf(a) - ids.indexOf(b));
	const readable = Object.keys(known).filter((id) => watchedSet.has(id)).sort();
	const start = state.after === undefined ? 0 : readable.findIndex((id) => id > state.after!);
	const rotation = start <= 0 ? readable : [...readable.slice(start), ...readable.slice(0, start)];
	const read = [...firsts, ...rotation].slice(0, Math.max(1, reads));
	const firstReadSince: Record<string, number> = {};
	for (const id of read) if (id in pending) firstReadSince[id] = pending[id];
	const after = read.filter((id) => id in known).pop() ?? state.after;
	for (const id of read) known[id] = now;
	const nextPending = Object.fromEntries(Object.entries(pending).filter(([id]) => !read.includes(id)));
	return {
		read,
		firstReadSince,
		scopeIds: Object.keys(known).sort(),
		next: { v: 1, settings: state.settings, startedAt: state.startedAt, known, pending: nextPending, ...(after ? { after } : {}) },
	};
}
