/** The credential (test button, both hosts per environment) and n8n's filesystem binary mode. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { nextSignHosts } from '../../nodes/NextSign/transport';
import { Engine } from '../../sandbox/engine';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { makePdf } from '../../sandbox/server';
import { PACKAGE_DIR, single } from '../helpers';
import { COMPANY, nextSignCredentials, ns } from './env';

let sandbox: Sandbox;
let engine: Engine;
const storagePath = mkdtempSync(path.join(tmpdir(), 'esign-nextsign-'));

beforeAll(async () => {
	sandbox = await startSandbox(0);
	engine = new Engine({ packageDir: PACKAGE_DIR, binaryMode: 'filesystem', storagePath, credentials: nextSignCredentials(sandbox) as never });
	await engine.load();
});
afterAll(async () => {
	await sandbox.stop();
	rmSync(storagePath, { recursive: true, force: true });
});
beforeEach(() => {
	sandbox.reset();
	engine.setCredentials('nextSignApi', nextSignCredentials(sandbox).nextSignApi as never);
});

describe('NextSign credential', () => {
	test('"Test" lists one case on the v2 case host with the bearer key', async () => {
		expect(await engine.testCredential('nextSignApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [req] = sandbox.requestsFor('nextsign');
		expect([req.method, req.path, req.query, req.headers.authorization]).toEqual(['GET', `/api/v2/${COMPANY}/cases/get`, { limit: '1', index: '0' }, 'Bearer ns_test_key']);
	});

	test('"Test" fails with a wrong key or a company the key does not belong to', async () => {
		engine.setCredentials('nextSignApi', nextSignCredentials(sandbox, { apiKey: 'nope' }).nextSignApi as never);
		expect((await engine.testCredential('nextSignApi')).status).toBe('Error');
		engine.setCredentials('nextSignApi', nextSignCredentials(sandbox, { companyId: 'other-company' }).nextSignApi as never);
		expect((await engine.testCredential('nextSignApi')).status).toBe('Error');
		// n8n sends a request answered 401 once more after re-reading the credential.
		// A company the key does not belong to: NextSign's "Company not found" (HTTP 400).
		expect(sandbox.requestsFor('nextsign').map((r) => r.status)).toEqual([401, 401, 400]);
	});

	test('each environment sets both hosts; custom URLs are trimmed and never swapped', () => {
		expect(nextSignHosts({ environment: 'production' })).toEqual({ caseBaseUrl: 'https://www.nextsign.dk/api/v2', fileBaseUrl: 'https://api.nextsign.dk/v3' });
		expect(nextSignHosts({})).toEqual({ caseBaseUrl: 'https://www.nextsign.dk/api/v2', fileBaseUrl: 'https://api.nextsign.dk/v3' });
		expect(nextSignHosts({ environment: 'test' })).toEqual({ caseBaseUrl: 'https://test.nextsign.dk/api/v2', fileBaseUrl: 'https://test.nextsign.dk/v3' });
		expect(nextSignHosts({ environment: 'custom', caseBaseUrl: ' http://h1/api/v2/ ', fileBaseUrl: 'http://h2/v3//' })).toEqual({
			caseBaseUrl: 'http://h1/api/v2',
			fileBaseUrl: 'http://h2/v3',
		});
	});

	test('a credential without company ID: a clear error before any request', async () => {
		engine.setCredentials('nextSignApi', nextSignCredentials(sandbox, { companyId: ' ' }).nextSignApi as never);
		const r = await engine.run(single(ns({ resource: 'case', operation: 'get', caseId: 'x' })));
		expect(r.error()!.message).toBe('The NextSign credential has no company ID');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('filesystem binary mode', () => {
	test('a large file n8n keeps on disk is streamed to the file host with its exact length, then referenced by URL', async () => {
		const pdf = Buffer.concat([makePdf('big'), Buffer.alloc(4 * 1024 * 1024, 7)]);
		const item = await engine.fileItem(Readable.from([pdf]), 'Stor.pdf', 'application/pdf');
		expect(item.binary?.data.id).toMatch(/^filesystem/);
		const r = await engine.run(
			single(
				ns({
					resource: 'case',
					operation: 'create',
					title: 'Stor',
					documents: { document: [{ source: 'binary', binaryPropertyName: 'data' }] },
					recipients: { recipient: [{ name: 'Mia', email: 'mia@example.com' }] },
				}),
			),
			[item],
		);
		expect(r.error()).toBeUndefined();
		const [up] = sandbox.requestsFor('nextsign-files');
		expect(up.parts?.[0]).toEqual({ name: 'file', filename: 'Stor.pdf', contentType: 'application/pdf', size: pdf.length, value: undefined });
		expect(Number(up.headers['content-length'])).toBe(up.size);
		const [create] = sandbox.requestsFor('nextsign');
		const url = (r.output('Node')[0].json.uploadedDocuments as Array<{ url: string }>)[0].url;
		expect((create.body as { documents: unknown[] }).documents).toEqual([{ name: 'Stor.pdf', file: url, signObligated: true, documentMustBeRead: false }]);
	});

	test('a small file on disk goes inline as base64, byte for byte', async () => {
		const pdf = makePdf('small');
		const item = await engine.fileItem(Readable.from([pdf]), 'Lille.pdf', 'application/pdf');
		const r = await engine.run(
			single(
				ns({
					resource: 'case',
					operation: 'create',
					title: 'Lille',
					documents: { document: [{ source: 'binary', binaryPropertyName: 'data' }] },
					recipients: { recipient: [{ name: 'Mia', email: 'mia@example.com' }] },
				}),
			),
			[item],
		);
		expect(r.error()).toBeUndefined();
		expect(sandbox.requestsFor('nextsign-files')).toHaveLength(0);
		const docs = (sandbox.requestsFor('nextsign')[0].body as { documents: Array<{ file: string; fileIsBlob: boolean }> }).documents;
		expect(Buffer.from(docs[0].file, 'base64').equals(pdf)).toBe(true);
		expect(docs[0].fileIsBlob).toBe(true);
	});
});
