/**
 * "Simplify" for EasyInk answers: the fields a workflow needs, in camelCase, with the same names in the action node
 * and the trigger (`signingSessionId`, `participantId`, `documentId`, `signedDocumentIds`, …). Fields EasyInk did
 * not send are left out. The README lists them ("Simplified output").
 */
import type { IDataObject } from 'n8n-workflow';

import { pickCamel } from '../../shared/simplify';

const list = (value: unknown): IDataObject[] => (Array.isArray(value) ? (value as IDataObject[]).filter((v) => v && typeof v === 'object') : []);

/** Drops undefined values (a field EasyInk did not send). */
function defined(record: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

/**
 * A participant of a draft (`id`) or of a started session (`participantId`): who, their role and, in a started
 * session, their status and signing time.
 */
export function simpleParticipant(p: IDataObject): IDataObject {
	return defined({ participantId: p.participantId ?? p.id, ...pickCamel(p, ['firstName', 'middleName', 'lastName', 'email', 'role', 'status', 'signedAt']) });
}

/** Signing Session → Get (EasyInk's SigningView). */
export function simpleSession(s: IDataObject): IDataObject {
	const allInOne = s.allInOneDocument as IDataObject | null | undefined;
	const signed = list(s.signedDocuments);
	return defined({
		signingSessionId: s.signingSessionId,
		subject: s.subject,
		status: s.status,
		canBeVoided: s.canBeVoided,
		participants: list(s.participants).map(simpleParticipant),
		documents: list(s.documents).map((d) => defined({ documentId: d.documentId ?? d.id, title: d.title })),
		signedDocuments: signed.map((d) => defined({ signedDocumentId: d.signedDocumentId, title: d.title, processingStatus: d.processingStatus })),
		signedDocumentIds: signed.map((d) => d.signedDocumentId).filter(Boolean),
		allInOneDocumentStatus: allInOne ? allInOne.status : undefined,
	});
}

/** One item of Signing Session → Get Many (EasyInk's SigningSessionItem): the same names as the trigger's events. */
export function simpleSearchItem(item: IDataObject): IDataObject {
	return defined({ signingSessionId: item.id, subject: item.subject, status: item.status, created: item.created, currentUserNeedToSign: item.currentUserNeedToSign });
}

/** Draft → Get (EasyInk's SigningConfiguration). */
export function simpleDraft(d: IDataObject): IDataObject {
	const order = (d.signingOrderSettings as IDataObject | null | undefined) ?? undefined;
	return defined({
		signingSessionId: d.signingSessionId,
		subject: d.subject,
		isLocked: d.isLocked,
		reminderFrequency: d.reminderFrequency,
		signingOrder: order?.type,
		participantsOrder: order?.participantsOrder ?? undefined,
		documents: list(d.documents).map((doc) =>
			defined({ documentId: doc.id, title: doc.title, status: doc.status, pageCount: Array.isArray(doc.pages) ? doc.pages.length : undefined }),
		),
		participants: list(d.participants).map((p) => defined({ ...simpleParticipant(p), ...pickCamel(p, ['phone', 'deliveryMethods', 'language']) })),
		// EasyInk does not document these two models: their ids and what they name, as far as given.
		attachments: list(d.attachments).map((a) => defined({ attachmentId: a.attachmentId ?? a.id, title: a.title, status: a.status })),
		signatureFields: list(d.signatureFields).map((f) =>
			defined({
				signatureFieldId: f.signatureFieldId ?? f.id,
				participantId: f.participantId,
				documentId: f.documentId,
				type: f.type,
				page: (f.placement as IDataObject | undefined)?.page,
			}),
		),
	});
}

/** Participant → Add Me (EasyInk's participant model). */
export function simpleMe(signingSessionId: string, p: IDataObject): IDataObject {
	return defined({
		signingSessionId,
		participantId: p.id,
		...pickCamel(p, ['firstName', 'middleName', 'lastName', 'email', 'phone', 'role', 'deliveryMethods', 'language']),
	});
}
