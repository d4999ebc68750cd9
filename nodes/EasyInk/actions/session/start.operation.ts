import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call } from '../../transport';
import { idLabels, sessionIdField, uuid } from '../common';

const show = { resource: ['session'], operation: ['start'] };

export const description: INodeProperties[] = [
	...sessionIdField(show, 'A session that is ready to start (see Draft → Convert to Ready to Start); participants get their invitations', 'searchReadySessions'),
];

const schema = z.object({ sessionId: uuid() });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '' }), i, { sessionId: idLabels(this).session });
	await startSession(client, p.sessionId, i);
	return { signingSessionId: p.sessionId, started: true };
}

export async function startSession(client: EasyInkClient, id: string, itemIndex: number) {
	await call(client, 'sessionStart', { id }, {
		itemIndex,
		appliedHint: `Get session ${id}: if its status is InProgress or Pending, invitations were sent — do not start it again.`,
	});
}
