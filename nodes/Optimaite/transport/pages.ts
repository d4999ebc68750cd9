import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectPages } from '../../shared/pagination';
import { compact } from '../../shared/params';
import type { OptimaiteClient } from './client';
import { OPTIMAITE } from './index';

export type CursorRead = { next?: string } | { unknown: string[] };

/**
 * The next-page cursor of a list answer, read tolerantly (its field name is not documented, OPTIMAITE.cursorFields).
 * A cursor field that is present but empty ends the list; a full page without any known field is `unknown` (the
 * caller stops with an error rather than silently after page 1); a short page without one is the last page.
 */
export function readCursor(body: IDataObject, itemCount: number, pageSize: number): CursorRead {
	const places: IDataObject[] = [body];
	for (const name of OPTIMAITE.cursorContainers) {
		const inner = body[name];
		if (inner && typeof inner === 'object' && !Array.isArray(inner)) places.push(inner as IDataObject);
	}
	for (const place of places) {
		for (const field of OPTIMAITE.cursorFields) {
			if (!(field in place)) continue;
			const v = place[field];
			if (typeof v === 'string' && v !== '') return { next: v };
			if (v === null || v === '' || v === false) return {};
		}
		const more = place.has_more ?? place.hasMore;
		if (more === false) return {};
	}
	if (itemCount < pageSize) return {};
	return { unknown: Object.keys(body) };
}

export interface ListOptions {
	returnAll: boolean;
	limit: number;
	itemIndex?: number;
	/** What is listed, for the error ("cases"). */
	what: string;
}

export interface ListPage {
	items: IDataObject[];
	/** The next page's cursor; undefined on the last page. */
	next?: string;
	/** A full page without a cursor field this node knows: the answer's field names. */
	unknown?: string[];
}

/** One page of a cursor-paged Optimaite list (`GET /cases`, `GET /documents`). */
export async function listPage(
	client: OptimaiteClient,
	url: string,
	scope: string,
	filters: IDataObject,
	cursor: string | undefined,
	pageSize: number,
	itemIndex?: number,
): Promise<ListPage> {
	const body = await client.json<IDataObject>({
		method: 'GET',
		url,
		qs: compact({ ...filters, limit: pageSize, cursor }),
		itemIndex,
		scope,
	});
	const items = Array.isArray(body?.data) ? (body.data as IDataObject[]) : [];
	const read = readCursor(body ?? {}, items.length, pageSize);
	return { items, ...('next' in read && read.next ? { next: read.next } : {}), ...('unknown' in read ? { unknown: read.unknown } : {}) };
}

/** Every page of a cursor-paged Optimaite list (`GET /cases`, `GET /documents`), up to Return All / Limit. */
export async function listPages(
	node: INode,
	client: OptimaiteClient,
	url: string,
	scope: string,
	filters: IDataObject,
	options: ListOptions,
): Promise<IDataObject[]> {
	let collected = 0;
	return await collectPages<IDataObject, string | null>(
		null,
		async (cursor, pageSize) => {
			const page = await listPage(client, url, scope, filters, cursor ?? undefined, pageSize, options.itemIndex);
			collected += page.items.length;
			const needMore = options.returnAll || collected < options.limit;
			if (page.unknown && needMore) {
				throw new NodeOperationError(node, `Optimaite sent a full page of ${options.what} without a cursor this node knows, so it cannot read the next page`, {
					itemIndex: options.itemIndex,
					description: `The answer has the fields ${page.unknown.map((f) => `"${f}"`).join(', ')}; this node looks for ${OPTIMAITE.cursorFields.join(', ')} (Optimaite does not document the name). Please report the field name at https://github.com/n8n-nodes-esign/n8n-nodes-esign/issues; until then use a Limit of at most ${pageSize}.`,
				});
			}
			return { items: page.items, next: page.next };
		},
		{ returnAll: options.returnAll, limit: options.limit, maxPageSize: OPTIMAITE.maxPageSize },
	);
}
