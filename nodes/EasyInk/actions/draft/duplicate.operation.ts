import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { callId } from '../../transport';
import { idLabels, optionalText, sessionIdField, subject, uuid } from '../common';

const show = { resource: ['draft'], operation: ['duplicate'] };

export const description: INodeProperties[] = [
	...sessionIdField(show, 'The session to copy into a new draft; the original is left unchanged (not possible for voided or expired sessions)'),
	{
		displayName: 'New Subject',
		name: 'subject',
		type: 'string',
		default: '',
		description: 'Subject of the new draft; leave empty to keep the original subject',
		displayOptions: { show },
	},
];

const schema = z.object({ sessionId: uuid(), subject: optionalText(subject()) });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', subject: '' }), i, { sessionId: idLabels(this).session, subject: 'New Subject' });
	const id = await callId(client, 'sessionDuplicate', { id: p.sessionId }, {
		itemIndex: i,
		body: { subject: p.subject ?? null },
		appliedHint: 'Search the drafts (Signing Session → Search with status Draft) for the copy before duplicating again.',
	});
	return { signingSessionId: id, duplicatedFrom: p.sessionId, status: 'Draft' };
}
