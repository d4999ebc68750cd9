import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params, rows, splitList } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { caseIdField, documentIdsField, id, requiredText } from '../common';

const show = { resource: ['envelope'], operation: ['create'] };

export const SIGNER_ROLES = ['signer', 'approver', 'cc'] as const;

export const description: INodeProperties[] = [
	caseIdField(show, 'ID of the case the envelope belongs to'),
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Employment Agreement – Smith',
		description: 'Title signers see in the signing email and page (at most 255 characters: this node’s limit, Optimaite documents none)',
		displayOptions: { show },
	},
	documentIdsField(show, 'IDs of the case documents to sign (from Document → Upload), separated by commas'),
	{
		displayName: 'Signers',
		name: 'signers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add signer',
		default: {},
		required: true,
		description: 'People who sign, in signing order when the order is sequential',
		displayOptions: { show },
		options: [
			{
				displayName: 'Signer',
				name: 'signer',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'e.g. John Smith' },
					{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', required: true },
					{
						displayName: 'Role',
						name: 'role',
						type: 'options',
						options: [
							{ name: 'Signer', value: 'signer', description: 'Signs the documents' },
							{ name: 'Approver (Unconfirmed)', value: 'approver', description: 'Approves without a signature. Not in Optimaite’s API docs: may be refused.' },
							{ name: 'CC (Unconfirmed)', value: 'cc', description: 'Receives a copy only. Not in Optimaite’s API docs: may be refused.' },
						],
						default: 'signer',
						hint: 'Optimaite’s API docs show only the role "signer"; approver and CC are sent as "approver" and "cc" and are not confirmed',
					},
				],
			},
		],
	},
	{
		displayName: 'Signing Order',
		name: 'signingOrder',
		type: 'options',
		options: [
			{ name: 'Sequential', value: 'sequential', description: 'One after another, in the order listed' },
			{ name: 'Parallel (Unconfirmed)', value: 'parallel', description: 'Everyone at the same time. Sent as "parallel", which Optimaite’s API docs do not show.' },
		],
		default: 'sequential',
		hint: 'The API docs show "sequential"; Optimaite’s product docs mention parallel signing, sent here as "parallel" (unconfirmed)',
		displayOptions: { show },
	},
	{
		displayName: 'Send Emails',
		name: 'sendEmails',
		type: 'boolean',
		default: true,
		description: 'Whether Optimaite emails each signer a magic link to sign',
		displayOptions: { show },
	},
];

const schema = z.object({
	caseId: id('Case ID'),
	title: requiredText,
	documentIds: z.array(id()).min(1),
	signers: z
		.array(
			z.object({
				name: requiredText,
				email: z.string().trim().email(),
				role: z.enum(SIGNER_ROLES),
			}),
		)
		.min(1),
	signingOrder: z.enum(['sequential', 'parallel']),
	sendEmails: z.boolean(),
});

export const labels = {
	caseId: 'Case ID',
	title: 'Title',
	documentIds: 'Document IDs',
	signers: 'Signers',
	'signers.name': 'Signer Name',
	'signers.email': 'Signer Email',
	'signers.role': 'Signer Role',
	signingOrder: 'Signing Order',
	sendEmails: 'Send Emails',
};

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const raw = params(this, i, { caseId: '', title: '', documentIds: '', signers: {}, signingOrder: 'sequential', sendEmails: true });
	const p = validate(
		this,
		schema,
		{ ...raw, documentIds: splitList(raw.documentIds), signers: rows(raw.signers, 'signer').map((s) => ({ role: 'signer', ...s })) },
		i,
		labels,
	);
	return await client.json({
		method: 'POST',
		url: OPTIMAITE.paths.caseEnvelopes(p.caseId),
		itemIndex: i,
		body: {
			title: p.title,
			document_ids: p.documentIds,
			signers: p.signers,
			signing_order: p.signingOrder,
			send_emails: p.sendEmails,
		},
		scope: 'documents:write',
		appliedHint: `Use Signing Envelope → Get Many for case ${p.caseId} and look for "${p.title}" before creating it again.`,
	});
}
