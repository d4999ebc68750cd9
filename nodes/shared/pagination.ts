import type { IDataObject } from 'n8n-workflow';

export interface Page<TItem, TNext> {
	items: TItem[];
	/** Where the next page starts; undefined when this was the last page. */
	next?: TNext;
}

export interface PageOptions {
	returnAll: boolean;
	/** Used when returnAll is false. */
	limit: number;
	/** Largest page the provider allows. */
	maxPageSize: number;
	/** Safety stop against a provider that never ends (pages). */
	maxPages?: number;
}

/**
 * Return All / Limit over any pagination shape. `fetchPage` receives where to start and how many
 * items to ask for (never more than needed when a limit is set).
 */
export async function collectPages<TItem, TNext>(
	first: TNext,
	fetchPage: (start: TNext, pageSize: number) => Promise<Page<TItem, TNext>>,
	options: PageOptions,
): Promise<TItem[]> {
	const out: TItem[] = [];
	const maxPages = options.maxPages ?? 10_000;
	let start: TNext | undefined = first;
	for (let page = 0; start !== undefined && page < maxPages; page++) {
		const wanted = options.returnAll ? options.maxPageSize : Math.min(options.maxPageSize, options.limit - out.length);
		if (wanted <= 0) break;
		const result: Page<TItem, TNext> = await fetchPage(start, wanted);
		out.push(...result.items);
		if (!options.returnAll && out.length >= options.limit) return out.slice(0, options.limit);
		if (result.items.length === 0) break;
		start = result.next;
	}
	return out;
}

/** offset/limit pagination: the next page starts where this one ended, while the total says there is more. */
export function offsetPage<T>(items: T[], offset: number, pageSize: number, total?: number): Page<T, number> {
	const end = offset + items.length;
	const more = total !== undefined ? end < total : items.length >= pageSize;
	return { items, next: more ? end : undefined };
}

/** page-index pagination (0- or 1-based): a full page means there may be another, unless the provider says. */
export function indexPage<T>(items: T[], index: number, pageSize: number, hasMore?: boolean): Page<T, number> {
	const more = hasMore ?? items.length >= pageSize;
	return { items, next: more ? index + 1 : undefined };
}

/** cursor pagination: follow the provider's cursor until it is empty. */
export function cursorPage<T>(items: T[], nextCursor: unknown): Page<T, string | null> {
	return { items, next: typeof nextCursor === 'string' && nextCursor !== '' ? nextCursor : undefined };
}

export type ListResult = IDataObject[];
