/**
 * The EasyInk credential on n8n's OAuth2 type: hosts per environment, and an expired access token that n8n
 * refreshes through the (emulated) identity provider's token endpoint before the call succeeds.
 */
import { createHash } from 'node:crypto';

import { makePdf } from '../../sandbox/server';
import { EASYINK_SANDBOX_CLIENT } from '../../sandbox/providers/easyink';
import { EASYINK_IDENTITY } from '../../nodes/EasyInk/transport/paths';
import { fileItem, single } from '../helpers';
import { API, CRED, IDP, credential, easyInk, useEasyInkEnv } from './env';

const env = useEasyInkEnv();
const REDIRECT = 'http://localhost:5678/rest/oauth2-credential/callback';

/** What n8n does when the user clicks "Connect": authorize with a PKCE challenge, then exchange the code. */
async function connect(): Promise<{ access_token: string; refresh_token: string; token_type: string; expires_in: number }> {
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

test('an expired access token is refreshed by n8n through the token endpoint, saved, and the call succeeds', async () => {
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

test('an upload after the token expired is sent again, rebuilt, with the refreshed token', async () => {
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
	env.engine.setCredentials(CRED, credential(env.sandbox, { access_token: 'expired-token-abc', refresh_token: 'revoked-refresh-xyz' }) as never);
	const before = env.engine.credentialsHelper.updates.length;
	const result = await env.engine.run(single(easyInk({ resource: 'session', operation: 'getStatistics' })));
	const error = result.error('EasyInk')!;
	expect(error.message).toMatch(/needs to be reconnected/);
	const text = JSON.stringify(result.run.data.resultData);
	expect(text).not.toContain('revoked-refresh-xyz');
	expect(text).not.toContain(EASYINK_SANDBOX_CLIENT.clientSecret);
	expect(env.engine.credentialsHelper.updates).toHaveLength(before);
	expect(env.sandbox.requests.map((r) => `${r.prefix} ${r.status}`)).toEqual([`${API} 401`, `${IDP} 400`]);
});
