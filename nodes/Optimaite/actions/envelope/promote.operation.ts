import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params, splitList } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { caseIdField, documentIdsField, id, requiredText } from '../common';

const show = { resource: ['envelope'], operation: ['promote'] };

export const description: INodeProperties[] = [
	caseIdField(show, 'ID of the case that holds the documents'),
	documentIdsField(show, 'IDs of existing case documents to put into a new draft envelope, separated by commas'),
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. NDA Package',
		description: 'Title of the draft envelope (at most 255 characters: this node’s limit, Optimaite documents none)',
		displayOptions: { show },
	},
];

const schema = z.object({ caseId: id('Case ID'), documentIds: z.array(id()).min(1), title: requiredText });

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const raw = params(this, i, { caseId: '', documentIds: '', title: '' });
	const p = validate(this, schema, { ...raw, documentIds: splitList(raw.documentIds) }, i, {
		caseId: 'Case ID',
		documentIds: 'Document IDs',
		title: 'Title',
	});
	return await client.json({
		method: 'POST',
		url: OPTIMAITE.paths.promote,
		itemIndex: i,
		body: { case_id: p.caseId, document_ids: p.documentIds, title: p.title },
		scope: 'documents:write',
		appliedHint: `Use Signing Envelope → Get Many for case ${p.caseId} and look for a draft "${p.title}" before promoting again.`,
	});
}
