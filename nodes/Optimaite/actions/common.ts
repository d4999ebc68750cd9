import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { resourceLocator, sinceVersion } from '../../shared/locator';
import { simplifyField } from '../../shared/simplify';

/** Ids: non-empty, no slashes or spaces (they go into URL paths). */
export const id = (label = 'ID') =>
	z
		.string({ required_error: `${label} is required` })
		.trim()
		.min(1)
		.regex(/^[^\s/?#]+$/, 'must not contain spaces or slashes');

/** An optional id: empty (or only spaces) means "not given". */
export const optionalId = (label = 'ID') =>
	z.preprocess((v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v), id(label).optional());

/**
 * Titles, names and file names: Optimaite documents no length limit, so this package keeps its own (255) and says
 * so — a 1 MB title is refused before anything is sent.
 */
export const MAX_TEXT = 255;
export const upTo255 = z
	.string()
	.refine((s) => s.length <= MAX_TEXT, { message: `must be at most ${MAX_TEXT} characters (this node's limit; Optimaite documents none)` });

/** A required title or name, trimmed, within MAX_TEXT. */
export const requiredText = z
	.string()
	.trim()
	.min(1)
	.refine((s) => s.length <= MAX_TEXT, { message: `must be at most ${MAX_TEXT} characters (this node's limit; Optimaite documents none)` });

export function caseIdField(show: Record<string, string[]>, description = 'ID of the Optimaite case'): INodeProperties {
	return {
		displayName: 'Case ID',
		name: 'caseId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
		description,
		displayOptions: { show },
	};
}

export function documentIdField(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Document ID',
		name: 'documentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. doc_01ABCDEF',
		description: 'ID of the Optimaite document (doc_…)',
		displayOptions: { show },
	};
}

export function documentIdsField(show: Record<string, string[]>, description: string): INodeProperties {
	return {
		displayName: 'Document IDs',
		name: 'documentIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. doc_01ABCDEF, doc_02GHIJKL',
		description,
		displayOptions: { show },
	};
}

type Show = Record<string, string[]>;

/** Case ids are UUIDs ("case_id | UUID", api-reference/documents). */
const UUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const CASE_PLACEHOLDER = 'e.g. 550e8400-e29b-41d4-a716-446655440000';

/** From version 2 on, parameters and outputs of the editor work (pickers, Simplify); version 1 stays as saved. */
export const V2 = 2;

export const isV2 = (ctx: IExecuteFunctions) => ctx.getNode().typeVersion >= V2;

/**
 * The case to act on. Version 1 keeps its free-text "Case ID" (saved workflows run unchanged); from version 2 on it is
 * a "Case" picked From List (`GET /cases`, searched by name or file number, cursor pages) or typed By ID. There is no
 * By URL: no Optimaite source shows the web address of a case (the product docs name only the list, /akten).
 */
export function caseLocator(show: Show, description: string, required = true): INodeProperties[] {
	return sinceVersion(
		V2,
		{ ...caseIdField(show, description), required, placeholder: CASE_PLACEHOLDER },
		resourceLocator({
			displayName: 'Case',
			name: 'caseId',
			show,
			searchListMethod: 'searchCases',
			description,
			required,
			idPlaceholder: CASE_PLACEHOLDER,
			idRegex: UUID_REGEX,
			noun: 'Case',
		}),
	);
}

/**
 * One document: version 1 a free-text "Document ID"; from version 2 a "Document" From List (`GET /documents`, the chosen
 * case's documents when the node has a case, else the workspace's) or By ID.
 */
export function documentLocator(show: Show, description: string): INodeProperties[] {
	return sinceVersion(
		V2,
		{ ...documentIdField(show), description },
		resourceLocator({
			displayName: 'Document',
			name: 'documentId',
			show,
			searchListMethod: 'searchDocuments',
			description,
			idPlaceholder: 'e.g. doc_01ABCDEF',
			noun: 'Document',
		}),
	);
}

/**
 * Several documents of the chosen case. A resource locator holds one record, so from version 2 on this is n8n's
 * multi-pick (the case's documents from `GET /documents?case_id=…`), or IDs from an expression (an array or a
 * comma-separated text); version 1 keeps its comma-separated text.
 */
export function documentIdsFields(show: Show, description: string): INodeProperties[] {
	return sinceVersion(V2, documentIdsField(show, `${description}, separated by commas`), {
		displayName: 'Document Names or IDs',
		name: 'documentIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCaseDocuments', loadOptionsDependsOn: ['caseId.value'] },
		default: [],
		required: true,
		description: `${description}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		displayOptions: { show },
	});
}

/** A case's envelope: version 1 a free-text "Envelope ID"; from version 2 an "Envelope" From List (the chosen case's envelopes) or By ID. */
export function envelopeLocator(show: Show, description: string): INodeProperties[] {
	return sinceVersion(
		V2,
		{
			displayName: 'Envelope ID',
			name: 'envelopeId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. env_01ABCDEFG',
			description,
			displayOptions: { show },
		},
		resourceLocator({
			displayName: 'Envelope',
			name: 'envelopeId',
			show,
			searchListMethod: 'searchEnvelopes',
			description,
			idPlaceholder: 'e.g. env_01ABCDEFG',
			noun: 'Envelope',
		}),
	);
}

/** The labels of the picked records as the editor shows them in this node version. */
export function recordLabels(ctx: IExecuteFunctions): Record<'caseId' | 'documentId' | 'documentIds' | 'envelopeId', string> {
	return isV2(ctx)
		? { caseId: 'Case', documentId: 'Document', documentIds: 'Document Names or IDs', envelopeId: 'Envelope' }
		: { caseId: 'Case ID', documentId: 'Document ID', documentIds: 'Document IDs', envelopeId: 'Envelope ID' };
}

/** The Simplify toggle, from version 2 on (version 1 keeps the answer it always gave). */
export function optimaiteSimplifyField(show: Show): INodeProperties {
	return simplifyField({ ...show, '@version': [{ _cnd: { gte: V2 } }] });
}

/** Whether this item's output is simplified: only from version 2 on, and only with Simplify on. */
export function wantsSimplify(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return isV2(ctx) && ctx.getNodeParameter('simplify', itemIndex, true) !== false;
}
