import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { collectPages, cursorPage } from '../../../shared/pagination';
import { compact, params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { nextCursor, OPTIMAITE } from '../../transport';

const show = { resource: ['case'], operation: ['getMany'] };

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
					{ name: 'Active', value: 'active' },
					{ name: 'Archived', value: 'archived' },
					{ name: 'Closed', value: 'closed' },
				],
				default: 'active',
			},
			{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Text the case must contain' },
		],
	},
];

const schema = z.object({
	returnAll: z.boolean(),
	limit: z.number().int().min(1),
	filters: z.object({ status: z.enum(['active', 'closed', 'archived']).optional(), search: z.string().optional() }),
});

/** Largest page `GET /cases` serves. */
const MAX_PAGE = 100;

export async function listCases(
	client: OptimaiteClient,
	filters: IDataObject,
	options: { returnAll: boolean; limit: number },
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await collectPages<IDataObject, string | null>(
		null,
		async (cursor, pageSize) => {
			const body = await client.json<IDataObject>({
				method: 'GET',
				url: OPTIMAITE.paths.cases,
				qs: compact({ ...filters, limit: pageSize, cursor: cursor ?? undefined }),
				itemIndex,
			});
			return cursorPage((body.data as IDataObject[]) ?? [], nextCursor(body));
		},
		{ ...options, maxPageSize: MAX_PAGE },
	);
}

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { returnAll: false, limit: 50, filters: {} }), i, {
		returnAll: 'Return All',
		limit: 'Limit',
		status: 'Status',
	});
	return await listCases(client, compact(p.filters), p, i);
}
