/** Participants of a draft (add, add me, update, remove) and the contact update of a started session's participant. */
import { json, type Route, type SandboxRequest } from '../../server';
import { ENUM, LIMIT, MESSAGE, PARTICIPANT_STATUS } from './docs';
import { draftLookups, findIn, noContent } from './drafts';
import { body, check, checkContact, checkEnum, checkText, notFound, route, validation, type InnerError } from './http';
import { EASYINK_ME, type EasyInkState } from './state';
import { participantView } from './views';

/** The documented participant request (add and update have the same fields). */
const PARTICIPANT_KEYS = ['firstName', 'middleName', 'lastName', 'email', 'phone', 'deliveryMethods', 'language'] as const;

function participantBody(req: SandboxRequest) {
	const b = body(req, PARTICIPANT_KEYS);
	const errors: InnerError[] = [];
	checkText(errors, b, 'firstName', 1, LIMIT.name, true);
	checkText(errors, b, 'lastName', 1, LIMIT.name, true);
	checkText(errors, b, 'middleName', 0, LIMIT.name, false);
	checkContact(errors, b, true);
	checkEnum(errors, 'language', b.language, ENUM.language);
	check(errors);
	return {
		firstName: b.firstName as string,
		middleName: (b.middleName as string | null | undefined) ?? null,
		lastName: b.lastName as string,
		email: (b.email as string | null | undefined) ?? null,
		phone: (b.phone as string | null | undefined) ?? null,
		deliveryMethods: (b.deliveryMethods as Array<'Email' | 'Sms'> | null | undefined) ?? null,
		language: ((b.language as string | null | undefined) ?? 'English') as 'English' | 'Spanish', // [C] default "English"
	};
}

export function participantRoutes(state: EasyInkState): Route[] {
	const { editable } = draftLookups(state);
	return [
		route(state, 'participantAdd', (req) => {
			const s = editable(req);
			// "Adds a new signer participant" [C]: the request has no role; the participant is a Signer.
			const p = state.newParticipant({ ...participantBody(req), role: 'Signer' });
			s.participants.push(p);
			return json(200, p.id);
		}),
		route(state, 'participantAddMe', (req) => {
			body(req, []);
			const s = editable(req);
			if (s.participants.some((p) => p.userId === EASYINK_ME.userId)) return validation('The current user is already a participant of this signing session');
			// "does not set any delivery methods by default" [C]; role as in the documented example answer ("Signer").
			const p = state.newParticipant({
				firstName: EASYINK_ME.firstName,
				middleName: EASYINK_ME.middleName,
				lastName: EASYINK_ME.lastName,
				email: EASYINK_ME.email,
				phone: EASYINK_ME.phone,
				userId: EASYINK_ME.userId,
				role: 'Signer',
			});
			s.participants.push(p);
			return json(200, participantView(p));
		}),
		route(state, 'participantUpdate', (req) => {
			const s = editable(req);
			const p = findIn(s.participants, req.params.participantId, 'Participant');
			Object.assign(p, participantBody(req));
			return noContent;
		}),
		route(state, 'participantRemove', (req) => {
			const s = editable(req);
			const p = findIn(s.participants, req.params.participantId, 'Participant');
			s.participants = s.participants.filter((x) => x !== p);
			// [C] cascade: the participant's fields, and fields depending on them.
			const removed = s.fields.filter((f) => f.participantId === p.id).map((f) => f.id);
			s.fields = s.fields.filter((f) => !removed.includes(f.id) && !(f.dependsOn && removed.includes(f.dependsOn)));
			// Sequential order: the documents say the order must be submitted again; the sandbox keeps the rest in order.
			if (s.signingOrder.participantsOrder) s.signingOrder.participantsOrder = s.signingOrder.participantsOrder.filter((id) => id !== p.id);
			return noContent;
		}),
		// ── started session: contact update (update-participant-contact use case) ──
		route(state, 'sessionParticipant', (req) => {
			const s = state.sessions.get(req.params.id);
			if (!s || s.status === 'Draft') return notFound(MESSAGE.sessionNotFound);
			if (s.status !== 'Pending' && s.status !== 'InProgress') return validation(`Contact information cannot be changed in a signing session in ${s.status} status.`); // [G]
			const p = findIn(s.participants, req.params.participantId, 'Participant');
			const b = body(req, ['deliveryMethods', 'email', 'phone']);
			const errors: InnerError[] = [];
			checkContact(errors, b, false);
			check(errors);
			// "You cannot update contact info after the participant has already opened their signing link" [C]
			if (p.linkUsed) return validation(MESSAGE.linkUsed);
			// "Updates are only allowed for participants in Pending status" [C]
			if (p.status !== PARTICIPANT_STATUS.pending) return validation(MESSAGE.notPending);
			if ('deliveryMethods' in b) p.deliveryMethods = (b.deliveryMethods as Array<'Email' | 'Sms'> | null) ?? null;
			if ('email' in b) p.email = (b.email as string | null) ?? null;
			if ('phone' in b) p.phone = (b.phone as string | null) ?? null;
			p.linkUsed = false; // a fresh link replaces the old one [C]
			return noContent;
		}),
	];
}
