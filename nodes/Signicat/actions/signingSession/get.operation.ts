import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { publicSession, SIGNICAT } from '../../transport';
import { sessionIdField, uuidSchema } from '../common';

export const description: INodeProperties[] = [sessionIdField({ resource: ['signingSession'], operation: ['get'] })];

const schema = z.object({ sessionId: uuidSchema() });

export async function getSession(client: SignicatClient, sessionId: string, i: number): Promise<IDataObject> {
	return await client.json<IDataObject>({ method: 'GET', url: SIGNICAT.paths.signingSession(sessionId), itemIndex: i });
}

export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '' }), i, { sessionId: 'Signing Session ID' });
	return publicSession(await getSession(client, p.sessionId, i));
}
