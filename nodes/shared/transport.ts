import type {
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

import { isMultipartBody } from './multipart';
import { redact, scrubText } from './redact';

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

export type Safety = 'read' | 'write' | 'delete';

export interface RequestSpec {
	method: IHttpRequestMethods;
	/** Full URL, or a path appended to the client's base URL. */
	url: string;
	qs?: IDataObject;
	headers?: Record<string, string>;
	/**
	 * JSON body, a Buffer, or a factory called once per attempt (multipart/stream bodies are rebuilt for a
	 * retry; `attempt` is 1 for the first send).
	 */
	body?: unknown | ((attempt: number) => unknown | Promise<unknown>);
	/**
	 * `read`: safe to repeat, so 5xx, timeouts and dropped connections are retried.
	 * `write`: never repeated after it may have reached the provider (only 429, which means "not applied").
	 * `delete`: repeating cannot duplicate anything, so it is retried like a read; a 404 on a repeat means an
	 * earlier attempt did it (only its answer was lost), and counts as done (`appliedEarlier`).
	 * Defaults to `read` for GET/HEAD and `write` for everything else.
	 */
	safety?: Safety;
	/** Return the body as a Buffer (downloads). */
	binary?: boolean;
	/** Milliseconds before the request is abandoned. */
	timeout?: number;
	/** Item the request is made for: errors carry it. */
	itemIndex?: number;
	/** For writes: how the user can check whether an unconfirmed request was applied. */
	appliedHint?: string;
	/** Values that must never appear in an error (id numbers sent in the body). */
	sensitive?: string[];
	/** Skip authentication (public endpoints). */
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
	/** A repeated DELETE found the object gone: an earlier attempt deleted it. */
	appliedEarlier?: boolean;
}

interface HttpFailure {
	status?: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	/** Error code of a failure below HTTP (ECONNRESET, ETIMEDOUT, …). */
	networkCode?: string;
	message: string;
	/** The error was found in the body of this successful HTTP status (see `Provider.bodyError`). */
	answeredWith?: number;
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
	'ERR_BAD_RESPONSE',
	'UND_ERR_SOCKET',
]);

/** Errors the provider answered in a 2xx body: final, never retried. */
const ANSWERED = new WeakSet<object>();
function answered<E extends object>(error: E): E {
	ANSWERED.add(error);
	return error;
}

function header(headers: HttpFailure['headers'], name: string): string | undefined {
	const found = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name);
	const v = found?.[1];
	return Array.isArray(v) ? v[0] : v;
}

/** Seconds from a `Retry-After` header (delta-seconds or HTTP date). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, (date - now) / 1000);
}

export function decodeBody(data: unknown): unknown {
	if (data === undefined || data === null) return data;
	let text: string | undefined;
	if (Buffer.isBuffer(data)) text = data.toString('utf8');
	else if (data instanceof ArrayBuffer) text = Buffer.from(data).toString('utf8');
	else if (typeof data === 'string') text = data;
	if (text === undefined) return data;
	try {
		return JSON.parse(text);
	} catch {
		return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
	}
}

/** Finds the HTTP response (or the network failure) behind an error thrown by n8n's request helpers. */
function describeFailure(error: unknown): HttpFailure | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const e = current as {
			response?: { status?: number; statusCode?: number; headers?: HttpFailure['headers']; data?: unknown; body?: unknown };
			code?: string;
			message?: string;
			cause?: unknown;
			isAxiosError?: boolean;
		};
		const status = e.response?.status ?? e.response?.statusCode;
		if (e.response && status && status < 400) {
			// The answer started but the connection broke before it was complete.
			return { headers: {}, body: undefined, networkCode: e.code ?? 'ECONNRESET', message: e.message ?? '' };
		}
		if (e.response && status) {
			return {
				status,
				headers: e.response.headers ?? {},
				body: decodeBody(e.response.data ?? e.response.body),
				message: e.message ?? '',
			};
		}
		if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) {
			return { headers: {}, body: undefined, networkCode: e.code, message: e.message ?? e.code };
		}
		if (e.isAxiosError && !e.response) {
			return { headers: {}, body: undefined, networkCode: e.code ?? 'NETWORK', message: e.message ?? '' };
		}
		current = e.cause;
	}
	return undefined;
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

/** The shared HTTP client every provider node uses: authentication, retries and errors in one place. */
export class ApiClient {
	constructor(
		private readonly ctx: ApiContext,
		private readonly provider: Provider,
		private readonly credentialType: string,
		readonly baseUrl: string,
		readonly credentials: ICredentialDataDecryptedObject,
		private readonly retry: RetryPolicy = DEFAULT_RETRY,
	) {}

	/** Sends a request and returns the parsed JSON body. */
	async json<T = IDataObject>(spec: RequestSpec): Promise<T> {
		return (await this.request<T>(spec)).body;
	}

	async request<T = unknown>(spec: RequestSpec): Promise<ApiResponse<T>> {
		const safety = spec.safety ?? (spec.method === 'GET' || spec.method === 'HEAD' ? 'read' : 'write');
		const url = /^https?:\/\//.test(spec.url) ? spec.url : `${this.baseUrl}${spec.url}`;
		let waited = 0;
		let reauthenticated = false;
		for (let attempt = 1; ; attempt++) {
			const options: IHttpRequestOptions = {
				method: spec.method,
				url,
				qs: spec.qs,
				headers: { Accept: 'application/json', ...spec.headers },
				body: (typeof spec.body === 'function'
					? await (spec.body as (attempt: number) => unknown)(attempt)
					: spec.body) as IHttpRequestOptions['body'],
				returnFullResponse: true,
				timeout: spec.timeout ?? 60_000,
			};
			// axios follows redirects through follow-redirects, which keeps every byte written to the request in
			// memory so it could send it again after a redirect: a streamed upload would be held whole. Streamed
			// bodies (streams, and multipart forms, whose files stream from n8n's binary store) do not follow
			// redirects (a 3xx is reported instead).
			if (isStream(options.body) || isMultipartBody(options.body)) options.disableFollowRedirect = true;
			if (spec.binary) {
				options.encoding = 'arraybuffer';
				options.headers = { ...options.headers, Accept: '*/*', ...spec.headers };
			} else if (options.body !== undefined && !Buffer.isBuffer(options.body) && isPlainJson(options.body)) {
				options.json = true;
			}
			try {
				const res = (spec.noAuth
					? await this.ctx.helpers.httpRequest(options)
					: await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, this.credentialType, options)) as {
					statusCode: number;
					headers: ApiResponse['headers'];
					body: unknown;
				};
				const body = spec.binary ? toBuffer(res.body) : decodeJsonText(res.body);
				if (!spec.binary && !spec.text && typeof body === 'string' && body.trim() !== '') {
					throw new NodeApiError(this.ctx.getNode(), { body: body.slice(0, 200) }, {
						message: `${this.provider.name} answered with something that is not JSON (${spec.method} ${pathOf(url)})`,
						// A 2xx to a write means it was probably applied even if the answer is unreadable: never advise a blind retry.
						description:
							safety === 'write' && res.statusCode < 300
								? `It answered ${res.statusCode}, so the request was probably applied; it was not sent again. ${spec.appliedHint ?? `Check in ${this.provider.name} whether it was applied before running the node again.`} A proxy may be in the way: check the credential's base URL.`
								: `A proxy or an outage page may be in the way. Check the credential's base URL, then try again.`,
						httpCode: String(res.statusCode),
						itemIndex: spec.itemIndex,
					});
				}
				const inBody = spec.binary ? undefined : this.provider.bodyError?.(body, spec);
				if (inBody) {
					// A repeated delete answered "not found" in its body: an earlier attempt did it.
					if (safety === 'delete' && inBody.status === 404 && attempt > 1) return { statusCode: res.statusCode, headers: res.headers ?? {}, body: undefined as T, appliedEarlier: true };
					throw answered(this.toApiError({ status: inBody.status ?? 400, headers: res.headers ?? {}, body, message: '', answeredWith: res.statusCode }, { ...spec, url }, safety));
				}
				return { statusCode: res.statusCode, headers: res.headers ?? {}, body: (body === '' ? undefined : body) as T };
			} catch (error) {
				if (ANSWERED.has(error as object)) throw this.asNodeError(error, spec); // already the NodeApiError built above
				const failure = describeFailure(error);
				if (!failure) throw this.asNodeError(error, spec);
				if (safety === 'delete' && failure.status === 404 && attempt > 1) {
					return { statusCode: 404, headers: failure.headers, body: undefined as T, appliedEarlier: true };
				}
				const decision = this.decide(failure, safety, attempt, waited, spec, reauthenticated);
				if (decision.retryAfterMs === undefined) throw this.toApiError(failure, { ...spec, url }, safety, decision.reason);
				if (failure.status === 401) reauthenticated = true;
				this.ctx.logger?.debug?.(
					`${this.provider.name}: ${spec.method} ${pathOf(url)} answered ${failure.status ?? failure.networkCode}; retry ${attempt} in ${decision.retryAfterMs} ms`,
				);
				waited += decision.retryAfterMs;
				if (decision.retryAfterMs > 0) await sleep(decision.retryAfterMs);
			}
		}
	}

	/** Errors that are not HTTP failures (already n8n errors, or a bug) keep their message. */
	private asNodeError(error: unknown, spec: RequestSpec): Error {
		if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
		return new NodeOperationError(this.ctx.getNode(), error as Error, { itemIndex: spec.itemIndex });
	}

	private decide(
		failure: HttpFailure,
		safety: Safety,
		attempt: number,
		waitedMs: number,
		spec: RequestSpec,
		reauthenticated: boolean,
	): { retryAfterMs?: number; reason?: string } {
		const { status } = failure;
		// n8n renews an expired token itself, but does not resend a multipart/stream body: resend it once, rebuilt.
		if (status === 401 && typeof spec.body === 'function' && !reauthenticated && !spec.noAuth) {
			return { retryAfterMs: 0 };
		}
		if (attempt >= this.retry.maxAttempts) return { reason: 'attempts' };
		const remainingMs = this.retry.maxTotalWaitSeconds * 1000 - waitedMs;
		if (status === 429) {
			const info = this.provider.parseError(failure.body);
			const seconds =
				parseRetryAfter(header(failure.headers, 'retry-after')) ?? info.retryAfterSeconds;
			const ms = seconds !== undefined ? Math.ceil(seconds * 1000) : this.retry.backoffMs * 2 ** (attempt - 1);
			if (ms > this.retry.maxWaitSeconds * 1000 || ms > remainingMs) return { reason: 'wait' };
			// A retry of a body that cannot be rebuilt would send an empty stream.
			if (isStream(spec.body)) return { reason: 'stream' };
			return { retryAfterMs: ms };
		}
		const transient = status === undefined || status >= 500;
		if (transient && safety !== 'write' && !isStream(spec.body)) {
			const ms = this.retry.backoffMs * 2 ** (attempt - 1);
			if (ms > remainingMs) return { reason: 'wait' };
			return { retryAfterMs: ms };
		}
		return {};
	}

	private toApiError(failure: HttpFailure, spec: RequestSpec, safety: Safety, reason?: string) {
		const name = this.provider.name;
		const sensitive = spec.sensitive ?? [];
		const info = failure.body !== undefined ? (failure.answeredWith ? this.provider.bodyError?.(failure.body, spec) ?? {} : this.provider.parseError(failure.body)) : {};
		const what = [info.message, info.code ? `(${info.code})` : undefined].filter(Boolean).join(' ');
		const details = info.details?.length ? ` ${info.details.join('; ')}` : '';
		const status = failure.status;
		let message: string;
		let description: string;
		if (status === undefined) {
			message = `${name} could not be reached (${failure.networkCode ?? 'network error'}) for ${spec.method} ${pathOf(spec.url)}`;
			description =
				safety === 'write'
					? `The request may have reached ${name} before the connection failed, so it was not sent again. ${spec.appliedHint ?? `Check in ${name} whether it was applied before running the node again.`}`
					: `Tried ${this.retry.maxAttempts} times. Check the credential's base URL and your network, then run the node again.`;
		} else if (status >= 500 && safety === 'write') {
			message = `${name} answered ${status} to ${spec.method} ${pathOf(spec.url)}${what ? `: ${what}` : ''}`;
			description = `The request may still have been applied, so it was not sent again (that could create a duplicate). ${spec.appliedHint ?? `Check in ${name} whether it was applied before running the node again.`}`;
		} else {
			message = `${name} rejected the request (${status})${what ? `: ${what}` : ''}${details}`;
			description = this.provider.hints?.[status] ?? GENERIC_HINTS[status] ?? GENERIC_HINTS[status >= 500 ? 500 : 400] ?? '';
			if (status >= 500) description = `${name} had a problem (tried ${this.retry.maxAttempts} times). Try again later.`;
			if (status === 429) {
				const seconds = parseRetryAfter(header(failure.headers, 'retry-after')) ?? info.retryAfterSeconds;
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
		return new NodeApiError(this.ctx.getNode(), body, {
			message: scrubText(message, sensitive),
			description: scrubText(description, sensitive),
			httpCode: status !== undefined ? String(status) : undefined,
			itemIndex: spec.itemIndex,
		});
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

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'binary');
	return Buffer.from(JSON.stringify(body ?? ''));
}

function decodeJsonText(body: unknown): unknown {
	if (typeof body === 'string' && body.length > 0 && (body[0] === '{' || body[0] === '[' || body[0] === '"')) {
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	return body;
}

function pathOf(url: string): string {
	try {
		return new URL(url).pathname;
	} catch {
		return url.split('?')[0];
	}
}
