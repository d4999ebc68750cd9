import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { documentIdField, id } from '../common';

export const description: INodeProperties[] = [documentIdField({ resource: ['document'], operation: ['delete'] })];

const schema = z.object({ documentId: id('Document ID') });

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { documentId: '' }), i, { documentId: 'Document ID' });
	// A repeated DELETE cannot duplicate anything: retried, and a 404 on a repeat counts as deleted.
	await client.request({ method: 'DELETE', url: OPTIMAITE.paths.document(p.documentId), itemIndex: i, scope: 'documents:delete', safety: 'delete' });
	return { id: p.documentId, deleted: true };
}
