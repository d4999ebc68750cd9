import { makePdf } from '../../sandbox/server';
import { binaryContent, fileItem, single } from '../helpers';
import { CASE, optimaite, optimaiteEnv, state, useKey } from './env';

const env = optimaiteEnv();

describe('Optimaite → Document', () => {
	test('Upload sends the binary as multipart `file` with case_id and returns the document', async () => {
		const pdf = makePdf('contract');
		const result = await env.engine.run(
			single(optimaite({ resource: 'document', operation: 'upload', caseId: CASE, binaryPropertyName: 'data', options: { folderId: 'fld_7' } })),
			[fileItem(pdf, 'Employment Agreement.pdf')],
		);
		expect(result.error()).toBeUndefined();
		const [req] = env.sandbox.requestsFor('optimaite');
		expect(req.method).toBe('POST');
		expect(req.path).toBe('/api/v1/documents');
		expect(req.headers.authorization).toBe('Bearer opt_test_sandbox');
		expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(Number(req.headers['content-length'])).toBe(req.size);
		expect(req.parts).toEqual([
			{ name: 'file', filename: 'Employment Agreement.pdf', contentType: 'application/pdf', size: pdf.length, value: undefined },
			{ name: 'case_id', filename: undefined, contentType: undefined, size: CASE.length, value: CASE },
			{ name: 'folder_id', filename: undefined, contentType: undefined, size: 5, value: 'fld_7' },
		]);
		const stored = [...state(env).documents.values()][0];
		expect(stored.content.equals(pdf)).toBe(true);
		expect(result.output('Optimaite')).toEqual([
			{
				json: expect.objectContaining({ id: stored.id, filename: 'Employment Agreement.pdf', mime_type: 'application/pdf', size_bytes: pdf.length, case_id: CASE }),
				pairedItem: { item: 0 },
			},
		]);
	});

	test('Upload with a File Name option renames the part', async () => {
		await env.engine.run(
			single(optimaite({ resource: 'document', operation: 'upload', caseId: CASE, binaryPropertyName: 'data', options: { fileName: 'nda-v2.pdf' } })),
			[fileItem(makePdf('x'), 'scan001.pdf')],
		);
		expect(env.sandbox.requestsFor('optimaite')[0].parts?.[0].filename).toBe('nda-v2.pdf');
	});

	test('Upload without a case (case_id is optional): only the file is sent, and the document has no case', async () => {
		const pdf = makePdf('loose');
		const result = await env.engine.run(single(optimaite({ resource: 'document', operation: 'upload', caseId: '', binaryPropertyName: 'data' })), [fileItem(pdf, 'loose.pdf')]);
		expect(result.error()).toBeUndefined();
		expect(env.sandbox.requestsFor('optimaite')[0].parts).toEqual([{ name: 'file', filename: 'loose.pdf', contentType: 'application/pdf', size: pdf.length, value: undefined }]);
		expect(result.output('Optimaite')[0].json).toMatchObject({ filename: 'loose.pdf', case_id: null, folder_id: null, status: 'processed' });
	});

	test('a file type Optimaite does not list is refused by the sandbox, with its message', async () => {
		const result = await env.engine.run(single(optimaite({ resource: 'document', operation: 'upload', caseId: CASE, binaryPropertyName: 'data' })), [
			fileItem(Buffer.from('plain text'), 'notes.txt', 'text/plain'),
		]);
		expect(result.error()?.message).toBe('Optimaite rejected the request (400): file must be a PDF, DOCX, DOC, PNG, JPG or TIFF (VALIDATION_ERROR)');
	});

	test('Delete needs documents:delete, and a key without it is told which scope is missing', async () => {
		const doc = state(env).storeDocument(CASE, 'a.pdf', 'application/pdf', makePdf('a'));
		useKey(env, 'opt_test_signer');
		const result = await env.engine.run(single(optimaite({ resource: 'document', operation: 'delete', documentId: doc.id })));
		expect(result.error()?.message).toBe('Optimaite rejected the request (403): Missing documents:delete scope (AUTH_INSUFFICIENT_SCOPE)');
		expect(result.error()?.description).toMatch(/lacks the "documents:delete" scope/);
		expect(state(env).documents.has(doc.id)).toBe(true);
	});

	test('Upload names the missing binary field and sends nothing', async () => {
		const result = await env.engine.run(
			single(optimaite({ resource: 'document', operation: 'upload', caseId: CASE, binaryPropertyName: 'contract' })),
			[fileItem(makePdf('x'))],
		);
		expect(result.error()?.message).toMatch(/contract/);
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(0);
	});

	test('Download returns the file as binary with the name and type the provider gave', async () => {
		const pdf = makePdf('signed copy');
		const doc = state(env).storeDocument(CASE, 'Agreement_signed.pdf', 'application/pdf', pdf);
		const result = await env.engine.run(single(optimaite({ resource: 'document', operation: 'download', documentId: doc.id, binaryPropertyName: 'signed' })));
		const [req] = env.sandbox.requestsFor('optimaite');
		expect([req.method, req.path]).toEqual(['GET', `/api/v1/documents/${doc.id}/download`]);
		const [item] = result.output('Optimaite');
		expect(item.json).toEqual({ documentId: doc.id, fileName: 'Agreement_signed.pdf', mimeType: 'application/pdf', fileSize: pdf.length });
		expect(item.binary?.signed).toMatchObject({ fileName: 'Agreement_signed.pdf', mimeType: 'application/pdf', fileExtension: 'pdf' });
		expect(binaryContent(item, 'signed').equals(pdf)).toBe(true);
	});

	test('Get and Delete', async () => {
		const doc = state(env).storeDocument(CASE, 'a.pdf', 'application/pdf', makePdf('a'));
		const got = await env.engine.run(single(optimaite({ resource: 'document', operation: 'get', documentId: doc.id })));
		expect(got.output('Optimaite')[0].json).toMatchObject({ id: doc.id, filename: 'a.pdf', size_bytes: doc.size_bytes });
		const deleted = await env.engine.run(single(optimaite({ resource: 'document', operation: 'delete', documentId: doc.id })));
		expect(deleted.output('Optimaite')[0].json).toEqual({ id: doc.id, deleted: true });
		expect(env.sandbox.requestsFor('optimaite').map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`GET /api/v1/documents/${doc.id} 200`,
			`DELETE /api/v1/documents/${doc.id} 204`,
		]);
		expect(state(env).documents.has(doc.id)).toBe(false);
	});

	test('a missing document becomes an error that says what happened and how to fix it', async () => {
		const result = await env.engine.run(single(optimaite({ resource: 'document', operation: 'get', documentId: 'doc_missing' })));
		const error = result.error();
		expect(error?.message).toBe('Optimaite rejected the request (404): Document does not exist (DOCUMENT_NOT_FOUND)');
		expect(error?.description).toMatch(/Check the case or document id/);
		expect(error?.httpCode).toBe('404');
	});
});
