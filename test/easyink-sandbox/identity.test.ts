/**
 * The emulated EasyInk identity provider (authorization code + PKCE, as documented; no refresh token unless a test
 * turns it on) and the API's token checks.
 */
import { createHash } from 'node:crypto';

import { EASYINK_SANDBOX_CLIENT, EASYINK_SANDBOX_TOKENS } from '../../sandbox/providers/easyink';
import { P, useEasyInk } from './client';

/** The documented identity endpoints and scope (easyink-public-api.txt "How to obtain a token"). */
const EASYINK_IDENTITY = { authorizePath: '/connect/authorize', tokenPath: '/connect/token', scope: 'openid hermes_api hermes_idp profile' };

const t = useEasyInk();
const { clientId, clientSecret } = EASYINK_SANDBOX_CLIENT;
const REDIRECT = 'http://localhost:5678/rest/oauth2-credential/callback';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

async function authorize(extra: Record<string, string> = {}) {
	const q = new URLSearchParams({
		response_type: 'code',
		client_id: clientId,
		scope: EASYINK_IDENTITY.scope,
		redirect_uri: REDIRECT,
		code_challenge: CHALLENGE,
		code_challenge_method: 'S256',
		state: 'xyz',
		...extra,
	});
	return t.identity('GET', `${EASYINK_IDENTITY.authorizePath}?${q}`);
}

const tokenRequest = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
	t.identity('POST', EASYINK_IDENTITY.tokenPath, {
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams(fields).toString(),
	});

async function codeFromAuthorize(): Promise<string> {
	const r = await authorize();
	expect(r.status).toBe(302);
	const location = new URL(r.headers.get('location')!);
	expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
	expect(location.searchParams.get('state')).toBe('xyz');
	return location.searchParams.get('code')!;
}

test('authorization code with PKCE gives a JWT the API accepts, and no refresh token; the code works once', async () => {
	const code = await codeFromAuthorize();
	const grant = { grant_type: 'authorization_code', client_id: clientId, client_secret: clientSecret, code, redirect_uri: REDIRECT, code_verifier: VERIFIER };
	const r = await tokenRequest(grant);
	expect(r.status).toBe(200);
	expect(r.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: EASYINK_IDENTITY.scope });
	expect(r.body.refresh_token).toBeUndefined();
	const payload = JSON.parse(Buffer.from(r.body.access_token.split('.')[1], 'base64url').toString());
	expect(payload.exp - payload.iat).toBe(3600);

	expect((await t.api('GET', P.sessionStatistics(), undefined, r.body.access_token)).status).toBe(200);
	expect((await tokenRequest(grant)).body).toEqual({ error: 'invalid_grant', error_description: 'Invalid, expired or used authorization code' });
});

test('the token endpoint checks the PKCE verifier, the redirect URI and the client secret', async () => {
	const base = { grant_type: 'authorization_code', client_id: clientId, client_secret: clientSecret, redirect_uri: REDIRECT };
	expect((await tokenRequest({ ...base, code: await codeFromAuthorize(), code_verifier: 'wrong-verifier' })).body.error_description).toBe(
		'Transformed code verifier does not match code challenge',
	);
	expect((await tokenRequest({ ...base, code: await codeFromAuthorize(), code_verifier: VERIFIER, redirect_uri: 'https://elsewhere.example/cb' })).body.error).toBe(
		'invalid_grant',
	);
	const badSecret = await tokenRequest({ ...base, code: await codeFromAuthorize(), code_verifier: VERIFIER, client_secret: 'nope' });
	expect([badSecret.status, badSecret.body.error]).toEqual([401, 'invalid_client']);
	// Client id and secret may also come as HTTP Basic (n8n's "Send Auth Data: Header").
	const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
	const viaHeader = await tokenRequest(
		{ grant_type: 'authorization_code', code: await codeFromAuthorize(), redirect_uri: REDIRECT, code_verifier: VERIFIER },
		{ authorization: `Basic ${basic}` },
	);
	expect(viaHeader.status).toBe(200);
});

test('authorize refuses a plain (non-S256) challenge, an unknown client and an undocumented scope', async () => {
	expect((await authorize({ code_challenge_method: 'plain' })).body.error).toBe('invalid_request');
	expect((await authorize({ client_id: 'someone-else' })).body.error).toBe('invalid_client');
	expect((await authorize({ scope: `${EASYINK_IDENTITY.scope} offline_access` })).body).toEqual({ error: 'invalid_scope', error_description: 'Invalid scope: offline_access' });
});

test('no refresh grant unless the client issues refresh tokens (setting issueRefreshTokens)', async () => {
	const refresh = { grant_type: 'refresh_token', refresh_token: EASYINK_SANDBOX_TOKENS.refreshToken, client_id: clientId, client_secret: clientSecret };
	expect((await tokenRequest(refresh)).body).toEqual({ error: 'unsupported_grant_type', error_description: "Grant type 'refresh_token' is not supported" });
	await t.control('/settings', { issueRefreshTokens: true });
	expect((await tokenRequest(refresh)).status).toBe(200);
});

test('expired, wrong and missing tokens get 401 with the ApiError body; a refresh (when enabled) gives a working token', async () => {
	await t.control('/settings', { accessTokenLifetimeSeconds: 60, issueRefreshTokens: true });
	const issued = (await t.control('/tokens')).body;
	expect(issued.expires_in).toBe(60);
	expect((await t.api('GET', P.sessions(), undefined, issued.access_token)).status).toBe(200);

	t.sandbox.clockSkewMs = 61_000; // a minute later
	const expired = await t.api('GET', P.sessions(), undefined, issued.access_token);
	expect(expired.status).toBe(401);
	expect(expired.body).toEqual({ error: { code: 'Unauthorized', message: 'The access token expired' } });
	expect(expired.headers.get('www-authenticate')).toContain('invalid_token');

	const wrong = await t.api('GET', P.sessions(), undefined, 'not-a-token');
	expect([wrong.status, wrong.body.error.code]).toEqual([401, 'Unauthorized']);
	expect((await t.api('GET', P.sessions(), undefined, null)).status).toBe(401);

	const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: issued.refresh_token, client_id: clientId, client_secret: clientSecret });
	expect(refreshed.status).toBe(200);
	expect(refreshed.body.refresh_token).toBe(issued.refresh_token);
	expect((await t.api('GET', P.sessions(), undefined, refreshed.body.access_token)).status).toBe(200);

	const badRefresh = await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'stolen', client_id: clientId, client_secret: clientSecret });
	expect(badRefresh.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
});

test('the fixed sandbox tokens survive a reset until expired through the control API', async () => {
	expect((await t.api('GET', P.sessions())).status).toBe(200);
	expect((await t.control('/tokens/expire')).status).toBe(200);
	expect((await t.api('GET', P.sessions())).status).toBe(401);
	await t.control('/settings', { issueRefreshTokens: true });
	const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: EASYINK_SANDBOX_TOKENS.refreshToken, client_id: clientId, client_secret: clientSecret });
	expect((await t.api('GET', P.sessions(), undefined, refreshed.body.access_token)).status).toBe(200);
});

test('a token without the hermes_api scope is Forbidden', async () => {
	const issued = (await t.control('/tokens', { scope: 'openid profile' })).body;
	const r = await t.api('GET', P.sessions(), undefined, issued.access_token);
	expect(r.status).toBe(403);
	expect(r.body).toEqual({ error: { code: 'Forbidden', message: "The access token lacks the 'hermes_api' scope" } });
});
