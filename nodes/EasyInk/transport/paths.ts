/**
 * Every EasyInk host and path in ONE table, shared by the node and the sandbox emulator
 * (sandbox/providers/easyink.ts registers its routes from EASYINK_OPERATIONS), so a corrected
 * path is a one-line change in EASYINK_PATTERNS.
 *
 * Source: shared/providers/easyink-public-api.txt and REFERENCE.md (EasyInk).
 * Marks: [C] confirmed by EasyInk's own material; [G] guessed — the captured page lost most paths,
 * these follow REFERENCE.md's REST shape (drafts under /api/signingSessionDrafts/{id}/…, started
 * sessions under /api/signingSessions/{id}/…).
 *
 * Plain data and small functions only: no n8n imports, so the sandbox can use it too.
 */

/** Hosts per environment [C]. `callback` is EasyInk's own registered redirect URI (n8n registers its own). */
export const EASYINK_HOSTS = {
	production: {
		api: 'https://api.easyink.io',
		identity: 'https://identity.easyink.io',
		callback: 'https://easyink.io',
	},
	staging: {
		api: 'https://api-staging.easyink.io',
		identity: 'https://identity-staging.easyink.io',
		callback: 'https://staging.easyink.io',
	},
} as const;

export type EasyInkEnvironment = keyof typeof EASYINK_HOSTS;

/** Identity provider (OAuth 2.0 authorization code + PKCE S256) [C]. Paths are relative to the identity host. */
const CONNECT = '/connect';
export const EASYINK_IDENTITY = {
	authorizePath: `${CONNECT}/authorize`, // [C] /connect/authorize
	tokenPath: `${CONNECT}/token`, // [C] /connect/token; form body: grant_type, client_id, client_secret, code, redirect_uri, code_verifier
	scope: 'openid hermes_api hermes_idp profile', // [C]
	codeChallengeMethod: 'S256', // [C]
} as const;

/** Full authorize and token URLs for an identity host (production, staging or a custom/sandbox host). */
export function easyInkIdentityUrls(identityHost: string): { authUrl: string; accessTokenUrl: string } {
	const base = identityHost.replace(/\/+$/, '');
	return { authUrl: base + EASYINK_IDENTITY.authorizePath, accessTokenUrl: base + EASYINK_IDENTITY.tokenPath };
}

/** Route prefixes of the emulators in the sandbox: API host = `${sandbox}/easyink`, identity = `${sandbox}/easyink-identity`. */
export const EASYINK_SANDBOX_PREFIXES = { api: 'easyink', identity: 'easyink-identity' } as const;

/**
 * Route patterns relative to the API host, with `:name` parameters (the sandbox's pattern syntax).
 * `:id` is always the signing session (draft) id.
 */
export const EASYINK_PATTERNS = {
	// Drafts
	drafts: '/api/signingSessionDrafts', // [C] POST {subject} → "<new session id>"
	draft: '/api/signingSessionDrafts/:id', // [G] GET / PUT / DELETE / HEAD
	draftConvert: '/api/signingSessionDrafts/:id/convert', // [G] POST → ReadyToStart
	draftDocuments: '/api/signingSessionDrafts/:id/documents', // [C] POST multipart `fileContent` → "<document id>"
	draftDocument: '/api/signingSessionDrafts/:id/documents/:documentId', // [G] GET (original PDF) / DELETE
	draftAttachments: '/api/signingSessionDrafts/:id/attachments', // [G] POST multipart `fileContent` → "<attachment id>"
	draftAttachment: '/api/signingSessionDrafts/:id/attachments/:attachmentId', // [G] GET (PDF) / DELETE
	draftParticipants: '/api/signingSessionDrafts/:id/participants', // [C] POST → "<participant id>"
	draftParticipantMe: '/api/signingSessionDrafts/:id/participants/me', // [G] POST → participant object
	draftParticipant: '/api/signingSessionDrafts/:id/participants/:participantId', // [G] PUT / DELETE
	draftSigningOrderSequential: '/api/signingSessionDrafts/:id/signingOrder/sequential', // [G] PUT {participantsOrder}
	draftSigningOrderParallel: '/api/signingSessionDrafts/:id/signingOrder/parallel', // [G] PUT
	draftSignatureFields: '/api/signingSessionDrafts/:id/signatureFields', // [G] POST → "<field id>"
	draftSignatureField: '/api/signingSessionDrafts/:id/signatureFields/:signatureFieldId', // [G] DELETE → ["<removed ids>"]
	draftSignatureFieldOptions: '/api/signingSessionDrafts/:id/signatureFields/:signatureFieldId/options', // [G] PUT
	draftSignatureFieldPlacement: '/api/signingSessionDrafts/:id/signatureFields/:signatureFieldId/placement', // [G] PUT
	// Started sessions
	sessions: '/api/signingSessions', // [G] GET search
	sessionStatistics: '/api/signingSessions/statistics', // [G] GET
	session: '/api/signingSessions/:id', // [G] GET / HEAD
	sessionStart: '/api/signingSessions/:id/start', // [G] POST
	sessionVoid: '/api/signingSessions/:id/void', // [G] POST {reason}
	sessionDuplicate: '/api/signingSessions/:id/duplicate', // [G] POST {subject} → "<new draft id>"
	sessionRecreate: '/api/signingSessions/:id/recreate', // [G] POST {subject, voidReason} → "<new draft id>"
	sessionParticipant: '/api/signingSessions/:id/participants/:participantId', // [G] PUT delivery {deliveryMethods, email, phone}
	sessionDocument: '/api/signingSessions/:id/documents/:documentId', // [G] GET original PDF
	sessionAttachment: '/api/signingSessions/:id/attachments/:attachmentId', // [G] GET PDF
	sessionSignedDocument: '/api/signingSessions/:id/signedDocuments/:documentId', // [G] GET signed PDF (per participant)
	sessionAllInOneDocument: '/api/signingSessions/:id/allInOneDocument', // [G] GET combined PDF + audit trail
} as const;

export type EasyInkPatternName = keyof typeof EASYINK_PATTERNS;
export type EasyInkMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';

export interface EasyInkOperation {
	method: EasyInkMethod;
	pattern: EasyInkPatternName;
	/** [C] when the method + path is confirmed, [G] when guessed. */
	mark: 'C' | 'G';
	/** What a success answers with (guessed where not documented). */
	returns: 'id' | 'ids' | 'object' | 'none' | 'binary';
}

/** Every operation of the public API: method + pattern. The sandbox registers exactly these routes. */
export const EASYINK_OPERATIONS = {
	draftCreate: { method: 'POST', pattern: 'drafts', mark: 'C', returns: 'id' },
	draftGet: { method: 'GET', pattern: 'draft', mark: 'G', returns: 'object' },
	draftUpdate: { method: 'PUT', pattern: 'draft', mark: 'G', returns: 'none' },
	draftDelete: { method: 'DELETE', pattern: 'draft', mark: 'G', returns: 'none' },
	draftExists: { method: 'HEAD', pattern: 'draft', mark: 'G', returns: 'none' },
	draftConvert: { method: 'POST', pattern: 'draftConvert', mark: 'G', returns: 'none' },
	draftDocumentUpload: { method: 'POST', pattern: 'draftDocuments', mark: 'C', returns: 'id' },
	draftDocumentDownload: { method: 'GET', pattern: 'draftDocument', mark: 'G', returns: 'binary' },
	draftDocumentRemove: { method: 'DELETE', pattern: 'draftDocument', mark: 'G', returns: 'none' },
	draftAttachmentUpload: { method: 'POST', pattern: 'draftAttachments', mark: 'G', returns: 'id' },
	draftAttachmentDownload: { method: 'GET', pattern: 'draftAttachment', mark: 'G', returns: 'binary' },
	draftAttachmentRemove: { method: 'DELETE', pattern: 'draftAttachment', mark: 'G', returns: 'none' },
	participantAdd: { method: 'POST', pattern: 'draftParticipants', mark: 'C', returns: 'id' },
	participantAddMe: { method: 'POST', pattern: 'draftParticipantMe', mark: 'G', returns: 'object' },
	participantUpdate: { method: 'PUT', pattern: 'draftParticipant', mark: 'G', returns: 'none' },
	participantRemove: { method: 'DELETE', pattern: 'draftParticipant', mark: 'G', returns: 'none' },
	signingOrderSequential: { method: 'PUT', pattern: 'draftSigningOrderSequential', mark: 'G', returns: 'none' },
	signingOrderParallel: { method: 'PUT', pattern: 'draftSigningOrderParallel', mark: 'G', returns: 'none' },
	signatureFieldAdd: { method: 'POST', pattern: 'draftSignatureFields', mark: 'G', returns: 'id' },
	signatureFieldUpdateOptions: { method: 'PUT', pattern: 'draftSignatureFieldOptions', mark: 'G', returns: 'none' },
	signatureFieldUpdatePosition: { method: 'PUT', pattern: 'draftSignatureFieldPlacement', mark: 'G', returns: 'none' },
	signatureFieldRemove: { method: 'DELETE', pattern: 'draftSignatureField', mark: 'G', returns: 'ids' },
	sessionSearch: { method: 'GET', pattern: 'sessions', mark: 'G', returns: 'object' },
	sessionStatistics: { method: 'GET', pattern: 'sessionStatistics', mark: 'G', returns: 'object' },
	sessionGet: { method: 'GET', pattern: 'session', mark: 'G', returns: 'object' },
	sessionExists: { method: 'HEAD', pattern: 'session', mark: 'G', returns: 'none' },
	sessionStart: { method: 'POST', pattern: 'sessionStart', mark: 'G', returns: 'none' },
	sessionVoid: { method: 'POST', pattern: 'sessionVoid', mark: 'G', returns: 'none' },
	sessionDuplicate: { method: 'POST', pattern: 'sessionDuplicate', mark: 'G', returns: 'id' },
	sessionRecreate: { method: 'POST', pattern: 'sessionRecreate', mark: 'G', returns: 'id' },
	participantUpdateDelivery: { method: 'PUT', pattern: 'sessionParticipant', mark: 'G', returns: 'none' },
	sessionDocumentDownload: { method: 'GET', pattern: 'sessionDocument', mark: 'G', returns: 'binary' },
	sessionAttachmentDownload: { method: 'GET', pattern: 'sessionAttachment', mark: 'G', returns: 'binary' },
	signedDocumentDownload: { method: 'GET', pattern: 'sessionSignedDocument', mark: 'G', returns: 'binary' },
	allInOneDocumentDownload: { method: 'GET', pattern: 'sessionAllInOneDocument', mark: 'G', returns: 'binary' },
} as const satisfies Record<string, EasyInkOperation>;

export type EasyInkOperationName = keyof typeof EASYINK_OPERATIONS;

/** Fills a pattern's `:name` parameters (URL-encoded). Throws when one is missing. */
export function fillEasyInkPath(pattern: string, params: Record<string, string> = {}): string {
	return pattern.replace(/:([A-Za-z]+)/g, (_, key: string) => {
		const value = params[key];
		if (value === undefined || value === '') throw new Error(`Missing path parameter ${key} for ${pattern}`);
		return encodeURIComponent(value);
	});
}

/** Method and filled path of one operation: `easyInkRequest('draftDocumentUpload', { id })`. */
export function easyInkRequest(operation: EasyInkOperationName, params: Record<string, string> = {}): { method: EasyInkMethod; path: string } {
	const op: EasyInkOperation = EASYINK_OPERATIONS[operation];
	return { method: op.method, path: fillEasyInkPath(EASYINK_PATTERNS[op.pattern], params) };
}

const P = EASYINK_PATTERNS;
const f = fillEasyInkPath;

/** Path functions (relative to the API host), one per pattern. */
export const EASYINK_PATHS = {
	drafts: () => f(P.drafts),
	draft: (id: string) => f(P.draft, { id }),
	draftConvert: (id: string) => f(P.draftConvert, { id }),
	draftDocuments: (id: string) => f(P.draftDocuments, { id }),
	draftDocument: (id: string, documentId: string) => f(P.draftDocument, { id, documentId }),
	draftAttachments: (id: string) => f(P.draftAttachments, { id }),
	draftAttachment: (id: string, attachmentId: string) => f(P.draftAttachment, { id, attachmentId }),
	draftParticipants: (id: string) => f(P.draftParticipants, { id }),
	draftParticipantMe: (id: string) => f(P.draftParticipantMe, { id }),
	draftParticipant: (id: string, participantId: string) => f(P.draftParticipant, { id, participantId }),
	draftSigningOrderSequential: (id: string) => f(P.draftSigningOrderSequential, { id }),
	draftSigningOrderParallel: (id: string) => f(P.draftSigningOrderParallel, { id }),
	draftSignatureFields: (id: string) => f(P.draftSignatureFields, { id }),
	draftSignatureField: (id: string, signatureFieldId: string) => f(P.draftSignatureField, { id, signatureFieldId }),
	draftSignatureFieldOptions: (id: string, signatureFieldId: string) => f(P.draftSignatureFieldOptions, { id, signatureFieldId }),
	draftSignatureFieldPlacement: (id: string, signatureFieldId: string) => f(P.draftSignatureFieldPlacement, { id, signatureFieldId }),
	sessions: () => f(P.sessions),
	sessionStatistics: () => f(P.sessionStatistics),
	session: (id: string) => f(P.session, { id }),
	sessionStart: (id: string) => f(P.sessionStart, { id }),
	sessionVoid: (id: string) => f(P.sessionVoid, { id }),
	sessionDuplicate: (id: string) => f(P.sessionDuplicate, { id }),
	sessionRecreate: (id: string) => f(P.sessionRecreate, { id }),
	sessionParticipant: (id: string, participantId: string) => f(P.sessionParticipant, { id, participantId }),
	sessionDocument: (id: string, documentId: string) => f(P.sessionDocument, { id, documentId }),
	sessionAttachment: (id: string, attachmentId: string) => f(P.sessionAttachment, { id, attachmentId }),
	sessionSignedDocument: (id: string, documentId: string) => f(P.sessionSignedDocument, { id, documentId }),
	sessionAllInOneDocument: (id: string) => f(P.sessionAllInOneDocument, { id }),
} as const satisfies Record<EasyInkPatternName, (...args: string[]) => string>;

/**
 * Search query parameters. `pageIndex`, `pageSize`, `statuses` (repeated) [C];
 * the sorting encoding was lost from the page ("sorting.properties=[object Object]") —
 * ASP.NET-style indexed binding is a guess [G].
 */
export const EASYINK_SEARCH = {
	pageIndex: 'pageIndex', // [C] ≥ 0, default 0
	pageSize: 'pageSize', // [C] 1–100, default 20
	statuses: 'statuses', // [C] repeated: statuses=InProgress&statuses=NeedToSign
	sortProperty: (i: number) => `sorting.properties[${i}].propertyName`, // [G]
	sortDescending: (i: number) => `sorting.properties[${i}].isDescending`, // [G] "true" | "false"
	sortableProperties: ['created', 'subject', 'status'], // [G] fields of a search item
	maxPageSize: 100, // [C]
	defaultPageSize: 20, // [C]
} as const;

/** Enum values from the document [C] unless marked. */
export const EASYINK_ENUMS = {
	sessionStatus: ['Draft', 'ReadyToStart', 'Pending', 'InProgress', 'Finished', 'Declined', 'Voided', 'Expired'],
	searchStatus: ['Draft', 'ReadyToStart', 'InProgress', 'NeedToSign', 'Finished', 'Declined', 'Voided', 'Expired', 'NeedsAction'],
	deliveryMethod: ['Email', 'Sms'],
	language: ['English', 'Spanish'],
	reminderFrequency: ['Never', 'Daily', 'Weekly'],
	participantRole: ['Initiator', 'Signer'],
	signingOrderType: ['AllAtOnce', 'OneByOne'], // AllAtOnce [C]; OneByOne [G] ("one-by-one" in the text)
	signatureFieldType: ['Signature', 'Initials', 'Date', 'Text'], // Signature [C]; the others [G] ("signatures, dates, initials, etc.")
	/** Signed document `processingStatus` / all-in-one `status`: "Ready" [C]; the not-ready values [G]. */
	processingStatus: ['InProgress', 'Ready', 'Failed'],
	/** Participant status in a started session: "Signed" [C]; the others [G]. */
	participantStatus: ['Waiting', 'Pending', 'Signed', 'Declined'],
} as const;

/** The error message EasyInk sends while a document is still being processed [C]. */
export const EASYINK_PROCESSING_MESSAGE = 'Document processing is in progress. Try again later.';
