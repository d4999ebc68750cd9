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
/**
 * Puts a session straight into the emulator (for listing and trigger tests): one PDF in its own collection,
 * created at `createdAtMs` (the sandbox's internal creation time, which no answer shows).
 */
export function addSession(env: TestEnv, fields: { title?: string; createdAtMs?: number; state?: 'BLOCKED' | 'READY' | 'SIGNED' | 'REJECTED'; dueDate?: string } = {}) {
	const st = state(env);
	const doc = st.storeDocument(Buffer.from('%PDF-1.4 test'), 'application/pdf', env.sandbox.now());
	const collection = st.addCollection([doc.documentId]);
	seq += 1;
	const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
	const session = st.createSession(
		{
			title: fields.title ?? `Session ${seq}`,
			...(fields.dueDate ? { dueDate: fields.dueDate } : {}),
			documents: [{ documentCollectionId: collection.id, action: 'SIGN', documentId: doc.documentId }],
			signingSetup: [{ identityProviders: [{ idpName: 'mitid' }], signingFlow: 'AUTHENTICATION_BASED' }],
		},
		fields.createdAtMs ?? env.sandbox.now(),
		env.sandbox.origin,
		id,
	);
	if (fields.state) session.lifecycle = { state: fields.state, stateIsFinal: fields.state === 'SIGNED' || fields.state === 'REJECTED' };
	return session;
}

/** A stored PDF in its own document collection (what a session's document needs). */
export function collectedDocument(env: TestEnv, content: Buffer, mimeType = 'application/pdf', meta: { filename?: string } = {}) {
	const st = state(env);
	const doc = st.storeDocument(content, mimeType, env.sandbox.now(), meta);
	const collection = st.addCollection([doc.documentId]);
	return { ...doc, documentCollectionId: collection.id };
}
