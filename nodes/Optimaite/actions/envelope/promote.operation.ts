import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params, splitList } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { caseLocator, documentIdsFields, id, optimaiteSimplifyField, recordLabels, requiredText, wantsSimplify } from '../common';
import { simplifyEnvelope } from '../simplify';

const show = { resource: ['envelope'], operation: ['promote'] };

export const description: INodeProperties[] = [
	...caseLocator(show, 'The case that holds the documents'),
	...documentIdsFields(show, 'Existing case documents to put into a new draft envelope'),
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
	optimaiteSimplifyField(show),
];

const schema = z.object({ caseId: id('Case ID'), documentIds: z.array(id()).min(1), title: requiredText });

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const raw = params(this, i, { caseId: '', documentIds: '', title: '' });
	const names = recordLabels(this);
	const p = validate(this, schema, { ...raw, documentIds: splitList(raw.documentIds) }, i, {
		caseId: names.caseId,
		documentIds: names.documentIds,
		title: 'Title',
	});
	const draft = await client.json<IDataObject>({
		method: 'POST',
		url: OPTIMAITE.paths.promote,
		itemIndex: i,
		body: { case_id: p.caseId, document_ids: p.documentIds, title: p.title },
		scope: 'documents:write',
		appliedHint: `Use Signing Envelope → Get Many for case ${p.caseId} and look for a draft "${p.title}" before promoting again.`,
	});
	return wantsSimplify(this, i) ? simplifyEnvelope(draft) : draft;
}
