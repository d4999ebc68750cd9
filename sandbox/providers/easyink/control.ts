/**
 * The sandbox's own control routes, `/_control/easyink/…` (not EasyInk's API): act as a participant, seed sessions,
 * issue or expire tokens, change timings.
 */
import { randomUUID } from 'node:crypto';

import { json, makePdf, type Route, type SandboxRequest, type SandboxResponse } from '../../server';
import { isObject } from './http';
import { DEFAULT_SETTINGS, EASYINK_ME, type EasyInkParticipant, type EasyInkSession, type EasyInkSettings, type EasyInkState, type EasyInkStatus } from './state';
import { sessionView } from './views';

export function controlRoutes(state: EasyInkState): Route[] {
	const act = (fn: () => unknown, now: number): SandboxResponse => {
		try {
			const result = fn();
			return json(200, result && typeof result === 'object' && 'seq' in result ? sessionView(result as EasyInkSession, now, state.settings) : result);
		} catch (e) {
			return json(409, { error: (e as Error).message });
		}
	};
	const who = (req: SandboxRequest) => (isObject(req.json) ? (req.json as { participantId?: string; email?: string }) : {});

	return [
		{
			// {documentProcessingMs, signedDocumentDelayMs, issueRefreshTokens, …}: see EasyInkSettings.
			method: 'POST',
			pattern: '/settings',
			handler: (req) => {
				const b = isObject(req.json) ? req.json : {};
				for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof EasyInkSettings>)
					if (b[key] !== undefined) (state.settings as unknown as Record<string, unknown>)[key] = b[key];
				return json(200, state.settings);
			},
		},
		{
			method: 'POST',
			pattern: '/tokens',
			handler: (req) => {
				const b = (isObject(req.json) ? req.json : {}) as { clientId?: string; scope?: string };
				return json(200, state.issueTokens(b.clientId, b.scope, req.now));
			},
		},
		{ method: 'POST', pattern: '/tokens/expire', handler: () => json(200, { expired: state.expireAccessTokens() }) },
		{
			// Seeds a session directly in a status: {subject?, status?, participants?: [{firstName,lastName,email}], includeMe?, created?}
			method: 'POST',
			pattern: '/sessions',
			handler: (req) => {
				const b = (isObject(req.json) ? req.json : {}) as {
					subject?: string;
					status?: EasyInkStatus;
					participants?: Array<Partial<EasyInkParticipant>>;
					includeMe?: boolean;
					created?: string;
				};
				const s = seed(state, b, req.now);
				return json(200, sessionView(s, req.now, state.settings));
			},
		},
		{ method: 'POST', pattern: '/sessions/:id/open', handler: (req) => act(() => state.open(req.params.id, who(req)), req.now) },
		{ method: 'POST', pattern: '/sessions/:id/sign', handler: (req) => act(() => state.sign(req.params.id, who(req), req.now), req.now) },
		{ method: 'POST', pattern: '/sessions/:id/decline', handler: (req) => act(() => state.decline(req.params.id, who(req)), req.now) },
		{ method: 'POST', pattern: '/sessions/:id/expire', handler: (req) => act(() => state.expire(req.params.id), req.now) },
		{ method: 'POST', pattern: '/sessions/:id/ready', handler: (req) => act(() => state.makeReady(req.params.id), req.now) },
		{
			method: 'POST',
			pattern: '/sessions/:id/notification-error',
			handler: (req) =>
				act(() => {
					const s = state.sessions.get(req.params.id);
					if (!s) throw new Error(`no signing session ${req.params.id}`);
					s.hasNotificationErrors = true;
					return s;
				}, req.now),
		},
	];
}

/** A session in the given status, with one processed PDF and a signature field per participant. */
export function seed(
	state: EasyInkState,
	b: { subject?: string; status?: EasyInkStatus; participants?: Array<Partial<EasyInkParticipant>>; includeMe?: boolean; created?: string },
	now: number,
): EasyInkSession {
	const s = state.newSession(b.subject ?? 'Seeded session', now);
	if (b.created) s.created = new Date(b.created).toISOString();
	s.documents.push(state.storeFile('Contract.pdf', 'application/pdf', makePdf(`Contract ${s.subject}`), 0));
	const target = b.status ?? 'Draft';
	const people = b.participants?.length
		? b.participants
		: [
				{ firstName: 'Pat', lastName: 'Signer', email: 'pat.signer@example.com' },
				// InProgress needs someone still to sign after the first signature.
				...(target === 'InProgress' ? [{ firstName: 'Quinn', lastName: 'Cosigner', email: 'quinn.cosigner@example.com' }] : []),
			];
	s.participants = people.map((p) => state.newParticipant({ deliveryMethods: ['Email'], ...p }));
	if (b.includeMe) s.participants.push(state.newParticipant({ ...EASYINK_ME, userId: EASYINK_ME.userId, deliveryMethods: ['Email'] }));
	for (const p of s.participants)
		s.fields.push({
			id: randomUUID(),
			participantId: p.id,
			documentId: s.documents[0].id,
			type: 'Signature',
			placement: { page: 1, positionX: 72, positionY: 72, sizeX: 200, sizeY: 50 },
			options: { isRequired: true, forType: 'Signature' },
			dependsOn: null,
		});
	if (target !== 'Draft') s.status = 'ReadyToStart';
	if (!['Draft', 'ReadyToStart'].includes(target)) {
		state.start(s);
		if (target === 'InProgress' || target === 'Finished') {
			state.sign(s.id, {}, now);
			if (target === 'Finished') while (s.status !== 'Finished') state.sign(s.id, {}, now);
		}
		if (target === 'Declined') state.decline(s.id, {});
		if (target === 'Expired') state.expire(s.id);
		if (target === 'Voided') Object.assign(s, { status: 'Voided', voidReason: 'Seeded as voided' });
	}
	return s;
}
