/**
 * Small checks shared by the Signicat routes. Each returns the problems it found as `invalidParams` entries
 * (`{name, reason}`, the documented shape); where the docs are silent the sandbox is the strict reader and
 * refuses unknown body keys, query parameters and enum values.
 */
import type { SandboxRequest, SandboxResponse } from '../../server';
import { describeUnknown, unknownKeys, unknownParams } from '../../strict';
import { badRequest, UUID, type Issue } from './state';

export function isObject(v: unknown): v is Record<string, unknown> {
	return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** An optional (or required) string of at most `max` characters. */
export function str(v: unknown, name: string, issues: Issue[], opts: { max?: number; required?: boolean } = {}): void {
	if (v === undefined || v === null) {
		if (opts.required) issues.push({ name, reason: 'is required' });
		return;
	}
	if (typeof v !== 'string') issues.push({ name, reason: 'must be a string' });
	else if (opts.required && !v.trim()) issues.push({ name, reason: 'must not be blank' });
	else if (opts.max !== undefined && v.length > opts.max) issues.push({ name, reason: `size must be between 0 and ${opts.max}` });
}

export function bool(v: unknown, name: string, issues: Issue[]): void {
	if (v !== undefined && typeof v !== 'boolean') issues.push({ name, reason: 'must be a boolean' });
}

export function oneOf(v: unknown, allowed: readonly string[], name: string, issues: Issue[], required = false): void {
	if (v === undefined) {
		if (required) issues.push({ name, reason: 'is required' });
		return;
	}
	if (typeof v !== 'string' || !allowed.includes(v)) issues.push({ name, reason: `must be one of ${allowed.join(', ')}` });
}

/** Keys of an object body that are not documented. */
export function strictKeys(v: unknown, allowed: readonly string[], prefix: string, issues: Issue[]): void {
	for (const k of unknownKeys(v, allowed)) issues.push({ name: prefix ? `${prefix}.${k}` : k, reason: 'is not a known field' });
}

export function uuidIssue(v: unknown, name: string, issues: Issue[]): boolean {
	if (typeof v !== 'string' || !UUID.test(v)) {
		issues.push({ name, reason: 'must be a valid UUID' });
		return false;
	}
	return true;
}

/** A 400 for query parameters no source documents on this route; undefined when all are known. */
export function strictQuery(req: SandboxRequest, allowed: readonly string[]): SandboxResponse | undefined {
	const unknown = unknownParams(req.query, allowed);
	if (!unknown.length) return undefined;
	return badRequest(unknown.map((name) => ({ name, reason: describeUnknown('query parameter', [name]) })));
}

/** ISO 8601 date-time with a zone, as the documented examples (`2024-01-01T00:00:00Z`). */
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
