import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { SIGNICAT } from '../../transport';
import { deleteRetried, documentIdField, uuidSchema } from '../common';

export const description: INodeProperties[] = [documentIdField({ resource: ['document'], operation: ['delete'] })];

const schema = z.object({ documentId: uuidSchema() });

export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { documentId: '' }), i, { documentId: 'Document ID' });
	const confirmed = await deleteRetried(client, SIGNICAT.paths.document(p.documentId), i);
	return { documentId: p.documentId, deleted: true, confirmed };
}
