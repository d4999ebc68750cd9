import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { collectPages, indexPage } from '../../../shared/pagination';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { EASYINK_SEARCH, callJson } from '../../transport';
import { LIMITS, SEARCH_STATUSES, simplifyOn, simplifyToggle } from '../common';
import { simpleSearchItem } from '../simplify';

const show = { resource: ['session'], operation: ['search'] };

const STATUS_NAMES: Record<string, string> = {
	Draft: 'Draft',
	ReadyToStart: 'Ready to Start',
	InProgress: 'In Progress',
	NeedToSign: 'Need to Sign (Me)',
	Finished: 'Finished',
	Declined: 'Declined',
	Voided: 'Voided',
	Expired: 'Expired',
	NeedsAction: 'Needs Action',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: SEARCH_STATUSES.map((s) => ({ name: STATUS_NAMES[s] ?? s, value: s })),
		default: [],
		description: 'Only sessions in these statuses; leave empty for all',
		displayOptions: { show },
	},
	...returnAllOrLimit(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'Created', value: 'created' },
					{ name: 'Status', value: 'status' },
					{ name: 'Subject', value: 'subject' },
				],
				default: 'created',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				options: [
					{ name: 'Descending', value: 'desc', description: 'Newest or Z first' },
					{ name: 'Ascending', value: 'asc', description: 'Oldest or A first' },
				],
				default: 'desc',
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 100,
				description: 'Sessions read per request (1–100)',
			},
		],
	},
	simplifyToggle(show),
];

const schema = z.object({
	statuses: z.array(z.enum(SEARCH_STATUSES)),
	returnAll: z.boolean(),
	limit: z.number().int().min(1),
	options: z.object({
		sortBy: z.enum(['created', 'status', 'subject']).optional(),
		sortDirection: z.enum(['asc', 'desc']).optional(),
		pageSize: z.number().int().min(1).max(LIMITS.pageSize).optional(),
	}),
});

export interface SearchQuery {
	statuses?: string[];
	sortBy?: string;
	descending?: boolean;
}

/** The search query string: statuses repeated, as EasyInk documents (`statuses=InProgress&statuses=NeedToSign`). */
export function searchQuery(q: SearchQuery, pageIndex: number, pageSize: number): string {
	const qs = new URLSearchParams();
	qs.append(EASYINK_SEARCH.pageIndex, String(pageIndex));
	qs.append(EASYINK_SEARCH.pageSize, String(pageSize));
	for (const s of q.statuses ?? []) qs.append(EASYINK_SEARCH.statuses, s);
	if (q.sortBy) {
		qs.append(EASYINK_SEARCH.sortProperty(0), q.sortBy);
		qs.append(EASYINK_SEARCH.sortDescending(0), String(q.descending ?? true));
	}
	return qs.toString();
}

export interface SearchPage {
	items: IDataObject[];
	pageIndex: number;
	pagesCount: number;
	totalItemsCount: number;
}

export async function searchPage(client: EasyInkClient, q: SearchQuery, pageIndex: number, pageSize: number, itemIndex?: number): Promise<SearchPage> {
	const body = await callJson<IDataObject>(client, 'sessionSearch', {}, { itemIndex, query: searchQuery(q, pageIndex, pageSize) });
	return {
		items: ((body.items as IDataObject[] | null) ?? []).filter(Boolean),
		pageIndex: Number(body.pageIndex ?? pageIndex),
		pagesCount: Number(body.pagesCount ?? 0),
		totalItemsCount: Number(body.totalItemsCount ?? 0),
	};
}

/** Return All / Limit over zero-based page indexes; `pagesCount` says when to stop. */
export async function searchSessions(
	client: EasyInkClient,
	q: SearchQuery,
	options: { returnAll: boolean; limit: number; pageSize?: number; maxPages?: number },
	itemIndex?: number,
): Promise<IDataObject[]> {
	const pageSize = options.pageSize ?? LIMITS.pageSize;
	return await collectPages<IDataObject, number>(
		0,
		async (index) => {
			// Keep the page size fixed: EasyInk's page index counts pages of that size.
			const page = await searchPage(client, q, index, pageSize, itemIndex);
			return indexPage(page.items, index, pageSize, index + 1 < page.pagesCount);
		},
		{ returnAll: options.returnAll, limit: options.limit, maxPageSize: pageSize, maxPages: options.maxPages },
	);
}

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { statuses: [], returnAll: false, limit: 50, options: {} }), i, {
		statuses: 'Statuses',
		limit: 'Limit',
		sortBy: 'Sort By',
		sortDirection: 'Sort Direction',
		pageSize: 'Page Size',
	});
	const items = await searchSessions(
		client,
		{ statuses: p.statuses, sortBy: p.options.sortBy, descending: (p.options.sortDirection ?? 'desc') === 'desc' },
		{ returnAll: p.returnAll, limit: p.limit, pageSize: p.options.pageSize },
		i,
	);
	return simplifyOn(this, i) ? items.map(simpleSearchItem) : items;
}
