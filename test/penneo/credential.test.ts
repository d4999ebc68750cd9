import { createHash } from 'node:crypto';

import { penneoKeyDigest } from '../../credentials/PenneoApi.credentials';
import { expectedDigest } from '../../sandbox/providers/penneo';
import { makePdf } from '../../sandbox/server';
import { fileItem, single } from '../helpers';
import { appRequests, CREDS, penneo, penneoCredentials, state, tokenRequests, usePenneo } from './env';

const env = usePenneo();

const getCaseFile = (id: number | string) => penneo({ resource: 'caseFile', operation: 'get', caseFileId: String(id) });

function seedCaseFile(title = 'Lease') {
	return state(env).materialize({ payload: { caseFile: { title, signers: [{ name: 'Ann' }], documents: [{ title: 'Lease', name: 'lease.pdf' }] } }, files: new Map() }, Date.now());
}

describe('API keys grant', () => {
	test('the digest is base64(SHA-1(raw nonce bytes + created_at + API secret)), whole-second UTC time', () => {
		const nonce = Buffer.from(Array.from({ length: 16 }, (_, i) => i));
		const signed = penneoKeyDigest('sandbox-api-secret', nonce, new Date('2026-01-05T09:00:00.123Z'));
		// Vector computed outside this project (Python hashlib) for these exact inputs.
		expect(signed).toEqual({ nonce: 'AAECAwQFBgcICQoLDA0ODw==', created_at: '2026-01-05T09:00:00Z', digest: 'v8wOy4jr2b7nZzaBb82ppDvilak=' });
		// Not the digest over the nonce's base64 text.
		expect(signed.digest).not.toBe('Sn+EkGoK9/U5ocnqubUqnWyHBCI=');
	});

	test('the first request exchanges the API key for a token, signed with a fresh nonce; a read sends it as Authorization: Bearer', async () => {
		const cf = seedCaseFile();
		const before = Date.now();
		const result = await env.engine.run(single(getCaseFile(cf.id)));
		expect(result.error()).toBeUndefined();
		const [grant] = tokenRequests(env);
		expect(tokenRequests(env)).toHaveLength(1);
		expect(grant).toMatchObject({ method: 'POST', path: '/oauth/token', status: 200 });
		expect(grant.headers['content-type']).toContain('application/json');
		const body = grant.body as Record<string, string>;
		expect(Object.keys(body).sort()).toEqual(['client_id', 'client_secret', 'created_at', 'digest', 'grant_type', 'key', 'nonce']);
		expect(body).toMatchObject({ grant_type: 'api_keys', client_id: CREDS.clientId, client_secret: CREDS.clientSecret, key: CREDS.apiKey });
		// 20 random bytes, as Penneo's Postman pre-request script makes them.
		expect(Buffer.from(body.nonce, 'base64')).toHaveLength(20);
		expect(body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(Math.abs(Date.parse(body.created_at) - before)).toBeLessThan(5000);
		// Checked against this test's own computation and the sandbox's.
		const mine = createHash('sha1')
			.update(Buffer.concat([Buffer.from(body.nonce, 'base64'), Buffer.from(body.created_at + CREDS.apiSecret)]))
			.digest('base64');
		expect(body.digest).toBe(mine);
		expect(body.digest).toBe(expectedDigest(body.nonce, body.created_at, CREDS.apiSecret));
		// The API secret itself never travels.
		expect(JSON.stringify(grant)).not.toContain(CREDS.apiSecret);

		const [get] = appRequests(env);
		const token = [...state(env).tokens.keys()][0];
		expect(get).toMatchObject({ method: 'GET', path: `/api/v1/casefiles/${cf.id}`, status: 200 });
		expect(get.headers.authorization).toBe(`Bearer ${token}`);
		expect(get.headers['x-auth-token']).toBeUndefined();
		// n8n stored the token in the credential's hidden expirable field.
		expect(env.engine.credentialsHelper.store.penneoApi.accessToken).toBe(token);
	});

	test('the token is reused across items and executions while it is valid', async () => {
		const a = seedCaseFile('A');
		const b = seedCaseFile('B');
		const n = penneo({ resource: 'caseFile', operation: 'get', caseFileId: '={{ $json.id }}' });
		await env.engine.run(single(n), [{ json: { id: a.id } }, { json: { id: b.id } }]);
		await env.engine.run(single(getCaseFile(a.id)));
		expect(tokenRequests(env)).toHaveLength(1);
		expect(appRequests(env).map((r) => r.status)).toEqual([200, 200, 200]);
		expect(new Set(appRequests(env).map((r) => r.headers.authorization)).size).toBe(1);
	});

	test('an expired token is renewed once and the request repeated (token lifetime set through the control route)', async () => {
		const cf = seedCaseFile();
		await env.engine.run(single(getCaseFile(cf.id)));
		const first = env.engine.credentialsHelper.store.penneoApi.accessToken;
		// The sandbox's token lifetime is adjustable: 1 s instead of Penneo's 10 minutes.
		const res = await fetch(`${env.sandbox.origin}/_control/penneo/token-lifetime`, { method: 'POST', body: JSON.stringify({ seconds: 1 }) });
		expect(await res.json()).toEqual({ seconds: 1 });
		state(env).expireTokens();
		const result = await env.engine.run(single(getCaseFile(cf.id)));
		expect(result.error()).toBeUndefined();
		expect(result.output('Penneo')[0].json.id).toBe(cf.id);
		expect(tokenRequests(env)).toHaveLength(2);
		const gets = appRequests(env).slice(1);
		expect(gets.map((r) => r.status)).toEqual([401, 200]);
		expect(gets[0].headers.authorization).toBe(`Bearer ${first}`);
		const renewed = env.engine.credentialsHelper.store.penneoApi.accessToken;
		expect(renewed).not.toBe(first);
		expect(gets[1].headers.authorization).toBe(`Bearer ${renewed}`);
		// The new token lives 1 s: after that the next execution renews again.
		await new Promise((r) => setTimeout(r, 1100));
		await env.engine.run(single(getCaseFile(cf.id)));
		expect(tokenRequests(env)).toHaveLength(3);
	});

	test('an expired token during a create: the multipart body is rebuilt and sent once more, one job results', async () => {
		await env.engine.run(single(getCaseFile(1)));
		state(env).expireTokens();
		env.sandbox.requests.length = 0;
		const n = penneo({
			resource: 'caseFile',
			operation: 'create',
			title: 'Renewal',
			documents: { document: [{ binaryPropertyName: 'data' }] },
			signers: { signer: [{ name: 'Ann', email: 'ann@example.com' }] },
			waitForCompletion: false,
		});
		const pdf = makePdf('renewal');
		const result = await env.engine.run(single(n), [fileItem(pdf, 'renewal.pdf')]);
		expect(result.error()).toBeUndefined();
		const creates = appRequests(env);
		expect(creates.map((r) => r.status)).toEqual([401, 201]);
		expect(creates[1].parts).toEqual(creates[0].parts);
		// The Send API takes the token as X-Auth-Token, and only that.
		expect(creates[1].headers['x-auth-token']).toBe(env.engine.credentialsHelper.store.penneoApi.accessToken);
		expect(creates.map((r) => r.headers.authorization)).toEqual([undefined, undefined]);
		expect(creates[1].parts?.find((p) => p.name === 'files')).toMatchObject({ filename: 'renewal.pdf', size: pdf.length });
		expect(tokenRequests(env)).toHaveLength(1);
		expect(state(env).jobs.size).toBe(1);
		expect(result.output('Penneo')[0].json).toMatchObject({ jobStatus: 'pending', uuid: [...state(env).jobs.keys()][0] });
	});

	test.each([
		['a wrong API secret (wrong digest)', { apiSecret: 'not-the-secret' }, 400, 'Penneo refused the API key login (400: invalid_grant: Invalid digest): check the API Key and API Secret (they belong to the Penneo user and to this environment)'],
		['a wrong client secret', { clientSecret: 'wrong-client-secret' }, 401, 'Penneo refused the API key login (401: invalid_client: Client authentication failed): check the Client ID and Client Secret (Penneo support issues them per environment)'],
		['an unknown API key', { apiKey: 'unknown-key' }, 400, 'Penneo refused the API key login (400: invalid_grant: Unknown API key): check the API Key and API Secret (they belong to the Penneo user and to this environment)'],
	])('%s is refused before any API call, without echoing secrets', async (_label, override, status, message) => {
		env.engine.credentialsHelper.store = { penneoApi: penneoCredentials(env.sandbox, override) } as never;
		const result = await env.engine.run(single(getCaseFile(1)));
		const error = result.error()!;
		expect(error.message).toBe(message);
		expect(error.description).toContain('Open the Penneo credential and check the environment');
		expect(tokenRequests(env).map((r) => r.status)).toEqual([status]);
		expect(appRequests(env)).toHaveLength(0);
		const shown = JSON.stringify({ message: error.message, description: error.description, context: error.context });
		for (const secret of Object.values({ ...CREDS, ...override })) expect(shown).not.toContain(secret);
	});

	test('the token and the keys never appear in what an API error leaves in the execution', async () => {
		const cf = seedCaseFile();
		env.sandbox.addFault({ prefix: 'penneo', path: '/api/v1/casefiles', status: 403, body: { message: 'Access denied' } });
		const result = await env.engine.run(single(getCaseFile(cf.id)));
		expect(result.error()?.message).toBe('Penneo rejected the request (403): Access denied');
		const token = env.engine.credentialsHelper.store.penneoApi.accessToken as string;
		expect(token).toBeTruthy();
		const everything = JSON.stringify(result.run.data);
		for (const secret of [token, CREDS.clientSecret, CREDS.apiKey, CREDS.apiSecret]) expect(everything).not.toContain(secret);
	});

	test('a stale created_at (a clock 10 minutes off) is refused', async () => {
		env.sandbox.clockSkewMs = 10 * 60_000;
		const result = await env.engine.run(single(getCaseFile(1)));
		expect(result.error()?.message).toBe('Penneo refused the API key login (400: invalid_grant: created_at is too old or in the future): check that this computer’s clock is correct (Penneo refuses a token request whose time is off)');
		expect(result.error()?.description).toContain('clock must be correct');
		expect(appRequests(env)).toHaveLength(0);
	});

	test('the sandbox refuses a replayed nonce', async () => {
		const signed = penneoKeyDigest(CREDS.apiSecret);
		const send = () =>
			fetch(`${env.sandbox.url('penneo-auth')}/oauth/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ grant_type: 'api_keys', client_id: CREDS.clientId, client_secret: CREDS.clientSecret, key: CREDS.apiKey, ...signed }),
			});
		expect((await send()).status).toBe(200);
		const replay = await send();
		expect(replay.status).toBe(400);
		expect(await replay.json()).toEqual({ error: 'invalid_grant', error_description: 'Nonce already used' });
	});
});

describe('credential test (the editor’s "Test" button)', () => {
	test('performs a real token exchange, then a call that needs the token', async () => {
		const result = await env.engine.testCredential('penneoApi', penneoCredentials(env.sandbox) as never);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(tokenRequests(env)).toHaveLength(1);
		expect(tokenRequests(env)[0].status).toBe(200);
		const [call] = appRequests(env);
		expect(call).toMatchObject({ method: 'GET', path: '/api/v1/casefiles', query: { page: '1', per_page: '1' }, status: 200 });
		expect(call.headers['x-paginate']).toBe('true');
		expect(call.headers.authorization).toBe(`Bearer ${[...state(env).tokens.keys()][0]}`);
		expect(call.headers['x-auth-token']).toBeUndefined();
	});

	test('the shared engine’s credential test agrees (token exchange, then the test request with the token)', async () => {
		expect(await env.engine.testCredential('penneoApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(tokenRequests(env).map((r) => r.status)).toEqual([200]);
		expect(appRequests(env)).toEqual([expect.objectContaining({ path: '/api/v1/casefiles', query: { page: '1', per_page: '1' }, status: 200 })]);
		env.engine.credentialsHelper.store = { penneoApi: penneoCredentials(env.sandbox, { clientSecret: 'wrong' }) } as never;
		expect(await env.engine.testCredential('penneoApi')).toEqual({
			status: 'Error',
			message: 'Penneo refused the API key login (401: invalid_client: Client authentication failed): check the Client ID and Client Secret (Penneo support issues them per environment)',
		});
	});

	test('a stale stored token still tests fine: the token is renewed', async () => {
		const result = await env.engine.testCredential('penneoApi', { ...penneoCredentials(env.sandbox), accessToken: 'expired-token' } as never);
		expect(result.status).toBe('OK');
		expect(appRequests(env).map((r) => r.status)).toEqual([401, 200]);
		expect(tokenRequests(env)).toHaveLength(1);
	});

	test('wrong keys fail the test with Penneo’s reason', async () => {
		const result = await env.engine.testCredential('penneoApi', penneoCredentials(env.sandbox, { apiSecret: 'wrong' }) as never);
		expect(result).toEqual({ status: 'Error', message: 'Penneo refused the API key login (400: invalid_grant: Invalid digest): check the API Key and API Secret (they belong to the Penneo user and to this environment)' });
		expect(appRequests(env)).toHaveLength(0);
	});

	test('an OAuth host that cannot be reached says which host and what to check', async () => {
		const result = await env.engine.testCredential('penneoApi', penneoCredentials(env.sandbox, { oauthUrl: 'http://127.0.0.1:1' }) as never);
		expect(result).toEqual({
			status: 'Error',
			message: "Penneo's login host http://127.0.0.1:1 could not be reached (connection refused): check the Environment and the OAuth URL",
		});
		expect(appRequests(env)).toHaveLength(0);
	});
});
