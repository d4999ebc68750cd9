/** n8n in filesystem binary mode: uploads are read from disk as a stream, not loaded into memory first. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { Engine } from '../../sandbox/engine';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { makePdf } from '../../sandbox/server';
import { PACKAGE_DIR, single } from '../helpers';
import { CASE, optimaite } from './env';

let sandbox: Sandbox;
let engine: Engine;
const storagePath = mkdtempSync(path.join(tmpdir(), 'esign-binary-'));

beforeAll(async () => {
	sandbox = await startSandbox(0);
	engine = new Engine({
		packageDir: PACKAGE_DIR,
		binaryMode: 'filesystem',
		storagePath,
		credentials: { optimaiteApi: { apiKey: 'opt_test_sandbox', environment: 'custom', baseUrl: `${sandbox.url('optimaite')}/api/v1` } },
	});
	await engine.load();
});
afterAll(async () => {
	await sandbox.stop();
	rmSync(storagePath, { recursive: true, force: true });
});

test('a file stored on disk by n8n is streamed to Optimaite with its exact length', async () => {
	const pdf = Buffer.concat([makePdf('big'), Buffer.alloc(3 * 1024 * 1024, 7)]);
	const item = await engine.fileItem(Readable.from([pdf]), 'large.pdf', 'application/pdf');
	expect(item.binary?.data.id).toMatch(/^filesystem/); // n8n keeps only a reference in the item
	const result = await engine.run(single(optimaite({ resource: 'document', operation: 'upload', caseId: CASE, binaryPropertyName: 'data' })), [item]);
	expect(result.error()).toBeUndefined();
	const [req] = sandbox.requestsFor('optimaite');
	expect(req.parts?.[0]).toMatchObject({ name: 'file', filename: 'large.pdf', contentType: 'application/pdf', size: pdf.length });
	expect(Number(req.headers['content-length'])).toBe(req.size);
	expect(result.output('Optimaite')[0].json).toMatchObject({ size_bytes: pdf.length });
});

test('a download is stored by n8n as binary data (on disk in this mode)', async () => {
	const up = await engine.run(single(optimaite({ resource: 'document', operation: 'upload', caseId: CASE, binaryPropertyName: 'data' })), [
		await engine.fileItem(makePdf('x'), 'x.pdf', 'application/pdf'),
	]);
	const id = up.output('Optimaite')[0].json.id as string;
	const down = await engine.run(single(optimaite({ resource: 'document', operation: 'download', documentId: id, binaryPropertyName: 'data' })));
	const binary = down.output('Optimaite')[0].binary!.data;
	expect(binary).toMatchObject({ fileName: 'x.pdf', mimeType: 'application/pdf', id: expect.stringMatching(/^filesystem/) });
});
