/**
 * EasyInk's error body and the strict reader: every error is the documented ApiError
 * `{"error":{"code","message","innerErrors"?}}` (easyink-public-api.txt; https://docs.easyink.io/docs/intro), and what
 * the documents do not name — body keys, query parameters, enum values — is refused, not ignored.
 */
import { bearer, json, type Handler, type Route, type SandboxRequest, type SandboxResponse } from '../../server';
import { describeUnknown, unknownKeys, unknownParams } from '../../strict';
import { LIMIT, MESSAGE, ROUTES, type RouteName } from './docs';
import type { EasyInkState } from './state';

export type ApiErrorCode = 'ValidationError' | 'NotFound' | 'Unauthorized' | 'Forbidden' | 'InternalServerError'; // [C] common error codes
export interface InnerError {
	code: string;
	message: string;
}

export const apiError = (status: number, code: ApiErrorCode, message: string, innerErrors?: InnerError[]): SandboxResponse =>
	json(status, { error: innerErrors?.length ? { code, message, innerErrors } : { code, message } });

export const validation = (message: string, innerErrors?: InnerError[]) => apiError(400, 'ValidationError', message, innerErrors);
export const notFound = (message: string) => apiError(404, 'NotFound', message);

/** One field error → its own message (as the single-error examples); several → the documented generic message. */
export function fieldErrors(errors: InnerError[]): SandboxResponse | undefined {
	if (errors.length === 0) return undefined;
	if (errors.length === 1) return validation(errors[0].message);
	return validation(MESSAGE.manyErrors, errors);
}

/** Thrown inside handlers and turned into the response. */
export class Reply extends Error {
	constructor(readonly response: SandboxResponse) {
		super('reply');
	}
}
export const fail = (response: SandboxResponse): never => {
	throw new Reply(response);
};
/** Throws the combined field errors, if any. */
export const check = (errors: InnerError[]): void => {
	const failed = fieldErrors(errors);
	if (failed) throw new Reply(failed);
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const required = (name: string): InnerError => ({ code: 'RequiredField', message: `The '${name}' field is required` }); // [C] example
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * The JSON body, refusing keys the documented request model does not have. `allowed: []` = the documents say
 * there is no body (e.g. allAtOnce): any body is refused.
 */
export function body(req: SandboxRequest, allowed: readonly string[], opts: { optional?: boolean } = {}): Record<string, unknown> {
	if (!req.raw.length) {
		if (opts.optional || allowed.length === 0) return {};
		fail(validation('A request body is required'));
	}
	if (!String(req.headers['content-type'] ?? '').includes('application/json')) fail(validation('Content-Type must be application/json'));
	if (!isObject(req.json)) fail(validation('The request body must be a JSON object'));
	// Documented "does not require a body" (allAtOnce): the strict reader takes none, or an empty object.
	if (allowed.length === 0 && Object.keys(req.json as object).length) fail(validation('This request takes no body'));
	const extra = unknownKeys(req.json, allowed);
	if (extra.length) fail(validation(MESSAGE.manyErrors, extra.map((k) => ({ code: 'UnknownField', message: describeUnknown('field', [k]) }))));
	return req.json as Record<string, unknown>;
}

/** Refuses query parameters on routes that document none (or others than `allowed`). */
export function noUnknownQuery(req: SandboxRequest, allowed: readonly string[] = []): void {
	const extra = unknownParams(req.query, allowed);
	if (extra.length) fail(validation(MESSAGE.manyErrors, extra.map((k) => ({ code: 'UnknownParameter', message: describeUnknown('query parameter', [k]) }))));
}

export function checkText(errors: InnerError[], b: Record<string, unknown>, name: string, min: number, max: number, isRequired: boolean) {
	const v = b[name];
	if (v === undefined || v === null) {
		if (isRequired) errors.push(required(name));
		return;
	}
	if (typeof v !== 'string') errors.push({ code: 'InvalidType', message: `The '${name}' field must be a string` });
	else if (v.length < min || v.length > max)
		errors.push({ code: 'InvalidLength', message: min > 0 ? `The '${name}' field must be between ${min} and ${max} characters` : `The '${name}' field cannot exceed ${max} characters` });
}

export function checkSubject(errors: InnerError[], b: Record<string, unknown>) {
	const v = b.subject;
	if (v === undefined || v === null) return;
	if (typeof v !== 'string') errors.push({ code: 'InvalidType', message: "The 'subject' field must be a string" });
	else if (v.length > LIMIT.subject) errors.push({ code: 'InvalidLength', message: MESSAGE.subjectTooLong });
}

export function checkEnum(errors: InnerError[], name: string, value: unknown, allowed: readonly string[]) {
	if (value === undefined || value === null) return;
	if (typeof value !== 'string' || !allowed.includes(value))
		errors.push({ code: 'InvalidValue', message: `The '${name}' field must be one of: ${allowed.join(', ')}` });
}

/** deliveryMethods / email / phone as documented: each method needs its contact; phone ^\d{10}$; email ≤ 256. */
export function checkContact(errors: InnerError[], b: Record<string, unknown>, methodsNonEmpty: boolean) {
	const methods = b.deliveryMethods;
	let list: unknown[] = [];
	if (methods !== undefined && methods !== null) {
		if (!Array.isArray(methods)) errors.push({ code: 'InvalidType', message: "The 'deliveryMethods' field must be an array" });
		else {
			list = methods;
			if (methodsNonEmpty && list.length === 0) errors.push({ code: 'InvalidValue', message: "The 'deliveryMethods' field cannot be empty" });
			for (const m of list) if (m !== 'Email' && m !== 'Sms') errors.push({ code: 'InvalidValue', message: `Delivery method '${String(m)}' is not supported. Use Email or Sms` });
		}
	}
	const email = b.email;
	if (email !== undefined && email !== null) {
		if (typeof email !== 'string' || email.length > LIMIT.email) errors.push({ code: 'InvalidLength', message: "The 'email' field cannot exceed 256 characters" });
		else if (!EMAIL.test(email)) errors.push({ code: 'InvalidFormat', message: "The 'email' field is not a valid email address" });
	} else if (list.includes('Email')) errors.push(required('email'));
	const phone = b.phone;
	if (phone !== undefined && phone !== null) {
		if (typeof phone !== 'string' || !/^\d{10}$/.test(phone)) errors.push({ code: 'InvalidFormat', message: "The 'phone' field must be a 10-digit phone number" });
	} else if (list.includes('Sms')) errors.push(required('phone'));
}

/**
 * One documented route: authentication (a Bearer JWT from the identity provider, 401 when missing, unknown or
 * past its `exp`; 403 without the hermes_api scope), UUID path parameters, no query parameters where none are
 * documented, then the handler.
 */
export function route(state: EasyInkState, name: RouteName, handler: Handler): Route {
	const { method, path, source } = ROUTES[name];
	return {
		method,
		pattern: path,
		source,
		handler: async (req) => {
			const denied = authenticate(state, req);
			if (denied) return denied;
			for (const [key, value] of Object.entries(req.params))
				if (!isUuid(value)) return validation(`'${value}' is not a valid ${key === 'id' ? 'signingSessionId' : key}: a UUID is expected`);
			try {
				// Only the search documents query parameters; it checks its own.
				if (name !== 'search') noUnknownQuery(req);
				return await handler(req);
			} catch (e) {
				if (e instanceof Reply) return e.response;
				throw e;
			}
		},
	};
}

function authenticate(state: EasyInkState, req: SandboxRequest): SandboxResponse | undefined {
	const token = bearer(req);
	const challenge = (description: string) => ({ 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` });
	if (!token) return json(401, { error: { code: 'Unauthorized', message: 'Authorization header with a Bearer token is required' } }, { 'www-authenticate': 'Bearer' });
	const t = state.accessTokens.get(token);
	if (!t) return json(401, { error: { code: 'Unauthorized', message: 'The access token is invalid' } }, challenge('The access token is invalid'));
	if (t.expiresAt <= req.now) return json(401, { error: { code: 'Unauthorized', message: 'The access token expired' } }, challenge('The token expired'));
	if (!t.scope.split(' ').includes('hermes_api')) return apiError(403, 'Forbidden', "The access token lacks the 'hermes_api' scope");
	return undefined;
}
