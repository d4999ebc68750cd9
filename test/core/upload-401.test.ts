/**
 * Bodies that survive a resend: n8n resends a request once after a 401 (after renewing the credential), but a
 * multipart or stream body was consumed by the first attempt — in a real n8n 1.123 the resend hung for 77–85 s and
 * ended in a 408. Here the provider answers 401 while the upload is still being sent (the token expired), in both
 * of n8n's binary modes (in memory, and on disk where uploads stream from a file): the upload is sent again whole,
 * once, and succeeds.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { PROVIDERS, requestsOf, runProvider, useTransportEnv } from './providers';

/** A PDF of about 1 MB: large enough that the 401 arrives while the body is still going out. */
const FILE = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024, 'x'), Buffer.from('\n%%EOF\n')]);
const UNAUTHORIZED = { message: 'Unauthorized: the token has expired', error: { code: 'UNAUTHORIZED', message: 'token expired' }, title: 'Unauthorized', status: 401 };

describe.each([
	['in memory', 'default' as const],
	['on disk (streamed)', 'filesystem' as const],
])('binary data %s', (_label, binaryMode) => {
	const env = useTransportEnv({ binaryMode, storagePath: binaryMode === 'filesystem' ? mkdtempSync(path.join(tmpdir(), 'esign-401-')) : undefined });

	test.each(PROVIDERS)('$name: a 401 in the middle of the upload → the credential is renewed and the whole file is sent once more', async (p) => {
		const extra = p.prepareUpload ? await p.prepareUpload(env.engine, env.sandbox) : {};
		// A first call so that a token exists (OAuth2 and Penneo), then the provider stops accepting it.
		await runProvider(env, p, p.read.parameters);
		await p.expireToken?.(env.sandbox);
		env.sandbox.requests.length = 0;
		env.sandbox.addFault({ prefix: p.upload.prefix ?? p.prefix, method: p.upload.method, path: p.upload.path, status: 401, beforeBody: true, body: UNAUTHORIZED });

		const item = await env.engine.fileItem(FILE, 'contract.pdf', 'application/pdf');
		const { error, out } = await runProvider(env, p, { ...p.upload.parameters, ...extra }, [item]);

		expect(error).toBeUndefined();
		expect(out).toHaveLength(1);
		const uploads = requestsOf(env, p, p.upload);
		expect(uploads.map((r) => r.status! < 300)).toEqual([false, true]);
		expect(uploads[0].status).toBe(401);
		// The resend carries the whole file.
		expect(p.upload.fileSize(uploads[1])).toBe(FILE.length);
		// One renewal at most.
		const tokens = p.tokenPrefix ? env.sandbox.requestsFor(p.tokenPrefix) : env.sandbox.requestsFor(p.prefix).filter((r) => r.path.includes('/token'));
		expect(tokens.length).toBeLessThanOrEqual(1);
	});

	test.each(PROVIDERS)('$name: a 401 on the resend too → one error at once, no third attempt', async (p) => {
		const extra = p.prepareUpload ? await p.prepareUpload(env.engine, env.sandbox) : {};
		await runProvider(env, p, p.read.parameters);
		env.sandbox.requests.length = 0;
		env.sandbox.addFault({ prefix: p.upload.prefix ?? p.prefix, method: p.upload.method, path: p.upload.path, status: 401, beforeBody: true, body: UNAUTHORIZED, times: 5 });

		const item = await env.engine.fileItem(FILE, 'contract.pdf', 'application/pdf');
		const { error } = await runProvider(env, p, { ...p.upload.parameters, ...extra }, [item]);

		expect(error?.message).toMatch(new RegExp(`^${p.name} rejected the request \\(401\\)`));
		expect(requestsOf(env, p, p.upload).map((r) => r.status)).toEqual([401, 401]);
	});
});
