import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call, withHint } from '../../transport';
import { sessionIdField, uuid, voidReason } from '../common';

const show = { resource: ['session'], operation: ['void'] };

export const description: INodeProperties[] = [
	sessionIdField(show, 'ID of the started session to cancel; no one can sign it afterwards'),
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 2 },
		description: 'Why the session is voided; participants see it and it is kept in the audit trail (1–1000 characters)',
		displayOptions: { show },
	},
];

const schema = z.object({ sessionId: uuid(), reason: voidReason() });

export const VOID_RULE =
	'A session can be voided once, while participants can still sign (not a draft, not finished, declined, voided or expired), unless your organization’s EasyInk policy forbids voiding. Voiding cannot be undone.';

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', reason: '' }), i, { sessionId: 'Session ID', reason: 'Reason' });
	// POST /api/signingSessions/{id}/voided {reason} [C]
	await withHint(VOID_RULE, async () =>
		await call(client, 'sessionVoid', { id: p.sessionId }, { itemIndex: i, body: { reason: p.reason }, appliedHint: `Get session ${p.sessionId} to see whether it is already voided.` }),
	);
	return { signingSessionId: p.sessionId, status: 'Voided', reason: p.reason };
}
