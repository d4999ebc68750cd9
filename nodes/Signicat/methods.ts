import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchResults } from '../shared/locator';
import { listSessionPage } from './actions/signingSession/getMany.operation';
import { signicatClient, SIGNICAT } from './transport';

/** Sessions per page of the "From List" picker (the editor asks for the next page as the user scrolls). */
export const SEARCH_PAGE_SIZE = 100;

const STATE_LABELS: Record<string, string> = { BLOCKED: 'waiting', READY: 'ready to sign', REJECTED: 'rejected', SIGNED: 'signed' };

/**
 * "From List" for signing sessions: newest first, searched by title on Signicat's side (`sessionTitleLike`), paged
 * with offset/limit. Each entry shows the title and state; the stored value is the session id. No web URL is
 * offered (the signing link is the signer's, not a page of the session).
 */
export async function searchSessions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await signicatClient(this);
	const offset = Math.max(0, Number(paginationToken ?? 0) || 0);
	const needle = filter?.trim();
	const page = await listSessionPage(client, { sort: '-createdAt', ...(needle ? { titleContains: needle } : {}) }, offset, SEARCH_PAGE_SIZE);
	const next = offset + SEARCH_PAGE_SIZE;
	const more = page.data.length === SEARCH_PAGE_SIZE && (page.total === undefined || next < page.total) && next <= SIGNICAT.limits.listOffsetMax;
	return searchResults(
		page.data,
		(s) => {
			const state = String((s.lifecycle as { state?: string } | undefined)?.state ?? '');
			const title = String(s.title ?? '') || String(s.id);
			return { name: state ? `${title} (${STATE_LABELS[state] ?? state.toLowerCase()})` : title, value: String(s.id) };
		},
		// Signicat already searched by title: no second filtering here.
		undefined,
		more ? String(next) : undefined,
	);
}
