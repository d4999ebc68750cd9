/**
 * Document collections: 1–100 documents signed together, optionally packaged (`packageTo`: up to 5 ×
 * PADES_CONTAINER) once every session using the collection is signed.
 * Sources: signicat-sign-api-v2.txt (create body, answer with `output.packages`); paths PUBLIC-DOCS.md §2.
 */
import type { Route, SandboxRequest, SandboxResponse } from '../../server';
import { json } from '../../server';
import { denied } from './auth';
import { isObject, strictKeys, strictQuery, uuidIssue } from './checks';
import { badRequest, problem, UUID, type Issue, type SignicatCollection, type SignicatState } from './state';

/** `packageTo`: at most 5 items, each PADES_CONTAINER (the only documented PackageType). */
export function packageToIssues(v: unknown, name: string, issues: Issue[]): void {
	if (v === undefined) return;
	if (!Array.isArray(v) || v.length > 5) {
		issues.push({ name, reason: 'must be an array of at most 5 items' });
		return;
	}
	v.forEach((p, i) => p !== 'PADES_CONTAINER' && issues.push({ name: `${name}[${i}]`, reason: 'must be one of PADES_CONTAINER' }));
}

const collectionNotFound = (id: string) =>
	problem(404, 'document_collection_not_found', 'Could not find document collection', `Document collection ${id} was not found.`);

export function collectionRoutes(state: SignicatState): Route[] {
	const withCollection = (req: SandboxRequest, fn: (c: SignicatCollection) => SandboxResponse): SandboxResponse => {
		const refused = denied(state, req) ?? strictQuery(req, []);
		if (refused) return refused;
		if (!UUID.test(req.params.documentCollectionId)) return badRequest([{ name: 'documentCollectionId', reason: 'must be a valid UUID' }]);
		const c = state.collections.get(req.params.documentCollectionId);
		return c ? fn(c) : collectionNotFound(req.params.documentCollectionId);
	};

	return [
		{
			method: 'POST',
			pattern: '/sign/document-collections',
			source: 'signicat-sign-api-v2.txt "Creates new document collection" (documents [1..100], packageTo ≤ 5 × PADES_CONTAINER)',
			handler: (req) => {
				const refused = denied(state, req) ?? strictQuery(req, []);
				if (refused) return refused;
				const body = req.json;
				if (!isObject(body)) return badRequest([{ name: 'body', reason: 'must be a JSON object' }]);
				const issues: Issue[] = [];
				strictKeys(body, ['documents', 'packageTo'], '', issues);
				const docs = body.documents;
				if (!Array.isArray(docs) || docs.length < 1 || docs.length > 100) issues.push({ name: 'documents', reason: 'size must be between 1 and 100' });
				else
					docs.forEach((d, i) => {
						const name = `documents[${i}]`;
						if (!isObject(d)) {
							issues.push({ name, reason: 'must be an object' });
							return;
						}
						strictKeys(d, ['documentId'], name, issues);
						if (uuidIssue(d.documentId, `${name}.documentId`, issues) && !state.documents.has(String(d.documentId)))
							issues.push({ name: `${name}.documentId`, reason: 'document not found' });
					});
				packageToIssues(body.packageTo, 'packageTo', issues);
				if (issues.length) return badRequest(issues);
				const c = state.addCollection((docs as Array<{ documentId: string }>).map((d) => d.documentId), (body.packageTo as string[] | undefined) ?? []);
				return json(201, c);
			},
		},
		{
			method: 'GET',
			pattern: '/sign/document-collections/:documentCollectionId',
			source: 'signicat-sign-api-v2.txt "Returns the document collection with the given ID."',
			handler: (req) => withCollection(req, (c) => json(200, c)),
		},
		{
			method: 'DELETE',
			pattern: '/sign/document-collections/:documentCollectionId',
			source: 'signicat-sign-api-v2.txt "Deletes the document collection with the given ID."',
			handler: (req) =>
				withCollection(req, (c) => {
					state.collections.delete(c.id);
					return { status: 204 };
				}),
		},
	];
}
