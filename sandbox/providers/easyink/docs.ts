/**
 * The sandbox's own reading of EasyInk's public documentation — written from the documents, never from the
 * package's node code. Sources:
 * - `easyink-public-api.txt` (the captured API reference; most paths were lost from it),
 * - `PUBLIC-DOCS.md §1` (docs.easyink.io: intro, create-signing-session, configure-signing-order,
 *   void-signing-session, update-participant-contact),
 * - `REFERENCE.md` (EasyInk).
 * Where the documents are silent the value is a guess, marked [G] with the reason.
 */

/** Route prefixes in the sandbox: API host and identity provider host. */
export const PREFIX = { api: 'easyink', identity: 'easyink-identity' } as const;

const API_REF = 'easyink-public-api.txt';
const USE_CASE = 'https://docs.easyink.io/docs/use-cases';
/** The pattern the confirmed paths show (PUBLIC-DOCS.md §1, last paragraph). */
const PATTERN = 'by the pattern of PUBLIC-DOCS.md §1';

/**
 * Every API route the emulator serves: method, path (`:name` parameters) and where it comes from. Guessed
 * paths are derived from the confirmed ones: drafts live under `/api/signingSessionDrafts/{id}/…`, started
 * sessions under `/api/signingSessions/{id}/…`; state changes are past-participle sub-resources called with
 * POST (`…/voided`), configuration uses PUT (`…/signingOrder/oneByOne`); sub-resources are named after the
 * fields of the documented models (`signatureFields`, `signedDocuments`, `allInOneDocument`, …).
 */
export const ROUTES = {
	draftCreate: { method: 'POST', path: '/api/signingSessionDrafts', source: `PUBLIC-DOCS.md §1 (${USE_CASE}/create-signing-session, step 1)` },
	draftGet: { method: 'GET', path: '/api/signingSessionDrafts/:id', source: `[G] item of the confirmed drafts collection, ${PATTERN}; fields from ${API_REF} "Retrieves complete details of a signing session draft"` },
	draftUpdate: { method: 'PUT', path: '/api/signingSessionDrafts/:id', source: `[G] configuration uses PUT on the draft, ${PATTERN}; body from ${API_REF} "Updates basic parameters"` },
	draftDelete: { method: 'DELETE', path: '/api/signingSessionDrafts/:id', source: `[G] item of the drafts collection; behaviour from ${API_REF} "Permanently deletes a signing session draft"` },
	draftExists: { method: 'HEAD', path: '/api/signingSessionDrafts/:id', source: `[G] item of the drafts collection; ${API_REF} "Checks whether a signing session draft exists"` },
	draftConvert: { method: 'POST', path: '/api/signingSessionDrafts/:id/converted', source: `[G] a state change as a past-participle sub-resource with POST (like …/voided), ${PATTERN}; ${API_REF} "Converts a draft signing session to ReadyToStart"` },
	documentUpload: { method: 'POST', path: '/api/signingSessionDrafts/:id/documents', source: `PUBLIC-DOCS.md §1 (${USE_CASE}/create-signing-session, step 2); multipart field fileContent (${API_REF})` },
	documentDownload: { method: 'GET', path: '/api/signingSessionDrafts/:id/documents/:documentId', source: `[G] item of the confirmed documents collection; ${API_REF} "Downloads the complete document for signing"` },
	documentRemove: { method: 'DELETE', path: '/api/signingSessionDrafts/:id/documents/:documentId', source: `[G] item of the documents collection; ${API_REF} "Removes a document for signing"` },
	attachmentUpload: { method: 'POST', path: '/api/signingSessionDrafts/:id/attachments', source: `[G] sibling of …/documents named after the draft's "attachments" field; ${API_REF} attachment operations` },
	attachmentDownload: { method: 'GET', path: '/api/signingSessionDrafts/:id/attachments/:attachmentId', source: `[G] item of …/attachments; ${API_REF} "Downloads the complete attachment document"` },
	attachmentRemove: { method: 'DELETE', path: '/api/signingSessionDrafts/:id/attachments/:attachmentId', source: `[G] item of …/attachments; ${API_REF} "Removes an attachment document"` },
	participantAdd: { method: 'POST', path: '/api/signingSessionDrafts/:id/participants', source: `PUBLIC-DOCS.md §1 (${USE_CASE}/create-signing-session, step 3); body from ${API_REF} "Adds a new signer participant"` },
	participantAddMe: { method: 'POST', path: '/api/signingSessionDrafts/:id/participants/me', source: `[G] "me" under the confirmed participants collection; ${API_REF} "Adds the currently authenticated user"` },
	participantUpdate: { method: 'PUT', path: '/api/signingSessionDrafts/:id/participants/:participantId', source: `[G] same shape as the confirmed PUT /api/signingSessions/{id}/participants/{participantId}; body from ${API_REF} "Updates all information for an existing participant"` },
	participantRemove: { method: 'DELETE', path: '/api/signingSessionDrafts/:id/participants/:participantId', source: `[G] item of the participants collection; ${API_REF} "Removes a participant"` },
	orderOneByOne: { method: 'PUT', path: '/api/signingSessionDrafts/:id/signingOrder/oneByOne', source: `PUBLIC-DOCS.md §1 (${USE_CASE}/configure-signing-order)` },
	orderAllAtOnce: { method: 'PUT', path: '/api/signingSessionDrafts/:id/signingOrder/allAtOnce', source: `PUBLIC-DOCS.md §1 (${USE_CASE}/configure-signing-order)` },
	fieldAdd: { method: 'POST', path: '/api/signingSessionDrafts/:id/signatureFields', source: `[G] prefix POST /api/signingSessionD… confirmed (PUBLIC-DOCS.md §1, step 4, cut off), named after the draft's "signatureFields"; body from ${API_REF}` },
	fieldRemove: { method: 'DELETE', path: '/api/signingSessionDrafts/:id/signatureFields/:signatureFieldId', source: `[G] item of …/signatureFields; ${API_REF} "Removes a signature field" (answers every removed id)` },
	fieldOptions: { method: 'PUT', path: '/api/signingSessionDrafts/:id/signatureFields/:signatureFieldId/options', source: `[G] configuration uses PUT, named after the field's "options"; ${API_REF} "Updates the configuration options"` },
	fieldPlacement: { method: 'PUT', path: '/api/signingSessionDrafts/:id/signatureFields/:signatureFieldId/placement', source: `[G] configuration uses PUT, named after the field's "placement"; ${API_REF} "Updates the position and size"` },
	// statistics before :id, so that "statistics" is not taken for an id
	statistics: { method: 'GET', path: '/api/signingSessions/statistics', source: `[G] under the confirmed /api/signingSessions; fields from ${API_REF} "Retrieves summary statistics"` },
	search: { method: 'GET', path: '/api/signingSessions', source: `[G] the confirmed started-sessions collection; query and answer from ${API_REF} "Search and filter signing sessions"` },
	sessionGet: { method: 'GET', path: '/api/signingSessions/:id', source: `[G] item of /api/signingSessions (the confirmed …/{id}/voided lives below it); fields from ${API_REF} "Retrieves complete details of an active or completed signing session"` },
	sessionExists: { method: 'HEAD', path: '/api/signingSessions/:id', source: `[G] item of /api/signingSessions; ${API_REF} "Lightweight check for signing session existence"` },
	sessionStart: { method: 'POST', path: '/api/signingSessions/:id/started', source: `[G] a state change as a past-participle sub-resource with POST (like …/voided), on the session the draft was converted to; ${API_REF} "Initiates the signing session"` },
	sessionVoid: { method: 'POST', path: '/api/signingSessions/:id/voided', source: `PUBLIC-DOCS.md §1 (${USE_CASE}/void-signing-session)` },
	sessionDuplicate: { method: 'POST', path: '/api/signingSessions/:id/duplicated', source: `[G] past-participle sub-resource with POST, ${PATTERN}; ${API_REF} "Creates a new draft by duplicating"` },
	sessionRecreate: { method: 'POST', path: '/api/signingSessions/:id/recreated', source: `[G] past-participle sub-resource with POST, ${PATTERN}; ${API_REF} "Creates a new draft by copying an existing signing session, then voids the original"` },
	sessionParticipant: { method: 'PUT', path: '/api/signingSessions/:id/participants/:participantId', source: `PUBLIC-DOCS.md §1 (${USE_CASE}/update-participant-contact)` },
	sessionDocument: { method: 'GET', path: '/api/signingSessions/:id/documents/:documentId', source: `[G] named after the session's "documents" field; ${API_REF} "Downloads the original document for signing from a signing session"` },
	sessionAttachment: { method: 'GET', path: '/api/signingSessions/:id/attachments/:attachmentId', source: `[G] named after the session's "attachments" field; ${API_REF} "Downloads an attachment document from an active or completed signing session"` },
	signedDocument: { method: 'GET', path: '/api/signingSessions/:id/signedDocuments/:documentId', source: `[G] named after the session's "signedDocuments" field; ${API_REF} "Downloads a completed signed document"` },
	allInOne: { method: 'GET', path: '/api/signingSessions/:id/allInOneDocument', source: `[G] named after the session's "allInOneDocument" field; ${API_REF} "Downloads a combined PDF"` },
} as const;

export type RouteName = keyof typeof ROUTES;

/** Identity provider [C] (easyink-public-api.txt "How to obtain a token"; PUBLIC-DOCS.md §1 Auth). */
export const IDENTITY = {
	authorize: { method: 'GET', path: '/connect/authorize', source: `${API_REF} "Step 2: Get Authorization Code"; PUBLIC-DOCS.md §1 (Auth)` },
	token: { method: 'POST', path: '/connect/token', source: `${API_REF} "Step 3: Exchange Code for Token"; PUBLIC-DOCS.md §1 (Auth, no refresh grant documented)` },
	scopes: ['openid', 'hermes_api', 'hermes_idp', 'profile'],
	codeChallengeMethod: 'S256',
} as const;

/** Enumerations as the API reference lists them [C]; values marked [G] are the sandbox's own. */
export const ENUM = {
	sessionStatus: ['Draft', 'ReadyToStart', 'Pending', 'InProgress', 'Finished', 'Declined', 'Voided', 'Expired'],
	/** Search filter values [C]. The reference gives no meaning for each; the sandbox matches each status exactly. */
	searchStatus: ['Draft', 'ReadyToStart', 'InProgress', 'NeedToSign', 'Finished', 'Declined', 'Voided', 'Expired', 'NeedsAction'],
	deliveryMethod: ['Email', 'Sms'],
	language: ['English', 'Spanish'],
	reminderFrequency: ['Never', 'Daily', 'Weekly'],
	role: ['Initiator', 'Signer'],
	timestampFormat: ['Usa', 'Spanish'],
	/** "Signature" [C] (example); the others [G] from "signatures, dates, initials, etc.". */
	fieldType: ['Signature', 'Initials', 'Date', 'Text'],
} as const;

/** Processing states. Documented: draft document "ProcessingReady", signed document / all-in-one "Ready". */
export const PROCESSING = {
	documentReady: 'ProcessingReady', // [C] draft example
	documentBusy: 'Processing', // [G]
	documentFailed: 'ProcessingFailed', // [G]
	outputReady: 'Ready', // [C] session example (processingStatus, allInOneDocument.status)
	outputBusy: 'InProgress', // [G]
} as const;

/** Participant status in a started session: "Signed" [C] (example), "Pending" [C] (update-participant-contact page); the others [G]. */
export const PARTICIPANT_STATUS = { waiting: 'Waiting', pending: 'Pending', signed: 'Signed', declined: 'Declined' } as const;

/** Limits from the field descriptions [C]. */
export const LIMIT = { subject: 500, name: 100, email: 256, voidReason: 1000, pageSizeMax: 100, pageSizeDefault: 20, minSize: 0.1 } as const;

/** Error messages the documents show, word for word [C]; [G] where the sandbox had to write its own. */
export const MESSAGE = {
	draftNotFound: 'Signing session draft does not exists', // [C] allAtOnce example
	sessionNotFound: 'The specified signing session ID was not found.', // [C] void use-case page
	processing: 'Document processing is in progress. Try again later.', // [C] download examples
	subjectTooLong: 'Subject cannot exceed 500 characters', // [C]
	draftLocked: 'Signing session draft is locked and cannot be removed', // [C]
	draftNotEditable: 'Signing session draft is locked and cannot be modified', // [G]
	orderMissing: 'There are some participants missed in signing order definition: ', // [C] + ids
	orderOnlyDraft: 'Signing order can only be configured while the session is in Draft status.', // [G] wording of the rule on the use-case page
	convertInvalid: 'Session configuration is invalid. Check that all documents, participants, and fields are configured.', // [C]
	startNoDocument: 'Session must have at least one document before starting', // [C]
	voidReasonRequired: 'A reason for voiding is required.', // [C] void use-case page
	alreadyVoided: 'The session is already in Voided status.', // [C]
	voidPolicy: 'The session cannot be voided due to organization policy.', // [C]
	linkUsed: "Delivery method can't be changed because the participant has already used the signing link", // [C]
	notPending: 'Contact information can only be updated for participants in Pending status.', // [G] wording of the rule on the use-case page
	participantIdRequired: 'Participant Id is required', // [C]
	positionX: 'Position on X-axis cannot be less than 0', // [C]
	signedNotAvailable: 'Signed document is not available until participant completes signing', // [C]
	allInOneFailed: 'All-in-one document compilation failed.', // [C]
	manyErrors: 'Validation failed for one or more fields', // [C]
} as const;
