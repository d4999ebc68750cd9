import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { PenneoClient } from '../../transport';
import { PENNEO } from '../../transport';
import { caseFileId, caseFileLabel, caseFileLocator } from '../common';

const show = { resource: ['caseFile'], operation: ['delete'] };

export const description: INodeProperties[] = caseFileLocator(show, 'The case file to delete');

const schema = z.object({ caseFileId });

/**
 * `DELETE /api/v1/casefiles/{id}` [C: Postman request 6]. Penneo removes a case file while it is new and marks a sent
 * one deleted (sdk-php docs). Repeating a delete cannot duplicate anything: retried like a read, and a 404 on a
 * repeat means an earlier attempt did it.
 */
export async function deleteCaseFile(client: PenneoClient, id: string, itemIndex?: number): Promise<IDataObject> {
	await client.request({
		method: 'DELETE',
		url: PENNEO.paths.deleteCaseFile(id),
		itemIndex,
		safety: 'delete',
		appliedHint: `Use Case File → Get with ID ${id} to see whether it was deleted.`,
	});
	return { caseFileId: Number(id), deleted: true };
}

export async function execute(this: IExecuteFunctions, i: number, client: PenneoClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { caseFileId: '' }), i, { caseFileId: caseFileLabel(this) });
	return await deleteCaseFile(client, p.caseFileId, i);
}
