import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { callId } from '../../transport';
import { idLabels, optionalText, sessionIdField, subject, uuid, voidReason } from '../common';

const show = { resource: ['draft'], operation: ['recreate'] };

export const description: INodeProperties[] = [
	...sessionIdField(show, 'The started session to copy into a new draft and then void'),
	{
		displayName: 'Void Reason',
		name: 'voidReason',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 2 },
		description: 'Why the original session is voided; participants see it and it is kept in the audit trail (1–1000 characters)',
		displayOptions: { show },
	},
	{
		displayName: 'New Subject',
		name: 'subject',
		type: 'string',
		default: '',
		description: 'Subject of the new draft; leave empty to keep the original subject',
		displayOptions: { show },
	},
];

const schema = z.object({ sessionId: uuid(), voidReason: voidReason(), subject: optionalText(subject()) });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', voidReason: '', subject: '' }), i, {
		sessionId: idLabels(this).session,
		voidReason: 'Void Reason',
		subject: 'New Subject',
	});
	const id = await callId(client, 'sessionRecreate', { id: p.sessionId }, {
		itemIndex: i,
		body: { subject: p.subject ?? null, voidReason: p.voidReason },
		appliedHint: `Get session ${p.sessionId}: if it is already voided, the new draft exists — search the drafts before running again.`,
	});
	return { signingSessionId: id, recreatedFrom: p.sessionId, voidedSessionId: p.sessionId, status: 'Draft' };
}
