import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { callJson } from '../../transport';
import { idLabels, sessionIdField, simplifyOn, simplifyToggle, uuid } from '../common';
import { simpleSession } from '../simplify';

const show = { resource: ['session'], operation: ['get'] };

export const description: INodeProperties[] = [...sessionIdField(show, 'The started or completed signing session'), simplifyToggle(show)];

const schema = z.object({ sessionId: uuid() });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '' }), i, { sessionId: idLabels(this).session });
	const session = await getSession(client, p.sessionId, i);
	return simplifyOn(this, i) ? simpleSession(session) : session;
}

export async function getSession(client: EasyInkClient, id: string, itemIndex?: number): Promise<IDataObject> {
	return await callJson<IDataObject>(client, 'sessionGet', { id }, { itemIndex });
}
