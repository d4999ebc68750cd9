/** The editor fields of the E-Signature node and trigger, built from the wired adapters. */
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import type { ESignAdapter } from '../shared/esign';
import { ADAPTERS } from './adapters';
import { EVENT_NAMES, providersWith } from './capabilities';

export const DOCS_URL = 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#e-signature';

/** The name of a provider's "Provider Options" collection (one per provider, shown for that provider only). */
export const optionsName = (provider: string) => `${provider}Options`;
export const triggerOptionsName = (provider: string) => `${provider}TriggerOptions`;

export function providerProperty(adapters: readonly ESignAdapter[] = ADAPTERS): INodeProperties {
	return {
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		options: adapters.map((a) => ({ name: a.displayName, value: a.provider })),
		// Penneo: the first adapter on main (the loader test checks the default is a wired provider).
		default: 'penneo',
		description: 'The e-signature provider to use. Switching it keeps every other field; only the credential changes.',
	};
}

/** n8n shows only the chosen provider's credential. */
export function providerCredentials(adapters: readonly ESignAdapter[] = ADAPTERS): INodeCredentialDescription[] {
	return adapters.map((a) => ({ name: a.credentialType, required: true, displayOptions: { show: { provider: [a.provider] } } }));
}

function providerCollections(name: (provider: string) => string, pick: (a: ESignAdapter) => INodeProperties[] | undefined, show: Record<string, string[]>) {
	return ADAPTERS.filter((a) => (pick(a) ?? []).length > 0).map(
		(a): INodeProperties => ({
			displayName: 'Provider Options',
			name: name(a.provider),
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			description: `Options only ${a.displayName} has`,
			displayOptions: { show: { ...show, provider: [a.provider] } },
			options: pick(a)!,
		}),
	);
}

const send = { operation: ['send'] };
const byId = { operation: ['getStatus', 'download', 'cancel'] };

/** The wired providers having a capability, for the fields' descriptions. */
const by = (has: Parameters<typeof providersWith>[1]) => providersWith(ADAPTERS, has);

export const actionProperties: INodeProperties[] = [
	providerProperty(),
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Cancel', value: 'cancel', action: 'Cancel an envelope', description: 'Void or delete an envelope that is not finished' },
			{
				name: 'Download Signed Document',
				value: 'download',
				action: 'Download the signed document',
				description: 'Download the signed documents (and the audit trail, where the provider has one) as binary data, one item per file',
			},
			{ name: 'Get Status', value: 'getStatus', action: 'Get the status of an envelope', description: 'The envelope’s status and each signer’s' },
			{ name: 'Send for Signature', value: 'send', action: 'Send documents for signature', description: 'Send documents from binary fields to signers' },
		],
		default: 'send',
	},

	// ── Send for Signature ──
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Employment Agreement - John Smith',
		description: 'Title of the envelope, shown to the signers',
		displayOptions: { show: send },
	},
	{
		displayName: 'Input Binary Fields',
		name: 'binaryPropertyNames',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'e.g. data, annex',
		hint: 'The names of the input fields containing the documents, separated by commas',
		description: `Names of the input item’s binary fields holding the documents to sign, one document each, in order. More than one: ${providersWith(ADAPTERS, (c) => c.multipleDocuments)}.`,
		displayOptions: { show: send },
	},
	{
		displayName: 'Signers',
		name: 'signers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		required: true,
		placeholder: 'Add signer',
		default: { signer: [{ name: '', email: '' }] },
		description: 'The people who sign, in signing order',
		displayOptions: { show: send },
		options: [
			{
				displayName: 'Signer',
				name: 'signer',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'e.g. John Smith', description: 'Full name of the signer' },
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						required: true,
						default: '',
						placeholder: 'e.g. name@email.com',
						description: 'Email address of the signer',
					},
					{
						displayName: 'Phone',
						name: 'phone',
						type: 'string',
						default: '',
						placeholder: 'e.g. +4512345678',
						description: `Mobile number of the signer in international format (optional). Supported by: ${by((c) => c.phone)}.`,
					},
					{
						displayName: 'National ID',
						name: 'nationalId',
						type: 'string',
						typeOptions: { password: true },
						default: '',
						description: `National ID number (CPR, personnummer…) the signer’s electronic ID must match (optional; never shown in output or errors). Supported by: ${by((c) => c.nationalId)}.`,
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: send },
		options: [
			{
				displayName: 'Due Date',
				name: 'dueDate',
				type: 'dateTime',
				default: '',
				description: `When the envelope expires if it is not signed. Supported by: ${by((c) => c.dueDate)}.`,
			},
			{
				displayName: 'Message',
				name: 'message',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: `Message to the signers in the provider’s invitation. Supported by: ${by((c) => c.message)}.`,
			},
			{
				displayName: 'Signing Order',
				name: 'signingOrder',
				type: 'options',
				options: [
					{ name: 'Parallel', value: 'parallel', description: `Everyone can sign at once. Supported by: ${by((c) => c.parallelOrder)}.` },
					{ name: 'Provider Default', value: 'default', description: 'Whatever the provider does without being told' },
					{ name: 'Sequential', value: 'sequential', description: `One after another, in the order of "Signers". Supported by: ${by((c) => c.sequentialOrder)}.` },
				],
				default: 'default',
			},
		],
	},
	...providerCollections(optionsName, (a) => a.sendOptions, send),

	// ── Get Status, Download, Cancel ──
	{
		displayName: 'Envelope ID',
		name: 'envelopeId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 4f0b2f4e-2c1a-4d7e-9a51-0c5d7d0c8a11',
		description: 'The envelope’s ID as Send for Signature or the E-Signature Trigger return it (`envelopeId`)',
		displayOptions: { show: byId },
	},
	{
		displayName: 'Files',
		name: 'files',
		type: 'options',
		options: [
			{ name: 'Audit Trail', value: 'auditTrail', description: `The signing evidence document. Supported by: ${by((c) => c.auditTrail)}.` },
			{ name: 'Signed Documents', value: 'signed' },
			{ name: 'Signed Documents and Audit Trail', value: 'both', description: `The signed documents, then the audit trail. Supported by: ${by((c) => c.auditTrail)}.` },
		],
		default: 'signed',
		description: 'Which files to download; each file is one output item',
		displayOptions: { show: { operation: ['download'] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { operation: ['download'] } },
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'e.g. Sent to the wrong address',
		description: 'Why the envelope is cancelled, where the provider records one (optional)',
		displayOptions: { show: { operation: ['cancel'] } },
	},
];

export const triggerProperties: INodeProperties[] = [
	providerProperty(),
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{ name: EVENT_NAMES.completed, value: 'completed', description: 'Every signer has signed' },
			{ name: EVENT_NAMES.declined, value: 'declined', description: 'A signer declined (rejected) the envelope' },
			{ name: EVENT_NAMES.expired, value: 'expired', description: 'The envelope passed its due date unsigned' },
			{
				name: EVENT_NAMES['signer.signed'],
				value: 'signer.signed',
				description: `One signer has signed (once per signer). Supported by: ${by((c) => c.events['signer.signed'])}.`,
			},
		],
		default: ['completed'],
		description: 'The events to start the workflow on. Changing them (or the provider) starts afresh: nothing that happened before fires.',
	},
	...providerCollections(triggerOptionsName, (a) => a.triggerOptions, {}),
];
