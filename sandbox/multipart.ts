/** A minimal multipart/form-data parser for the sandbox (the emulators must see exactly what was sent). */
export interface MultipartPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!m) return [];
	const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
	const parts: MultipartPart[] = [];
	let pos = body.indexOf(boundary);
	while (pos >= 0) {
		const start = pos + boundary.length;
		if (body.subarray(start, start + 2).toString() === '--') break;
		const next = body.indexOf(boundary, start);
		if (next < 0) break;
		const chunk = body.subarray(start + 2, next - 2); // skip CRLF after boundary and before next
		const headerEnd = chunk.indexOf('\r\n\r\n');
		if (headerEnd >= 0) {
			const headerText = chunk.subarray(0, headerEnd).toString('utf8');
			const data = chunk.subarray(headerEnd + 4);
			const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headerText)?.[1] ?? '';
			const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
			const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
			const type = /content-type:\s*([^\r\n]+)/i.exec(headerText)?.[1]?.trim();
			parts.push({ name, filename, contentType: type, data });
		}
		pos = next;
	}
	return parts;
}
