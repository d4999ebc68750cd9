import { makePdf } from '../../sandbox/server';
import { single } from '../helpers';
import { CASE, optimaite, optimaiteEnv, state, useKey } from './env';

const env = optimaiteEnv();

function seedDocs() {
	const a = state(env).storeDocument(CASE, 'a.pdf', 'application/pdf', makePdf('a'));
	const b = state(env).storeDocument(CASE, 'b.pdf', 'application/pdf', makePdf('b'));
	return [a.id, b.id];
}

const createParams = (docIds: string, signers: unknown[], over: Record<string, unknown> = {}) => ({
	resource: 'envelope',
	operation: 'create',
	caseId: CASE,
	title: 'Employment Agreement -- Smith',
	documentIds: docIds,
	signers: { signer: signers },
	...over,
});

describe('Optimaite → Signing Envelope', () => {
	test('Create sends the documented body and returns the envelope object', async () => {
		const [a, b] = seedDocs();
		const result = await env.engine.run(
			single(
				optimaite(
					createParams(`${a}, ${b}`, [
						{ name: 'John Smith', email: 'john.smith@example.com', role: 'signer' },
						{ name: 'HR Director', email: 'hr@company.de' },
					], { signingOrder: 'sequential', sendEmails: false }),
				),
			),
		);
		expect(result.error()).toBeUndefined();
		const [req] = env.sandbox.requestsFor('optimaite');
		expect([req.method, req.path, req.search]).toEqual(['POST', `/api/v1/cases/${CASE}/signing-envelopes`, '']);
		expect(req.headers['content-type']).toMatch(/^application\/json/);
		expect(req.body).toEqual({
			title: 'Employment Agreement -- Smith',
			document_ids: [a, b],
			signers: [
				{ name: 'John Smith', email: 'john.smith@example.com', role: 'signer' },
				{ name: 'HR Director', email: 'hr@company.de', role: 'signer' },
			],
			signing_order: 'sequential',
			send_emails: false,
		});
		const out = result.output('Optimaite')[0].json;
		expect(Object.keys(out).sort()).toEqual(['case_id', 'completed_at', 'created_at', 'documents', 'id', 'signers', 'status', 'title']);
		expect(out).toMatchObject({ case_id: CASE, status: 'sent', title: 'Employment Agreement -- Smith', documents: [{ document_id: a, filename: 'a.pdf' }, { document_id: b }] });
		expect(state(env).envelopes.get(out.id as string)?.signers.map((s) => s.email)).toEqual(['john.smith@example.com', 'hr@company.de']);
	});

	test('Document IDs may come from an expression as an array; the defaults are sequential and emails on', async () => {
		const [a] = seedDocs();
		const result = await env.engine.run(single(optimaite(createParams(`={{ ["${a}"] }}`, [{ name: 'A', email: 'a@example.com' }]))));
		expect(result.error()).toBeUndefined();
		expect(env.sandbox.requestsFor('optimaite')[0].body).toEqual({
			title: 'Employment Agreement -- Smith',
			document_ids: [a],
			signers: [{ name: 'A', email: 'a@example.com', role: 'signer' }],
			signing_order: 'sequential',
			send_emails: true,
		});
	});

	test('parallel order is sent as "parallel" (unconfirmed: the API docs show only sequential)', async () => {
		const [a] = seedDocs();
		const result = await env.engine.run(single(optimaite(createParams(a, [{ name: 'A', email: 'a@example.com' }], { signingOrder: 'parallel' }))));
		expect(result.error()).toBeUndefined();
		expect(env.sandbox.requestsFor('optimaite')[0].body).toMatchObject({ signing_order: 'parallel' });
	});

	test('the unconfirmed roles are sent as written, and a sandbox that reads the docs strictly refuses them', async () => {
		const [a] = seedDocs();
		const result = await env.engine.run(single(optimaite(createParams(a, [{ name: 'A', email: 'a@example.com', role: 'approver' }]))));
		expect(env.sandbox.requestsFor('optimaite')[0].body).toMatchObject({ signers: [{ name: 'A', email: 'a@example.com', role: 'approver' }] });
		expect(result.error()?.message).toBe(
			'Optimaite rejected the request (400): signers[0].role: unknown role "approver" (documented: signer) (VALIDATION_ERROR)',
		);
		expect(state(env).envelopes.size).toBe(0);
	});

	test('Promote Documents sends the documented body and returns the draft', async () => {
		const [a, b] = seedDocs();
		const result = await env.engine.run(single(optimaite({ resource: 'envelope', operation: 'promote', caseId: CASE, documentIds: `${a},${b}`, title: 'NDA Package' })));
		const [req] = env.sandbox.requestsFor('optimaite');
		expect([req.method, req.path, req.body]).toEqual(['POST', '/api/v1/signing/promote-to-envelope', { case_id: CASE, document_ids: [a, b], title: 'NDA Package' }]);
		expect(result.output('Optimaite')[0].json).toMatchObject({ status: 'draft', signers: [], title: 'NDA Package' });
	});

	test('Promote Documents says in the editor that a draft cannot be sent through the documented API', async () => {
		await env.engine.load();
		const props = (env.engine.nodeType('n8n-nodes-esign.optimaite') as { description: { properties: Array<{ name: string; options?: Array<{ value: string; description?: string }> }> } }).description
			.properties;
		const ops = props.find((p) => p.name === 'operation' && p.options?.some((o) => o.value === 'promote'))!;
		expect(ops.options!.find((o) => o.value === 'promote')!.description).toMatch(/no documented way to add signers to a draft or send it/);
	});

	test('Get Many lists a case’s envelopes (the documented entry fields) with status filter and limit', async () => {
		const [a] = seedDocs();
		const create = (title: string) => env.engine.run(single(optimaite(createParams(a, [{ name: 'A', email: 'a@example.com' }], { title }))));
		for (const t of ['one', 'two', 'three']) await create(t);
		const [first] = [...state(env).envelopes.values()];
		state(env).sign(first.id);
		env.sandbox.requests.length = 0;

		const all = await env.engine.run(single(optimaite({ resource: 'envelope', operation: 'getMany', caseId: CASE, returnAll: true })));
		expect(all.output('Optimaite').map((i) => i.json.title)).toEqual(['one', 'two', 'three']);
		expect(all.output('Optimaite')[0].json).toEqual({
			case_id: CASE,
			id: first.id,
			title: 'one',
			status: 'completed',
			signers: [{ name: 'A', status: 'signed', signed_at: expect.any(String) }],
		});
		const limited = await env.engine.run(single(optimaite({ resource: 'envelope', operation: 'getMany', caseId: CASE, returnAll: false, limit: 2 })));
		expect(limited.output('Optimaite')).toHaveLength(2);
		const completed = await env.engine.run(single(optimaite({ resource: 'envelope', operation: 'getMany', caseId: CASE, returnAll: true, filters: { status: ['completed'] } })));
		expect(completed.output('Optimaite').map((i) => [i.json.title, i.json.status])).toEqual([['one', 'completed']]);
		expect(env.sandbox.requestsFor('optimaite').map((r) => `${r.method} ${r.path}${r.search}`)).toEqual(Array(3).fill(`GET /api/v1/cases/${CASE}/signed-documents`));
	});

	test('a key without documents:write gets the missing scope named', async () => {
		const [a] = seedDocs();
		useKey(env, 'opt_test_readonly');
		const result = await env.engine.run(single(optimaite(createParams(a, [{ name: 'A', email: 'a@example.com' }]))));
		expect(result.error()?.message).toBe('Optimaite rejected the request (403): Missing documents:write scope (AUTH_INSUFFICIENT_SCOPE)');
		expect(result.error()?.description).toBe(
			'The API key is valid but lacks the "documents:write" scope this needs. In Optimaite (Workspace Settings → API Keys) create a key with documents:write and the other scopes you use, and paste it into the Optimaite credential.',
		);
	});

	test('a 403 without a scope in its message names the scope the request needs', async () => {
		env.sandbox.addFault({ prefix: 'optimaite', path: '/cases/', status: 403, body: { error: { code: 'AUTH_INSUFFICIENT_SCOPE', message: 'Forbidden' } } });
		const result = await env.engine.run(single(optimaite({ resource: 'case', operation: 'get', caseId: CASE })));
		expect(result.error()?.description).toMatch(/^The API key is valid but lacks the "cases:read" scope this needs\./);
	});

	test('a wrong API key is rejected without the key appearing anywhere in the error', async () => {
		useKey(env, 'opt_live_wrong_secret_123');
		const result = await env.engine.run(single(optimaite({ resource: 'case', operation: 'get', caseId: CASE })));
		const error = result.error()!;
		expect(error.message).toBe('Optimaite rejected the request (401): Invalid API key (AUTH_INVALID_KEY)');
		expect(error.description).toMatch(/open the Optimaite credential/);
		expect(JSON.stringify({ ...error, message: error.message, description: error.description, stack: error.stack })).not.toContain('opt_live_wrong_secret_123');
	});
});

describe('Optimaite API credential', () => {
	test('"Test" lists documents with the key', async () => {
		expect(await env.engine.testCredential('optimaiteApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [req] = env.sandbox.requestsFor('optimaite');
		expect([req.method, req.path, req.search, req.headers.authorization]).toEqual(['GET', '/api/v1/documents', '', 'Bearer opt_test_sandbox']);
	});

	test('a key that can sign and download but not list cases passes', async () => {
		useKey(env, 'opt_test_signer');
		expect(await env.engine.testCredential('optimaiteApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test('a valid key without documents:read gets "valid key, scope missing"', async () => {
		useKey(env, 'opt_test_writeonly');
		expect(await env.engine.testCredential('optimaiteApi')).toEqual({
			status: 'Error',
			message:
				'The API key is valid, but it lacks the documents:read scope this test (and downloading signed documents) needs. Signing needs documents:write, the trigger documents:read, cases cases:read.',
		});
		expect(env.sandbox.requestsFor('optimaite')[0]).toMatchObject({ path: '/api/v1/documents', status: 403 });
	});

	test('a wrong key (and a base URL with a trailing slash) reports the key', async () => {
		env.engine.setCredentials('optimaiteApi', { apiKey: 'opt_test_nope', environment: 'custom', baseUrl: `${env.sandbox.url('optimaite')}/api/v1/` });
		const wrong = await env.engine.testCredential('optimaiteApi');
		expect(wrong).toEqual({
			status: 'Error',
			message: 'Optimaite did not accept the API key: paste the workspace key (opt_live_… for production, opt_test_… for sandbox data) and check the environment.',
		});
		expect(env.sandbox.requestsFor('optimaite')[0]).toMatchObject({ path: '/api/v1/documents', status: 401 });
	});

	test('a Custom URL without /api/v1 says where the API is expected', async () => {
		env.engine.setCredentials('optimaiteApi', { apiKey: 'opt_test_sandbox', environment: 'custom', baseUrl: env.sandbox.url('optimaite') });
		expect(await env.engine.testCredential('optimaiteApi')).toEqual({
			status: 'Error',
			message: 'No Optimaite API answered at this address: with "Custom URL", check that the Base URL ends with /api/v1 (e.g. https://api.optimaite.eu/api/v1).',
		});
		expect(env.sandbox.requestsFor('optimaite')[0]).toMatchObject({ path: '/documents', status: 404 });
	});

	test('a rate-limited test says the key could not be checked yet, not that it is wrong', async () => {
		env.sandbox.addFault({ prefix: 'optimaite', path: '/documents', status: 429, retryAfter: '3600' });
		expect(await env.engine.testCredential('optimaiteApi')).toEqual({
			status: 'Error',
			message: 'Optimaite’s rate limit was reached (your workflows used the plan’s requests for now): the key could not be checked. Try again in a minute.',
		});
	});
});
