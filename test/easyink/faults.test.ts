/** Faults on the way to EasyInk: rate limits are waited out, reads are retried, a create is never sent twice. */
import { runOp, useEasyInkEnv } from './env';

const env = useEasyInkEnv();

test('429 with Retry-After on a create: waited out and sent again (it was not applied)', async () => {
	env.sandbox.addFault({ method: 'POST', path: '/api/signingSessionDrafts', status: 429, retryAfter: '1', body: { error: { code: 'TooManyRequests', message: 'Rate limit exceeded' } } });
	const started = Date.now();
	const r = await runOp(env, { resource: 'draft', operation: 'create', subject: 'Rate limited' });
	expect(r.error).toBeUndefined();
	expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	expect(r.reqs.map((q) => q.status)).toEqual([429, 200]);
	expect(env.state.sessions.size).toBe(1);
});

test('a 503 on a read is retried; a 503 on a create is not (it may have been applied)', async () => {
	env.sandbox.addFault({ method: 'GET', path: '/statistics', status: 503 });
	const read = await runOp(env, { resource: 'session', operation: 'getStatistics' });
	expect(read.error).toBeUndefined();
	expect(read.reqs.map((q) => q.status)).toEqual([503, 200]);

	env.sandbox.addFault({ method: 'POST', path: '/api/signingSessionDrafts', status: 503 });
	const write = await runOp(env, { resource: 'draft', operation: 'create', subject: 'Maybe created' });
	expect(write.reqs).toHaveLength(1);
	expect(write.error?.message).toBe('EasyInk answered 503 to POST /easyink/api/signingSessionDrafts: Injected 503 (SANDBOX_FAULT)');
	expect(write.error?.description).toBe(
		'The request may still have been applied, so it was not sent again (that could create a duplicate). Search the drafts (Signing Session → Search with status Draft) for "Maybe created" before creating it again.',
	);
});

test('a connection cut while EasyInk answers a create is not repeated; the error says how to check', async () => {
	env.sandbox.addFault({ method: 'POST', path: '/api/signingSessionDrafts', cut: true });
	const r = await runOp(env, { resource: 'draft', operation: 'create', subject: 'Cut short' });
	expect(r.reqs).toHaveLength(1);
	expect(env.state.sessions.size).toBe(1); // EasyInk did create it: sending again would make a second draft
	expect(r.error?.message).toMatch(/^EasyInk could not be reached \(\w+\) for POST /);
	expect(r.error?.description).toBe(
		'The request may have reached EasyInk before the connection failed, so it was not sent again. Search the drafts (Signing Session → Search with status Draft) for "Cut short" before creating it again.',
	);
});
