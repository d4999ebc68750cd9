import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import type { PageOptions } from '../../../shared/pagination';
import { collectPages, offsetPage } from '../../../shared/pagination';
import { compact, params, splitList } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { PenneoClient } from '../../transport';
import { CASE_FILE_STATUS, nameStatuses, PENNEO } from '../../transport';
import { unixTime } from '../common';

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
				placeholder: '12, 34',
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

/** Reads the case file list page by page (limit/offset) with the given filters. */
export async function listCaseFiles(client: PenneoClient, query: CaseFileQuery, options: Omit<PageOptions, 'maxPageSize'>, itemIndex?: number) {
	const { folderIds, ...rest } = query;
	const qs: IDataObject = compact({ ...rest, folderIds: folderIds?.length ? folderIds.join(',') : undefined } as IDataObject);
	return await collectPages<IDataObject, number>(
		0,
		async (offset, pageSize) => {
			const body = await client.json<unknown>({
				method: 'GET',
				url: PENNEO.paths.caseFiles,
				qs: { ...qs, [PENNEO.listQuery.limit]: pageSize, ...(offset ? { [PENNEO.listQuery.offset]: offset } : {}) },
				itemIndex,
			});
			const items = Array.isArray(body) ? (body as IDataObject[]) : (((body as IDataObject)?.data ?? []) as IDataObject[]);
			return offsetPage(items, offset, pageSize);
		},
		{ ...options, maxPageSize: PENNEO.listQuery.maxPageSize },
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
	return caseFiles.map(nameStatuses);
}
