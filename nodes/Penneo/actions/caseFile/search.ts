/** "From List" for case files (the editor's resource locator): Penneo's case file list, searchable by title. */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchResults } from '../../../shared/locator';
import { CASE_FILE_STATUS, maskErrorCpr, penneoClient, safeOutput } from '../../transport';
import { listCaseFilePage } from './getMany.operation';

/** Case files per page of the list in the editor. */
export const SEARCH_PAGE_SIZE = 50;

/** What the list shows for a case file: its title, status and ID ("Lease 12B — pending (1234567)"). */
export function caseFileListName(caseFile: IDataObject): string {
	const status = CASE_FILE_STATUS[Number(caseFile.status)];
	const title = String(caseFile.title ?? '').trim() || 'Untitled case file';
	return `${title}${status ? ` — ${status}` : ''} (${String(caseFile.id)})`;
}

/**
 * One page of case files, newest first (`sort=-created`), narrowed by the typed text with Penneo's `title` filter
 * [3P: community skill]; the page number travels as the pagination token, the next one taken from the `Link` header.
 */
export async function searchCaseFiles(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	try {
		const client = await penneoClient(this);
		const page = Number(paginationToken) > 0 ? Math.floor(Number(paginationToken)) : 1;
		const title = filter?.trim() || undefined;
		const answer = await listCaseFilePage(client, { title, sort: '-created' }, page, SEARCH_PAGE_SIZE);
		const next = answer.nextPage ?? (!answer.linked && answer.rows.length >= SEARCH_PAGE_SIZE ? page + 1 : undefined);
		const rows = answer.rows.map((row) => safeOutput(row));
		return searchResults(rows, (cf) => ({ name: caseFileListName(cf), value: String(cf.id) }), title, next && next > page ? String(next) : undefined);
	} catch (error) {
		throw maskErrorCpr(error);
	}
}
