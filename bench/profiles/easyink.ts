/**
 * EasyInk benchmark profile. The credential is OAuth2 (PKCE): n8n's copy carries the sandbox's standing tokens;
 * the bare comparison gets its own access token from the emulated identity provider in `prepare`.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { emulatorState } from '../../sandbox/index';
import { EASYINK_SANDBOX_CLIENT, EASYINK_SANDBOX_PREFIXES, EASYINK_SANDBOX_TOKENS, type EasyInkState } from '../../sandbox/providers/easyink';
import type { BenchProfile } from '../profile';

const API = EASYINK_SANDBOX_PREFIXES.api;
const cred = { easyInkOAuth2Api: { id: 'bench', name: 'bench' } };
const node = (id: string, parameters: INodeParameters, x = 0) => ({
	id,
	name: id.charAt(0).toUpperCase() + id.slice(1),
	type: 'n8n-nodes-esign.easyInk',
	typeVersion: 1,
	position: [x, 0] as [number, number],
	credentials: cred,
	parameters,
});
const auth = (ctx: IDataObject) => ({ Authorization: `Bearer ${String(ctx.token)}`, Accept: 'application/json' });

async function control(origin: string, path: string, body: unknown): Promise<IDataObject> {
	const res = await fetch(`${origin}/_control/${API}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (!res.ok) throw new Error(`EasyInk sandbox ${path} answered ${res.status}`);
	return (await res.json()) as IDataObject;
}

export const easyInkProfile: BenchProfile = {
	name: 'EasyInk',
	credentials: (origin) => ({
		easyInkOAuth2Api: {
			environment: 'custom',
			apiUrl: `${origin}/${API}`,
			identityUrl: `${origin}/${EASYINK_SANDBOX_PREFIXES.identity}`,
			clientId: EASYINK_SANDBOX_CLIENT.clientId,
			clientSecret: EASYINK_SANDBOX_CLIENT.clientSecret,
			oauthTokenData: { access_token: EASYINK_SANDBOX_TOKENS.accessToken, token_type: 'Bearer' },
		},
	}),
	async prepare(origin) {
		// EasyInk's upload limit is not documented; the sandbox's default (25 MB) is raised for the 200 MB upload.
		await control(origin, '/settings', { maxFileBytes: 512 * 1024 * 1024 });
		const tokens = await control(origin, '/tokens', {});
		const draft = await fetch(`${origin}/${API}/api/signingSessionDrafts`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${String(tokens.access_token)}`, 'content-type': 'application/json' },
			body: JSON.stringify({ subject: 'Bench uploads' }),
		});
		return { token: tokens.access_token, draftId: (await draft.json()) as string };
	},
	createNode: () => node('create', { resource: 'draft', operation: 'create', subject: '={{ "Contract " + $json.n }}' }),
	getNode: () => node('get', { resource: 'draft', operation: 'get', sessionId: '={{ $json.signingSessionId }}' }, 200),
	bareCreate: (origin, ctx, n) => ({
		method: 'POST',
		url: `${origin}/${API}/api/signingSessionDrafts`,
		headers: auth(ctx),
		body: { subject: `Contract ${n}` },
	}),
	// EasyInk answers a create with the new id as a JSON string.
	bareGet: (origin, ctx, created) => ({ method: 'GET', url: `${origin}/${API}/api/signingSessionDrafts/${String(created)}`, headers: auth(ctx) }),
	uploadNode: (ctx) => node('upload', { resource: 'document', operation: 'upload', sessionId: String(ctx.draftId), binaryPropertyName: 'data' }),
	trigger: {
		pageSize: 100,
		node: () => ({
			id: 'trigger',
			name: 'Trigger',
			type: 'n8n-nodes-esign.easyInkTrigger',
			// Version 2, as a new workflow gets it: Include Session Details off by default (version 1 keeps it on, one
			// request per event), so events come from the search; no request per event.
			typeVersion: 2,
			position: [0, 0],
			credentials: cred,
			parameters: { events: ['sessionFinished'] },
		}),
		seed(sandbox, n) {
			// n sessions sent and waiting for their one signer, oldest first.
			const state = emulatorState<EasyInkState>(sandbox, API);
			const ids: string[] = [];
			for (let i = 0; i < n; i++) {
				const s = state.newSession(`Seed ${i}`);
				s.participants = [state.newParticipant({ firstName: 'Bench', lastName: 'Signer', email: 'bench@example.com', deliveryMethods: ['Email'] })];
				s.status = 'ReadyToStart';
				state.start(s);
				ids.push(s.id);
			}
			return { ids, next: 0 };
		},
		addEvents(sandbox, ctx, n) {
			// The oldest waiting sessions get signed (and so finish) first.
			const state = emulatorState<EasyInkState>(sandbox, API);
			const ids = ctx.ids as string[];
			const start = Number(ctx.next);
			for (let i = start; i < start + n; i++) state.sign(ids[i]);
			ctx.next = start + n;
		},
	},
};
