import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { resourceLocator, sinceVersion } from '../../shared/locator';
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
		placeholder: 'e.g. f05d0dce-a7af-432b-b6b8-e455ab7c0858',
		description,
		displayOptions: { show },
	};
}

/** Anchored by n8n (`^…$`): what "By ID" accepts for a Signicat id. */
export const UUID_REGEX = '\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*';

/** Name of the node's `methods.listSearch` function behind "From List" for signing sessions. */
export const SEARCH_SESSIONS = 'searchSessions';

/** The session field's label as the editor shows it: version 1 has a text field, version 2 a picker. */
export const sessionLabel = (ctx: IExecuteFunctions) => (ctx.getNode().typeVersion >= 2 ? 'Signing Session' : 'Signing Session ID');

/**
 * A signing session: free text on version 1 (saved workflows keep working), picked From List (search by title, paged)
 * or By ID from version 2. Signicat shows no web address of a session in any source, so there is no "By URL".
 */
export function sessionFields(show: Show, description = 'The signing session'): INodeProperties[] {
	return sinceVersion(
		2,
		idField('Signing Session ID', 'sessionId', show, `${description} (its ID, a UUID)`),
		resourceLocator({
			displayName: 'Signing Session',
			name: 'sessionId',
			show,
			searchListMethod: SEARCH_SESSIONS,
			description: `${description}: pick it from the list (search by title) or enter its ID`,
			idPlaceholder: 'e.g. f05d0dce-a7af-432b-b6b8-e455ab7c0858',
			idRegex: UUID_REGEX,
			noun: 'Signing Session',
		}),
	);
}

/** Hint of id fields Signicat has no list for (documents, document collections). */
export const NO_LIST_HINT = {
	document: 'Signicat has no list of documents: use the ID returned by Document → Upload (or Send Document for Signing)',
	collection: 'Signicat has no list of document collections: use the ID returned by Document Collection → Create',
};

export const documentIdField = (show: Show, description = 'ID of the Signicat document (a UUID)'): INodeProperties => ({
	...idField('Document ID', 'documentId', show, description),
	hint: NO_LIST_HINT.document,
});

export const collectionIdField = (show: Show, description = 'ID of the document collection (a UUID)'): INodeProperties => ({
	...idField('Document Collection ID', 'documentCollectionId', show, description),
	hint: NO_LIST_HINT.collection,
});

/** File extension for a MIME type, for file names Signicat does not provide. */
export function extensionFor(mimeType: string | undefined): string {
	const type = (mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'application/pdf') return 'pdf';
	if (type === 'text/plain') return 'txt';
	if (type === 'application/xml' || type === 'text/xml') return 'xml';
	if (type === 'application/zip') return 'zip';
	return 'bin';
}

/** Deletes are retried on 5xx and dropped connections; a 404 on a repeat counts as deleted (shared transport). */
export async function deleteRetried(client: SignicatClient, url: string, itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', url, itemIndex, safety: 'delete' });
}
