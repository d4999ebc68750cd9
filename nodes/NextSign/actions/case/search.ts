/** "From List" for cases (the editor's resource locator) and the Form → Submit tag list (`methods`). */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { searchResults } from '../../../shared/locator';
import { compact } from '../../../shared/params';
import { NEXTSIGN, nextSignClient } from '../../transport';
import { safeOutput } from '../common';

/** Cases per page of the list in the editor. */
export const SEARCH_PAGE_SIZE = 50;

/** What the list shows for a case: its title, folder and ID ("Lejeaftale — Leases (65ab…)"). */
export function caseListName(c: IDataObject): string {
	const title = String(c.title ?? '').trim() || 'Untitled case';
	const folder = typeof c.folder === 'string' && c.folder ? ` — ${c.folder}` : '';
	return `${title}${folder} (${String(c._id ?? c.id)})`;
}

/**
 * One page of `cases/get` (docs/cases: zero-based `index`, `limit`); NextSign has no search parameter, so the typed
 * text narrows the loaded page by title (or ID). The next page index travels as the pagination token.
 */
export async function searchCases(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await nextSignClient(this);
	const index = Number(paginationToken) > 0 ? Math.floor(Number(paginationToken)) : 0;
	const body = await client.cases.json<IDataObject>({
		method: 'GET',
		url: NEXTSIGN.cases.list(client.company),
		qs: compact({ limit: SEARCH_PAGE_SIZE, index }),
		expect: `status:${NEXTSIGN.success.list};list:cases`,
	});
	const cases = ((body.cases as IDataObject[]) ?? []).map((c) => safeOutput(c));
	const next = cases.length >= SEARCH_PAGE_SIZE ? String(index + 1) : undefined;
	return searchResults(cases, (c) => ({ name: caseListName(c), value: String(c._id ?? c.id) }), filter, next);
}

/** Form → Submit's tags, from the chosen form's own tags (docs/forms-tags: `[{name, tag, value, type, _id}]`). */
export async function getFormTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	// What the editor holds for the field now; the saved parameter when it has none.
	const formId = String(this.getCurrentNodeParameter('formId') ?? this.getNodeParameter('formId', '') ?? '').trim();
	if (!formId || formId.startsWith('=')) return [];
	const client = await nextSignClient(this);
	const tags = await client.cases.json<IDataObject[]>({ method: 'GET', url: NEXTSIGN.cases.formTags(client.company, formId), expect: 'array' });
	return tags
		.filter((t) => typeof t.tag === 'string' && t.tag)
		.map((t) => ({
			name: `${String(t.name ?? t.tag)} (${String(t.type ?? 'text')})`,
			value: String(t.tag),
			description: `Tag ${String(t.tag)}, type ${String(t.type ?? 'text')}${t.value !== undefined && t.value !== '' ? `, default ${String(t.value)}` : ''}`,
		}));
}
