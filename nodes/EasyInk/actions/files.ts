/** Uploads and downloads shared by documents, attachments and signed output. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { BinaryInput } from '../../shared/binary';
import { binaryItem, readBinary } from '../../shared/binary';
import { multipartBody } from '../../shared/multipart';
import type { EasyInkClient, PathParams } from '../transport';
import { call, callId, isProcessingInProgress } from '../transport';
import type { EasyInkOperationName } from '../transport/paths';

const ACCEPTED = /\.(pdf|docx?)$/i;
const ACCEPTED_TYPES = new Set([
	'application/pdf',
	'application/msword',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);

/** Reads a PDF or Word file from a binary property, refusing other files before any request. */
export async function readDocumentFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	label = 'Input Binary Field',
): Promise<BinaryInput> {
	const binary = ctx.getInputData()[itemIndex]?.binary?.[propertyName];
	if (!binary) {
		throw new NodeOperationError(ctx.getNode(), `Invalid "${label}": the input item has no binary field "${propertyName}" [item ${itemIndex}]`, {
			itemIndex,
			description: `Put the file in the binary field "${propertyName}" (e.g. with a Read Binary File or HTTP Request node), or change "${label}".`,
		});
	}
	const mime = (binary.mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (!ACCEPTED_TYPES.has(mime) && !ACCEPTED.test(binary.fileName ?? '')) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Invalid "${label}": "${binary.fileName ?? propertyName}" is ${mime || 'of unknown type'}, but EasyInk accepts only PDF or Word files [item ${itemIndex}]`,
			{ itemIndex, description: 'Convert the file to PDF (or .docx) before uploading it.' },
		);
	}
	return await readBinary(ctx, itemIndex, propertyName);
}

/** Multipart upload in the field `fileContent` [C]; answers with the new id as a JSON string. */
export async function uploadFile(
	client: EasyInkClient,
	operation: EasyInkOperationName,
	params: PathParams,
	file: BinaryInput,
	itemIndex: number,
	appliedHint: string,
): Promise<string> {
	return await callId(client, operation, params, {
		itemIndex,
		timeout: 30 * 60_000,
		appliedHint,
		body: async () => await multipartBody([{ field: 'fileContent', file, fileName: file.fileName, contentType: file.mimeType }]),
	});
}

export interface WaitOptions {
	/** Keep trying while EasyInk says the file is still being processed. */
	wait: boolean;
	/** Longest total wait, in seconds. */
	maxWaitSeconds: number;
	/** First pause, in ms (doubles each time, at most 30 s). */
	firstDelayMs?: number;
}

/** Downloads a file to an n8n binary, optionally waiting (bounded, with backoff) while EasyInk is still processing it. */
export async function downloadFile(
	ctx: IExecuteFunctions,
	client: EasyInkClient,
	operation: EasyInkOperationName,
	params: PathParams,
	itemIndex: number,
	outputProperty: string,
	fallbackName: string,
	json: IDataObject,
	waitOptions: WaitOptions = { wait: false, maxWaitSeconds: 0 },
): Promise<INodeExecutionData> {
	const deadline = Date.now() + waitOptions.maxWaitSeconds * 1000;
	let delay = waitOptions.firstDelayMs ?? 2000;
	let attempts = 0;
	for (;;) {
		attempts++;
		let failure: unknown;
		try {
			const res = await call<Buffer>(client, operation, params, { itemIndex, binary: true, timeout: 30 * 60_000 });
			const extra: IDataObject = attempts > 1 ? { attempts } : {};
			return await binaryItem(ctx, itemIndex, outputProperty, res.body, res.headers, fallbackName, { ...json, ...extra });
		} catch (error) {
			failure = error;
		}
		// Only "still processing" may be waited out; every other error (already a NodeApiError) goes to the user.
		if (!isProcessingInProgress(failure)) throw failure;
		const remaining = deadline - Date.now();
		if (!waitOptions.wait || remaining <= 0) {
			const e = failure as { description?: string };
			e.description = waitOptions.wait
				? `EasyInk was still processing the file after ${waitOptions.maxWaitSeconds} s (${attempts} attempts). Run the node again later, or raise "Max Wait (Seconds)".`
				: 'EasyInk is still preparing this file. Turn on "Wait While Processing" to let the node wait for it, or run the node again later.';
			throw failure;
		}
		await sleep(Math.min(delay, remaining));
		delay = Math.min(delay * 2, 30_000);
	}
}
