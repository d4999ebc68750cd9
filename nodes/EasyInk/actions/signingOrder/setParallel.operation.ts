import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call, withHint } from '../../transport';
import { draftIdField, idLabels, uuid } from '../common';

const show = { resource: ['signingOrder'], operation: ['setParallel'] };

export const description: INodeProperties[] = [...draftIdField(show, 'A session that is still a Draft (not yet converted to ready to start); everyone gets the link at once and signs in any order')];

const schema = z.object({ sessionId: uuid() });

export const ORDER_RULE = 'EasyInk sets the signing order only while the session is a Draft (not after Convert to Ready to Start or Start).';

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '' }), i, { sessionId: idLabels(this).draft });
	// PUT …/signingOrder/allAtOnce with no body [C].
	await withHint(ORDER_RULE, async () => await call(client, 'signingOrderParallel', { id: p.sessionId }, { itemIndex: i, safety: 'read' }));
	return { signingSessionId: p.sessionId, signingOrder: 'AllAtOnce' };
}
