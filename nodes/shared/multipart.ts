/**
 * The one place multipart/form-data bodies are built: Node's own `FormData` (no runtime dependency), with file
 * parts that stream from n8n's binary store.
 *
 * A file part is a `File` whose `size` and `stream()` are its source's; axios (the client n8n uses) reads it
 * through `stream()` and computes `Content-Length` from `size`, so a file on disk (n8n's filesystem binary mode)
 * is sent chunk by chunk and never held whole in memory. `stream()` opens the file again **each time it is
 * called**, so the same body can be sent twice: n8n resends a request once after a 401 (after refreshing the
 * credential), and the shared transport rebuilds bodies for its own retries.
 */
import type { BinaryInput, BinaryStream } from './binary';
import { safeFileName } from './binary';

/** Where a file part's bytes come from. */
export interface FileSource {
	/** Opens the bytes; called once for every send of the body. */
	open: () => Promise<Buffer | BinaryStream>;
	/** Exact byte count (it becomes the request's `Content-Length`); when unknown the file is read once to count it. */
	size?: number;
}

export interface MultipartFile {
	/** Part name (the form field), e.g. `file`. */
	field: string;
	file: BinaryInput | FileSource;
	/** The part's `filename`: made safe with `multipartFileName` (what the provider receives is exactly that). */
	fileName: string;
	contentType: string;
}

export interface MultipartText {
	/** Part name (the form field), e.g. `case_id`. */
	field: string;
	value: string;
}

export type MultipartField = MultipartFile | MultipartText;

/**
 * The file name a part carries, exactly as the provider will read it. A multipart header cannot carry every
 * character: axios writes `"`, CR and LF as `%22`, `%0D`, `%0A`, and receivers commonly drop everything before a
 * `/` or `\`. So: the last path segment, without control characters, with `"` as `'`. Non-ASCII letters are kept
 * (sent as UTF-8, as browsers do). Use it wherever the same name must also appear elsewhere (Penneo's JSON part).
 */
export function multipartFileName(name: string, fallback = 'document'): string {
	return safeFileName(name, fallback).replace(/"/g, "'");
}

/** Streams already handed to one body: a second body (or a resend) opens the file again. */
const handedOut = new WeakSet<object>();

function wasRead(stream: BinaryStream): boolean {
	const s = stream as BinaryStream & { readableDidRead?: boolean; destroyed?: boolean; readableEnded?: boolean };
	return !!(s.readableDidRead || s.destroyed || s.readableEnded);
}

/** A source for a binary read with `readBinary`: the stream already opened is used once, then the store is read again. */
export function binarySource(input: BinaryInput): FileSource {
	return {
		size: input.size,
		open: async () => {
			const data = input.data;
			if (Buffer.isBuffer(data)) return data;
			if (!handedOut.has(data) && !wasRead(data)) {
				handedOut.add(data);
				return data;
			}
			return await input.reopen();
		},
	};
}

function isBinaryInput(file: BinaryInput | FileSource): file is BinaryInput {
	return typeof (file as BinaryInput).reopen === 'function';
}

function bytes(chunk: unknown): Uint8Array {
	if (chunk instanceof Uint8Array) return chunk;
	if (typeof chunk === 'string') return Buffer.from(chunk);
	if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
	throw new Error(`Unexpected chunk of type ${typeof chunk} in a file upload`);
}

async function readAll(data: Buffer | BinaryStream): Promise<Buffer> {
	if (Buffer.isBuffer(data)) return data;
	const chunks: Uint8Array[] = [];
	for await (const chunk of data) chunks.push(bytes(chunk));
	return Buffer.concat(chunks);
}

function chunksOf(data: Buffer | BinaryStream): AsyncIterator<unknown> {
	if (!Buffer.isBuffer(data)) return (data as AsyncIterable<unknown>)[Symbol.asyncIterator]();
	return (async function* () {
		yield data;
	})();
}

/**
 * A file whose bytes are read from its source only when the body is sent, and again at every send.
 * It is a `File` (Node 22+ `FormData` accepts nothing else; a look-alike object is refused there) whose own bytes
 * are empty: `size` and `stream()` are the source's. It is appended without a separate file name, so `FormData`
 * keeps this very object (given a name, it would copy the empty `File`).
 */
class StreamedFile extends File {
	constructor(
		private readonly source: FileSource,
		private readonly byteCount: number,
		fileName: string,
		type: string,
	) {
		super([], fileName, { type, lastModified: 0 });
		// Shadows Blob's own (empty) size: axios computes Content-Length from it.
		Object.defineProperty(this, 'size', { value: byteCount, enumerable: true });
	}

	override stream(): ReadableStream<Uint8Array> {
		const { source, byteCount: size, name: fileName } = this;
		let iterator: AsyncIterator<unknown> | undefined;
		let sent = 0;
		return new ReadableStream<Uint8Array>({
			async pull(controller) {
				if (!iterator) iterator = chunksOf(await source.open());
				const next = await iterator.next();
				if (next.done) {
					// A part shorter or longer than its declared size would corrupt the whole request.
					if (sent !== size) controller.error(new Error(`"${fileName}" had ${sent} bytes where ${size} were expected; the upload was stopped`));
					else controller.close();
					return;
				}
				const chunk = bytes(next.value);
				sent += chunk.byteLength;
				if (sent > size) {
					await iterator?.return?.();
					controller.error(new Error(`"${fileName}" is longer than the ${size} bytes expected; the upload was stopped`));
					return;
				}
				controller.enqueue(chunk);
			},
			async cancel() {
				await iterator?.return?.();
			},
		});
	}

	override async arrayBuffer(): Promise<ArrayBuffer> {
		const chunks: Uint8Array[] = [];
		for await (const chunk of this.stream() as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
		const whole = Buffer.concat(chunks);
		return whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength) as ArrayBuffer;
	}

	override async text(): Promise<string> {
		return Buffer.from(await this.arrayBuffer()).toString('utf8');
	}
}

/**
 * Builds a multipart body from text fields and files, in the order given. Pass it as the request body (from a
 * body factory, so the transport can rebuild it): every send reads the files again from n8n's binary store.
 */
export async function multipartBody(parts: MultipartField[]): Promise<FormData> {
	const form = new FormData();
	for (const part of parts) {
		if (!('file' in part)) {
			form.append(part.field, part.value);
			continue;
		}
		let source = isBinaryInput(part.file) ? binarySource(part.file) : part.file;
		let size = source.size;
		if (size === undefined) {
			// Unknown length (not the case for binaries from readBinary): read it once to count it.
			const buffer = await readAll(await source.open());
			size = buffer.length;
			source = { size, open: async () => buffer };
		}
		form.append(part.field, new StreamedFile(source, size, multipartFileName(part.fileName), part.contentType));
	}
	return form;
}

/** Whether a request body is a multipart form (it is streamed: redirects are not followed for it). */
export function isMultipartBody(body: unknown): body is FormData {
	return typeof FormData !== 'undefined' && body instanceof FormData;
}
