import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call } from '../../transport';
import { REMINDER_FREQUENCIES, draftIdField, idLabels, optionalText, subject, uuid } from '../common';

const show = { resource: ['draft'], operation: ['update'] };

export const description: INodeProperties[] = [
	...draftIdField(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '', description: 'New subject (at most 500 characters)' },
			{
				displayName: 'Reminder Frequency',
				name: 'reminderFrequency',
				type: 'options',
				options: [
					{ name: 'Never', value: 'Never' },
					{ name: 'Daily', value: 'Daily' },
					{ name: 'Weekly', value: 'Weekly' },
				],
				default: 'Never',
				description: 'How often participants who have not signed are reminded once the session is started',
			},
		],
	},
];

const schema = z.object({
	sessionId: uuid(),
	updateFields: z.object({
		subject: optionalText(subject()),
		reminderFrequency: z.enum(REMINDER_FREQUENCIES).optional(),
	}),
});

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', updateFields: {} }), i, {
		sessionId: idLabels(this).draft,
		subject: 'Subject',
		reminderFrequency: 'Reminder Frequency',
	});
	if (p.updateFields.subject === undefined && p.updateFields.reminderFrequency === undefined) {
		throw new NodeOperationError(this.getNode(), `Add "Subject" or "Reminder Frequency" under "Update Fields" [item ${i}]`, { itemIndex: i });
	}
	return await updateDraft(client, p.sessionId, p.updateFields, i);
}

/** EasyInk replaces both values: what is not changed is read from the draft first, so it is kept. */
export async function updateDraft(
	client: EasyInkClient,
	id: string,
	fields: { subject?: string; reminderFrequency?: string },
	itemIndex: number,
): Promise<IDataObject> {
	let { subject: newSubject, reminderFrequency } = fields;
	if (newSubject === undefined || reminderFrequency === undefined) {
		const draft = (await call<IDataObject>(client, 'draftGet', { id }, { itemIndex })).body;
		newSubject ??= (draft.subject as string | null) ?? undefined;
		reminderFrequency ??= (draft.reminderFrequency as string | null) ?? undefined;
	}
	const body = { subject: newSubject ?? null, reminderFrequency: reminderFrequency ?? null };
	await call(client, 'draftUpdate', { id }, { itemIndex, body, safety: 'read' });
	return { signingSessionId: id, ...body };
}
