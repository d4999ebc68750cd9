import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { NextSignClient } from '../../transport';
import { NEXTSIGN } from '../../transport';
import { caseLabel, caseLocator, id } from '../common';

const show = { resource: ['case'], operation: ['delete'] };

export const description: INodeProperties[] = caseLocator(show, 'The case to delete', 'ID of the NextSign case to delete');

const schema = z.object({ caseId: id('Case ID') });

/**
 * `GET case/{id}/delete` (docs.nextsign.dk/docs/case-delete: a GET) → `{status: "removed", return: {acknowledged,
 * deletedCount}}`. Repeating it cannot duplicate anything, so it is retried like a read; a repeat that finds the case
 * gone ("Case not found") means an earlier attempt deleted it.
 */
export async function execute(this: IExecuteFunctions, i: number, client: NextSignClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { caseId: '' }), i, { caseId: caseLabel(this) });
	return await deleteCase(client, p.caseId, i);
}

/** Deletes one case (used by Case → Delete and the E-Signature adapter's cancel). */
export async function deleteCase(client: NextSignClient, caseId: string, itemIndex?: number): Promise<IDataObject> {
	const res = await client.cases.request<IDataObject>({
		method: 'GET',
		url: NEXTSIGN.cases.delete(client.company, caseId),
		safety: 'delete',
		itemIndex,
		expect: `status:${NEXTSIGN.success.delete}`,
	});
	if (res.appliedEarlier) return { caseId, deleted: true, deletedCount: 1 };
	const result = (res.body.return ?? {}) as IDataObject;
	return { caseId, deleted: true, deletedCount: result.deletedCount ?? 1 };
}
