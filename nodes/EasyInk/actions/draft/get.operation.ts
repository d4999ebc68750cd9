import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { callJson } from '../../transport';
import { draftIdField, idLabels, simplifyOn, simplifyToggle, uuid } from '../common';
import { simpleDraft } from '../simplify';

const show = { resource: ['draft'], operation: ['get'] };

export const description: INodeProperties[] = [...draftIdField(show), simplifyToggle(show)];

const schema = z.object({ sessionId: uuid() });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '' }), i, { sessionId: idLabels(this).draft });
	const draft = await getDraft(client, p.sessionId, i);
	return simplifyOn(this, i) ? simpleDraft(draft) : draft;
}

export async function getDraft(client: EasyInkClient, id: string, itemIndex?: number): Promise<IDataObject> {
	return await callJson<IDataObject>(client, 'draftGet', { id }, { itemIndex });
}
