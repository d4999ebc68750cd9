/** n8n in filesystem binary mode: the documents are streamed from disk, and reopened when the upload is resent. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { Engine } from '../../sandbox/engine';
import { emulatorState, startSandbox, type Sandbox } from '../../sandbox/index';
import type { PenneoState } from '../../sandbox/providers/penneo';
import { makePdf } from '../../sandbox/server';
import { node, PACKAGE_DIR, single } from '../helpers';
import { penneoCredentials } from './env';

let sandbox: Sandbox;
let engine: Engine;
const storagePath = mkdtempSync(path.join(tmpdir(), 'esign-penneo-'));

beforeAll(async () => {
	sandbox = await startSandbox(0);
	engine = new Engine({ packageDir: PACKAGE_DIR, binaryMode: 'filesystem', storagePath, credentials: { penneoApi: penneoCredentials(sandbox) as never } });
	await engine.load();
});
afterAll(async () => {
	await sandbox.stop();
	rmSync(storagePath, { recursive: true, force: true });
});

test('two large documents on disk are streamed, and re-read from disk when an expired token forces a resend', async () => {
	const big = Buffer.concat([makePdf('big'), Buffer.alloc(4 * 1024 * 1024, 7)]);
	const small = makePdf('annex');
	const item = await engine.fileItem(Readable.from([big]), 'contract.pdf', 'application/pdf', {}, 'contract');
	item.binary!.annex = (await engine.fileItem(small, 'annex.pdf', 'application/pdf')).binary!.data;
	expect(item.binary?.contract.id).toMatch(/^filesystem/);
	// A token n8n still holds, but Penneo has expired.
	engine.credentialsHelper.store.penneoApi = { ...engine.credentialsHelper.store.penneoApi, accessToken: 'expired' };
	const create = node(
		'penneo',
		{
			resource: 'caseFile',
			operation: 'create',
			title: 'Streamed',
			documents: { document: [{ binaryPropertyName: 'contract' }, { binaryPropertyName: 'annex', signable: false }] },
			signers: { signer: [{ name: 'Ann Berg', email: 'ann@example.com' }] },
			waitForCompletion: false,
		},
		{ penneoApi: 'c' },
		'Penneo',
	);
	const result = await engine.run(single(create), [item]);
	expect(result.error()).toBeUndefined();
	const creates = sandbox.requestsFor('penneo');
	expect(creates.map((r) => r.status)).toEqual([401, 201]);
	for (const r of creates) {
		expect(r.parts?.slice(1)).toEqual([
			{ name: 'files', filename: 'contract.pdf', contentType: 'application/pdf', size: big.length, value: undefined },
			{ name: 'files', filename: 'annex.pdf', contentType: 'application/pdf', size: small.length, value: undefined },
		]);
		expect(Number(r.headers['content-length'])).toBe(r.size);
	}
	const job = [...emulatorState<PenneoState>(sandbox, 'penneo').jobs.values()][0];
	expect(job.files.get('contract.pdf')!.equals(big)).toBe(true);
});
