import { makePdf } from '../../sandbox/server';
import { single } from '../helpers';
import { CASE, optimaite, optimaiteEnv, state } from './env';

const env = optimaiteEnv();

function seedDocs() {
	const a = state(env).storeDocument(CASE, 'a.pdf', 'application/pdf', makePdf('a'));
	const b = state(env).storeDocument(CASE, 'b.pdf', 'application/pdf', makePdf('b'));
	return [a.id, b.id];
}

describe('Optimaite → Signing Envelope', () => {
	test('Create sends the documented body and returns the envelope', async () => {
		const [a, b] = seedDocs();
		const result = await env.engine.run(
			single(
				optimaite({
					resource: 'envelope',
					operation: 'create',
					caseId: CASE,
					title: 'Employment Agreement -- Smith',
					documentIds: `${a}, ${b}`,
					signers: {
						signer: [
							{ name: 'John Smith', email: 'john.smith@example.com', role: 'signer' },
							{ name: 'HR Director', email: 'hr@company.de' },
						],
					},
					signingOrder: 'parallel',
					sendEmails: false,
				}),
			),
		);
		expect(result.error()).toBeUndefined();
		const [req] = env.sandbox.requestsFor('optimaite');
		expect([req.method, req.path]).toEqual(['POST', `/api/v1/cases/${CASE}/signing-envelopes`]);
		expect(req.headers['content-type']).toMatch(/^application\/json/);
		expect(req.body).toEqual({
			title: 'Employment Agreement -- Smith',
			document_ids: [a, b],
			signers: [
				{ name: 'John Smith', email: 'john.smith@example.com', role: 'signer' },
				{ name: 'HR Director', email: 'hr@company.de', role: 'signer' },
			],
			signing_order: 'parallel',
			send_emails: false,
		});
		const out = result.output('Optimaite')[0].json;
		expect(out).toMatchObject({ case_id: CASE, status: 'sent', title: 'Employment Agreement -- Smith', signing_order: 'parallel' });
		expect(state(env).envelopes.get(out.id as string)?.signers.map((s) => s.email)).toEqual(['john.smith@example.com', 'hr@company.de']);
	});

	test('Document IDs may come from an expression as an array', async () => {
		const [a] = seedDocs();
		await env.engine.run(
			single(
				optimaite({
					resource: 'envelope',
					operation: 'create',
					caseId: CASE,
					title: 'NDA',
					documentIds: `={{ ["${a}"] }}`,
					signers: { signer: [{ name: 'A', email: 'a@example.com', role: 'approver' }] },
				}),
			),
		);
		expect(env.sandbox.requestsFor('optimaite')[0].body).toMatchObject({ document_ids: [a], signers: [{ role: 'approver' }], signing_order: 'sequential', send_emails: true });
	});

	test('Promote Documents creates a draft envelope', async () => {
		const [a, b] = seedDocs();
		const result = await env.engine.run(single(optimaite({ resource: 'envelope', operation: 'promote', caseId: CASE, documentIds: `${a},${b}`, title: 'NDA Package' })));
		const [req] = env.sandbox.requestsFor('optimaite');
		expect([req.method, req.path, req.body]).toEqual(['POST', '/api/v1/signing/promote-to-envelope', { case_id: CASE, document_ids: [a, b], title: 'NDA Package' }]);
		expect(result.output('Optimaite')[0].json).toMatchObject({ status: 'draft', signers: [], title: 'NDA Package' });
	});

	test('Get Many lists a case’s envelopes with status filter and limit', async () => {
		const [a] = seedDocs();
		const create = (title: string) =>
			env.engine.run(single(optimaite({ resource: 'envelope', operation: 'create', caseId: CASE, title, documentIds: a, signers: { signer: [{ name: 'A', email: 'a@example.com' }] } })));
		for (const t of ['one', 'two', 'three']) await create(t);
		const [first] = [...state(env).envelopes.values()];
		state(env).sign(first.id);
		env.sandbox.requests.length = 0;

		const all = await env.engine.run(single(optimaite({ resource: 'envelope', operation: 'getMany', caseId: CASE, returnAll: true })));
		expect(all.output('Optimaite').map((i) => i.json.title)).toEqual(['one', 'two', 'three']);
		const limited = await env.engine.run(single(optimaite({ resource: 'envelope', operation: 'getMany', caseId: CASE, returnAll: false, limit: 2 })));
		expect(limited.output('Optimaite')).toHaveLength(2);
		const completed = await env.engine.run(single(optimaite({ resource: 'envelope', operation: 'getMany', caseId: CASE, returnAll: true, filters: { status: ['completed'] } })));
		expect(completed.output('Optimaite').map((i) => [i.json.title, i.json.status])).toEqual([['one', 'completed']]);
		expect(env.sandbox.requestsFor('optimaite').map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill(`GET /api/v1/cases/${CASE}/signed-documents`));
	});

	test('a key without documents:write gets the scope explained', async () => {
		const [a] = seedDocs();
		env.engine.setCredentials('optimaiteApi', { apiKey: 'opt_test_readonly', environment: 'custom', baseUrl: `${env.sandbox.url('optimaite')}/api/v1` });
		const result = await env.engine.run(
			single(optimaite({ resource: 'envelope', operation: 'create', caseId: CASE, title: 'x', documentIds: a, signers: { signer: [{ name: 'A', email: 'a@example.com' }] } })),
		);
		expect(result.error()?.message).toBe('Optimaite rejected the request (403): Missing documents:write scope (AUTH_INSUFFICIENT_SCOPE)');
		expect(result.error()?.description).toMatch(/documents:write/);
	});

	test('a wrong API key is rejected without the key appearing anywhere in the error', async () => {
		env.engine.setCredentials('optimaiteApi', { apiKey: 'opt_live_wrong_secret_123', environment: 'custom', baseUrl: `${env.sandbox.url('optimaite')}/api/v1` });
		const result = await env.engine.run(single(optimaite({ resource: 'case', operation: 'get', caseId: CASE })));
		const error = result.error()!;
		expect(error.message).toBe('Optimaite rejected the request (401): Invalid API key (AUTH_INVALID_KEY)');
		expect(error.description).toMatch(/open the Optimaite credential/);
		expect(JSON.stringify({ ...error, message: error.message, description: error.description, stack: error.stack })).not.toContain('opt_live_wrong_secret_123');
	});
});

describe('Optimaite API credential', () => {
	test('"Test" lists one case with the key and reports a wrong key', async () => {
		expect(await env.engine.testCredential('optimaiteApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [req] = env.sandbox.requestsFor('optimaite');
		expect([req.method, req.path, req.query, req.headers.authorization]).toEqual(['GET', '/api/v1/cases', { limit: '1' }, 'Bearer opt_test_sandbox']);
		env.engine.setCredentials('optimaiteApi', { apiKey: 'opt_test_nope', environment: 'custom', baseUrl: `${env.sandbox.url('optimaite')}/api/v1/` });
		const wrong = await env.engine.testCredential('optimaiteApi');
		expect(wrong.status).toBe('Error');
		expect(env.sandbox.requestsFor('optimaite')[1]).toMatchObject({ path: '/api/v1/cases', status: 401 });
	});
});
