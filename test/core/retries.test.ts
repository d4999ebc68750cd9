/**
 * Issue 12 §10: the same retry behaviour on n8n 1.x and 2.x (this file runs on both engines, like every test).
 * On n8n 1.x the request helpers used to drop the provider's answer, so a 429 was not waited out and a 5xx read
 * was not retried; the transport now reads every answer itself.
 */
import { PROVIDERS, requestsOf, runProvider, useTransportEnv } from './providers';

const env = useTransportEnv();

describe.each(PROVIDERS)('$name', (p) => {
	test('a 429 with Retry-After: 1 is waited out, then the read succeeds', async () => {
		env.sandbox.addFault({ prefix: p.prefix, method: p.read.method, path: p.read.path, status: 429, retryAfter: '1' });
		const started = Date.now();
		const { error } = await runProvider(env, p, p.read.parameters);
		const sent = requestsOf(env, p, p.read);
		expect(sent.map((r) => r.status)[0]).toBe(429);
		expect(sent).toHaveLength(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		// The read itself may be a 404 in the sandbox (no such object): what matters is that it was asked again.
		expect(error?.message ?? '').not.toMatch(/429/);
	});

	test('a 503 on a read is retried', async () => {
		env.sandbox.addFault({ prefix: p.prefix, method: p.read.method, path: p.read.path, status: 503 });
		await runProvider(env, p, p.read.parameters);
		expect(requestsOf(env, p, p.read).map((r) => r.status)[0]).toBe(503);
		expect(requestsOf(env, p, p.read)).toHaveLength(2);
	});

	test('a 503 on a write is not sent again, and the error says it may have been applied', async () => {
		env.sandbox.addFault({ prefix: p.prefix, method: p.timedWrite.method, path: p.timedWrite.path, status: 503 });
		const { error } = await runProvider(env, p, p.timedWrite.parameters, p.timedWrite.input?.());
		expect(requestsOf(env, p, p.timedWrite).map((r) => r.status)).toEqual([503]);
		expect(error?.message).toMatch(new RegExp(`^${p.name} answered 503 to ${p.timedWrite.method} `));
		expect(error?.description).toMatch(/^The request may still have been applied, so it was not sent again/);
	});
});
