import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call, withHint } from '../../transport';
import { idLabels, sessionIdField, uuid, voidReason } from '../common';

const show = { resource: ['session'], operation: ['void'] };

export const description: INodeProperties[] = [
	...sessionIdField(show, 'The started session to cancel; no one can sign it afterwards'),
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
	const p = validate(this, schema, params(this, i, { sessionId: '', reason: '' }), i, { sessionId: idLabels(this).session, reason: 'Reason' });
	return await voidSession(client, p.sessionId, p.reason, i);
}

/** POST /api/signingSessions/{id}/voided {reason} [C], with the rule in front of a refusal. */
export async function voidSession(client: EasyInkClient, sessionId: string, reason: string, itemIndex: number) {
	await withHint(VOID_RULE, async () =>
		await call(client, 'sessionVoid', { id: sessionId }, { itemIndex, body: { reason }, appliedHint: `Get session ${sessionId} to see whether it is already voided.` }),
	);
	return { signingSessionId: sessionId, status: 'Voided', reason };
}
