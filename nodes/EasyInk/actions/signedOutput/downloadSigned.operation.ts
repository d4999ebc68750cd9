import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { binaryOutput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { idField, sessionIdField, uuid } from '../common';
import { downloadFile } from '../files';
import { WAIT_LABELS, waitOptionsField, waitSchema } from './common';

const show = { resource: ['signedOutput'], operation: ['downloadSigned'] };

export const description: INodeProperties[] = [
	sessionIdField(show, 'ID of the signing session'),
	idField('documentId', 'Signed Document ID', show, 'ID of the participant’s signed copy: "signedDocumentId" in the session (Signing Session → Get)'),
	binaryOutput(show),
	waitOptionsField(show),
];

const schema = z.object({ sessionId: uuid(), documentId: uuid(), binaryPropertyName: z.string().trim().min(1), options: waitSchema });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', documentId: '', binaryPropertyName: 'data', options: {} }), i, {
		sessionId: 'Session ID',
		documentId: 'Signed Document ID',
		binaryPropertyName: 'Put Output File in Field',
		...WAIT_LABELS,
	});
	return await downloadFile(
		this,
		client,
		'signedDocumentDownload',
		{ id: p.sessionId, documentId: p.documentId },
		i,
		p.binaryPropertyName,
		`${p.documentId}-signed.pdf`,
		{ signingSessionId: p.sessionId, signedDocumentId: p.documentId },
		{ wait: p.options.waitWhileProcessing ?? false, maxWaitSeconds: p.options.maxWaitSeconds ?? 60 },
	);
}
