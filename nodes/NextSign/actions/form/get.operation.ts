import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { NextSignClient } from '../../transport';
import { NEXTSIGN } from '../../transport';
import { formIdField, id, safeOutput } from '../common';

const show = { resource: ['form'], operation: ['get'] };

export const description: INodeProperties[] = [formIdField(show)];

const schema = z.object({ formId: id('Form ID') });

export async function execute(this: IExecuteFunctions, i: number, client: NextSignClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { formId: '' }), i, { formId: 'Form ID' });
	// docs/forms-get: the answer is the form object itself.
	const form = await client.cases.json<IDataObject>({ method: 'GET', url: NEXTSIGN.cases.form(client.company, p.formId), itemIndex: i, expect: 'field:_id' });
	return safeOutput(form);
}
