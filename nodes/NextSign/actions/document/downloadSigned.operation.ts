import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { binaryOutput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { NextSignClient } from '../../transport';
import { getCase } from '../case/get.operation';
import { caseLabel, caseLocator, id } from '../common';
import { downloadStored, storedFileName, storedUrl } from './shared';

const show = { resource: ['document'], operation: ['downloadSigned'] };

export const description: INodeProperties[] = [
	...caseLocator(show, 'The signed case whose signed documents to download', 'ID of the signed case whose signed documents to download'),
	binaryOutput(show),
];

const schema = z.object({ caseId: id('Case ID'), binaryPropertyName: z.string().trim().min(1) });

/** `signedDocuments[]` entries as URL + name, whatever shape NextSign uses for them. [G: shape undocumented] */
export function signedDocumentsOf(c: IDataObject): Array<{ url: string; name?: string }> {
	const list = Array.isArray(c.signedDocuments) ? (c.signedDocuments as unknown[]) : [];
	const out: Array<{ url: string; name?: string }> = [];
	for (const entry of list) {
		if (typeof entry === 'string' && entry) out.push({ url: storedUrl(entry) });
		else if (entry && typeof entry === 'object') {
			const e = entry as IDataObject;
			const url = [e.document_id, e.file, e.url].find((v): v is string => typeof v === 'string' && /^https?:\/\//.test(v));
			if (url) out.push({ url: storedUrl(url), name: typeof e.name === 'string' && e.name ? e.name : undefined });
		}
	}
	return out;
}

export async function execute(this: IExecuteFunctions, i: number, client: NextSignClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { caseId: '', binaryPropertyName: 'data' }), i, {
		caseId: caseLabel(this),
		binaryPropertyName: 'Put Output File in Field',
	});
	return await downloadSignedDocuments(this, client, i, p);
}

/**
 * A signed case's signed documents, one item per file (the file in `binaryPropertyName`): the case's
 * `signedDocuments[]`, each through a presigned URL. Used by Document → Download Signed and the E-Signature adapter.
 */
export async function downloadSignedDocuments(
	context: IExecuteFunctions,
	client: NextSignClient,
	i: number,
	p: { caseId: string; binaryPropertyName: string },
	caseObject?: IDataObject,
): Promise<INodeExecutionData[]> {
	const c = caseObject ?? (await getCase(client, p.caseId, i));
	const docs = signedDocumentsOf(c);
	if (!docs.length) {
		throw new NodeOperationError(context.getNode(), `Case ${p.caseId} has no signed documents yet (state: ${String(c.state ?? 'unknown')})`, {
			itemIndex: i,
			description:
				'Signed documents exist once every recipient has signed. Start this from the NextSign Trigger’s "Case Signed" event, or check the case with Case → Get.',
		});
	}
	const items: INodeExecutionData[] = [];
	for (const [index, doc] of docs.entries()) {
		items.push(
			await downloadStored(context, client, i, doc.url, p.binaryPropertyName, { caseId: p.caseId, title: c.title, index }, doc.name ?? storedFileName(doc.url)),
		);
	}
	return items;
}
