import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { BinaryInput } from '../../../shared/binary';
import { readBinary } from '../../../shared/binary';
import { multipartBody, multipartFileName } from '../../../shared/multipart';
import type { OperationResult } from '../../../shared/execute';
import { attachLeftBehind } from '../../../shared/execute';
import { compact, params, rows } from '../../../shared/params';
import { redact } from '../../../shared/redact';
import { validate } from '../../../shared/validation';
import type { PenneoClient } from '../../transport';
import { PENNEO } from '../../transport';
import { MIN_CHECK_INTERVAL_SECONDS, unixTime, waitForJob } from '../common';

const show = { resource: ['caseFile'], operation: ['create'] };

export const LANGUAGES = ['en', 'da', 'sv', 'nl', 'fr', 'fi', 'no', 'de'] as const;
export const SSN_TYPES = ['legacy', 'dk:cpr', 'se:pin', 'no:nin', 'be:nrn', 'fi:pic', 'sms'] as const;
export const INSECURE_METHODS = ['text', 'draw', 'image'] as const;

const LANGUAGE_OPTIONS = [
	{ name: 'Danish', value: 'da' },
	{ name: 'Dutch', value: 'nl' },
	{ name: 'English', value: 'en' },
	{ name: 'Finnish', value: 'fi' },
	{ name: 'French', value: 'fr' },
	{ name: 'German', value: 'de' },
	{ name: 'Norwegian', value: 'no' },
	{ name: 'Swedish', value: 'sv' },
];

/** Role: ≥ 3 characters, letters/digits/underscores/spaces/commas, starts with a letter or digit, no trailing space. */
const SIGNER_ROLE = /^[\p{L}\p{N}][\p{L}\p{N}_ ,]*[\p{L}\p{N}_,]$/u;
/** Roles named on documents may also contain hyphens. */
const DOCUMENT_ROLE = /^[\p{L}\p{N}][\p{L}\p{N}_ ,-]*[\p{L}\p{N}_,-]$/u;
const ROLE_RULE = 'must start with a letter or digit, contain only letters, digits, underscores, spaces and commas, and not end with a space';
/** The role Penneo gives signers without one. */
export const DEFAULT_ROLE = 'Signer';

const emailText = (label: string): INodeProperties => ({
	displayName: label,
	name: label.replace(/ (.)/g, (_, c: string) => c.toUpperCase()).replace(/^./, (c) => c.toLowerCase()),
	type: 'string',
	default: '',
	typeOptions: label.endsWith('Text') ? { rows: 4 } : undefined,
	description: `${label} (at least 5 characters)`,
});

export const description: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Commercial Agreement 2025',
		description: 'Case file title shown in Penneo and to the signers (1–1024 characters)',
		displayOptions: { show },
	},
	{
		displayName: 'Documents',
		name: 'documents',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add document',
		default: { document: [{ binaryPropertyName: 'data' }] },
		required: true,
		description: 'Files of the input item to put in the case file. At least one must be signable.',
		displayOptions: { show },
		options: [
			{
				displayName: 'Document',
				name: 'document',
				values: [
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						required: true,
						hint: 'The name of the input field containing the PDF',
						description: 'Name of the input field that holds the PDF (binary data)',
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						placeholder: 'Main Contract',
						description: 'Document title (1–1024 characters). Empty: the file name without its extension.',
					},
					{
						displayName: 'Signable',
						name: 'signable',
						type: 'boolean',
						default: true,
						description: 'Whether signers sign this document (off: it is attached for information only)',
					},
					{
						displayName: 'Document Options',
						name: 'options',
						type: 'collection',
						placeholder: 'Add option',
						default: {},
						options: [
							{
								displayName: 'Document Order',
								name: 'documentOrder',
								type: 'number',
								typeOptions: { minValue: 0 },
								default: 0,
								description: 'Display order of the document (0 first)',
							},
							{
								displayName: 'File Name',
								name: 'fileName',
								type: 'string',
								default: '',
								placeholder: 'contract.pdf',
								description: 'Name the file is uploaded under. Empty: the binary’s own file name. Must be unique within the case file.',
							},
							{
								displayName: 'Metadata',
								name: 'metaData',
								type: 'string',
								default: '',
								description: 'Text searchable in Penneo',
							},
							{
								displayName: 'Roles',
								name: 'roles',
								type: 'string',
								default: '',
								placeholder: 'Client Signer, Company Signer',
								description: 'Only signers with these roles sign this document, separated by commas. Empty: every signer signs it. Each role must be the role of a signer.',
							},
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Signers',
		name: 'signers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add signer',
		default: {},
		required: true,
		description: 'People who sign or review the documents (at least one)',
		displayOptions: { show },
		options: [
			{
				displayName: 'Signer',
				name: 'signer',
				values: [
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						placeholder: 'name@email.com',
						default: '',
						description: 'Penneo sends the signing invitation and reminders to this address',
					},
					{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'John Doe' },
					{
						displayName: 'Role',
						name: 'role',
						type: 'string',
						default: '',
						placeholder: 'Client Signer',
						description: 'Role used to match documents (at least 3 characters: letters, digits, underscores, spaces, commas). Empty: "Signer".',
					},
					{
						displayName: 'Sign Order',
						name: 'signOrder',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'Signing order: 0 signs immediately, 1 after everyone with 0 has signed, and so on',
					},
					{
						displayName: 'Signer Options',
						name: 'options',
						type: 'collection',
						placeholder: 'Add option',
						default: {},
						options: [
							{
								displayName: 'Access Control',
								name: 'accessControl',
								type: 'boolean',
								default: false,
								description: 'Whether the signer’s SSN, VAT number or phone is validated before they can open the documents',
							},
							{
								displayName: 'Active At',
								name: 'activeAt',
								type: 'dateTime',
								default: '',
								description: 'When the signer becomes active (sent to Penneo as a Unix timestamp)',
							},
							emailText('Completed Email Subject'),
							emailText('Completed Email Text'),
							{
								displayName: 'Email Format',
								name: 'emailFormat',
								type: 'options',
								options: [
									{ name: 'HTML', value: 'html' },
									{ name: 'Text', value: 'text' },
								],
								default: 'html',
							},
							emailText('Email Subject'),
							emailText('Email Text'),
							{
								displayName: 'Enable Insecure Signing',
								name: 'enableInsecureSigning',
								type: 'boolean',
								default: false,
								description: 'Whether the signer may sign without an electronic ID (by typing, drawing or uploading a signature)',
							},
							{
								displayName: 'Expire At',
								name: 'expireAt',
								type: 'dateTime',
								default: '',
								description: 'When the signer’s access expires (sent as a Unix timestamp)',
							},
							{
								displayName: 'Fail URL',
								name: 'failUrl',
								type: 'string',
								default: '',
								placeholder: 'https://example.com/failure',
								description: 'Where the signer is sent when signing fails',
							},
							{
								displayName: 'Insecure Signing Methods',
								name: 'insecureSigningMethods',
								type: 'multiOptions',
								options: [
									{ name: 'Draw', value: 'draw' },
									{ name: 'Image', value: 'image' },
									{ name: 'Text', value: 'text' },
								],
								default: [],
								description: 'Which insecure methods the signer may use, when insecure signing is enabled',
							},
							{
								displayName: 'Language',
								name: 'language',
								type: 'options',
								options: LANGUAGE_OPTIONS,
								default: 'en',
								description: 'The signer’s language (overrides the case file language)',
							},
							{
								displayName: 'On Behalf Of',
								name: 'onBehalfOf',
								type: 'string',
								default: '',
								placeholder: 'Acme Corporation',
								description: 'Company or organisation the signer signs for',
							},
							{
								displayName: 'Reminder Interval (Days)',
								name: 'reminderInterval',
								type: 'number',
								typeOptions: { minValue: 1 },
								default: 3,
								description: 'Days between reminders',
							},
							emailText('Reminder Email Subject'),
							emailText('Reminder Email Text'),
							{
								displayName: 'SSN or Phone Number',
								name: 'ssn',
								type: 'string',
								typeOptions: { password: true },
								default: '',
								description: 'National ID number (e.g. CPR) or, with SSN Type "SMS", a phone number in E.164 format. Never shown in output or errors.',
							},
							{
								displayName: 'SSN Type',
								name: 'ssnType',
								type: 'options',
								options: [
									{ name: 'Belgian National Register Number', value: 'be:nrn' },
									{ name: 'Danish CPR', value: 'dk:cpr' },
									{ name: 'Finnish Personal Identity Code', value: 'fi:pic' },
									{ name: 'Legacy', value: 'legacy' },
									{ name: 'Norwegian National ID', value: 'no:nin' },
									{ name: 'SMS (Phone Number)', value: 'sms' },
									{ name: 'Swedish Personal Number', value: 'se:pin' },
								],
								default: 'dk:cpr',
								description: 'What the SSN field holds',
							},
							{
								displayName: 'Store as Contact',
								name: 'storeAsContact',
								type: 'boolean',
								default: false,
								description: 'Whether Penneo stores the signer as a contact',
							},
							{
								displayName: 'Success URL',
								name: 'successUrl',
								type: 'string',
								default: '',
								placeholder: 'https://example.com/success',
								description: 'Where the signer is sent after signing',
							},
							{
								displayName: 'VAT Number',
								name: 'vatin',
								type: 'string',
								default: '',
								description: 'VAT identification number of the signer’s company',
							},
						],
					},
				],
			},
		],
	},
	{
		displayName: 'CC Recipients',
		name: 'ccRecipients',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add CC recipient',
		default: {},
		description: 'People who receive a copy of the completed documents without signing',
		displayOptions: { show },
		options: [
			{
				displayName: 'Recipient',
				name: 'recipient',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true },
					{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', required: true },
					{
						displayName: 'Store as Contact',
						name: 'storeAsContact',
						type: 'boolean',
						default: true,
						description: 'Whether Penneo stores the recipient as a contact',
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Access Control',
				name: 'accessControl',
				type: 'boolean',
				default: false,
				description: 'Whether signers’ SSN, VAT number or phone is validated before they can open the documents',
			},
			{
				displayName: 'Disable Email Attachments',
				name: 'disableEmailAttachments',
				type: 'boolean',
				default: false,
				description: 'Whether the completion emails leave out the signed documents (always the case with Sensitive Data)',
			},
			{
				displayName: 'Disable Owner Notifications',
				name: 'disableNotificationsOwner',
				type: 'boolean',
				default: false,
				description: 'Whether the case file owner gets no notifications',
			},
			{
				displayName: 'Expire At',
				name: 'expireAt',
				type: 'dateTime',
				default: '',
				description: 'When the case file expires (sent as a Unix timestamp)',
			},
			{
				displayName: 'Folder ID',
				name: 'folderId',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description: 'ID of the Penneo folder to put the case file in',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'options',
				options: LANGUAGE_OPTIONS,
				default: 'en',
				description: 'Language for every signer without a language of their own',
			},
			{
				displayName: 'Metadata',
				name: 'metaData',
				type: 'string',
				default: '',
				description: 'Text searchable in Penneo',
			},
			{
				displayName: 'Reference',
				name: 'reference',
				type: 'string',
				default: '',
				placeholder: 'CONTRACT-2025-001',
				description: 'Your reference, shown in the Penneo web application',
			},
			{
				displayName: 'Send At',
				name: 'sendAt',
				type: 'dateTime',
				default: '',
				description: 'When Penneo sends the case file (sent as a Unix timestamp). Empty: immediately.',
			},
			{
				displayName: 'Sensitive Data',
				name: 'sensitiveData',
				type: 'boolean',
				default: false,
				description: 'Whether signers must prove their identity before they can open the documents',
			},
			{
				displayName: 'Sign On Meeting',
				name: 'signOnMeeting',
				type: 'boolean',
				default: false,
				description: 'Whether the documents can be signed at a meeting',
			},
			{
				displayName: 'Visibility Mode',
				name: 'visibilityMode',
				type: 'options',
				options: [
					{ name: 'All Documents', value: 0, description: 'Every signer sees every document' },
					{ name: 'Only Documents To Sign', value: 1, description: 'Each signer sees only the documents they sign' },
				],
				default: 0,
			},
		],
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait until Penneo has created the case file and return its ID and signing links. Off: return the creation job at once (check it later with Job → Get Status).',
		displayOptions: { show },
	},
	{
		displayName: 'Check Interval (Seconds)',
		name: 'checkInterval',
		type: 'number',
		typeOptions: { minValue: MIN_CHECK_INTERVAL_SECONDS },
		default: 5,
		description: 'Seconds between two checks of the job. Penneo asks for at least 5 seconds (at most 20 checks a minute).',
		displayOptions: { show: { ...show, waitForCompletion: [true] } },
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: MIN_CHECK_INTERVAL_SECONDS, maxValue: 3600 },
		default: 120,
		description: 'How long to wait for the job before stopping with its UUID and payload hash (the case file is not sent again)',
		displayOptions: { show: { ...show, waitForCompletion: [true] } },
	},
];

const optionalText = (min = 1) => z.string().min(min).optional();

const signerSchema = z.object({
	name: z.string().trim().min(1),
	email: z.string().trim().email().optional(),
	role: z.string().min(3).regex(SIGNER_ROLE, ROLE_RULE).optional(),
	signOrder: z.number().int().min(0).optional(),
	language: z.enum(LANGUAGES).optional(),
	ssn: z.string().trim().min(1).optional(),
	ssnType: z.enum(SSN_TYPES).optional(),
	vatin: optionalText(),
	onBehalfOf: optionalText(),
	accessControl: z.boolean().optional(),
	storeAsContact: z.boolean().optional(),
	successUrl: z.string().trim().min(5).url().optional(),
	failUrl: z.string().trim().min(5).url().optional(),
	emailFormat: z.enum(['text', 'html']).optional(),
	emailSubject: optionalText(5),
	emailText: optionalText(5),
	reminderInterval: z.number().int().min(1).optional(),
	reminderEmailSubject: optionalText(5),
	reminderEmailText: optionalText(5),
	completedEmailSubject: optionalText(5),
	completedEmailText: optionalText(5),
	activeAt: unixTime.optional(),
	expireAt: unixTime.optional(),
	enableInsecureSigning: z.boolean().optional(),
	insecureSigningMethods: z.array(z.enum(INSECURE_METHODS)).optional(),
});

const documentSchema = z.object({
	binaryPropertyName: z.string().trim().min(1),
	/** Whether the input item has that binary field. */
	hasFile: z.boolean(),
	title: z.string().trim().min(1).max(1024),
	name: z.string().trim().min(1),
	signable: z.boolean(),
	roles: z.array(z.string().min(3).regex(DOCUMENT_ROLE, ROLE_RULE.replace('underscores,', 'underscores, hyphens,'))).optional(),
	documentOrder: z.number().int().min(0).optional(),
	metaData: optionalText(),
});

const schema = z
	.object({
		title: z.string().trim().min(1).max(1024),
		documents: z.array(documentSchema).min(1),
		signers: z.array(signerSchema).min(1),
		ccRecipients: z.array(z.object({ name: z.string().trim().min(1), email: z.string().trim().email(), storeAsContact: z.boolean().optional() })),
		additionalFields: z.object({
			language: z.enum(LANGUAGES).optional(),
			reference: optionalText(),
			metaData: optionalText(),
			folderId: z.number().int().min(1).optional(),
			sendAt: unixTime.optional(),
			expireAt: unixTime.optional(),
			sensitiveData: z.boolean().optional(),
			accessControl: z.boolean().optional(),
			visibilityMode: z.union([z.literal(0), z.literal(1)]).optional(),
			disableNotificationsOwner: z.boolean().optional(),
			disableEmailAttachments: z.boolean().optional(),
			signOnMeeting: z.boolean().optional(),
		}),
		waitForCompletion: z.boolean(),
		checkInterval: z.number().min(MIN_CHECK_INTERVAL_SECONDS),
		timeout: z.number().min(MIN_CHECK_INTERVAL_SECONDS).max(3600),
	})
	.superRefine((p, ctx) => {
		p.documents.forEach((d, index) => {
			if (!d.hasFile)
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['documents', index, 'binaryPropertyName'],
					message: `has no file: the input item has no binary field "${d.binaryPropertyName}"`,
				});
		});
		if (p.documents.length && !p.documents.some((d) => d.signable))
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['documents'], message: 'needs at least one signable document' });
		const names = new Map<string, number>();
		p.documents.forEach((d, index) => {
			const earlier = names.get(d.name);
			if (earlier !== undefined)
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['documents', index, 'name'],
					message: `"${d.name}" is also the file name of document ${earlier + 1}: give each document its own File Name`,
				});
			else names.set(d.name, index);
		});
		const roles = new Set(p.signers.map((s) => s.role ?? DEFAULT_ROLE));
		p.documents.forEach((d, index) =>
			(d.roles ?? []).forEach((role, r) => {
				if (!roles.has(role))
					ctx.addIssue({
						code: z.ZodIssueCode.custom,
						path: ['documents', index, 'roles', r],
						message: `"${role}" is not the role of any signer (signer roles: ${[...roles].join(', ')})`,
					});
			}),
		);
		const a = p.additionalFields;
		if (a.sendAt !== undefined && a.expireAt !== undefined && a.expireAt <= a.sendAt)
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['additionalFields', 'expireAt'], message: 'must be after "Send At"' });
		if (p.waitForCompletion && p.timeout < p.checkInterval)
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['timeout'], message: 'must be at least the check interval' });
	});

export const labels = {
	title: 'Title',
	documents: 'Documents',
	'documents.binaryPropertyName': 'Input Binary Field',
	'documents.title': 'Document Title',
	'documents.name': 'File Name',
	'documents.roles': 'Roles',
	roles: 'Roles',
	'documents.documentOrder': 'Document Order',
	'documents.metaData': 'Metadata',
	signers: 'Signers',
	'signers.name': 'Signer Name',
	'signers.email': 'Signer Email',
	'signers.role': 'Signer Role',
	'signers.signOrder': 'Sign Order',
	'signers.language': 'Language',
	'signers.ssn': 'SSN or Phone Number',
	'signers.ssnType': 'SSN Type',
	'signers.vatin': 'VAT Number',
	'signers.onBehalfOf': 'On Behalf Of',
	'signers.successUrl': 'Success URL',
	'signers.failUrl': 'Fail URL',
	'signers.emailFormat': 'Email Format',
	'signers.emailSubject': 'Email Subject',
	'signers.emailText': 'Email Text',
	'signers.reminderInterval': 'Reminder Interval (Days)',
	'signers.reminderEmailSubject': 'Reminder Email Subject',
	'signers.reminderEmailText': 'Reminder Email Text',
	'signers.completedEmailSubject': 'Completed Email Subject',
	'signers.completedEmailText': 'Completed Email Text',
	'signers.activeAt': 'Active At',
	'signers.expireAt': 'Signer Expire At',
	'signers.insecureSigningMethods': 'Insecure Signing Methods',
	insecureSigningMethods: 'Insecure Signing Methods',
	ccRecipients: 'CC Recipients',
	'ccRecipients.name': 'CC Recipient Name',
	'ccRecipients.email': 'CC Recipient Email',
	'additionalFields.language': 'Language',
	'additionalFields.reference': 'Reference',
	'additionalFields.folderId': 'Folder ID',
	'additionalFields.sendAt': 'Send At',
	'additionalFields.expireAt': 'Expire At',
	'additionalFields.visibilityMode': 'Visibility Mode',
	waitForCompletion: 'Wait for Completion',
	checkInterval: 'Check Interval (Seconds)',
	timeout: 'Timeout (Seconds)',
};

/** Empty editor values ("", empty lists) are "not set"; booleans are always kept. */
function clean(obj: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(compact(obj)).filter(([, v]) => !(Array.isArray(v) && v.length === 0)),
	) as IDataObject;
}

/** Roles typed as "Client Signer, Company Signer" (roles contain spaces: split on commas only) or given as an array. */
function roleList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
	if (value === undefined || value === null) return [];
	return String(value)
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}

function withoutExtension(name: string): string {
	return name.replace(/\.[^./\\]+$/, '') || name;
}

export async function execute(this: IExecuteFunctions, i: number, client: PenneoClient): Promise<OperationResult> {
	const raw = params(this, i, {
		title: '',
		documents: {},
		signers: {},
		ccRecipients: {},
		additionalFields: {},
		waitForCompletion: true,
		checkInterval: 5,
		timeout: 120,
	});
	const binaries = this.getInputData()[i]?.binary ?? {};
	const documents = rows(raw.documents, 'document').map((d) => {
		const options = (d.options ?? {}) as IDataObject;
		const property = String(d.binaryPropertyName ?? 'data').trim();
		const binary = binaries[property];
		// The JSON names each file exactly as its multipart part does (Penneo pairs them by name).
		const name = multipartFileName(String(options.fileName || binary?.fileName || `${String(d.title || 'document')}.pdf`).trim(), 'document.pdf');
		return clean({
			binaryPropertyName: property,
			hasFile: !!binary,
			title: String(d.title ?? '').trim() || withoutExtension(name),
			name,
			signable: d.signable !== false,
			roles: roleList(options.roles),
			documentOrder: options.documentOrder as number | undefined,
			metaData: options.metaData as string | undefined,
		});
	});
	const signers = rows(raw.signers, 'signer').map((s) => {
		const { options, ...rest } = s;
		return clean({ ...rest, ...((options ?? {}) as IDataObject) });
	});
	const p = validate(
		this,
		schema,
		{
			...raw,
			documents,
			signers,
			ccRecipients: rows(raw.ccRecipients, 'recipient').map(clean),
			additionalFields: clean((raw.additionalFields ?? {}) as IDataObject),
		},
		i,
		labels,
	);
	// National id numbers: scrubbed from anything that can reach an error or the output.
	const sensitive = p.signers.map((s) => s.ssn).filter((v): v is string => !!v);

	const caseFile: IDataObject = clean({
		title: p.title,
		...p.additionalFields,
		signers: p.signers.map(({ ssn, ...s }) => clean({ ...s, socialSecurityNumberPlain: ssn })),
		ccRecipients: p.ccRecipients.length ? p.ccRecipients : undefined,
		documents: p.documents.map((d) =>
			clean({ title: d.title, name: d.name, signable: d.signable, roles: d.roles, documentOrder: d.documentOrder, metaData: d.metaData }),
		),
	});
	const payload = JSON.stringify({ caseFile });

	const files: Array<{ name: string; input: BinaryInput }> = [];
	for (const d of p.documents) files.push({ name: d.name, input: await readBinary(this, i, d.binaryPropertyName, d.name) });

	const created = await client.json<IDataObject>({
		method: 'POST',
		url: PENNEO.paths.createCaseFile,
		itemIndex: i,
		timeout: 30 * 60_000,
		sensitive,
		appliedHint: `Penneo may have created it: look in Penneo for the case file "${p.title}"${p.additionalFields.reference ? ` (reference ${p.additionalFields.reference})` : ''} before running the node again.`,
		body: async () =>
			await multipartBody([
				{ field: 'data', value: payload },
				...files.map((f) => ({ field: 'files', file: f.input, fileName: f.name, contentType: f.input.mimeType })),
			]),
	});
	const jobs = Array.isArray(created.jobs) ? (created.jobs as IDataObject[]) : [];
	const job = jobs[0] ?? {};
	const submitted: IDataObject = { message: created.message, uuid: job.uuid, payloadHash: job.payloadHash, createdAt: job.createdAt, jobs };
	if (!p.waitForCompletion || typeof job.uuid !== 'string' || typeof job.payloadHash !== 'string') {
		return redact({ jobStatus: job.jobStatus ?? 'pending', ...submitted }, sensitive);
	}
	try {
		const done = await waitForJob(this, client, { uuid: job.uuid, payloadHash: job.payloadHash }, { intervalSeconds: p.checkInterval, timeoutSeconds: p.timeout }, i);
		return redact(
			{
				caseFileId: done.caseFileId,
				signingLinks: done.signingLinks,
				jobStatus: done.jobStatus,
				uuid: job.uuid,
				payloadHash: job.payloadHash,
				caseFile: ((done.result as IDataObject | undefined)?.data as IDataObject | undefined)?.caseFile,
			},
			sensitive,
		);
	} catch (error) {
		throw attachLeftBehind(error, { uuid: job.uuid, payloadHash: job.payloadHash });
	}
}
