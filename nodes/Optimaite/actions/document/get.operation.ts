import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { documentLocator, id, optimaiteSimplifyField, recordLabels, wantsSimplify } from '../common';
import { simplifyDocument } from '../simplify';

const show = { resource: ['document'], operation: ['get'] };

export const description: INodeProperties[] = [...documentLocator(show, 'The Optimaite document to get'), optimaiteSimplifyField(show)];

const schema = z.object({ documentId: id('Document ID') });

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { documentId: '' }), i, { documentId: recordLabels(this).documentId });
	const document = await client.json<IDataObject>({ method: 'GET', url: OPTIMAITE.paths.document(p.documentId), itemIndex: i, scope: 'documents:read' });
	return wantsSimplify(this, i) ? simplifyDocument(document) : document;
}
