/**
 * The OAuth2 client-credentials credential, through n8n-core's requestOAuth2: one token per credential reused
 * across items and executions, a new token when the API answers 401 (expired), readable token errors, no secrets.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';

import { Engine } from '../../sandbox/engine';
import { makePdf } from '../../sandbox/server';
import { SIGNICAT_CLIENTS } from '../../sandbox/providers/signicat';
import { fileItem, N8N_MAJOR, PACKAGE_DIR, single } from '../helpers';
import { apiRequests, CLIENT_ID, CLIENT_SECRET, signicat, signicatCredentials, state, tokenRequests, useSignicat } from './env';

const env = useSignicat();

const getMany = () => signicat({ resource: 'signingSession', operation: 'getMany', returnAll: false, limit: 5 });

describe('Signicat OAuth2 credential', () => {
	test('N items → one token request (Basic auth, client_credentials, scope signicat-api), reused by every request', async () => {
		const items = [{ json: {} }, { json: {} }, { json: {} }, { json: {} }];
		const r = await env.engine.run(single(getMany()), items);
		expect(r.error()).toBeUndefined();
		expect(r.output('Signicat')).toEqual([]);

		const tokens = tokenRequests(env);
		expect(tokens).toHaveLength(1);
		expect(tokens[0].method).toBe('POST');
		expect(tokens[0].headers.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`);
		expect(tokens[0].headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(tokens[0].body).toEqual({ grant_type: 'client_credentials', scope: 'signicat-api' });

		const api = apiRequests(env);
		expect(api).toHaveLength(4);
		const issued = [...state(env).tokens.keys()];
		expect(issued).toHaveLength(1);
		for (const req of api) expect(req.headers.authorization).toBe(`Bearer ${issued[0]}`);

		// n8n stored the token in the credential (2.x with its expiry), as its CLI does.
		const stored = env.engine.credentialsHelper.store.signicatOAuth2Api as { oauthTokenData?: Record<string, unknown> };
		expect(stored.oauthTokenData?.access_token).toBe(issued[0]);
		if (N8N_MAJOR >= 2) expect(Number(stored.oauthTokenData?.n8n_expires_at)).toBeGreaterThan(Date.now());
	});

	test('a second execution reuses the stored token: no new token request', async () => {
		await env.engine.run(single(getMany()));
		await env.engine.run(single(getMany()), [{ json: {} }, { json: {} }]);
		expect(tokenRequests(env)).toHaveLength(1);
		expect(apiRequests(env)).toHaveLength(3);
	});

	test('an expired token: the API answers 401, n8n fetches one new token and the request succeeds', async () => {
		await env.engine.run(single(getMany()));
		state(env).expireTokens();
		const r = await env.engine.run(single(getMany()), [{ json: {} }, { json: {} }]);
		expect(r.error()).toBeUndefined();
		expect(tokenRequests(env)).toHaveLength(2);
		const api = apiRequests(env);
		expect(api.map((a) => a.status)).toEqual([200, 401, 200, 200]);
		const [, second] = [...state(env).tokens.keys()];
		expect(api[2].headers.authorization).toBe(`Bearer ${second}`);
		expect(api[3].headers.authorization).toBe(`Bearer ${second}`);
	});

	test('an expired token during a raw-body upload: the same bytes are sent again with the new token', async () => {
		await env.engine.run(single(getMany()));
		state(env).expireTokens();
		const pdf = makePdf('renewed token');
		const r = await env.engine.run(single(signicat({ resource: 'document', operation: 'upload', binaryPropertyName: 'data' })), [fileItem(pdf)]);
		expect(r.error()).toBeUndefined();
		const uploads = apiRequests(env).filter((a) => a.method === 'POST' && a.path === '/sign/documents');
		expect(uploads.map((u) => [u.status, u.size, u.headers['content-type']])).toEqual([
			[401, pdf.length, 'application/pdf'],
			[201, pdf.length, 'application/pdf'],
		]);
		const stored = state(env).documents.get(r.output('Signicat')[0].json.documentId as string);
		expect(stored?.content.equals(pdf)).toBe(true);
	});

	test('wrong client secret: a readable error that never shows the secret', async () => {
		const wrong = 'definitely-wrong-secret';
		env.engine.credentialsHelper.store = { signicatOAuth2Api: signicatCredentials(env.sandbox, { clientSecret: wrong }) } as never;
		const r = await env.engine.run(single(getMany()));
		const error = r.error('Signicat')!;
		expect(error.message).toBe('Signicat refused to issue an access token (invalid_client)');
		expect(error.description).toMatch(/check the client ID and client secret/);
		expect(apiRequests(env)).toHaveLength(0);
		const everything = JSON.stringify(r.run.data.resultData);
		expect(everything).not.toContain(wrong);
		expect(tokenRequests(env)[0].status).toBe(401);
	});

	test('the sandbox token endpoint also takes the client id/secret in the form body', async () => {
		env.engine.credentialsHelper.store = { signicatOAuth2Api: signicatCredentials(env.sandbox, { authentication: 'body' }) } as never;
		const r = await env.engine.run(single(getMany()));
		expect(r.error()).toBeUndefined();
		const [token] = tokenRequests(env);
		expect(token.headers.authorization).toBeUndefined();
		expect(token.body).toEqual({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope: 'signicat-api' });
		expect(state(env).tokenRequests).toEqual([{ clientId: CLIENT_ID, method: 'form', ok: true }]);
	});

	test('the sandbox API rejects a token it did not issue, and tokens of other grants or scopes are refused', async () => {
		const base = env.sandbox.url('signicat');
		const wrong = await fetch(`${base}/sign/signing-sessions`, { headers: { authorization: 'Bearer forged' } });
		expect(wrong.status).toBe(401);
		expect(await wrong.json()).toMatchObject({ status: 401, code: 'unauthorized', title: 'Unauthorized' });
		const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${SIGNICAT_CLIENTS[CLIENT_ID]}`).toString('base64')}`;
		const form = (body: string) =>
			fetch(`${base}/auth/open/connect/token`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body });
		expect((await form('grant_type=password&scope=signicat-api')).status).toBe(400);
		const noScope = await form('grant_type=client_credentials&scope=other');
		expect(await noScope.json()).toMatchObject({ error: 'invalid_scope' });
		const ok = (await (await form('grant_type=client_credentials&scope=signicat-api')).json()) as { access_token: string; expires_in: number };
		expect(ok.expires_in).toBe(600);
		const res = await fetch(`${base}/sign/signing-sessions`, { headers: { authorization: `Bearer ${ok.access_token}` } });
		expect(res.status).toBe(200);
		// Tokens expire on the sandbox clock.
		env.sandbox.clockSkewMs = 601_000;
		expect((await fetch(`${base}/sign/signing-sessions`, { headers: { authorization: `Bearer ${ok.access_token}` } })).status).toBe(401);
	});

	test('the token never appears in output items or errors', async () => {
		await env.engine.run(single(getMany()));
		const token = [...state(env).tokens.keys()][0];
		const r = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'get', sessionId: 'f05d0dce-a7af-432b-b6b8-e455ab7c0858' })));
		expect(r.error('Signicat')?.message).toMatch(/^Signicat rejected the request \(404\)/);
		expect(JSON.stringify(r.run.data.resultData)).not.toContain(token);
	});

	test('the credential type: OAuth2 client credentials with production and custom hosts, and a test request', async () => {
		const type = env.engine.credentialType('signicatOAuth2Api')!;
		expect(type.extends).toEqual(['oAuth2Api']);
		const byName = (name: string) => type.properties.filter((p) => p.name === name);
		expect(byName('grantType')[0]).toMatchObject({ type: 'hidden', default: 'clientCredentials' });
		expect(byName('scope')[0]).toMatchObject({ type: 'hidden', default: 'signicat-api' });
		expect(byName('customAccessTokenUrl')[0]).toMatchObject({ type: 'string', displayOptions: { show: { environment: ['custom'] } } });
		expect(byName('accessTokenUrl')[0].type).toBe('hidden');
		// The hidden token URL follows the environment, resolved the way n8n resolves credential defaults.
		const resolved = async (data: Record<string, unknown>) => {
			env.engine.credentialsHelper.store = { signicatOAuth2Api: data } as never;
			return (await env.engine.credentialsHelper.getDecrypted({} as never, { id: 'x', name: 'x' }, 'signicatOAuth2Api')).accessTokenUrl;
		};
		expect(await resolved({ clientId: 'a', clientSecret: 'b' })).toBe('https://api.signicat.com/auth/open/connect/token');
		expect(await resolved({ environment: 'custom', customAccessTokenUrl: 'http://127.0.0.1:1/t', clientId: 'a', clientSecret: 'b' })).toBe('http://127.0.0.1:1/t');
		expect(type.test?.request).toMatchObject({ url: '/signing-sessions', qs: { limit: 1 } });
		expect(type.documentationUrl).toMatch(/#signicat$/);
	});
});

describe('Signicat credential Test button', () => {
	test('succeeds with the sandbox client: one token, then GET /signing-sessions?limit=1', async () => {
		expect(await env.engine.testCredential('signicatOAuth2Api')).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(tokenRequests(env)).toHaveLength(1);
		expect(apiRequests(env).map((r) => [r.method, r.path, r.query, r.status])).toEqual([['GET', '/sign/signing-sessions', { limit: '1' }, 200]]);
	});

	test('fails with a wrong secret, without showing it', async () => {
		env.engine.credentialsHelper.store = { signicatOAuth2Api: signicatCredentials(env.sandbox, { clientSecret: 'nope-nope-nope' }) } as never;
		const result = await env.engine.testCredential('signicatOAuth2Api');
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain('nope-nope-nope');
		expect(apiRequests(env)).toHaveLength(0);
	});
});

describe('Signicat OAuth2 credential with n8n binary data on disk', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signicat-bin-'));
	const engine = new Engine({ packageDir: PACKAGE_DIR, binaryMode: 'filesystem', storagePath: dir });
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('a streamed upload (binary kept on disk) after the token expired is rebuilt and sent again in full', async () => {
		engine.credentialsHelper.store = { signicatOAuth2Api: signicatCredentials(env.sandbox) } as never;
		await engine.load();
		const pdf = makePdf('streamed');
		const source = state(env).storeDocument(pdf, 'application/pdf', Date.now(), { filename: 'on-disk.pdf' });
		// Download (n8n writes the file to disk) → Upload (n8n hands the node a stream of it).
		const download = signicat({ resource: 'document', operation: 'download', documentId: source.documentId, binaryPropertyName: 'data' }, 'Download');
		const upload = signicat({ resource: 'document', operation: 'upload', binaryPropertyName: 'data' }, 'Upload');
		// The token is refused exactly when the upload is sent (Signicat answers 401 to an expired token).
		env.sandbox.addFault({ prefix: 'signicat', method: 'POST', path: '/sign/documents', status: 401, body: { status: 401, title: 'Unauthorized', code: 'unauthorized' } });
		const r = await engine.run(
			{ nodes: [download, upload], connections: { Download: { main: [[{ node: 'Upload', type: 'main' as never, index: 0 }]] } } },
			undefined,
			'Download',
		);
		expect(r.error()).toBeUndefined();
		expect(r.output('Download')[0].binary?.data.id).toMatch(/^filesystem/);
		const uploads = apiRequests(env).filter((a) => a.method === 'POST' && a.path === '/sign/documents');
		expect(uploads.map((u) => [u.status, u.size, u.headers['content-type']])).toEqual([
			[401, pdf.length, 'application/pdf'],
			[201, pdf.length, 'application/pdf'],
		]);
		const copy = state(env).documents.get(r.output('Upload')[0].json.documentId as string);
		expect(copy?.content.equals(pdf)).toBe(true);
		expect(r.output('Upload')[0].json.filename).toBe('on-disk.pdf');
		expect(tokenRequests(env)).toHaveLength(2);
	});
});
