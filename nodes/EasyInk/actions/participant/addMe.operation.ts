import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { callJson } from '../../transport';
import { draftIdField, idLabels, simplifyOn, simplifyToggle, uuid } from '../common';
import { simpleMe } from '../simplify';

const show = { resource: ['participant'], operation: ['addMe'] };

export const description: INodeProperties[] = [
	...draftIdField(show, 'The draft to add yourself (the signed-in EasyInk user) to'),
	{
		displayName: 'No delivery method is set: use Participant → Update to choose Email or SMS if you want an invitation',
		name: 'addMeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	simplifyToggle(show),
];

const schema = z.object({ sessionId: uuid() });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '' }), i, { sessionId: idLabels(this).draft });
	const participant = await callJson<IDataObject>(client, 'participantAddMe', { id: p.sessionId }, {
		itemIndex: i,
		appliedHint: `Get draft ${p.sessionId} and look for yourself among its participants before adding again.`,
	});
	return simplifyOn(this, i) ? simpleMe(p.sessionId, participant) : { signingSessionId: p.sessionId, participantId: participant.id, ...participant };
}
