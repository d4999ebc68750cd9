import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { NextSignClient } from '../../transport';
import { NEXTSIGN } from '../../transport';
import { formIdField, id, safeOutput } from '../common';

const show = { resource: ['form'], operation: ['getTags'] };

export const description: INodeProperties[] = [formIdField(show)];

const schema = z.object({ formId: id('Form ID') });

export async function execute(this: IExecuteFunctions, i: number, client: NextSignClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { formId: '' }), i, { formId: 'Form ID' });
	const body = await client.cases.json<IDataObject>({ method: 'GET', url: NEXTSIGN.cases.formTags(client.company, p.formId), itemIndex: i });
	// One item with every tag, so a Set node can fill them in for Form → Submit.
	return safeOutput({ formId: p.formId, tags: (body.tags as IDataObject[]) ?? [] });
}
