import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { binaryItem } from '../../../shared/binary';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { PenneoClient } from '../../transport';
import { CASE_FILE_STATUS, PENNEO } from '../../transport';
import { caseFileId, caseFileIdField } from '../common';
import { getCaseFile } from './get.operation';

const show = { resource: ['caseFile'], operation: ['downloadSigned'] };

/** Statuses whose documents carry every signature: 4 signed, 5 completed. */
const SIGNED_STATUSES = [4, 5];

export const description: INodeProperties[] = [
	caseFileIdField(show, 'ID of the case file whose documents to download'),
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

function safeFileName(title: string, id: unknown): string {
	const base = title.replace(/[\\/:*?"<>|\r\n]+/g, '_').trim() || `document-${String(id)}`;
	return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}

export async function execute(this: IExecuteFunctions, i: number, client: PenneoClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { caseFileId: '', binaryPropertyName: 'data', onlyCompleted: true }), i, {
		caseFileId: 'Case File ID',
		binaryPropertyName: 'Put Output File in Field',
	});
	const caseFile = await getCaseFile(client, p.caseFileId, i);
	const status = Number(caseFile.status);
	if (p.onlyCompleted && !SIGNED_STATUSES.includes(status)) {
		throw new NodeOperationError(
			this.getNode(),
			`Case file ${p.caseFileId} is ${CASE_FILE_STATUS[status] ?? `in status ${status}`}, not signed yet`,
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
		const json: IDataObject = {
			caseFileId: caseFile.id,
			caseFileTitle: caseFile.title,
			caseFileStatus: CASE_FILE_STATUS[status] ?? status,
			documentId: document.id,
			documentTitle: document.title,
		};
		out.push(
			await binaryItem(this, i, p.binaryPropertyName, res.body, { 'content-type': 'application/pdf', ...res.headers }, safeFileName(String(document.title ?? ''), document.id), json),
		);
	}
	return out;
}
