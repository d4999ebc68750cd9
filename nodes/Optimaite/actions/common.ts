import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

/** Ids: non-empty, no slashes or spaces (they go into URL paths). */
export const id = (label = 'ID') =>
	z
		.string({ required_error: `${label} is required` })
		.trim()
		.min(1)
		.regex(/^[^\s/?#]+$/, 'must not contain spaces or slashes');

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
