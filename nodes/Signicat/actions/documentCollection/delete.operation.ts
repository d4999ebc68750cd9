import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { SIGNICAT } from '../../transport';
import { collectionIdField, deleteRetried, uuidSchema } from '../common';

export const description: INodeProperties[] = [collectionIdField({ resource: ['documentCollection'], operation: ['delete'] })];

const schema = z.object({ documentCollectionId: uuidSchema() });

export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { documentCollectionId: '' }), i, { documentCollectionId: 'Document Collection ID' });
	const confirmed = await deleteRetried(client, SIGNICAT.paths.documentCollection(p.documentCollectionId), i);
	return { documentCollectionId: p.documentCollectionId, deleted: true, confirmed };
}
