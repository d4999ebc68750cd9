/** The editor fields of Case File → Create (Penneo's case file document, penneo-case-file-create.txt). */
import type { INodeProperties } from 'n8n-workflow';

import { sinceVersion } from '../../../shared/locator';
import { MIN_CHECK_INTERVAL_SECONDS } from '../common';

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

/**
 * Roles. Penneo's page gives two rules: its tables allow letters, digits, underscores, spaces and commas (documents
 * also hyphens), its notes say "only alphanumeric characters and underscores (no spaces)". The node checks the
 * stricter one, which Penneo accepts under both: at least 3 letters, digits or underscores, starting with a letter or digit.
 */
export const ROLE = /^[A-Za-z0-9][A-Za-z0-9_]{2,}$/;
export const ROLE_RULE = 'must be at least 3 letters (a–z), digits or underscores, starting with a letter or digit (no spaces: Penneo’s notes forbid them)';
const ROLE_HINT = 'Letters, digits and underscores only, e.g. Client_Signer (Penneo’s notes forbid spaces, although its table allows them)';

/** Our limits where Penneo documents none (generous; a 1 MB text is refused before sending). */
export const LIMITS = { subject: 255, text: 10_000, name: 255, reference: 1024, metaData: 1024 } as const;
/** The role Penneo gives signers without one. */
export const DEFAULT_ROLE = 'Signer';

const emailText = (label: string): INodeProperties => ({
	displayName: label,
	name: label.replace(/ (.)/g, (_, c: string) => c.toUpperCase()).replace(/^./, (c) => c.toLowerCase()),
	type: 'string',
	default: '',
	typeOptions: label.endsWith('Text') ? { rows: 4 } : undefined,
	description: `${label} (at least 5 characters; at most ${label.endsWith('Text') ? '10,000' : '255'}, our limit)`,
});

/** The signer's fields, each defined once: version 1 shows them in one flat list, version 2 in groups. */
const SIGNER_FIELDS = {
	accessControl: {
		displayName: 'Access Control',
		name: 'accessControl',
		type: 'boolean',
		default: false,
		description: 'Whether the signer’s SSN, VAT number or phone is validated before they can open the documents',
	},
	activeAt: {
		displayName: 'Active At',
		name: 'activeAt',
		type: 'dateTime',
		default: '',
		description: 'When the signer becomes active (sent to Penneo as a Unix timestamp)',
	},
	completedEmailSubject: emailText('Completed Email Subject'),
	completedEmailText: emailText('Completed Email Text'),
	emailFormat: {
		displayName: 'Email Format',
		name: 'emailFormat',
		type: 'options',
		options: [
			{ name: 'HTML', value: 'html' },
			{ name: 'Text', value: 'text' },
		],
		default: 'html',
	},
	emailSubject: emailText('Email Subject'),
	emailText: emailText('Email Text'),
	enableInsecureSigning: {
		displayName: 'Enable Insecure Signing',
		name: 'enableInsecureSigning',
		type: 'boolean',
		default: false,
		description: 'Whether the signer may sign without an electronic ID (by typing, drawing or uploading a signature)',
	},
	expireAt: {
		displayName: 'Expire At',
		name: 'expireAt',
		type: 'dateTime',
		default: '',
		description: 'When the signer’s access expires (sent as a Unix timestamp)',
	},
	failUrl: {
		displayName: 'Fail URL',
		name: 'failUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/failure',
		description: 'Where the signer is sent when signing fails',
	},
	insecureSigningMethods: {
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
	language: {
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: LANGUAGE_OPTIONS,
		default: 'en',
		description: 'The signer’s language (overrides the case file language)',
	},
	onBehalfOf: {
		displayName: 'On Behalf Of',
		name: 'onBehalfOf',
		type: 'string',
		default: '',
		placeholder: 'e.g. Acme Corporation',
		description: 'Company or organisation the signer signs for (at most 255 characters, our limit)',
	},
	reminderInterval: {
		displayName: 'Reminder Interval (Days)',
		name: 'reminderInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 3,
		description: 'Days between reminders',
	},
	reminderEmailSubject: emailText('Reminder Email Subject'),
	reminderEmailText: emailText('Reminder Email Text'),
	ssn: {
		displayName: 'SSN or Phone Number',
		name: 'ssn',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'National ID number (e.g. CPR) or, with SSN Type "SMS", a phone number in E.164 format. Never shown in output or errors.',
	},
	ssnType: {
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
	storeAsContact: {
		displayName: 'Store as Contact',
		name: 'storeAsContact',
		type: 'boolean',
		default: false,
		description: 'Whether Penneo stores the signer as a contact',
	},
	successUrl: {
		displayName: 'Success URL',
		name: 'successUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/success',
		description: 'Where the signer is sent after signing',
	},
	vatin: {
		displayName: 'VAT Number',
		name: 'vatin',
		type: 'string',
		default: '',
		description: 'VAT identification number of the signer’s company (at most 255 characters, our limit)',
	},
} satisfies Record<string, INodeProperties>;

type SignerField = keyof typeof SIGNER_FIELDS;

/** Version 2's groups of signer options (each key in exactly one group; alphabetical inside a group, as n8n lists them). */
export const SIGNER_GROUPS = {
	security: ['accessControl', 'activeAt', 'enableInsecureSigning', 'expireAt', 'insecureSigningMethods', 'ssn', 'ssnType', 'vatin'],
	notifications: ['completedEmailSubject', 'completedEmailText', 'emailFormat', 'emailSubject', 'emailText', 'language', 'reminderEmailSubject', 'reminderEmailText', 'reminderInterval'],
	options: ['failUrl', 'onBehalfOf', 'storeAsContact', 'successUrl'],
} as const satisfies Record<string, readonly SignerField[]>;

const pick = (keys: readonly SignerField[]) => keys.map((k) => SIGNER_FIELDS[k] as INodeProperties);

/** What people fill in first: name, then email, then role and order. */
const SIGNER_BASICS: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'e.g. John Doe' },
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. name@email.com',
		default: '',
		description: 'Penneo sends the signing invitation and reminders to this address',
	},
	{
		displayName: 'Role',
		name: 'role',
		type: 'string',
		default: '',
		placeholder: 'e.g. Client_Signer',
		hint: ROLE_HINT,
		description: 'Role used to match documents (at least 3 letters, digits or underscores). Empty: "Signer".',
	},
	{
		displayName: 'Sign Order',
		name: 'signOrder',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Signing order: 0 signs immediately, 1 after everyone with 0 has signed, and so on',
	},
];

const signersBase = {
	displayName: 'Signers',
	name: 'signers',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add signer',
	default: {},
	required: true,
	description: 'People who sign or review the documents (at least one)',
	displayOptions: { show },
} as const;

/**
 * Version 1: every option in one "Signer Options" list (as saved workflows have them). Version 2: one empty signer to
 * start from, and the 21 options in three groups — authentication and access, notifications, other options.
 */
const signersField: INodeProperties[] = sinceVersion(
	2,
	{
		...signersBase,
		default: {},
		options: [
			{
				displayName: 'Signer',
				name: 'signer',
				values: [
					...SIGNER_BASICS,
					{
						displayName: 'Signer Options',
						name: 'options',
						type: 'collection',
						placeholder: 'Add option',
						default: {},
						options: pick(Object.keys(SIGNER_FIELDS) as SignerField[]),
					},
				],
			},
		],
	},
	{
		...signersBase,
		default: { signer: [{ name: '', email: '' }] },
		options: [
			{
				displayName: 'Signer',
				name: 'signer',
				values: [
					...SIGNER_BASICS,
					{
						displayName: 'Authentication and Access',
						name: 'security',
						type: 'collection',
						placeholder: 'Add authentication or access option',
						default: {},
						description: 'How the signer proves who they are (SSN, phone, VAT number, signing without an eID) and when they may sign',
						options: pick(SIGNER_GROUPS.security),
					},
					{
						displayName: 'Notifications',
						name: 'notifications',
						type: 'collection',
						placeholder: 'Add notification option',
						default: {},
						description: 'The emails Penneo sends this signer: language, invitation, reminders, completion',
						options: pick(SIGNER_GROUPS.notifications),
					},
					{
						displayName: 'Other Options',
						name: 'options',
						type: 'collection',
						placeholder: 'Add option',
						default: {},
						options: pick(SIGNER_GROUPS.options),
					},
				],
			},
		],
	},
);

export const description: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Commercial Agreement 2025',
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
						placeholder: 'e.g. Main Contract',
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
								placeholder: 'e.g. contract.pdf',
								description: 'Name the file is uploaded under. Empty: the binary’s own file name. Must be unique within the case file.',
							},
							{
								displayName: 'Metadata',
								name: 'metaData',
								type: 'string',
								default: '',
								description: 'Text searchable in Penneo (at most 1,024 characters, our limit)',
							},
							{
								displayName: 'Roles',
								name: 'roles',
								type: 'string',
								default: '',
								placeholder: 'e.g. Client_Signer, Company_Signer',
								hint: ROLE_HINT,
								description: 'Only signers with these roles sign this document, separated by commas. Empty: every signer signs it. Each role must be the role of a signer.',
							},
						],
					},
				],
			},
		],
	},
	...signersField,
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
					{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'e.g. name@email.com', default: '', required: true },
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
				description: 'Text searchable in Penneo (at most 1,024 characters, our limit)',
			},
			{
				displayName: 'Reference',
				name: 'reference',
				type: 'string',
				default: '',
				placeholder: 'e.g. CONTRACT-2025-001',
				description: 'Your reference, shown in the Penneo web application (at most 1,024 characters, our limit)',
			},
			{
				displayName: 'Send At',
				name: 'sendAt',
				type: 'dateTime',
				default: '',
				description: 'When Penneo sends the case file (sent as a Unix timestamp). Empty: immediately.',
			},
			{
				displayName: 'Sender Name',
				name: 'senderName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Acme Legal',
				description: 'Name shown to the signers as the sender (2–255 characters)',
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


export const labels = {
	title: 'Title',
	documents: 'Documents',
	'documents.binaryPropertyName': 'Input Binary Field',
	'documents.title': 'Title',
	'documents.name': 'File Name',
	'documents.roles': 'Roles',
	roles: 'Roles',
	'documents.documentOrder': 'Document Order',
	'documents.metaData': 'Metadata',
	signers: 'Signers',
	'signers.name': 'Name',
	'signers.email': 'Email',
	'signers.role': 'Role',
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
	'signers.expireAt': 'Expire At',
	'signers.insecureSigningMethods': 'Insecure Signing Methods',
	insecureSigningMethods: 'Insecure Signing Methods',
	ccRecipients: 'CC Recipients',
	'ccRecipients.name': 'Name',
	'ccRecipients.email': 'Email',
	'additionalFields.language': 'Language',
	'additionalFields.reference': 'Reference',
	'additionalFields.metaData': 'Metadata',
	'additionalFields.senderName': 'Sender Name',
	'additionalFields.folderId': 'Folder ID',
	'additionalFields.sendAt': 'Send At',
	'additionalFields.expireAt': 'Expire At',
	'additionalFields.visibilityMode': 'Visibility Mode',
	waitForCompletion: 'Wait for Completion',
	checkInterval: 'Check Interval (Seconds)',
	timeout: 'Timeout (Seconds)',
};

