import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { resourceLocator, sinceVersion } from '../../shared/locator';
import { simplifyField } from '../../shared/simplify';
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
/** "By ID" in the editor: an EasyInk id is a UUID (n8n anchors the pattern). */
export const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The lists the node offers under "From List" (its `methods.listSearch`). */
export type ListMethod =
	| 'searchDrafts'
	| 'searchReadySessions'
	| 'searchSessions'
	| 'searchDraftParticipants'
	| 'searchSessionParticipants'
	| 'searchDraftDocuments'
	| 'searchSessionDocuments'
	| 'searchSignedDocuments';

/**
 * An id parameter in both node versions: version 1 keeps its free-text field (saved workflows read as before),
 * version 2 picks the record From List (searchable, paged), By ID or by expression.
 */
export function pickField(
	spec: { name: string; v1Label: string; v2Label: string; method: ListMethod; placeholder: string; noun?: string },
	show: Show,
	description: string,
): INodeProperties[] {
	return sinceVersion(
		2,
		{ displayName: spec.v1Label, name: spec.name, type: 'string', default: '', required: true, placeholder: spec.placeholder, description, displayOptions: { show } },
		resourceLocator({
			displayName: spec.v2Label,
			name: spec.name,
			show,
			searchListMethod: spec.method,
			description,
			idPlaceholder: `e.g. ${spec.placeholder}`,
			idRegex: UUID_PATTERN,
			noun: spec.noun,
		}),
	);
}

const SESSION_EXAMPLE = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const ITEM_EXAMPLE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** A started signing session (Pending, In Progress, Finished, …); `method` narrows the list (e.g. ready to start). */
export function sessionIdField(
	show: Show,
	description = 'The started or completed signing session',
	method: 'searchSessions' | 'searchReadySessions' = 'searchSessions',
): INodeProperties[] {
	return pickField({ name: 'sessionId', v1Label: 'Session ID', v2Label: 'Signing Session', method, placeholder: SESSION_EXAMPLE }, show, description);
}

/** A signing session draft (not converted or started yet). */
export function draftIdField(show: Show, description = 'The signing session draft'): INodeProperties[] {
	return pickField({ name: 'sessionId', v1Label: 'Draft ID', v2Label: 'Draft', method: 'searchDrafts', placeholder: SESSION_EXAMPLE }, show, description);
}

/** A participant of the chosen draft, or of the chosen started session. */
export function participantIdField(show: Show, description: string, of: 'draft' | 'session' = 'draft'): INodeProperties[] {
	return pickField(
		{
			name: 'participantId',
			v1Label: 'Participant ID',
			v2Label: 'Participant',
			method: of === 'draft' ? 'searchDraftParticipants' : 'searchSessionParticipants',
			placeholder: '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d',
		},
		show,
		description,
	);
}

/** A document of the chosen draft, or of the chosen started session. */
export function documentIdField(show: Show, description: string, of: 'draft' | 'session' = 'draft'): INodeProperties[] {
	return pickField(
		{ name: 'documentId', v1Label: 'Document ID', v2Label: 'Document', method: of === 'draft' ? 'searchDraftDocuments' : 'searchSessionDocuments', placeholder: ITEM_EXAMPLE },
		show,
		description,
	);
}

/**
 * The draft or started session of a download whose source the "Session Stage" field decides: version 1 keeps its one
 * free-text field, version 2 lists drafts or started sessions accordingly.
 */
export function stageSessionIdField(show: Show): INodeProperties[] {
	const v1: INodeProperties = { displayName: 'Session ID', name: 'sessionId', type: 'string', default: '', required: true, placeholder: SESSION_EXAMPLE, description: 'ID of the draft or signing session', displayOptions: { show } };
	const [old] = sinceVersion(2, v1, v1);
	return [
		old,
		...draftIdField({ ...show, stage: ['draft'] }, 'The draft the file belongs to').slice(1),
		...sessionIdField({ ...show, stage: ['session'] }, 'The started session the file belongs to').slice(1),
	];
}

/** How the editor labels the id fields in this node version (errors name the field as the editor shows it). */
export function idLabels(ctx: IExecuteFunctions | ILoadOptionsFunctions) {
	const v2 = ctx.getNode().typeVersion >= 2;
	return {
		draft: v2 ? 'Draft' : 'Draft ID',
		session: v2 ? 'Signing Session' : 'Session ID',
		participant: v2 ? 'Participant' : 'Participant ID',
		document: v2 ? 'Document' : 'Document ID',
		signedDocument: v2 ? 'Signed Document' : 'Signed Document ID',
	};
}

/** The label of the draft-or-session field of a download, as the editor shows it for the chosen "Session Stage". */
export function stageLabel(ctx: IExecuteFunctions, itemIndex: number): string {
	const labels = idLabels(ctx);
	if (ctx.getNode().typeVersion < 2) return labels.session;
	return ctx.getNodeParameter('stage', itemIndex, 'draft') === 'draft' ? labels.draft : labels.session;
}

/** Whether this node version returns simplified answers when "Simplify" is on (version 1 keeps the raw answer). */
export function simplifyOn(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return ctx.getNode().typeVersion >= 2 && (ctx.getNodeParameter('simplify', itemIndex, true) as boolean);
}

/** The "Simplify" toggle of version 2 (version 1 has none and keeps the raw answer). */
export function simplifyToggle(show: Show): INodeProperties {
	return simplifyField({ ...show, '@version': [{ _cnd: { gte: 2 } }] } as never);
}

export function idField(name: string, displayName: string, show: Show, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder: ITEM_EXAMPLE,
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
		{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', required: true, placeholder: 'e.g. John', displayOptions: { show } },
		{ displayName: 'Middle Name', name: 'middleName', type: 'string', default: '', displayOptions: { show } },
		{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', required: true, placeholder: 'e.g. Smith', displayOptions: { show } },
		{ displayName: 'Email', name: 'email', type: 'string', default: '', placeholder: 'name@email.com', description: 'Email address for the signing invitation (needed for Email delivery)', displayOptions: { show } },
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: 'e.g. 2025551234', description: 'Phone number of exactly 10 digits (needed for SMS delivery)', displayOptions: { show } },
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
