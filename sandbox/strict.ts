/**
 * The sandbox is the strict reader: where a provider's docs are silent, it refuses what it does not know
 * (unknown body keys, unknown query parameters or values) instead of accepting anything. These helpers
 * only find the problems; each emulator answers them in its provider's documented error shape.
 */

/** Keys of `value` (an object) that are not in `allowed`; [] when `value` is not an object. */
export function unknownKeys(value: unknown, allowed: readonly string[]): string[] {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
	return Object.keys(value).filter((k) => !allowed.includes(k));
}

/** Query parameter names not in `allowed`. */
export function unknownParams(query: URLSearchParams, allowed: readonly string[]): string[] {
	return [...new Set([...query.keys()].filter((k) => !allowed.includes(k)))];
}

/** Every value of a (repeatable) query parameter that is not one of `allowed`. */
export function unknownValues(query: URLSearchParams, name: string, allowed: readonly string[]): string[] {
	return query.getAll(name).flatMap((v) => v.split(',')).filter((v) => v !== '' && !allowed.includes(v));
}

/** One line naming what was refused, for the provider's error message. */
export function describeUnknown(kind: string, names: readonly string[]): string {
	return `Unknown ${kind}${names.length > 1 ? 's' : ''}: ${names.join(', ')}`;
}
