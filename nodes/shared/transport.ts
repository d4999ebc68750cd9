import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { credentialSecrets, redact, rememberSecrets, scrubError, scrubText, secretsOf } from './redact';

export type ApiContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** What a provider's error body says, in the provider's own words. */
export interface ProviderErrorInfo {
	message?: string;
	code?: string;
	/** Field-level problems ("title: too long"). */
	details?: string[];
	/** Seconds to wait, when the provider puts it in the body rather than a header. */
	retryAfterSeconds?: number;
	/** For an error found in a 2xx body: the HTTP status it stands for (404 for "not found"…), for hints and `httpCode`. */
	status?: number;
}

/** Everything the shared transport needs to know about one provider. */
export interface Provider {
	/** Name shown to users in messages: "Optimaite". */
	name: string;
	/** Reads the provider's error body shape. */
	parseError(body: unknown): ProviderErrorInfo;
	/** How to fix common statuses, in the provider's terms (falls back to generic advice). */
	hints?: Partial<Record<number, string>>;
	/**
	 * The credential's hidden `expirable` field that n8n fills through the credential's `preAuthentication`
	 * (Penneo's session token). After a 401 the transport has n8n run `preAuthentication` again and resends once.
	 * OAuth2 credentials need nothing here (detected from the credential); API keys have nothing to renew.
	 */
	expirableToken?: string;
	/**
	 * For providers that answer application errors inside a successful HTTP response: reads a 2xx JSON body and
	 * returns what went wrong (in the provider's words, with the status it stands for), or undefined for a success.
	 * Such an answer fails the request like an HTTP error would (never retried: the provider has answered).
	 */
	bodyError?(body: unknown, spec: RequestSpec): ProviderErrorInfo | undefined;
}

export interface RetryPolicy {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	/** Longest single wait the node accepts from `Retry-After`, in seconds. */
	maxWaitSeconds: number;
	/** Longest total time spent waiting for one request, in seconds. */
	maxTotalWaitSeconds: number;
	/** First back-off step for 5xx/network retries of reads, in milliseconds (doubles each time). */
	backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
	maxAttempts: 4,
	maxWaitSeconds: 60,
	maxTotalWaitSeconds: 120,
	backoffMs: 500,
};

/**
 * Bounds of every request. Mutable so that tests can shorten the timeout; nodes never change them.
 */
export const TRANSPORT_LIMITS = {
	/** Milliseconds without an answer before a request is abandoned (a `RequestSpec.timeout` overrides it). */
	timeoutMs: 60_000,
	/** The longest any request may wait, whatever its `RequestSpec.timeout` says (uploads ask for 30 minutes). */
	maxTimeoutMs: 30 * 60_000,
	/** Largest JSON or text answer read into memory, in bytes (binary downloads are not bounded). */
	maxJsonBytes: 32 * 1024 * 1024,
	/** Redirects followed for one request (same origin only, unless the request carries no credential). */
	maxRedirects: 5,
};

export type Safety = 'read' | 'write' | 'delete';

export interface RequestSpec {
	method: IHttpRequestMethods;
	/** Full URL, or a path appended to the client's base URL. */
	url: string;
	qs?: IDataObject;
	headers?: Record<string, string>;
	/**
	 * JSON body, a Buffer, or a factory called once per send (multipart/stream bodies are rebuilt for a retry, a
	 * resend after a renewed credential and a followed redirect; `attempt` is 1 for the first send).
	 */
	body?: unknown | ((attempt: number) => unknown | Promise<unknown>);
	/**
	 * `read`: safe to repeat, so 5xx, timeouts and dropped connections are retried.
	 * `write`: never repeated after it may have reached the provider (only 429 and 401, which mean "not applied").
	 * `delete`: repeating cannot duplicate anything, so it is retried like a read; a 404 on a repeat after an attempt
	 * whose outcome is unknown (5xx, dropped connection) means that attempt probably did it: the response says
	 * `appliedEarlier` (and `confirmed: false`).
	 * Defaults to `read` for GET/HEAD and `write` for everything else.
	 */
	safety?: Safety;
	/** Return the body as a Buffer (downloads). */
	binary?: boolean;
	/** Milliseconds before the request is abandoned (default `TRANSPORT_LIMITS.timeoutMs`). */
	timeout?: number;
	/** Item the request is made for: errors carry it. */
	itemIndex?: number;
	/** For writes: how the user can check whether an unconfirmed request was applied. */
	appliedHint?: string;
	/** Values that must never appear in an error (id numbers sent in the body). */
	sensitive?: string[];
	/** Skip authentication (public endpoints, presigned URLs). */
	noAuth?: boolean;
	/** The endpoint answers plain text, not JSON. */
	text?: boolean;
	/** What a successful answer carries, for the provider's `bodyError` check (e.g. a documented status value). */
	expect?: string;
}

export interface ApiResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
	/** A repeated DELETE found the object gone after an attempt whose outcome was unknown: that attempt probably did it. */
	appliedEarlier?: boolean;
	/** False when the outcome was inferred (`appliedEarlier`), true when the provider confirmed it. */
	confirmed: boolean;
}

type Headers = Record<string, string | string[] | undefined>;

/** An answer read whole: status, headers and the raw body. */
interface Answer {
	status: number;
	headers: Headers;
	raw: Buffer;
}

/** No HTTP answer: the connection failed, was cut, or timed out. */
class NetworkFailure {
	constructor(
		readonly code: string,
		readonly timedOut: boolean,
	) {}
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_BAD_RESPONSE',
	'ERR_STREAM_PREMATURE_CLOSE',
	'UND_ERR_SOCKET',
]);

/** What n8n 1.x's stock texts say for a network code it swallowed (its NodeApiError keeps no cause). */
const STOCK_TEXTS: Array<[RegExp, string]> = [
	[/timeout of \d+ms exceeded|timed out/i, 'ETIMEDOUT'],
	[/closed unexpectedly|socket hang up|aborted|ECONNRESET/i, 'ECONNRESET'],
	[/refused the connection|ECONNREFUSED/i, 'ECONNREFUSED'],
	[/incorrect host|ENOTFOUND|getaddrinfo/i, 'ENOTFOUND'],
	[/DNS server returned an error|EAI_AGAIN/i, 'EAI_AGAIN'],
];

/** The network failure behind an error thrown by n8n's request helpers (any version), if it is one. */
function networkFailureOf(error: unknown): NetworkFailure | undefined {
	let current: unknown = error;
	const texts: string[] = [];
	let code: string | undefined;
	let axiosWithoutAnswer = false;
	for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
		const e = current as { code?: unknown; httpCode?: unknown; message?: unknown; messages?: unknown; cause?: unknown; isAxiosError?: boolean; response?: unknown };
		for (const candidate of [e.code, e.httpCode]) {
			if (!code && typeof candidate === 'string' && NETWORK_CODES.has(candidate)) code = candidate;
		}
		if (typeof e.message === 'string') texts.push(e.message);
		if (Array.isArray(e.messages)) texts.push(...e.messages.filter((m): m is string => typeof m === 'string'));
		if (e.isAxiosError && !e.response) {
			axiosWithoutAnswer = true;
			if (!code && typeof e.code === 'string') code = e.code;
		}
		current = e.cause;
	}
	// n8n 1.x keeps neither the cause nor the code of a swallowed network error, only its stock text.
	code ??= STOCK_TEXTS.find(([pattern]) => texts.some((t) => pattern.test(t)))?.[1];
	if (!code && !axiosWithoutAnswer) return undefined;
	const timedOut = code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || texts.some((t) => /timeout of \d+ms exceeded|timed out/i.test(t));
	return new NetworkFailure(timedOut ? 'ETIMEDOUT' : (code ?? 'NETWORK'), timedOut);
}

/**
 * A NodeApiError with exactly this message. n8n's constructor replaces a message that mentions a network code
 * (ECONNRESET, ETIMEDOUT…) with its stock text ("The connection to the server was closed unexpectedly…").
 */
function apiError(node: ReturnType<ApiContext['getNode']>, body: JsonObject, options: { message: string; description: string; httpCode?: string; itemIndex?: number }): NodeApiError {
	const error = new NodeApiError(node, body, options);
	error.message = options.message;
	return error;
}

function header(headers: Headers, name: string): string | undefined {
	const found = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name);
	const v = found?.[1];
	return Array.isArray(v) ? v[0] : v;
}

/**
 * Seconds from a `Retry-After` header: delta-seconds, or an HTTP date (a date in the past means "now").
 * Anything else — negative numbers, text, a date without its time zone — is not a valid value: `undefined`,
 * so that the caller backs off as if there were none.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
	// IMF-fixdate (Sun, 06 Nov 1994 08:49:37 GMT), RFC 850 (Sunday, 06-Nov-94 08:49:37 GMT), asctime (Sun Nov  6 08:49:37 1994).
	const httpDate =
		/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed) ||
		/^[A-Za-z]+, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed) ||
		/^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/.test(trimmed);
	if (!httpDate) return undefined;
	const date = Date.parse(/GMT$/.test(trimmed) ? trimmed : `${trimmed} GMT`);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, (date - now) / 1000);
}

/** A response body for an error: JSON when it parses, otherwise the text (at most 2000 characters). */
export function decodeBody(data: unknown): unknown {
	if (data === undefined || data === null) return data;
	let text: string | undefined;
	if (Buffer.isBuffer(data)) text = data.toString('utf8');
	else if (data instanceof ArrayBuffer) text = Buffer.from(data).toString('utf8');
	else if (typeof data === 'string') text = data;
	if (text === undefined) return data;
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
	}
}

/**
 * A path segment that is `.` or `..` (also percent-encoded: `%2e`, `.%2E`…): a URL parser resolves it, so the
 * request would address another resource (`DELETE /documents/..` → `DELETE /`).
 */
export function hasDotSegment(url: string): boolean {
	const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0];
	return path.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
}

/**
 * RFC 6749 §5.2 error codes by the words of their standard descriptions. n8n's OAuth2 client turns a token
 * endpoint's `{error: "invalid_client"}` into an error whose message is that description; n8n 1.x then keeps only
 * the message, so the code is read back from it.
 */
const OAUTH_ERRORS: Array<[string, RegExp]> = [
	['invalid_client', /client authentication failed/i],
	['invalid_grant', /grant or refresh token is invalid|invalid, expired, revoked/i],
	['unauthorized_client', /not authorized to (use|request)/i],
	['unsupported_grant_type', /grant type is not supported/i],
	['invalid_scope', /requested scope is invalid/i],
	['invalid_request', /missing a required parameter/i],
	['access_denied', /denied the request/i],
];

/** A refusal by the OAuth2 token endpoint behind an error of n8n's OAuth2 client (1.x and 2.x): its code and text. */
function tokenRefusalOf(error: unknown): { code?: string; text: string } | undefined {
	let current: unknown = error;
	let found = false;
	let code: string | undefined;
	const texts: string[] = [];
	for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
		const e = current as { message?: unknown; code?: unknown; httpCode?: unknown; body?: unknown; cause?: unknown };
		const message = typeof e.message === 'string' ? e.message : '';
		if (message) texts.push(message);
		if (e.code === 'EAUTH' || e.httpCode === 'EAUTH' || /Failed to acquire OAuth2 access token/i.test(message)) found = true;
		const body = e.body as { error?: unknown; error_description?: unknown } | undefined;
		if (body && typeof body === 'object' && typeof body.error === 'string') {
			found = true;
			code ??= body.error;
			if (typeof body.error_description === 'string') texts.push(body.error_description);
		}
		current = e.cause;
	}
	if (!found) return undefined;
	code ??= OAUTH_ERRORS.find(([, words]) => texts.some((t) => words.test(t)))?.[0];
	return { code, text: texts[texts.length - 1] ?? '' };
}

const GENERIC_HINTS: Record<number, string> = {
	400: 'Check the fields named in the message and run the node again.',
	401: 'The credential was rejected: open the credential, check the keys and the environment, and use "Test" to confirm.',
	403: 'The credential is valid but not allowed to do this: check its permissions (scopes) with the provider.',
	404: 'Check the id: it does not exist, was deleted, or belongs to another account or environment.',
	409: 'The object is not in a state that allows this operation: get it first to see its current status.',
	413: 'The file is too large for the provider.',
	422: 'Check the fields named in the message and run the node again.',
	429: 'The provider is rate-limiting this account: lower the number of items per run or add a Wait node.',
};

interface HttpFailure {
	status?: number;
	headers: Headers;
	body: unknown;
	networkCode?: string;
	timedOut?: boolean;
	/** The error was found in the body of this successful HTTP status (see `Provider.bodyError`). */
	answeredWith?: number;
}

/**
 * The shared HTTP client every provider node uses: authentication, retries and errors in one place.
 *
 * It reads every answer itself — status, headers and body — instead of relying on how n8n wraps a failed request
 * (n8n 1.x's wrapper drops the provider's answer; 2.x keeps it), so retries, hints, masking and the "may have
 * been applied" rule work the same on both: requests go out with n8n's `ignoreHttpStatusErrors`,
 * `returnFullResponse`, `disableFollowRedirect` and a streamed body. Because n8n then never sees a 401, the client
 * renews the credential itself (OAuth2 through n8n's `refreshOAuth2Token`; an expirable token through n8n's
 * `preAuthentication`) and resends once, with the body produced again.
 */
export class ApiClient {
	constructor(
		private readonly ctx: ApiContext,
		private readonly provider: Provider,
		private readonly credentialType: string,
		readonly baseUrl: string,
		public credentials: ICredentialDataDecryptedObject,
		private readonly retry: RetryPolicy = DEFAULT_RETRY,
	) {
		rememberSecrets(ctx, credentialSecrets(credentials));
	}

	/** Sends a request and returns the parsed JSON body. */
	async json<T = IDataObject>(spec: RequestSpec): Promise<T> {
		return (await this.request<T>(spec)).body;
	}

	/** Every value that must not leak: the credential's secrets and the values requests marked sensitive. */
	private secrets(spec?: RequestSpec): string[] {
		return [...secretsOf(this.ctx), ...(spec?.sensitive ?? [])];
	}

	async request<T = unknown>(spec: RequestSpec): Promise<ApiResponse<T>> {
		const safety = spec.safety ?? (spec.method === 'GET' || spec.method === 'HEAD' ? 'read' : 'write');
		const url = /^https?:\/\//.test(spec.url) ? spec.url : `${this.baseUrl}${spec.url}`;
		rememberSecrets(this.ctx, spec.sensitive ?? []);
		if (hasDotSegment(url)) throw this.dotSegmentError(spec, url);
		let waited = 0;
		let tries = 0;
		let renewed = false;
		/** An earlier attempt may have been applied (5xx or no answer). */
		let unknownOutcome = false;
		let override: IAdditionalCredentialOptions | undefined;
		for (let send = 1; ; send++) {
			let answer: Answer;
			try {
				answer = await this.exchange(spec, url, send, safety, override);
			} catch (error) {
				if (!(error instanceof NetworkFailure)) throw this.passThrough(error, spec);
				tries++;
				const failure: HttpFailure = { headers: {}, body: undefined, networkCode: error.code, timedOut: error.timedOut };
				const decision = this.decide(failure, safety, tries, waited, spec);
				if (decision.retryAfterMs === undefined) throw this.toApiError(failure, { ...spec, url }, safety, decision.reason);
				unknownOutcome = true;
				waited += await this.pause(spec, url, error.code, tries, decision.retryAfterMs);
				continue;
			} finally {
				if (override) {
					override = undefined;
					// n8n stored a new token: learn it, so that it is masked too.
					await this.reloadCredentials();
				}
			}
			const { status, headers } = answer;
			if (status >= 200 && status < 300) return this.success<T>(answer, spec, url, safety, unknownOutcome);
			const failure: HttpFailure = { status, headers, body: decodeBody(answer.raw) };
			if (status === 401 && !spec.noAuth && !renewed && resendable(spec.body)) {
				renewed = true;
				override = await this.renewCredential(spec);
				this.log(`${this.provider.name}: ${spec.method} ${pathOf(url)} answered 401; credential renewed, sending once more`);
				continue;
			}
			if (safety === 'delete' && status === 404 && unknownOutcome) {
				return { statusCode: 404, headers, body: undefined as T, appliedEarlier: true, confirmed: false };
			}
			tries++;
			const decision = this.decide(failure, safety, tries, waited, spec);
			if (decision.retryAfterMs === undefined) throw this.toApiError(failure, { ...spec, url }, safety, decision.reason);
			if (status >= 500) unknownOutcome = true;
			waited += await this.pause(spec, url, String(status), tries, decision.retryAfterMs);
		}
	}

	private async pause(spec: RequestSpec, url: string, what: string, tries: number, ms: number): Promise<number> {
		this.log(`${this.provider.name}: ${spec.method} ${pathOf(url)} answered ${what}; retry ${tries} in ${ms} ms`);
		if (ms > 0) await sleep(ms);
		return ms;
	}

	private log(line: string) {
		this.ctx.logger?.debug?.(scrubText(line, this.secrets()));
	}

	/**
	 * One send of the request, following redirects within the same origin (or anywhere, for a request that
	 * carries no credential). A redirect elsewhere is refused: n8n would put the `Authorization` header back on the
	 * redirected request and re-post the body there.
	 */
	private async exchange(spec: RequestSpec, url: string, send: number, safety: Safety, override?: IAdditionalCredentialOptions): Promise<Answer> {
		let current = url;
		for (let hop = 0; ; hop++) {
			const body = (typeof spec.body === 'function' ? await (spec.body as (attempt: number) => unknown)(send) : spec.body) as IHttpRequestOptions['body'];
			const options: IHttpRequestOptions = {
				method: spec.method,
				url: current,
				qs: hop === 0 ? spec.qs : undefined,
				headers: { Accept: spec.binary ? '*/*' : 'application/json', ...spec.headers },
				body,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				encoding: 'stream',
				timeout: timeoutOf(spec),
			};
			if (body !== undefined && !Buffer.isBuffer(body) && isPlainJson(body)) options.json = true;
			const res = await this.send(options, spec, override);
			const location = isRedirect(res.status) ? header(res.headers, 'location') : undefined;
			if (location) {
				discard(res.body);
				const target = safeUrl(location, current);
				if (!target) throw this.redirectError(spec, current, res.status, location, safety, 'invalid');
				const sameOrigin = target.origin === new URL(current).origin;
				const idempotent = spec.method === 'GET' || spec.method === 'HEAD';
				const keepsMethod = res.status === 307 || res.status === 308;
				if (!sameOrigin && !spec.noAuth) throw this.redirectError(spec, current, res.status, target, safety, 'origin');
				if (!idempotent && !(keepsMethod && resendable(spec.body))) throw this.redirectError(spec, current, res.status, target, safety, 'method');
				if (hop >= TRANSPORT_LIMITS.maxRedirects) throw this.redirectError(spec, current, res.status, target, safety, 'loop');
				if (hasDotSegment(target.href)) throw this.redirectError(spec, current, res.status, target, safety, 'invalid');
				current = target.href;
				continue;
			}
			const raw = await this.readAll(res, spec, current, safety);
			return { status: res.status, headers: res.headers, raw };
		}
	}

	private async send(options: IHttpRequestOptions, spec: RequestSpec, override?: IAdditionalCredentialOptions) {
		try {
			const res = (spec.noAuth
				? await this.ctx.helpers.httpRequest(options)
				: await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, this.credentialType, options, override)) as {
				statusCode: number;
				headers?: Headers;
				body: unknown;
			};
			return { status: res.statusCode, headers: plainHeaders(res.headers), body: res.body };
		} catch (error) {
			throw networkFailureOf(error) ?? error;
		}
	}

	/** Reads the whole body of an answer, refusing a JSON/text answer larger than `TRANSPORT_LIMITS.maxJsonBytes`. */
	private async readAll(res: { status: number; headers: Headers; body: unknown }, spec: RequestSpec, url: string, safety: Safety): Promise<Buffer> {
		const limit = spec.binary && res.status < 300 ? Infinity : TRANSPORT_LIMITS.maxJsonBytes;
		const declared = Number(header(res.headers, 'content-length'));
		const stream = res.body as AsyncIterable<Buffer | string> & { destroy?: () => void };
		if (Number.isFinite(declared) && declared > limit) {
			discard(stream);
			throw this.tooLargeError(spec, url, res.status, safety, limit);
		}
		if (!stream || typeof stream !== 'object' || typeof (stream as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') {
			return toBuffer(res.body);
		}
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		try {
			for await (const chunk of stream) {
				const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
				size += buffer.length;
				if (size > limit) {
					tooLarge = true;
					break;
				}
				chunks.push(buffer);
			}
		} catch (error) {
			// The connection broke while the answer was arriving.
			throw networkFailureOf(error) ?? new NetworkFailure('ECONNRESET', false);
		}
		if (tooLarge) {
			discard(stream);
			throw this.tooLargeError(spec, url, res.status, safety, limit);
		}
		return Buffer.concat(chunks, size);
	}

	private success<T>(answer: Answer, spec: RequestSpec, url: string, safety: Safety, unknownOutcome: boolean): ApiResponse<T> {
		const base = { statusCode: answer.status, headers: answer.headers, confirmed: true };
		if (spec.binary) return { ...base, body: answer.raw as T };
		const text = answer.raw.toString('utf8');
		if (text === '') return { ...base, body: undefined as T };
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// plain text
		}
		if (!spec.text && typeof body === 'string' && body.trim() !== '') {
			const sensitive = this.secrets(spec);
			throw apiError(this.ctx.getNode(), { body: scrubText(body.slice(0, 200), sensitive) }, {
				message: `${this.provider.name} answered with something that is not JSON (${spec.method} ${pathOf(url)})`,
				// A 2xx to a write means it was probably applied even if the answer is unreadable: never advise a blind retry.
				description:
					safety === 'write'
						? scrubText(
								`It answered ${answer.status}, so the request was probably applied; it was not sent again. ${spec.appliedHint ?? `Check in ${this.provider.name} whether it was applied before running the node again.`} A proxy may be in the way: check the credential's base URL.`,
								sensitive,
							)
						: `A proxy or an outage page may be in the way. Check the credential's base URL, then try again.`,
				httpCode: String(answer.status),
				itemIndex: spec.itemIndex,
			});
		}
		// An error the provider answered inside a 2xx body: final, never retried (the provider has answered).
		const inBody = this.provider.bodyError?.(body, spec);
		if (inBody) {
			// A repeated delete answered "not found" in its body after an attempt whose outcome was unknown.
			if (safety === 'delete' && inBody.status === 404 && unknownOutcome) {
				return { statusCode: answer.status, headers: answer.headers, body: undefined as T, appliedEarlier: true, confirmed: false };
			}
			throw this.toApiError({ status: inBody.status ?? 400, headers: answer.headers, body, answeredWith: answer.status }, { ...spec, url }, safety);
		}
		return { ...base, body: body as T };
	}

	/**
	 * After a 401: renews what the credential can renew, and returns the credential options for the one resend.
	 * - OAuth2 (client credentials, authorization code, PKCE): n8n's `refreshOAuth2Token` fetches and stores a new token.
	 * - A token n8n obtains through the credential's `preAuthentication` (an `expirable` field): n8n renews it when
	 *   it is empty, so the resend hands n8n the credential with that field emptied; n8n stores the new token.
	 * - An API key: nothing to renew; the credential is read again (it may have been corrected) and sent once more,
	 *   as n8n itself does after a 401.
	 */
	private async renewCredential(spec: RequestSpec): Promise<IAdditionalCredentialOptions | undefined> {
		const helpers = this.ctx.helpers as { refreshOAuth2Token?: (this: ApiContext, type: string) => Promise<unknown> };
		if (isOAuth2(this.credentials) && typeof helpers.refreshOAuth2Token === 'function') {
			const tokens = (this.credentials.oauthTokenData ?? {}) as IDataObject;
			if (this.credentials.grantType !== 'clientCredentials' && !tokens.refresh_token) {
				// A signed-in connection (authorization code, PKCE) without a refresh token cannot be renewed here.
				throw new NodeOperationError(
					this.ctx.getNode(),
					`${this.provider.name} did not accept the access token (401), and the credential has no refresh token to renew it: reconnect the credential`,
					{ itemIndex: spec.itemIndex, description: 'Open the credential and click "Connect" (or "Reconnect") to sign in again, then run the node again.' },
				);
			}
			try {
				await helpers.refreshOAuth2Token.call(this.ctx, this.credentialType);
			} catch (error) {
				throw this.renewalError(error, spec);
			}
			await this.reloadCredentials();
			return undefined;
		}
		await this.reloadCredentials();
		const field = this.provider.expirableToken;
		if (!field) return undefined;
		const stored = this.ctx.getNode().credentials?.[this.credentialType];
		return {
			credentialsDecrypted: {
				id: stored?.id ?? '',
				name: stored?.name ?? '',
				type: this.credentialType,
				data: { ...this.credentials, [field]: '' },
			},
		};
	}

	private async reloadCredentials() {
		try {
			this.credentials = await this.ctx.getCredentials(this.credentialType);
			rememberSecrets(this.ctx, credentialSecrets(this.credentials));
		} catch {
			// keep the copy we have
		}
	}

	private renewalError(error: unknown, spec: RequestSpec): Error {
		const sensitive = this.secrets(spec);
		const refusal = tokenRefusalOf(error);
		if (refusal && !(error instanceof NodeOperationError)) return this.tokenRefusalError(refusal, spec, 'renew');
		if (error instanceof NodeApiError || error instanceof NodeOperationError) {
			// n8n 2.x's own "needs to be reconnected" error, among others.
			scrubError(error, sensitive);
			return error;
		}
		const reason = (error as { message?: string })?.message || 'unknown error';
		return apiError(this.ctx.getNode(), {} as JsonObject, {
			message: scrubText(`${this.provider.name} did not accept the access token (401), and renewing it failed: ${reason}`, sensitive),
			description: 'Open the credential and reconnect it (or check its client ID and secret), then run the node again.',
			httpCode: '401',
			itemIndex: spec.itemIndex,
		});
	}

	/** Errors that are not HTTP failures (n8n's own, e.g. a refused token grant, or a bug): masked, message kept. */
	private passThrough(error: unknown, spec: RequestSpec): Error {
		const sensitive = this.secrets(spec);
		const refusal = isOAuth2(this.credentials) ? tokenRefusalOf(error) : undefined;
		if (refusal) return this.tokenRefusalError(refusal, spec, 'issue');
		if (error instanceof NodeApiError || error instanceof NodeOperationError) {
			scrubError(error, sensitive);
			return error;
		}
		const wrapped = new NodeOperationError(this.ctx.getNode(), error as Error, { itemIndex: spec.itemIndex });
		scrubError(wrapped, sensitive);
		return wrapped;
	}

	/**
	 * The token endpoint refused to issue (client credentials) or renew (refresh token) an access token. The same
	 * error on n8n 1.x and 2.x; a refresh token that is no longer accepted means the user must reconnect.
	 */
	private tokenRefusalError(refusal: { code?: string; text: string }, spec: RequestSpec, what: 'issue' | 'renew'): NodeApiError {
		const name = this.provider.name;
		const sensitive = this.secrets(spec);
		const reconnect = what === 'renew' && refusal.code === 'invalid_grant' && this.credentials.grantType !== 'clientCredentials';
		const label = this.ctx.getNode().credentials?.[this.credentialType]?.name;
		const message = reconnect
			? `The credential ${label ? `"${label}"` : `of type "${this.credentialType}"`} needs to be reconnected: ${name} no longer accepts its refresh token (invalid_grant)`
			: `${name} refused to ${what} an access token${refusal.code ? ` (${refusal.code})` : refusal.text ? `: ${refusal.text}` : ''}`;
		const description = reconnect
			? `The refresh token expired or access was revoked. Open the credential and click "Connect" again (sign in to ${name}), then run the node again.`
			: 'Open the credential and check the client ID and client secret, and that the environment (or the Access Token URL of a custom environment) matches the account the client belongs to.';
		// No HTTP status: the API did not answer this, the token endpoint did.
		return apiError(this.ctx.getNode(), { error: refusal.code ?? null } as JsonObject, {
			message: scrubText(message, sensitive),
			description,
			itemIndex: spec.itemIndex,
		});
	}

	private dotSegmentError(spec: RequestSpec, url: string): Error {
		const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0];
		return new NodeOperationError(this.ctx.getNode(), `Refused to send ${spec.method} ${path} to ${this.provider.name}: a path segment is "." or ".."`, {
			itemIndex: spec.itemIndex,
			description:
				'Such a segment would address another resource than the one meant, usually because of an ID that is "." or "..". Check the IDs given to the node (e.g. an expression that returned "." or "..").',
		});
	}

	private redirectError(spec: RequestSpec, from: string, status: number, to: URL | string, safety: Safety, why: 'origin' | 'method' | 'loop' | 'invalid'): NodeApiError {
		const name = this.provider.name;
		const target = typeof to === 'string' ? to.split(/[?#]/)[0] : `${to.origin}${to.pathname}`;
		const fromUrl = new URL(from);
		let message: string;
		if (why === 'origin') message = `${name} redirected ${spec.method} ${fromUrl.pathname} to ${target} (${status}); not followed so that your credentials are not sent there`;
		else if (why === 'method') message = `${name} redirected ${spec.method} ${fromUrl.pathname} to ${target} (${status}); a ${spec.method} is not sent again to another address`;
		else if (why === 'loop') message = `${name} redirected ${spec.method} ${fromUrl.pathname} more than ${TRANSPORT_LIMITS.maxRedirects} times; stopped at ${target}`;
		else message = `${name} redirected ${spec.method} ${fromUrl.pathname} to an address that cannot be used (${target})`;
		let description = `Check the credential's base URL (${fromUrl.origin}): ${name}'s API should answer there itself. An old host name, http:// where https:// is needed, or a proxy or sign-in page in between causes this.`;
		if (safety === 'write' && status !== 307 && status !== 308) {
			description += ` ${spec.appliedHint ?? `Check in ${name} whether the request was applied before running the node again.`}`;
		}
		const sensitive = this.secrets(spec);
		return apiError(this.ctx.getNode(), { status, location: scrubText(target, sensitive) } as JsonObject, {
			message: scrubText(message, sensitive),
			description: scrubText(description, sensitive),
			httpCode: String(status),
			itemIndex: spec.itemIndex,
		});
	}

	private tooLargeError(spec: RequestSpec, url: string, status: number, safety: Safety, limit: number): NodeApiError {
		const name = this.provider.name;
		const mb = Math.round(limit / (1024 * 1024));
		const description =
			safety === 'write' && status < 300
				? `It answered ${status}, so the request was probably applied; it was not sent again. ${spec.appliedHint ?? `Check in ${name} whether it was applied before running the node again.`}`
				: `The node reads at most ${mb} MB of JSON from ${name}. A proxy or a wrong base URL may be in the way (check the credential's base URL); otherwise ask for less at a time (e.g. a lower Limit).`;
		return apiError(this.ctx.getNode(), { status } as JsonObject, {
			message: `${name}'s answer to ${spec.method} ${pathOf(url)} is larger than ${mb} MB; it was not read`,
			description: scrubText(description, this.secrets(spec)),
			httpCode: String(status),
			itemIndex: spec.itemIndex,
		});
	}

	private decide(failure: HttpFailure, safety: Safety, tries: number, waitedMs: number, spec: RequestSpec): { retryAfterMs?: number; reason?: string } {
		const { status } = failure;
		if (tries >= this.retry.maxAttempts) return { reason: 'attempts' };
		const remainingMs = this.retry.maxTotalWaitSeconds * 1000 - waitedMs;
		if (status === 429) {
			const seconds = this.retryAfterSeconds(failure);
			const ms = seconds !== undefined ? Math.ceil(seconds * 1000) : this.retry.backoffMs * 2 ** (tries - 1);
			if (ms > this.retry.maxWaitSeconds * 1000 || ms > remainingMs) return { reason: 'wait' };
			// A retry of a body that cannot be produced again would send an empty stream.
			if (!resendable(spec.body)) return { reason: 'stream' };
			return { retryAfterMs: ms };
		}
		const transient = status === undefined || status >= 500;
		if (transient && safety !== 'write' && resendable(spec.body)) {
			const ms = this.retry.backoffMs * 2 ** (tries - 1);
			if (ms > remainingMs) return { reason: 'wait' };
			return { retryAfterMs: ms };
		}
		return {};
	}

	private retryAfterSeconds(failure: HttpFailure): number | undefined {
		const fromHeader = parseRetryAfter(header(failure.headers, 'retry-after'));
		if (fromHeader !== undefined) return fromHeader;
		const fromBody = this.provider.parseError(failure.body).retryAfterSeconds;
		return typeof fromBody === 'number' && Number.isFinite(fromBody) && fromBody >= 0 ? fromBody : undefined;
	}

	private toApiError(failure: HttpFailure, spec: RequestSpec, safety: Safety, reason?: string) {
		const name = this.provider.name;
		const sensitive = this.secrets(spec);
		const info = failure.body !== undefined ? (failure.answeredWith ? this.provider.bodyError?.(failure.body, spec) ?? {} : this.provider.parseError(failure.body)) : {};
		const what = [info.message, info.code ? `(${info.code})` : undefined].filter(Boolean).join(' ');
		const details = info.details?.length ? ` ${info.details.join('; ')}` : '';
		const status = failure.status;
		const check = spec.appliedHint ?? `Check in ${name} whether it was applied before running the node again.`;
		let message: string;
		let description: string;
		if (status === undefined && failure.timedOut) {
			const seconds = timeoutOf(spec) / 1000;
			message = `${name} did not answer ${spec.method} ${pathOf(spec.url)} within ${seconds} s`;
			description =
				safety === 'write'
					? `The request may have reached ${name} and been applied, so it was not sent again. ${check}`
					: `Tried ${this.retry.maxAttempts} times. ${name} may be slow or unreachable: check the credential's base URL and your network, then run the node again.`;
		} else if (status === undefined) {
			message = `${name} could not be reached (${failure.networkCode ?? 'network error'}) for ${spec.method} ${pathOf(spec.url)}`;
			description =
				safety === 'write'
					? `The request may have reached ${name} before the connection failed, so it was not sent again. ${check}`
					: `Tried ${this.retry.maxAttempts} times. Check the credential's base URL and your network, then run the node again.`;
		} else if (status >= 500 && safety === 'write') {
			message = `${name} answered ${status} to ${spec.method} ${pathOf(spec.url)}${what ? `: ${what}` : ''}`;
			description = `The request may still have been applied, so it was not sent again (that could create a duplicate). ${check}`;
		} else {
			message = `${name} rejected the request (${status})${what ? `: ${what}` : ''}${details}`;
			description = this.provider.hints?.[status] ?? GENERIC_HINTS[status] ?? GENERIC_HINTS[status >= 500 ? 500 : 400] ?? '';
			if (status >= 500) description = `${name} had a problem (tried ${this.retry.maxAttempts} times). Try again later.`;
			if (status >= 300 && status < 400) description = `Check the credential's base URL: ${name} answered with a redirect the node cannot use.`;
			if (status === 429) {
				const seconds = this.retryAfterSeconds(failure);
				description =
					reason === 'wait' && seconds !== undefined
						? `${name} asked to wait ${Math.ceil(seconds)} s, longer than this node waits (${this.retry.maxWaitSeconds} s). ${GENERIC_HINTS[429]}`
						: `Still rate-limited after ${this.retry.maxAttempts} attempts. ${GENERIC_HINTS[429]}`;
			}
		}
		if (failure.answeredWith) description = `${description} (${name} answered HTTP ${failure.answeredWith} with this error in its body.)`.trim();
		const body = redact(
			(failure.body && typeof failure.body === 'object' && !Array.isArray(failure.body) ? failure.body : { body: failure.body ?? null }) as JsonObject,
			sensitive,
		);
		return apiError(this.ctx.getNode(), body, {
			message: scrubText(message, sensitive),
			description: scrubText(description, sensitive),
			httpCode: status !== undefined ? String(status) : undefined,
			itemIndex: spec.itemIndex,
		});
	}
}

function timeoutOf(spec: RequestSpec): number {
	return Math.min(spec.timeout ?? TRANSPORT_LIMITS.timeoutMs, TRANSPORT_LIMITS.maxTimeoutMs);
}

function isOAuth2(credentials: ICredentialDataDecryptedObject): boolean {
	return typeof credentials.grantType === 'string' || (credentials.oauthTokenData !== undefined && credentials.oauthTokenData !== null);
}

function isRedirect(status: number): boolean {
	return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function safeUrl(location: string, base: string): URL | undefined {
	try {
		const url = new URL(location, base);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
	} catch {
		return undefined;
	}
}

function isPlainJson(body: unknown): boolean {
	if (body === null || typeof body !== 'object') return typeof body !== 'string';
	const proto = Object.getPrototypeOf(body);
	return Array.isArray(body) || proto === Object.prototype || proto === null;
}

function isStream(body: unknown): boolean {
	return !!body && typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe === 'function';
}

/** Whether the body can be sent again: anything but a stream handed over as a value (a factory makes a new one). */
function resendable(body: RequestSpec['body']): boolean {
	return typeof body === 'function' || !isStream(body);
}

function discard(body: unknown) {
	const stream = body as { destroy?: () => void; resume?: () => void } | undefined;
	if (stream && typeof stream.destroy === 'function') stream.destroy();
}

function plainHeaders(headers: unknown): Headers {
	const out: Headers = {};
	if (!headers || typeof headers !== 'object') return out;
	const source = typeof (headers as { toJSON?: unknown }).toJSON === 'function' ? (headers as { toJSON(): object }).toJSON() : headers;
	for (const [k, v] of Object.entries(source as Record<string, unknown>)) {
		if (typeof v === 'string' || Array.isArray(v)) out[k.toLowerCase()] = v as string | string[];
		else if (v !== undefined && v !== null) out[k.toLowerCase()] = String(v);
	}
	return out;
}

function toBuffer(body: unknown): Buffer {
	if (body === undefined || body === null) return Buffer.alloc(0);
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.from(JSON.stringify(body));
}

function pathOf(url: string): string {
	try {
		return new URL(url).pathname;
	} catch {
		return url.split('?')[0];
	}
}
