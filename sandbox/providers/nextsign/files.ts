/**
 * The v3 file host (prefix `nextsign-files`: upload, presigned URL) and the object storage its URLs point at
 * (prefix `nextsign-storage`). Sources: PUBLIC-DOCS.md §4 File upload and Presigned URL
 * (docs.nextsign.dk/docs/documents-upload, /docs/documents).
 */
import { json, type Route, type SandboxRequest, type SandboxResponse } from '../../server';
import { authorize, refuse, strictBody } from './http';
import { DOCX, storageSignature, type NextSignState, type Obj } from './state';

/** "Accepted File Types". */
const ACCEPTED = ['application/pdf', DOCX];

function upload(state: NextSignState, req: SandboxRequest): SandboxResponse {
	let content: Buffer | undefined;
	let name = '';
	let type = '';
	if (req.parts) {
		// Multipart fields: file (required), name, type.
		const extra = req.parts.map((p) => p.name).filter((n) => !['file', 'name', 'type'].includes(n));
		if (extra.length) return refuse(`Unknown form field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}`);
		const file = req.parts.find((p) => p.name === 'file' && p.filename !== undefined);
		content = file?.data;
		name = req.parts.find((p) => p.name === 'name')?.data.toString('utf8') || file?.filename || '';
		type = req.parts.find((p) => p.name === 'type')?.data.toString('utf8') || file?.contentType || '';
	} else if (req.json !== undefined) {
		// Base64 body fields: file (base64 or data URL), name (required), type (unless file is a data URL).
		const strict = strictBody(req.json, ['file', 'name', 'type']);
		if (strict) return strict;
		const b = req.json as Obj;
		const dataUrl = typeof b.file === 'string' ? /^data:([^;]+);base64,(.*)$/s.exec(b.file) : null;
		const text = dataUrl ? dataUrl[2] : String(b.file ?? '');
		if (text && /^[A-Za-z0-9+/]+={0,2}$/.test(text)) content = Buffer.from(text, 'base64');
		name = typeof b.name === 'string' ? b.name : '';
		type = dataUrl ? dataUrl[1] : typeof b.type === 'string' ? b.type : '';
		if (!name) return json(400, { error: 'missing-name' });
		if (!type) return json(400, { error: 'missing-type' });
	} else return refuse('Expected multipart/form-data or a JSON base64 body');
	if (!content || !content.length) return json(400, { error: 'missing-file' });
	if (!ACCEPTED.includes(type)) return json(400, { error: 'invalid-file-type' });
	const stored = state.store(req.params.company, 'upload', name || 'document.pdf', type, content, req.now);
	// The document names only the `url` to pass into documents[].file.
	return json(200, { url: state.storedUrl(stored.path) });
}

function presigned(state: NextSignState, req: SandboxRequest): SandboxResponse {
	const strict = strictBody(req.json ?? {}, ['url']);
	if (strict) return strict;
	const url = (req.json as Obj | undefined)?.url;
	if (typeof url !== 'string' || !url) return json(400, { error: 'missing-url' });
	const path = state.pathOf(url.split('?')[0]);
	const file = path !== undefined ? state.files.get(path) : undefined;
	// [G] an unknown or foreign URL (the page documents only the missing-url error).
	if (!file || file.company !== req.params.company) return json(404, { error: 'not-found' });
	return json(200, { key: file.path.slice(1), signedUrl: state.presign(file.path, req.now), type: file.type, cached: false });
}

/** S3's own XML errors: the storage is not NextSign's API. */
const xml = (status: number, code: string, message: string): SandboxResponse => ({
	status,
	headers: { 'content-type': 'application/xml' },
	body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
});

function storage(state: NextSignState, req: SandboxRequest): SandboxResponse {
	if (req.headers.authorization) return xml(400, 'InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter should be specified');
	const path = `/${req.params.company}/${req.params.folder}/${req.params.file}`;
	const date = req.query.get('X-Amz-Date') ?? '';
	const expires = Number(req.query.get('X-Amz-Expires') ?? 0);
	if (req.query.get('X-Amz-Signature') !== storageSignature(path, date, expires)) return xml(403, 'SignatureDoesNotMatch', 'The request signature does not match');
	const issued = Date.parse(date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
	if (!(issued + expires * 1000 >= req.now)) return xml(403, 'AccessDenied', 'Request has expired');
	const file = state.files.get(path);
	if (!file) return xml(404, 'NoSuchKey', 'The specified key does not exist.');
	return { status: 200, headers: { 'content-type': file.type }, body: file.content };
}

export function fileRoutes(state: NextSignState): Route[] {
	return [
		{
			method: 'POST',
			pattern: '/v3/company/:company/file/upload',
			source: 'PUBLIC-DOCS.md §4 File upload (https://docs.nextsign.dk/docs/documents-upload); error bodies [G]',
			handler: (req) => authorize(state, req) ?? upload(state, req),
		},
		{
			method: 'POST',
			pattern: '/v3/company/:company/file/view-presigned-url',
			source: 'PUBLIC-DOCS.md §4 Presigned URL (https://docs.nextsign.dk/docs/documents): {key, signedUrl, type, cached}, {"error":"missing-url"}',
			handler: (req) => authorize(state, req) ?? presigned(state, req),
		},
	];
}

export function storageRoutes(state: NextSignState): Route[] {
	return [
		{
			method: 'GET',
			pattern: '/:company/:folder/:file',
			source: '[G] object storage behind the presigned URLs (S3-style X-Amz query, as in the case-create example answer)',
			handler: (req) => storage(state, req),
		},
	];
}
