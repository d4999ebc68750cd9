import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { SIGNICAT } from '../../transport';
import { deleteRetried, sessionIdField, uuidSchema } from '../common';

export const description: INodeProperties[] = [sessionIdField({ resource: ['signingSession'], operation: ['delete'] })];

const schema = z.object({ sessionId: uuidSchema() });

export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '' }), i, { sessionId: 'Signing Session ID' });
	const confirmed = await deleteRetried(client, SIGNICAT.paths.signingSession(p.sessionId), i);
	return { sessionId: p.sessionId, deleted: true, confirmed };
}
