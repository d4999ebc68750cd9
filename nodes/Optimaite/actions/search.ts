/**
 * What the editor lists for the pickers (node version 2): cases ("From List", searched by Optimaite), documents (the
 * chosen case's, or the workspace's), a case's envelopes, and the chosen case's documents for the multi-pick of
 * "Document Names or IDs". Each reads the same paths as the operations.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { searchResults } from '../../shared/locator';
import { isLocatorValue } from '../../shared/params';
import { OPTIMAITE, optimaiteClient } from '../transport';
import { listPage, listPages } from '../transport/pages';
import { listEnvelopes } from './envelope/getMany.operation';

/** Records per page of a list in the editor. */
export const SEARCH_PAGE_SIZE = 50;
/** At most this many of a case's documents are offered in the multi-pick (then: IDs by expression). */
const MAX_PICK_DOCUMENTS = 500;

const day = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : '');

/** "Smith v. Jones (AZ-2026-042)". */
export const caseName = (c: IDataObject) => `${String(c.name ?? '').trim() || 'Unnamed case'}${c.file_number ? ` (${String(c.file_number)})` : ''}`;
/** "contract.pdf — 2026-03-10". */
export const documentName = (d: IDataObject) => `${String(d.filename ?? d.id)}${day(d.created_at) ? ` — ${day(d.created_at)}` : ''}`;
/** "Employment Agreement — completed". */
export const envelopeName = (e: IDataObject) => `${String(e.title ?? '').trim() || 'Untitled envelope'} — ${String(e.status ?? 'unknown').replace('_', ' ')}`;

/**
 * The case chosen in this node (its "Case" picker or the v1 text), or undefined when none is chosen yet. An
 * expression cannot be resolved while editing: that is said, rather than listing another case's records.
 */
function chosenCase(ctx: ILoadOptionsFunctions): string | undefined {
	const raw = ctx.getCurrentNodeParameter('caseId') as unknown;
	const value = isLocatorValue(raw) ? raw.value : raw;
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) return undefined;
	if (text.startsWith('=')) {
		throw new NodeOperationError(ctx.getNode(), 'The case is an expression: its documents and envelopes can only be listed for a case chosen From List or By ID', {
			description: 'Choose the case From List (or type its ID) to pick from its records, or give these IDs by expression too.',
		});
	}
	return text;
}

function needCase(ctx: ILoadOptionsFunctions, what: string): string {
	const caseId = chosenCase(ctx);
	if (!caseId) throw new NodeOperationError(ctx.getNode(), `Choose the case first: the list shows that case’s ${what}`);
	return caseId;
}

/** Cases, searched by name or file number on Optimaite's side (`GET /cases?search=…`), in cursor pages. */
export async function searchCases(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await optimaiteClient(this);
	const search = filter?.trim() || undefined;
	const page = await listPage(client, OPTIMAITE.paths.cases, 'cases:read', { search }, paginationToken || undefined, SEARCH_PAGE_SIZE);
	// Optimaite has already searched (name or file number): the page is shown as it came.
	return searchResults(page.items, (c) => ({ name: caseName(c), value: String(c.id) }), undefined, page.next);
}

/** Documents of the chosen case, or of the workspace when the node has no case; the typed text narrows each page by file name. */
export async function searchDocuments(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const caseId = chosenCase(this);
	const client = await optimaiteClient(this);
	const filters = caseId ? { [OPTIMAITE.documentsCaseParam]: caseId } : {};
	const page = await listPage(client, OPTIMAITE.paths.documents, 'documents:read', filters, paginationToken || undefined, SEARCH_PAGE_SIZE);
	return searchResults(page.items, (d) => ({ name: documentName(d), value: String(d.id) }), filter, page.next);
}

/** The chosen case's envelopes (`GET /cases/{id}/signed-documents`, one answer), narrowed by title. */
export async function searchEnvelopes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const caseId = needCase(this, 'envelopes');
	const client = await optimaiteClient(this);
	return searchResults(await listEnvelopes(client, caseId), (e) => ({ name: envelopeName(e), value: String(e.id) }), filter);
}

/** The chosen case's documents for the multi-pick (every page, up to 500). */
export async function getCaseDocuments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const caseId = needCase(this, 'documents');
	const client = await optimaiteClient(this);
	const documents = await listPages(this.getNode(), client, OPTIMAITE.paths.documents, 'documents:read', { [OPTIMAITE.documentsCaseParam]: caseId }, {
		returnAll: false,
		limit: MAX_PICK_DOCUMENTS,
		what: 'documents',
	});
	return documents.map((d) => ({ name: documentName(d), value: String(d.id), description: String(d.mime_type ?? '') }));
}
