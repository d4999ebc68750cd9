import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

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

/** The shared client, keeping the n8n context for EasyInk-specific errors. */
export class EasyInkClient extends ApiClient {
	constructor(
		readonly context: ApiContext,
		credentials: IDataObject,
	) {
		super(context, easyInkProvider, EASYINK_CREDENTIAL, easyInkBaseUrl(credentials), credentials as never);
	}
}

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
	return new EasyInkClient(ctx, credentials);
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Creates answer with the new id as a bare JSON string (`"3fa85f64-…"`) [C]. The shared client reads it as text;
 * anything that is not an id (an outage page, a proxy's HTML) is an error, never taken for an id.
 */
export async function callId(
	client: EasyInkClient,
	operation: EasyInkOperationName,
	params: PathParams,
	spec: Omit<RequestSpec, 'method' | 'url'> & { query?: string } = {},
): Promise<string> {
	const res = await call<unknown>(client, operation, params, { ...spec, text: true });
	let value = res.body;
	if (Buffer.isBuffer(value)) value = value.toString('utf8');
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed.startsWith('"')) {
			try {
				value = JSON.parse(trimmed);
			} catch {
				value = trimmed;
			}
		} else value = trimmed;
	}
	if (typeof value === 'string' && UUID.test(value)) return value;
	const { method, path } = easyInkRequest(operation, params);
	throw new NodeApiError(client.context.getNode(), { body: String(typeof value === 'string' ? value : JSON.stringify(value ?? null)).slice(0, 200) }, {
		message: `EasyInk answered ${method} ${path} without the new ID`,
		description: `${spec.appliedHint ?? 'The request may have been applied.'} A proxy or an outage page may be in the way: check the credential's API URL.`,
		httpCode: String(res.statusCode),
		itemIndex: spec.itemIndex,
	});
}
