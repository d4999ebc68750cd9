/**
 * The EasyInk Trigger's own memory, kept in the node's static data beside `pollEvents`' fields (under `easyInk`).
 * Bounded: it keeps the sessions that can still change (drafts, running sessions) and, of the ended ones, only a
 * count and those created within the look-back window; an ended session is pruned once it is older than that.
 * Read with validation: anything missing, mistyped or written by an older version is "not usable", and the poll
 * starts afresh with a baseline (reads everything, fires nothing) — never a crash, never a replay.
 */
import type { IDataObject } from 'n8n-workflow';

export const STATE_KEY = 'easyInk';
const VERSION = 2;
/** Keys an older version of the trigger kept (version 1: every started session forever). */
const OLD_KEYS = ['sessions', 'lists', 'fullReadAt'];

/** Session id → creation time (provider ms). */
export type Ids = Record<string, number>;

export interface TriggerMemory {
	v: typeof VERSION;
	/** Sessions not started yet (Draft, ReadyToStart). */
	ns: Ids;
	/** Started sessions that can still change (Pending, InProgress). */
	run: Ids;
	/** Ended sessions created within the look-back window of `mark` (the search may show them above new ones). */
	top: Ids;
	/** How many ended sessions (Finished, Declined, Voided, Expired) the trigger has accounted for. */
	finals: number;
	/** Newest creation time seen (provider ms), never beyond n8n's clock plus a tolerance. */
	mark: number;
	/** When every session was last read (n8n clock, ms). */
	fullAt: number;
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isIds = (v: unknown): v is Ids => !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every(isTime);

/** The saved memory when it is usable, otherwise undefined (the caller then starts with a baseline). */
export function readMemory(staticData: IDataObject): TriggerMemory | undefined {
	const m = staticData[STATE_KEY] as Partial<TriggerMemory> | undefined;
	if (!m || typeof m !== 'object' || m.v !== VERSION) return undefined;
	if (!isIds(m.ns) || !isIds(m.run) || !isIds(m.top)) return undefined;
	if (!isTime(m.finals) || m.finals < 0 || !Number.isInteger(m.finals) || !isTime(m.mark) || !isTime(m.fullAt)) return undefined;
	return { v: VERSION, ns: { ...m.ns }, run: { ...m.run }, top: { ...m.top }, finals: m.finals, mark: m.mark, fullAt: m.fullAt };
}

export function emptyMemory(): TriggerMemory {
	return { v: VERSION, ns: {}, run: {}, top: {}, finals: 0, mark: 0, fullAt: 0 };
}

/** Saves the memory, dropping what older versions kept. */
export function writeMemory(staticData: IDataObject, memory: TriggerMemory): void {
	for (const key of OLD_KEYS) delete staticData[key];
	staticData[STATE_KEY] = memory as unknown as IDataObject;
}
