import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { readBinary } from '../../../shared/binary';
import { binaryInput } from '../../../shared/descriptions';
import { multipartBody } from '../../../shared/multipart';
import type { OperationResult } from '../../../shared/execute';
import { compact, params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { caseIdField, optionalId, upTo255 } from '../common';

const show = { resource: ['document'], operation: ['upload'] };

export const description: INodeProperties[] = [
	{
		...caseIdField(show, 'ID of the case to add the document to. Optional: Optimaite also keeps documents without a case, but a signing envelope signs documents of its own case.'),
		required: false,
	},
	binaryInput(show, 'Name of the input field that holds the file to upload (PDF or another document)'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', description: 'Name to store the file under (at most 255 characters); defaults to the binary file name' },
			{ displayName: 'Folder ID', name: 'folderId', type: 'string', default: '', placeholder: 'e.g. fld_01ABCDEF', description: 'ID of the folder to put the document in' },
		],
	},
];

const schema = z.object({
	caseId: optionalId('Case ID'),
	binaryPropertyName: z.string().trim().min(1),
	options: z.object({ fileName: upTo255.optional(), folderId: optionalId('Folder ID') }),
});

const labels = { caseId: 'Case ID', binaryPropertyName: 'Input Binary Field', fileName: 'File Name', folderId: 'Folder ID' };

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { caseId: '', binaryPropertyName: 'data', options: {} }), i, labels);
	const file = await readBinary(this, i, p.binaryPropertyName);
	const fileName = p.options.fileName || file.fileName;
	const document = await client.json({
		method: 'POST',
		url: OPTIMAITE.paths.documents,
		itemIndex: i,
		timeout: 30 * 60_000,
		scope: 'documents:write',
		appliedHint: `Look ${p.caseId ? `in case ${p.caseId}` : 'in Optimaite'} for a document named "${fileName}" before uploading it again.`,
		body: async () =>
			await multipartBody([
				{ field: 'file', file, fileName, contentType: file.mimeType },
				...Object.entries(compact({ case_id: p.caseId, folder_id: p.options.folderId })).map(([field, v]) => ({ field, value: String(v) })),
			]),
	});
	return document;
}
