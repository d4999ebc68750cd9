/** Uploads and downloads shared by documents, attachments and signed output. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { BinaryInput } from '../../shared/binary';
import { binaryItem, readBinary } from '../../shared/binary';
import { multipartBody } from '../../shared/multipart';
import type { EasyInkClient, PathParams } from '../transport';
import { call, callId } from '../transport';
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

/** What one look at a file's processing state found. */
export type Probe<T> = { ready: true; value: T } | { ready: false; status: string };

export interface WaitOptions {
	/** Longest total wait, in seconds. */
	maxWaitSeconds: number;
	/** First pause, in ms (doubles each time, at most `maxDelayMs`). */
	firstDelayMs?: number;
	maxDelayMs?: number;
}

/**
 * Looks at a processing state until it is ready: bounded (`maxWaitSeconds`), with growing pauses (n8n's `sleep`).
 * `probe` throws for what waiting cannot fix (a failure status, a missing file); `timedOut` words the error when the
 * time is up.
 */
export async function waitUntilReady<T>(
	probe: (attempt: number) => Promise<Probe<T>>,
	options: WaitOptions,
	timedOut: (lastStatus: string, attempts: number) => Error,
): Promise<{ value: T; attempts: number }> {
	const deadline = Date.now() + options.maxWaitSeconds * 1000;
	let delay = options.firstDelayMs ?? 1000;
	for (let attempt = 1; ; attempt++) {
		const seen = await probe(attempt);
		if (seen.ready) return { value: seen.value, attempts: attempt };
		const remaining = deadline - Date.now();
		if (remaining <= 0) throw timedOut(seen.status, attempt);
		await sleep(Math.min(delay, remaining));
		delay = Math.min(delay * 2, options.maxDelayMs ?? 30_000);
	}
}

/** Downloads a file to an n8n binary (the provider's file name and type). */
export async function downloadFile(
	ctx: IExecuteFunctions,
	client: EasyInkClient,
	operation: EasyInkOperationName,
	params: PathParams,
	itemIndex: number,
	outputProperty: string,
	fallbackName: string,
	json: IDataObject,
): Promise<INodeExecutionData> {
	const res = await call<Buffer>(client, operation, params, { itemIndex, binary: true, timeout: 30 * 60_000 });
	return await binaryItem(ctx, itemIndex, outputProperty, res.body, res.headers, fallbackName, json);
}
