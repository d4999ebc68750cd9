import type { IDataObject } from 'n8n-workflow';

import { makePdf } from '../../sandbox/server';
import { fileItem, single } from '../helpers';
import { COMPANY, CPR, ns, state, useNextSign } from './env';

const env = useNextSign();

const create = (p: IDataObject) => ns({ resource: 'case', operation: 'create', ...p });
const recipient = (extra: IDataObject = {}) => ({ name: 'Mia Sørensen', email: 'mia@example.com', ...extra });
const binaryDoc = (extra: IDataObject = {}) => ({ source: 'binary', binaryPropertyName: 'data', ...extra });

/** A file of exactly `size` bytes that starts like a PDF. */
function pdfOfSize(size: number, fill = 'a'): Buffer {
	const head = Buffer.from('%PDF-1.4\n');
	return Buffer.concat([head, Buffer.alloc(size - head.length, fill)]);
}

function twoFiles(sizeA: number, sizeB: number) {
	const a = pdfOfSize(sizeA, 'a');
	const b = pdfOfSize(sizeB, 'b');
	const item = fileItem(a, 'a.pdf');
	item.binary!.second = fileItem(b, 'b.pdf').binary!.data;
	return { a, b, item };
}

const twoDocs = { document: [binaryDoc(), binaryDoc({ binaryPropertyName: 'second' })] };

describe('Case → Create', () => {
	test('sends every field of the case-create document to the v2 case host, and keeps the notices', async () => {
		const pdf = makePdf('Lejekontrakt');
		const note = makePdf('Note');
		const n = create({
			title: 'Lejeaftale',
			documents: {
				document: [
					binaryDoc({ name: 'Lejekontrakt.pdf', signObligated: true, documentMustBeRead: true, signatories: 'mia@example.com, lars@example.com' }),
					{ source: 'url', url: 'https://files.example.com/docs/Bilag%201.pdf', signObligated: false },
					{ source: 'base64', base64: note.toString('base64'), name: 'Note.pdf' },
				],
			},
			recipients: {
				recipient: [
					recipient({
						signing: true,
						group: 0,
						type: 'email',
						phone: '28123456',
						needsCpr: true,
						cpr: '010190-1234',
						signingSchema: 'urn:grn:authn:dk:mitid:business',
						redirectUrl: 'https://example.com/complete',
						position: 'Director',
						template: 'tpl-1',
						message: 'Hej Mia',
					}),
					{ name: 'Lars Hansen', type: 'phone', phone: '+45 28 12 34 56', group: 1 },
					{ name: 'Jens Kopi', type: 'eboks', eboksKvhx: '01011234__1', eboksAddress: 'Vej 1, 2100 København', signing: false, group: 2 },
				],
			},
			signingSchemas: ['urn:grn:authn:dk:mitid:substantial', 'urn:grn:authn:dk:mitid:business', 'draw'],
			autoSend: true,
			additionalFields: {
				message: 'Kære {recipient_name}, som aftalt er hermed dokumenter til underskrift',
				emailtemplate: 'et-1',
				folder: 'Leases',
				referenceId: 'Jrn. 2342-23',
				user_email: 'info@example.com',
			},
			settings: {
				remindersSend: true,
				reminderAmount: 2,
				reminderDaysBetween: 3,
				lang: 'da',
				autoDelete: false,
				deletionDays: 30,
				availabilityUnlimited: true,
				availabilityDays: 10,
				template: 2,
			},
		});
		const r = await env.engine.run(single(n), [fileItem(pdf, 'upload.pdf')]);
		expect(r.error()).toBeUndefined();

		expect(env.sandbox.requestsFor('nextsign-files')).toHaveLength(0);
		const [req] = env.sandbox.requestsFor('nextsign');
		expect(env.sandbox.requestsFor('nextsign')).toHaveLength(1);
		expect(req.method).toBe('POST');
		expect(req.path).toBe(`/api/v2/${COMPANY}/case/create`);
		expect(req.headers.authorization).toBe('Bearer ns_test_key');
		expect(req.headers['content-type']).toMatch(/^application\/json/);
		expect(req.body).toEqual({
			title: 'Lejeaftale',
			referenceId: 'Jrn. 2342-23',
			folder: 'Leases',
			user_email: 'info@example.com',
			emailtemplate: 'et-1',
			autoSend: true,
			customMessage: true,
			message: 'Kære {recipient_name}, som aftalt er hermed dokumenter til underskrift',
			settings: {
				reminders: { send: true, amount: 2, daysBetween: 3 },
				lang: 'da',
				deletion: { autoDelete: false, days: 30 },
				availability: { unlimited: true, days: 10 },
				template: 2,
			},
			signingSchemas: ['urn:grn:authn:dk:mitid:substantial', 'urn:grn:authn:dk:mitid:business', 'draw'],
			recipients: [
				{
					name: 'Mia Sørensen',
					email: 'mia@example.com',
					signing: true,
					group: 0,
					type: 'email',
					phone: '28123456',
					needsCpr: true,
					cpr: CPR,
					signingSchema: 'urn:grn:authn:dk:mitid:business',
					redirectUrl: 'https://example.com/complete',
					position: 'Director',
					template: 'tpl-1',
					message: 'Hej Mia',
				},
				{ name: 'Lars Hansen', signing: true, group: 1, type: 'phone', phone: '+4528123456' },
				{
					name: 'Jens Kopi',
					signing: false,
					group: 2,
					type: 'eboks',
					eboks: { kvhx: '01011234__1', address: 'Vej 1, 2100 København', name: 'Jens Kopi' },
				},
			],
			documents: [
				{
					name: 'Lejekontrakt.pdf',
					file: pdf.toString('base64'),
					fileIsBlob: true,
					signObligated: true,
					documentMustBeRead: true,
					signatories: ['mia@example.com', 'lars@example.com'],
				},
				{ name: 'Bilag 1.pdf', file: 'https://files.example.com/docs/Bilag%201.pdf', signObligated: false, documentMustBeRead: false },
				{ name: 'Note.pdf', file: note.toString('base64'), fileIsBlob: true, signObligated: true, documentMustBeRead: false },
			],
		});
		expect(JSON.stringify(req.body)).not.toContain('"order"');

		const out = r.output('Node');
		expect(out).toHaveLength(1);
		const json = out[0].json;
		expect(json.title).toBe('Lejeaftale');
		expect(json.state).toBe('open');
		expect(json.documentTransfer).toBe('inline');
		expect(json.notices).toEqual(
			expect.arrayContaining([{ message: 'No user id provided, adding the email.', using: 'u-api' }, { message: 'No user name provided' }]),
		);
		// NextSign echoes the CPR (encrypted): masked like every CPR field the node outputs.
		const recipients = json.recipients as IDataObject[];
		expect(recipients[0].cpr).toBe('***');
		expect(recipients[0].needsCpr).toBe(true);
		expect(JSON.stringify(out)).not.toContain(CPR);
		expect(JSON.stringify(out)).not.toContain('U2FsdGVkX1');
		// The emulator stored the inline document as sent.
		const stored = [...state(env.sandbox).files.values()].find((f) => f.name === 'Lejekontrakt.pdf');
		expect(stored?.content.equals(pdf)).toBe(true);
	});

	test('the 3.5 MB rule is measured on the request (base64), the larger reading: at the limit inline, 3 bytes of file more → uploaded', async () => {
		// The request's size beside the files' base64 text: learned from a small case, as the emulator received it.
		const probe = twoFiles(1_000, 1_000);
		const first = await env.engine.run(single(create({ title: 'Big', documents: twoDocs, recipients: { recipient: [recipient()] } })), [probe.item]);
		expect(first.error()).toBeUndefined();
		const b64 = (n: number) => 4 * Math.ceil(n / 3);
		const overhead = env.sandbox.requestsFor('nextsign')[0].size - 2 * b64(1_000);
		// Two files whose request is exactly 3.5 MB or just under (base64 comes in steps of 4 characters per 3 bytes).
		const each = Math.floor((3_500_000 - overhead) / 2 / 4) * 3;
		env.sandbox.reset();
		const { a, b, item } = twoFiles(each, each);
		const r = await env.engine.run(single(create({ title: 'Big', documents: twoDocs, recipients: { recipient: [recipient()] } })), [item]);
		expect(r.error()).toBeUndefined();
		expect(env.sandbox.requestsFor('nextsign-files')).toHaveLength(0);
		const reqs = env.sandbox.requestsFor('nextsign');
		expect(reqs.map((q) => `${q.method} ${q.path}`)).toEqual([`POST /api/v2/${COMPANY}/case/create`]);
		expect(reqs[0].size).toBeLessThanOrEqual(3_500_000);
		expect(reqs[0].size).toBeGreaterThan(3_500_000 - 8);
		// The files themselves are far below 3.5 MB: the stricter reading decides.
		expect(a.length + b.length).toBeLessThan(2_700_000);
		const docs = (reqs[0].body as IDataObject).documents as IDataObject[];
		expect(docs).toEqual([
			{ name: 'a.pdf', file: a.toString('base64'), fileIsBlob: true, signObligated: true, documentMustBeRead: false },
			{ name: 'b.pdf', file: b.toString('base64'), fileIsBlob: true, signObligated: true, documentMustBeRead: false },
		]);
		expect(r.output('Node')[0].json.documentTransfer).toBe('inline');

		env.sandbox.reset();
		const over = twoFiles(each, each + 3);
		const r2 = await env.engine.run(single(create({ title: 'Big', documents: twoDocs, recipients: { recipient: [recipient()] } })), [over.item]);
		expect(r2.error()).toBeUndefined();
		expect(env.sandbox.requestsFor('nextsign-files')).toHaveLength(2);
		expect(r2.output('Node')[0].json.documentTransfer).toBe('uploaded');
	});

	test('over 3.5 MB: every file is uploaded to the v3 file host first and the case references the URLs', async () => {
		const { a, b, item } = twoFiles(1_750_000, 1_750_001);
		const r = await env.engine.run(single(create({ title: 'Big', documents: twoDocs, recipients: { recipient: [recipient()] } })), [item]);
		expect(r.error()).toBeUndefined();

		const uploads = env.sandbox.requestsFor('nextsign-files');
		expect(uploads).toHaveLength(2);
		for (const [index, [file, size]] of ([['a.pdf', a.length], ['b.pdf', b.length]] as const).entries()) {
			const up = uploads[index];
			expect(`${up.method} ${up.path}`).toBe(`POST /v3/company/${COMPANY}/file/upload`);
			expect(up.headers.authorization).toBe('Bearer ns_test_key');
			expect(up.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
			expect(up.parts).toEqual([
				{ name: 'file', filename: file, contentType: 'application/pdf', size, value: undefined },
				{ name: 'name', filename: undefined, contentType: undefined, size: file.length, value: file },
				{ name: 'type', filename: undefined, contentType: undefined, size: 15, value: 'application/pdf' },
			]);
		}

		const out = r.output('Node')[0].json;
		const uploaded = out.uploadedDocuments as Array<{ name: string; url: string }>;
		expect(uploaded.map((u) => u.name)).toEqual(['a.pdf', 'b.pdf']);
		for (const u of uploaded) expect(u.url.startsWith(`${env.sandbox.url('nextsign-storage')}/${COMPANY}/upload/`)).toBe(true);

		const cases = env.sandbox.requestsFor('nextsign');
		expect(cases).toHaveLength(1);
		expect(`${cases[0].method} ${cases[0].path}`).toBe(`POST /api/v2/${COMPANY}/case/create`);
		expect((cases[0].body as IDataObject).documents).toEqual([
			{ name: 'a.pdf', file: uploaded[0].url, signObligated: true, documentMustBeRead: false },
			{ name: 'b.pdf', file: uploaded[1].url, signObligated: true, documentMustBeRead: false },
		]);
		expect(cases[0].size).toBeLessThan(10_000);
		expect(out.documentTransfer).toBe('uploaded');
		// NextSign fetched the uploaded files into the case: same bytes.
		const st = state(env.sandbox);
		const caseDocs = [...st.files.values()].filter((f) => f.path.includes('/case/'));
		expect(caseDocs.map((f) => f.content.length).sort()).toEqual([a.length, b.length].sort());
	});

	test('base64 documents over 3.5 MB are decoded and uploaded too; URL documents are never counted or uploaded', async () => {
		const big = pdfOfSize(3_600_000);
		const n = create({
			title: 'Base64',
			documents: {
				document: [
					{ source: 'base64', base64: big.toString('base64'), name: 'Stor.pdf', documentMustBeRead: true },
					{ source: 'url', url: 'https://files.example.com/Bilag.pdf' },
				],
			},
			recipients: { recipient: [recipient()] },
		});
		const r = await env.engine.run(single(n));
		expect(r.error()).toBeUndefined();
		const uploads = env.sandbox.requestsFor('nextsign-files');
		expect(uploads).toHaveLength(1);
		expect(uploads[0].parts?.[0]).toEqual({ name: 'file', filename: 'Stor.pdf', contentType: 'application/pdf', size: 3_600_000, value: undefined });
		const url = (r.output('Node')[0].json.uploadedDocuments as IDataObject[])[0].url;
		expect((env.sandbox.requestsFor('nextsign')[0].body as IDataObject).documents).toEqual([
			{ name: 'Stor.pdf', file: url, signObligated: true, documentMustBeRead: true },
			{ name: 'Bilag.pdf', file: 'https://files.example.com/Bilag.pdf', signObligated: true, documentMustBeRead: false },
		]);
	});

	test('the emulator refuses more than 3.5 MB inline, as the document says (the node never sends that)', async () => {
		const big = pdfOfSize(3_500_001).toString('base64');
		const res = await fetch(`${env.sandbox.url('nextsign')}/api/v2/${COMPANY}/case/create`, {
			method: 'POST',
			headers: { authorization: 'Bearer ns_test_key', 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'x', settings: {}, recipients: [recipient()], documents: [{ name: 'x.pdf', file: big, fileIsBlob: true }] }),
		});
		expect(res.status).toBe(413);
	});

	test('a case-create answer that echoes the CPR in an error never shows it; a 5xx is not retried', async () => {
		env.sandbox.addFault({
			prefix: 'nextsign',
			path: '/case/create',
			status: 400,
			body: { errors: [{ message: `Invalid cpr ${CPR} for Mia`, description: `cpr=${CPR}` }], notices: [] },
		});
		const n = create({ title: 'T', documents: { document: [binaryDoc()] }, recipients: { recipient: [recipient({ needsCpr: true, cpr: CPR })] } });
		const logged: string[] = [];
		const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
			jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
		);
		const r = await env.engine.run(single(n), [fileItem(makePdf('x'))]);
		spies.forEach((s) => s.mockRestore());
		expect(logged.join('\n')).not.toContain(CPR);
		const error = r.error()!;
		expect(error.message).toBe('NextSign rejected the request (400): Invalid cpr *** for Mia: cpr=***');
		expect(error.description).toBe('Check the fields named in the message and run the node again.');
		expect(JSON.stringify({ m: error.message, d: error.description, c: (error as { context?: unknown }).context })).not.toContain(CPR);

		env.sandbox.reset();
		env.sandbox.addFault({ prefix: 'nextsign', path: '/case/create', status: 502 });
		const r2 = await env.engine.run(single(n), [fileItem(makePdf('x'))]);
		expect(env.sandbox.requestsFor('nextsign')).toHaveLength(1);
		expect(r2.error()!.message).toBe(`NextSign answered 502 to POST /nextsign/api/v2/${COMPANY}/case/create`);
		expect(r2.error()!.description).toBe(
			'The request may still have been applied, so it was not sent again (that could create a duplicate). Use Case → Get Many and look for "T" before creating it again (NextSign has no duplicate protection).',
		);
	});

	test('a connection cut while NextSign answers a create: not sent again, no CPR anywhere in the error', async () => {
		env.sandbox.addFault({ prefix: 'nextsign', path: '/case/create', cut: true });
		const n = create({ title: 'Cut', documents: { document: [binaryDoc()] }, recipients: { recipient: [recipient({ needsCpr: true, cpr: CPR })] } });
		const r = await env.engine.run(single(n), [fileItem(makePdf('x'))]);
		const error = r.error()!;
		expect(env.sandbox.requestsFor('nextsign')).toHaveLength(1);
		expect(error.message).toMatch(/^NextSign could not be reached \(\w+\) for POST /);
		expect(error.description).toContain('so it was not sent again');
		// Everything in the error except `node` (n8n attaches the node with its parameters, where the user typed it).
		const { node: _node, ...rest } = JSON.parse(JSON.stringify(r.run.data.resultData.error)) as IDataObject;
		expect(JSON.stringify(rest)).not.toContain(CPR);
		expect(rest.errorResponse).toEqual({ body: null });
	});

	test('a 429 on create is waited out (Retry-After) and sent again: exactly one case', async () => {
		env.sandbox.addFault({ prefix: 'nextsign', path: '/case/create', status: 429, retryAfter: '1', body: { errors: [{ code: 429, message: 'Too many requests' }] } });
		const n = create({ title: 'Once', documents: { document: [binaryDoc()] }, recipients: { recipient: [recipient()] } });
		const r = await env.engine.run(single(n), [fileItem(makePdf('x'))]);
		expect(r.error()).toBeUndefined();
		expect(env.sandbox.requestsFor('nextsign').map((q) => q.status)).toEqual([429, 200]);
		expect([...state(env.sandbox).cases.values()].filter((c) => c.title === 'Once')).toHaveLength(1);
	});

	test('create failing after the uploads: with Continue On Fail the error item names the uploaded files', async () => {
		const { item } = twoFiles(1_750_000, 1_750_001);
		env.sandbox.addFault({ prefix: 'nextsign', path: '/case/create', status: 400, body: { errors: [{ message: 'Missing settings' }], notices: [] } });
		const n = { ...create({ title: 'Big', documents: twoDocs, recipients: { recipient: [recipient()] } }), continueOnFail: true };
		const r = await env.engine.run(single(n), [item]);
		const out = r.output('Node');
		expect(out).toHaveLength(1);
		expect(out[0].json.error).toBe('NextSign rejected the request (400): Missing settings');
		expect((out[0].json.uploadedDocuments as IDataObject[]).map((u) => u.name)).toEqual(['a.pdf', 'b.pdf']);
		expect(env.sandbox.requestsFor('nextsign-files')).toHaveLength(2);
	});

	test('a wrong API key: the provider’s 401 with how to fix it', async () => {
		env.engine.credentialsHelper.store.nextSignApi = { ...env.engine.credentialsHelper.store.nextSignApi, apiKey: 'wrong' };
		const n = create({ title: 'T', documents: { document: [binaryDoc()] }, recipients: { recipient: [recipient()] } });
		const r = await env.engine.run(single(n), [fileItem(makePdf('x'))]);
		expect(r.error()!.message).toBe('NextSign rejected the request (401): Unauthorized: Invalid API key');
		expect(r.error()!.description).toContain('NextSign did not accept the API key');
		expect(JSON.stringify(r.error())).not.toContain('wrong');
	});

	test('Auto Send is always sent: on by default (as in the docs’ example), off when chosen, and a saved workflow’s old setting is kept', async () => {
		const base = { title: 'T', documents: { document: [{ source: 'url', url: 'https://files.example.com/a.pdf' }] }, recipients: { recipient: [recipient()] } };
		const sent = async (p: IDataObject) => {
			env.sandbox.reset();
			const r = await env.engine.run(single(create({ ...base, ...p })));
			expect(r.error()).toBeUndefined();
			return [(env.sandbox.requestsFor('nextsign')[0].body as IDataObject).autoSend, r.output('Node')[0].json.autoSend];
		};
		expect(await sent({})).toEqual([true, true]);
		expect(await sent({ autoSend: false })).toEqual([false, false]);
		// Workflows saved with version 1 keep it under Additional Fields: their choice is kept, and unset is true.
		const v1 = async (additionalFields: IDataObject) => {
			env.sandbox.reset();
			const r = await env.engine.run(single(ns({ resource: 'case', operation: 'create', ...base, additionalFields }, 'Node', 1)));
			expect(r.error()).toBeUndefined();
			return (env.sandbox.requestsFor('nextsign')[0].body as IDataObject).autoSend;
		};
		expect(await v1({ autoSend: false })).toBe(false);
		expect(await v1({})).toBe(true);
	});

	test('an application error inside HTTP 200 (the versioning page’s warning) fails the item clearly; a "server error" there is not re-sent', async () => {
		const n = create({ title: 'T', documents: { document: [binaryDoc()] }, recipients: { recipient: [recipient()] } });
		env.sandbox.addFault({ prefix: 'nextsign', path: '/case/create', status: 200, body: { errors: [{ message: 'Missing recipients' }], notices: [] } });
		const r = await env.engine.run(single(n), [fileItem(makePdf('x'))]);
		expect(r.error()!.message).toBe('NextSign rejected the request (400): Missing recipients');
		expect(r.error()!.description).toBe('Check the fields named in the message and run the node again. (NextSign answered HTTP 200 with this error in its body.)');
		expect(r.output('Node')).toEqual([]);
		expect(env.sandbox.requestsFor('nextsign')).toHaveLength(1);

		env.sandbox.reset();
		env.sandbox.addFault({ prefix: 'nextsign', path: '/case/create', status: 200, body: { errors: [{ message: 'Server error', error: 'Internal error details' }] } });
		const r2 = await env.engine.run(single(n), [fileItem(makePdf('x'))]);
		expect(env.sandbox.requestsFor('nextsign')).toHaveLength(1);
		expect(r2.error()!.message).toBe(`NextSign answered 500 to POST /nextsign/api/v2/${COMPANY}/case/create: Server error`);
		expect(r2.error()!.description).toMatch(/^The request may still have been applied, so it was not sent again/);

		// A 200 without the documented `data`: not taken for a created case.
		env.sandbox.reset();
		env.sandbox.addFault({ prefix: 'nextsign', path: '/case/create', status: 200, body: { notices: [] } });
		const r3 = await env.engine.run(single(n), [fileItem(makePdf('x'))]);
		expect(r3.error()!.message).toBe(`NextSign answered 502 to POST /nextsign/api/v2/${COMPANY}/case/create: NextSign answered without "data"`);
	});

	test('a CPR typed as DDMMYY-XXXX is sent as ten digits, and neither written form appears in errors or output', async () => {
		const dashed = '010190-1234';
		const n = create({ title: 'T', documents: { document: [binaryDoc()] }, recipients: { recipient: [recipient({ needsCpr: true, cpr: dashed })] } });
		env.sandbox.addFault({ prefix: 'nextsign', path: '/case/create', status: 400, body: { errors: [{ message: `CPR ${dashed} (${CPR}) does not match`, description: `010190 1234` }] } });
		const r = await env.engine.run(single(n), [fileItem(makePdf('x'))]);
		expect(r.error()!.message).toBe('NextSign rejected the request (400): CPR *** (***) does not match: ***');
		expect((env.sandbox.requestsFor('nextsign')[0].body as { recipients: IDataObject[] }).recipients[0].cpr).toBe(CPR);

		env.sandbox.reset();
		const ok = await env.engine.run(single(create({ title: `Aftale ${dashed}`, documents: { document: [binaryDoc()] }, recipients: { recipient: [recipient({ needsCpr: true, cpr: dashed })] } })), [fileItem(makePdf('x'))]);
		expect(ok.error()).toBeUndefined();
		const text = JSON.stringify(ok.output('Node'));
		expect(text).not.toContain(dashed);
		expect(text).not.toContain(CPR);
		expect(ok.output('Node')[0].json.title).toBe('Aftale ***');
	});

	test('a 1 MB title or message is refused before sending, naming our limit (NextSign documents none)', async () => {
		const huge = 'x'.repeat(1_000_000);
		const base = { documents: { document: [binaryDoc()] }, recipients: { recipient: [recipient()] } };
		const title = await env.engine.run(single(create({ ...base, title: huge })), [fileItem(makePdf('x'))]);
		expect(title.error()!.message).toBe('Invalid "Title" must be at most 1,000 characters (a limit of this node; NextSign documents none) [item 0]');
		const message = await env.engine.run(single(create({ ...base, title: 'T', additionalFields: { message: huge } })), [fileItem(makePdf('x'))]);
		expect(message.error()!.message).toBe('Invalid "Custom Message" must be at most 10,000 characters (a limit of this node; NextSign documents none) [item 0]');
		const personal = await env.engine.run(single(create({ ...base, title: 'T', recipients: { recipient: [recipient({ message: huge })] } })), [fileItem(makePdf('x'))]);
		expect(personal.error()!.message).toBe('Invalid "Message" (recipient 1) must be at most 10,000 characters (a limit of this node; NextSign documents none) [item 0]');
		expect(env.sandbox.requests).toHaveLength(0);
		// At the limit it is sent.
		const atLimit = await env.engine.run(single(create({ ...base, title: 'x'.repeat(1_000) })), [fileItem(makePdf('x'))]);
		expect(atLimit.error()).toBeUndefined();
	});

	test('many items: the rows that repeat are checked once, yet each item is still checked (the bad one is named, the good ones sent)', async () => {
		const n = {
			...create({
				title: '={{ "Contract " + $json.n }}',
				documents: { document: [{ source: 'url', url: 'https://files.example.com/a.pdf' }] },
				recipients: { recipient: [{ name: 'Mia', email: '={{ $json.email }}' }] },
			}),
			continueOnFail: true,
		};
		const items = ['a@example.com', 'a@example.com', 'not-an-email', 'a@example.com'].map((email, i) => ({ json: { n: i, email } }));
		const r = await env.engine.run(single(n), items);
		const out = r.output('Node').map((i) => i.json.error ?? i.json.title);
		expect(out).toEqual(['Contract 0', 'Contract 1', 'Invalid "Email" (recipient 1) must be a valid email address [item 2]', 'Contract 3']);
		expect(env.sandbox.requestsFor('nextsign')).toHaveLength(3);
	});

	describe('bad input: named field and item, zero requests', () => {
		const ok = { title: 'T', documents: { document: [binaryDoc()] }, recipients: { recipient: [recipient()] } };
		const cases: Array<[string, IDataObject, string]> = [
			['blank title', { title: '   ' }, 'Invalid "Title" must not be empty [item 0]'],
			['no documents', { documents: {} }, 'Invalid "Documents" needs at least 1 entry [item 0]'],
			['no recipients', { recipients: {} }, 'Invalid "Recipients" needs at least 1 entry [item 0]'],
			['bad email', { recipients: { recipient: [recipient({ email: 'mia@' })] } }, 'Invalid "Email" (recipient 1) must be a valid email address [item 0]'],
			[
				'email delivery without email',
				{ recipients: { recipient: [recipient(), { name: 'Lars' }] } },
				'Invalid "Email" (recipient 2) is required when "Delivery" is Email [item 0]',
			],
			[
				'phone delivery without phone',
				{ recipients: { recipient: [recipient({ type: 'phone' })] } },
				'Invalid "Phone" (recipient 1) is required when "Delivery" is Phone (SMS) [item 0]',
			],
			[
				'e-Boks delivery without its payload',
				{ recipients: { recipient: [recipient({ type: 'eboks' })] } },
				'Invalid "E-Boks KVHX" (recipient 1) or "E-Boks Address" is required when "Delivery" is E-Boks [item 0]',
			],
			[
				'needsCpr without CPR',
				{ recipients: { recipient: [recipient({ needsCpr: true })] } },
				'Invalid "CPR Number" (recipient 1) is required when "Needs CPR Validation" is on [item 0]',
			],
			[
				'CPR of nine digits',
				{ recipients: { recipient: [recipient({ needsCpr: true, cpr: '010190123' })] } },
				'Invalid "CPR Number" (recipient 1) must be exactly 10 digits (DDMMYYXXXX) [item 0]',
			],
			[
				'CPR with letters',
				{ recipients: { recipient: [recipient(), recipient({ needsCpr: true, cpr: '01019012AB' })] } },
				'Invalid "CPR Number" (recipient 2) must be exactly 10 digits (DDMMYYXXXX) [item 0]',
			],
			[
				'unknown recipient signing method',
				{ recipients: { recipient: [recipient({ signingSchema: 'bankid' })] } },
				'Invalid "Signing Method" (recipient 1) must be one of: urn:grn:authn:dk:mitid:substantial, urn:grn:authn:dk:mitid:low, urn:grn:authn:dk:mitid:business, urn:grn:authn:se:bankid, draw-cpr, draw, sms-email (or empty for the case default) [item 0]',
			],
			[
				'unknown allowed signing method',
				{ signingSchemas: ['draw', 'nemid'] },
				'Invalid "Allowed Signing Methods" (allowed signing method 2) must be one of: urn:grn:authn:dk:mitid:substantial, urn:grn:authn:dk:mitid:low, urn:grn:authn:dk:mitid:business, urn:grn:authn:se:bankid, draw-cpr, draw, sms-email [item 0]',
			],
			['bad redirect URL', { recipients: { recipient: [recipient({ redirectUrl: 'example.com' })] } }, 'Invalid "Redirect URL" (recipient 1) must be a valid URL (https://…) [item 0]'],
			['bad sender email', { additionalFields: { user_email: 'info' } }, 'Invalid "Sender Email" must be a valid email address [item 0]'],
			['URL document without URL', { documents: { document: [{ source: 'url' }] } }, 'Invalid "File URL" (document 1) is required when "Source" is URL [item 0]'],
			[
				'base64 document without name',
				{ documents: { document: [{ source: 'base64', base64: 'JVBERi0xLjQK' }] } },
				'Invalid "File Name" (document 1) is required when "Source" is Base64 [item 0]',
			],
			[
				'base64 document that is not base64',
				{ documents: { document: [{ source: 'base64', base64: 'not base64!', name: 'x.pdf' }] } },
				'Invalid "Base64 Content" (document 1) is not valid base64 text [item 0]',
			],
		];
		test.each(cases)('%s', async (_label, override, message) => {
			const r = await env.engine.run(single(create({ ...ok, ...override })), [fileItem(makePdf('x'))]);
			const error = r.error();
			expect(error?.message).toBe(message);
			expect(env.sandbox.requests).toHaveLength(0);
			expect(`${error?.message} ${error?.description}`).not.toMatch(/\d{9,}/);
		});
	});
});
