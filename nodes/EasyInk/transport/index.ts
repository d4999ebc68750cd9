import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiContext, ApiResponse, Provider, RequestSpec } from '../../shared/transport';
import { ApiClient } from '../../shared/transport';
import type { EasyInkOperationName } from './paths';
import { EASYINK_ENUMS, EASYINK_HOSTS, EASYINK_PROCESSING, EASYINK_SEARCH, easyInkRequest } from './paths';

export { EASYINK_ENUMS, EASYINK_PROCESSING, EASYINK_SEARCH };

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

/** When an access token (a JWT, as EasyInk documents: its expiry is the `exp` claim) stops being valid, in ms; undefined if unknown. */
export function accessTokenExpiry(accessToken: unknown): number | undefined {
	if (typeof accessToken !== 'string') return undefined;
	const payload = accessToken.split('.')[1];
	if (!payload) return undefined;
	try {
		const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
		return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The shared client, keeping the n8n context for EasyInk-specific errors. EasyInk documents no refresh token: when
 * the access token has expired and n8n holds no refresh token, nothing can renew it — the user has to reconnect the
 * credential. That is said before any request (the token's `exp` has passed), or when n8n gives up renewing it
 * after a 401, naming the credential and what to click.
 */
export class EasyInkClient extends ApiClient {
	private readonly tokenData: IDataObject | undefined;

	constructor(
		readonly context: ApiContext,
		credentials: IDataObject,
	) {
		super(context, easyInkProvider, EASYINK_CREDENTIAL, easyInkBaseUrl(credentials), credentials as never);
		this.tokenData = credentials.oauthTokenData as IDataObject | undefined;
	}

	override async request<T = unknown>(spec: RequestSpec): Promise<ApiResponse<T>> {
		const canRefresh = typeof this.tokenData?.refresh_token === 'string' && this.tokenData.refresh_token !== '';
		if (!this.tokenData?.access_token) throw this.reconnect(spec, 'is not connected');
		const expiresAt = accessTokenExpiry(this.tokenData.access_token);
		if (!canRefresh && expiresAt !== undefined && expiresAt <= Date.now()) throw this.reconnect(spec, 'has expired', expiresAt);
		let failure: unknown;
		try {
			return await super.request<T>(spec);
		} catch (error) {
			failure = error;
		}
		// n8n tried to renew the token after a 401 and could not: no refresh token, or one EasyInk no longer takes.
		// (n8n reports that without an HTTP status; EasyInk's own answers always have one.)
		const fromN8n = !(failure instanceof NodeApiError) || !failure.httpCode;
		if (fromN8n && /refresh token|not connected|grant|reconnect/i.test((failure as Error).message ?? '')) {
			throw this.reconnect(spec, canRefresh ? 'could not be renewed' : 'was refused by EasyInk (its sign-in expired or was revoked)', expiresAt, canRefresh);
		}
		throw failure;
	}

	/** "The EasyInk credential "X" has expired: …", with what to click. */
	private reconnect(spec: RequestSpec, what: string, expiresAt?: number, hadRefreshToken = false): NodeOperationError {
		const name = this.context.getNode().credentials?.[EASYINK_CREDENTIAL]?.name;
		const label = name ? `"${name}"` : '(EasyInk OAuth2 API)';
		return new NodeOperationError(this.context.getNode(), `The EasyInk credential ${label} ${what} and must be reconnected`, {
			itemIndex: spec.itemIndex,
			description: [
				expiresAt !== undefined ? `EasyInk's sign-in was valid until ${new Date(expiresAt).toISOString()}.` : undefined,
				hadRefreshToken
					? 'EasyInk did not accept the refresh token.'
					: 'EasyInk issues no refresh token, so n8n cannot renew the sign-in by itself.',
				`Open Credentials → ${name ?? 'your EasyInk OAuth2 API credential'}, click "Reconnect" (or "Connect my account") and sign in to EasyInk again;`,
				'active EasyInk triggers then fire what they missed on their next poll.',
			]
				.filter(Boolean)
				.join(' '),
		});
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

/**
 * Runs a request and, when EasyInk refuses it (4xx), puts what the operation's own rules are in front of the error's
 * description: EasyInk's message says what was wrong, the hint says what the rule is.
 */
export async function withHint<T>(hint: string, run: () => Promise<T>): Promise<T> {
	let failure: unknown;
	try {
		return await run();
	} catch (error) {
		failure = error;
	}
	if (failure instanceof NodeApiError && /^4\d\d$/.test(String(failure.httpCode ?? '')) && failure.httpCode !== '401' && failure.httpCode !== '429') {
		failure.description = [hint, failure.description].filter(Boolean).join(' ');
	}
	throw failure;
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
