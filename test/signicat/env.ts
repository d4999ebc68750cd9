/** Shared set-up of the Signicat tests: sandbox credentials, node builders and the emulator state. */
import type { IDataObject, INode } from 'n8n-workflow';

import { emulatorState } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/server';
import type { SignicatState } from '../../sandbox/providers/signicat';
import type { TestEnv } from '../helpers';
import { node, useEnv } from '../helpers';

export const CLIENT_ID = 'sandbox-client';
export const CLIENT_SECRET = 'sandbox-secret-123';

export function signicatCredentials(sandbox: Sandbox, overrides: IDataObject = {}): IDataObject {
	return {
		environment: 'custom',
		customAccessTokenUrl: `${sandbox.url('signicat')}/auth/open/connect/token`,
		baseUrl: `${sandbox.url('signicat')}/sign`,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		...overrides,
	};
}

export function useSignicat(overrides: IDataObject = {}): TestEnv {
	return useEnv((s) => ({ signicatOAuth2Api: signicatCredentials(s, overrides) }));
}

export const CRED = { signicatOAuth2Api: 'signicat-cred' };

export function signicat(parameters: IDataObject, name = 'Signicat'): INode {
	return node('signicat', parameters, CRED, name);
}

export function signicatTrigger(parameters: IDataObject, name = 'Trigger'): INode {
	return node('signicatTrigger', parameters, CRED, name);
}

export function state(env: TestEnv): SignicatState {
	return emulatorState<SignicatState>(env.sandbox, 'signicat');
}

/** API requests (token requests excluded). */
export function apiRequests(env: TestEnv) {
	return env.sandbox.requestsFor('signicat').filter((r) => r.path.startsWith('/sign/'));
}

export function tokenRequests(env: TestEnv) {
	return env.sandbox.requestsFor('signicat').filter((r) => r.path === '/auth/open/connect/token');
}

let seq = 0;
/** Puts a session straight into the emulator (for listing and trigger tests). */
export function addSession(env: TestEnv, fields: { title?: string; createdAt?: string; state?: string; dueDate?: string } = {}) {
	const st = state(env);
	const doc = st.storeDocument(Buffer.from('%PDF-1.4 test'), 'application/pdf', Date.now());
	seq += 1;
	const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
	const lifecycle = fields.state ?? 'READY';
	st.sessions.set(id, {
		id,
		createdAt: fields.createdAt ?? new Date().toISOString(),
		signatureUrl: `http://sandbox/sign/${id}`,
		signatureUrlExpiresAt: new Date(Date.now() + 86400_000).toISOString(),
		title: fields.title ?? `Session ${seq}`,
		...(fields.dueDate ? { dueDate: fields.dueDate } : {}),
		documents: [{ documentId: doc.documentId, action: 'SIGN' }],
		lifecycle: { state: lifecycle, stateIsFinal: ['SIGNED', 'REJECTED', 'EXPIRED'].includes(lifecycle) },
		output: { signatures: [], packages: [] },
		signingSetup: [{ identityProviders: [{ idpName: 'mitid' }], signingFlow: 'AUTHENTICATION_BASED' }],
	});
	return st.sessions.get(id)!;
}
