import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

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
		placeholder: '550e8400-e29b-41d4-a716-446655440000',
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
		placeholder: 'doc_01ABCDEF',
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
		placeholder: 'doc_01ABCDEF, doc_02GHIJKL',
		description,
		displayOptions: { show },
	};
}
