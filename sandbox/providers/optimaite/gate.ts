/**
 * What every Optimaite request passes before its route: the API key, the rate limits, the key's scopes.
 * - Authentication (https://www.optimaite.eu/en/developer-docs/getting-started/authentication): `Authorization:
 *   Bearer opt_live_…|opt_test_…`; "Requests without a valid key receive a 401". The 401 body's code is not
 *   documented: `AUTH_INVALID_KEY` follows the documented `AUTH_INSUFFICIENT_SCOPE` [G].
 * - Scopes: `cases:read` for case GETs; `documents:read|write|delete` for document GET / POST / DELETE; the signing
 *   page names `documents:write` for creating and promoting; the 403 is `AUTH_INSUFFICIENT_SCOPE` "Missing <scope> scope".
 * - Rate limits (https://www.optimaite.eu/en/developer-docs/getting-started/rate-limits): Standard plan 60/minute,
 *   10,000/day, burst 10/second; every answer carries `X-RateLimit-Limit` (per minute), `-Remaining`, `-Reset`
 *   (Unix time the window resets); over the limit → 429 `{"error":{"code":"RATE_LIMIT_EXCEEDED","message","retry_after"}}`
 *   (no `Retry-After` header is documented, so none is sent). How the windows are cut is not documented [G]:
 *   a minute window from the first request, the day in UTC, the burst as any 1,000 ms; refused requests do not count.
 */
import type { Handler, SandboxRequest, SandboxResponse } from '../../server';
import { bearer, json } from '../../server';
import { describeUnknown, unknownParams } from '../../strict';
import type { OptimaiteState } from './state';
import { OPTIMAITE_KEYS } from './state';

/** The documented error body: `{"error":{"code":"…","message":"…"}}`. */
export const err = (status: number, code: string, message: string, extra?: Record<string, unknown>): SandboxResponse =>
	json(status, { error: { code, message, ...extra } });

/** 400 for what the docs do not mention (unknown keys, parameters, values): the code is the sandbox's [G]. */
export const invalid = (message: string) => err(400, 'VALIDATION_ERROR', message);

/** Routes without documented query parameters refuse any. */
export function noQuery(req: SandboxRequest): SandboxResponse | undefined {
	const unknown = unknownParams(req.query, []);
	return unknown.length ? invalid(describeUnknown('query parameter', unknown)) : undefined;
}

interface Usage {
	minuteStart: number;
	minuteUsed: number;
	day: string;
	dayUsed: number;
	/** Times of the accepted requests of the last second. */
	recent: number[];
}

export class RateLimiter {
	private readonly usage = new Map<string, Usage>();

	constructor(private readonly state: OptimaiteState) {}

	reset() {
		this.usage.clear();
	}

	/** Counts one request of `key` at `now`; returns the headers for its answer, or the 429. */
	take(key: string, now: number): { headers: Record<string, string>; refused?: SandboxResponse } {
		const limits = this.state.rateLimit;
		const u = this.usage.get(key) ?? { minuteStart: now, minuteUsed: 0, day: '', dayUsed: 0, recent: [] };
		this.usage.set(key, u);
		if (now - u.minuteStart >= 60_000 || now < u.minuteStart) Object.assign(u, { minuteStart: now, minuteUsed: 0 });
		const day = new Date(now).toISOString().slice(0, 10);
		if (u.day !== day) Object.assign(u, { day, dayUsed: 0 });
		u.recent = u.recent.filter((t) => now - t < 1000 && t <= now);
		const reset = Math.ceil((u.minuteStart + 60_000) / 1000);
		const headers = (remaining: number) => ({
			'X-RateLimit-Limit': String(limits.perMinute),
			'X-RateLimit-Remaining': String(Math.max(0, remaining)),
			'X-RateLimit-Reset': String(reset),
		});
		if (limits.enabled) {
			let wait: number | undefined;
			if (u.dayUsed >= limits.perDay) wait = (Date.parse(`${day}T00:00:00.000Z`) + 86_400_000 - now) / 1000;
			else if (u.minuteUsed >= limits.perMinute) wait = (u.minuteStart + 60_000 - now) / 1000;
			else if (u.recent.length >= limits.perSecond) wait = (u.recent[0] + 1000 - now) / 1000;
			if (wait !== undefined) {
				const retryAfter = Math.max(1, Math.ceil(wait));
				return {
					headers: headers(limits.perMinute - u.minuteUsed),
					refused: err(429, 'RATE_LIMIT_EXCEEDED', `Rate limit exceeded. Retry after ${retryAfter} seconds.`, { retry_after: retryAfter }),
				};
			}
		}
		u.minuteUsed += 1;
		u.dayUsed += 1;
		u.recent.push(now);
		return { headers: headers(limits.perMinute - u.minuteUsed) };
	}
}

/** Wraps a route handler: key → rate limit → scope → the route; every answer gets the rate-limit headers. */
export function guard(limiter: RateLimiter) {
	return (scope: string, handler: Handler): Handler =>
		async (req: SandboxRequest) => {
			const key = bearer(req);
			const scopes = key ? OPTIMAITE_KEYS[key] : undefined;
			if (!key || !scopes) return err(401, 'AUTH_INVALID_KEY', key ? 'Invalid API key' : 'Missing API key: send Authorization: Bearer <key>');
			const { headers, refused } = limiter.take(key, req.now);
			const response = refused ?? (scopes.includes(scope) ? await handler(req) : err(403, 'AUTH_INSUFFICIENT_SCOPE', `Missing ${scope} scope`));
			return { ...response, headers: { ...headers, ...(response.headers ?? {}) } };
		};
}
