import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationResult } from '../../../shared/execute';
import type { SignicatClient } from '../../transport';
import { SIGNICAT } from '../../transport';
import { deleteRetried, sessionFields } from '../common';
import { sessionIdParam } from './get.operation';

export const description: INodeProperties[] = sessionFields({ resource: ['signingSession'], operation: ['delete'] }, 'The signing session to delete');

/** Deletes a session (retried on 5xx: a repeated DELETE cannot duplicate anything). */
export async function deleteSession(client: SignicatClient, sessionId: string, i?: number): Promise<void> {
	await deleteRetried(client, SIGNICAT.paths.signingSession(sessionId), i);
}

export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const sessionId = sessionIdParam(this, i);
	await deleteSession(client, sessionId, i);
	return { sessionId, deleted: true };
}
