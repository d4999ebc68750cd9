import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { EASYINK_ENUMS } from '../transport';

type Show = Record<string, string[]>;

// ─── Limits from EasyInk's public API document ─────────────────────────────────────────────────────────
export const LIMITS = {
	subject: 500,
	name: 100,
	email: 256,
	voidReason: 1000,
	pageSize: 100,
	minSize: 0.1,
} as const;

export const DELIVERY_METHODS = EASYINK_ENUMS.deliveryMethod;
export const LANGUAGES = EASYINK_ENUMS.language;
export const REMINDER_FREQUENCIES = EASYINK_ENUMS.reminderFrequency;
export const SEARCH_STATUSES = EASYINK_ENUMS.searchStatus;
/** Field types: "Signature" is confirmed by EasyInk's document; the others are named in it (initials, dates, …) [G]. */
export const FIELD_TYPES = EASYINK_ENUMS.signatureFieldType;

// ─── zod building blocks ──────────────────────────────────────────────────────────────────────────────
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** EasyInk ids are UUIDs. */
export const uuid = () =>
	z
		.string()
		.trim()
		.min(1)
		.regex(UUID, 'must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)');

export const subject = () => z.string().trim().max(LIMITS.subject);
export const voidReason = () => z.string().trim().min(1).max(LIMITS.voidReason);

/** "" → undefined, so optional text fields left empty are not sent. */
export const optionalText = <T extends z.ZodTypeAny>(schema: T) =>
	z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

const phone = z
	.string()
	.trim()
	.regex(/^\d{10}$/, 'must be exactly 10 digits (no spaces, dashes or country code)');
const email = z.string().trim().max(LIMITS.email).email();

/** Contact and delivery of a participant: a delivery method needs its contact. */
function contactRule(value: { deliveryMethods?: string[]; email?: string; phone?: string }, ctx: z.RefinementCtx) {
	const methods = value.deliveryMethods ?? [];
	if (methods.includes('Email') && !value.email)
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['email'], message: 'is required when "Delivery Methods" include Email' });
	if (methods.includes('Sms') && !value.phone)
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['phone'], message: 'is required when "Delivery Methods" include SMS' });
}

const participantShape = {
	firstName: z.string().trim().min(1).max(LIMITS.name),
	middleName: optionalText(z.string().trim().max(LIMITS.name)),
	lastName: z.string().trim().min(1).max(LIMITS.name),
	email: optionalText(email),
	phone: optionalText(phone),
	deliveryMethods: z.array(z.enum(DELIVERY_METHODS)).min(1),
	language: z.enum(LANGUAGES),
};

export const participantSchema = z.object(participantShape).superRefine(contactRule);
export type ParticipantInput = z.infer<typeof participantSchema>;

export const deliverySchema = z
	.object({ email: participantShape.email, phone: participantShape.phone, deliveryMethods: participantShape.deliveryMethods })
	.superRefine(contactRule);

export const placementSchema = z.object({
	page: z.number().int().min(1),
	positionX: z.number().min(0),
	positionY: z.number().min(0),
	sizeX: z.number().min(LIMITS.minSize),
	sizeY: z.number().min(LIMITS.minSize),
});
export type Placement = z.infer<typeof placementSchema>;

export const PARTICIPANT_LABELS = {
	firstName: 'First Name',
	middleName: 'Middle Name',
	lastName: 'Last Name',
	email: 'Email',
	phone: 'Phone',
	deliveryMethods: 'Delivery Methods',
	language: 'Language',
};

export const PLACEMENT_LABELS = {
	page: 'Page',
	positionX: 'Position X',
	positionY: 'Position Y',
	sizeX: 'Width',
	sizeY: 'Height',
};

/** The JSON body EasyInk takes for a participant (null for what was left empty, as in its examples). */
export function participantBody(p: ParticipantInput): IDataObject {
	return {
		firstName: p.firstName,
		middleName: p.middleName ?? null,
		lastName: p.lastName,
		email: p.email ?? null,
		phone: p.phone ?? null,
		deliveryMethods: p.deliveryMethods,
		language: p.language,
	};
}

// ─── Editor fields ───────────────────────────────────────────────────────────────────────────────────
export function sessionIdField(show: Show, description = 'ID of the signing session (a UUID)', displayName = 'Session ID'): INodeProperties {
	return {
		displayName,
		name: 'sessionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
		description,
		displayOptions: { show },
	};
}

export function draftIdField(show: Show, description = 'ID of the signing session draft (a UUID)'): INodeProperties {
	return sessionIdField(show, description, 'Draft ID');
}

export function idField(name: string, displayName: string, show: Show, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
		description,
		displayOptions: { show },
	};
}

/** Where a document or attachment lives: a draft, or a session that has been started. */
export function stageField(show: Show): INodeProperties {
	return {
		displayName: 'Session Stage',
		name: 'stage',
		type: 'options',
		options: [
			{ name: 'Draft', value: 'draft', description: 'The session has not been started yet' },
			{ name: 'Started Session', value: 'session', description: 'The session was started (in progress, finished, declined, …)' },
		],
		default: 'draft',
		description: 'Whether the session is still a draft or has been started; EasyInk serves them from different places',
		displayOptions: { show },
	};
}

export const deliveryMethodsField = (show: Show): INodeProperties => ({
	displayName: 'Delivery Methods',
	name: 'deliveryMethods',
	type: 'multiOptions',
	options: [
		{ name: 'Email', value: 'Email' },
		{ name: 'SMS', value: 'Sms' },
	],
	default: ['Email'],
	description: 'How the signing link is sent; Email needs an email address and SMS a phone number',
	displayOptions: { show },
});

export const languageField = (show: Show): INodeProperties => ({
	displayName: 'Language',
	name: 'language',
	type: 'options',
	options: [
		{ name: 'English', value: 'English' },
		{ name: 'Spanish', value: 'Spanish' },
	],
	default: 'English',
	description: 'Language of the signing page and notifications',
	displayOptions: { show },
});

/** Name, contact and delivery fields of a participant (top-level parameters). */
export function participantFields(show: Show): INodeProperties[] {
	return [
		{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', required: true, placeholder: 'John', displayOptions: { show } },
		{ displayName: 'Middle Name', name: 'middleName', type: 'string', default: '', displayOptions: { show } },
		{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', required: true, placeholder: 'Smith', displayOptions: { show } },
		{ displayName: 'Email', name: 'email', type: 'string', default: '', placeholder: 'name@email.com', description: 'Email address for the signing invitation (needed for Email delivery)', displayOptions: { show } },
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: '2025551234', description: 'Phone number of exactly 10 digits (needed for SMS delivery)', displayOptions: { show } },
		deliveryMethodsField(show),
		languageField(show),
	];
}

/** Page, position and size of a field, in points from the bottom-left corner of the page. */
export function placementFields(show: Show): INodeProperties[] {
	return [
		{ displayName: 'Page', name: 'page', type: 'number', default: 1, typeOptions: { minValue: 1 }, description: 'Page number, the first page is 1', displayOptions: { show } },
		{ displayName: 'Position X', name: 'positionX', type: 'number', default: 100, typeOptions: { minValue: 0 }, description: 'Distance of the field’s bottom-left corner from the left edge of the page, in points (1/72 inch)', displayOptions: { show } },
		{ displayName: 'Position Y', name: 'positionY', type: 'number', default: 100, typeOptions: { minValue: 0 }, description: 'Distance of the field’s bottom-left corner from the BOTTOM edge of the page, in points', displayOptions: { show } },
		{ displayName: 'Width', name: 'sizeX', type: 'number', default: 200, typeOptions: { minValue: 0.1 }, description: 'Width of the field in points', displayOptions: { show } },
		{ displayName: 'Height', name: 'sizeY', type: 'number', default: 50, typeOptions: { minValue: 0.1 }, description: 'Height of the field in points', displayOptions: { show } },
	];
}
