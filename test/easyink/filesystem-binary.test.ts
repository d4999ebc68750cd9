/** n8n in filesystem binary mode: EasyInk uploads stream from disk (and are reopened for a resend after a token refresh). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Engine } from '../../sandbox/engine';
import { emulatorState, startSandbox, type Sandbox } from '../../sandbox/index';
import { EASYINK_SANDBOX_TOKENS, type EasyInkState } from '../../sandbox/providers/easyink';
import { PACKAGE_DIR, single } from '../helpers';
import { API, CRED, credential, easyInk, pdfWithPages } from './env';

let sandbox: Sandbox;
let engine: Engine;
const storagePath = mkdtempSync(path.join(tmpdir(), 'esign-easyink-'));

beforeAll(async () => {
	sandbox = await startSandbox(0);
	// A client that issues refresh tokens (EasyInk documents none), so that the resend after a refresh can be seen.
	engine = new Engine({ packageDir: PACKAGE_DIR, binaryMode: 'filesystem', storagePath, credentials: { [CRED]: credential(sandbox, { refresh_token: EASYINK_SANDBOX_TOKENS.refreshToken }) as never } });
	await engine.load();
});
afterAll(async () => {
	await sandbox.stop();
	rmSync(storagePath, { recursive: true, force: true });
});

test('Create and Send streams a file stored on disk and finds its last page from EasyInk', async () => {
	const pdf = Buffer.concat([pdfWithPages(4), Buffer.alloc(2 * 1024 * 1024, 32)]);
	const item = await engine.fileItem(pdf, 'Big contract.pdf', 'application/pdf');
	expect(item.binary?.data.id).toMatch(/^filesystem/);
	const result = await engine.run(
		single(easyInk({ resource: 'session', operation: 'createAndSend', subject: 'Big', binaryPropertyNames: 'data', participants: { participant: [{ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', deliveryMethods: ['Email'] }] } })),
		[item],
	);
	expect(result.error()).toBeUndefined();
	const reqs = sandbox.requestsFor(API);
	const uploads = reqs.filter((r) => r.parts);
	expect(uploads).toHaveLength(1);
	expect(uploads[0].parts![0]).toMatchObject({ name: 'fileContent', filename: 'Big contract.pdf', contentType: 'application/pdf', size: pdf.length });
	expect(Number(uploads[0].headers['content-length'])).toBe(uploads[0].size);
	const field = reqs.find((r) => r.path.endsWith('/signatureFields'))!;
	expect((field.body as { field: { placement: { page: number } } }).field.placement.page).toBe(4);
	expect(result.output('EasyInk')[0].json).toMatchObject({ status: 'Pending' });
});

test('an upload streamed from disk is reopened and sent again, whole, after the token was refreshed', async () => {
	const state = emulatorState<EasyInkState>(sandbox, API);
	state.settings.issueRefreshTokens = true;
	const draftId = state.newSession('Stream').id;
	const pdf = Buffer.concat([pdfWithPages(1), Buffer.alloc(1024 * 1024, 32)]);
	const item = await engine.fileItem(pdf, 'Scan.pdf', 'application/pdf');
	state.expireAccessTokens();
	sandbox.requests.length = 0;
	const result = await engine.run(single(easyInk({ resource: 'document', operation: 'upload', sessionId: draftId, binaryPropertyName: 'data' })), [item]);
	expect(result.error()).toBeUndefined();
	const reqs = sandbox.requestsFor(API);
	expect(reqs.map((r) => r.status)).toEqual([401, 200]);
	for (const r of reqs) expect(r.parts).toEqual([{ name: 'fileContent', filename: 'Scan.pdf', contentType: 'application/pdf', size: pdf.length, value: undefined }]);
	expect(state.sessions.get(draftId)!.documents[0].content.equals(pdf)).toBe(true);
});
