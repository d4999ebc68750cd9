import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import type { PageOptions } from '../../../shared/pagination';
import { collectPages } from '../../../shared/pagination';
import { compact, params, splitList } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { PenneoClient } from '../../transport';
import { CASE_FILE_STATUS, nameStatuses, PENNEO, safeOutput } from '../../transport';
import { unixTime } from '../common';
import { penneoSimplifyField, simplifyCaseFile, wantsSimplify } from '../simplify';

const show = { resource: ['caseFile'], operation: ['getMany'] };

const STATUS_NAMES = Object.entries(CASE_FILE_STATUS);

export const description: INodeProperties[] = [
	...returnAllOrLimit(show, 1000),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Completed After',
				name: 'completedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only case files completed after this time',
			},
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only case files created after this time',
			},
			{
				displayName: 'Folder IDs',
				name: 'folderIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12, 34',
				description: 'Only case files in these folders, separated by commas',
			},
			{
				displayName: 'Reference',
				name: 'reference',
				type: 'string',
				default: '',
				description: 'Only case files with this reference',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: STATUS_NAMES.map(([value, name]) => ({ name: name.charAt(0).toUpperCase() + name.slice(1), value: Number(value) })),
				default: 5,
				description: 'Only case files in this status',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'Only case files whose title contains this text',
			},
			{
				displayName: 'Updated After',
				name: 'updatedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only case files changed after this time',
			},
		],
	},
	penneoSimplifyField(show),
];

const schema = z.object({
	returnAll: z.boolean(),
	limit: z.number().int().min(1).max(1000),
	filters: z.object({
		status: z.number().int().min(0).max(8).optional(),
		title: z.string().min(1).optional(),
		reference: z.string().min(1).optional(),
		folderIds: z.array(z.string().regex(/^\d+$/, 'must be numbers separated by commas')).optional(),
		createdAfter: unixTime.optional(),
		updatedAfter: unixTime.optional(),
		completedAfter: unixTime.optional(),
	}),
});

export interface CaseFileQuery {
	status?: number;
	title?: string;
	reference?: string;
	folderIds?: string[];
	createdAfter?: number;
	updatedAfter?: number;
	completedAfter?: number;
	sort?: string;
}

/** The page number of the `Link` header's rel="next" entry, if there is one. */
export function nextPageOf(link: unknown): { page: number; perPage?: number } | undefined {
	const text = Array.isArray(link) ? link.join(',') : typeof link === 'string' ? link : '';
	for (const part of text.split(/,(?=\s*<)/)) {
		const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
		if (!m) continue;
		const query = new URLSearchParams(m[1].includes('?') ? m[1].slice(m[1].indexOf('?') + 1) : '');
		const page = Number(query.get(PENNEO.listPaging.page));
		const perPage = Number(query.get(PENNEO.listPaging.perPage));
		if (Number.isInteger(page) && page > 0) return { page, perPage: Number.isInteger(perPage) && perPage > 0 ? perPage : undefined };
	}
	return undefined;
}

export interface ListMeta {
	/** Penneo's clock when it answered the first page (its HTTP Date header, ms). */
	serverTime?: number;
}

export interface CaseFilePage {
	rows: IDataObject[];
	/** The page the `Link` header's rel="next" names, if it names one. */
	nextPage?: number;
	/** Whether the answer had a `Link` header at all (a server that pages otherwise has none). */
	linked: boolean;
	/** Penneo's clock when it answered (its HTTP Date header, ms). */
	serverTime?: number;
}

const headerOf = (headers: Record<string, unknown> | undefined, name: string) => Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];

/** One page of the case file list: `x-paginate: true` with `page`/`per_page` [C: sdk-net], filters as given. */
export async function listCaseFilePage(client: PenneoClient, query: CaseFileQuery, page: number, perPage: number, itemIndex?: number): Promise<CaseFilePage> {
	const { folderIds, ...rest } = query;
	const qs: IDataObject = compact({ ...rest, folderIds: folderIds?.length ? folderIds.join(',') : undefined } as IDataObject);
	const res = await client.request<unknown>({
		method: 'GET',
		url: PENNEO.paths.caseFiles,
		headers: { [PENNEO.listPaging.header]: 'true' },
		qs: { ...qs, [PENNEO.listPaging.page]: page, [PENNEO.listPaging.perPage]: perPage },
		itemIndex,
	});
	const body = res.body;
	const date = Date.parse(String(headerOf(res.headers, 'date') ?? ''));
	const rows = Array.isArray(body) ? (body as IDataObject[]) : (((body as IDataObject)?.items ?? (body as IDataObject)?.data ?? []) as IDataObject[]);
	const link = headerOf(res.headers, 'link');
	return { rows, nextPage: nextPageOf(link)?.page, linked: !!link, serverTime: Number.isNaN(date) ? undefined : date };
}

/**
 * Reads the case file list page by page, following the `Link` header's rel="next" [C: sdk-net]. Tolerant of a
 * server that pages otherwise or not at all: rows are de-duplicated by id; without a Link header a full page is
 * followed by one more page, and a page that brings nothing new ends the read (so a server that ignores `page` and
 * answers everything costs one extra request, never a loop).
 */
export async function listCaseFiles(client: PenneoClient, query: CaseFileQuery, options: Omit<PageOptions, 'maxPageSize'>, itemIndex?: number, meta: ListMeta = {}) {
	const seen = new Set<string>();
	const max = PENNEO.listPaging.maxPerPage;
	// Pages are numbered, so every page has the same size (the last one is cut to the limit).
	const perPage = options.returnAll ? max : Math.min(max, Math.max(options.limit, 1));
	return await collectPages<IDataObject, number>(
		1,
		async (page) => {
			const answer = await listCaseFilePage(client, query, page, perPage, itemIndex);
			if (page === 1 && answer.serverTime !== undefined) meta.serverTime = answer.serverTime;
			const fresh = answer.rows.filter((row) => {
				const key = String(row.id);
				if (seen.has(key)) return false;
				seen.add(key);
				return true;
			});
			const more = answer.nextPage !== undefined ? answer.nextPage > page : !answer.linked && answer.rows.length >= perPage && fresh.length > 0;
			return { items: fresh, next: more ? (answer.nextPage ?? page + 1) : undefined };
		},
		{ ...options, maxPageSize: max },
	);
}

export async function execute(this: IExecuteFunctions, i: number, client: PenneoClient): Promise<OperationResult> {
	const raw = params(this, i, { returnAll: false, limit: 50, filters: {} });
	const filters = compact((raw.filters ?? {}) as IDataObject);
	if (filters.folderIds !== undefined) filters.folderIds = splitList(filters.folderIds);
	const p = validate(this, schema, { ...raw, filters }, i, {
		limit: 'Limit',
		'filters.status': 'Status',
		'filters.folderIds': 'Folder IDs',
		'filters.createdAfter': 'Created After',
		'filters.updatedAfter': 'Updated After',
		'filters.completedAfter': 'Completed After',
	});
	const caseFiles = await listCaseFiles(client, p.filters, { returnAll: p.returnAll, limit: p.limit }, i);
	const simplify = wantsSimplify(this, i);
	return caseFiles.map((cf) => {
		const named = safeOutput(nameStatuses(cf));
		return simplify ? simplifyCaseFile(named) : named;
	});
}
