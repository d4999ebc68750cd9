import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

/** One thing a trigger can fire for. `key` identifies it for good: the same key never fires twice. */
export interface PollEvent {
	key: string;
	json: IDataObject;
	/** Provider's own time of the event (ms), for ordering; optional. */
	time?: number;
	/** The watched object the event belongs to (e.g. the case id), when the trigger watches a list of ids. */
	scopeId?: string;
}

export interface PollFetchResult {
	events: PollEvent[];
	/** Newest provider timestamp (ms) among what was read: the next poll reads from there. */
	newestTime?: number;
}

export interface PollMode {
	/** "Fetch Test Event": read a small recent sample only. */
	manual: boolean;
	/** When (n8n clock, ms) an event key was last read by an earlier poll; undefined if never. */
	lastSeen(key: string): number | undefined;
	/** This poll remembers what it reads and fires nothing (first activation, or the watched scope changed). */
	baseline: boolean;
}

/** What the user told the trigger to watch. */
export interface PollScope {
	/** Everything the user set that decides what is watched or what fires (filters, folder, event choice…), as one string. */
	settings: string;
	/** The ids the user listed, when the trigger watches a list (case ids…); events name theirs in `scopeId`. */
	ids?: string[];
}

export interface PollOptions {
	/**
	 * Reads events. `since` (ms, provider time) is where to start reading; providers that cannot filter
	 * by time ignore it and return what they have. `manual` asks for a small recent sample only.
	 */
	fetch: (since: number | undefined, mode: PollMode) => Promise<PollFetchResult>;
	/** How far before the cursor each poll reads again (late writes, clock skew). Default 5 minutes. */
	lookbackMs?: number;
	/** How long a key is remembered after it was last read. Default 7 days. */
	retentionMs?: number;
	/** Most keys kept in the workflow's static data (keys read by the current poll are always kept). Default 20,000. */
	maxKeys?: number;
	/** How far ahead of n8n's clock the cursor may go (a provider clock a little ahead). Default 1 minute. */
	clockToleranceMs?: number;
	/**
	 * Which events fire (the user's event choice). Events that do not fire are still remembered, so
	 * choosing another event later never replays old history.
	 */
	emit?: (event: PollEvent) => boolean;
	/**
	 * The watched scope. When `settings` changes, the next poll is a new baseline (like a first activation); when
	 * only `ids` change, events of newly added ids are remembered without firing. Without it, changes go unnoticed.
	 */
	scope?: PollScope;
}

/** The fields `pollEvents` keeps in the node's static data. Providers keep their own beside them. */
interface PollState {
	/** Provider time (ms) of the newest item read so far (never beyond n8n's clock plus the tolerance). */
	cursor?: number;
	/** Event keys read recently → when they were last read (n8n clock, ms). */
	seen?: Record<string, number>;
	initialized?: boolean;
	/** Where the first poll started reading: later polls never read earlier (that would be history). */
	floor?: number;
	/** The scope the last poll watched. */
	scope?: PollScope;
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Reads `pollEvents`' fields from static data as they are stored, repairing what can be repaired and reporting
 * whether the rest must start afresh: state written by another version, by hand, or half-written is never
 * trusted to decide what is new (that would replay history).
 */
function readState(staticData: IDataObject, now: number, toleranceMs: number): { state: PollState; corrupt: boolean } {
	const state: PollState = {};
	let corrupt = false;
	const { cursor, seen, initialized, floor, scope } = staticData as Record<string, unknown>;
	if (initialized !== undefined && typeof initialized !== 'boolean') corrupt = true;
	state.initialized = initialized === true;
	if (cursor !== undefined) {
		if (isTime(cursor)) state.cursor = Math.min(cursor, now + toleranceMs);
		else corrupt = true;
	}
	if (floor !== undefined) {
		if (isTime(floor)) state.floor = Math.min(floor, now);
		else corrupt = true;
	}
	if (seen !== undefined) {
		if (seen && typeof seen === 'object' && !Array.isArray(seen)) {
			state.seen = {};
			for (const [k, t] of Object.entries(seen as Record<string, unknown>)) if (isTime(t)) state.seen[k] = Math.min(t, now);
		} else corrupt = true;
	} else if (state.initialized) {
		// Initialized without memory: everything in the window would look new.
		corrupt = true;
	}
	if (scope !== undefined) {
		const s = scope as PollScope;
		if (s && typeof s === 'object' && typeof s.settings === 'string' && (s.ids === undefined || (Array.isArray(s.ids) && s.ids.every((i) => typeof i === 'string')))) {
			state.scope = { settings: s.settings, ...(s.ids ? { ids: [...s.ids] } : {}) };
		} else corrupt = true;
	}
	return { state, corrupt };
}

/**
 * A polling trigger's whole life cycle, shared by every provider:
 * - first activation: remembers what exists already and fires nothing (no history);
 * - later polls: read from the cursor (minus a look-back), fire each unseen event once, oldest first;
 * - the cursor moves to the newest item's own timestamp, never to n8n's clock, and never beyond n8n's clock plus a
 *   small tolerance (one record dated in the future cannot freeze it); a reading window never starts after "now";
 * - a changed scope (filters, event choice) is a new baseline; newly listed ids get one of their own;
 * - an error leaves the saved state untouched, so the next poll reads the same window again;
 * - corrupt or old-format state is reset with a baseline (never a crash, never a replay);
 * - manual mode ("Fetch Test Event") returns one recent event and changes nothing;
 * - nothing new returns `null`, and the remembered keys stay bounded (those read by this poll are always kept).
 */
export async function pollEvents(ctx: IPollFunctions, options: PollOptions): Promise<INodeExecutionData[][] | null> {
	const lookbackMs = options.lookbackMs ?? 5 * 60_000;
	const retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
	const maxKeys = options.maxKeys ?? 20_000;
	const toleranceMs = options.clockToleranceMs ?? 60_000;
	const staticData = ctx.getWorkflowStaticData('node');

	if (ctx.getMode() === 'manual') {
		const { events: all } = await options.fetch(undefined, { manual: true, lastSeen: () => undefined, baseline: false });
		const events = options.emit ? all.filter(options.emit) : all;
		if (!events.length) return null;
		const newest = [...events].sort((a, b) => (b.time ?? 0) - (a.time ?? 0))[0];
		return [[{ json: newest.json }]];
	}

	const now = Date.now();
	const { state, corrupt } = readState(staticData, now, toleranceMs);
	if (corrupt) ctx.logger?.warn?.('The trigger’s saved state was unreadable: this poll starts afresh and fires nothing.');
	const scope = options.scope;
	// A state from a version that did not record the scope is taken as watching the current one.
	const settingsChanged = !!scope && !!state.scope && state.scope.settings !== scope.settings;
	const baseline = !state.initialized || corrupt || settingsChanged;
	const addedIds =
		!baseline && scope?.ids && state.scope?.ids ? new Set(scope.ids.filter((id) => !state.scope!.ids!.includes(id))) : new Set<string>();

	const floor = baseline ? now - lookbackMs : state.floor;
	const fromCursor = !baseline && state.cursor !== undefined ? state.cursor - lookbackMs : undefined;
	let since = baseline ? floor : fromCursor !== undefined && floor !== undefined ? Math.max(fromCursor, floor) : fromCursor;
	if (since !== undefined) since = Math.min(since, now);
	// Everything that can fail happens before the state is touched.
	const previous = state.seen ?? {};
	const { events, newestTime } = await options.fetch(since, { manual: false, lastSeen: (key) => previous[key], baseline });

	const seen: Record<string, number> = { ...previous };
	const readNow = new Set<string>();
	const fresh: PollEvent[] = [];
	for (const event of events) {
		const unseen = !(event.key in seen) && !readNow.has(event.key);
		const newlyWatched = event.scopeId !== undefined && addedIds.has(event.scopeId);
		if (!baseline && unseen && !newlyWatched && (options.emit?.(event) ?? true)) fresh.push(event);
		seen[event.key] = now;
		readNow.add(event.key);
	}
	// Forget keys not read for a long time, then the oldest beyond the cap — never one this poll read.
	let entries = Object.entries(seen).filter(([k, t]) => readNow.has(k) || now - t <= retentionMs);
	if (entries.length > maxKeys) {
		const older = entries.filter(([k]) => !readNow.has(k)).sort((a, b) => b[1] - a[1]);
		const room = Math.max(0, maxKeys - readNow.size);
		entries = [...entries.filter(([k]) => readNow.has(k)), ...older.slice(0, room)];
		if (readNow.size > maxKeys) {
			ctx.logger?.warn?.(`This poll read ${readNow.size} events, more than the ${maxKeys} the trigger usually keeps: all are kept so that none fires twice.`);
		}
	}

	const ceiling = now + toleranceMs;
	const cursorCandidates = [baseline ? undefined : state.cursor, newestTime].filter(isTime).map((t) => Math.min(t, ceiling));
	const cursor = cursorCandidates.length ? Math.max(...cursorCandidates) : baseline ? now - lookbackMs : undefined;
	for (const key of ['cursor', 'seen', 'initialized', 'floor', 'scope']) delete staticData[key];
	if (cursor !== undefined) staticData.cursor = cursor;
	staticData.seen = Object.fromEntries(entries);
	staticData.initialized = true;
	if (floor !== undefined) staticData.floor = floor;
	if (scope) staticData.scope = { settings: scope.settings, ...(scope.ids ? { ids: [...scope.ids] } : {}) };

	if (!fresh.length) return null;
	fresh.sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
	return [fresh.map((e) => ({ json: e.json }))];
}

/** Parses a provider timestamp (ISO text, Unix seconds or ms) to ms; undefined when absent. */
export function toMs(value: unknown): number | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
	const parsed = Date.parse(String(value));
	return Number.isNaN(parsed) ? undefined : parsed;
}

export function newest(...times: Array<number | undefined>): number | undefined {
	const valid = times.filter((t): t is number => typeof t === 'number');
	return valid.length ? Math.max(...valid) : undefined;
}
