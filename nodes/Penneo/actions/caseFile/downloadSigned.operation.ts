import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { binaryItem } from '../../../shared/binary';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { PenneoClient } from '../../transport';
import { CASE_FILE_STATUS, PENNEO, safeOutput } from '../../transport';
import { caseFileId, caseFileLabel, caseFileLocator } from '../common';
import { getCaseFile } from './get.operation';

const show = { resource: ['caseFile'], operation: ['downloadSigned'] };

/** Statuses whose documents carry every signature: 4 signed, 5 completed. */
const SIGNED_STATUSES = [4, 5];

export const description: INodeProperties[] = [
	...caseFileLocator(show, 'The case file whose documents to download'),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put each PDF in',
		description: 'Each document becomes one output item with its PDF in this field',
		displayOptions: { show },
	},
	{
		displayName: 'Only When Completed',
		name: 'onlyCompleted',
		type: 'boolean',
		default: true,
		description: 'Whether to stop with an error when the case file is not signed or completed yet (off: download the documents as they are now)',
		displayOptions: { show },
	},
];

const schema = z.object({ caseFileId, binaryPropertyName: z.string().trim().min(1), onlyCompleted: z.boolean() });

/**
 * The PDF from the content endpoint's answer: the bytes themselves (Accept: application/pdf, Penneo's Postman
 * collection), or — as Penneo's docs site describes the answer — JSON carrying the PDF in base64.
 */
export function pdfBytes(body: Buffer, headers: Record<string, unknown>): Buffer {
	const type = String(Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '');
	if (!/json/i.test(type) || body.subarray(0, 5).toString('latin1') === '%PDF-') return body;
	let parsed: unknown;
	try {
		parsed = JSON.parse(body.toString('utf8'));
	} catch {
		return body;
	}
	const text = typeof parsed === 'string' ? parsed : ['content', 'data', 'file', 'base64'].map((k) => (parsed as Record<string, unknown>)?.[k]).find((v) => typeof v === 'string');
	return typeof text === 'string' ? Buffer.from(text.replace(/^data:[^,]*,/, ''), 'base64') : body;
}

function safeFileName(title: string, id: unknown): string {
	const base = title.replace(/[\\/:*?"<>|\r\n]+/g, '_').trim() || `document-${String(id)}`;
	return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}

export interface DownloadInput {
	caseFileId: string;
	binaryPropertyName: string;
	/** Stop with an error unless the case file is signed or completed. */
	onlyCompleted: boolean;
}

/**
 * Every document of a case file, one output item each with its PDF in `binaryPropertyName`: reads the case file
 * (`GET /api/v1/casefiles/{id}`), then each document's content (`GET /api/v3/documents/{id}/content`).
 */
export async function downloadSignedDocuments(ctx: IExecuteFunctions, client: PenneoClient, i: number, input: DownloadInput): Promise<INodeExecutionData[]> {
	const caseFile = await getCaseFile(client, input.caseFileId, i);
	const status = Number(caseFile.status);
	if (input.onlyCompleted && !SIGNED_STATUSES.includes(status)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Case file ${input.caseFileId} is ${CASE_FILE_STATUS[status] ?? `in status ${status}`}, not signed yet`,
			{
				itemIndex: i,
				description:
					'Signed documents exist once every signer has signed. Run this after the Penneo Trigger fires "Case File Completed", or turn off "Only When Completed" to download the documents as they are now.',
			},
		);
	}
	const documents = Array.isArray(caseFile.documents) ? (caseFile.documents as IDataObject[]) : [];
	const out: INodeExecutionData[] = [];
	for (const document of documents) {
		const res = await client.request<Buffer>({
			method: 'GET',
			url: PENNEO.paths.documentContent(document.id as string),
			headers: { Accept: 'application/pdf' },
			binary: true,
			itemIndex: i,
			timeout: 30 * 60_000,
		});
		const json: IDataObject = safeOutput({
			caseFileId: caseFile.id,
			caseFileTitle: caseFile.title,
			caseFileStatus: CASE_FILE_STATUS[status] ?? status,
			documentId: document.id,
			documentTitle: document.title,
		});
		out.push(
			await binaryItem(ctx, i, input.binaryPropertyName, pdfBytes(res.body, res.headers), { ...res.headers, 'content-type': 'application/pdf' }, safeFileName(String(document.title ?? ''), document.id), json),
		);
	}
	return out;
}

export async function execute(this: IExecuteFunctions, i: number, client: PenneoClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { caseFileId: '', binaryPropertyName: 'data', onlyCompleted: true }), i, {
		caseFileId: caseFileLabel(this),
		binaryPropertyName: 'Put Output File in Field',
	});
	return await downloadSignedDocuments(this, client, i, p);
}
