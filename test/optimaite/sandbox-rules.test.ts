/**
 * The Optimaite sandbox is an independent reading of Optimaite's developer docs: no node code in its imports, a
 * source on every route, only documented fields in its answers, strict where the docs are silent, scopes per method,
 * and the documented rate limits (switchable). Requests go over HTTP, as a client would send them.
 */
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { emulatorState } from '../../sandbox/index';
import type { OptimaiteState } from '../../sandbox/providers/optimaite';
import { makePdf } from '../../sandbox/server';
import { emulatorFor, expectIndependentEmulator } from '../sandbox-rules';
import { CASE } from './env';

let sandbox: Sandbox;
const state = () => emulatorState<OptimaiteState>(sandbox, 'optimaite');
beforeAll(async () => {
	sandbox = await startSandbox(0);
});
afterAll(async () => sandbox.stop());
beforeEach(() => sandbox.reset());

async function call(method: string, path: string, options: { key?: string | null; json?: unknown; form?: FormData } = {}) {
	const headers: Record<string, string> = {};
	if (options.key !== null) headers.authorization = `Bearer ${options.key ?? 'opt_test_sandbox'}`;
	let body: string | FormData | undefined;
	if (options.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(options.json);
	} else body = options.form;
	const res = await fetch(`${sandbox.url('optimaite')}/api/v1${path}`, { method, headers, body });
	const text = await res.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, json: json as Record<string, unknown> };
}

const control = (path: string, body: unknown = {}) =>
	fetch(`${sandbox.origin}/_control/optimaite/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function envelopeInCase() {
	const doc = state().storeDocument(CASE, 'contract.pdf', 'application/pdf', makePdf('c'), Date.now() - 60_000);
	return state().createEnvelope({ caseId: CASE, title: 'Contract', documentIds: [doc.id], signers: [{ name: 'John Smith', email: 'john@example.com' }] });
}

test('imports no node code, and every route names its source (a guess says [G])', () => {
	expectIndependentEmulator('optimaite');
	const guesses = emulatorFor('optimaite').routes.filter((r) => r.source?.includes('[G]')).map((r) => `${r.method} ${r.pattern}`);
	expect(guesses).toEqual([
		'GET /api/v1/documents',
		'DELETE /api/v1/documents/:id',
		'GET /api/v1/cases/:caseId/signed-documents',
		'POST /api/v1/signing/promote-to-envelope',
	]);
});

describe('answers carry only documented fields', () => {
	test('the envelope list: id, title, status, signers (name, status, signed_at) — no documents, no signed document id', async () => {
		const e = envelopeInCase();
		await control(`envelopes/${e.id}/sign`);
		const res = await call('GET', `/cases/${CASE}/signed-documents`);
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ data: [{ id: e.id, title: 'Contract', status: 'completed', signers: [{ name: 'John Smith', status: 'signed', signed_at: expect.any(String) }] }] });
	});

	test('the created envelope is the documented envelope object', async () => {
		const doc = state().storeDocument(CASE, 'a.pdf', 'application/pdf', makePdf('a'));
		const res = await call('POST', `/cases/${CASE}/signing-envelopes`, {
			json: { title: 'T', document_ids: [doc.id], signers: [{ name: 'A', email: 'a@example.com', role: 'signer' }], signing_order: 'sequential', send_emails: true },
		});
		expect(res.status).toBe(201);
		expect(Object.keys(res.json).sort()).toEqual(['case_id', 'completed_at', 'created_at', 'documents', 'id', 'signers', 'status', 'title']);
		expect(res.json.documents).toEqual([{ id: expect.stringMatching(/^sigdoc_/), document_id: doc.id, filename: 'a.pdf' }]);
		expect(res.json.signers).toEqual([{ id: expect.any(String), name: 'A', email: 'a@example.com', role: 'signer', status: 'pending', signed_at: null }]);
	});

	test('cases and documents have the documented object fields', async () => {
		const c = await call('GET', `/cases/${CASE}`);
		expect(Object.keys(c.json).sort()).toEqual(['created_at', 'description', 'dezernat', 'file_number', 'id', 'name', 'parties', 'staff', 'status', 'type', 'updated_at']);
		const form = new FormData();
		form.append('file', new Blob([makePdf('x')], { type: 'application/pdf' }), 'x.pdf');
		form.append('case_id', CASE);
		const up = await call('POST', '/documents', { form });
		expect(up.status).toBe(201);
		expect(Object.keys(up.json).sort()).toEqual(
			['case_id', 'created_at', 'extracted_text_length', 'filename', 'folder_id', 'id', 'mime_type', 'parties', 'size_bytes', 'status', 'updated_at'].sort(),
		);
	});
});

describe('strict where the docs are silent, in Optimaite’s error shape', () => {
	test.each([
		['an unknown query parameter', 'GET', '/cases?sort=name', undefined, 'Unknown query parameter: sort'],
		['an unknown status', 'GET', '/cases?status=deleted', undefined, 'status must be one of active, closed, archived (got deleted)'],
		['a limit out of range', 'GET', '/cases?limit=101', undefined, 'limit must be an integer from 1 to 100'],
		['a query on a get', 'GET', `/cases/${CASE}?expand=parties`, undefined, 'Unknown query parameter: expand'],
		['an unknown body key', 'POST', `/cases/${CASE}/signing-envelopes`, { title: 'T', document_ids: ['d'], signers: [], message: 'hi' }, 'Unknown field: message'],
		['an unknown promote key', 'POST', '/signing/promote-to-envelope', { case_id: CASE, document_ids: ['d'], title: 'T', signers: [] }, 'Unknown field: signers'],
	])('%s → 400 VALIDATION_ERROR', async (_name, method, path, json, message) => {
		const res = await call(method, path, { json });
		expect([res.status, res.json]).toEqual([400, { error: { code: 'VALIDATION_ERROR', message } }]);
	});

	test('the documented errors: NO_DOCUMENTS, NO_SIGNERS, CASE_NOT_FOUND, DOCUMENT_NOT_FOUND', async () => {
		const doc = state().storeDocument(CASE, 'a.pdf', 'application/pdf', makePdf('a'));
		const signer = { name: 'A', email: 'a@example.com' };
		const post = (path: string, json: unknown) => call('POST', path, { json });
		expect((await post(`/cases/${CASE}/signing-envelopes`, { title: 'T', document_ids: [], signers: [signer] })).json).toEqual({ error: { code: 'NO_DOCUMENTS', message: 'No document IDs provided' } });
		expect((await post(`/cases/${CASE}/signing-envelopes`, { title: 'T', document_ids: [doc.id], signers: [] })).json).toEqual({ error: { code: 'NO_SIGNERS', message: 'No signers provided' } });
		expect((await post('/cases/00000000-0000-4000-8000-000000000000/signing-envelopes', { title: 'T', document_ids: [doc.id], signers: [signer] })).status).toBe(404);
		const missing = await post(`/cases/${CASE}/signing-envelopes`, { title: 'T', document_ids: ['doc_nope'], signers: [signer] });
		expect([missing.status, missing.json]).toEqual([404, { error: { code: 'DOCUMENT_NOT_FOUND', message: 'One or more document IDs do not exist' } }]);
	});

	test('values the docs do not show are refused: roles other than signer, an unknown order, an unknown upload field', async () => {
		const doc = state().storeDocument(CASE, 'a.pdf', 'application/pdf', makePdf('a'));
		const create = (over: Record<string, unknown>) =>
			call('POST', `/cases/${CASE}/signing-envelopes`, { json: { title: 'T', document_ids: [doc.id], signers: [{ name: 'A', email: 'a@example.com' }], ...over } });
		expect((await create({ signers: [{ name: 'A', email: 'a@example.com', role: 'cc' }] })).json).toEqual({
			error: { code: 'VALIDATION_ERROR', message: 'signers[0].role: unknown role "cc" (documented: signer)' },
		});
		expect((await create({ signing_order: 'random' })).status).toBe(400);
		expect((await create({ signing_order: 'parallel' })).status).toBe(201);
		const form = new FormData();
		form.append('file', new Blob([makePdf('x')], { type: 'application/pdf' }), 'x.pdf');
		form.append('title', 'x');
		expect((await call('POST', '/documents', { form })).json).toEqual({ error: { code: 'VALIDATION_ERROR', message: 'Unknown form field: title' } });
	});
});

describe('scopes per method', () => {
	test.each([
		['opt_test_signer', 'GET', '/cases', 'cases:read'],
		['opt_test_writeonly', 'GET', '/documents', 'documents:read'],
		['opt_test_readonly', 'POST', `/cases/${CASE}/signing-envelopes`, 'documents:write'],
		['opt_test_readonly', 'POST', '/signing/promote-to-envelope', 'documents:write'],
		['opt_test_signer', 'DELETE', '/documents/doc_x', 'documents:delete'],
		['opt_test_writeonly', 'GET', `/cases/${CASE}/signed-documents`, 'documents:read'],
	])('%s: %s %s needs %s', async (key, method, path, scope) => {
		const res = await call(method, path, { key, json: method === 'POST' ? {} : undefined });
		expect([res.status, res.json]).toEqual([403, { error: { code: 'AUTH_INSUFFICIENT_SCOPE', message: `Missing ${scope} scope` } }]);
	});

	test('no key or an unknown key → 401', async () => {
		expect((await call('GET', '/cases', { key: null })).status).toBe(401);
		expect((await call('GET', '/cases', { key: 'opt_live_unknown' })).json).toEqual({ error: { code: 'AUTH_INVALID_KEY', message: 'Invalid API key' } });
	});
});

describe('rate limits as documented', () => {
	test('every answer carries X-RateLimit-Limit / -Remaining / -Reset', async () => {
		const first = await call('GET', '/cases');
		const second = await call('GET', '/documents');
		expect(first.headers.get('x-ratelimit-limit')).toBe('60');
		expect([first.headers.get('x-ratelimit-remaining'), second.headers.get('x-ratelimit-remaining')]).toEqual(['59', '58']);
		expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
	});

	test('off until switched on; then 10 a second → 429 with the documented body and no Retry-After header', async () => {
		for (let i = 0; i < 12; i++) expect((await call('GET', '/cases')).status).toBe(200);
		await control('rate-limit', { enabled: true });
		const statuses: number[] = [];
		let refused: Awaited<ReturnType<typeof call>> | undefined;
		for (let i = 0; i < 11; i++) {
			const res = await call('GET', '/cases');
			statuses.push(res.status);
			if (res.status === 429) refused = res;
		}
		expect(statuses).toEqual([...Array(10).fill(200), 429]);
		expect(refused!.json).toEqual({ error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded. Retry after 1 seconds.', retry_after: 1 } });
		expect(refused!.headers.get('retry-after')).toBeNull();
		expect(refused!.headers.get('x-ratelimit-remaining')).toBe('50');
	});

	test('60 a minute and 10,000 a day', async () => {
		await control('rate-limit', { enabled: true, perSecond: 1000 });
		for (let i = 0; i < 60; i++) await call('GET', '/cases');
		const minute = await call('GET', '/cases');
		expect(minute.status).toBe(429);
		expect((minute.json.error as { retry_after: number }).retry_after).toBeGreaterThan(50);
		await control('rate-limit', { enabled: true, perMinute: 10_000, perDay: 10 });
		for (let i = 0; i < 10; i++) expect((await call('GET', '/cases')).status).toBe(200);
		const day = await call('GET', '/cases');
		expect(day.status).toBe(429);
		expect((day.json.error as { retry_after: number }).retry_after).toBeGreaterThan(0);
	});
});

describe('control routes', () => {
	test('sign, open, decline, expire; the last signature stores the signed copy in the case', async () => {
		const e = envelopeInCase();
		expect(await (await control(`envelopes/${e.id}/open`)).json()).toEqual({ id: e.id, status: 'in_progress' });
		expect(await (await control(`envelopes/${e.id}/sign`, { email: 'john@example.com' })).json()).toEqual({ id: e.id, status: 'completed' });
		const docs = await call('GET', `/documents?case_id=${CASE}`);
		expect((docs.json.data as Array<{ filename: string }>).map((d) => d.filename)).toEqual(['contract.pdf', 'contract_signed.pdf']);
		expect(docs.json.next_cursor).toBeNull();
		const other = envelopeInCase();
		expect((await control(`envelopes/${other.id}/decline`)).status).toBe(200);
		expect((await control(`envelopes/${other.id}/expire`)).status).toBe(409);
	});

	test('options: the cursor field’s name and the signed copy’s delay', async () => {
		await control('options', { cursorField: 'nextCursor', signedDocumentDelayMs: 60_000 });
		expect(Object.keys((await call('GET', '/cases')).json)).toEqual(['data', 'nextCursor']);
		const e = envelopeInCase();
		await control(`envelopes/${e.id}/sign`);
		expect(((await call('GET', `/documents?case_id=${CASE}`)).json.data as unknown[]).length).toBe(1);
	});
});
