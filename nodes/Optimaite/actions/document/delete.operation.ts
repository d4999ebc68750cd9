import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { documentLocator, id, isV2, recordLabels } from '../common';

export const description: INodeProperties[] = [...documentLocator({ resource: ['document'], operation: ['delete'] }, 'The Optimaite document to delete')];

const schema = z.object({ documentId: id('Document ID') });

/** `DELETE /documents/{id}` (documents:delete). A repeated DELETE cannot duplicate anything: retried, and a 404 on a repeat counts as deleted. */
export async function deleteDocument(client: OptimaiteClient, documentId: string, itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', url: OPTIMAITE.paths.document(documentId), itemIndex, scope: 'documents:delete', safety: 'delete' });
}

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { documentId: '' }), i, { documentId: recordLabels(this).documentId });
	await deleteDocument(client, p.documentId, i);
	// Version 2 names the document as every other output does.
	return isV2(this) ? { documentId: p.documentId, deleted: true } : { id: p.documentId, deleted: true };
}
