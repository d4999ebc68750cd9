import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { compact } from '../../shared/params';
import { toMs } from '../../shared/polling';
import { getCase } from '../actions/case/get.operation';
import { getCases } from '../actions/case/getSeveral.operation';
import type { NextSignClient } from '../transport';
import { NEXTSIGN } from '../transport';

export type ListStatus = 'signed' | 'denied' | 'pending';

/** One entry of `cases/get`: `{_id, title, folder, createdAt, updatedAt}` (docs/cases). */
export interface Listed {
	id: string;
	created: number;
	updated: number;
	entry: IDataObject;
}

/** What the pages read so far say about the list's order (docs/cases does not say) [G list.order]. */
export class OrderEvidence {
	/** Set when a page was in update order but not in creation order (or the other way round). */
	seen?: 'updatedAt' | 'createdAt';
	/** A page that was in neither order. */
	neither = false;

	add(page: Listed[]) {
		const byCreated = page.every((c, i) => i === 0 || c.created <= page[i - 1].created);
		const byUpdated = page.every((c, i) => i === 0 || c.updated <= page[i - 1].updated);
		if (byUpdated && !byCreated) this.seen = 'updatedAt';
		else if (byCreated && !byUpdated) this.seen = 'createdAt';
		else if (!byCreated && !byUpdated) this.neither = true;
	}
}

function toListed(entry: IDataObject): Listed {
	return { id: String(entry._id ?? entry.id), created: toMs(entry.createdAt) ?? NaN, updated: toMs(entry.updatedAt) ?? NaN, entry };
}

/** One page of `cases/get` (zero-based page `index`, documented `status` and `folder` filters). */
export async function listPage(client: NextSignClient, filters: { status?: ListStatus; folder?: string }, limit: number, index: number): Promise<Listed[]> {
	const body = await client.cases.json<IDataObject>({
		method: 'GET',
		url: NEXTSIGN.cases.list(client.company),
		qs: compact({ status: filters.status, folder: filters.folder || undefined, limit, index }),
		expect: `status:${NEXTSIGN.success.list};list:cases`,
	});
	return ((body.cases as IDataObject[]) ?? []).map(toListed);
}

/**
 * Reads pages from the top while `more(page, previous)` says the rest may still matter (it sees every non-empty
 * page, the last one included); always stops at a short page. Every page goes into `evidence`.
 */
export async function readWhile(
	client: NextSignClient,
	filters: { status?: ListStatus; folder?: string },
	evidence: OrderEvidence,
	more: (page: Listed[], previous: Listed | undefined) => boolean,
): Promise<{ cases: Listed[]; pages: number }> {
	const size = NEXTSIGN.maxPageSize;
	const out: Listed[] = [];
	for (let index = 0; index < 100_000; index++) {
		const page = await listPage(client, filters, size, index);
		evidence.add(out.length ? [out[out.length - 1], ...page] : page);
		const previous = out[out.length - 1];
		out.push(...page);
		const go = page.length > 0 && more(page, previous);
		if (page.length < size || !go) return { cases: out, pages: index + 1 };
	}
	return { cases: out, pages: 100_000 };
}

/** Pages stay in `key` order (newest first), this page included and across from the previous one. */
export function inOrder(page: Listed[], previous: Listed | undefined, key: 'created' | 'updated'): boolean {
	const all = previous ? [previous, ...page] : page;
	return all.every((c, i) => !Number.isNaN(c[key]) && (i === 0 || c[key] <= all[i - 1][key]));
}

/** The ids among `cases` listed with this status: pages from the top until all are found or the list passes them. */
export async function findListed(
	client: NextSignClient,
	filters: { status: ListStatus; folder?: string },
	cases: Array<{ id: string; created: number }>,
	evidence: OrderEvidence = new OrderEvidence(),
): Promise<string[]> {
	const wanted = new Set(cases.map((c) => c.id));
	const oldest = Math.min(...cases.map((c) => c.created));
	const found: string[] = [];
	await readWhile(client, filters, evidence, (page, previous) => {
		for (const c of page) if (wanted.delete(c.id)) found.push(c.id);
		if (!wanted.size) return false;
		// In creation order, a page that reaches past the oldest of them ends the search.
		return !(inOrder(page, previous, 'created') && page[page.length - 1].created < oldest);
	});
	return found;
}

/**
 * Whole case objects by id, 50 to a request (`cases/{ids}/get`, docs/cases-get-multiple). Ids NextSign no longer has
 * (deleted) are left out: its documented 404 "Cases not found" when none is left is not an error here. A case that
 * comes back without its recipients while they are needed is read on its own [G getSeveral.full].
 */
export async function casesById(client: NextSignClient, ids: string[], needRecipients: boolean): Promise<Map<string, IDataObject>> {
	const out = new Map<string, IDataObject>();
	const gone = (error: unknown) => error instanceof NodeApiError && error.httpCode === '404';
	for (let start = 0; start < ids.length; start += NEXTSIGN.idsPerRequest) {
		const batch = ids.slice(start, start + NEXTSIGN.idsPerRequest);
		const found = await getCases(client, batch).catch(async (error: unknown) => (gone(error) ? [] : await Promise.reject(error)));
		for (const c of found) out.set(String(c._id ?? c.id), c);
	}
	if (needRecipients) {
		for (const [id, c] of out) {
			if (!Array.isArray(c.recipients)) out.set(id, await getCase(client, id));
		}
	}
	return out;
}
