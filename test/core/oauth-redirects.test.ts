/**
 * What the package cannot control (issue 13 §1, documented in the README): Signicat's and EasyInk's token requests
 * are made by n8n's own OAuth2 client (`@n8n/client-oauth2`, plain axios), which follows redirects — on n8n 1.x and
 * 2.x alike. These tests pin down what reaches another origin when the token endpoint answers 307, so that a change
 * in n8n shows up here. The API requests themselves never follow (test/core/redirects.test.ts).
 */
import { PROVIDERS, runProvider, useTransportEnv } from './providers';

const env = useTransportEnv();
const signicat = PROVIDERS.find((p) => p.name === 'Signicat')!;
const easyInk = PROVIDERS.find((p) => p.name === 'EasyInk')!;

test('Signicat (client credentials, Basic auth): n8n follows a 307 of the token endpoint, without the Basic header, and the API call never happens', async () => {
	env.sandbox.addFault({ prefix: 'signicat', method: 'POST', path: '/auth/open/connect/token', status: 307, redirect: `${env.other.origin}/token` });
	const { error } = await runProvider(env, signicat, signicat.read.parameters);
	expect(error).toBeDefined();
	expect(env.other.requests.map((r) => [r.method, r.prefix])).toEqual([['POST', 'token']]);
	const followed = env.other.requests[0];
	// follow-redirects drops Authorization when the host changes; the form body (no secret in it) is posted again.
	expect(followed.headers.authorization).toBeUndefined();
	expect(followed.body).toEqual({ grant_type: 'client_credentials', scope: 'signicat-api' });
	expect(JSON.stringify(followed)).not.toContain('sandbox-secret-123');
	expect(env.sandbox.requestsFor('signicat').filter((r) => r.path.startsWith('/sign/'))).toEqual([]);
});

test('EasyInk (client secret in the form body): n8n follows a 307 of the token endpoint on refresh and posts the secret and refresh token there', async () => {
	env.sandbox.addFault({ prefix: 'easyink', method: 'GET', status: 401 });
	env.sandbox.addFault({ prefix: 'easyink-identity', method: 'POST', path: '/connect/token', status: 307, redirect: `${env.other.origin}/token` });
	const { error } = await runProvider(env, easyInk, easyInk.read.parameters);
	expect(error).toBeDefined();
	expect(env.other.requests.map((r) => [r.method, r.prefix])).toEqual([['POST', 'token']]);
	expect(env.other.requests[0].body).toMatchObject({
		grant_type: 'refresh_token',
		refresh_token: 'easyink-sandbox-refresh-token',
		client_id: 'n8n-easyink-sandbox',
		client_secret: 'easyink-sandbox-secret',
	});
	// The error the user sees names no secret.
	for (const secret of easyInk.secrets(env.sandbox)) expect(JSON.stringify({ m: error?.message, d: error?.description })).not.toContain(secret);
});
