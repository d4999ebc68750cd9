import type { IDataObject } from 'n8n-workflow';

import { emulatorState } from '../../sandbox/index';
import type { SignicatState } from '../../sandbox/providers/signicat';
import { makePdf } from '../../sandbox/server';
import type { BenchProfile } from '../profile';

const CLIENT_ID = 'sandbox-client';
const CLIENT_SECRET = 'sandbox-secret-123';
const cred = { signicatOAuth2Api: { id: 'bench', name: 'bench' } };
const IDP = 'mitid';
const signingSetup = [{ identityProviders: [{ idpName: IDP }], signingFlow: 'AUTHENTICATION_BASED' }];

const auth = (ctx: IDataObject) => ({ Authorization: `Bearer ${String(ctx.token)}`, Accept: 'application/json' });

/**
 * Signicat Sign API v2: OAuth 2.0 client credentials. The nodes get their token through n8n's OAuth2 credential;
 * the bare comparison gets one from the same token endpoint in `prepare` and sends it as Bearer.
 */
export const signicatProfile: BenchProfile = {
	name: 'Signicat',
	credentials: (origin) => ({
		signicatOAuth2Api: {
			environment: 'custom',
			customAccessTokenUrl: `${origin}/signicat/auth/open/connect/token`,
			baseUrl: `${origin}/signicat/sign`,
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
		},
	}),
	async prepare(origin) {
		const tokenRes = await fetch(`${origin}/signicat/auth/open/connect/token`, {
			method: 'POST',
			headers: {
				authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
				'content-type': 'application/x-www-form-urlencoded',
			},
			body: 'grant_type=client_credentials&scope=signicat-api',
		});
		const token = ((await tokenRes.json()) as IDataObject).access_token;
		const docRes = await fetch(`${origin}/signicat/sign/documents`, {
			method: 'POST',
			headers: { authorization: `Bearer ${String(token)}`, 'content-type': 'application/pdf' },
			body: makePdf('bench'),
		});
		const doc = (await docRes.json()) as IDataObject;
		// A session's documents name their document collection (PUBLIC-DOCS.md §2: all three keys required).
		const collectionRes = await fetch(`${origin}/signicat/sign/document-collections`, {
			method: 'POST',
			headers: { authorization: `Bearer ${String(token)}`, 'content-type': 'application/json' },
			body: JSON.stringify({ documents: [{ documentId: doc.documentId }] }),
		});
		const collection = (await collectionRes.json()) as IDataObject;
		return { token, documentId: doc.documentId, documentCollectionId: collection.id };
	},
	createNode: (ctx) => ({
		id: 'create',
		name: 'Create',
		type: 'n8n-nodes-esign.signicat',
		typeVersion: 1,
		position: [0, 0],
		credentials: cred,
		parameters: {
			resource: 'signingSession',
			operation: 'create',
			define: 'fields',
			title: '={{ "Contract " + $json.n }}',
			documents: { document: [{ documentId: String(ctx.documentId), documentCollectionId: String(ctx.documentCollectionId), action: 'SIGN' }] },
			identityProviders: IDP,
			signingFlow: 'AUTHENTICATION_BASED',
			options: {},
		},
	}),
	getNode: () => ({
		id: 'get',
		name: 'Get',
		type: 'n8n-nodes-esign.signicat',
		typeVersion: 1,
		position: [200, 0],
		credentials: cred,
		parameters: { resource: 'signingSession', operation: 'get', sessionId: '={{ $json.id }}' },
	}),
	bareCreate: (origin, ctx, n) => ({
		method: 'POST',
		url: `${origin}/signicat/sign/signing-sessions`,
		headers: auth(ctx),
		body: [{ title: `Contract ${n}`, documents: [{ documentId: ctx.documentId, documentCollectionId: ctx.documentCollectionId, action: 'SIGN' }], signingSetup }],
	}),
	bareGet: (origin, ctx, created) => ({
		method: 'GET',
		url: `${origin}/signicat/sign/signing-sessions/${String((created as unknown as IDataObject[])[0].id)}`,
		headers: auth(ctx),
	}),
	uploadNode: () => ({
		id: 'upload',
		name: 'Upload',
		type: 'n8n-nodes-esign.signicat',
		typeVersion: 1,
		position: [0, 0],
		credentials: cred,
		parameters: { resource: 'document', operation: 'upload', binaryPropertyName: 'data', options: {} },
	}),
	trigger: {
		pageSize: 1000,
		node: () => ({
			id: 'trigger',
			name: 'Trigger',
			type: 'n8n-nodes-esign.signicatTrigger',
			typeVersion: 1,
			position: [0, 0],
			credentials: cred,
			parameters: { events: ['signed'] },
		}),
		/** `n` open (READY) sessions created over the last days, due in a week, oldest first; they are signed oldest first. */
		seed(sandbox, n) {
			const state = emulatorState<SignicatState>(sandbox, 'signicat');
			const doc = state.storeDocument(makePdf('seed'), 'application/pdf', sandbox.now());
			const collection = state.addCollection([doc.documentId]);
			const start = sandbox.now() - 7 * 86400_000;
			const due = new Date(sandbox.now() + 7 * 86400_000).toISOString();
			const ids: string[] = [];
			for (let i = 0; i < n; i++) {
				// With a deadline, as in every example of Signicat's reference (a week ahead).
				const input = { title: `Seed ${i}`, dueDate: due, documents: [{ documentCollectionId: collection.id, action: 'SIGN', documentId: doc.documentId }], signingSetup };
				ids.push(state.createSession(input, start + i * 1000, sandbox.origin, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).id);
			}
			return { ids, next: 0 };
		},
		addEvents(sandbox, ctx, n) {
			const state = emulatorState<SignicatState>(sandbox, 'signicat');
			const ids = ctx.ids as string[];
			const start = Number(ctx.next);
			for (let i = start; i < start + n; i++) state.sign(ids[i], sandbox.now());
			ctx.next = start + n;
		},
	},
};
