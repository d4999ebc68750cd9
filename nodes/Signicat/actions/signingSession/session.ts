import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { sinceVersion } from '../../../shared/locator';
import { compact, rows, splitList } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import { SIGNICAT } from '../../transport';
import { uuidSchema } from '../common';

const DAY_MS = 86_400_000;

/** Accepts ISO 8601 text (what the API wants) and the editor's date pickers. */
export function toIsoDate(value: unknown): unknown {
	if (typeof value !== 'string' || !value.trim()) return value === '' ? undefined : value;
	const t = Date.parse(value);
	return Number.isNaN(t) ? value : new Date(t).toISOString();
}

export const dueDateSchema = z.string().superRefine((v, ctx) => {
	const t = Date.parse(v);
	const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
	if (Number.isNaN(t)) return fail('must be a date and time (ISO 8601, e.g. 2026-04-01T17:00:00Z)');
	if (t <= Date.now()) return fail('must be in the future');
	if (t > Date.now() + SIGNICAT.limits.dueDateMaxDays * DAY_MS) fail(`can be at most ${SIGNICAT.limits.dueDateMaxDays} days into the future`);
});

const url = z.string().trim().url();

const LANGUAGE_NAMES: Record<string, string> = {
	ca: 'Catalan',
	da: 'Danish',
	de: 'German',
	en: 'English',
	es: 'Spanish',
	et: 'Estonian',
	fi: 'Finnish',
	fo: 'Faroese',
	fr: 'French',
	it: 'Italian',
	nb: 'Norwegian Bokmål',
	nl: 'Dutch',
	nn: 'Norwegian Nynorsk',
	sv: 'Swedish',
};

const REDIRECT_KEYS = ['success', 'cancel', 'error'] as const;

/** Signicat takes the three redirect URLs together or not at all [3P]; there is no reject URL. */
const redirectSchema = z
	.object({ success: url.optional(), cancel: url.optional(), error: url.optional() })
	.strict()
	.superRefine((r, ctx) => {
		for (const key of REDIRECT_KEYS)
			if (r[key] === undefined)
				ctx.addIssue({
					code: 'custom',
					path: [key],
					message: 'is required once any redirect URL is set: Signicat takes the Success, Cancel and Error Redirect URLs together',
				});
	});

/** One signing session in the API's own shape, with every documented limit [C] and value list [3P]. */
export const sessionSchema = z
	.object({
		title: z.string().trim().min(1).max(SIGNICAT.limits.title),
		signText: z.string().max(SIGNICAT.limits.signText).optional(),
		dueDate: dueDateSchema.optional(),
		documents: z
			.array(
				z
					.object({
						documentId: uuidSchema(),
						action: z.enum(SIGNICAT.documentActions),
						documentCollectionId: uuidSchema(),
					})
					.passthrough(),
			)
			.min(1)
			.max(50),
		externalReference: z.string().max(SIGNICAT.limits.externalReference).nullable().optional(),
		signingSetup: z
			.array(
				z
					.object({
						identityProviders: z.array(z.object({ idpName: z.string().trim().min(1) }).passthrough()).min(1),
						signingFlow: z.enum(SIGNICAT.signingFlows),
						// The SDKs disagree on the list [3P]: any name passes, Signicat decides.
						vendor: z.string().trim().min(1).optional(),
						additionalParameters: z.record(z.string()).optional(),
					})
					.passthrough(),
			)
			.min(1)
			.refine((setups) => setups.length === 1, { message: 'must contain exactly one entry' }),
		subsequentTo: z.array(uuidSchema()).max(50).optional(),
		packageTo: z.array(z.enum(SIGNICAT.packageTypes)).max(5).optional(),
		signer: z
			.object({
				nationalIdentificationNumber: z.string().trim().min(1).optional(),
				validations: z.array(z.enum(SIGNICAT.signerValidations)).optional(),
				email: z.string().trim().email().optional(),
				mobile: z.string().trim().min(1).optional(),
			})
			.passthrough()
			.refine((s) => !s.validations?.includes('NATIONAL_IDENTIFICATION_NUMBER') || !!s.nationalIdentificationNumber, {
				message: 'needs the signer’s national ID number when national ID validation is on',
				path: ['nationalIdentificationNumber'],
			})
			.optional(),
		archive: z.object({}).passthrough().optional(),
		preAuthentication: z.object({ enabled: z.boolean() }).passthrough().optional(),
		ui: z
			.object({
				language: z.enum(SIGNICAT.languages).optional(),
				hideWelcomeScreen: z.boolean().optional(),
				minimalTextMode: z.boolean().optional(),
			})
			.passthrough()
			.optional(),
		redirectSettings: redirectSchema.optional(),
		signatureUrlTTL: z.number().int().min(5).max(525600).optional(),
		senderDisplayName: z.string().trim().min(1).optional(),
	})
	.passthrough();

export type SessionInput = z.infer<typeof sessionSchema>;

/** Editor labels of every session field (errors name the field as the editor shows it). */
export const sessionLabels: Record<string, string> = {
	sessions: 'Sessions',
	title: 'Title',
	signText: 'Sign Text',
	dueDate: 'Due Date',
	documents: 'Documents',
	'documents.documentId': 'Document ID',
	'documents.action': 'Action',
	'documents.documentCollectionId': 'Document Collection ID',
	documentCollectionId: 'Document Collection ID',
	externalReference: 'External Reference',
	signingSetup: 'Signing Setup',
	identityProviders: 'Identity Providers',
	'signingSetup.identityProviders': 'Identity Providers',
	'signingSetup.identityProviders.idpName': 'Identity Provider',
	'signingSetup.signingFlow': 'Signing Flow',
	signingFlow: 'Signing Flow',
	vendor: 'Identity Provider Vendor',
	additionalParameters: 'Identity Provider Parameters',
	subsequentTo: 'Subsequent To Session IDs',
	packageTo: 'Package To',
	nationalIdentificationNumber: 'Signer National ID',
	validations: 'Signer Validations',
	email: 'Signer Email',
	mobile: 'Signer Mobile',
	language: 'Language',
	'ui.language': 'Language',
	redirectSettings: 'Redirect URLs',
	success: 'Success Redirect URL',
	cancel: 'Cancel Redirect URL',
	error: 'Error Redirect URL',
	signatureUrlTTL: 'Signature URL TTL (Minutes)',
	senderDisplayName: 'Sender Display Name',
};

/** The editor's optional session settings (shared by Create and Send Document for Signing). */
export function sessionOptions(): INodeProperties[] {
	return [
		{ displayName: 'Cancel Redirect URL', name: 'cancelUrl', type: 'string', default: '', placeholder: 'e.g. https://example.com/signing/cancelled', description: 'Where the signer goes after cancelling; Signicat takes the success, cancel and error URLs together' },
		{ displayName: 'Due Date', name: 'dueDate', type: 'dateTime', default: '', description: 'Deadline for signing; at most 45 days from now. The Signicat Trigger reports a session still open after it as expired.' },
		{ displayName: 'Error Redirect URL', name: 'errorUrl', type: 'string', default: '', placeholder: 'e.g. https://example.com/signing/error', description: 'Where the signer goes when signing fails; Signicat takes the success, cancel and error URLs together' },
		{ displayName: 'External Reference', name: 'externalReference', type: 'string', default: '', description: 'Your own reference for the session (at most 1024 characters); passed back in redirect URLs' },
		{ displayName: 'Hide Welcome Screen', name: 'hideWelcomeScreen', type: 'boolean', default: false, description: 'Whether the signer skips the welcome screen' },
		{
			displayName: 'Identity Provider Parameters',
			name: 'additionalParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add parameter',
			default: {},
			description: 'Extra settings for the identity provider, e.g. sbid_flow = QR for Swedish BankID',
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. sbid_flow' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. QR' },
					],
				},
			],
		},
		{
			displayName: 'Identity Provider Vendor',
			name: 'vendor',
			type: 'options',
			options: [{ name: 'None', value: '' }, ...SIGNICAT.vendors.map((v) => ({ name: v, value: v }))],
			default: '',
			description: 'Vendor of the signing method, for identity providers that need one (e.g. SBID for Swedish BankID)',
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'options',
			options: [{ name: 'Signicat’s Default', value: '' }, ...SIGNICAT.languages.map((l) => ({ name: `${LANGUAGE_NAMES[l] ?? l} (${l})`, value: l }))],
			default: '',
			description: 'Language of the signing interface',
		},
		{ displayName: 'Minimal Text Mode', name: 'minimalTextMode', type: 'boolean', default: false, description: 'Whether the signing interface shows as little text as possible' },
		{ displayName: 'Package to PAdES Container', name: 'padesContainer', type: 'boolean', default: false, description: 'Whether Signicat also packages the signed documents into one PAdES container' },
		{ displayName: 'Pre-Authentication', name: 'preAuthentication', type: 'boolean', default: false, description: 'Whether the signer must log in before the documents are shown' },
		{ displayName: 'Sender Display Name', name: 'senderDisplayName', type: 'string', default: '', placeholder: 'e.g. Acme Ltd', description: 'Name of who asks for the signature, shown while signing' },
		{ displayName: 'Sign Text', name: 'signText', type: 'string', default: '', typeOptions: { rows: 2 }, description: 'Text the signer must consent to before signing (at most 2048 characters)' },
		{ displayName: 'Signature URL TTL (Minutes)', name: 'signatureUrlTtl', type: 'number', default: 0, typeOptions: { minValue: 0, maxValue: 525600 }, description: 'How long the signing URL works, 5 to 525600 minutes; 0 uses Signicat’s default' },
		{ displayName: 'Signer Email', name: 'signerEmail', type: 'string', default: '', placeholder: 'e.g. name@email.com', description: 'Email address of the intended signer' },
		{ displayName: 'Signer Mobile', name: 'signerMobile', type: 'string', default: '', placeholder: 'e.g. +4712345678', description: 'Mobile number of the intended signer' },
		{
			displayName: 'Signer National ID',
			name: 'signerNationalId',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'National identity number of the intended signer; never shown in output or errors',
		},
		{ displayName: 'Subsequent To Session IDs', name: 'subsequentTo', type: 'string', default: '', placeholder: 'e.g. f05d0dce-a7af-432b-b6b8-e455ab7c0858', description: 'IDs of signing sessions that must be signed before this one (at most 50), separated by commas (or an array from an expression), e.g. from Signing Session → Get Many' },
		{ displayName: 'Success Redirect URL', name: 'successUrl', type: 'string', default: '', placeholder: 'e.g. https://example.com/signing/done', description: 'Where the signer goes after signing; Signicat takes the success, cancel and error URLs together' },
		{ displayName: 'Validate Signer National ID', name: 'validateNationalId', type: 'boolean', default: true, description: 'Whether Signicat checks that the person signing has the national ID number given above' },
	];
}

export interface SessionFields {
	title: string;
	documents: Array<{ documentId: string; action?: string; documentCollectionId?: string }>;
	identityProviders: unknown;
	signingFlow: string;
	options: IDataObject;
}

/** Builds one session in the API's shape from the editor's fields. */
export function sessionFromFields(f: SessionFields): IDataObject {
	const o = f.options ?? {};
	const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
	const nin = text(o.signerNationalId);
	const ui = compact({
		language: o.language || undefined,
		hideWelcomeScreen: o.hideWelcomeScreen === true ? true : undefined,
		minimalTextMode: o.minimalTextMode === true ? true : undefined,
	});
	// All three redirect URLs or none: a partial set reaches validation with the missing ones absent.
	const redirect = compact({ success: text(o.successUrl), cancel: text(o.cancelUrl), error: text(o.errorUrl) });
	const signer = compact({
		nationalIdentificationNumber: nin,
		validations: nin && o.validateNationalId !== false ? ['NATIONAL_IDENTIFICATION_NUMBER'] : undefined,
		email: text(o.signerEmail),
		mobile: text(o.signerMobile),
	});
	const parameters = rows(o.additionalParameters, 'parameter').filter((p) => text(p.name));
	const subsequentTo = splitList(o.subsequentTo);
	const ttl = o.signatureUrlTtl;
	return compact({
		title: f.title,
		signText: o.signText || undefined,
		dueDate: toIsoDate(o.dueDate) as string | undefined,
		documents: f.documents.map((d) => compact({ documentId: d.documentId, action: d.action || 'SIGN', documentCollectionId: d.documentCollectionId || undefined })),
		externalReference: o.externalReference || undefined,
		signingSetup: [
			compact({
				identityProviders: splitList(f.identityProviders).map((idpName) => ({ idpName })),
				signingFlow: f.signingFlow || 'AUTHENTICATION_BASED',
				vendor: text(o.vendor),
				additionalParameters: parameters.length ? Object.fromEntries(parameters.map((p) => [String(p.name).trim(), String(p.value ?? '')])) : undefined,
			}),
		],
		subsequentTo: subsequentTo.length ? subsequentTo : undefined,
		packageTo: o.padesContainer === true ? ['PADES_CONTAINER'] : undefined,
		signer: Object.keys(signer).length ? signer : undefined,
		preAuthentication: o.preAuthentication === true ? { enabled: true } : undefined,
		ui: Object.keys(ui).length ? ui : undefined,
		redirectSettings: Object.keys(redirect).length ? redirect : undefined,
		signatureUrlTTL: typeof ttl === 'number' && ttl !== 0 ? ttl : typeof ttl === 'string' && ttl !== '' && ttl !== '0' ? Number(ttl) : undefined,
		senderDisplayName: text(o.senderDisplayName),
	});
}

/** Rows of the editor's Documents list. */
export function documentRows(value: unknown) {
	return rows(value, 'document').map((d) => ({
		documentId: String(d.documentId ?? ''),
		action: String(d.action ?? 'SIGN'),
		documentCollectionId: d.documentCollectionId ? String(d.documentCollectionId) : undefined,
	}));
}

/** National id numbers of sessions: scrubbed from anything an error could show. */
export function sensitiveOf(sessions: IDataObject[]): string[] {
	return sessions
		.map((s) => (s.signer as IDataObject | undefined)?.nationalIdentificationNumber)
		.filter((v): v is string => typeof v === 'string' && v.length > 0);
}

/** The chosen identity providers, checked on their own so the error reads "Identity Providers". */
export const identityProvidersSchema = z.object({ identityProviders: z.array(z.string()).min(1) });

const OTHER = 'other';

/** Version 1: the names as text, separated by commas. */
const identityProvidersText = (show: Record<string, string[]>): INodeProperties => ({
	displayName: 'Identity Providers',
	name: 'identityProviders',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. mitid, nbid, sbid',
	description: 'Names of the identity providers (e-IDs) the signer may sign with, separated by commas, as configured in your Signicat account',
	displayOptions: { show },
});

/**
 * Identity Providers: version 1 keeps the text field of saved workflows; version 2 picks from the providers named in
 * Signicat's material, with "Other" and a text field for any other name configured in the account.
 */
export function identityProvidersFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		...sinceVersion(2, identityProvidersText(show), {
			displayName: 'Identity Providers',
			name: 'identityProviders',
			type: 'multiOptions',
			options: IDENTITY_PROVIDER_OPTIONS,
			default: [],
			required: true,
			description: 'The e-IDs the signer may sign with; each must be enabled in your Signicat account',
			displayOptions: { show },
		}),
		{
			displayName: 'Other Identity Providers',
			name: 'otherIdentityProviders',
			type: 'string',
			default: '',
			// Not marked required: n8n would also ask for it when Identity Providers is an expression. Checked per item.
			placeholder: 'e.g. itsme, idin',
			description: 'Names of further identity providers as Signicat calls them (idpName), separated by commas',
			// The version first: n8n shows a field at once when a value it depends on is an expression.
			displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }], ...show, identityProviders: [OTHER] } },
		},
	];
}

/**
 * Identity provider names from the picker's value (the chosen entries; "Other" stands for `others`, a
 * comma-separated text) or from text (version 1, or an expression giving an array or a comma-separated text).
 * Returns undefined for "Other" without any name.
 */
export function combineIdentityProviders(value: unknown, others: () => unknown): string[] | undefined {
	if (!Array.isArray(value)) return splitList(value);
	const chosen = value.map((v) => String(v).trim()).filter(Boolean);
	if (!chosen.includes(OTHER)) return [...new Set(chosen)];
	const typed = splitList(others());
	if (!typed.length) return undefined;
	return [...new Set([...chosen.filter((v) => v !== OTHER), ...typed])];
}

/** The identity provider names of one item of the node (version 2's "Other" read from its text field). */
export function identityProviderNames(ctx: IExecuteFunctions, i: number, value: unknown): string[] {
	const names = combineIdentityProviders(value, () => ctx.getNodeParameter('otherIdentityProviders', i, ''));
	if (names) return names;
	return validate(ctx, z.object({ otherIdentityProviders: z.array(z.string()).min(1) }), { otherIdentityProviders: [] }, i, {
		otherIdentityProviders: 'Other Identity Providers',
	}).otherIdentityProviders;
}

/** The editor's identity provider choices (for the E-Signature node's Provider Options). */
export const IDENTITY_PROVIDER_OPTIONS = [
	...SIGNICAT.identityProviders.map((p) => ({ name: p.name, value: p.value as string })),
	{ name: 'Other (Enter Names)', value: OTHER, description: 'Identity providers not in this list, entered by name' },
];

/** Checks the identity providers of one item and returns them. */
export function checkIdentityProviders(ctx: IExecuteFunctions, i: number, value: unknown): string[] {
	const names = identityProviderNames(ctx, i, value);
	validate(ctx, identityProvidersSchema, { identityProviders: names }, i, sessionLabels);
	return names;
}

export const signingFlowField = (show: Record<string, string[]>): INodeProperties => ({
	displayName: 'Signing Flow',
	name: 'signingFlow',
	type: 'options',
	options: [
		{ name: 'Authentication Based', value: 'AUTHENTICATION_BASED', description: 'The signer signs by logging in with the identity provider' },
		{ name: 'PKI Signing', value: 'PKISIGNING', description: 'The signer signs with a certificate of the identity provider (e.g. BankID signing)' },
	],
	default: 'AUTHENTICATION_BASED',
	displayOptions: { show },
});
