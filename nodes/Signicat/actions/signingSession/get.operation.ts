import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { publicSession, SIGNICAT } from '../../transport';
import { sessionFields, sessionLabel, uuidSchema } from '../common';
import { sessionOutput, sessionSimplifyField, wantsSimplified } from './output';

const show = { resource: ['signingSession'], operation: ['get'] };

export const description: INodeProperties[] = [...sessionFields(show, 'The signing session to get'), sessionSimplifyField(show)];

const schema = z.object({ sessionId: uuidSchema() });

export async function getSession(client: SignicatClient, sessionId: string, i?: number): Promise<IDataObject> {
	return await client.json<IDataObject>({ method: 'GET', url: SIGNICAT.paths.signingSession(sessionId), itemIndex: i });
}

/** The session id of one item, checked (the field named as the editor labels it in this node version). */
export function sessionIdParam(ctx: IExecuteFunctions, i: number): string {
	return validate(ctx, schema, params(ctx, i, { sessionId: '' }), i, { sessionId: sessionLabel(ctx) }).sessionId;
}

export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const session = await getSession(client, sessionIdParam(this, i), i);
	// Version 1: Signicat's answer as it is (national ids masked); version 2: Simplify decides.
	return this.getNode().typeVersion >= 2 ? sessionOutput(session, wantsSimplified(this, i)) : publicSession(session);
}
