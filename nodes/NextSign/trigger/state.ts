import type { IDataObject } from 'n8n-workflow';

/**
 * The NextSign Trigger's own memory, kept in the node's static data beside `pollEvents`' fields (under `nextsign`).
 * Everything in it is bounded by what NextSign lists now: cases that end are dropped.
 */
export interface TriggerState {
	v: 2;
	/** Cases known to be listed as pending (open): id → [createdAt, updatedAt] (ms). */
	open: Record<string, [number, number]>;
	/**
	 * What `cases/get` was seen to sort by, newest first: `updatedAt` once a page showed cases in update order but
	 * not in creation order (proof), `createdAt` the other way round; unset while the pages cannot tell.
	 */
	order?: 'updatedAt' | 'createdAt';
	/** Cases read as changed within the look-back window: id → updatedAt (ms), so a re-read is not a change. */
	recent: Record<string, number>;
	/** Open cases watched for "Case Expired": id → expiration (ms). */
	expiry: Record<string, number>;
	/** When (n8n clock, ms) the open cases were last read in full: update-order polls do it again once a day. */
	fullAt?: number;
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function numbers(value: unknown): Record<string, number> {
	const out: Record<string, number> = {};
	if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) if (isTime(v)) out[k] = v;
	return out;
}

export function emptyState(): TriggerState {
	return { v: 2, open: {}, recent: {}, expiry: {} };
}

/**
 * Reads the trigger's own state as stored, repairing what can be repaired. `reset` is true when the open cases are
 * unknown (missing, damaged, or never written): the caller then rebuilds them without firing (no replay).
 * The first version kept `open` as id → updatedAt text at the top level; it is carried over.
 */
export function readState(staticData: IDataObject): { state: TriggerState; reset: boolean } {
	const raw = staticData.nextsign as IDataObject | undefined;
	if (raw && typeof raw === 'object' && !Array.isArray(raw) && raw.v === 2 && raw.open && typeof raw.open === 'object' && !Array.isArray(raw.open)) {
		const open: TriggerState['open'] = {};
		for (const [id, pair] of Object.entries(raw.open as IDataObject)) {
			if (Array.isArray(pair) && pair.length === 2 && isTime(pair[0]) && isTime(pair[1])) open[id] = [pair[0], pair[1]];
		}
		const order = raw.order === 'updatedAt' || raw.order === 'createdAt' ? raw.order : undefined;
		const fullAt = isTime(raw.fullAt) ? raw.fullAt : undefined;
		return { state: { v: 2, open, order, recent: numbers(raw.recent), expiry: numbers(raw.expiry), ...(fullAt !== undefined ? { fullAt } : {}) }, reset: false };
	}
	const legacy = staticData.open;
	if (raw === undefined && legacy && typeof legacy === 'object' && !Array.isArray(legacy)) {
		const open: TriggerState['open'] = {};
		for (const [id, updated] of Object.entries(legacy as IDataObject)) {
			const t = Date.parse(String(updated));
			if (Number.isFinite(t)) open[id] = [t, t];
		}
		return { state: { ...emptyState(), open }, reset: false };
	}
	return { state: emptyState(), reset: true };
}

export function writeState(staticData: IDataObject, state: TriggerState): void {
	delete staticData.open;
	staticData.nextsign = {
		v: 2,
		open: state.open,
		...(state.order ? { order: state.order } : {}),
		recent: state.recent,
		expiry: state.expiry,
		...(state.fullAt !== undefined ? { fullAt: state.fullAt } : {}),
	} as unknown as IDataObject;
}
