import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { callId } from '../../transport';
import { subject } from '../common';

const show = { resource: ['draft'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Employment Agreement - John Smith',
		description: 'Title participants see in emails and on the signing page (at most 500 characters)',
		displayOptions: { show },
	},
];

const schema = z.object({ subject: subject().min(1) });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { subject: '' }), i, { subject: 'Subject' });
	const id = await createDraft(client, p.subject, i);
	return { signingSessionId: id, subject: p.subject, status: 'Draft' };
}

/** POST a new empty draft; EasyInk answers with the new session id as a JSON string. */
export async function createDraft(client: EasyInkClient, subjectText: string, itemIndex: number): Promise<string> {
	const id = await callId(client, 'draftCreate', {}, {
		itemIndex,
		body: { subject: subjectText },
		appliedHint: `Search the drafts (Signing Session → Search with status Draft) for "${subjectText}" before creating it again.`,
	});
	return id;
}
