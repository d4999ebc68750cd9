/**
 * Issue 13 §1: credentials never follow a redirect to another origin. n8n's request helpers follow redirects and
 * put the `Authorization` header back on the redirected request even across origins (n8n-core's
 * `getBeforeRedirectFn`, `sendCredentialsOnCrossOriginRedirect` defaulting to true, on 1.x and 2.x), and
 * follow-redirects re-posts a 307/308 body. So every provider request, the credential tests and Penneo's token grant
 * must not follow a redirect to another origin — and the answer there must never become data.
 */
import type { RecordedRequest } from '../../sandbox/server';
import { N8N_MAJOR, fileItem } from '../helpers';
import { PROVIDERS, requestsOf, runProvider, useTransportEnv } from './providers';

const env = useTransportEnv();

const fullPath = (r: RecordedRequest) => `/${r.prefix}${r.path}`;
const credentialHeaders = (r: RecordedRequest) => ({ authorization: r.headers.authorization, token: r.headers['x-auth-token'] });

describe.each(PROVIDERS)('$name: redirects', (p) => {
	test('a read redirected to another origin is not followed: nothing reaches it, and the error says why', async () => {
		env.sandbox.addFault({ prefix: p.prefix, method: p.read.method, path: p.read.path, status: 302, redirect: `${env.other.origin}/steal/here?token=x` });
		const { error, out } = await runProvider(env, p, p.read.parameters);
		const sent = requestsOf(env, p, p.read);
		expect(sent).toHaveLength(1);
		expect(env.other.requests).toEqual([]);
		expect(out).toEqual([]);
		expect(error?.message).toBe(
			`${p.name} redirected ${p.read.method} ${fullPath(sent[0])} to ${env.other.origin}/steal/here (302); not followed so that your credentials are not sent there`,
		);
		expect(error?.description).toMatch(/^Check the credential's base URL/);
	});

	test('a create answered 307 to another origin is not re-posted there', async () => {
		env.sandbox.addFault({ prefix: p.prefix, method: p.write.method, path: p.write.path, status: 307, redirect: `${env.other.origin}/steal` });
		const { error } = await runProvider(env, p, p.write.parameters, p.write.input?.());
		const sent = requestsOf(env, p, p.write);
		expect(sent).toHaveLength(1);
		expect(env.other.requests).toEqual([]);
		expect(error?.message).toBe(
			`${p.name} redirected ${p.write.method} ${fullPath(sent[0])} to ${env.other.origin}/steal (307); not followed so that your credentials are not sent there`,
		);
	});

	test('a read redirected within the same origin is followed, with the same credential', async () => {
		env.sandbox.addFault({ prefix: p.prefix, method: p.read.method, path: p.read.path, status: 301, redirect: `${env.sandbox.url(p.prefix)}/moved` });
		const { error } = await runProvider(env, p, p.read.parameters);
		const api = env.sandbox.requestsFor(p.prefix).filter((r) => r.method === 'GET');
		expect(api.map((r) => r.status)).toEqual([301, 404]);
		expect(api[1].path).toBe('/moved');
		expect(credentialHeaders(api[1])).toEqual(credentialHeaders(api[0]));
		expect(Object.values(credentialHeaders(api[0])).some(Boolean)).toBe(true);
		// The sandbox has no route there: the answer of the redirected request is what the user sees.
		expect(error?.message).toMatch(new RegExp(`^${p.name} rejected the request \\(404\\)`));
	});

	test('the credential test does not follow a redirect to another origin', async () => {
		env.sandbox.addFault({ prefix: p.prefix, method: 'GET', status: 302, redirect: `${env.other.origin}/steal` });
		const result = await env.engine.testCredential(p.credentialType);
		expect(env.other.requests).toEqual([]);
		expect(env.sandbox.requestsFor(p.prefix).filter((r) => r.method === 'GET').map((r) => r.status)).toEqual([302]);
		// n8n 2.x's tester applies the credential's rule for the status; n8n 1.x's request error no longer has it.
		expect(result).toEqual({
			status: 'Error',
			message:
				N8N_MAJOR >= 2
					? 'The API answered with a redirect (302), which is not followed so that the credential is not sent to another address: check the base URL'
					: 'Request failed with status code 302',
		});
	});
});

describe("Penneo's token grant (preAuthentication)", () => {
	const penneo = PROVIDERS.find((p) => p.name === 'Penneo')!;

	test('a 307 from the OAuth host is not followed: client secret, API key and digest are not re-posted elsewhere', async () => {
		env.sandbox.addFault({ prefix: 'penneo-auth', method: 'POST', status: 307, redirect: `${env.other.origin}/oauth/token` });
		const { error } = await runProvider(env, penneo, penneo.read.parameters);
		expect(env.other.requests).toEqual([]);
		expect(env.sandbox.requestsFor('penneo-auth').map((r) => r.status)).toEqual([307]);
		expect(env.sandbox.requestsFor('penneo')).toEqual([]);
		expect(error?.message).toContain(
			`Penneo's token endpoint redirected to ${env.other.origin}/oauth/token (307); not followed so that your client secret and API key are not sent there`,
		);
		for (const secret of penneo.secrets(env.sandbox)) expect(JSON.stringify({ m: error?.message, d: error?.description })).not.toContain(secret);
	});

	test('the same from the credential test', async () => {
		env.sandbox.addFault({ prefix: 'penneo-auth', method: 'POST', status: 307, redirect: `${env.other.origin}/oauth/token` });
		const result = await env.engine.testCredential('penneoApi');
		expect(result.status).toBe('Error');
		expect(env.other.requests).toEqual([]);
	});
});

describe("NextSign's presigned file URLs (the documented file host's storage)", () => {
	const nextSign = PROVIDERS.find((p) => p.name === 'NextSign')!;

	test('are fetched without the API key, also where the storage redirects to another origin', async () => {
		const up = await runProvider(env, nextSign, nextSign.upload.parameters, [fileItem(Buffer.from('%PDF-1.4 presigned'), 'p.pdf')]);
		const url = String(up.out[0]?.json.url);
		env.sandbox.requests.length = 0;
		env.sandbox.addFault({ prefix: 'nextsign-storage', method: 'GET', status: 302, redirect: `${env.other.origin}/bucket/p.pdf` });
		const { error } = await runProvider(env, nextSign, { resource: 'document', operation: 'download', url, binaryPropertyName: 'data' });
		const [presign] = env.sandbox.requestsFor('nextsign-files');
		expect(presign.headers.authorization).toBe('Bearer ns_test_key');
		const [storage] = env.sandbox.requestsFor('nextsign-storage');
		expect(storage.headers.authorization).toBeUndefined();
		// The redirect of a request without credentials is followed; nothing of the credential goes along.
		expect(env.other.requests).toHaveLength(1);
		expect(env.other.requests[0].headers.authorization).toBeUndefined();
		expect(JSON.stringify(env.other.requests[0])).not.toContain('ns_test_key');
		expect(error?.message).toMatch(/^NextSign rejected the request \(404\)/);
	});
});
