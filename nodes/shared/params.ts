import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** Ids typed as "a, b c" or given as an array by an expression → ["a", "b", "c"]. */
export function splitList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
	if (value === undefined || value === null) return [];
	return String(value)
		.split(/[\s,;]+/)
		.map((v) => v.trim())
		.filter(Boolean);
}

/** Rows of a fixedCollection ({ signers: { signer: [...] } } → [...]). */
export function rows(value: unknown, key: string): IDataObject[] {
	const v = (value as IDataObject | undefined)?.[key];
	return Array.isArray(v) ? (v as IDataObject[]) : [];
}

/** A resource locator's stored value (`{ __rl: true, mode: 'list' | 'id' | 'url', value }`). */
export function isLocatorValue(value: unknown): value is { __rl: true; mode: string; value: unknown } {
	return !!value && typeof value === 'object' && (value as IDataObject).__rl === true && 'value' in (value as IDataObject);
}

/**
 * Reads parameters of one item by name (missing optional ones become their default). A resource locator
 * (From list / By ID / By URL) gives its id, extracted by n8n from a URL where the mode says how; a plain
 * string (a node version before the locator, or an expression) is read as it is.
 */
export function params(ctx: IExecuteFunctions, itemIndex: number, names: Record<string, unknown>): IDataObject {
	const out: IDataObject = {};
	for (const [name, fallback] of Object.entries(names)) {
		const value = ctx.getNodeParameter(name, itemIndex, fallback) as IDataObject[string];
		out[name] = isLocatorValue(value)
			? (ctx.getNodeParameter(name, itemIndex, fallback, { extractValue: true }) as IDataObject[string])
			: value;
	}
	return out;
}

/** Drops undefined and empty-string values (optional fields the user left empty). */
export function compact<T extends IDataObject>(obj: T): T {
	return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as T;
}
