import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call } from '../../transport';
import { draftIdField, idLabels, participantIdField, uuid } from '../common';

const show = { resource: ['participant'], operation: ['remove'] };

export const description: INodeProperties[] = [
	...draftIdField(show),
	...participantIdField(show, 'The participant to remove; their signature fields are removed with them'),
];

const schema = z.object({ sessionId: uuid(), participantId: uuid() });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', participantId: '' }), i, { sessionId: idLabels(this).draft, participantId: idLabels(this).participant });
	await call(client, 'participantRemove', { id: p.sessionId, participantId: p.participantId }, { itemIndex: i });
	return { signingSessionId: p.sessionId, participantId: p.participantId, removed: true };
}
