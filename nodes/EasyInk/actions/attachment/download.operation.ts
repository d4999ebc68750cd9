import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { binaryOutput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { idField, stageField, stageLabel, stageSessionIdField, uuid } from '../common';
import { downloadFile } from '../files';

const show = { resource: ['attachment'], operation: ['download'] };

export const description: INodeProperties[] = [
	stageField(show),
	...stageSessionIdField(show),
	idField('attachmentId', 'Attachment ID', show, 'ID of the attachment to download'),
	binaryOutput(show),
];

const schema = z.object({ stage: z.enum(['draft', 'session']), sessionId: uuid(), attachmentId: uuid(), binaryPropertyName: z.string().trim().min(1) });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { stage: 'draft', sessionId: '', attachmentId: '', binaryPropertyName: 'data' }), i, {
		sessionId: stageLabel(this, i),
		attachmentId: 'Attachment ID',
		binaryPropertyName: 'Put Output File in Field',
	});
	return await downloadFile(
		this,
		client,
		p.stage === 'draft' ? 'draftAttachmentDownload' : 'sessionAttachmentDownload',
		{ id: p.sessionId, attachmentId: p.attachmentId },
		i,
		p.binaryPropertyName,
		`${p.attachmentId}.pdf`,
		{ signingSessionId: p.sessionId, attachmentId: p.attachmentId },
	);
}
