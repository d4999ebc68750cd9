import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { idLabels, sessionIdField, uuid } from '../common';
import { exists } from '../draft/exists.operation';

const show = { resource: ['session'], operation: ['exists'] };

export const description: INodeProperties[] = [...sessionIdField(show, 'The signing session to look for')];

const schema = z.object({ sessionId: uuid() });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '' }), i, { sessionId: idLabels(this).session });
	return { signingSessionId: p.sessionId, exists: await exists(client, 'sessionExists', p.sessionId, i) };
}
