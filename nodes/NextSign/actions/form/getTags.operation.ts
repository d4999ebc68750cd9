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
	// docs/forms-tags: a bare array [{name, tag, value, type, _id}].
	const tags = await client.cases.json<IDataObject[]>({ method: 'GET', url: NEXTSIGN.cases.formTags(client.company, p.formId), itemIndex: i, expect: 'array' });
	// One item with every tag (its type kept: Form → Submit sends a number tag as a number).
	return safeOutput({ formId: p.formId, tags });
}
