import { makePdf } from '../../sandbox/server';
import { fileItem, single } from '../helpers';
import { CASE, optimaite, optimaiteEnv, state, useKey } from './env';

const env = optimaiteEnv();

const createEnvelope = (docId: string) =>
	optimaite({ resource: 'envelope', operation: 'create', caseId: CASE, title: 'Contract', documentIds: docId, signers: { signer: [{ name: 'A', email: 'a@example.com' }] } });

describe('Optimaite under faults', () => {
	test('429 with Retry-After is waited out and the create goes through once', async () => {
		const doc = state(env).storeDocument(CASE, 'a.pdf', 'application/pdf', makePdf('a'));
		env.sandbox.addFault({ prefix: 'optimaite', method: 'POST', path: 'signing-envelopes', status: 429, retryAfter: '1', body: { error: { code: 'RATE_LIMIT_EXCEEDED', retry_after: 1 } } });
		const started = Date.now();
		const result = await env.engine.run(single(createEnvelope(doc.id)));
		expect(result.error()).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(env.sandbox.requestsFor('optimaite').map((r) => r.status)).toEqual([429, 201]);
		expect(state(env).envelopes.size).toBe(1);
	});

	test('429 with the wait only in the body (retry_after) is honoured too', async () => {
		env.sandbox.addFault({ prefix: 'optimaite', path: '/cases', status: 429, body: { error: { code: 'RATE_LIMIT_EXCEEDED', retry_after: 1 } } });
		const result = await env.engine.run(single(optimaite({ resource: 'case', operation: 'get', caseId: CASE })));
		expect(result.error()).toBeUndefined();
		expect(env.sandbox.requestsFor('optimaite').map((r) => r.status)).toEqual([429, 200]);
	});

	test('a Retry-After longer than the node waits fails at once with advice', async () => {
		env.sandbox.addFault({ prefix: 'optimaite', path: '/cases', status: 429, retryAfter: '3600' });
		const result = await env.engine.run(single(optimaite({ resource: 'case', operation: 'get', caseId: CASE })));
		expect(result.error()?.message).toMatch(/^Optimaite rejected the request \(429\)/);
		expect(result.error()?.description).toMatch(/asked to wait 3600 s, longer than this node waits \(60 s\)/);
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(1);
	});

	test('503 on a read is retried', async () => {
		env.sandbox.addFault({ prefix: 'optimaite', path: '/cases', status: 503, times: 2 });
		const result = await env.engine.run(single(optimaite({ resource: 'case', operation: 'get', caseId: CASE })));
		expect(result.error()).toBeUndefined();
		expect(env.sandbox.requestsFor('optimaite').map((r) => r.status)).toEqual([503, 503, 200]);
	});

	test('503 on a create is not retried, and the error says it may have been applied and how to check', async () => {
		const doc = state(env).storeDocument(CASE, 'a.pdf', 'application/pdf', makePdf('a'));
		env.sandbox.addFault({ prefix: 'optimaite', method: 'POST', status: 503 });
		const result = await env.engine.run(single(createEnvelope(doc.id)));
		expect(result.error()?.message).toBe(`Optimaite answered 503 to POST /optimaite/api/v1/cases/${CASE}/signing-envelopes: Injected 503 (SANDBOX_FAULT)`);
		expect(result.error()?.description).toBe(
			`The request may still have been applied, so it was not sent again (that could create a duplicate). Use Signing Envelope → Get Many for case ${CASE} and look for "Contract" before creating it again.`,
		);
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(1);
	});

	test('a dropped connection during an upload is not retried (it may have been stored)', async () => {
		env.sandbox.addFault({ prefix: 'optimaite', method: 'POST', path: '/documents', cut: true });
		const result = await env.engine.run(single(optimaite({ resource: 'document', operation: 'upload', caseId: CASE, binaryPropertyName: 'data' })), [fileItem(makePdf('x'), 'x.pdf')]);
		expect(result.error()?.message).toMatch(/^Optimaite could not be reached \(\w+\) for POST \/optimaite\/api\/v1\/documents$/);
		expect(result.error()?.description).toMatch(/Look in case .* for a document named "x.pdf" before uploading it again/);
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(1);
	});

	test('a download cut in the middle returns no partial file', async () => {
		const doc = state(env).storeDocument(CASE, 'big.pdf', 'application/pdf', Buffer.alloc(200_000, 1));
		env.sandbox.addFault({ prefix: 'optimaite', path: '/download', cut: true, times: 5 });
		const result = await env.engine.run(single(optimaite({ resource: 'document', operation: 'download', documentId: doc.id, binaryPropertyName: 'data' })));
		expect(result.error()?.message).toMatch(/^Optimaite could not be reached/);
		expect(result.output('Optimaite')).toEqual([]);
		// Reads are retried: the first cuts were tried again before giving up.
		expect(env.sandbox.requestsFor('optimaite').length).toBe(4);
	});

	test('a non-JSON answer is reported, not passed on as data', async () => {
		env.sandbox.addFault({ prefix: 'optimaite', path: '/cases', malformed: true });
		const result = await env.engine.run(single(optimaite({ resource: 'case', operation: 'get', caseId: CASE })));
		expect(result.error()?.message).toBe('Optimaite answered with something that is not JSON (GET /optimaite/api/v1/cases/' + CASE + ')');
	});
});

describe('Optimaite delete under faults', () => {
	test('a repeat that finds the document gone counts as deleted (the first attempt did it, its answer was lost)', async () => {
		const doc = state(env).storeDocument(CASE, 'a.pdf', 'application/pdf', makePdf('a'));
		// The gateway loses the first answer after the document was deleted.
		state(env).documents.delete(doc.id);
		env.sandbox.addFault({ prefix: 'optimaite', method: 'DELETE', status: 504 });
		const result = await env.engine.run(single(optimaite({ resource: 'document', operation: 'delete', documentId: doc.id })));
		expect(result.error()).toBeUndefined();
		expect(result.output('Optimaite')[0].json).toEqual({ id: doc.id, deleted: true });
		expect(env.sandbox.requestsFor('optimaite').map((r) => r.status)).toEqual([504, 404]);
	});

	test('a 404 on the first attempt is still "not found"', async () => {
		const result = await env.engine.run(single(optimaite({ resource: 'document', operation: 'delete', documentId: 'doc_never' })));
		expect(result.error()?.message).toBe('Optimaite rejected the request (404): Document does not exist (DOCUMENT_NOT_FOUND)');
	});
});

describe('Optimaite rate limits (the sandbox enforcing the documented ones)', () => {
	const items = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { i } }));
	const getCase = optimaite({ resource: 'case', operation: 'get', caseId: CASE });

	test('over the burst limit: the 429 body’s retry_after is waited out and the request goes through', async () => {
		Object.assign(state(env).rateLimit, { enabled: true, perSecond: 2 });
		const started = Date.now();
		const result = await env.engine.run(single(getCase), items(3));
		expect(result.error()).toBeUndefined();
		expect(env.sandbox.requestsFor('optimaite').map((r) => r.status)).toEqual([200, 200, 429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test('on the Standard plan the node spaces its requests to 10 a second: no 429 at all', async () => {
		useKey(env, 'opt_test_sandbox', 'standard');
		Object.assign(state(env).rateLimit, { enabled: true, perSecond: 10 });
		const result = await env.engine.run(single(getCase), items(15));
		expect(result.error()).toBeUndefined();
		expect(env.sandbox.requestsFor('optimaite').map((r) => r.status)).toEqual(Array(15).fill(200));
	});

	test('the daily limit used up: one 429, no waiting for hours, and the limits named', async () => {
		Object.assign(state(env).rateLimit, { enabled: true, perDay: 1 });
		const result = await env.engine.run(single(getCase), items(2));
		expect(result.error()?.message).toMatch(/^Optimaite rejected the request \(429\): Rate limit exceeded\. Retry after \d+ seconds\. \(RATE_LIMIT_EXCEEDED\)/);
		expect(result.error()?.description).toMatch(/asked to wait \d+ s, longer than this node waits \(60 s\)\..* Optimaite's Standard plan allows 60 requests a minute and 10,000 a day/);
		expect(env.sandbox.requestsFor('optimaite').map((r) => r.status)).toEqual([200, 429]);
	});
});
