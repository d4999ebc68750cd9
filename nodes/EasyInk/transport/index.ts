import type { IDataObject } from 'n8n-workflow';

import type { ApiContext, ApiResponse, Provider, RequestSpec } from '../../shared/transport';
import { ApiClient } from '../../shared/transport';
import type { EasyInkOperationName } from './paths';
import { EASYINK_ENUMS, EASYINK_HOSTS, EASYINK_PROCESSING_MESSAGE, EASYINK_SEARCH, easyInkRequest } from './paths';

export { EASYINK_ENUMS, EASYINK_SEARCH };

export const EASYINK_CREDENTIAL = 'easyInkOAuth2Api';

interface EasyInkErrorBody {
	error?: { code?: string; message?: string; innerErrors?: Array<{ code?: string; message?: string }> | null };
}

/** EasyInk's ApiError: `{"error":{"code","message","innerErrors":[{"code","message"}]}}`. */
export const easyInkProvider: Provider = {
	name: 'EasyInk',
	parseError(body: unknown) {
		const error = (body as EasyInkErrorBody)?.error;
		if (!error || typeof error !== 'object') {
			return { message: typeof body === 'string' && body ? body.slice(0, 300) : undefined };
		}
		const details = Array.isArray(error.innerErrors)
			? error.innerErrors.map((e) => (e?.message ? String(e.message) : JSON.stringify(e))).filter(Boolean)
			: undefined;
		return { message: error.message, code: error.code, details };
	},
	hints: {
		400: 'EasyInk refused the values sent: fix what the message names and run the node again. Drafts can only be changed while they are drafts (not locked, not started).',
		401: 'EasyInk did not accept the sign-in: open the EasyInk credential, check the environment (production or staging) and click "Reconnect" to sign in again.',
		403: 'The signed-in EasyInk user may not do this: ask your EasyInk administrator for access to this session, or sign in with another user.',
		404: 'Check the ID: it does not exist in this EasyInk environment, was deleted, or a draft ID was used where a started session is needed (or the other way round).',
	},
};

export type EasyInkClient = ApiClient;

/** Base URL of the EasyInk API (without /api) for the credential's environment. */
export function easyInkBaseUrl(credentials: IDataObject): string {
	if (credentials.environment === 'custom') {
		const custom = String(credentials.apiUrl ?? '').trim();
		if (custom) return custom.replace(/\/+$/, '');
	}
	return credentials.environment === 'staging' ? EASYINK_HOSTS.staging.api : EASYINK_HOSTS.production.api;
}

/** Creates the client once per execution: credentials are read once, not per item. */
export async function easyInkClient(ctx: ApiContext): Promise<EasyInkClient> {
	const credentials = await ctx.getCredentials(EASYINK_CREDENTIAL);
	return new ApiClient(ctx, easyInkProvider, EASYINK_CREDENTIAL, easyInkBaseUrl(credentials), credentials);
}

/** EasyInk answers "Document processing is in progress. Try again later." while it builds a file. */
export function isProcessingInProgress(error: unknown): boolean {
	const e = error as { message?: string; cause?: unknown; context?: IDataObject };
	const text = `${e?.message ?? ''}`;
	return text.includes(EASYINK_PROCESSING_MESSAGE) || /processing is in progress/i.test(text);
}

/** Path parameters of an operation: `id` is always the signing session (draft) id. */
export type PathParams = Record<string, string>;

/** One EasyInk operation from the paths table: method and path come from there, the rest from `spec`. */
export async function call<T = unknown>(
	client: EasyInkClient,
	operation: EasyInkOperationName,
	params: PathParams,
	spec: Omit<RequestSpec, 'method' | 'url'> & { query?: string } = {},
): Promise<ApiResponse<T>> {
	const { method, path } = easyInkRequest(operation, params);
	const { query, ...rest } = spec;
	return await client.request<T>({ ...rest, method, url: query ? `${path}?${query}` : path });
}

/** Same as `call`, returning the body. */
export async function callJson<T = unknown>(
	client: EasyInkClient,
	operation: EasyInkOperationName,
	params: PathParams,
	spec: Omit<RequestSpec, 'method' | 'url'> & { query?: string } = {},
): Promise<T> {
	return (await call<T>(client, operation, params, spec)).body;
}
