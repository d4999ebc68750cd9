import type { IDataObject } from 'n8n-workflow';

import type { ApiContext, Provider } from '../../shared/transport';
import { ApiClient } from '../../shared/transport';

/** Every Optimaite host and path in one place: a corrected path is a one-line change. */
export const OPTIMAITE = {
	productionBaseUrl: 'https://api.optimaite.eu/api/v1',
	credentialType: 'optimaiteApi',
	docsUrl: 'https://docs.optimaite.eu/api/signing',
	paths: {
		documents: '/documents',
		document: (id: string) => `/documents/${encodeURIComponent(id)}`,
		documentDownload: (id: string) => `/documents/${encodeURIComponent(id)}/download`,
		cases: '/cases',
		case: (id: string) => `/cases/${encodeURIComponent(id)}`,
		// [C] source document
		caseEnvelopes: (caseId: string) => `/cases/${encodeURIComponent(caseId)}/signing-envelopes`,
		caseSignedDocuments: (caseId: string) => `/cases/${encodeURIComponent(caseId)}/signed-documents`,
		promote: '/signing/promote-to-envelope',
	},
	/** Name of the next-page cursor in `GET /cases` answers [G: REFERENCE says "next cursor"]. */
	nextCursorFields: ['next_cursor', 'nextCursor', 'next'],
} as const;

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
		403: 'The API key lacks a scope this operation needs (creating envelopes and promoting documents need "documents:write"): create a key with that scope in Optimaite.',
		404: 'Check the case or document id: it does not exist in this Optimaite workspace (a test key sees only test data).',
	},
};

export type OptimaiteClient = ApiClient;

/** Creates the client once per execution: credentials are read once, not per item. */
export async function optimaiteClient(ctx: ApiContext): Promise<OptimaiteClient> {
	const credentials = await ctx.getCredentials(OPTIMAITE.credentialType);
	return new ApiClient(ctx, optimaiteProvider, OPTIMAITE.credentialType, optimaiteBaseUrl(credentials), credentials);
}

export function optimaiteBaseUrl(credentials: IDataObject): string {
	const custom = String(credentials.baseUrl ?? '').trim();
	return credentials.environment === 'custom' && custom ? custom.replace(/\/+$/, '') : OPTIMAITE.productionBaseUrl;
}

export function nextCursor(body: IDataObject): string | undefined {
	for (const field of OPTIMAITE.nextCursorFields) {
		const v = body[field];
		if (typeof v === 'string' && v) return v;
	}
	return undefined;
}
