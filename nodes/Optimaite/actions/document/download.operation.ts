import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { binaryItem } from '../../../shared/binary';
import { binaryOutput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { documentLocator, id, recordLabels } from '../common';

const show = { resource: ['document'], operation: ['download'] };

export const description: INodeProperties[] = [
	...documentLocator(show, 'The document to download, e.g. the signed copy of a completed envelope'),
	binaryOutput(show),
];

const schema = z.object({ documentId: id('Document ID'), binaryPropertyName: z.string().trim().min(1) });

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { documentId: '', binaryPropertyName: 'data' }), i, {
		documentId: recordLabels(this).documentId,
		binaryPropertyName: 'Put Output File in Field',
	});
	const res = await client.request<Buffer>({
		method: 'GET',
		url: OPTIMAITE.paths.documentDownload(p.documentId),
		binary: true,
		itemIndex: i,
		scope: 'documents:read',
		timeout: 30 * 60_000,
	});
	const json: IDataObject = { documentId: p.documentId };
	return await binaryItem(this, i, p.binaryPropertyName, res.body, res.headers, `${p.documentId}.pdf`, json);
}
