import type { IDataObject } from 'n8n-workflow';

import { makePdf } from '../../sandbox/server';
import { binaryContent, fileItem, single } from '../helpers';
import { COMPANY, CPR, ns, state, useNextSign } from './env';

const env = useNextSign();

/** Creates a case through the node (so it exists in the emulator exactly as NextSign would store it). */
async function createCase(title = 'Lejeaftale', recipients: IDataObject[] = [{ name: 'Mia', email: 'mia@example.com', needsCpr: true, cpr: CPR }]) {
	const r = await env.engine.run(
		single(ns({ resource: 'case', operation: 'create', title, documents: { document: [{ source: 'binary', binaryPropertyName: 'data', name: 'Lejekontrakt.pdf' }] }, recipients: { recipient: recipients } })),
		[fileItem(makePdf(title))],
	);
	expect(r.error()).toBeUndefined();
	env.sandbox.requests.length = 0;
	return r.output('Node')[0].json;
}

describe('Case → Get / Get Many / Get Several', () => {
	test('Get reads the case from the v2 host and masks the CPR NextSign echoes', async () => {
		const created = await createCase();
		const r = await env.engine.run(single(ns({ resource: 'case', operation: 'get', caseId: created._id })));
		const [req] = env.sandbox.requestsFor('nextsign');
		expect(`${req.method} ${req.path}`).toBe(`GET /api/v2/${COMPANY}/case/${String(created._id)}/get`);
		expect(req.headers.authorization).toBe('Bearer ns_test_key');
		const out = r.output('Node');
		expect(out).toHaveLength(1);
		expect(out[0].json._id).toBe(created._id);
		expect(out[0].json.state).toBe('open');
		const recipient = (out[0].json.recipients as IDataObject[])[0];
		expect(recipient.cpr).toBe('***');
		expect(recipient.signingToken).toBe('***');
		// The emulator really echoes a (fake-encrypted) CPR value: the mask hides it.
		const stored = state(env.sandbox).cases.get(String(created._id))!;
		expect(String((stored.recipients as IDataObject[])[0].cpr)).toMatch(/^U2FsdGVkX1/);
		expect(JSON.stringify(out)).not.toMatch(/U2FsdGVkX1|0101901234/);
	});

	test('Get of an unknown case: NextSign says so inside HTTP 200; the node fails it as a 404 with how to fix', async () => {
		const r = await env.engine.run(single(ns({ resource: 'case', operation: 'get', caseId: 'nope' })));
		expect(env.sandbox.requestsFor('nextsign').map((q) => q.status)).toEqual([200]);
		expect(r.error()!.message).toBe('NextSign rejected the request (404): Case not found');
		expect(r.error()!.description).toBe(
			'Check the ID: it does not exist in this NextSign company (the test environment has its own data). (NextSign answered HTTP 200 with this error in its body.)',
		);
		expect((r.error() as { httpCode?: string }).httpCode).toBe('404');
		expect(r.output('Node')).toEqual([]);
	});

	test('an answer without the documented status is never taken for data (Get, Get Many, Get Several)', async () => {
		env.sandbox.addFault({ prefix: 'nextsign', path: '/case/c1/get', status: 200, body: { status: 'company_not_found', message: 'Company not found' } });
		const get = await env.engine.run(single(ns({ resource: 'case', operation: 'get', caseId: 'c1' })));
		expect(get.error()!.message).toBe('NextSign rejected the request (404): Company not found');
		env.sandbox.addFault({ prefix: 'nextsign', path: '/cases/get', status: 200, body: { errors: [{ code: 400, message: 'Bad Request', description: 'Company not found' }] } });
		const many = await env.engine.run(single(ns({ resource: 'case', operation: 'getMany', returnAll: true })));
		expect(many.error()!.message).toBe('NextSign rejected the request (400): Bad Request: Company not found');
		expect(many.output('Node')).toEqual([]);
		env.sandbox.addFault({ prefix: 'nextsign', path: '/cases/a,b/get', status: 200, body: { cases: [] } });
		const several = await env.engine.run(single(ns({ resource: 'case', operation: 'getSeveral', caseIds: 'a,b' })));
		expect(several.error()!.message).toBe('NextSign rejected the request (502): NextSign answered with status "(none)" instead of "cases_found"');
	});

	test('Delete: a GET to case/{id}/delete (as documented); the case is gone; an unknown one says so', async () => {
		const created = await createCase();
		const caseId = String(created._id);
		const r = await env.engine.run(single(ns({ resource: 'case', operation: 'delete', caseId })));
		expect(r.error()).toBeUndefined();
		expect(env.sandbox.requestsFor('nextsign').map((q) => `${q.method} ${q.path}`)).toEqual([`GET /api/v2/${COMPANY}/case/${caseId}/delete`]);
		expect(r.output('Node').map((i) => i.json)).toEqual([{ caseId, deleted: true, deletedCount: 1 }]);
		expect(state(env.sandbox).cases.has(caseId)).toBe(false);
		const again = await env.engine.run(single(ns({ resource: 'case', operation: 'delete', caseId })));
		expect(again.error()!.message).toBe('NextSign rejected the request (404): Case not found');
	});

	test('Delete: a 503 is retried (a repeat cannot duplicate), and a repeat that finds the case gone counts as deleted', async () => {
		const created = await createCase();
		const caseId = String(created._id);
		// The first attempt deletes the case but its answer is lost (502 from a proxy after the fact).
		const routes = (env.sandbox as unknown as { routes: Map<string, Array<{ pattern: string; handler: (req: unknown) => unknown }>> }).routes.get('nextsign')!;
		const route = routes.find((q) => q.pattern === '/api/v2/:company/case/:caseId/delete')!;
		const original = route.handler;
		let calls = 0;
		route.handler = async (req) => {
			const res = await original(req);
			return ++calls === 1 ? { status: 502, json: { errors: [{ message: 'Bad gateway' }] } } : res;
		};
		try {
			const r = await env.engine.run(single(ns({ resource: 'case', operation: 'delete', caseId })));
			expect(r.error()).toBeUndefined();
			expect(env.sandbox.requestsFor('nextsign').map((q) => q.status)).toEqual([502, 200]);
			expect(r.output('Node')[0].json).toEqual({ caseId, deleted: true, deletedCount: 1 });
		} finally {
			route.handler = original;
		}
	});

	test('Get Many with Limit: one page of that size, status and folder filters on the query', async () => {
		const st = state(env.sandbox);
		for (let i = 0; i < 5; i++) st.seed(COMPANY, `Case ${i}`, Date.parse('2026-01-01T00:00:00Z') + i * 1000, { folder: 'Leases' });
		st.seed(COMPANY, 'Other folder', Date.parse('2026-01-02T00:00:00Z'));
		const r = await env.engine.run(single(ns({ resource: 'case', operation: 'getMany', returnAll: false, limit: 3, filters: { status: 'pending', folder: 'Leases' } })));
		const reqs = env.sandbox.requestsFor('nextsign');
		expect(reqs).toHaveLength(1);
		expect(`${reqs[0].method} ${reqs[0].path}`).toBe(`GET /api/v2/${COMPANY}/cases/get`);
		expect(reqs[0].query).toEqual({ status: 'pending', folder: 'Leases', limit: '3', index: '0' });
		expect(r.output('Node').map((i) => i.json.title)).toEqual(['Case 4', 'Case 3', 'Case 2']);
		expect(Object.keys(r.output('Node')[0].json).sort()).toEqual(['_id', 'createdAt', 'folder', 'title', 'updatedAt']);
	});

	test('Get Many with Return All walks the zero-based page index, 100 at a time, until a short page', async () => {
		const st = state(env.sandbox);
		for (let i = 0; i < 230; i++) st.seed(COMPANY, `Case ${i}`, Date.parse('2026-01-01T00:00:00Z') + i * 1000);
		st.seed('other-company', 'Not ours', Date.parse('2026-01-01T00:00:00Z'));
		const r = await env.engine.run(single(ns({ resource: 'case', operation: 'getMany', returnAll: true })));
		expect(env.sandbox.requestsFor('nextsign').map((q) => q.query)).toEqual([
			{ limit: '100', index: '0' },
			{ limit: '100', index: '1' },
			{ limit: '100', index: '2' },
		]);
		const titles = r.output('Node').map((i) => i.json.title);
		expect(titles).toHaveLength(230);
		expect(new Set(titles).size).toBe(230);
	});

	test('Get Several: one request with the ids joined by commas; none found is NextSign’s 404', async () => {
		const a = await createCase('A');
		const b = await createCase('B');
		const r = await env.engine.run(single(ns({ resource: 'case', operation: 'getSeveral', caseIds: `${String(a._id)}, ${String(b._id)} ${String(a._id)}` })));
		const [req] = env.sandbox.requestsFor('nextsign');
		expect(`${req.method} ${req.path}`).toBe(`GET /api/v2/${COMPANY}/cases/${String(a._id)},${String(b._id)}/get`);
		expect(r.output('Node').map((i) => i.json.title)).toEqual(['A', 'B']);
		expect(JSON.stringify(r.output('Node'))).not.toMatch(/U2FsdGVkX1|0101901234/);

		const r2 = await env.engine.run(single(ns({ resource: 'case', operation: 'getSeveral', caseIds: 'x1,x2' })));
		expect(r2.error()!.message).toBe('NextSign rejected the request (404): Cases not found');
	});

	test.each([
		['Get', { operation: 'get', caseId: 'a/b' }, 'Invalid "Case ID" must not contain spaces, commas or slashes [item 0]'],
		['Get Several', { operation: 'getSeveral', caseIds: ' , ' }, 'Invalid "Case IDs" needs at least 1 entry [item 0]'],
		['Get Many', { operation: 'getMany', returnAll: false, limit: 0 }, 'Invalid "Limit" must be at least 1 [item 0]'],
	])('bad input for %s: zero requests', async (_label, p, message) => {
		const r = await env.engine.run(single(ns({ resource: 'case', ...p })));
		expect(r.error()!.message).toBe(message);
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Document → Upload / Download / Download Signed Documents', () => {
	test('Upload sends the binary as multipart to the v3 file host and returns the URL', async () => {
		const pdf = makePdf('upload me');
		const r = await env.engine.run(single(ns({ resource: 'document', operation: 'upload', binaryPropertyName: 'data' })), [fileItem(pdf, 'Bilag.pdf')]);
		expect(r.error()).toBeUndefined();
		expect(env.sandbox.requestsFor('nextsign')).toHaveLength(0);
		const [req] = env.sandbox.requestsFor('nextsign-files');
		expect(`${req.method} ${req.path}`).toBe(`POST /v3/company/${COMPANY}/file/upload`);
		expect(req.headers.authorization).toBe('Bearer ns_test_key');
		expect(req.parts).toEqual([
			{ name: 'file', filename: 'Bilag.pdf', contentType: 'application/pdf', size: pdf.length, value: undefined },
			{ name: 'name', filename: undefined, contentType: undefined, size: 9, value: 'Bilag.pdf' },
			{ name: 'type', filename: undefined, contentType: undefined, size: 15, value: 'application/pdf' },
		]);
		const out = r.output('Node')[0].json;
		expect(out).toEqual({ name: 'Bilag.pdf', url: expect.stringMatching(new RegExp(`^${env.sandbox.url('nextsign-storage')}/${COMPANY}/upload/\\d{13}-Bilag\\.pdf$`)) });
	});

	test('Upload of a file type NextSign does not take: its 400 message', async () => {
		const r = await env.engine.run(single(ns({ resource: 'document', operation: 'upload', binaryPropertyName: 'data' })), [fileItem(Buffer.from('hello'), 'notes.txt', 'text/plain')]);
		expect(r.error()!.message).toBe('NextSign rejected the request (400): invalid-file-type');
	});

	test('Download: presigned URL from the file host, then the file from storage without the API key', async () => {
		const pdf = makePdf('stored');
		const up = await env.engine.run(single(ns({ resource: 'document', operation: 'upload', binaryPropertyName: 'data' })), [fileItem(pdf, 'Bilag.pdf')]);
		const url = String(up.output('Node')[0].json.url);
		env.sandbox.requests.length = 0;

		const r = await env.engine.run(single(ns({ resource: 'document', operation: 'download', url, binaryPropertyName: 'file' })));
		expect(r.error()).toBeUndefined();
		const [presign] = env.sandbox.requestsFor('nextsign-files');
		expect(`${presign.method} ${presign.path}`).toBe(`POST /v3/company/${COMPANY}/file/view-presigned-url`);
		expect(presign.body).toEqual({ url });
		expect(presign.headers.authorization).toBe('Bearer ns_test_key');
		const [get] = env.sandbox.requestsFor('nextsign-storage');
		expect(get.method).toBe('GET');
		expect(get.query['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
		expect(get.headers.authorization).toBeUndefined();
		expect(env.sandbox.requestsFor('nextsign')).toHaveLength(0);

		const item = r.output('Node')[0];
		expect(item.json).toEqual({ url, fileName: 'Bilag.pdf', mimeType: 'application/pdf', fileSize: pdf.length });
		expect(item.binary!.file.fileName).toBe('Bilag.pdf');
		expect(item.binary!.file.mimeType).toBe('application/pdf');
		expect(binaryContent(item, 'file').equals(pdf)).toBe(true);
	});

	test('Download of a presigned (expired) URL uses the stored URL behind it', async () => {
		const created = await createCase();
		const doc = (created.documents as IDataObject[])[0];
		const r = await env.engine.run(single(ns({ resource: 'document', operation: 'download', url: doc.file, binaryPropertyName: 'data' })));
		expect(r.error()).toBeUndefined();
		expect(env.sandbox.requestsFor('nextsign-files')[0].body).toEqual({ url: doc.document_id });
		expect(r.output('Node')[0].binary!.data.fileName).toBe('Lejekontrakt.pdf');
	});

	test('Download Signed Documents: the case, then each signed file to binary, one item each', async () => {
		const created = await createCase('Lejeaftale', [
			{ name: 'Mia', email: 'mia@example.com', needsCpr: true, cpr: CPR },
			{ name: 'Lars', email: 'lars@example.com', group: 1 },
		]);
		const caseId = String(created._id);
		const st = state(env.sandbox);
		st.sign(caseId, undefined, Date.now());
		// Not signed yet by everyone: a clear error, no download.
		const early = await env.engine.run(single(ns({ resource: 'document', operation: 'downloadSigned', caseId })));
		expect(early.error()!.message).toBe(`Case ${caseId} has no signed documents yet (state: open)`);
		expect(env.sandbox.requestsFor('nextsign-files')).toHaveLength(0);

		st.sign(caseId, undefined, Date.now());
		env.sandbox.requests.length = 0;
		const r = await env.engine.run(single(ns({ resource: 'document', operation: 'downloadSigned', caseId })));
		expect(r.error()).toBeUndefined();
		expect(env.sandbox.requests.map((q) => `${q.prefix} ${q.method} ${q.path.replace(/\/\d{13}-/, '/…-')}`)).toEqual([
			`nextsign GET /api/v2/${COMPANY}/case/${caseId}/get`,
			`nextsign-files POST /v3/company/${COMPANY}/file/view-presigned-url`,
			`nextsign-storage GET /${COMPANY}/signed/…-Lejekontrakt_signed.pdf`,
		]);
		const signed = (st.cases.get(caseId)!.signedDocuments as IDataObject[])[0];
		expect(env.sandbox.requestsFor('nextsign-files')[0].body).toEqual({ url: signed.document_id });
		const out = r.output('Node');
		expect(out).toHaveLength(1);
		expect(out[0].json).toEqual({
			url: signed.document_id,
			caseId,
			title: 'Lejeaftale',
			index: 0,
			fileName: 'Lejekontrakt_signed.pdf',
			mimeType: 'application/pdf',
			fileSize: expect.any(Number),
		});
		expect(binaryContent(out[0]).subarray(0, 5).toString()).toBe('%PDF-');
		expect(binaryContent(out[0]).toString('latin1')).toContain('Signed: Lejeaftale');
	});

	test('bad Document URL: zero requests', async () => {
		const r = await env.engine.run(single(ns({ resource: 'document', operation: 'download', url: 'not a url', binaryPropertyName: 'data' })));
		expect(r.error()!.message).toBe('Invalid "Document URL" must be a valid URL (https://…) [item 0]');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Form → Get / Get Tags / Submit', () => {
	test('Get returns the form object itself; Get Tags the bare list of tags, with each tag’s type', async () => {
		const r = await env.engine.run(single(ns({ resource: 'form', operation: 'get', formId: 'form-lease' })));
		expect(r.output('Node')[0].json).toMatchObject({
			_id: 'form-lease',
			companyId: COMPANY,
			folder: 'Default',
			active: true,
			title: 'Lejeaftale (formular)',
			documents: [{ name: 'Lejekontrakt.pdf' }],
		});
		const t = await env.engine.run(single(ns({ resource: 'form', operation: 'getTags', formId: 'form-lease' })));
		expect(t.output('Node')[0].json).toEqual({
			formId: 'form-lease',
			tags: [
				{ name: 'Lejers navn', tag: 'tenant_name', value: '', type: 'text', _id: 'tag-tenant' },
				{ name: 'Månedlig leje', tag: 'rent', value: '', type: 'number', _id: 'tag-rent' },
				{ name: 'Indflytning', tag: 'move_in', value: '', type: 'date', _id: 'tag-move-in' },
			],
		});
		expect(env.sandbox.requestsFor('nextsign').map((q) => `${q.method} ${q.path}`)).toEqual([
			`GET /api/v2/${COMPANY}/forms/form-lease/get`,
			`GET /api/v2/${COMPANY}/forms/form-lease/tags/get`,
		]);
	});

	test('an unknown form: "Form not found" inside HTTP 200 fails Get, Get Tags and Submit', async () => {
		for (const operation of ['get', 'getTags', 'submit']) {
			const r = await env.engine.run(single(ns({ resource: 'form', operation, formId: 'nope', recipients: { recipient: [{ name: 'Mia', email: 'mia@example.com' }] } })));
			expect(r.error()!.message).toBe('NextSign rejected the request (400): Bad Request: Form not found');
			expect(r.error()!.description).toContain('(NextSign answered HTTP 200 with this error in its body.)');
		}
		expect(env.sandbox.requestsFor('nextsign').map((q) => q.status)).toEqual([200, 200, 200]);
	});

	test('Submit sends every documented field, a number tag as a number, and outputs the new case id at the top', async () => {
		const r = await env.engine.run(
			single(
				ns({
					resource: 'form',
					operation: 'submit',
					formId: 'form-lease',
					tags: {
						tag: [
							{ tag: 'tenant_name', value: 'Mia Sørensen', type: 'text' },
							{ tag: 'rent', value: '9500.50', type: 'number' },
							{ tag: 'move_in', value: '2026-02-01', type: 'date' },
						],
					},
					recipients: { recipient: [{ name: 'Mia Sørensen', email: 'mia@example.com', group: 1, needsCpr: true, cpr: CPR }] },
					signingSchemas: ['urn:grn:authn:dk:mitid:substantial'],
					additionalFields: { title: 'Ny Kontrakt', state: 'open', message: 'Hej {recipient_name}', user_name: 'Daniel Prior', user_email: 'daniel@example.com', folder: 'Leases' },
					settings: { lang: 'en', reminderAmount: 1 },
				}),
			),
		);
		expect(r.error()).toBeUndefined();
		const [req] = env.sandbox.requestsFor('nextsign');
		expect(`${req.method} ${req.path}`).toBe(`POST /api/v2/${COMPANY}/forms/form-lease/submit`);
		expect(req.body).toEqual({
			title: 'Ny Kontrakt',
			user_name: 'Daniel Prior',
			user_email: 'daniel@example.com',
			state: 'open',
			folder: 'Leases',
			customMessage: true,
			message: 'Hej {recipient_name}',
			signingSchemas: ['urn:grn:authn:dk:mitid:substantial'],
			settings: { lang: 'en', reminders: { amount: 1 } },
			tags: [
				{ tag: 'tenant_name', value: 'Mia Sørensen', type: 'text' },
				{ tag: 'rent', value: 9500.5, type: 'number' },
				{ tag: 'move_in', value: '2026-02-01', type: 'date' },
			],
			recipients: [{ name: 'Mia Sørensen', email: 'mia@example.com', signing: true, group: 1, type: 'email', needsCpr: true, cpr: CPR }],
		});
		const out = r.output('Node')[0].json;
		const created = [...state(env.sandbox).cases.values()][0];
		expect(out.caseId).toBe(created._id);
		expect(out.title).toBe('Ny Kontrakt');
		expect(out.folder).toBe('Leases');
		expect(out.submitted).toEqual({ status: 'OK', message: 'Contract created' });
		expect((out.recipients as IDataObject[])[0].cpr).toBe('***');
		expect(JSON.stringify(out)).not.toContain(CPR);
	});

	test('Submit: a number tag that is not a number is ours to refuse; NextSign’s errors inside HTTP 200 are errors', async () => {
		const base = { resource: 'form', operation: 'submit', formId: 'form-lease', recipients: { recipient: [{ name: 'Mia', email: 'mia@example.com' }] } };
		const nan = await env.engine.run(single(ns({ ...base, tags: { tag: [{ tag: 'rent', value: 'a lot', type: 'number' }] } })));
		expect(nan.error()!.message).toBe('Invalid "Value" (tag 1) must be a number when "Type" is Number [item 0]');
		expect(env.sandbox.requests).toHaveLength(0);
		const r = await env.engine.run(single(ns({ ...base, tags: { tag: [{ tag: 'rent', value: '1', type: 'number' }] } })));
		expect(env.sandbox.requestsFor('nextsign').map((q) => q.status)).toEqual([200]);
		expect(r.error()!.message).toBe('NextSign rejected the request (400): Missing required tag: tenant_name');
		expect(state(env.sandbox).cases.size).toBe(0);
		env.sandbox.requests.length = 0;
		const bad = await env.engine.run(single(ns({ ...base, recipients: { recipient: [{ name: 'Mia', email: 'mia@example.com', needsCpr: true, cpr: '12345' }] } })));
		expect(bad.error()!.message).toBe('Invalid "CPR Number" (recipient 1) must be exactly 10 digits (DDMMYYXXXX) [item 0]');
		expect(bad.error()!.message).not.toContain('12345');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Document → Convert', () => {
	const docx = Buffer.from('PK\u0003\u0004 fake docx');
	const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

	test('a DOCX from a binary field: uploaded to the file host, converted on the v2 host without company, the PDF downloaded', async () => {
		const r = await env.engine.run(
			single(
				ns({
					resource: 'document',
					operation: 'convert',
					documents: { document: [{ source: 'binary', binaryPropertyName: 'data' }] },
					tags: { tag: [{ tag: 'customer_name', value: 'Andreas', type: 'text' }, { tag: 'contract_number', value: '200', type: 'number' }, { tag: 'start', value: '2026-02-01', type: 'date', format: 'DD-MM-YYYY' }] },
					download: true,
					binaryPropertyName: 'pdf',
				}),
			),
			[fileItem(docx, 'Kontrakt.docx', DOCX)],
		);
		expect(r.error()).toBeUndefined();
		const reqs = env.sandbox.requests.map((q) => `${q.prefix} ${q.method} ${q.path.replace(/\/\d{13}-/, '/…-')}`);
		expect(reqs).toEqual([
			`nextsign-files POST /v3/company/${COMPANY}/file/upload`,
			'nextsign POST /api/v2/document/convert',
			`nextsign-files POST /v3/company/${COMPANY}/file/view-presigned-url`,
			`nextsign-storage GET /${COMPANY}/converted/…-Kontrakt.pdf`,
		]);
		const upload = env.sandbox.requests[0];
		expect(upload.parts!.map((p) => [p.name, p.filename ?? p.value, p.contentType])).toEqual([
			['file', 'Kontrakt.docx', DOCX],
			['name', 'Kontrakt.docx', undefined],
			['type', DOCX, undefined],
		]);
		const uploadedUrl = String((state(env.sandbox).files.values().next().value as { path: string }).path);
		expect(env.sandbox.requests[1].body).toEqual({
			documents: [{ file: `${env.sandbox.url('nextsign-storage')}${uploadedUrl}`, name: 'Kontrakt.docx' }],
			tags: [
				{ tag: 'customer_name', value: 'Andreas', type: 'text' },
				{ tag: 'contract_number', value: 200, type: 'number' },
				{ tag: 'start', value: '2026-02-01', type: 'date', format: 'DD-MM-YYYY' },
			],
		});
		expect(env.sandbox.requests[1].headers.authorization).toBe('Bearer ns_test_key');
		const [item] = r.output('Node');
		expect(item.json).toMatchObject({ name: 'Kontrakt.pdf', index: 0, fileName: 'Kontrakt.pdf', mimeType: 'application/pdf' });
		const pdf = binaryContent(item, 'pdf').toString('latin1');
		expect(pdf.startsWith('%PDF-')).toBe(true);
		expect(pdf).toContain('Converted Kontrakt.docx customer_name=Andreas contract_number=200 start=2026-02-01');
	});

	test('converted URLs as output (no download), one item per document; a failed conversion reported in the payload is an error', async () => {
		const r = await env.engine.run(
			single(ns({ resource: 'document', operation: 'convert', documents: { document: [{ source: 'binary', binaryPropertyName: 'data', name: 'Aftale.docx' }, { source: 'url', url: 'https://files.example.com/Bilag.pdf' }] }, tags: {} })),
			[fileItem(docx, 'x.docx', 'application/octet-stream')],
		);
		expect(r.error()).toBeUndefined();
		const out = r.output('Node').map((i) => i.json);
		const uploaded = [{ name: 'Aftale.docx', url: expect.any(String) }];
		// A PDF passes through unchanged (docs/documents-convert).
		expect(out).toEqual([
			{ name: 'Aftale.pdf', url: expect.stringMatching(/\/nextsign-storage\/acme-company\/converted\/\d{13}-Aftale\.pdf$/), index: 0, uploadedDocuments: uploaded },
			{ name: 'Bilag.pdf', url: 'https://files.example.com/Bilag.pdf', index: 1, uploadedDocuments: uploaded },
		]);
		expect(env.sandbox.requests[0].parts![0].contentType).toBe(DOCX);
		expect(env.sandbox.requestsFor('nextsign')[0].body).toEqual({
			documents: [
				{ file: expect.any(String), name: 'Aftale.docx' },
				{ file: 'https://files.example.com/Bilag.pdf', name: 'Bilag.pdf' },
			],
		});

		const bad = await env.engine.run(single(ns({ resource: 'document', operation: 'convert', documents: { document: [{ source: 'url', url: 'https://files.example.com/notes.txt' }] } })));
		expect(bad.error()!.message).toBe('NextSign rejected the request (415): Document 1: only DOCX and PDF files can be converted');
		expect(bad.error()!.description).toContain('(NextSign answered HTTP 200 with this error in its body.)');
	});

	test('bad input: named field and item, zero requests', async () => {
		const none = await env.engine.run(single(ns({ resource: 'document', operation: 'convert', documents: {} })));
		expect(none.error()!.message).toBe('Invalid "Documents" needs at least 1 entry [item 0]');
		const url = await env.engine.run(single(ns({ resource: 'document', operation: 'convert', documents: { document: [{ source: 'url', url: 'nope' }] } })));
		expect(url.error()!.message).toBe('Invalid "File URL" (document 1) must be a valid URL (https://…) [item 0]');
		const nan = await env.engine.run(single(ns({ resource: 'document', operation: 'convert', documents: { document: [{ source: 'url', url: 'https://x.example/a.docx' }] }, tags: { tag: [{ tag: 'n', value: 'x', type: 'number' }] } })));
		expect(nan.error()!.message).toBe('Invalid "Value" (tag 1) must be a number when "Type" is Number [item 0]');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});
