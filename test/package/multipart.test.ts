/**
 * Multipart bodies (nodes/shared/multipart.ts, loaded from dist/ like the nodes): what the provider receives for
 * file names a multipart header cannot carry as they are, and a body read twice — as n8n does when it resends a
 * request after a 401 — through n8n's own httpRequest helper.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { PollContext } from 'n8n-core';
import type { IHttpRequestOptions, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { parseMultipart } from '../../sandbox/multipart';
import { makePdf } from '../../sandbox/server';
import { credential as easyInkCredential, easyInk, API as EASYINK } from '../easyink/env';
import { fileItem, PACKAGE_DIR, single, useEnv } from '../helpers';
import { nextSignCredentials, ns } from '../nextsign/env';
import { CASE, optimaite, KEY as OPTIMAITE_KEY } from '../optimaite/env';
import { penneo, penneoCredentials } from '../penneo/env';

// The compiled module, as n8n loads it.
const multipart = require(path.join(PACKAGE_DIR, 'dist/nodes/shared/multipart.js')) as typeof import('../../nodes/shared/multipart');

const env = useEnv((s) => ({
	optimaiteApi: { apiKey: OPTIMAITE_KEY, environment: 'custom', baseUrl: `${s.url('optimaite')}/api/v1` },
	penneoApi: penneoCredentials(s),
	easyInkOAuth2Api: easyInkCredential(s),
	...nextSignCredentials(s),
}));

/** What the node is given → what the part's filename says (and what the provider stores). */
const NAMES: Array<[string, string, string]> = [
	['non-ASCII', 'Kontrakt æøå – 契約 №1.pdf', 'Kontrakt æøå – 契約 №1.pdf'],
	['quoted', 'Contract "final".pdf', "Contract 'final'.pdf"],
	['slashed', '../../etc/Contract.pdf', 'Contract.pdf'],
	['back-slashed', 'C:\\Users\\ann\\scan 7.pdf', 'scan 7.pdf'],
	['with a line break', 'Offer\r\nX-Injected: 1.pdf', 'OfferX-Injected: 1.pdf'],
];

/** Penneo's own normalisation (penneoFileName: `"`, `\` and control characters as `_`), then the part's. */
const PENNEO_NAMES: Array<[string, string, string]> = [
	['non-ASCII', 'Kontrakt æøå – 契約 №1.pdf', 'Kontrakt æøå – 契約 №1.pdf'],
	['quoted', 'Contract "final".pdf', 'Contract _final_.pdf'],
	['slashed', '../../etc/Contract.pdf', 'Contract.pdf'],
	['back-slashed', 'C:\\Users\\ann\\scan 7.pdf', 'scan 7.pdf'],
	['with a line break', 'Offer\r\nX-Injected: 1.pdf', 'Offer__X-Injected: 1.pdf'],
	['nothing but a path', '../..', 'document.pdf'],
];

describe('file names in multipart parts: exactly the name the node intends', () => {
	test.each(NAMES)('Optimaite Document → Upload, %s name', async (_kind, given, sent) => {
		const pdf = makePdf('names');
		const result = await env.engine.run(single(optimaite({ resource: 'document', operation: 'upload', caseId: CASE, binaryPropertyName: 'data' })), [fileItem(pdf, given)]);
		expect(result.error()).toBeUndefined();
		const [req] = env.sandbox.requestsFor('optimaite');
		expect(req.parts).toEqual([
			{ name: 'file', filename: sent, contentType: 'application/pdf', size: pdf.length, value: undefined },
			{ name: 'case_id', filename: undefined, contentType: undefined, size: CASE.length, value: CASE },
		]);
		expect(Number(req.headers['content-length'])).toBe(req.size);
		expect(result.output('Optimaite')[0].json).toMatchObject({ filename: sent, size_bytes: pdf.length });
	});

	test.each(PENNEO_NAMES)('Penneo Case File → Create, %s name: the JSON document name matches its part, and Penneo accepts it', async (_kind, given, sent) => {
		const pdf = makePdf('penneo names');
		const result = await env.engine.run(
			single(
				penneo({
					resource: 'caseFile',
					operation: 'create',
					title: 'Names',
					documents: { document: [{ binaryPropertyName: 'data', title: 'Agreement', options: { fileName: given } }] },
					signers: { signer: [{ name: 'Ann', email: 'ann@example.com' }] },
					waitForCompletion: false,
				}),
			),
			[fileItem(pdf, 'ignored.pdf')],
		);
		expect(result.error()).toBeUndefined();
		const [create] = env.sandbox.requestsFor('penneo');
		expect(create.status).toBe(201);
		const data = JSON.parse(create.parts!.find((p) => p.name === 'data')!.value!);
		expect(data.caseFile.documents[0].name).toBe(sent);
		expect(create.parts!.filter((p) => p.name === 'files')).toEqual([{ name: 'files', filename: sent, contentType: 'application/pdf', size: pdf.length, value: undefined }]);
	});

	test('EasyInk Document → Upload, a quoted non-ASCII name', async () => {
		const draft = await env.engine.run(single(easyInk({ resource: 'draft', operation: 'create', subject: 'Names' })));
		const sessionId = draft.output('EasyInk')[0].json.signingSessionId;
		env.sandbox.requests.length = 0;
		const pdf = makePdf('easyink names');
		const result = await env.engine.run(single(easyInk({ resource: 'document', operation: 'upload', sessionId, binaryPropertyName: 'data' })), [
			fileItem(pdf, 'Lejekontrakt "Ørsted".pdf'),
		]);
		expect(result.error()).toBeUndefined();
		const [up] = env.sandbox.requestsFor(EASYINK);
		expect(up.parts).toEqual([{ name: 'fileContent', filename: "Lejekontrakt 'Ørsted'.pdf", contentType: 'application/pdf', size: pdf.length, value: undefined }]);
	});

	test('NextSign Document → Upload, a quoted slashed name: the part says the safe name, the "name" field what the user gave', async () => {
		const pdf = makePdf('nextsign names');
		const result = await env.engine.run(single(ns({ resource: 'document', operation: 'upload', binaryPropertyName: 'data' })), [fileItem(pdf, 'bilag/Bilag "A".pdf')]);
		expect(result.error()).toBeUndefined();
		const [up] = env.sandbox.requestsFor('nextsign-files');
		expect(up.parts).toEqual([
			{ name: 'file', filename: "Bilag 'A'.pdf", contentType: 'application/pdf', size: pdf.length, value: undefined },
			{ name: 'name', filename: undefined, contentType: undefined, size: 19, value: 'bilag/Bilag "A".pdf' },
			{ name: 'type', filename: undefined, contentType: undefined, size: 15, value: 'application/pdf' },
		]);
	});
});

describe('one body, sent twice through n8n’s httpRequest helper', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'esign-multipart-'));
	const file = path.join(dir, 'big.pdf');
	const content = Buffer.concat([makePdf('twice'), Buffer.alloc(3 * 1024 * 1024 + 17, 0x41)]);
	writeFileSync(file, content);
	const received: Array<{ headers: http.IncomingHttpHeaders; body: Buffer }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	beforeAll(async () => {
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	});
	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
		rmSync(dir, { recursive: true, force: true });
	});

	test('the file is opened again for the second send, and both requests carry every byte', async () => {
		let opens = 0;
		const form = await multipart.multipartBody([
			{ field: 'data', value: JSON.stringify({ title: 'Tëst' }) },
			{ field: 'files', file: { size: content.length, open: async () => (opens++, createReadStream(file, { highWaterMark: 64 * 1024 })) }, fileName: 'big.pdf', contentType: 'application/pdf' },
		]);
		expect(opens).toBe(0); // nothing is read before the body is sent

		const node: INode = { id: 'x', name: 'x', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} };
		const workflow = new Workflow({ id: 'multipart', nodes: [node], connections: {}, active: false, nodeTypes: env.engine.nodeTypes });
		const context = new PollContext(workflow, node, env.engine.additionalData(), 'internal', 'manual' as never);
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
		const options = (): IHttpRequestOptions => ({ method: 'POST', url, body: form as never, returnFullResponse: true });
		await context.helpers.httpRequest(options());
		await context.helpers.httpRequest(options());

		expect(opens).toBe(2);
		expect(received).toHaveLength(2);
		for (const { headers, body } of received) {
			expect(headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
			expect(Number(headers['content-length'])).toBe(body.length);
			const parts = parseMultipart(body, String(headers['content-type']));
			expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
				['data', undefined, undefined],
				['files', 'big.pdf', 'application/pdf'],
			]);
			expect(parts[0].data.toString('utf8')).toBe('{"title":"Tëst"}');
			expect(parts[1].data.equals(content)).toBe(true);
		}
	});

	test('each file part is a real File that FormData keeps as it is (Node 22+ FormData refuses look-alike objects)', async () => {
		const form = await multipart.multipartBody([
			{ field: 'file', file: { size: 3, open: async () => Buffer.from('abc') }, fileName: 'a.pdf', contentType: 'application/pdf' },
		]);
		const value = form.get('file') as File;
		expect(value).toBeInstanceOf(File);
		expect([value.name, value.type, value.size]).toEqual(['a.pdf', 'application/pdf', 3]);
		expect(await value.text()).toBe('abc');
	});

	test('a file shorter than its declared size stops the request instead of sending a corrupt body', async () => {
		received.length = 0;
		const form = await multipart.multipartBody([
			{ field: 'file', file: { size: content.length + 10, open: async () => createReadStream(file) }, fileName: 'short.pdf', contentType: 'application/pdf' },
		]);
		const node: INode = { id: 'x', name: 'x', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} };
		const workflow = new Workflow({ id: 'multipart', nodes: [node], connections: {}, active: false, nodeTypes: env.engine.nodeTypes });
		const context = new PollContext(workflow, node, env.engine.additionalData(), 'internal', 'manual' as never);
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
		await expect(context.helpers.httpRequest({ method: 'POST', url, body: form as never })).rejects.toThrow(
			`"short.pdf" had ${content.length} bytes where ${content.length + 10} were expected; the upload was stopped`,
		);
		expect(received.filter((r) => r.body.length === Number(r.headers['content-length']))).toHaveLength(0);
	});
});
