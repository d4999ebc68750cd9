import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { caseLocator, id, optimaiteSimplifyField, recordLabels, wantsSimplify } from '../common';
import { simplifyEnvelope } from '../simplify';

const show = { resource: ['envelope'], operation: ['getMany'] };

export const ENVELOPE_STATUSES = ['draft', 'sent', 'in_progress', 'completed', 'expired', 'declined'] as const;

export const description: INodeProperties[] = [
	...caseLocator(show, 'The case whose signing envelopes to list'),
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
				type: 'multiOptions',
				options: ENVELOPE_STATUSES.map((s) => ({ name: s.replace('_', ' ').replace(/^./, (c) => c.toUpperCase()), value: s })),
				default: [],
				description: 'Only envelopes in these statuses',
			},
		],
	},
	optimaiteSimplifyField(show),
];

const schema = z.object({
	caseId: id('Case ID'),
	returnAll: z.boolean(),
	limit: z.number().int().min(1),
	filters: z.object({ status: z.array(z.enum(ENVELOPE_STATUSES)).optional() }),
});

/**
 * A case's envelopes (`GET /cases/{id}/signed-documents`, one answer, no pages). The documented entries carry only
 * id, title, status and signers (name, status, signed_at): `case_id` is added from the request.
 */
export async function listEnvelopes(client: OptimaiteClient, caseId: string, itemIndex?: number): Promise<IDataObject[]> {
	const body = await client.json<IDataObject>({ method: 'GET', url: OPTIMAITE.paths.caseSignedDocuments(caseId), itemIndex, scope: 'documents:read' });
	const data = Array.isArray(body?.data) ? (body.data as IDataObject[]) : [];
	return data.filter((e) => e && typeof e === 'object' && e.id !== undefined).map((e) => ({ case_id: caseId, ...e }));
}

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { caseId: '', returnAll: false, limit: 50, filters: {} }), i, {
		caseId: recordLabels(this).caseId,
		limit: 'Limit',
		status: 'Status',
	});
	// The endpoint returns every envelope of the case at once (no pages); filter and limit here.
	let envelopes = await listEnvelopes(client, p.caseId, i);
	if (p.filters.status?.length) envelopes = envelopes.filter((e) => p.filters.status!.includes(e.status as never));
	const out = p.returnAll ? envelopes : envelopes.slice(0, p.limit);
	return wantsSimplify(this, i) ? out.map(simplifyEnvelope) : out;
}
