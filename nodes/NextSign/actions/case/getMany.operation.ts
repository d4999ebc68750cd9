import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { collectPages, indexPage } from '../../../shared/pagination';
import { compact, params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { NextSignClient } from '../../transport';
import { NEXTSIGN } from '../../transport';
import { safeOutput } from '../common';

const show = { resource: ['case'], operation: ['getMany'] };

export const CASE_STATUSES = ['signed', 'denied', 'pending'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const description: INodeProperties[] = [
	...returnAllOrLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Denied', value: 'denied', description: 'A recipient refused to sign' },
					{ name: 'Pending', value: 'pending', description: 'Waiting for signatures' },
					{ name: 'Signed', value: 'signed', description: 'Every recipient has signed' },
				],
				default: 'pending',
			},
			{ displayName: 'Folder', name: 'folder', type: 'string', default: '', placeholder: 'Default', description: 'Only cases in this folder' },
		],
	},
];

const schema = z.object({
	returnAll: z.boolean(),
	limit: z.number().int().min(1),
	filters: z.object({ status: z.enum(CASE_STATUSES).optional(), folder: z.string().trim().optional() }),
});

/** Return All / Limit over `cases/get` (zero-based page `index`, `limit` per page). */
export async function listCases(
	client: NextSignClient,
	filters: { status?: CaseStatus; folder?: string },
	options: { returnAll: boolean; limit: number; maxPages?: number },
	itemIndex?: number,
): Promise<IDataObject[]> {
	// One page size for every page, so the zero-based page index stays meaningful from one page to the next.
	const size = options.returnAll ? NEXTSIGN.maxPageSize : Math.min(options.limit, NEXTSIGN.maxPageSize);
	return await collectPages<IDataObject, number>(
		0,
		async (index) => {
			const body = await client.cases.json<IDataObject>({
				method: 'GET',
				url: NEXTSIGN.cases.list(client.company),
				qs: compact({ status: filters.status, folder: filters.folder || undefined, limit: size, index }),
				itemIndex,
				expect: `status:${NEXTSIGN.success.list};list:cases`,
			});
			const cases = (body.cases as IDataObject[]) ?? [];
			return indexPage(cases, index, size);
		},
		{ ...options, maxPageSize: NEXTSIGN.maxPageSize },
	);
}

export async function execute(this: IExecuteFunctions, i: number, client: NextSignClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { returnAll: false, limit: 50, filters: {} }), i, {
		limit: 'Limit',
		'filters.status': 'Status',
		'filters.folder': 'Folder',
	});
	return safeOutput(await listCases(client, p.filters, p, i));
}
