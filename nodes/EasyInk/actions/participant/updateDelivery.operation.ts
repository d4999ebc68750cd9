import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call } from '../../transport';
import { PARTICIPANT_LABELS, deliveryMethodsField, deliverySchema, idField, sessionIdField, uuid } from '../common';

const show = { resource: ['participant'], operation: ['updateDelivery'] };

export const description: INodeProperties[] = [
	sessionIdField(show, 'ID of the started signing session'),
	idField('participantId', 'Participant ID', show, 'ID of the participant; not possible once they have opened their signing link'),
	deliveryMethodsField(show),
	{ displayName: 'Email', name: 'email', type: 'string', default: '', placeholder: 'name@email.com', description: 'Email address (needed for Email delivery)', displayOptions: { show } },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: '2025551234', description: 'Phone number of exactly 10 digits (needed for SMS delivery)', displayOptions: { show } },
];

const schema = z.object({ sessionId: uuid(), participantId: uuid() }).and(deliverySchema);

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', participantId: '', deliveryMethods: ['Email'], email: '', phone: '' }), i, {
		sessionId: 'Session ID',
		participantId: 'Participant ID',
		...PARTICIPANT_LABELS,
	});
	const body = { deliveryMethods: p.deliveryMethods, email: p.email ?? null, phone: p.phone ?? null };
	await call(client, 'participantUpdateDelivery', { id: p.sessionId, participantId: p.participantId }, {
		itemIndex: i,
		body,
		sensitive: [p.phone ?? ''],
		appliedHint: 'A new invitation may already have been sent: get the session to check the participant before trying again.',
	});
	return { signingSessionId: p.sessionId, participantId: p.participantId, ...body };
}
