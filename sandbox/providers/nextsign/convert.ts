/**
 * `POST /api/v2/document/convert` on the v2 case host, without a company in the path (PUBLIC-DOCS.md §4 Document
 * convert; docs.nextsign.dk/docs/documents-convert): DOCX → PDF with tag replacement, PDFs passed through. Its answer
 * carries an "HTTP-style status code in the payload" (`status.code`); the emulator reports a failed conversion there,
 * inside HTTP 200 [G: the page's error section is cut off].
 */
import { bearer, json, makePdf, type Route, type SandboxRequest, type SandboxResponse } from '../../server';
import { authorize, strictBody, strictTypes } from './http';
import { NEXTSIGN_KEYS, type NextSignState, type Obj } from './state';

const failed = (code: number, message: string): SandboxResponse => json(200, { status: { code, message }, documents: [] });

function convert(state: NextSignState, req: SandboxRequest): SandboxResponse {
	const body = req.json as Obj | undefined;
	const strict = strictBody(body, ['tags', 'documents']) ?? strictTypes(body as Obj, { tags: 'array', documents: 'array' });
	if (strict) return strict;
	const b = body as Obj;
	const tags = (b.tags as Obj[] | undefined) ?? [];
	for (const [i, t] of tags.entries()) {
		const bad = strictBody(t, ['tag', 'value', 'type', 'format'], `tags[${i}]`) ?? strictTypes(t, { tag: 'string', value: ['string', 'number'], type: 'string', format: 'string' }, `tags[${i}]`);
		if (bad) return bad;
	}
	const documents = b.documents as Obj[] | undefined;
	if (!documents?.length) return failed(400, 'Missing documents');
	const company = NEXTSIGN_KEYS[bearer(req) ?? ''];
	const out: Obj[] = [];
	for (const [i, d] of documents.entries()) {
		const bad = strictBody(d, ['file', 'name'], `documents[${i}]`) ?? strictTypes(d, { file: 'string', name: 'string' }, `documents[${i}]`);
		if (bad) return bad;
		// "file: URL to the source document".
		if (typeof d.file !== 'string' || !/^https?:\/\//.test(d.file)) return failed(400, `Document ${i + 1}: file must be a URL`);
		const name = typeof d.name === 'string' && d.name ? d.name : decodeURIComponent(new URL(d.file).pathname.split('/').pop() ?? 'document');
		const path = state.pathOf(d.file.split('?')[0]);
		const stored = path !== undefined ? state.files.get(path) : undefined;
		if (path !== undefined && (!stored || stored.company !== company)) return failed(404, `Document ${i + 1}: the file could not be fetched`);
		const isPdf = /\.pdf$/i.test(name) || stored?.type === 'application/pdf';
		const isDocx = /\.docx$/i.test(name) || stored?.type?.includes('wordprocessingml');
		if (isPdf) {
			// "PDF files are passed through".
			out.push({ file: stored ? state.storedUrl(stored.path) : d.file, name });
			continue;
		}
		if (!isDocx) return failed(415, `Document ${i + 1}: only DOCX and PDF files can be converted`);
		const text = tags.map((t) => `${String(t.tag)}=${String(t.value)}`).join(' ');
		const pdfName = name.replace(/\.docx$/i, '') + '.pdf';
		const converted = state.store(company, 'converted', pdfName, 'application/pdf', makePdf(`Converted ${name} ${text}`.trim()), req.now);
		out.push({ file: state.storedUrl(converted.path), name: pdfName });
	}
	return json(200, { status: { code: 200, message: 'OK' }, documents: out });
}

export function convertRoutes(state: NextSignState): Route[] {
	return [
		{
			method: 'POST',
			pattern: '/api/v2/document/convert',
			source: 'PUBLIC-DOCS.md §4 Document convert (https://docs.nextsign.dk/docs/documents-convert), no {company} in the path',
			handler: (req) => authorize(state, req, undefined) ?? convert(state, req),
		},
	];
}
