import { CRED, credential, useEasyInkEnv } from './env';

const env = useEasyInkEnv();

test('the credential "Test" calls the statistics endpoint with the OAuth token, and fails when the connection is revoked', async () => {
	expect(await env.engine.testCredential(CRED)).toEqual({ status: 'OK', message: 'Connection successful!' });
	const [req] = env.sandbox.requestsFor('easyink');
	expect([req.method, req.path, req.headers.authorization]).toEqual(['GET', '/api/signingSessions/statistics', expect.stringMatching(/^Bearer /)]);
	env.engine.setCredentials(CRED, credential(env.sandbox, { access_token: 'revoked', refresh_token: 'revoked' }) as never);
	expect((await env.engine.testCredential(CRED)).status).toBe('Error');
});
