import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

/** One thing a trigger can fire for. `key` identifies it for good: the same key never fires twice. */
export interface PollEvent {
	key: string;
	json: IDataObject;
	/** Provider's own time of the event (ms), for ordering; optional. */
	time?: number;
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
	/** Most keys kept in the workflow's static data. Default 20,000. */
	maxKeys?: number;
	/**
	 * Which events fire (the user's event choice). Events that do not fire are still remembered, so
	 * choosing another event later never replays old history.
	 */
	emit?: (event: PollEvent) => boolean;
}

interface PollState {
	/** Provider time (ms) of the newest item read so far. */
	cursor?: number;
	/** Event keys read recently → when they were last read (n8n clock, ms). */
	seen?: Record<string, number>;
	initialized?: boolean;
	/** Where the first poll started reading: later polls never read earlier (that would be history). */
	floor?: number;
}

/**
 * A polling trigger's whole life cycle, shared by every provider:
 * - first activation: remembers what exists already and fires nothing (no history);
 * - later polls: read from the cursor (minus a look-back), fire each unseen event once, oldest first;
 * - the cursor moves to the newest item's own timestamp, never to n8n's clock;
 * - an error leaves the saved state untouched, so the next poll reads the same window again;
 * - manual mode ("Fetch Test Event") returns one recent event and changes nothing;
 * - nothing new returns `null`, and the remembered keys stay bounded.
 */
export async function pollEvents(ctx: IPollFunctions, options: PollOptions): Promise<INodeExecutionData[][] | null> {
	const lookbackMs = options.lookbackMs ?? 5 * 60_000;
	const retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
	const maxKeys = options.maxKeys ?? 20_000;
	const staticData = ctx.getWorkflowStaticData('node') as PollState & IDataObject;

	if (ctx.getMode() === 'manual') {
		const { events: all } = await options.fetch(undefined, { manual: true, lastSeen: () => undefined });
		const events = options.emit ? all.filter(options.emit) : all;
		if (!events.length) return null;
		const newest = [...events].sort((a, b) => (b.time ?? 0) - (a.time ?? 0))[0];
		return [[{ json: newest.json }]];
	}

	const now = Date.now();
	const firstRun = staticData.initialized !== true;
	const floor = firstRun ? now - lookbackMs : staticData.floor;
	const fromCursor = staticData.cursor !== undefined ? staticData.cursor - lookbackMs : undefined;
	const since = firstRun ? floor : fromCursor !== undefined && floor !== undefined ? Math.max(fromCursor, floor) : fromCursor;
	// Everything that can fail happens before the state is touched.
	const previous = staticData.seen ?? {};
	const { events, newestTime } = await options.fetch(since, { manual: false, lastSeen: (key) => previous[key] });

	const seen: Record<string, number> = { ...(staticData.seen ?? {}) };
	const fresh: PollEvent[] = [];
	for (const event of events) {
		if (!firstRun && !(event.key in seen) && (options.emit?.(event) ?? true)) fresh.push(event);
		seen[event.key] = now;
	}
	// Forget keys not read for a long time, then the oldest beyond the cap.
	let entries = Object.entries(seen).filter(([, t]) => now - t <= retentionMs);
	if (entries.length > maxKeys) entries = entries.sort((a, b) => b[1] - a[1]).slice(0, maxKeys);

	const cursorCandidates = [staticData.cursor, newestTime].filter((t): t is number => typeof t === 'number');
	staticData.cursor = cursorCandidates.length ? Math.max(...cursorCandidates) : firstRun ? now - lookbackMs : undefined;
	staticData.seen = Object.fromEntries(entries);
	staticData.initialized = true;
	if (firstRun) staticData.floor = floor;

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
