/** Documents (raw-body upload, download, metadata, delete) and document collections, against the sandbox. */
import { makePdf } from '../../sandbox/server';
import { binaryContent, fileItem, single } from '../helpers';
import { apiRequests, signicat, state, useSignicat } from './env';

const env = useSignicat();

const upload = (extra: Record<string, unknown> = {}) => signicat({ resource: 'document', operation: 'upload', binaryPropertyName: 'data', ...extra });

describe('Signicat documents', () => {
	test('Upload sends the file as the raw body with its MIME type, then stores its file name', async () => {
		const pdf = makePdf('Rental agreement');
		const r = await env.engine.run(single(upload()), [fileItem(pdf, 'lease.pdf')]);
		expect(r.error()).toBeUndefined();
		const [post, patch] = apiRequests(env);
		expect(post).toMatchObject({ method: 'POST', path: '/sign/documents', size: pdf.length, status: 201 });
		// No ?filename= (only an unreleased SDK branch sends it): the name is stored as metadata with PATCH.
		expect(post.search).toBe('');
		expect(post.headers['content-type']).toBe('application/pdf');
		expect(post.body).toBeUndefined(); // not JSON, not multipart
		const out = r.output('Signicat')[0].json;
		const stored = state(env).documents.get(out.documentId as string)!;
		expect(stored.content.equals(pdf)).toBe(true);
		expect(patch).toMatchObject({ method: 'PATCH', path: `/sign/documents/${out.documentId}/metadata`, body: { filename: 'lease.pdf' }, status: 200 });
		expect(out).toMatchObject({ mimeType: 'application/pdf', filename: 'lease.pdf', documentHash: { hashAlgorithm: 'SHA256' } });
		expect(r.output('Signicat')[0].pairedItem).toEqual({ item: 0 });
	});

	test('Upload of a text file with title, description and a chosen file name', async () => {
		const text = Buffer.from('I agree to the terms.\n');
		const r = await env.engine.run(single(upload({ options: { fileName: 'terms.txt', title: 'Terms', description: 'Terms of service' } })), [
			fileItem(text, 'upload.txt', 'text/plain'),
		]);
		const [post, patch] = apiRequests(env);
		expect(post.headers['content-type']).toBe('text/plain');
		expect(post.body).toBe('I agree to the terms.\n');
		expect(patch.body).toEqual({ filename: 'terms.txt', title: 'Terms', description: 'Terms of service' });
		expect(r.output('Signicat')[0].json).toMatchObject({ mimeType: 'text/plain', filename: 'terms.txt', title: 'Terms', description: 'Terms of service' });
	});

	test('Upload with "MIME Type" overriding a wrongly typed input file', async () => {
		const pdf = makePdf('x');
		await env.engine.run(single(upload({ options: { mimeType: 'application/pdf' } })), [fileItem(pdf, 'scan.bin', 'application/octet-stream')]);
		expect(apiRequests(env)[0].headers['content-type']).toBe('application/pdf');
	});

	test('a failed metadata step reports the uploaded document id (Continue On Fail)', async () => {
		env.sandbox.addFault({ prefix: 'signicat', method: 'PATCH', status: 400, body: { status: 400, title: 'Bad request', code: 'bad_request', invalidParams: [{ name: 'filename', reason: 'not allowed' }] } });
		const n = { ...upload(), continueOnFail: true };
		const r = await env.engine.run(single(n), [fileItem(makePdf('x'))]);
		const item = r.output('Signicat')[0].json;
		expect(item.error).toBe('Signicat rejected the request (400): Bad request (bad_request) filename: not allowed');
		expect(item.documentId).toBe([...state(env).documents.keys()][0]);
	});

	test('a connection cut during an upload is not retried (it may have been stored) and says so', async () => {
		env.sandbox.addFault({ prefix: 'signicat', method: 'POST', path: '/sign/documents', cut: true });
		const r = await env.engine.run(single(upload()), [fileItem(makePdf('cut'), 'cut.pdf')]);
		const e = r.error('Signicat')!;
		expect(e.message).toMatch(/^Signicat could not be reached \(\w+\) for POST /);
		expect(e.description).toBe(
			'The request may have reached Signicat before the connection failed, so it was not sent again. The file "cut.pdf" may already be stored in Signicat; an unused copy is harmless and expires with Signicat\'s retention.',
		);
		expect(apiRequests(env).filter((x) => x.method === 'POST')).toHaveLength(1);
	});

	test('Download puts the content in a binary property named after the metadata file name', async () => {
		const pdf = makePdf('Signed lease');
		const doc = state(env).storeDocument(pdf, 'application/pdf', Date.now(), { filename: 'lease-2026.pdf', title: 'Lease' });
		const r = await env.engine.run(single(signicat({ resource: 'document', operation: 'download', documentId: doc.documentId, binaryPropertyName: 'file' })));
		const item = r.output('Signicat')[0];
		expect(item.binary?.file).toMatchObject({ fileName: 'lease-2026.pdf', mimeType: 'application/pdf' });
		expect(binaryContent(item, 'file').equals(pdf)).toBe(true);
		expect(item.json).toMatchObject({ documentId: doc.documentId, title: 'Lease', fileName: 'lease-2026.pdf', fileSize: pdf.length });
		expect(apiRequests(env).map((a) => `${a.method} ${a.path}`)).toEqual([
			`GET /sign/documents/${doc.documentId}/metadata`,
			`GET /sign/documents/${doc.documentId}`,
		]);
	});

	test('Download without a stored file name names the file by id and MIME type', async () => {
		const doc = state(env).storeDocument(Buffer.from('<x/>'), 'application/xml', Date.now());
		const r = await env.engine.run(single(signicat({ resource: 'document', operation: 'download', documentId: doc.documentId, binaryPropertyName: 'data' })));
		expect(r.output('Signicat')[0].binary?.data).toMatchObject({ fileName: `${doc.documentId}.xml`, mimeType: 'application/xml' });
	});

	test('Get Metadata, Update Metadata (only the fields given) and Delete', async () => {
		const doc = state(env).storeDocument(makePdf('m'), 'application/pdf', Date.now(), { filename: 'a.pdf', title: 'Old title', description: 'Keep me' });
		const get = await env.engine.run(single(signicat({ resource: 'document', operation: 'getMetadata', documentId: doc.documentId })));
		expect(get.output('Signicat')[0].json).toEqual({
			mimeType: 'application/pdf',
			documentId: doc.documentId,
			createdAt: doc.createdAt,
			documentHash: doc.documentHash,
			filename: 'a.pdf',
			title: 'Old title',
			description: 'Keep me',
		});
		const upd = await env.engine.run(single(signicat({ resource: 'document', operation: 'updateMetadata', documentId: doc.documentId, updateFields: { title: 'New title' } })));
		expect(apiRequests(env)[1]).toMatchObject({ method: 'PATCH', path: `/sign/documents/${doc.documentId}/metadata`, body: { title: 'New title' } });
		expect(upd.output('Signicat')[0].json).toMatchObject({ title: 'New title', description: 'Keep me', filename: 'a.pdf' });
		const del = await env.engine.run(single(signicat({ resource: 'document', operation: 'delete', documentId: doc.documentId })));
		expect(del.output('Signicat')[0].json).toEqual({ documentId: doc.documentId, deleted: true });
		expect(apiRequests(env)[2]).toMatchObject({ method: 'DELETE', path: `/sign/documents/${doc.documentId}`, status: 204 });
		expect(state(env).documents.has(doc.documentId)).toBe(false);
	});

	test('a missing document: NodeApiError with Signicat’s problem text and how to fix it', async () => {
		const id = 'f05d0dce-a7af-432b-b6b8-e455ab7c0857';
		const r = await env.engine.run(single(signicat({ resource: 'document', operation: 'getMetadata', documentId: id })));
		const e = r.error('Signicat')!;
		expect(e.message).toBe(`Signicat rejected the request (404): Could not find document: Document ${id} was not found. (document_not_found)`);
		expect(e.description).toMatch(/^Check the ID: it does not exist in this Signicat account/);
		expect(e.httpCode).toBe('404');
	});

	test('a file type Signicat refuses (415) is explained', async () => {
		// The node only sends PDF or text; a provider that still refuses the type answers 415.
		env.sandbox.addFault({ prefix: 'signicat', method: 'POST', path: '/sign/documents', status: 415, body: { status: 415, title: 'Unsupported media type', code: 'unsupported_media_type' } });
		const r = await env.engine.run(single(upload()), [fileItem(makePdf('x'))]);
		expect(r.error('Signicat')!.message).toBe('Signicat rejected the request (415): Unsupported media type (unsupported_media_type)');
		expect(r.error('Signicat')!.description).toMatch(/PDF or plain-text files only/);
	});
});

describe('Signicat document collections', () => {
	test('Create sends the documents and PAdES packaging; Get and Delete', async () => {
		const a = state(env).storeDocument(makePdf('a'), 'application/pdf', Date.now());
		const b = state(env).storeDocument(makePdf('b'), 'application/pdf', Date.now());
		const r = await env.engine.run(
			single(signicat({ resource: 'documentCollection', operation: 'create', documentIds: `${a.documentId}, ${b.documentId}`, padesContainer: true })),
		);
		const created = r.output('Signicat')[0].json;
		expect(apiRequests(env)[0]).toMatchObject({
			method: 'POST',
			path: '/sign/document-collections',
			body: { documents: [{ documentId: a.documentId }, { documentId: b.documentId }], packageTo: ['PADES_CONTAINER'] },
			status: 201,
		});
		expect(created).toMatchObject({ documents: [{ documentId: a.documentId }, { documentId: b.documentId }], packageTo: ['PADES_CONTAINER'], output: { packages: [] } });
		const got = await env.engine.run(single(signicat({ resource: 'documentCollection', operation: 'get', documentCollectionId: created.id })));
		expect(got.output('Signicat')[0].json).toEqual(created);
		const del = await env.engine.run(single(signicat({ resource: 'documentCollection', operation: 'delete', documentCollectionId: created.id })));
		expect(del.output('Signicat')[0].json).toEqual({ documentCollectionId: created.id, deleted: true });
		expect(apiRequests(env).map((x) => `${x.method} ${x.path} ${x.status}`)).toEqual([
			'POST /sign/document-collections 201',
			`GET /sign/document-collections/${created.id} 200`,
			`DELETE /sign/document-collections/${created.id} 204`,
		]);
	});

	test('Create without packaging sends no packageTo', async () => {
		const a = state(env).storeDocument(makePdf('a'), 'application/pdf', Date.now());
		await env.engine.run(single(signicat({ resource: 'documentCollection', operation: 'create', documentIds: a.documentId })));
		expect(apiRequests(env)[0].body).toEqual({ documents: [{ documentId: a.documentId }] });
	});

	test('an unknown document: Signicat’s invalid parameters are named in the error', async () => {
		const r = await env.engine.run(single(signicat({ resource: 'documentCollection', operation: 'create', documentIds: 'f05d0dce-a7af-432b-b6b8-e455ab7c0857' })));
		expect(r.error('Signicat')!.message).toBe(
			'Signicat rejected the request (400): Bad request: The request was malformed. (bad_request) documents[0].documentId: document not found',
		);
		expect(r.error('Signicat')!.description).toMatch(/Signicat lists each invalid field/);
	});
});
