/**
 * Documents: raw-body upload (MIME type from Content-Type; PDF or plain text), download, delete, and the
 * metadata (filename ≤ 255, title ≤ 255, description ≤ 1000) read with GET and changed with PATCH.
 * Sources: signicat-sign-api-v2.txt (upload, metadata fields and limits, document reference shape);
 * paths and methods from PUBLIC-DOCS.md §2 (no source shows PUT on metadata).
 *
 * Signicat's unreleased .NET SDK branch adds `?filename=` to the upload; neither the captured reference nor the
 * generated SDK has it, so this strict reader refuses any query parameter on the upload (the file name is
 * metadata, set with PATCH).
 */
import type { Route, SandboxRequest, SandboxResponse } from '../../server';
import { json } from '../../server';
import { denied } from './auth';
import { isObject, str, strictKeys, strictQuery } from './checks';
import { badRequest, problem, UUID, type Issue, type SignicatDocument, type SignicatState } from './state';

const MIME_TYPES = ['application/pdf', 'text/plain'];
const METADATA_KEYS = ['filename', 'title', 'description'];

/** The document reference the upload answers; the metadata answers add filename, title and description. */
export function publicDocument(d: SignicatDocument, withMeta: boolean) {
	const ref = { mimeType: d.mimeType, documentId: d.documentId, createdAt: d.createdAt, documentHash: d.documentHash };
	return withMeta ? { ...ref, filename: d.filename ?? null, description: d.description ?? null, title: d.title ?? null } : ref;
}

/** 404 in the documented shape (the v2 reference's own example: `document_not_found`). */
export const documentNotFound = (id: string) => problem(404, 'document_not_found', 'Could not find document', `Document ${id} was not found.`);

export function documentRoutes(state: SignicatState): Route[] {
	const withDocument = (req: SandboxRequest, fn: (d: SignicatDocument) => SandboxResponse): SandboxResponse => {
		const refused = denied(state, req) ?? strictQuery(req, []);
		if (refused) return refused;
		if (!UUID.test(req.params.documentId)) return badRequest([{ name: 'documentId', reason: 'must be a valid UUID' }]);
		const d = state.documents.get(req.params.documentId);
		return d ? fn(d) : documentNotFound(req.params.documentId);
	};

	return [
		{
			method: 'POST',
			pattern: '/sign/documents',
			source: 'signicat-sign-api-v2.txt "Uploads the document as a binary stream; MIME type is defined by the Content-Type header"',
			handler: (req) => {
				const refused = denied(state, req) ?? strictQuery(req, []);
				if (refused) return refused;
				const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
				if (!type) return badRequest([{ name: 'Content-Type', reason: 'is required' }]);
				// Integration guide: "We support both PDFs and plain text documents".
				if (!MIME_TYPES.includes(type))
					return problem(415, 'unsupported_media_type', 'Unsupported media type', `Documents of type ${type} are not supported.`);
				if (!req.raw.length) return badRequest([{ name: 'body', reason: 'the document is empty' }]);
				if (type === 'application/pdf' && req.raw.subarray(0, 5).toString('latin1') !== '%PDF-')
					return badRequest([{ name: 'body', reason: 'is not a PDF document' }]);
				return json(201, publicDocument(state.storeDocument(Buffer.from(req.raw), type, req.now), false));
			},
		},
		{
			method: 'GET',
			pattern: '/sign/documents/:documentId',
			source: 'signicat-sign-api-v2.txt "documentId required"; PUBLIC-DOCS.md §2 paths (GET returns the binary content)',
			handler: (req) => withDocument(req, (d) => ({ status: 200, headers: { 'content-type': d.mimeType }, body: d.content })),
		},
		{
			method: 'DELETE',
			pattern: '/sign/documents/:documentId',
			source: 'PUBLIC-DOCS.md §2 paths (DELETE /documents/{documentId}: the document and its metadata, permanently)',
			handler: (req) =>
				withDocument(req, (d) => {
					state.documents.delete(d.documentId);
					return { status: 204 };
				}),
		},
		{
			method: 'GET',
			pattern: '/sign/documents/:documentId/metadata',
			source: 'signicat-sign-api-v2.txt metadata answer (mimeType, documentId, createdAt, documentHash, filename, description, title)',
			handler: (req) => withDocument(req, (d) => json(200, publicDocument(d, true))),
		},
		{
			method: 'PATCH',
			pattern: '/sign/documents/:documentId/metadata',
			source: 'signicat-sign-api-v2.txt metadata fields (filename ≤ 255, description ≤ 1000, title ≤ 255); PATCH per PUBLIC-DOCS.md §2',
			handler: (req) =>
				withDocument(req, (d) => {
					const body = req.json;
					if (!isObject(body)) return badRequest([{ name: 'body', reason: 'must be a JSON object' }]);
					const issues: Issue[] = [];
					strictKeys(body, METADATA_KEYS, '', issues);
					str(body.filename, 'filename', issues, { max: 255 });
					str(body.title, 'title', issues, { max: 255 });
					str(body.description, 'description', issues, { max: 1000 });
					if (issues.length) return badRequest(issues);
					for (const k of ['filename', 'title', 'description'] as const) if (k in body) d[k] = (body[k] as string | null) ?? undefined;
					return json(200, publicDocument(d, true));
				}),
		},
		{
			method: 'PUT',
			pattern: '/sign/documents/:documentId/metadata',
			source: '[G] no source shows PUT on metadata (PUBLIC-DOCS.md §2: only GET and PATCH): answered 405',
			handler: (req) =>
				denied(state, req) ?? problem(405, 'method_not_allowed', 'Method not allowed', 'Use PATCH to change document metadata.'),
		},
	];
}
