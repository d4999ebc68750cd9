import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call, withHint } from '../../transport';
import { PARTICIPANT_LABELS, deliveryMethodsField, deliverySchema, idLabels, participantIdField, sessionIdField, uuid } from '../common';

const show = { resource: ['participant'], operation: ['updateDelivery'] };

export const CONTACT_RULE =
	'EasyInk changes the contact only for a participant who is still Pending and has not opened their signing link; they then get a new invitation and the old link stops working.';

export const description: INodeProperties[] = [
	{
		displayName: CONTACT_RULE,
		name: 'updateDeliveryNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	...sessionIdField(show, 'The started signing session'),
	...participantIdField(show, 'A participant who is still Pending and has not opened their signing link ("participantId" in Signing Session → Get)', 'session'),
	{ displayName: 'Email', name: 'email', type: 'string', default: '', placeholder: 'name@email.com', description: 'Email address (needed for Email delivery)', displayOptions: { show } },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: 'e.g. 2025551234', description: 'Phone number of exactly 10 digits (needed for SMS delivery)', displayOptions: { show } },
	deliveryMethodsField(show),
];

const schema = z.object({ sessionId: uuid(), participantId: uuid() }).and(deliverySchema);

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', participantId: '', deliveryMethods: ['Email'], email: '', phone: '' }), i, {
		sessionId: idLabels(this).session,
		participantId: idLabels(this).participant,
		...PARTICIPANT_LABELS,
	});
	const body = { deliveryMethods: p.deliveryMethods, email: p.email ?? null, phone: p.phone ?? null };
	// PUT /api/signingSessions/{id}/participants/{participantId} {deliveryMethods, email, phone} [C]
	await withHint(CONTACT_RULE, async () =>
		await call(client, 'participantUpdateDelivery', { id: p.sessionId, participantId: p.participantId }, {
			itemIndex: i,
			body,
			sensitive: [p.phone ?? ''],
			appliedHint: 'A new invitation may already have been sent: get the session to check the participant before trying again.',
		}),
	);
	return { signingSessionId: p.sessionId, participantId: p.participantId, ...body };
}
