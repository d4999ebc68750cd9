import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { binaryOutput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { withHint } from '../../transport';
import { idLabels, pickField, sessionIdField, uuid } from '../common';
import { downloadFile } from '../files';
import { NOT_READY_HINT, WAIT_LABELS, waitForOutput, waitOptionsField, waitSchema } from './common';

const show = { resource: ['signedOutput'], operation: ['downloadSigned'] };

export const description: INodeProperties[] = [
	...sessionIdField(show, 'The signing session'),
	...pickField(
		{ name: 'documentId', v1Label: 'Signed Document ID', v2Label: 'Signed Document', method: 'searchSignedDocuments', placeholder: '1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d' },
		show,
		'A participant’s signed copy ("signedDocumentId" in Signing Session → Get); it exists once that participant has signed',
	),
	binaryOutput(show),
	waitOptionsField(show),
];

const schema = z.object({ sessionId: uuid(), documentId: uuid(), binaryPropertyName: z.string().trim().min(1), options: waitSchema });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', documentId: '', binaryPropertyName: 'data', options: {} }), i, {
		sessionId: idLabels(this).session,
		documentId: idLabels(this).signedDocument,
		binaryPropertyName: 'Put Output File in Field',
		...WAIT_LABELS,
	});
	const json: IDataObject = { signingSessionId: p.sessionId, signedDocumentId: p.documentId };
	if (p.options.waitWhileProcessing) {
		const node = this.getNode();
		json.checks = await waitForOutput(node, client, p.sessionId, i, p.options.maxWaitSeconds ?? 60, `signed document ${p.documentId}`, (session) => {
			const copies = (session.signedDocuments as IDataObject[] | null) ?? [];
			const copy = copies.find((d) => String(d.signedDocumentId).toLowerCase() === p.documentId.toLowerCase());
			if (!copy)
				throw new NodeOperationError(node, `Session ${p.sessionId} has no signed document ${p.documentId}`, {
					itemIndex: i,
					description: `A participant's signed copy appears in the session once that participant has signed (the session lists ${copies.length}). Use a "signedDocumentId" from Signing Session → Get.`,
				});
			return String(copy.processingStatus ?? '');
		});
	}
	const download = async () => await downloadFile(this, client, 'signedDocumentDownload', { id: p.sessionId, documentId: p.documentId }, i, p.binaryPropertyName, `${p.documentId}-signed.pdf`, json);
	return p.options.waitWhileProcessing ? await download() : await withHint(NOT_READY_HINT, download);
}
