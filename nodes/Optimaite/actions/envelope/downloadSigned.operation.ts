import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { binaryItem } from '../../../shared/binary';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { listPages } from '../../transport/pages';
import { caseLocator, envelopeLocator, id, recordLabels } from '../common';
import { listEnvelopes } from './getMany.operation';
import { completionOf, matchSignedDocuments } from './signedDocuments';

const show = { resource: ['envelope'], operation: ['downloadSigned'] };

export const description: INodeProperties[] = [
	...caseLocator(show, 'The case the envelope belongs to (the trigger’s "caseId")'),
	...envelopeLocator(show, 'The completed envelope (the trigger’s "envelopeId")'),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put each signed PDF in',
		description: 'Each signed PDF becomes one output item with the file in this field',
		displayOptions: { show },
	},
	{
		displayName:
			'Optimaite’s API does not link an envelope to its signed copy. Optimaite stores the signed PDF back in the case: this node takes the PDFs the case gained when the envelope completed (from the last signature to 5 minutes after it). Another PDF uploaded to the case in those minutes would be taken too.',
		name: 'signedDocumentNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
];

const schema = z.object({ caseId: id('Case ID'), envelopeId: id('Envelope ID'), binaryPropertyName: z.string().trim().min(1) });

export interface DownloadSignedInput {
	caseId: string;
	envelopeId: string;
	/** The output binary field of each file. */
	binaryPropertyName: string;
}

/**
 * A completed envelope's signed PDFs, one output item per file: the case's envelopes, then every page of the case's
 * documents (`GET /documents?case_id=…`), the PDFs the case gained at completion (signedDocuments.ts), each downloaded.
 */
export async function downloadSignedDocuments(ctx: IExecuteFunctions, client: OptimaiteClient, i: number, p: DownloadSignedInput): Promise<INodeExecutionData[]> {
	const envelopes = await listEnvelopes(client, p.caseId, i);
	const envelope = envelopes.find((e) => String(e.id) === p.envelopeId);
	if (!envelope) {
		throw new NodeOperationError(ctx.getNode(), `Envelope ${p.envelopeId} is not one of the signing envelopes of case ${p.caseId}`, {
			itemIndex: i,
			description: 'Check both IDs: use the trigger’s "caseId" and "envelopeId", or Signing Envelope → Get Many to see the case’s envelopes.',
		});
	}
	const completion = completionOf(envelope);
	if (!completion) {
		throw new NodeOperationError(ctx.getNode(), `Envelope ${p.envelopeId} is ${String(envelope.status)}, not completed: it has no signed documents yet`, {
			itemIndex: i,
			description: 'Signed documents exist once every signer has signed. Run this after the Optimaite Trigger fires "Envelope Completed".',
		});
	}
	const documents = await listPages(ctx.getNode(), client, OPTIMAITE.paths.documents, 'documents:read', { [OPTIMAITE.documentsCaseParam]: p.caseId }, {
		returnAll: true,
		limit: 0,
		itemIndex: i,
		what: 'documents',
	});
	const match = matchSignedDocuments(completion, envelopes, documents);
	const completedAt = new Date(completion.at).toISOString();
	if (match.ambiguous.length) {
		const others = [...new Set(match.ambiguous.flatMap((a) => a.envelopeIds))].filter((e) => e !== p.envelopeId);
		throw new NodeOperationError(ctx.getNode(), `The signed documents of envelope ${p.envelopeId} cannot be told apart from those of envelope ${others.join(', ')}`, {
			itemIndex: i,
			description: `Both completed within ${OPTIMAITE.signedDocumentWindow.settleMs / 1000} s in case ${p.caseId}, and the copies' names do not say which is which: ${match.ambiguous
				.map((a) => `${String(a.document.filename)} (${String(a.document.id)})`)
				.join(', ')}. Download the right one with Document → Download.`,
		});
	}
	if (!match.documents.length) {
		throw new NodeOperationError(ctx.getNode(), `No signed PDF of envelope ${p.envelopeId} (completed ${completedAt}) is among the documents of case ${p.caseId} yet`, {
			itemIndex: i,
			description:
				'Optimaite stores the signed PDF back in the case once the envelope is completed; it may still be processing. Run the node again in a minute (or turn on "Retry On Fail" in its settings). If it never appears, find the file in the case with Document → Download.',
		});
	}
	const out: INodeExecutionData[] = [];
	for (const document of match.documents) {
		const res = await client.request<Buffer>({
			method: 'GET',
			url: OPTIMAITE.paths.documentDownload(String(document.id)),
			binary: true,
			itemIndex: i,
			timeout: 30 * 60_000,
			scope: 'documents:read',
		});
		const json: IDataObject = { caseId: p.caseId, envelopeId: p.envelopeId, envelopeTitle: envelope.title, completedAt, documentId: document.id };
		out.push(await binaryItem(ctx, i, p.binaryPropertyName, res.body, res.headers, String(document.filename ?? `${String(document.id)}.pdf`), json));
	}
	return out;
}

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const names = recordLabels(this);
	const p = validate(this, schema, params(this, i, { caseId: '', envelopeId: '', binaryPropertyName: 'data' }), i, {
		caseId: names.caseId,
		envelopeId: names.envelopeId,
		binaryPropertyName: 'Put Output File in Field',
	});
	return await downloadSignedDocuments(this, client, i, p);
}
