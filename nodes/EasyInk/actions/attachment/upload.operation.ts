import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { binaryInput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { draftIdField, idLabels, uuid } from '../common';
import { readDocumentFile, uploadFile } from '../files';

const show = { resource: ['attachment'], operation: ['upload'] };

export const description: INodeProperties[] = [
	...draftIdField(show, 'The draft the attachment is added to'),
	binaryInput(show, 'Name of the input field that holds the PDF or Word file participants can read but do not sign'),
];

const schema = z.object({ sessionId: uuid(), binaryPropertyName: z.string().trim().min(1) });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', binaryPropertyName: 'data' }), i, {
		sessionId: idLabels(this).draft,
		binaryPropertyName: 'Input Binary Field',
	});
	const file = await readDocumentFile(this, i, p.binaryPropertyName);
	const attachmentId = await uploadFile(client, 'draftAttachmentUpload', { id: p.sessionId }, file, i,
		`Get draft ${p.sessionId} and look for "${file.fileName}" among its attachments before uploading it again.`);
	return { signingSessionId: p.sessionId, attachmentId, fileName: file.fileName, mimeType: file.mimeType };
}
