import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { resourceLocator, sinceVersion } from '../../shared/locator';
import { rows } from '../../shared/params';
import { isSensitiveKey, MASK, scrubText } from '../../shared/redact';
import type { Labels } from '../../shared/validation';
import { NEXTSIGN } from '../transport';

/** Ids: non-empty, no slashes, commas or spaces (they go into URL paths). */
export const id = (label = 'ID') =>
	z
		.string({ required_error: `${label} is required` })
		.trim()
		.min(1)
		.regex(/^[^\s/?#,]+$/, 'must not contain spaces, commas or slashes');

export function caseIdField(show: Record<string, string[]>, description = 'ID of the NextSign case (_id)'): INodeProperties {
	return {
		displayName: 'Case ID',
		name: 'caseId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 65ab12cd34ef56ab78cd90b0',
		description,
		displayOptions: { show },
	};
}

/**
 * The case to act on: version 1 keeps its free-text ID (saved workflows run unchanged); from version 2 on it is
 * picked From List (`methods.listSearch.searchCases`: newest pages of cases/get, narrowed by title on the loaded page)
 * or typed By ID. There is no By URL: no NextSign source shows the web address of a case.
 */
export function caseLocator(show: Record<string, string[]>, description: string, v1Description?: string): INodeProperties[] {
	return sinceVersion(
		2,
		caseIdField(show, v1Description),
		resourceLocator({
			displayName: 'Case',
			name: 'caseId',
			show,
			searchListMethod: 'searchCases',
			description: `${description}. From List searches by title on the cases loaded so far (NextSign has no search).`,
			idPlaceholder: 'e.g. 65ab12cd34ef56ab78cd90b0',
			idRegex: '[^\\s/?#,]+',
			noun: 'Case',
		}),
	);
}

/** The case field's label as the editor shows it in this node version. */
export function caseLabel(ctx: IExecuteFunctions): string {
	return ctx.getNode().typeVersion >= 2 ? 'Case' : 'Case ID';
}

export function formIdField(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Form ID',
		name: 'formId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 65ab12cd34ef56ab78cd90c0',
		description: 'ID of the NextSign form (a case template with tags)',
		displayOptions: { show },
	};
}

export const SIGNING_SCHEMA_OPTIONS = [
	{ name: 'MitID (Substantial)', value: 'urn:grn:authn:dk:mitid:substantial' },
	{ name: 'MitID (Low)', value: 'urn:grn:authn:dk:mitid:low' },
	{ name: 'MitID Business', value: 'urn:grn:authn:dk:mitid:business' },
	{ name: 'BankID (Sweden)', value: 'urn:grn:authn:se:bankid' },
	{ name: 'Drawn Signature With CPR', value: 'draw-cpr' },
	{ name: 'Drawn Signature', value: 'draw' },
	{ name: 'SMS/Email Code', value: 'sms-email' },
];

/** A recipient row in the order people fill it: name, email, delivery, then the rest. */
const RECIPIENT_VALUES: INodeProperties[] = [
		{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'e.g. Mia Sørensen' },
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'e.g. name@email.com', default: '', description: 'Needed when the delivery is by email' },
		{
			displayName: 'Delivery',
			name: 'type',
			type: 'options',
			options: [
				{ name: 'Email', value: 'email', description: 'Invitation by email' },
				{ name: 'Phone (SMS)', value: 'phone', description: 'Invitation by text message' },
				{ name: 'E-Boks', value: 'eboks', description: 'Invitation to the recipient’s e-Boks' },
			],
			default: 'email',
		},
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: 'e.g. 28123456', description: 'Phone number for SMS delivery' },
		{ displayName: 'E-Boks Address', name: 'eboksAddress', type: 'string', default: '', displayOptions: { show: { type: ['eboks'] } }, description: 'Postal address for e-Boks delivery' },
		{ displayName: 'E-Boks KVHX', name: 'eboksKvhx', type: 'string', default: '', displayOptions: { show: { type: ['eboks'] } }, description: 'Address key (KVHX) for e-Boks delivery' },
		{ displayName: 'E-Boks Name', name: 'eboksName', type: 'string', default: '', displayOptions: { show: { type: ['eboks'] } }, description: 'Name on the e-Boks delivery (defaults to the recipient name)' },
		{
			displayName: 'Must Sign',
			name: 'signing',
			type: 'boolean',
			default: true,
			description: 'Whether the recipient must sign (off: the recipient only receives a copy of the documents)',
		},
		{
			displayName: 'Signing Group',
			name: 'group',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0 },
			description: 'Signing order: lower groups are invited first, recipients in the same group sign in parallel',
		},
		{
			displayName: 'Needs CPR Validation',
			name: 'needsCpr',
			type: 'boolean',
			default: false,
			description: 'Whether the signer must prove their CPR number with MitID before signing',
		},
		{
			displayName: 'CPR Number',
			name: 'cpr',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'e.g. 0101901234',
			displayOptions: { show: { needsCpr: [true] } },
			description: 'The recipient’s CPR number (10 digits), required with CPR validation. Never shown in output or errors.',
		},
		{
			displayName: 'Signing Method',
			name: 'signingSchema',
			type: 'options',
			options: [{ name: 'Case Default', value: '', description: 'Any of the case’s allowed signing methods' }, ...SIGNING_SCHEMA_OPTIONS],
			default: '',
			description: 'Lock this recipient to one signing method',
		},
		{ displayName: 'Message', name: 'message', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'Personal message to this recipient' },
		{ displayName: 'Position', name: 'position', type: 'string', default: '', placeholder: 'e.g. Director', description: 'Title shown with the signature' },
		{ displayName: 'Redirect URL', name: 'redirectUrl', type: 'string', default: '', placeholder: 'e.g. https://example.com/complete', description: 'Where the recipient lands after signing' },
		{ displayName: 'Template ID', name: 'template', type: 'string', default: '', description: 'Recipient-specific email template ID' },
];

/** The recipient rows shared by Case → Create and Form → Submit. */
export function recipientsField(show: Record<string, string[]>, description: string): INodeProperties {
	return {
		displayName: 'Recipients',
		name: 'recipients',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add recipient',
		// One empty row to start with: a case needs at least one recipient.
		default: { recipient: [{ name: '', email: '' }] },
		required: true,
		description,
		displayOptions: { show },
		options: [
			{
				displayName: 'Recipient',
				name: 'recipient',
				values: [...RECIPIENT_VALUES],
			},
		],
	};
}

export const recipientLabels: Labels = {
	recipients: 'Recipients',
	'recipients.name': 'Name',
	'recipients.email': 'Email',
	'recipients.signing': 'Must Sign',
	'recipients.group': 'Signing Group',
	'recipients.type': 'Delivery',
	'recipients.phone': 'Phone',
	'recipients.eboksKvhx': 'E-Boks KVHX',
	'recipients.eboksAddress': 'E-Boks Address',
	'recipients.eboksName': 'E-Boks Name',
	'recipients.needsCpr': 'Needs CPR Validation',
	'recipients.cpr': 'CPR Number',
	'recipients.signingSchema': 'Signing Method',
	'recipients.redirectUrl': 'Redirect URL',
	'recipients.position': 'Position',
	'recipients.template': 'Template ID',
	'recipients.message': 'Message',
};

const optionalText = z.string().trim().optional();

/** A text field with our own generous limit (NextSign documents none), named as such in the error. */
export function limitedText(max: number) {
	return z.string().refine((v) => v.length <= max, { message: `must be at most ${max.toLocaleString('en-US')} characters (a limit of this node; NextSign documents none)` });
}

/** zod's own email pattern. */
const EMAIL = /^(?!\.)(?!.*\.\.)([A-Z0-9_'+\-.]*)[A-Z0-9_+-]@([A-Z0-9][A-Z0-9-]*\.)+[A-Z]{2,}$/i;

function isUrl(v: string): boolean {
	try {
		new URL(v);
		return true;
	} catch {
		return false;
	}
}

/*
 * "Empty or valid" fields as one refinement rather than a union of two schemas: a union tries each branch and builds
 * the failed branch's error on every item, which doubled the cost of validating a recipient. The messages are the ones
 * the shared validation gives a zod email / URL check.
 */
export const optionalEmail = z
	.string()
	.trim()
	.refine((v) => v === '' || EMAIL.test(v), { message: 'must be a valid email address' })
	.optional();
export const optionalUrl = z
	.string()
	.trim()
	.refine((v) => v === '' || isUrl(v), { message: 'must be a valid URL (https://…)' })
	.optional();

export const recipientSchema = z
	.object({
		name: z.string().trim().min(1),
		email: optionalEmail,
		signing: z.boolean().default(true),
		group: z.number().int().min(0).default(0),
		type: z.enum(['email', 'phone', 'eboks']).default('email'),
		phone: z
			.string()
			.trim()
			.refine((v) => v === '' || /^\+?[\d\s-]{6,20}$/.test(v), { message: 'must be a phone number (digits, optionally starting with +)' })
			.optional(),
		eboksKvhx: optionalText,
		eboksAddress: optionalText,
		eboksName: optionalText,
		needsCpr: z.boolean().default(false),
		cpr: z.string().optional(),
		signingSchema: z
			.string()
			.refine((v) => v === '' || (NEXTSIGN.signingSchemas as readonly string[]).includes(v), {
				message: `must be one of: ${NEXTSIGN.signingSchemas.join(', ')} (or empty for the case default)`,
			})
			.optional(),
		redirectUrl: optionalUrl,
		position: optionalText,
		template: optionalText,
		message: limitedText(NEXTSIGN.limits.message).optional(),
	})
	.superRefine((r, ctx) => {
		// Delivery needs its contact.
		if (r.type === 'email' && !r.email)
			ctx.addIssue({ code: 'custom', path: ['email'], message: 'is required when "Delivery" is Email' });
		if (r.type === 'phone' && !r.phone)
			ctx.addIssue({ code: 'custom', path: ['phone'], message: 'is required when "Delivery" is Phone (SMS)' });
		if (r.type === 'eboks' && !r.eboksKvhx && !r.eboksAddress)
			ctx.addIssue({ code: 'custom', path: ['eboksKvhx'], message: 'or "E-Boks Address" is required when "Delivery" is E-Boks' });
	});

export type RecipientInput = z.infer<typeof recipientSchema>;

/** Reads the recipient rows of a fixedCollection parameter. */
export function recipientRows(value: unknown): IDataObject[] {
	return rows(value, 'recipient');
}

/** "123456-7890" / "123456 7890" → "1234567890"; anything else is returned as typed (and then rejected). */
export function normalizeCpr(value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
	return /^\d{6}[\s-]?\d{4}$/.test(text) ? text.replace(/[\s-]/, '') : text;
}

/**
 * CPR rules, checked apart from zod so the message can say what is expected without ever echoing the value:
 * "Needs CPR Validation" requires a CPR number, and a CPR number is exactly ten digits.
 */
export function checkCprs(ctx: IExecuteFunctions, recipients: RecipientInput[], itemIndex: number): void {
	recipients.forEach((r, index) => {
		const where = `"CPR Number" (recipient ${index + 1})`;
		const cpr = r.cpr ?? '';
		let problem: string | undefined;
		if (r.needsCpr && !cpr) problem = 'is required when "Needs CPR Validation" is on';
		else if (cpr && !/^\d{10}$/.test(cpr)) problem = 'must be exactly 10 digits (DDMMYYXXXX)';
		if (problem) {
			throw new NodeOperationError(ctx.getNode(), `Invalid ${where} ${problem} [item ${itemIndex}]`, {
				itemIndex,
				description: `Fix ${where} and run the node again. The number itself is never shown.`,
			});
		}
	});
}

/** Recipient as NextSign's create and submit endpoints take it (`group`, never the legacy `order`). */
export function recipientBody(r: RecipientInput): IDataObject {
	const out: IDataObject = { name: r.name, signing: r.signing, group: r.group, type: r.type };
	if (r.email) out.email = r.email;
	if (r.phone) out.phone = r.phone.replace(/\s/g, '');
	if (r.needsCpr) out.needsCpr = true;
	if (r.cpr) out.cpr = r.cpr;
	if (r.signingSchema) out.signingSchema = r.signingSchema;
	if (r.redirectUrl) out.redirectUrl = r.redirectUrl;
	if (r.position) out.position = r.position;
	if (r.template) out.template = r.template;
	if (r.message) out.message = r.message;
	if (r.type === 'eboks') {
		const eboks: IDataObject = {};
		if (r.eboksKvhx) eboks.kvhx = r.eboksKvhx;
		if (r.eboksAddress) eboks.address = r.eboksAddress;
		eboks.name = r.eboksName || r.name;
		out.eboks = eboks;
	}
	return out;
}

/**
 * The CPR numbers of these recipients in every way they can be written (`DDMMYYXXXX`, `DDMMYY-XXXX`,
 * `DDMMYY XXXX`), whichever the user typed: each is scrubbed from errors and output.
 */
export function cprsOf(recipients: RecipientInput[]): string[] {
	return recipients
		.map((r) => r.cpr ?? '')
		.filter((c) => c.length > 0)
		.flatMap((c) => (/^\d{10}$/.test(c) ? [c, `${c.slice(0, 6)}-${c.slice(6)}`, `${c.slice(0, 6)} ${c.slice(6)}`] : [c]));
}

/**
 * Everything the node outputs from NextSign goes through here: CPR fields (NextSign echoes an encrypted
 * value), tokens and any CPR the user typed are masked — with the same rules as the shared `redact`, but in place:
 * what comes here is always a fresh answer of NextSign's (parsed for this item), so copying it first would only cost
 * time (a case is some sixty fields, for every item).
 */
export function safeOutput<T>(value: T, sensitive: readonly string[] = []): T {
	return maskInPlace(value, sensitive, 0) as T;
}

/** `isSensitiveKey` per field name, remembered: NextSign's answers repeat the same names for every item. */
const sensitiveKeys = new Map<string, boolean>();
function sensitiveKey(key: string): boolean {
	let known = sensitiveKeys.get(key);
	if (known === undefined) {
		known = isSensitiveKey(key);
		if (sensitiveKeys.size < 2_000) sensitiveKeys.set(key, known);
	}
	return known;
}

function maskInPlace(value: unknown, sensitive: readonly string[], depth: number): unknown {
	if (depth > 20) return value;
	if (typeof value === 'string') return sensitive.length ? scrubText(value, sensitive) : value;
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) value[i] = maskInPlace(value[i], sensitive, depth + 1);
		return value;
	}
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const o = value as IDataObject;
		for (const k of Object.keys(o)) {
			const v = o[k];
			if (sensitiveKey(k) && v !== null && v !== undefined && v !== '' && typeof v !== 'boolean') o[k] = MASK;
			else if (v !== null && typeof v === 'object') maskInPlace(v, sensitive, depth + 1);
			else if (typeof v === 'string' && sensitive.length) o[k] = scrubText(v, sensitive);
		}
	}
	return value;
}

/**
 * An error that did not come through the shared transport (it scrubs its own) may carry the request it failed
 * on: keep only its message, with any CPR typed for this item removed.
 */
export function scrubbedError(ctx: IExecuteFunctions, error: unknown, sensitive: readonly string[], itemIndex: number): unknown {
	if (!sensitive.length || !(error instanceof Error)) return error;
	if (error.name === 'NodeApiError' || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), scrubText(error.message, sensitive), { itemIndex });
}
