import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call } from '../../transport';
import { FIELD_TYPES, draftIdField, idField, idLabels, uuid } from '../common';
import { fieldTypeField, requiredField } from './add.operation';

const show = { resource: ['signatureField'], operation: ['updateOptions'] };

export const description: INodeProperties[] = [
	...draftIdField(show),
	idField('signatureFieldId', 'Signature Field ID', show, 'ID of the field to change'),
	{ ...fieldTypeField(show), description: 'Type of the field (the options must match it)' },
	requiredField(show),
];

const schema = z.object({ sessionId: uuid(), signatureFieldId: uuid(), fieldType: z.enum(FIELD_TYPES), isRequired: z.boolean() });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', signatureFieldId: '', fieldType: 'Signature', isRequired: true }), i, {
		sessionId: idLabels(this).draft,
		signatureFieldId: 'Signature Field ID',
		fieldType: 'Type',
		isRequired: 'Required',
	});
	const body = { isRequired: p.isRequired, forType: p.fieldType };
	await call(client, 'signatureFieldUpdateOptions', { id: p.sessionId, signatureFieldId: p.signatureFieldId }, { itemIndex: i, body, safety: 'read' });
	return { signingSessionId: p.sessionId, signatureFieldId: p.signatureFieldId, options: body };
}
