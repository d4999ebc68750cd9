/**
 * Document signing (shared/providers/optimaite-signing.txt, https://www.optimaite.eu/en/developer-docs/api-reference/signing):
 * create an envelope, promote documents into a draft, list a case's envelopes. Its error table: 400 NO_DOCUMENTS,
 * 400 NO_SIGNERS, 403 AUTH_INSUFFICIENT_SCOPE, 404 CASE_NOT_FOUND, 404 DOCUMENT_NOT_FOUND. Everything else the page
 * does not show is refused (unknown keys and values) with a 400 VALIDATION_ERROR [G].
 */
import type { Handler, Route, SandboxRequest, SandboxResponse } from '../../server';
import { json } from '../../server';
import { describeUnknown, unknownKeys } from '../../strict';
import { err, invalid, noQuery } from './gate';
import type { OptimaiteState } from './state';
import { envelopeListEntry, envelopeObject } from './state';

/** The only signer role the page shows. */
const SIGNER_ROLES = ['signer'];
/**
 * The page's example sends `sequential`; the product docs say signing order is "sequential or parallel"
 * (https://www.optimaite.eu/en/docs/editor/signatures), so `parallel` is read as the other API value [G].
 */
const SIGNING_ORDERS = ['sequential', 'parallel'];
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function body(req: SandboxRequest): Record<string, unknown> | SandboxResponse {
	if (!String(req.headers['content-type'] ?? '').includes('application/json')) return invalid('Expected a JSON body (Content-Type: application/json)');
	const b = req.json;
	if (!b || typeof b !== 'object' || Array.isArray(b)) return invalid('Expected a JSON object');
	return b as Record<string, unknown>;
}

const isResponse = (v: unknown): v is SandboxResponse => !!v && typeof v === 'object' && 'status' in v && typeof (v as SandboxResponse).status === 'number';

/** document_ids: present, non-empty, every one a document of the case. */
function documentIds(state: OptimaiteState, req: SandboxRequest, caseId: string, value: unknown): string[] | SandboxResponse {
	if (!Array.isArray(value) || value.length === 0) return err(400, 'NO_DOCUMENTS', 'No document IDs provided');
	if (value.some((id) => typeof id !== 'string')) return invalid('document_ids must be strings');
	const ids = value as string[];
	// Whether documents of another case (or of none) may be signed is not documented: the sandbox refuses them [G].
	if (ids.some((id) => state.visibleDocument(id, req.now)?.case_id !== caseId)) return err(404, 'DOCUMENT_NOT_FOUND', 'One or more document IDs do not exist');
	return ids;
}

function title(value: unknown): string | SandboxResponse {
	// The page always sends a title; a missing one is refused [G].
	return typeof value === 'string' && value.trim() ? value : invalid('title is required');
}

export function signingRoutes(state: OptimaiteState, guarded: (scope: string, handler: Handler) => Handler): Route[] {
	return [
		{
			method: 'GET',
			pattern: '/api/v1/cases/:caseId/signed-documents',
			// Its scope is not named (the page names documents:write for creating and promoting): documents:read, as for GET /documents [G].
			source: 'optimaite-signing.txt "List Signed Documents": {data:[{id,title,status,signers:[{name,status,signed_at}]}]}; [G] scope documents:read',
			handler: guarded('documents:read', (req) => {
				const refused = noQuery(req);
				if (refused) return refused;
				if (!state.cases.has(req.params.caseId)) return err(404, 'CASE_NOT_FOUND', 'Case ID does not exist');
				const data = [...state.envelopes.values()].filter((e) => e.case_id === req.params.caseId).map(envelopeListEntry);
				return json(200, { data });
			}),
		},
		{
			method: 'POST',
			pattern: '/api/v1/cases/:caseId/signing-envelopes',
			source: 'optimaite-signing.txt "Create a Signing Envelope": title, document_ids, signers[{name,email,role}], signing_order, send_emails → 201 envelope object',
			handler: guarded('documents:write', (req) => {
				const caseId = req.params.caseId;
				if (!state.cases.has(caseId)) return err(404, 'CASE_NOT_FOUND', 'Case ID does not exist');
				const b = body(req);
				if (isResponse(b)) return b;
				const unknown = unknownKeys(b, ['title', 'document_ids', 'signers', 'signing_order', 'send_emails']);
				if (unknown.length) return invalid(describeUnknown('field', unknown));
				const ids = documentIds(state, req, caseId, b.document_ids);
				if (isResponse(ids)) return ids;
				if (!Array.isArray(b.signers) || b.signers.length === 0) return err(400, 'NO_SIGNERS', 'No signers provided');
				for (const [n, s] of (b.signers as unknown[]).entries()) {
					const signer = (s ?? {}) as Record<string, unknown>;
					const extra = unknownKeys(signer, ['name', 'email', 'role']);
					if (extra.length) return invalid(`signers[${n}]: ${describeUnknown('field', extra)}`);
					if (typeof signer.name !== 'string' || !signer.name.trim()) return invalid(`signers[${n}].name is required`);
					if (typeof signer.email !== 'string' || !EMAIL.test(signer.email)) return invalid(`signers[${n}].email must be an email address`);
					if (signer.role !== undefined && ![...SIGNER_ROLES, ...state.options.extraRoles].includes(String(signer.role)))
						return invalid(`signers[${n}].role: unknown role ${JSON.stringify(signer.role)} (documented: ${SIGNER_ROLES.join(', ')})`);
				}
				const t = title(b.title);
				if (isResponse(t)) return t;
				if (b.signing_order !== undefined && !SIGNING_ORDERS.includes(String(b.signing_order)))
					return invalid(`signing_order must be one of ${SIGNING_ORDERS.join(', ')}`);
				if (b.send_emails !== undefined && typeof b.send_emails !== 'boolean') return invalid('send_emails must be true or false');
				// With send_emails false the envelope is still "sent" (its status after creation is not documented) [G].
				const env = state.createEnvelope(
					{
						caseId,
						title: t,
						documentIds: ids,
						signers: b.signers as Array<{ name: string; email: string; role?: string }>,
						signingOrder: (b.signing_order as 'sequential' | 'parallel' | undefined) ?? 'sequential',
						sendEmails: (b.send_emails as boolean | undefined) ?? true,
					},
					req.now,
				);
				return json(201, envelopeObject(env));
			}),
		},
		{
			method: 'POST',
			pattern: '/api/v1/signing/promote-to-envelope',
			// The answer is not documented: 201 with the draft envelope object, as for a created one [G].
			source: 'optimaite-signing.txt "Promote Documents to Envelope": case_id, document_ids, title → a draft envelope; [G] answer 201 envelope object',
			handler: guarded('documents:write', (req) => {
				const b = body(req);
				if (isResponse(b)) return b;
				const unknown = unknownKeys(b, ['case_id', 'document_ids', 'title']);
				if (unknown.length) return invalid(describeUnknown('field', unknown));
				const caseId = typeof b.case_id === 'string' ? b.case_id : '';
				if (!state.cases.has(caseId)) return err(404, 'CASE_NOT_FOUND', 'Case ID does not exist');
				const t = title(b.title);
				if (isResponse(t)) return t;
				const ids = documentIds(state, req, caseId, b.document_ids);
				if (isResponse(ids)) return ids;
				const env = state.createEnvelope({ caseId, title: t, documentIds: ids, signers: [], status: 'draft', sendEmails: false }, req.now);
				return json(201, envelopeObject(env));
			}),
		},
	];
}
