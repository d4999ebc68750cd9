import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { callJson } from '../../transport';
import { draftIdField, uuid } from '../common';

const show = { resource: ['draft'], operation: ['get'] };

export const description: INodeProperties[] = [draftIdField(show)];

const schema = z.object({ sessionId: uuid() });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '' }), i, { sessionId: 'Draft ID' });
	return await callJson<IDataObject>(client, 'draftGet', { id: p.sessionId }, { itemIndex: i });
}
