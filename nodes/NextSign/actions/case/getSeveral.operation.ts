import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params, splitList } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { NextSignClient } from '../../transport';
import { NEXTSIGN } from '../../transport';
import { id, safeOutput } from '../common';

const show = { resource: ['case'], operation: ['getSeveral'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Case IDs',
		name: 'caseIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '65ab12cd34ef56ab78cd90b0, 65ab12cd34ef56ab78cd90c4',
		description: 'IDs of the cases to get, separated by commas',
		displayOptions: { show },
	},
];

const schema = z.object({ caseIds: z.array(id('Case ID')).min(1) });

/** `GET cases/{id1,id2,…}/get` (docs.nextsign.dk/docs/cases-get-multiple), a batch of ids per request [G: batch size]. */
export async function getCases(client: NextSignClient, caseIds: string[], itemIndex?: number): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (let start = 0; start < caseIds.length; start += NEXTSIGN.idsPerRequest) {
		const batch = caseIds.slice(start, start + NEXTSIGN.idsPerRequest);
		const body = await client.cases.json<IDataObject>({ method: 'GET', url: NEXTSIGN.cases.getSeveral(client.company, batch), itemIndex, expect: `status:${NEXTSIGN.success.getSeveral};list:cases` });
		out.push(...((body.cases as IDataObject[]) ?? []));
	}
	return out;
}

export async function execute(this: IExecuteFunctions, i: number, client: NextSignClient): Promise<OperationResult> {
	const raw = params(this, i, { caseIds: '' });
	const p = validate(this, schema, { caseIds: [...new Set(splitList(raw.caseIds))] }, i, { caseIds: 'Case IDs' });
	return safeOutput(await getCases(client, p.caseIds, i));
}
