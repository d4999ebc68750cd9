/**
 * Downloaded file names (nodes/shared/binary.ts, issue 13 §11): a name with path segments — from a provider's
 * `Content-Disposition` (`filename*=UTF-8''..%2F..%2Fconfig`, `filename="a/b\c.pdf"`) or the name a node falls
 * back to (a URL's last segment, a document title) — keeps only its last segment in the item's `fileName` and in
 * n8n's binary data, so nothing downstream (Write Binary File, a file share) writes outside its folder.
 */
import path from 'node:path';

import { makePdf } from '../../sandbox/server';
import { PACKAGE_DIR, single, useEnv } from '../helpers';
import { CASE, optimaite, KEY as OPTIMAITE_KEY, state as optimaiteState } from '../optimaite/env';

// The compiled module, as n8n loads it.
const binary = require(path.join(PACKAGE_DIR, 'dist/nodes/shared/binary.js')) as typeof import('../../nodes/shared/binary');

const env = useEnv((s) => ({
	optimaiteApi: { apiKey: OPTIMAITE_KEY, environment: 'custom', baseUrl: `${s.url('optimaite')}/api/v1` },
}));

describe('a real download whose Content-Disposition names a path', () => {
	test.each([
		['../../config', 'config'],
		['a/b\\c.pdf', 'c.pdf'],
		['..\\..\\Windows\\win.ini', 'win.ini'],
		['/etc/passwd', 'passwd'],
	])('Optimaite Document → Download of a file the provider calls %j → fileName %j', async (stored, expected) => {
		const pdf = makePdf('disposition');
		const doc = optimaiteState(env).storeDocument(CASE, stored, 'application/pdf', pdf);
		const result = await env.engine.run(single(optimaite({ resource: 'document', operation: 'download', documentId: doc.id, binaryPropertyName: 'data' })));
		expect(result.error()).toBeUndefined();
		const [req] = env.sandbox.requestsFor('optimaite');
		expect(req.path).toBe(`/api/v1/documents/${doc.id}/download`);
		const [item] = result.output('Optimaite');
		expect(item.json).toMatchObject({ fileName: expected, fileSize: pdf.length });
		expect(item.binary!.data).toMatchObject({ fileName: expected, mimeType: 'application/pdf' });
		expect(Buffer.from(item.binary!.data.data, 'base64').equals(pdf)).toBe(true);
	});
});

describe('fileNameFromDisposition (compiled), the header forms a download can carry', () => {
	test.each([
		["attachment; filename*=UTF-8''..%2F..%2Fconfig", 'config'],
		['attachment; filename="a/b\\c.pdf"', 'c.pdf'],
		['attachment; filename="a/b\\\\c.pdf"', 'c.pdf'],
		['attachment; filename=../../x.pdf', 'x.pdf'],
		['attachment; filename="Contract \\"final\\".pdf"', 'Contract "final".pdf'],
		["attachment; filename=\"fallback.pdf\"; filename*=UTF-8''Kontrakt%20%C3%A6%C3%B8%C3%A5.pdf", 'Kontrakt æøå.pdf'],
		['attachment; filename="line\r\nbreak.pdf"', 'linebreak.pdf'],
		['attachment; filename="signed.pdf"', 'signed.pdf'],
	])('%j → %j', (header, expected) => {
		expect(binary.fileNameFromDisposition(header)).toBe(expected);
	});

	test.each([['attachment; filename="../"'], ["attachment; filename*=UTF-8''..%2F"], ['attachment; filename=".."'], ['inline']])(
		'%j names no file (the node falls back to its own name)',
		(header) => {
			expect(binary.fileNameFromDisposition(header)).toBeUndefined();
		},
	);
});
