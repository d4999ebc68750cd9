/**
 * Every EasyInk host and path the nodes use, in ONE table: a corrected path is a one-line change in EASYINK_PATTERNS.
 * (The sandbox does not use this table: it has its own reading of EasyInk's documents, so that a misreading here
 * shows up as a failing test instead of passing everywhere.)
 *
 * Sources: shared/providers/easyink-public-api.txt (the captured API reference, which lost most paths),
 * PUBLIC-DOCS.md §1 (docs.easyink.io use-case pages) and REFERENCE.md (EasyInk).
 * Marks: [C] confirmed by EasyInk's own documents; [G] guessed. The guesses follow the pattern the confirmed paths
 * show (PUBLIC-DOCS.md §1): drafts under /api/signingSessionDrafts/{id}/…, started sessions under
 * /api/signingSessions/{id}/…; a state change is a past-participle sub-resource called with POST (…/voided);
 * configuration uses PUT (…/signingOrder/oneByOne); sub-resources are named after the documented model fields
 * (signatureFields, signedDocuments, allInOneDocument). Every guess is listed in EASYINK_GUESSES below.
 *
 * Plain data and small functions only: no n8n imports.
 */
import type { Guess } from '../../shared/guesses';

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

/**
 * Route patterns relative to the API host, with `:name` parameters. `:id` is always the signing session (draft) id.
 */
export const EASYINK_PATTERNS = {
	// Drafts
	drafts: '/api/signingSessionDrafts', // [C] POST {subject} → "<new session id>"
	draft: '/api/signingSessionDrafts/:id', // [G] GET / PUT / DELETE / HEAD: the item of the confirmed collection
	draftConvert: '/api/signingSessionDrafts/:id/converted', // [G] POST → ReadyToStart: a state change, past participle like …/voided
	draftDocuments: '/api/signingSessionDrafts/:id/documents', // [C] POST multipart `fileContent` → "<document id>"
	draftDocument: '/api/signingSessionDrafts/:id/documents/:documentId', // [G] GET (original PDF) / DELETE: item of the confirmed collection
	draftAttachments: '/api/signingSessionDrafts/:id/attachments', // [G] POST multipart `fileContent`: sibling of …/documents (the draft's "attachments")
	draftAttachment: '/api/signingSessionDrafts/:id/attachments/:attachmentId', // [G] GET (PDF) / DELETE
	draftParticipants: '/api/signingSessionDrafts/:id/participants', // [C] POST → "<participant id>"
	draftParticipantMe: '/api/signingSessionDrafts/:id/participants/me', // [G] POST → the participant object
	draftParticipant: '/api/signingSessionDrafts/:id/participants/:participantId', // [G] PUT / DELETE: same shape as the confirmed session participant PUT
	draftSigningOrderOneByOne: '/api/signingSessionDrafts/:id/signingOrder/oneByOne', // [C] PUT {participantsOrder}
	draftSigningOrderAllAtOnce: '/api/signingSessionDrafts/:id/signingOrder/allAtOnce', // [C] PUT, no body
	draftSignatureFields: '/api/signingSessionDrafts/:id/signatureFields', // [G] POST → "<field id>" (prefix POST /api/signingSessionD… [C]; the draft's "signatureFields")
	draftSignatureField: '/api/signingSessionDrafts/:id/signatureFields/:signatureFieldId', // [G] DELETE → ["<removed ids>"]
	draftSignatureFieldOptions: '/api/signingSessionDrafts/:id/signatureFields/:signatureFieldId/options', // [G] PUT: configuration, the field's "options"
	draftSignatureFieldPlacement: '/api/signingSessionDrafts/:id/signatureFields/:signatureFieldId/placement', // [G] PUT: configuration, the field's "placement"
	// Started sessions
	sessions: '/api/signingSessions', // [G] GET search (the confirmed collection of …/{id}/voided)
	sessionStatistics: '/api/signingSessions/statistics', // [G] GET
	session: '/api/signingSessions/:id', // [G] GET / HEAD
	sessionStart: '/api/signingSessions/:id/started', // [G] POST: a state change, past participle like …/voided
	sessionVoid: '/api/signingSessions/:id/voided', // [C] POST {reason}
	sessionDuplicate: '/api/signingSessions/:id/duplicated', // [G] POST {subject} → "<new draft id>"
	sessionRecreate: '/api/signingSessions/:id/recreated', // [G] POST {subject, voidReason} → "<new draft id>"
	sessionParticipant: '/api/signingSessions/:id/participants/:participantId', // [C] PUT {deliveryMethods, email, phone}
	sessionDocument: '/api/signingSessions/:id/documents/:documentId', // [G] GET original PDF (the session's "documents")
	sessionAttachment: '/api/signingSessions/:id/attachments/:attachmentId', // [G] GET PDF (the session's "attachments")
	sessionSignedDocument: '/api/signingSessions/:id/signedDocuments/:documentId', // [G] GET signed PDF (the session's "signedDocuments")
	sessionAllInOneDocument: '/api/signingSessions/:id/allInOneDocument', // [G] GET combined PDF + audit trail (the session's "allInOneDocument")
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

/** Every operation of the public API the nodes use: method + pattern. */
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
	signingOrderSequential: { method: 'PUT', pattern: 'draftSigningOrderOneByOne', mark: 'C', returns: 'none' },
	signingOrderParallel: { method: 'PUT', pattern: 'draftSigningOrderAllAtOnce', mark: 'C', returns: 'none' },
	signatureFieldAdd: { method: 'POST', pattern: 'draftSignatureFields', mark: 'G', returns: 'id' },
	signatureFieldUpdateOptions: { method: 'PUT', pattern: 'draftSignatureFieldOptions', mark: 'G', returns: 'none' },
	signatureFieldUpdatePosition: { method: 'PUT', pattern: 'draftSignatureFieldPlacement', mark: 'G', returns: 'none' },
	signatureFieldRemove: { method: 'DELETE', pattern: 'draftSignatureField', mark: 'G', returns: 'ids' },
	sessionSearch: { method: 'GET', pattern: 'sessions', mark: 'G', returns: 'object' },
	sessionStatistics: { method: 'GET', pattern: 'sessionStatistics', mark: 'G', returns: 'object' },
	sessionGet: { method: 'GET', pattern: 'session', mark: 'G', returns: 'object' },
	sessionExists: { method: 'HEAD', pattern: 'session', mark: 'G', returns: 'none' },
	sessionStart: { method: 'POST', pattern: 'sessionStart', mark: 'G', returns: 'none' },
	sessionVoid: { method: 'POST', pattern: 'sessionVoid', mark: 'C', returns: 'none' },
	sessionDuplicate: { method: 'POST', pattern: 'sessionDuplicate', mark: 'G', returns: 'id' },
	sessionRecreate: { method: 'POST', pattern: 'sessionRecreate', mark: 'G', returns: 'id' },
	participantUpdateDelivery: { method: 'PUT', pattern: 'sessionParticipant', mark: 'C', returns: 'none' },
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
	draftSigningOrderOneByOne: (id: string) => f(P.draftSigningOrderOneByOne, { id }),
	draftSigningOrderAllAtOnce: (id: string) => f(P.draftSigningOrderAllAtOnce, { id }),
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
	/** Search filter values [C]; what each one matches is not documented (the API has no "Pending" filter). */
	searchStatus: ['Draft', 'ReadyToStart', 'InProgress', 'NeedToSign', 'Finished', 'Declined', 'Voided', 'Expired', 'NeedsAction'],
	deliveryMethod: ['Email', 'Sms'],
	language: ['English', 'Spanish'],
	reminderFrequency: ['Never', 'Daily', 'Weekly'],
	/** The participant model's `role` [C]. The use-case page also names "CC", which the API reference does not define. */
	participantRole: ['Initiator', 'Signer'],
	signingOrderType: ['AllAtOnce', 'OneByOne'], // AllAtOnce [C]; OneByOne [G] ("oneByOne" path)
	signatureFieldType: ['Signature', 'Initials', 'Date', 'Text'], // Signature [C]; the others [G] ("signatures, dates, initials, etc.")
} as const;

/**
 * Processing states [C] where documented: a draft document is ready when its `status` is "ProcessingReady"; a signed
 * copy when its `processingStatus` is "Ready", the all-in-one document when its `status` is "Ready". Every other value
 * means "not yet", except one that names a failure [G: the not-ready and failure values are not documented].
 */
export const EASYINK_PROCESSING = {
	documentReady: 'ProcessingReady',
	outputReady: 'Ready',
	/** A value naming a failure ends the wait with an error instead of waiting for the timeout [G]. */
	failed: /fail|error/i,
} as const;

/** Participant status "Pending" [C] (update-participant-contact page): the only status whose contact can change. */
export const EASYINK_PARTICIPANT_PENDING = 'Pending';

/**
 * What the nodes assume without an EasyInk source: the live contract checks and the README's "Not yet confirmed"
 * list read this. One line each; the fix for a wrong guess is the line named in `what`.
 */
export const EASYINK_GUESSES: readonly Guess[] = [
	{ id: 'path.draft', what: 'Draft Get/Update/Delete/Check Exists are GET/PUT/DELETE/HEAD /api/signingSessionDrafts/{id}', mark: 'G' },
	{ id: 'path.convert', what: 'Convert is POST /api/signingSessionDrafts/{id}/converted (a past participle like …/voided)', mark: 'G' },
	{ id: 'path.documentItem', what: 'A draft document is GET/DELETE /api/signingSessionDrafts/{id}/documents/{documentId}', mark: 'G' },
	{ id: 'path.attachments', what: 'Attachments are POST /api/signingSessionDrafts/{id}/attachments (multipart fileContent) and GET/DELETE …/attachments/{attachmentId}', mark: 'G' },
	{ id: 'path.participantMe', what: 'Add Me is POST /api/signingSessionDrafts/{id}/participants/me', mark: 'G' },
	{ id: 'path.draftParticipant', what: 'A draft participant is PUT/DELETE /api/signingSessionDrafts/{id}/participants/{participantId}', mark: 'G' },
	{ id: 'path.signatureFields', what: 'Signature fields are POST /api/signingSessionDrafts/{id}/signatureFields and DELETE …/signatureFields/{signatureFieldId}', mark: 'G' },
	{ id: 'path.signatureFieldOptions', what: 'Field options are PUT …/signatureFields/{signatureFieldId}/options', mark: 'G' },
	{ id: 'path.signatureFieldPlacement', what: 'Field placement is PUT …/signatureFields/{signatureFieldId}/placement', mark: 'G' },
	{ id: 'path.search', what: 'Search is GET /api/signingSessions', mark: 'G' },
	{ id: 'path.statistics', what: 'Statistics is GET /api/signingSessions/statistics (also the credential test)', mark: 'G' },
	{ id: 'path.session', what: 'A session is GET/HEAD /api/signingSessions/{id}', mark: 'G' },
	{ id: 'path.start', what: 'Start is POST /api/signingSessions/{id}/started (a past participle like …/voided)', mark: 'G' },
	{ id: 'path.duplicate', what: 'Duplicate is POST /api/signingSessions/{id}/duplicated', mark: 'G' },
	{ id: 'path.recreate', what: 'Recreate is POST /api/signingSessions/{id}/recreated (the void page calls Recreate "available in the UI")', mark: 'G' },
	{ id: 'path.sessionDocument', what: 'A started session\'s original document is GET /api/signingSessions/{id}/documents/{documentId}', mark: 'G' },
	{ id: 'path.sessionAttachment', what: 'A started session\'s attachment is GET /api/signingSessions/{id}/attachments/{attachmentId}', mark: 'G' },
	{ id: 'path.signedDocument', what: 'A signed copy is GET /api/signingSessions/{id}/signedDocuments/{documentId} with its signedDocumentId', mark: 'G' },
	{ id: 'path.allInOne', what: 'The all-in-one document is GET /api/signingSessions/{id}/allInOneDocument', mark: 'G' },
	{ id: 'query.sorting', what: 'Search sorting is sorting.properties[0].propertyName / .isDescending on created, subject or status (the page lost the encoding)', mark: 'G' },
	{ id: 'search.pendingFilter', what: 'No search filter returns Pending sessions: the trigger reads the unfiltered search for new sessions and "Not started" (Draft, ReadyToStart) for drafts that start', mark: 'G' },
	{ id: 'search.finalFilters', what: 'The Finished, Declined, Voided and Expired filters return exactly the sessions in that status', mark: 'G' },
	{ id: 'search.created', what: 'A search item\'s `created` is the session\'s creation time and the search can sort by it', mark: 'G' },
	{ id: 'status.documentProcessing', what: 'A draft document that is not "ProcessingReady" is still being processed (a status naming a failure ends the wait)', mark: 'G' },
	{ id: 'status.outputProcessing', what: 'A signed copy / all-in-one document that is not "Ready" is still being prepared (a status naming a failure ends the wait)', mark: 'G' },
	{ id: 'status.participant', what: 'A participant who declined has status "Declined" (the documents show "Pending" and "Signed" only)', mark: 'G' },
	{ id: 'draft.pages', what: 'A processed draft document lists one `pages` entry per page (used for "last page")', mark: 'G' },
	{ id: 'fieldType.others', what: 'Signature field types besides "Signature" are Initials, Date and Text', mark: 'G' },
	{ id: 'answer.emptyBody', what: 'Updates answer 2xx with no body (any body is ignored)', mark: 'G' },
	{ id: 'auth.noRefresh', what: 'EasyInk issues no refresh token: when the access token\'s exp passes the user reconnects the credential', mark: 'G' },
	{ id: 'auth.redirect', what: 'EasyInk can register n8n\'s OAuth callback URL on a client (the documents show only EasyInk\'s own redirect URLs)', mark: 'G' },
];
