/**
 * What EasyInk answers, in the documented models only (easyink-public-api.txt): the draft (SigningConfiguration),
 * the session (SigningView), the search item (SigningSessionItem), the participant (Add Me answer).
 */
import { PROCESSING, type ENUM } from './docs';
import { EASYINK_ME, titleOf, type EasyInkFile, type EasyInkParticipant, type EasyInkSession, type EasyInkSettings } from './state';

const ORGANIZATION_ID = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const SETTINGS_SET_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

const output = (readyAt: number, now: number) => (readyAt <= now ? PROCESSING.outputReady : PROCESSING.outputBusy);
const fileStatus = (f: EasyInkFile, now: number) => (f.failed ? PROCESSING.documentFailed : f.readyAt <= now ? PROCESSING.documentReady : PROCESSING.documentBusy);

/** The participant model (fields of the Add Me answer). */
export function participantView(p: EasyInkParticipant) {
	return {
		id: p.id,
		firstName: p.firstName,
		middleName: p.middleName,
		lastName: p.lastName,
		email: p.email,
		phone: p.phone,
		role: p.role,
		userId: p.userId,
		deliveryMethods: p.deliveryMethods,
		language: p.language,
		signatureBlobId: p.signatureBlobId,
		initialsBlobId: p.initialsBlobId,
	};
}

/** GET draft: the documented SigningConfiguration fields. */
export function draftView(s: EasyInkSession, now: number, settings: EasyInkSettings) {
	return {
		signingSessionId: s.id,
		organizationId: ORGANIZATION_ID,
		settingsSetId: SETTINGS_SET_ID,
		initiatorUserId: EASYINK_ME.userId,
		timestampFormat: 'Usa' as (typeof ENUM.timestampFormat)[number],
		isBulkSession: false,
		isLocked: s.status !== 'Draft',
		isVoidDisabled: settings.voidDisabled,
		isSessionCopyDisabled: false,
		isValidBulkParticipant: null,
		subject: s.subject,
		documents: s.documents.map((d) => ({
			id: d.id,
			title: titleOf(d.fileName),
			blobId: d.blobId,
			status: fileStatus(d, now),
			// The example shows `"pages": [ ]`; one entry per page once processed. The page model is not documented [G].
			pages: fileStatus(d, now) === PROCESSING.documentReady ? Array.from({ length: d.pageCount }, (_, i) => ({ pageNumber: i + 1 })) : [],
		})),
		attachments: s.attachments.map((a) => ({ id: a.id, title: titleOf(a.fileName), blobId: a.blobId, status: fileStatus(a, now) })), // model not documented [G]: as documents
		participants: s.participants.map(participantView),
		bulkParticipants: null,
		// SignatureField model not documented (example `[ ]`) [G]: the add request's field with its ids.
		signatureFields: s.fields.map((f) => ({
			id: f.id,
			participantId: f.participantId,
			documentId: f.documentId,
			type: f.type,
			placement: { ...f.placement },
			options: { ...f.options },
			dependsOn: f.dependsOn,
		})),
		pageLabels: [],
		reminderFrequency: s.reminderFrequency,
		signingOrderSettings: { type: s.signingOrder.type, participantsOrder: s.signingOrder.participantsOrder },
	};
}

export const canBeVoided = (s: EasyInkSession, settings: EasyInkSettings) => !settings.voidDisabled && (s.status === 'Pending' || s.status === 'InProgress');
export const canBeCopied = (s: EasyInkSession) => s.status !== 'Voided' && s.status !== 'Expired'; // [C] "any status except Voided or Expired"
export const canBeDeleted = (s: EasyInkSession) => s.status === 'Draft' || s.status === 'ReadyToStart';
export const meNeedsToSign = (s: EasyInkSession) =>
	(s.status === 'Pending' || s.status === 'InProgress') && s.participants.some((p) => p.userId === EASYINK_ME.userId && p.status === 'Pending');

/** GET session: the documented SigningView fields (participants and signed documents as in the example). */
export function sessionView(s: EasyInkSession, now: number, settings: EasyInkSettings) {
	return {
		signingSessionId: s.id,
		bulkSessionId: null,
		subject: s.subject,
		canBeVoided: canBeVoided(s, settings),
		canBeCopied: canBeCopied(s),
		status: s.status,
		documents: s.documents.map((d) => ({ documentId: d.id, title: d.fileName })),
		participants: s.participants.map((p) => ({
			participantId: p.id,
			firstName: p.firstName,
			lastName: p.lastName,
			email: p.email,
			role: p.role,
			status: p.status,
			signedAt: p.signedAt,
		})),
		signedDocuments: s.signedDocuments.map((d) => ({ signedDocumentId: d.signedDocumentId, title: d.title, processingStatus: output(d.readyAt, now) })),
		attachments: s.attachments.map((a) => ({ attachmentId: a.id, title: a.fileName })), // SigningViewAttachment not documented [G]
		allInOneDocument: s.allInOne ? { title: s.allInOne.title, status: output(s.allInOne.readyAt, now) } : null,
	};
}

/** One search item (SigningSessionItem), exactly the documented fields. */
export function searchItem(s: EasyInkSession) {
	return {
		id: s.id,
		isBulk: false,
		subject: s.subject,
		created: s.created,
		status: s.status,
		currentUserNeedToSign: meNeedsToSign(s),
		hasNotificationErrors: s.hasNotificationErrors,
		canBeDeleted: canBeDeleted(s),
	};
}
