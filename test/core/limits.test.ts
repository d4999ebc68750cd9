/**
 * Issue 13 §12: timeouts and oversized answers, for all five providers.
 * - A create that times out may have been applied: it is never sent again, and the error says how to check.
 *   A read that times out is retried.
 * - A JSON answer larger than the transport's bound (32 MiB) is refused with a clear error instead of being read
 *   into memory whole (declared by Content-Length, or found out while reading a chunked answer).
 */
import path from 'node:path';

import { PACKAGE_DIR } from '../helpers';
import { PROVIDERS, requestsOf, runProvider, useTransportEnv } from './providers';

const env = useTransportEnv();

/** The transport's limits object, as the nodes loaded from dist/ use it (the same module instance). */
const limits = () =>
	require(path.join(PACKAGE_DIR, 'dist/nodes/shared/transport.js')).TRANSPORT_LIMITS as { timeoutMs: number; maxTimeoutMs: number; maxJsonBytes: number };

const MiB = 1024 * 1024;

describe('timeouts', () => {
	let saved: { timeoutMs: number; maxTimeoutMs: number };
	beforeAll(() => {
		saved = { ...limits() };
		// Every request waits at most 0.4 s (uploads too, which ask for 30 minutes).
		limits().timeoutMs = 400;
		limits().maxTimeoutMs = 400;
	});
	afterAll(() => {
		Object.assign(limits(), { timeoutMs: saved.timeoutMs, maxTimeoutMs: saved.maxTimeoutMs });
	});

	describe.each(PROVIDERS)('$name', (p) => {
		test('a create that times out is not sent again; the error says it may have been applied and how to check', async () => {
			env.sandbox.addFault({ prefix: p.prefix, method: p.timedWrite.method, path: p.timedWrite.path, delayMs: 1500 });
			const { error } = await runProvider(env, p, p.timedWrite.parameters, p.timedWrite.input?.());
			const sent = requestsOf(env, p, p.timedWrite);
			expect(sent).toHaveLength(1);
			expect(error?.message).toBe(`${p.name} did not answer ${p.timedWrite.method} /${p.prefix}${sent[0].path} within 0.4 s`);
			expect(error?.description).toMatch(new RegExp(`^The request may have reached ${p.name} and been applied, so it was not sent again\\. \\S`));
		});

		test('a read that times out is tried again', async () => {
			env.sandbox.addFault({ prefix: p.prefix, method: p.read.method, path: p.read.path, delayMs: 1500 });
			await runProvider(env, p, p.read.parameters);
			expect(requestsOf(env, p, p.read).length).toBeGreaterThanOrEqual(2);
		});
	});
});

describe.each(PROVIDERS)('$name: oversized answers', (p) => {
	test('a JSON answer above 32 MiB (Content-Length) is refused, not read, and not asked again', async () => {
		expect(limits().maxJsonBytes).toBe(32 * MiB);
		env.sandbox.addFault({ prefix: p.prefix, method: p.read.method, path: p.read.path, oversizedBytes: 33 * MiB });
		const { error, out } = await runProvider(env, p, p.read.parameters);
		const sent = requestsOf(env, p, p.read);
		expect(sent).toHaveLength(1);
		expect(out).toEqual([]);
		expect(error?.message).toBe(`${p.name}'s answer to ${p.read.method} /${p.prefix}${sent[0].path} is larger than 32 MB; it was not read`);
		expect(error?.description).toMatch(/proxy|base URL/);
	});

	test('the same when the size is only known while reading (chunked answer)', async () => {
		env.sandbox.addFault({ prefix: p.prefix, method: p.read.method, path: p.read.path, oversizedBytes: 33 * MiB, chunked: true });
		const { error } = await runProvider(env, p, p.read.parameters);
		expect(requestsOf(env, p, p.read)).toHaveLength(1);
		expect(error?.message).toMatch(new RegExp(`^${p.name}'s answer to GET \\S+ is larger than 32 MB; it was not read$`));
	});
});
