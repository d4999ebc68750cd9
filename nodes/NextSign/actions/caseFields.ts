import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { compact } from '../../shared/params';
import { SIGNING_SCHEMA_OPTIONS } from './common';
import { NEXTSIGN } from '../transport';

/**
 * The fields Case → Create and Form → Submit share: "The structure of settings, signingSchemas, and recipient
 * objects follows the same pattern as Case Create" (docs.nextsign.dk/docs/forms-submit).
 */
export function signingSchemasField(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Allowed Signing Methods',
		name: 'signingSchemas',
		type: 'multiOptions',
		options: SIGNING_SCHEMA_OPTIONS,
		default: [],
		description: 'Signing methods recipients may choose from; empty uses the company default',
		displayOptions: { show },
	};
}

/** The case `settings` object of the case-create example, as flat editor fields. */
export function settingsField(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Settings',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add setting',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Auto Delete', name: 'autoDelete', type: 'boolean', default: false, description: 'Whether to delete the case automatically after "Delete After (Days)"' },
			{ displayName: 'Available Days', name: 'availabilityDays', type: 'number', default: 30, typeOptions: { minValue: 1 }, description: 'Days the case can be signed (ignored when availability is unlimited)' },
			{ displayName: 'Case Template', name: 'template', type: 'number', default: 0, description: 'Number of the case template to use' },
			{ displayName: 'Days Between Reminders', name: 'reminderDaysBetween', type: 'number', default: 3, typeOptions: { minValue: 1 } },
			{ displayName: 'Delete After (Days)', name: 'deletionDays', type: 'number', default: 30, typeOptions: { minValue: 1 } },
			{
				displayName: 'Language',
				name: 'lang',
				type: 'options',
				options: [
					{ name: 'Danish', value: 'da' },
					{ name: 'English', value: 'en' },
					{ name: 'German', value: 'de' },
					{ name: 'Norwegian', value: 'no' },
					{ name: 'Swedish', value: 'sv' },
				],
				default: 'da',
			},
			{ displayName: 'Number of Reminders', name: 'reminderAmount', type: 'number', default: 2, typeOptions: { minValue: 0 } },
			{ displayName: 'Send Reminders', name: 'remindersSend', type: 'boolean', default: true, description: 'Whether NextSign reminds recipients who have not signed' },
			{ displayName: 'Unlimited Availability', name: 'availabilityUnlimited', type: 'boolean', default: false, description: 'Whether the case stays signable without an end date' },
		],
	};
}

const optionalCount = z.number().int().min(0).optional();

export const settingsSchema = z.object({
	autoDelete: z.boolean().optional(),
	availabilityDays: z.number().int().min(1).optional(),
	template: optionalCount,
	reminderDaysBetween: z.number().int().min(1).optional(),
	deletionDays: z.number().int().min(1).optional(),
	lang: z.string().trim().min(2).max(5).optional(),
	reminderAmount: optionalCount,
	remindersSend: z.boolean().optional(),
	availabilityUnlimited: z.boolean().optional(),
});

export const settingsLabels = {
	'settings.availabilityDays': 'Available Days',
	'settings.reminderDaysBetween': 'Days Between Reminders',
	'settings.deletionDays': 'Delete After (Days)',
	'settings.reminderAmount': 'Number of Reminders',
	'settings.template': 'Case Template',
	'settings.lang': 'Language',
};

export const signingSchemasSchema = z.array(z.enum(NEXTSIGN.signingSchemas)).default([]);

/** The `settings` object of the case-create document, from the flat editor fields. */
export function settingsBody(s: z.infer<typeof settingsSchema>): IDataObject {
	const out: IDataObject = {};
	const reminders = compact({ send: s.remindersSend, amount: s.reminderAmount, daysBetween: s.reminderDaysBetween });
	if (Object.keys(reminders).length) out.reminders = reminders;
	if (s.lang) out.lang = s.lang;
	const deletion = compact({ autoDelete: s.autoDelete, days: s.deletionDays });
	if (Object.keys(deletion).length) out.deletion = deletion;
	const availability = compact({ unlimited: s.availabilityUnlimited, days: s.availabilityDays });
	if (Object.keys(availability).length) out.availability = availability;
	if (s.template !== undefined) out.template = s.template;
	return out;
}
