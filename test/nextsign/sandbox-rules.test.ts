/**
 * The NextSign emulator is a second, independent reading of NextSign's docs: no node code in its imports, a source
 * on every route, and the strict reader where the docs are silent (unknown fields, query parameters, values are
 * refused), with application errors inside HTTP 200 where the versioning page warns of them.
 */
import path from 'node:path';

import { startSandbox, type Sandbox } from '../../sandbox/index';
import { expectIndependentEmulator } from '../sandbox-rules';
import { COMPANY, KEY } from './env';

const ENTRY = path.resolve(__dirname, '..', '..', 'sandbox', 'providers', 'nextsign', 'index.ts');

test.each(['nextsign', 'nextsign-files', 'nextsign-storage'])('%s: no node code in the emulator, a source line on every route', (prefix) => {
	expectIndependentEmulator(prefix, ENTRY);
});

describe('the emulator as a strict reader (straight HTTP, no node)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox(0);
	});
	afterAll(async () => sandbox.stop());
	beforeEach(() => sandbox.reset());

	const call = async (method: string, url: string, body?: unknown, key: string | null = KEY) => {
		const res = await fetch(`${sandbox.origin}${url}`, {
			method,
			headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.status, body: (await res.json()) as unknown };
	};
	const v2 = `/nextsign/api/v2/${COMPANY}`;
	const create = (extra: Record<string, unknown> = {}) => ({
		title: 'T',
		autoSend: true,
		settings: {},
		recipients: [{ name: 'Mia', email: 'mia@example.com' }],
		documents: [{ name: 'a.pdf', file: 'https://files.example.com/a.pdf' }],
		...extra,
	});

	test('the documented 401 without a key; a key of another company is refused', async () => {
		expect(await call('GET', `${v2}/cases/get`, undefined, null)).toEqual({
			status: 401,
			body: { errors: [{ code: 401, message: 'Unauthorized', description: 'Bearer token not found' }] },
		});
		expect((await call('GET', `${v2}/cases/get`, undefined, 'ns_other_key')).status).toBe(400);
	});

	test('list: an undocumented status value or query parameter is refused; the documented answer otherwise', async () => {
		expect(await call('GET', `${v2}/cases/get?status=expired`)).toMatchObject({ status: 400, body: { errors: [{ description: expect.stringMatching(/^Unknown status value: expired/) }] } });
		expect((await call('GET', `${v2}/cases/get?sort=updatedAt`)).status).toBe(400);
		expect((await call('GET', `${v2}/cases/get?limit=1000`)).status).toBe(400);
		expect(await call('GET', `${v2}/cases/get?status=pending&limit=10&index=0&folder=Default`)).toEqual({ status: 200, body: { status: 'company_found', cases: [] } });
	});

	test('create: unknown fields at any level are refused; an omitted autoSend creates an unsent case', async () => {
		expect((await call('POST', `${v2}/case/create`, create({ sendNow: true }))).body).toMatchObject({ errors: [{ description: 'Unknown field: sendNow (body)' }] });
		expect((await call('POST', `${v2}/case/create`, create({ recipients: [{ name: 'M', email: 'm@example.com', addPhone: true }] }))).status).toBe(400);
		expect((await call('POST', `${v2}/case/create`, create({ documents: [{ name: 'a.pdf', file: 'https://x.example/a.pdf', mustSign: true }] }))).status).toBe(400);
		expect((await call('POST', `${v2}/case/create`, create({ settings: { reminders: { every: 3 } } }))).status).toBe(400);
		expect((await call('POST', `${v2}/case/create`, create({ autoSend: 'yes' }))).status).toBe(400);
		const unsent = await call('POST', `${v2}/case/create`, create({ autoSend: undefined }));
		expect(unsent.status).toBe(200);
		expect((unsent.body as { data: { autoSend: boolean } }).data.autoSend).toBe(false);
		expect(await call('POST', `${v2}/case/create`, create({ recipients: [] }))).toEqual({ status: 400, body: { errors: [{ message: 'Missing recipients' }], notices: [] } });
	});

	test('older v2 endpoints answer "not found" inside HTTP 200, in the documented shapes', async () => {
		expect(await call('GET', `${v2}/case/nope/get`)).toEqual({ status: 200, body: { message: 'Case not found' } });
		expect(await call('GET', `${v2}/case/nope/delete`)).toEqual({ status: 200, body: { message: 'Case not found' } });
		expect(await call('GET', `${v2}/forms/nope/tags/get`)).toEqual({ status: 200, body: { errors: [{ code: 400, message: 'Bad Request', description: 'Form not found' }] } });
		// Get multiple names its HTTP status: 404.
		expect(await call('GET', `${v2}/cases/a,b/get`)).toEqual({ status: 404, body: { message: 'Cases not found' } });
	});

	test('forms: tags are a bare array; submit takes a number tag only as a number and refuses unknown tags', async () => {
		const tags = await call('GET', `${v2}/forms/form-lease/tags/get`);
		expect(tags.body).toEqual([
			{ name: 'Lejers navn', tag: 'tenant_name', value: '', type: 'text', _id: 'tag-tenant' },
			{ name: 'Månedlig leje', tag: 'rent', value: '', type: 'number', _id: 'tag-rent' },
			{ name: 'Indflytning', tag: 'move_in', value: '', type: 'date', _id: 'tag-move-in' },
		]);
		const recipients = [{ name: 'Mia', email: 'mia@example.com' }];
		const asText = await call('POST', `${v2}/forms/form-lease/submit`, { tags: [{ tag: 'tenant_name', value: 'Mia' }, { tag: 'rent', value: '4500' }], recipients });
		expect(asText).toEqual({ status: 200, body: { errors: [{ message: 'Tag rent: value must be a number' }], notices: [] } });
		expect((await call('POST', `${v2}/forms/form-lease/submit`, { tags: [{ tag: 'pet', value: 'cat' }], recipients })).status).toBe(400);
		expect((await call('POST', `${v2}/forms/form-lease/submit`, { tags: [], recipients, state: 'draft' })).status).toBe(400);
		const ok = await call('POST', `${v2}/forms/form-lease/submit`, { tags: [{ tag: 'tenant_name', value: 'Mia', type: 'text' }, { tag: 'rent', value: 4500, type: 'number' }], recipients });
		expect(ok.body).toMatchObject({ status: 'OK', message: 'Contract created', contract: { _id: expect.any(String), state: 'open' } });
	});

	test('convert has no company in its path; a wrong file reports its error in the payload (HTTP 200)', async () => {
		expect(await call('POST', '/nextsign/api/v2/document/convert', { documents: [{ file: 'https://x.example/a.txt', name: 'a.txt' }] })).toEqual({
			status: 200,
			body: { status: { code: 415, message: 'Document 1: only DOCX and PDF files can be converted' }, documents: [] },
		});
		expect(await call('POST', '/nextsign/api/v2/document/convert', { documents: [{ file: 'https://x.example/a.pdf', name: 'a.pdf' }] })).toEqual({
			status: 200,
			body: { status: { code: 200, message: 'OK' }, documents: [{ file: 'https://x.example/a.pdf', name: 'a.pdf' }] },
		});
		expect((await call('POST', '/nextsign/api/v2/document/convert', { documents: [], pdfA: true })).status).toBe(400);
	});

	test('the file host: only the documented fields; the presigned-URL error as documented', async () => {
		expect(await call('POST', `/nextsign-files/v3/company/${COMPANY}/file/view-presigned-url`, {})).toEqual({ status: 400, body: { error: 'missing-url' } });
		expect((await call('POST', `/nextsign-files/v3/company/${COMPANY}/file/view-presigned-url`, { url: 'x', ttl: 60 })).status).toBe(400);
		const up = await call('POST', `/nextsign-files/v3/company/${COMPANY}/file/upload`, { file: `data:application/pdf;base64,${Buffer.from('%PDF-1.4').toString('base64')}`, name: 'a.pdf' });
		expect(up).toEqual({ status: 200, body: { url: expect.stringMatching(/\/nextsign-storage\/acme-company\/upload\/\d+-a\.pdf$/) } });
	});
});
