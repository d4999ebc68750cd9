/**
 * What every NextSign route shares: the bearer key and its company, the rate limit, and the documented error
 * shapes. Sources: docs.nextsign.dk/docs/authorization (401 body), /docs/rate-limits (100 a minute, Retry-After),
 * /docs/versioning ("older v2 endpoints can return application-level errors inside successful HTTP responses").
 */
import { bearer, json, type SandboxRequest, type SandboxResponse } from '../../server';
import { describeUnknown, unknownKeys, unknownParams, unknownValues } from '../../strict';
import { NEXTSIGN_KEYS, type NextSignState, type Obj } from './state';

/** `{"errors":[{"message": …}], "notices": []}`: the case-create document's validation error. */
export const validationError = (status: number, ...messages: string[]): SandboxResponse =>
	json(status, { errors: messages.map((message) => ({ message })), notices: [] });

/** `{"errors":[{"code", "message", "description"}]}`: the shape of the 401 and of "Form not found". */
export const codedError = (status: number, code: number, message: string, description: string): SandboxResponse =>
	json(status, { errors: [{ code, message, description }] });

/**
 * An application error inside an HTTP 200, as the versioning page warns older v2 endpoints do. Used for the
 * documented "not found" answers of case get/delete and the forms endpoints (their pages show the body only).
 */
export const inside200 = (body: unknown): SandboxResponse => json(200, body);

/** The strict reader's refusal (docs silent): NextSign's coded error shape, HTTP 400. */
export const refuse = (description: string): SandboxResponse => codedError(400, 400, 'Bad Request', description);

/** Bearer API key of the company in the path (or of any company for routes without one), and the rate limit. */
export function authorize(state: NextSignState, req: SandboxRequest, company: string | undefined = req.params.company): SandboxResponse | undefined {
	state.origin = req.origin;
	const key = bearer(req);
	if (!key) return codedError(401, 401, 'Unauthorized', 'Bearer token not found');
	const owner = NEXTSIGN_KEYS[key];
	// [G] an unknown key: the documented 401 shape with its own description.
	if (!owner) return codedError(401, 401, 'Unauthorized', 'Invalid API key');
	// "bad company id → {"code":400,"message":"Bad …"}" (authorization page, truncated) [G: rest of the body].
	if (company !== undefined && owner !== company) return codedError(400, 400, 'Bad Request', 'Company not found');
	const rl = state.rateLimit;
	if (rl.enabled) {
		if (req.now - rl.windowStart > 60_000) Object.assign(rl, { windowStart: req.now, used: 0 });
		rl.used += 1;
		if (rl.used > rl.limit) {
			const retry = Math.max(1, Math.ceil((rl.windowStart + 60_000 - req.now) / 1000));
			// [G] the 429 body (the page names the status and Retry-After only).
			return json(429, { errors: [{ code: 429, message: 'Too Many Requests', description: 'Rate limit exceeded' }] }, { 'retry-after': String(retry) });
		}
	}
	return undefined;
}

/** Refuses a JSON body that is not an object, or has keys the docs do not list. */
export function strictBody(body: unknown, allowed: readonly string[], where = 'body'): SandboxResponse | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return refuse(`Expected a JSON object (${where})`);
	const extra = unknownKeys(body, allowed);
	return extra.length ? refuse(`${describeUnknown('field', extra)} (${where})`) : undefined;
}

export function strictQuery(req: SandboxRequest, allowed: readonly string[]): SandboxResponse | undefined {
	const extra = unknownParams(req.query, allowed);
	return extra.length ? refuse(describeUnknown('query parameter', extra)) : undefined;
}

export function strictValues(req: SandboxRequest, name: string, allowed: readonly string[]): SandboxResponse | undefined {
	const extra = unknownValues(req.query, name, allowed);
	return extra.length ? refuse(`${describeUnknown(`${name} value`, extra)} (documented: ${allowed.join(', ')})`) : undefined;
}

type Kind = 'string' | 'boolean' | 'number' | 'array' | 'object';

/** Documented field types ("Type" columns): a value of another type is refused. */
export function strictTypes(body: Obj, types: Record<string, Kind | Kind[]>, where = 'body'): SandboxResponse | undefined {
	for (const [key, kinds] of Object.entries(types)) {
		const value = body[key];
		if (value === undefined) continue;
		const kind: Kind = Array.isArray(value) ? 'array' : value === null ? 'object' : (typeof value as Kind);
		const expected = Array.isArray(kinds) ? kinds : [kinds];
		if (!expected.includes(kind)) return refuse(`${where}.${key} must be ${expected.join(' or ')}, not ${kind}`);
	}
	return undefined;
}
