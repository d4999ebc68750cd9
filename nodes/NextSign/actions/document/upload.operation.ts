import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { readBinary } from '../../../shared/binary';
import { binaryInput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { NextSignClient } from '../../transport';
import { uploadFile } from '../case/create.operation';
import { safeOutput } from '../common';

const show = { resource: ['document'], operation: ['upload'] };

export const description: INodeProperties[] = [
	binaryInput(show, 'Name of the input field that holds the file to upload (PDF or DOCX)'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', description: 'Name to store the file under; defaults to the binary file name' }],
	},
];

const schema = z.object({
	binaryPropertyName: z.string().trim().min(1),
	options: z.object({ fileName: z.string().trim().max(255).optional() }),
});

export async function execute(this: IExecuteFunctions, i: number, client: NextSignClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { binaryPropertyName: 'data', options: {} }), i, {
		binaryPropertyName: 'Input Binary Field',
		'options.fileName': 'File Name',
	});
	const file = await readBinary(this, i, p.binaryPropertyName);
	let first: typeof file.data | undefined = file.data;
	const read = async () => {
		const data = first ?? (await file.reopen());
		first = undefined;
		return data;
	};
	const name = p.options.fileName || file.fileName;
	const result = await uploadFile(client, i, { name, mimeType: file.mimeType, size: file.size, read, reopen: file.reopen });
	return safeOutput({ name, ...result });
}
