import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call } from '../../transport';
import { documentIdField, draftIdField, idLabels, uuid } from '../common';

const show = { resource: ['document'], operation: ['remove'] };

export const description: INodeProperties[] = [
	...draftIdField(show),
	...documentIdField(show, 'The document to remove; its signature fields are removed with it'),
];

const schema = z.object({ sessionId: uuid(), documentId: uuid() });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', documentId: '' }), i, { sessionId: idLabels(this).draft, documentId: idLabels(this).document });
	await call(client, 'draftDocumentRemove', { id: p.sessionId, documentId: p.documentId }, { itemIndex: i });
	return { signingSessionId: p.sessionId, documentId: p.documentId, removed: true };
}
