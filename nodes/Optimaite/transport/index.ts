import type { IDataObject } from 'n8n-workflow';

import type { Guess } from '../../shared/guesses';
import type { ApiContext, Provider } from '../../shared/transport';
import { OptimaiteClient } from './client';

export { OptimaiteClient } from './client';
export type { OptimaiteRequest } from './client';

/**
 * Every Optimaite host and path in one place: a corrected path is a one-line change. Sources: Optimaite's developer
 * docs (https://www.optimaite.eu/en/developer-docs/…): api-reference/signing (shared/providers/optimaite-signing.txt),
 * api-reference/documents, api-reference/cases, getting-started/authentication and rate-limits (PUBLIC-DOCS.md §5).
 */
export const OPTIMAITE = {
	productionBaseUrl: 'https://api.optimaite.eu/api/v1',
	credentialType: 'optimaiteApi',
	docsUrl: 'https://www.optimaite.eu/en/developer-docs/api-reference/signing',
	/** This package's Optimaite section: the nodes', the trigger's and the credential's documentation link. */
	readmeUrl: 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#optimaite',
	paths: {
		// [C] api-reference/documents
		documents: '/documents',
		document: (id: string) => `/documents/${encodeURIComponent(id)}`,
		documentDownload: (id: string) => `/documents/${encodeURIComponent(id)}/download`,
		// [C] api-reference/cases
		cases: '/cases',
		case: (id: string) => `/cases/${encodeURIComponent(id)}`,
		// [C] api-reference/signing
		caseEnvelopes: (caseId: string) => `/cases/${encodeURIComponent(caseId)}/signing-envelopes`,
		caseSignedDocuments: (caseId: string) => `/cases/${encodeURIComponent(caseId)}/signed-documents`,
		promote: '/signing/promote-to-envelope',
	},
	/**
	 * Query parameter that lists one case's documents on `GET /documents` [G: the list is documented, its
	 * parameters are not; `case_id` is the document object's own field and the upload's form field].
	 */
	documentsCaseParam: 'case_id',
	/**
	 * Where a list answer may put its next-page cursor [G: the cases page says "Pagination cursor from previous
	 * response"; the field's name is cut off in every capture]. Read in this order, at the top level and inside
	 * `pagination`/`meta`; a full page with none of them stops with an error naming the fields it has.
	 */
	cursorFields: ['next_cursor', 'nextCursor', 'next', 'cursor'],
	cursorContainers: ['pagination', 'meta', 'paging'],
	/** `GET /cases` pages: "limit … (1-100, default 50)". */
	maxPageSize: 100,
	/** Rate limits per plan (getting-started/rate-limits). */
	plans: {
		standard: { perMinute: 60, perDay: 10_000, perSecond: 10 },
		professional: { perMinute: 200, perDay: 50_000, perSecond: 30 },
	},
	/**
	 * How a completed envelope's signed PDF is found [G]: the product docs say the signed document "returns to the
	 * Law Akte automatically" (https://www.optimaite.eu/en/docs/editor/signatures), but the API shows no link from an
	 * envelope to it. It is read as a PDF the case gained when the envelope completed: created at or after its last
	 * signature and at most `afterMs` later, and closer to it than to any other envelope's completion. Two envelopes
	 * completing within `settleMs` of each other are told apart by file name, or not at all.
	 */
	signedDocumentWindow: { afterMs: 5 * 60_000, settleMs: 10_000 },
} as const;

/** Everything still assumed about Optimaite without a provider source (README "Not yet confirmed"). */
export const OPTIMAITE_GUESSES: readonly Guess[] = [
	{ id: 'signed.match', mark: 'G', what: 'A completed envelope’s signed PDF is the PDF its case gained at completion (GET /documents?case_id=…, created from the last signature to 5 min after it, closest to this envelope’s completion); the API documents no link from the envelope to it' },
	{ id: 'documents.caseFilter', mark: 'G', what: 'GET /documents lists one case’s documents with ?case_id=<case>, in cursor pages with limit (like GET /cases)' },
	{ id: 'field.cursor', mark: 'G', what: 'List answers put the next-page cursor in next_cursor (also read: nextCursor, next, cursor, at the top level or inside pagination/meta)' },
	{ id: 'list.envelopeShape', mark: 'G', what: 'GET /cases/{id}/signed-documents entries may carry only id, title, status and signers[name, status, signed_at] (the documented example); signer events are keyed by signer id, else email, else position and name' },
	{ id: 'scope.signedDocuments', mark: 'G', what: 'GET /cases/{id}/signed-documents needs documents:read (the page names a scope only for creating and promoting)' },
	{ id: 'value.role', mark: 'G', what: 'Signer roles approver and cc exist (only "signer" is documented)' },
	{ id: 'value.parallel', mark: 'G', what: 'signing_order "parallel" is accepted (the API example shows "sequential"; the product docs mention sequential or parallel)' },
	{ id: 'status.afterCreate', mark: 'G', what: 'A created envelope is "sent" (its status after creation, also with send_emails false, is not documented)' },
	{ id: 'answer.promote', mark: 'G', what: 'Promote answers with the draft envelope object (the answer is not documented)' },
	{ id: 'answer.delete', mark: 'G', what: 'DELETE /documents/{id} answers 2xx without a body we need' },
	{ id: 'error.401', mark: 'G', what: 'A 401 has the documented error body {"error":{"code","message"}} (its code is not documented)' },
	{ id: 'limit.title', mark: 'G', what: 'Titles, signer names and file names up to 255 characters are accepted (this package’s limit; Optimaite documents none)' },
];

export const optimaiteProvider: Provider = {
	name: 'Optimaite',
	parseError(body: unknown) {
		const error = (body as { error?: { code?: string; message?: string; retry_after?: number; details?: unknown } })?.error;
		if (!error || typeof error !== 'object') return { message: typeof body === 'string' ? body.slice(0, 300) : undefined };
		const details = Array.isArray(error.details)
			? error.details.map((d) => (typeof d === 'string' ? d : JSON.stringify(d)))
			: undefined;
		return { message: error.message, code: error.code, details, retryAfterSeconds: error.retry_after };
	},
	hints: {
		400: 'Check the fields named in the message: an envelope needs at least one document id and one signer.',
		401: 'Optimaite did not accept the API key: open the Optimaite credential, paste the workspace API key (opt_live_… for production, opt_test_… for sandbox data) and click "Test".',
		// 403s get the scope named per request (transport/client.ts); this is the fallback.
		403: 'The API key is valid but lacks a scope this operation needs: create a key with that scope in Optimaite (Workspace Settings → API Keys).',
		404: 'Check the case or document id: it does not exist in this Optimaite workspace (a test key sees only test data).',
	},
};

/** Creates the client once per execution: credentials are read once, not per item. */
export async function optimaiteClient(ctx: ApiContext): Promise<OptimaiteClient> {
	const credentials = await ctx.getCredentials(OPTIMAITE.credentialType);
	return new OptimaiteClient(ctx, optimaiteProvider, OPTIMAITE.credentialType, optimaiteBaseUrl(credentials), credentials, burstLimit(credentials.plan));
}

/** Requests per second the node keeps to: the plan's burst limit; none for Enterprise (custom limits). */
export function burstLimit(plan: unknown): number | undefined {
	if (plan === 'enterprise') return undefined;
	return plan === 'professional' ? OPTIMAITE.plans.professional.perSecond : OPTIMAITE.plans.standard.perSecond;
}

export function optimaiteBaseUrl(credentials: IDataObject): string {
	const custom = String(credentials.baseUrl ?? '').trim();
	return credentials.environment === 'custom' && custom ? custom.replace(/\/+$/, '') : OPTIMAITE.productionBaseUrl;
}
