import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { PenneoClient } from '../../transport';
import { PENNEO } from '../../transport';
import { caseFileId, caseFileIdField } from '../common';

const show = { resource: ['caseFile'], operation: ['delete'] };

export const description: INodeProperties[] = [caseFileIdField(show, 'ID of the case file to delete')];

const schema = z.object({ caseFileId });

export async function execute(this: IExecuteFunctions, i: number, client: PenneoClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { caseFileId: '' }), i, { caseFileId: 'Case File ID' });
	await client.request({
		method: 'DELETE',
		url: PENNEO.paths.deleteCaseFile(p.caseFileId),
		itemIndex: i,
		// Repeating a delete cannot duplicate anything: retried like a read, and a 404 on a repeat means it was done.
		safety: 'delete',
		appliedHint: `Use Case File → Get with ID ${p.caseFileId} to see whether it was deleted.`,
	});
	return { caseFileId: Number(p.caseFileId), deleted: true };
}
