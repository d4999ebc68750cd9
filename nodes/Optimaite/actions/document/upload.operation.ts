import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { readBinary } from '../../../shared/binary';
import { binaryInput } from '../../../shared/descriptions';
import { multipartBody } from '../../../shared/multipart';
import type { OperationResult } from '../../../shared/execute';
import { compact, params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { caseLocator, optimaiteSimplifyField, optionalId, recordLabels, upTo255, wantsSimplify } from '../common';
import { simplifyDocument } from '../simplify';

const show = { resource: ['document'], operation: ['upload'] };

export const description: INodeProperties[] = [
	...caseLocator(
		show,
		'The case to add the document to. Optional: Optimaite also keeps documents without a case, but a signing envelope signs documents of its own case.',
		false,
	),
	binaryInput(show, 'Name of the input field that holds the file to upload (PDF or another document)'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', placeholder: 'e.g. contract.pdf', description: 'Name to store the file under (at most 255 characters); defaults to the binary file name' },
			{ displayName: 'Folder ID', name: 'folderId', type: 'string', default: '', placeholder: 'e.g. fld_01ABCDEF', description: 'ID of the folder to put the document in' },
		],
	},
	optimaiteSimplifyField(show),
];

export const uploadSchema = z.object({
	caseId: optionalId('Case ID'),
	binaryPropertyName: z.string().trim().min(1),
	options: z.object({ fileName: upTo255.optional(), folderId: optionalId('Folder ID') }),
});

export interface UploadInput {
	caseId?: string;
	/** The input item's binary field holding the file. */
	binaryPropertyName: string;
	fileName?: string;
	folderId?: string;
}

/** `POST /documents` (multipart `file`, optional `case_id`, `folder_id`; documents:write) → the document object. */
export async function uploadDocument(ctx: IExecuteFunctions, client: OptimaiteClient, itemIndex: number, input: UploadInput): Promise<IDataObject> {
	const file = await readBinary(ctx, itemIndex, input.binaryPropertyName);
	const fileName = input.fileName || file.fileName;
	return await client.json<IDataObject>({
		method: 'POST',
		url: OPTIMAITE.paths.documents,
		itemIndex,
		timeout: 30 * 60_000,
		scope: 'documents:write',
		appliedHint: `Look ${input.caseId ? `in case ${input.caseId}` : 'in Optimaite'} for a document named "${fileName}" before uploading it again.`,
		body: async () =>
			await multipartBody([
				{ field: 'file', file, fileName, contentType: file.mimeType },
				...Object.entries(compact({ case_id: input.caseId, folder_id: input.folderId })).map(([field, v]) => ({ field, value: String(v) })),
			]),
	});
}

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const labels = { caseId: recordLabels(this).caseId, binaryPropertyName: 'Input Binary Field', fileName: 'File Name', folderId: 'Folder ID' };
	const p = validate(this, uploadSchema, params(this, i, { caseId: '', binaryPropertyName: 'data', options: {} }), i, labels);
	const document = await uploadDocument(this, client, i, {
		caseId: p.caseId,
		binaryPropertyName: p.binaryPropertyName,
		fileName: p.options.fileName,
		folderId: p.options.folderId,
	});
	return wantsSimplify(this, i) ? simplifyDocument(document) : document;
}
