import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { SignicatClient } from '../transport';

/** Signicat ids are UUIDs [C]: checked before any request, so a typo never reaches the API. */
export const uuidSchema = () => z.string().trim().min(1).uuid();

type Show = Record<string, string[]>;

export function idField(displayName: string, name: string, show: Show, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'f05d0dce-a7af-432b-b6b8-e455ab7c0858',
		description,
		displayOptions: { show },
	};
}

export const documentIdField = (show: Show, description = 'ID of the Signicat document (a UUID)') =>
	idField('Document ID', 'documentId', show, description);

export const sessionIdField = (show: Show, description = 'ID of the signing session (a UUID)') =>
	idField('Signing Session ID', 'sessionId', show, description);

export const collectionIdField = (show: Show, description = 'ID of the document collection (a UUID)') =>
	idField('Document Collection ID', 'documentCollectionId', show, description);

/** File extension for a MIME type, for file names Signicat does not provide. */
export function extensionFor(mimeType: string | undefined): string {
	const type = (mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'application/pdf') return 'pdf';
	if (type === 'text/plain') return 'txt';
	if (type === 'application/xml' || type === 'text/xml') return 'xml';
	if (type === 'application/zip') return 'zip';
	return 'bin';
}

/**
 * Deletes are retried on 5xx and dropped connections; a 404 on a repeat after an attempt whose answer was lost counts
 * as deleted (shared transport). Returns whether Signicat confirmed it (false: inferred from that 404).
 */
export async function deleteRetried(client: SignicatClient, url: string, itemIndex: number): Promise<boolean> {
	return (await client.request({ method: 'DELETE', url, itemIndex, safety: 'delete' })).confirmed;
}
