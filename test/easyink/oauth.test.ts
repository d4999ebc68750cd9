/**
 * The EasyInk credential on n8n's OAuth2 type: hosts per environment; what happens when the access token expires.
 * EasyInk documents no refresh token (no `offline_access`): then the nodes say to reconnect the credential, naming it,
 * before sending anything once the token's `exp` has passed. Where an EasyInk client does issue refresh tokens (the
 * sandbox's `issueRefreshTokens`), n8n refreshes through the token endpoint and the call succeeds.
 */
import { createHash } from 'node:crypto';

import { makePdf } from '../../sandbox/server';
import { EASYINK_SANDBOX_CLIENT, EASYINK_SANDBOX_TOKENS } from '../../sandbox/providers/easyink';
import { EASYINK_IDENTITY } from '../../nodes/EasyInk/transport/paths';
import { fileItem, single, trigger } from '../helpers';
import { API, CRED, IDP, credential, easyInk, easyInkTrigger, seedSession, useEasyInkEnv } from './env';

const env = useEasyInkEnv();
const REDIRECT = 'http://localhost:5678/rest/oauth2-credential/callback';

/** What n8n does when the user clicks "Connect": authorize with a PKCE challenge, then exchange the code. */
async function connect(): Promise<{ access_token: string; refresh_token?: string; token_type: string; expires_in: number }> {
	const verifier = 'n8n-pkce-verifier-0123456789-abcdefghijklmnopqrstuvwxyz';
	const challenge = createHash('sha256').update(verifier).digest('base64url');
	const q = new URLSearchParams({
		response_type: 'code',
		client_id: EASYINK_SANDBOX_CLIENT.clientId,
		scope: EASYINK_IDENTITY.scope,
		redirect_uri: REDIRECT,
		code_challenge: challenge,
		code_challenge_method: 'S256',
	});
	const auth = await fetch(`${env.sandbox.url(IDP)}${EASYINK_IDENTITY.authorizePath}?${q}`, { redirect: 'manual' });
	const code = new URL(auth.headers.get('location')!).searchParams.get('code')!;
	const token = await fetch(`${env.sandbox.url(IDP)}${EASYINK_IDENTITY.tokenPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			client_id: EASYINK_SANDBOX_CLIENT.clientId,
			client_secret: EASYINK_SANDBOX_CLIENT.clientSecret,
			code,
			redirect_uri: REDIRECT,
			code_verifier: verifier,
		}),
	});
	expect(token.status).toBe(200);
	return (await token.json()) as never;
}

async function decrypted(data: Record<string, unknown>) {
	env.engine.setCredentials(CRED, data as never);
	return await env.engine.credentialsHelper.getDecrypted({} as never, { id: 'x', name: 'x' }, CRED);
}

test('the environment sets the API host and the identity provider’s authorize and token URLs', async () => {
	const base = { clientId: 'c', clientSecret: 's' };
	expect(await decrypted({ ...base, environment: 'production' })).toMatchObject({
		grantType: 'pkce',
		scope: 'openid hermes_api hermes_idp profile',
		authentication: 'body',
		authUrl: 'https://identity.easyink.io/connect/authorize',
		accessTokenUrl: 'https://identity.easyink.io/connect/token',
	});
	expect(await decrypted({ ...base, environment: 'staging' })).toMatchObject({
		authUrl: 'https://identity-staging.easyink.io/connect/authorize',
		accessTokenUrl: 'https://identity-staging.easyink.io/connect/token',
	});
	expect(await decrypted({ ...base, environment: 'custom', apiUrl: 'http://127.0.0.1:9/easyink', identityUrl: 'http://127.0.0.1:9/idp/' })).toMatchObject({
		authUrl: 'http://127.0.0.1:9/idp/connect/authorize',
		accessTokenUrl: 'http://127.0.0.1:9/idp/connect/token',
	});
	const type = env.engine.credentialType(CRED)!;
	expect(type.extends).toEqual(['oAuth2Api']);
	expect(type.test?.request.url).toBe('/api/signingSessions/statistics');
});

const RECONNECT = 'Open Credentials → easyink-cred, click "Reconnect" (or "Connect my account") and sign in to EasyInk again; active EasyInk triggers then fire what they missed on their next poll.';

describe('no refresh token (as EasyInk documents)', () => {
	test('"Connect" gives an access token only; while it is valid, calls succeed', async () => {
		const tokens = await connect();
		expect(tokens.refresh_token).toBeUndefined();
		env.engine.setCredentials(CRED, credential(env.sandbox, tokens) as never);
		const r = await env.engine.run(single(easyInk({ resource: 'session', operation: 'getStatistics' })));
		expect(r.error()).toBeUndefined();
	});

	test('once the token\'s exp has passed, the node fails before sending anything: reconnect the credential, named, and what to click', async () => {
		env.state.settings.accessTokenLifetimeSeconds = 1;
		const tokens = await connect();
		env.engine.setCredentials(CRED, credential(env.sandbox, tokens) as never);
		await new Promise((r) => setTimeout(r, 1100));
		env.sandbox.requests.length = 0;
		const result = await env.engine.run(single(easyInk({ resource: 'session', operation: 'getStatistics' })));
		const error = result.error('EasyInk')!;
		expect(error.message).toBe('The EasyInk credential "easyink-cred" has expired and must be reconnected');
		const exp = JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url').toString()).exp * 1000;
		expect(error.description).toBe(`EasyInk's sign-in was valid until ${new Date(exp).toISOString()}. EasyInk issues no refresh token, so n8n cannot renew the sign-in by itself. ${RECONNECT}`);
		expect(env.sandbox.requests).toHaveLength(0);
		expect(JSON.stringify(result.run.data.resultData)).not.toContain(tokens.access_token);
	});

	test('a token EasyInk refuses before its exp (revoked): 401, no refresh attempt, the same advice', async () => {
		const tokens = await connect();
		env.engine.setCredentials(CRED, credential(env.sandbox, tokens) as never);
		env.state.expireAccessTokens();
		env.sandbox.requests.length = 0;
		const result = await env.engine.run(single(easyInk({ resource: 'session', operation: 'getStatistics' })));
		const error = result.error('EasyInk')!;
		expect(error.message).toBe('The EasyInk credential "easyink-cred" was refused by EasyInk (its sign-in expired or was revoked) and must be reconnected');
		expect(error.description).toMatch(/EasyInk issues no refresh token, so n8n cannot renew the sign-in by itself\. Open Credentials → easyink-cred, click "Reconnect"/);
		expect(env.sandbox.requests.map((r) => `${r.prefix} ${r.status}`)).toEqual([`${API} 401`]);
	});

	test('the trigger fails every poll with the same message (never silently quiet) and fires what it missed once reconnected', async () => {
		env.state.settings.accessTokenLifetimeSeconds = 1;
		const tokens = await connect();
		env.engine.setCredentials(CRED, credential(env.sandbox, tokens) as never);
		const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished'] }));
		expect((await runner.poll()).error).toBeUndefined();
		await new Promise((r) => setTimeout(r, 1100));
		const s = await seedSession(env.sandbox, 'Finished', 'Finished while disconnected');
		for (let i = 0; i < 2; i++) {
			const failed = await runner.poll();
			expect(failed.items).toBeNull();
			expect(failed.error?.message).toBe('The EasyInk credential "easyink-cred" has expired and must be reconnected');
		}
		env.state.settings.accessTokenLifetimeSeconds = 3600;
		env.engine.setCredentials(CRED, credential(env.sandbox, await connect()) as never); // "Reconnect"
		const after = await runner.poll();
		expect((after.items ?? []).map((i) => `${i.json.event} ${i.json.signingSessionId}`)).toEqual([`session.finished ${s.signingSessionId}`]);
	});
});

test('with a client that issues refresh tokens, an expired access token is refreshed by n8n through the token endpoint, saved, and the call succeeds', async () => {
	env.state.settings.issueRefreshTokens = true;
	const tokens = await connect();
	env.engine.setCredentials(CRED, credential(env.sandbox, tokens) as never);
	env.state.expireAccessTokens();
	env.sandbox.requests.length = 0;
	const before = env.engine.credentialsHelper.updates.length;

	const result = await env.engine.run(single(easyInk({ resource: 'session', operation: 'getStatistics' })));
	expect(result.error()).toBeUndefined();
	expect(result.output('EasyInk')[0].json).toEqual({ sessionsToSignCount: 0, draftsCount: 0, readyToStartCount: 0, inProgressCount: 0, needsActionCount: 0 });

	// 401 with the old token → refresh_token grant (client id and secret in the form body) → the same call again.
	const calls = env.sandbox.requests.map((r) => `${r.prefix} ${r.method} ${r.path} ${r.status}`);
	expect(calls).toEqual([
		`${API} GET /api/signingSessions/statistics 401`,
		`${IDP} POST /connect/token 200`,
		`${API} GET /api/signingSessions/statistics 200`,
	]);
	const [first, tokenCall, retry] = env.sandbox.requests;
	expect(first.headers.authorization).toBe(`Bearer ${tokens.access_token}`);
	expect(tokenCall.body).toEqual({
		refresh_token: tokens.refresh_token,
		grant_type: 'refresh_token',
		client_id: EASYINK_SANDBOX_CLIENT.clientId,
		client_secret: EASYINK_SANDBOX_CLIENT.clientSecret,
	});
	const updates = env.engine.credentialsHelper.updates.slice(before);
	expect(updates).toHaveLength(1);
	expect(updates[0].type).toBe(CRED);
	const saved = updates[0].data.oauthTokenData as Record<string, string>;
	expect(saved.access_token).not.toBe(tokens.access_token);
	expect(saved.refresh_token).toBe(tokens.refresh_token);
	expect(retry.headers.authorization).toBe(`Bearer ${saved.access_token}`);

	// The next execution uses the saved token directly.
	env.sandbox.requests.length = 0;
	await env.engine.run(single(easyInk({ resource: 'session', operation: 'getStatistics' })));
	expect(env.sandbox.requests.map((r) => `${r.prefix} ${r.status}`)).toEqual([`${API} 200`]);
	expect(env.sandbox.requests[0].headers.authorization).toBe(`Bearer ${saved.access_token}`);
});

test('with a refresh token, an upload after the token expired is sent again, rebuilt, with the refreshed token', async () => {
	env.state.settings.issueRefreshTokens = true;
	env.engine.setCredentials(CRED, credential(env.sandbox, { refresh_token: EASYINK_SANDBOX_TOKENS.refreshToken }) as never);
	env.state.expireAccessTokens();
	const draftId = env.state.newSession('Upload after expiry').id;
	const result = await env.engine.run(
		single(easyInk({ resource: 'document', operation: 'upload', sessionId: draftId, binaryPropertyName: 'data' })),
		[fileItem(makePdf('late'), 'Late.pdf')],
	);
	expect(result.error()).toBeUndefined();
	const uploads = env.sandbox.requestsFor(API).filter((r) => r.method === 'POST');
	expect(uploads.map((u) => u.status)).toEqual([401, 200]);
	for (const u of uploads) expect(u.parts).toEqual([{ name: 'fileContent', filename: 'Late.pdf', contentType: 'application/pdf', size: makePdf('late').length, value: undefined }]);
	expect(env.state.sessions.get(draftId)!.documents).toHaveLength(1);
});

test('a refresh token EasyInk no longer accepts asks the user to reconnect, and no token leaks into the error', async () => {
	env.state.settings.issueRefreshTokens = true;
	env.engine.setCredentials(CRED, credential(env.sandbox, { access_token: 'expired-token-abc', refresh_token: 'revoked-refresh-xyz' }) as never);
	const before = env.engine.credentialsHelper.updates.length;
	const result = await env.engine.run(single(easyInk({ resource: 'session', operation: 'getStatistics' })));
	const error = result.error('EasyInk')!;
	expect(error.message).toBe('The EasyInk credential "easyink-cred" could not be renewed and must be reconnected');
	expect(error.description).toBe(`EasyInk did not accept the refresh token. ${RECONNECT}`);
	const text = JSON.stringify(result.run.data.resultData);
	expect(text).not.toContain('revoked-refresh-xyz');
	expect(text).not.toContain(EASYINK_SANDBOX_CLIENT.clientSecret);
	expect(env.engine.credentialsHelper.updates).toHaveLength(before);
	expect(env.sandbox.requests.map((r) => `${r.prefix} ${r.status}`)).toEqual([`${API} 401`, `${IDP} 400`]);
});
