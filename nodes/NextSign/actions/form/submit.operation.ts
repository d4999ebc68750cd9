import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params, rows } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { NextSignClient } from '../../transport';
import { NEXTSIGN } from '../../transport';
import {
	checkCprs,
	cprsOf,
	formIdField,
	id,
	normalizeCpr,
	recipientBody,
	recipientLabels,
	recipientRows,
	recipientSchema,
	recipientsField,
	safeOutput,
	scrubbedError,
} from '../common';

const show = { resource: ['form'], operation: ['submit'] };

export const description: INodeProperties[] = [
	formIdField(show),
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add tag',
		default: {},
		description: 'Values for the form’s tags (see Form → Get Tags)',
		displayOptions: { show },
		options: [
			{
				displayName: 'Tag',
				name: 'tag',
				values: [
					{ displayName: 'Tag', name: 'tag', type: 'string', default: '', required: true, placeholder: 'tenant_name' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	recipientsField(show, 'People who receive the case created from the form'),
];

const schema = z.object({
	formId: id('Form ID'),
	tags: z.array(z.object({ tag: z.string().trim().min(1), value: z.string().default('') })),
	recipients: z.array(recipientSchema).min(1),
});

export async function execute(this: IExecuteFunctions, i: number, client: NextSignClient): Promise<OperationResult> {
	const raw = params(this, i, { formId: '', tags: {}, recipients: {} });
	const p = validate(
		this,
		schema,
		{
			formId: raw.formId,
			tags: rows(raw.tags, 'tag').map((t) => ({ ...t, value: t.value === undefined || t.value === null ? '' : String(t.value) })),
			recipients: recipientRows(raw.recipients).map((r) => ({ ...r, cpr: normalizeCpr(r.cpr) })),
		},
		i,
		{ formId: 'Form ID', tags: 'Tags', 'tags.tag': 'Tag', 'tags.value': 'Value', ...recipientLabels },
	);
	checkCprs(this, p.recipients, i);
	const sensitive = cprsOf(p.recipients);
	let response: IDataObject;
	try {
		response = await client.cases.json<IDataObject>({
			method: 'POST',
			url: NEXTSIGN.cases.formSubmit(client.company, p.formId),
			itemIndex: i,
			body: { tags: p.tags, recipients: p.recipients.map(recipientBody) },
			sensitive,
			appliedHint: 'Use Case → Get Many and look for the case created from this form before submitting again (NextSign has no duplicate protection).',
		});
	} catch (error) {
		throw scrubbedError(this, error, sensitive, i);
	}
	const data = (response.data as IDataObject) ?? (response.case as IDataObject) ?? response;
	return safeOutput({ ...data, notices: (response.notices as IDataObject[]) ?? [] }, sensitive);
}
