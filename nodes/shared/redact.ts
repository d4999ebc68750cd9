import type { IDataObject } from 'n8n-workflow';

/** Keys whose values are secrets or personal id numbers: never shown in errors, logs or output. */
const SENSITIVE_KEY =
	/(^key$|pass(word)?|secret|token|api[-_]?key|authorization|cookie|digest|nonce|cpr([-_]?(number|no))?|ssn|national[-_]?id(entification)?([-_]?number)?|personal[-_]?(id|number)|pin)$/i;

export const MASK = '***';

export function isSensitiveKey(key: string): boolean {
	return SENSITIVE_KEY.test(key);
}

/** Masks all but the last `keep` characters of an id number (e.g. a CPR): "******1234". */
export function maskId(value: string, keep = 0): string {
	if (!value) return value;
	const visible = keep > 0 ? value.slice(-keep) : '';
	return '*'.repeat(Math.max(value.length - visible.length, 3)) + visible;
}

/** Replaces every occurrence of the given sensitive strings (tokens, id numbers) in a text. */
export function scrubText(text: string, sensitive: readonly string[] = []): string {
	let out = text;
	for (const s of sensitive) {
		if (s && s.length >= 4) out = out.split(s).join(MASK);
	}
	return out;
}

/**
 * Deep copy of a value with sensitive keys masked and sensitive strings scrubbed.
 * Used on everything that can reach an error, a log line or an output item built by the node.
 */
export function redact<T>(value: T, sensitive: readonly string[] = [], depth = 0): T {
	if (depth > 20) return value;
	if (typeof value === 'string') return scrubText(value, sensitive) as T;
	if (Array.isArray(value)) return value.map((v) => redact(v, sensitive, depth + 1)) as T;
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const out: IDataObject = {};
		for (const [k, v] of Object.entries(value as IDataObject)) {
			out[k] =
				isSensitiveKey(k) && v !== null && v !== undefined && v !== '' && typeof v !== 'boolean'
					? MASK
					: (redact(v, sensitive, depth + 1) as IDataObject[string]);
		}
		return out as T;
	}
	return value;
}
