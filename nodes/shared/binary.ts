import type { IBinaryData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A Node readable stream, as n8n's `getBinaryStream` returns it. Typed structurally: node code may not import
 * Node's `stream` module (n8n's community package scanner refuses it, even as a type-only import).
 */
export type BinaryStream = NodeJS.ReadableStream;

export interface BinaryInput {
	/** Stream when n8n keeps the binary outside memory (filesystem/S3 mode), otherwise a Buffer. */
	data: Buffer | BinaryStream;
	/** Rebuilds `data` (a stream can be read once; a retry needs a fresh one). */
	reopen: () => Promise<Buffer | BinaryStream>;
	fileName: string;
	mimeType: string;
	/** Size in bytes when known. */
	size?: number;
}

/** Reads an item's binary property (streamed where n8n stores binaries outside memory). */
export async function readBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	fallbackName = 'document.pdf',
): Promise<BinaryInput> {
	const binary: IBinaryData = ctx.helpers.assertBinaryData(itemIndex, propertyName);
	const fileName = binary.fileName || (binary.fileExtension ? `document.${binary.fileExtension}` : fallbackName);
	const mimeType = binary.mimeType || 'application/octet-stream';
	let size: number | undefined;
	const reopen = async (): Promise<Buffer | BinaryStream> => {
		if (binary.id) return await ctx.helpers.getBinaryStream(binary.id);
		return await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	};
	let data: Buffer | BinaryStream;
	if (binary.id) {
		data = await ctx.helpers.getBinaryStream(binary.id);
		// The item's fileSize is rounded text ("3.15 MB"); the store knows the exact byte count.
		size = (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize;
	} else {
		data = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
		size = data.length;
	}
	return { data, reopen, fileName, mimeType, size };
}

/**
 * A file name without any path: only the last segment after `/` or `\`, without control characters. A name
 * that is nothing but a path (`..`, `a/`) becomes `fallback`.
 */
export function safeFileName(name: string, fallback: string): string {
	const last = name.split(/[/\\]/).pop() ?? '';
	const segment = Array.from(last)
		.filter((c) => c.charCodeAt(0) > 0x1f && c !== '\u007f')
		.join('')
		.trim();
	return segment === '' || segment === '.' || segment === '..' ? fallback : segment;
}

/**
 * File name from a `Content-Disposition` header (RFC 6266, `filename*` preferred), reduced to its last path
 * segment: a provider (or anything in between) saying `filename*=UTF-8''..%2F..%2Fconfig` names the file `config`.
 */
export function fileNameFromDisposition(value: string | string[] | undefined): string | undefined {
	const header = Array.isArray(value) ? value[0] : value;
	if (!header) return undefined;
	let name: string | undefined;
	const star = /filename\*\s*=\s*([^;]+)/i.exec(header);
	if (star) {
		const raw = star[1].trim().replace(/^"(.*)"$/, '$1');
		const parts = /^([\w-]*)'[^']*'(.*)$/.exec(raw);
		try {
			name = decodeURIComponent(parts ? parts[2] : raw);
		} catch {
			/* fall through to the plain filename */
		}
	}
	if (name === undefined) {
		const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
		// Only `\"` is read as an escape: a lone backslash is a Windows path separator, not a quoted-pair.
		if (plain) name = plain[2] !== undefined ? plain[2].replace(/\\"/g, '"') : plain[1].trim();
	}
	if (name === undefined) return undefined;
	const safe = safeFileName(name, '');
	return safe === '' ? undefined : safe;
}

export function headerValue(headers: Record<string, string | string[] | undefined>, name: string) {
	const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase());
	const v = found?.[1];
	return Array.isArray(v) ? v[0] : v;
}

/** Builds the output item of a download: JSON metadata plus the file as n8n binary data. */
export async function binaryItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	content: Buffer,
	headers: Record<string, string | string[] | undefined>,
	fallbackName: string,
	json: INodeExecutionData['json'] = {},
): Promise<INodeExecutionData> {
	if (!propertyName) {
		throw new NodeOperationError(ctx.getNode(), 'Enter a name for "Put Output File in Field"', { itemIndex });
	}
	const fileName = fileNameFromDisposition(headerValue(headers, 'content-disposition')) ?? safeFileName(fallbackName, 'document');
	const mimeType = (headerValue(headers, 'content-type') ?? 'application/octet-stream').split(';')[0].trim();
	const binary = await ctx.helpers.prepareBinaryData(content, fileName, mimeType);
	return { json: { ...json, fileName, mimeType, fileSize: content.length }, binary: { [propertyName]: binary }, pairedItem: { item: itemIndex } };
}
