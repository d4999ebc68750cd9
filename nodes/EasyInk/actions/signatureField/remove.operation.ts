import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { callJson } from '../../transport';
import { draftIdField, idField, idLabels, uuid } from '../common';

const show = { resource: ['signatureField'], operation: ['remove'] };

export const description: INodeProperties[] = [
	...draftIdField(show),
	idField('signatureFieldId', 'Signature Field ID', show, 'ID of the field to remove; fields that depend on it (e.g. its date) are removed too'),
];

const schema = z.object({ sessionId: uuid(), signatureFieldId: uuid() });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', signatureFieldId: '' }), i, { sessionId: idLabels(this).draft, signatureFieldId: 'Signature Field ID' });
	const removed = await callJson<unknown>(client, 'signatureFieldRemove', { id: p.sessionId, signatureFieldId: p.signatureFieldId }, { itemIndex: i });
	const removedSignatureFieldIds = Array.isArray(removed) ? removed.map(String) : [p.signatureFieldId];
	return { signingSessionId: p.sessionId, signatureFieldId: p.signatureFieldId, removedSignatureFieldIds };
}
