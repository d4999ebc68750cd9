import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { caseLocator, id, optimaiteSimplifyField, recordLabels, wantsSimplify } from '../common';
import { simplifyCase } from '../simplify';

const show = { resource: ['case'], operation: ['get'] };

export const description: INodeProperties[] = [...caseLocator(show, 'The Optimaite case to get'), optimaiteSimplifyField(show)];

const schema = z.object({ caseId: id('Case ID') });

/** `GET /cases/{id}` (cases:read). */
export async function getCase(client: OptimaiteClient, caseId: string, itemIndex?: number): Promise<IDataObject> {
	return await client.json({ method: 'GET', url: OPTIMAITE.paths.case(caseId), itemIndex, scope: 'cases:read' });
}

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { caseId: '' }), i, { caseId: recordLabels(this).caseId });
	const found = await getCase(client, p.caseId, i);
	return wantsSimplify(this, i) ? simplifyCase(found) : found;
}
