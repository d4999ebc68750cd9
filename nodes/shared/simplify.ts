import type { IDataObject, INodeProperties } from 'n8n-workflow';

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** The n8n "Simplify" toggle: on by default, the fields a workflow needs in camelCase; off, the provider's raw answer. */
export function simplifyField(show: Show): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions: { show },
	};
}

/** `signed_at` / `SignedAt` / `signed-at` → `signedAt`. */
export function camelCase(key: string): string {
	const parts = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_-]+/).filter(Boolean);
	return parts.map((p, i) => (i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1))).join('');
}

/** The chosen fields of a record, renamed to camelCase; fields the record does not have are left out. */
export function pickCamel(record: IDataObject, fields: readonly string[]): IDataObject {
	const out: IDataObject = {};
	for (const field of fields) if (record[field] !== undefined) out[camelCase(field)] = record[field];
	return out;
}
