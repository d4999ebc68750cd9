import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { callId } from '../../transport';
import type { ParticipantInput } from '../common';
import { PARTICIPANT_LABELS, draftIdField, idLabels, participantBody, participantFields, participantSchema, uuid } from '../common';

const show = { resource: ['participant'], operation: ['add'] };

export const description: INodeProperties[] = [...draftIdField(show, 'The draft the signer is added to'), ...participantFields(show)];

const schema = z.object({ sessionId: uuid() }).and(participantSchema);

export const PARTICIPANT_DEFAULTS = { firstName: '', middleName: '', lastName: '', email: '', phone: '', deliveryMethods: ['Email'], language: 'English' };

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', ...PARTICIPANT_DEFAULTS }), i, { sessionId: idLabels(this).draft, ...PARTICIPANT_LABELS });
	const participantId = await addParticipant(client, p.sessionId, p, i);
	return { signingSessionId: p.sessionId, participantId, ...participantBody(p) };
}

export async function addParticipant(client: EasyInkClient, id: string, p: ParticipantInput, itemIndex: number): Promise<string> {
	const body = participantBody(p);
	const res = await callId(client, 'participantAdd', { id }, {
		itemIndex,
		body,
		sensitive: [p.phone ?? ''],
		appliedHint: `Get draft ${id} and look for ${p.firstName} ${p.lastName} among its participants before adding them again.`,
	});
	return res;
}
