/**
 * "From List" of the EasyInk node (version 2): drafts and signing sessions from the session search, and — inside the
 * chosen draft or session — its participants, documents and signed copies, as EasyInk's answers list them.
 * EasyInk's search has no text filter: the typed filter is matched against the page read (subject, status, id), and
 * the next page is one scroll away (the page index is the pagination token).
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { searchResults } from '../../shared/locator';
import { isLocatorValue } from '../../shared/params';
import { getDraft } from '../actions/draft/get.operation';
import { getSession } from '../actions/session/get.operation';
import { searchPage } from '../actions/session/search.operation';
import { easyInkClient } from '../transport';

/** Sessions per list page (EasyInk's largest page). */
const PAGE_SIZE = 100;
/** Pages read at most for one list request when a page has nothing to show (drafts among started sessions, a filter). */
const MAX_PAGES = 5;
const NOT_STARTED = new Set(['Draft', 'ReadyToStart']);

const STATUS_WORDS: Record<string, string> = {
	Draft: 'Draft',
	ReadyToStart: 'Ready to Start',
	Pending: 'Pending',
	InProgress: 'In Progress',
	Finished: 'Finished',
	Declined: 'Declined',
	Voided: 'Voided',
	Expired: 'Expired',
};

/** "Employment Agreement (In Progress, 2024-12-17)". */
function sessionName(item: IDataObject): string {
	const subject = typeof item.subject === 'string' && item.subject.trim() ? item.subject.trim() : '(no subject)';
	const status = STATUS_WORDS[String(item.status)] ?? String(item.status ?? '');
	const created = typeof item.created === 'string' ? item.created.slice(0, 10) : '';
	return `${subject} (${[status, created].filter(Boolean).join(', ')})`;
}

/**
 * Sessions of the search, newest first, from the page in `token` on; `keep` decides which are shown. Reads further
 * pages (at most MAX_PAGES) while nothing on them is shown, so that the list never looks empty while more exist.
 */
async function sessionList(
	ctx: ILoadOptionsFunctions,
	statuses: string[],
	keep: (item: IDataObject) => boolean,
	filter?: string,
	token?: string,
): Promise<INodeListSearchResult> {
	const client = await easyInkClient(ctx);
	let index = Math.max(0, Number.parseInt(token ?? '0', 10) || 0);
	const results: INodeListSearchItems[] = [];
	let more = false;
	for (let read = 0; read < MAX_PAGES; read++) {
		const page = await searchPage(client, { statuses, sortBy: 'created', descending: true }, index, PAGE_SIZE);
		results.push(...searchResults(page.items.filter(keep), (item) => ({ name: sessionName(item), value: String(item.id) }), filter).results);
		index += 1;
		more = page.items.length > 0 && index < page.pagesCount;
		if (!more || results.length) break;
	}
	return { results, ...(more ? { paginationToken: String(index) } : {}) };
}

/** The id chosen in another field of the node (From List, By ID), or an error saying what to choose first. */
function chosen(ctx: ILoadOptionsFunctions, parameter: string, what: string): string {
	// A locator's value (From List or By ID: EasyInk has no "By URL"), or version 1's text.
	const raw = ctx.getCurrentNodeParameter(parameter);
	const value = isLocatorValue(raw) ? raw.value : raw;
	const id = typeof value === 'string' ? value.trim() : '';
	if (!id) throw new NodeOperationError(ctx.getNode(), `Choose the ${what} first`, { description: `The list shows what the chosen ${what} contains.` });
	if (id.startsWith('=')) {
		throw new NodeOperationError(ctx.getNode(), `The ${what} is set by an expression`, {
			description: `The list can only be read for a ${what} picked from the list or entered by ID: enter this ID "By ID" (an expression works there too).`,
		});
	}
	return id;
}

const personName = (p: IDataObject) => {
	const name = [p.firstName, p.lastName].filter((v) => typeof v === 'string' && v).join(' ') || '(no name)';
	return p.email ? `${name} (${String(p.email)})` : name;
};

export const listSearch = {
	/** Drafts (not converted yet). */
	async searchDrafts(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
		return await sessionList(this, ['Draft'], () => true, filter, token);
	},

	/** Sessions converted to Ready to Start (Signing Session → Start). */
	async searchReadySessions(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
		return await sessionList(this, ['ReadyToStart'], () => true, filter, token);
	},

	/** Started sessions (Pending, In Progress, Finished, Declined, Voided, Expired): no search filter returns Pending ones. */
	async searchSessions(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
		return await sessionList(this, [], (item) => !NOT_STARTED.has(String(item.status)), filter, token);
	},

	/** The participants of the chosen draft. */
	async searchDraftParticipants(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const draft = await getDraft(await easyInkClient(this), chosen(this, 'sessionId', 'draft'));
		return searchResults((draft.participants as IDataObject[] | null) ?? [], (p) => ({ name: personName(p), value: String(p.id) }), filter);
	},

	/** The participants of the chosen started session, with their status. */
	async searchSessionParticipants(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const session = await getSession(await easyInkClient(this), chosen(this, 'sessionId', 'signing session'));
		return searchResults(
			(session.participants as IDataObject[] | null) ?? [],
			(p) => ({ name: `${personName(p)}${p.status ? ` — ${String(p.status)}` : ''}`, value: String(p.participantId) }),
			filter,
		);
	},

	/** The documents of the chosen draft. */
	async searchDraftDocuments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const draft = await getDraft(await easyInkClient(this), chosen(this, 'sessionId', 'draft'));
		return searchResults((draft.documents as IDataObject[] | null) ?? [], (d) => ({ name: String(d.title ?? d.id), value: String(d.id) }), filter);
	},

	/** The documents of the chosen draft or started session ("Session Stage"). */
	async searchSessionDocuments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		if (this.getCurrentNodeParameter('stage') !== 'session') return await listSearch.searchDraftDocuments.call(this, filter);
		const session = await getSession(await easyInkClient(this), chosen(this, 'sessionId', 'signing session'));
		return searchResults((session.documents as IDataObject[] | null) ?? [], (d) => ({ name: String(d.title ?? d.documentId), value: String(d.documentId) }), filter);
	},

	/** The participants' signed copies of the chosen session (there once each participant has signed). */
	async searchSignedDocuments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const session = await getSession(await easyInkClient(this), chosen(this, 'sessionId', 'signing session'));
		return searchResults(
			(session.signedDocuments as IDataObject[] | null) ?? [],
			(d) => ({ name: `${String(d.title ?? d.signedDocumentId)}${d.processingStatus ? ` — ${String(d.processingStatus)}` : ''}`, value: String(d.signedDocumentId) }),
			filter,
		);
	},
};
