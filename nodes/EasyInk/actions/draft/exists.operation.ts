import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call } from '../../transport';
import type { EasyInkOperationName } from '../../transport/paths';
import { draftIdField, idLabels, uuid } from '../common';

const show = { resource: ['draft'], operation: ['exists'] };

export const description: INodeProperties[] = [...draftIdField(show, 'The draft to look for')];

const schema = z.object({ sessionId: uuid() });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '' }), i, { sessionId: idLabels(this).draft });
	return { signingSessionId: p.sessionId, exists: await exists(client, 'draftExists', p.sessionId, i) };
}

/** HEAD: 2xx → true, 404 → false, anything else is an error. */
export async function exists(client: EasyInkClient, operation: EasyInkOperationName, id: string, itemIndex: number): Promise<boolean> {
	let failure: unknown;
	try {
		await call(client, operation, { id }, { itemIndex });
		return true;
	} catch (error) {
		failure = error;
	}
	if ((failure as { httpCode?: string }).httpCode === '404') return false;
	throw failure;
}
