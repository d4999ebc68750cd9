import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call } from '../../transport';
import { PARTICIPANT_LABELS, draftIdField, idLabels, participantBody, participantFields, participantIdField, participantSchema, uuid } from '../common';
import { PARTICIPANT_DEFAULTS } from './add.operation';

const show = { resource: ['participant'], operation: ['update'] };

export const description: INodeProperties[] = [
	...draftIdField(show),
	...participantIdField(show, 'The participant to update'),
	{
		displayName: 'All details are replaced: fill in every field, not only the ones that change',
		name: 'updateNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	...participantFields(show),
];

const schema = z.object({ sessionId: uuid(), participantId: uuid() }).and(participantSchema);

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', participantId: '', ...PARTICIPANT_DEFAULTS }), i, {
		sessionId: idLabels(this).draft,
		participantId: idLabels(this).participant,
		...PARTICIPANT_LABELS,
	});
	const body = participantBody(p);
	await call(client, 'participantUpdate', { id: p.sessionId, participantId: p.participantId }, { itemIndex: i, body, safety: 'read', sensitive: [p.phone ?? ''] });
	return { signingSessionId: p.sessionId, participantId: p.participantId, ...body };
}
