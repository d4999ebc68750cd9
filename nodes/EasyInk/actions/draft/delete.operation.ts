import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call } from '../../transport';
import { draftIdField, idLabels, uuid } from '../common';

const show = { resource: ['draft'], operation: ['delete'] };

export const description: INodeProperties[] = [
	...draftIdField(show, 'The draft to delete for good, with its documents, participants and fields. Started sessions are voided, not deleted.'),
];

const schema = z.object({ sessionId: uuid() });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '' }), i, { sessionId: idLabels(this).draft });
	await call(client, 'draftDelete', { id: p.sessionId }, { itemIndex: i });
	return { signingSessionId: p.sessionId, deleted: true };
}
