import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { binaryOutput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { documentIdField, idLabels, stageField, stageLabel, stageSessionIdField, uuid } from '../common';
import { downloadFile } from '../files';

const show = { resource: ['document'], operation: ['download'] };

export const description: INodeProperties[] = [
	stageField(show),
	...stageSessionIdField(show),
	...documentIdField(show, 'The document to download in its original form, without signatures', 'session'),
	binaryOutput(show),
];

const schema = z.object({ stage: z.enum(['draft', 'session']), sessionId: uuid(), documentId: uuid(), binaryPropertyName: z.string().trim().min(1) });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { stage: 'draft', sessionId: '', documentId: '', binaryPropertyName: 'data' }), i, {
		sessionId: stageLabel(this, i),
		documentId: idLabels(this).document,
		binaryPropertyName: 'Put Output File in Field',
	});
	return await downloadFile(
		this,
		client,
		p.stage === 'draft' ? 'draftDocumentDownload' : 'sessionDocumentDownload',
		{ id: p.sessionId, documentId: p.documentId },
		i,
		p.binaryPropertyName,
		`${p.documentId}.pdf`,
		{ signingSessionId: p.sessionId, documentId: p.documentId },
	);
}
