/**
 * Documents (https://www.optimaite.eu/en/developer-docs/api-reference/documents): "documents:read for GET
 * endpoints, documents:write for POST/PUT, documents:delete for DELETE".
 */
import type { Handler, Route } from '../../server';
import { json } from '../../server';
import { describeUnknown, unknownParams } from '../../strict';
import { err, invalid, noQuery } from './gate';
import { cursorPage } from './paging';
import type { OptimaiteState } from './state';
import { documentObject } from './state';

/** "The file to upload (PDF, DOCX, DOC, PNG, JPG, TIFF)". */
const FILE_TYPES: Record<string, string[]> = {
	pdf: ['application/pdf'],
	docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
	doc: ['application/msword'],
	png: ['image/png'],
	jpg: ['image/jpeg'],
	jpeg: ['image/jpeg'],
	tif: ['image/tiff'],
	tiff: ['image/tiff'],
};
const UPLOAD_PARTS = ['file', 'case_id', 'folder_id', 'party_ids'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function acceptedType(filename: string, contentType: string | undefined): boolean {
	const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (extension && FILE_TYPES[extension]) return !type || type === 'application/octet-stream' || FILE_TYPES[extension].includes(type);
	return Object.values(FILE_TYPES).some((types) => types.includes(type));
}

export function documentRoutes(state: OptimaiteState, guarded: (scope: string, handler: Handler) => Handler): Route[] {
	const visible = (id: string, now: number) => state.visibleDocument(id, now);
	const notFound = () => err(404, 'DOCUMENT_NOT_FOUND', 'Document does not exist');
	return [
		{
			method: 'GET',
			pattern: '/api/v1/documents',
			// The list is documented, its parameters are not: case_id (a document's own field), cursor and limit as on GET /cases.
			source: '[G] GET /api/v1/documents "List documents" is documented (PUBLIC-DOCS.md §5 Documents); its query case_id/cursor/limit and answer follow GET /cases',
			handler: guarded('documents:read', (req) => {
				const unknown = unknownParams(req.query, ['case_id', 'cursor', 'limit']);
				if (unknown.length) return invalid(describeUnknown('query parameter', unknown));
				const caseId = req.query.get('case_id');
				if (caseId !== null && !state.cases.has(caseId)) return err(404, 'CASE_NOT_FOUND', 'Case ID does not exist');
				const all = [...state.documents.values()].filter((d) => d.availableAt <= req.now && (caseId === null || d.case_id === caseId));
				return cursorPage(req, all, state.options.cursorField, documentObject);
			}),
		},
		{
			method: 'POST',
			pattern: '/api/v1/documents',
			source: 'PUBLIC-DOCS.md §5 Upload: multipart file (required; PDF, DOCX, DOC, PNG, JPG, TIFF), case_id, folder_id, party_ids (optional) → 201 (https://www.optimaite.eu/en/developer-docs/api-reference/documents)',
			handler: guarded('documents:write', (req) => {
				if (!req.parts) return invalid('Expected multipart/form-data');
				const unknown = [...new Set(req.parts.map((p) => p.name.replace(/\[\]$/, '')).filter((n) => !UPLOAD_PARTS.includes(n)))];
				if (unknown.length) return invalid(describeUnknown('form field', unknown));
				const files = req.parts.filter((p) => p.name === 'file');
				const file = files[0];
				if (!file || file.filename === undefined) return invalid('file is required');
				if (files.length > 1) return invalid('Send one file per upload');
				if (!file.data.length) return invalid('file is empty');
				const filename = file.filename || 'document';
				if (!acceptedType(filename, file.contentType)) return invalid('file must be a PDF, DOCX, DOC, PNG, JPG or TIFF');
				const text = (name: string) => req.parts!.find((p) => p.name === name)?.data.toString('utf8');
				const caseId = text('case_id');
				if (caseId !== undefined) {
					if (!UUID.test(caseId)) return invalid('case_id must be a UUID');
					if (!state.cases.has(caseId)) return err(404, 'CASE_NOT_FOUND', 'Case ID does not exist');
				}
				const doc = state.storeDocument(caseId ?? null, filename, file.contentType ?? 'application/octet-stream', file.data, req.now, {
					folderId: text('folder_id') ?? null,
				});
				return json(201, documentObject(doc));
			}),
		},
		{
			method: 'GET',
			pattern: '/api/v1/documents/:id',
			source: 'PUBLIC-DOCS.md §5 Documents: GET /api/v1/documents/{id} "Get document metadata", "The Document Object" (https://www.optimaite.eu/en/developer-docs/api-reference/documents)',
			handler: guarded('documents:read', (req) => {
				const refused = noQuery(req);
				if (refused) return refused;
				const d = visible(req.params.id, req.now);
				return d ? json(200, documentObject(d)) : notFound();
			}),
		},
		{
			method: 'GET',
			pattern: '/api/v1/documents/:id/download',
			source: 'PUBLIC-DOCS.md §5 Download: the raw file, streamed, with Content-Type and Content-Disposition (https://www.optimaite.eu/en/developer-docs/api-reference/documents)',
			handler: guarded('documents:read', (req) => {
				const refused = noQuery(req);
				if (refused) return refused;
				const d = visible(req.params.id, req.now);
				if (!d) return notFound();
				return {
					status: 200,
					headers: {
						'content-type': d.mime_type,
						'content-disposition': `attachment; filename="${d.filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(d.filename)}`,
					},
					body: d.content,
				};
			}),
		},
		{
			method: 'DELETE',
			pattern: '/api/v1/documents/:id',
			// The answer to a delete is not documented: 204 without a body [G].
			source: 'PUBLIC-DOCS.md §5 Documents: DELETE /api/v1/documents/{id}, scope documents:delete; [G] answer 204 (https://www.optimaite.eu/en/developer-docs/api-reference/documents)',
			handler: guarded('documents:delete', (req) => {
				const refused = noQuery(req);
				if (refused) return refused;
				if (!visible(req.params.id, req.now)) return notFound();
				state.documents.delete(req.params.id);
				return { status: 204 };
			}),
		},
	];
}
