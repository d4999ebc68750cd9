import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { sinceVersion } from '../../../shared/locator';
import { compact, params, rows } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { NextSignClient } from '../../transport';
import { NEXTSIGN } from '../../transport';
import { simplifyCase, simplifyToggle, wantsSimplify } from '../simplify';
import { settingsBody, settingsField, settingsLabels, settingsSchema, signingSchemasField, signingSchemasSchema } from '../caseFields';
import {
	checkCprs,
	cprsOf,
	formIdField,
	id,
	limitedText,
	normalizeCpr,
	recipientBody,
	recipientLabels,
	recipientRows,
	recipientSchema,
	recipientsField,
	safeOutput,
	optionalEmail,
	scrubbedError,
} from '../common';

const show = { resource: ['form'], operation: ['submit'] };

/** A tag row's Type (the same in both versions' tag rows). */
const TAG_TYPE_FIELD: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'options',
	options: [
		{ name: 'Text', value: 'text' },
		{ name: 'Number', value: 'number', description: 'Sent as a number (e.g. 4500)' },
		{ name: 'Date', value: 'date' },
	],
	default: 'text',
	description: 'The tag’s type, as Form → Get Tags shows it',
};

/** Version 1: tags typed by name. */
const TAGS_V1: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add tag',
	default: {},
	description: 'Values for the form’s tags (Form → Get Tags lists them with their type)',
	displayOptions: { show },
	options: [
		{
			displayName: 'Tag',
			name: 'tag',
			values: [
				{ displayName: 'Tag', name: 'tag', type: 'string', default: '', required: true, placeholder: 'tenant_name' },
				TAG_TYPE_FIELD,
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

/** Version 2: tags picked from the chosen form's own tags (`forms/{id}/tags/get`). */
const TAGS_V2: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add tag',
	default: {},
	description: 'Values for the chosen form’s tags (each listed with its type)',
	displayOptions: { show },
	options: [
		{
			displayName: 'Tag',
			name: 'tag',
			values: [
				{
					displayName: 'Tag Name or ID',
					name: 'tag',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getFormTags', loadOptionsDependsOn: ['formId'] },
					default: '',
					required: true,
					description:
						'The form’s tag, listed with its type from the chosen form. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				TAG_TYPE_FIELD,
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};


/** Tag types of docs/forms-tags ("for example text, number, or date"). */
const TAG_TYPES = ['text', 'number', 'date'] as const;


export const description: INodeProperties[] = [
	formIdField(show),
	...sinceVersion(2, TAGS_V1, TAGS_V2),
	recipientsField(show, 'People who receive the case created from the form'),
	signingSchemasField(show),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Case State',
				name: 'state',
				type: 'options',
				options: [{ name: 'Open', value: 'open', description: 'Open for signing (the only state NextSign documents)' }],
				default: 'open',
				description: 'State of the case created from the form',
			},
			{ displayName: 'Custom Message', name: 'message', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'Message to all recipients ({recipient_name} is replaced)' },
			{ displayName: 'Folder', name: 'folder', type: 'string', default: '', placeholder: 'Default', description: 'Folder to put the case in (default: the form’s)' },
			{ displayName: 'Sender Email', name: 'user_email', type: 'string', default: '', placeholder: 'info@example.com', description: 'Email of the sender' },
			{ displayName: 'Sender Name', name: 'user_name', type: 'string', default: '', placeholder: 'Daniel Prior', description: 'Name of the sender' },
			{ displayName: 'Title', name: 'title', type: 'string', default: '', placeholder: 'Ny Kontrakt', description: 'Title of the case (default: the form’s title)' },
		],
	},
	settingsField(show),
	simplifyToggle(show),
];

const tagSchema = z
	.object({ tag: z.string().trim().min(1), type: z.enum(TAG_TYPES).default('text'), value: z.string().default('') })
	.superRefine((t, ctx) => {
		if (t.type === 'number' && (t.value.trim() === '' || !Number.isFinite(Number(t.value.trim()))))
			ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be a number when "Type" is Number' });
	});

const schema = z.object({
	formId: id('Form ID'),
	tags: z.array(tagSchema),
	recipients: z.array(recipientSchema).min(1),
	signingSchemas: signingSchemasSchema,
	additionalFields: z.object({
		state: z.enum(['open']).optional(),
		message: limitedText(NEXTSIGN.limits.message).optional(),
		folder: z.string().trim().optional(),
		user_email: optionalEmail,
		user_name: z.string().trim().optional(),
		title: z.string().trim().pipe(limitedText(NEXTSIGN.limits.title)).optional(),
	}),
	settings: settingsSchema,
});

const labels = {
	formId: 'Form ID',
	tags: 'Tags',
	'tags.tag': 'Tag',
	'tags.type': 'Type',
	'tags.value': 'Value',
	...recipientLabels,
	signingSchemas: 'Allowed Signing Methods',
	'additionalFields.state': 'Case State',
	'additionalFields.message': 'Custom Message',
	'additionalFields.user_email': 'Sender Email',
	'additionalFields.title': 'Title',
	...settingsLabels,
};

/**
 * `POST forms/{id}/submit` (docs.nextsign.dk/docs/forms-submit): tags, recipients and the case fields the page lists.
 * The answer is `{status: "OK", message, contract: {…the new case…}}`; the case id is put at the top of the output.
 */
export async function execute(this: IExecuteFunctions, i: number, client: NextSignClient): Promise<OperationResult> {
	const raw = params(this, i, { formId: '', tags: {}, recipients: {}, signingSchemas: [], additionalFields: {}, settings: {} });
	const p = validate(
		this,
		schema,
		{
			...raw,
			tags: rows(raw.tags, 'tag').map((t) => ({ ...t, value: t.value === undefined || t.value === null ? '' : String(t.value) })),
			recipients: recipientRows(raw.recipients).map((r) => ({ ...r, cpr: normalizeCpr(r.cpr) })),
		},
		i,
		labels,
	);
	checkCprs(this, p.recipients, i);
	const sensitive = cprsOf(p.recipients);
	const a = p.additionalFields;
	const body: IDataObject = compact({ title: a.title, user_name: a.user_name, user_email: a.user_email, state: a.state, folder: a.folder });
	if (a.message) {
		body.customMessage = true;
		body.message = a.message;
	}
	if (p.signingSchemas.length) body.signingSchemas = p.signingSchemas;
	const settings = settingsBody(p.settings);
	if (Object.keys(settings).length) body.settings = settings;
	// The submit example sends a number tag's value as a JSON number ("value": 4500, "type": "number").
	body.tags = p.tags.map((t) => ({ tag: t.tag, value: t.type === 'number' ? Number(t.value.trim()) : t.value, type: t.type }));
	body.recipients = p.recipients.map(recipientBody);
	let response: IDataObject;
	try {
		response = await client.cases.json<IDataObject>({
			method: 'POST',
			url: NEXTSIGN.cases.formSubmit(client.company, p.formId),
			itemIndex: i,
			body,
			sensitive,
			expect: `status:${NEXTSIGN.success.submit}`,
			appliedHint: 'Use Case → Get Many and look for the case created from this form before submitting again (NextSign has no duplicate protection).',
		});
	} catch (error) {
		throw scrubbedError(this, error, sensitive, i);
	}
	const contract = (response.contract ?? {}) as IDataObject;
	const out = safeOutput({ caseId: contract._id ?? contract.id, ...contract, submitted: { status: response.status, message: response.message } }, sensitive);
	return wantsSimplify(this, i) ? { ...simplifyCase(out), submitted: out.submitted } : out;
}
