import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { compact, params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { listPages } from '../../transport/pages';
import { optimaiteSimplifyField, wantsSimplify } from '../common';
import { simplifyCase } from '../simplify';

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
			{ displayName: 'Search', name: 'search', type: 'string', default: '', placeholder: 'e.g. AZ-2026-042', description: 'Text in the case name or file number' },
		],
	},
	optimaiteSimplifyField(show),
];

const schema = z.object({
	returnAll: z.boolean(),
	limit: z.number().int().min(1),
	filters: z.object({ status: z.enum(['active', 'closed', 'archived']).optional(), search: z.string().optional() }),
});

export async function listCases(
	node: INode,
	client: OptimaiteClient,
	filters: IDataObject,
	options: { returnAll: boolean; limit: number },
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await listPages(node, client, OPTIMAITE.paths.cases, 'cases:read', filters, { ...options, itemIndex, what: 'cases' });
}

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { returnAll: false, limit: 50, filters: {} }), i, {
		returnAll: 'Return All',
		limit: 'Limit',
		status: 'Status',
	});
	const cases = await listCases(this.getNode(), client, compact(p.filters), p, i);
	return wantsSimplify(this, i) ? cases.map(simplifyCase) : cases;
}
