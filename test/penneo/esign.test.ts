/**
 * Penneo's E-Signature adapter through n8n's engine (test/esign-harness.ts) against the Penneo sandbox: the exact
 * requests each neutral operation makes, the normalised output, and the neutral trigger's events (each once, nothing
 * from before the activation).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { penneoAdapter } from '../../nodes/Penneo/esign';
import type { SendInput } from '../../nodes/shared/esign';
import { makePdf } from '../../sandbox/server';
import { adapterHarness } from '../esign-harness';
import { binaryContent } from '../helpers';
import { appRequests, seedCaseFile, state, tokenRequests, usePenneo } from './env';

const env = usePenneo();
let h: ReturnType<typeof adapterHarness>;
beforeAll(() => {
	h = adapterHarness(env.engine, penneoAdapter);
});

const CPR = '0101901234';

function pdfItem(files: Record<string, string>): INodeExecutionData {
	const binary: INodeExecutionData['binary'] = {};
	for (const [property, fileName] of Object.entries(files)) {
		const content = makePdf(fileName);
		binary[property] = { data: content.toString('base64'), mimeType: 'application/pdf', fileName, fileExtension: 'pdf', fileSize: String(content.length) };
	}
	return { json: {}, binary };
}

function caseFileJson(request: { parts?: Array<{ name: string; value?: string }> }) {
	return JSON.parse(request.parts!.find((p) => p.name === 'data')!.value!).caseFile;
}

async function run(call: Parameters<typeof h.action>[0], input?: INodeExecutionData[]) {
	return await env.engine.run(h.action(call), input);
}

describe('capabilities: true to Penneo’s documents', () => {
	test('what Penneo can honour, and only the events its trigger fires dependably', () => {
		expect(penneoAdapter).toMatchObject({ provider: 'penneo', displayName: 'Penneo', credentialType: 'penneoApi' });
		expect(penneoAdapter.capabilities).toEqual({
			sequentialOrder: true,
			parallelOrder: true,
			nationalId: true,
			phone: true,
			dueDate: true,
			message: true,
			multipleDocuments: true,
			cancel: 'delete',
			auditTrail: false,
			events: { completed: true, declined: true, expired: true, 'signer.signed': false },
		});
		expect(penneoAdapter.sendOptions.map((o) => o.name)).toEqual(['accessControl', 'emailSubject', 'folderId', 'language', 'ssnType', 'reference', 'senderName', 'sensitiveData', 'timeout']);
	});
});

describe('send', () => {
	test('sequential, two documents, national ID and phone, message, due date and Penneo options: one case file, then its creation job', async () => {
		const input: SendInput = {
			binaryPropertyNames: ['contract', 'annex'],
			title: 'Employment Agreement',
			message: 'Please sign your employment agreement.',
			signers: [
				{ name: 'Ann Berg', email: 'ann@example.com', nationalId: CPR },
				{ name: 'Bo Dahl', email: 'bo@example.com', phone: '+4512345678' },
			],
			signingOrder: 'sequential',
			dueDate: '2030-01-31T12:00:00Z',
			providerOptions: { reference: 'HR-7', emailSubject: 'Your agreement', language: 'da', accessControl: true, timeout: 30 },
		};
		const result = await run({ op: 'send', input }, [pdfItem({ contract: 'contract.pdf', annex: 'annex.pdf' })]);
		expect(result.error()).toBeUndefined();
		expect(tokenRequests(env)).toHaveLength(1);
		const requests = appRequests(env);
		expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /send/api/v1/casefiles/20251022/create 201', 'POST /send/api/v1/queue/public/status 200']);
		const [create, check] = requests;
		expect(create.headers['x-auth-token']).toBeTruthy();
		expect(caseFileJson(create)).toEqual({
			title: 'Employment Agreement',
			expireAt: Date.parse('2030-01-31T12:00:00Z') / 1000,
			language: 'da',
			reference: 'HR-7',
			signers: [
				{
					name: 'Ann Berg',
					email: 'ann@example.com',
					signOrder: 0,
					ssnType: 'dk:cpr',
					accessControl: true,
					emailText: 'Please sign your employment agreement.',
					emailSubject: 'Your agreement',
					socialSecurityNumberPlain: CPR,
				},
				{
					name: 'Bo Dahl',
					email: 'bo@example.com',
					signOrder: 1,
					ssnType: 'sms',
					accessControl: true,
					emailText: 'Please sign your employment agreement.',
					emailSubject: 'Your agreement',
					socialSecurityNumberPlain: '+4512345678',
				},
			],
			documents: [
				{ title: 'contract', name: 'contract.pdf', signable: true },
				{ title: 'annex', name: 'annex.pdf', signable: true },
			],
		});
		expect(create.parts!.filter((p) => p.name === 'files').map((p) => (p as { filename?: string }).filename)).toEqual(['contract.pdf', 'annex.pdf']);
		expect(check.headers['x-auth-token']).toBeUndefined();
		expect(check.headers.authorization).toBeUndefined();

		const envelope = result.output('Adapter')[0].json as Record<string, any>;
		const cf = [...state(env).caseFiles.values()][0];
		expect(envelope).toEqual({
			provider: 'penneo',
			envelopeId: String(cf.id),
			status: 'sent',
			signers: [
				{ name: 'Ann Berg', email: 'ann@example.com', status: 'pending', signingUrl: cf.signers[0].link },
				{ name: 'Bo Dahl', email: 'bo@example.com', status: 'pending', signingUrl: cf.signers[1].link },
			],
			providerResponse: expect.objectContaining({ caseFileId: cf.id, jobStatus: 'completed' }),
		});
		expect(JSON.stringify(envelope)).not.toContain(CPR);
	});

	test('parallel: no sign order (every signer at once, Penneo’s default), only Penneo’s required fields', async () => {
		const input: SendInput = {
			binaryPropertyNames: ['data'],
			title: 'NDA',
			signers: [
				{ name: 'Ann Berg', email: 'ann@example.com' },
				{ name: 'Bo Dahl', email: 'bo@example.com' },
			],
			signingOrder: 'parallel',
			providerOptions: {},
		};
		const result = await run({ op: 'send', input }, [pdfItem({ data: 'nda.pdf' })]);
		expect(result.error()).toBeUndefined();
		expect(caseFileJson(appRequests(env)[0])).toEqual({
			title: 'NDA',
			signers: [
				{ name: 'Ann Berg', email: 'ann@example.com' },
				{ name: 'Bo Dahl', email: 'bo@example.com' },
			],
			documents: [{ title: 'nda', name: 'nda.pdf', signable: true }],
		});
	});

	test('bad input is refused before any request: both a phone and a national ID, an invalid email, a missing file', async () => {
		const base: SendInput = { binaryPropertyNames: ['data'], title: 'NDA', signers: [{ name: 'Ann Berg', email: 'ann@example.com' }], providerOptions: {} };
		const cases: Array<[SendInput, string]> = [
			[{ ...base, signers: [{ name: 'Ann Berg', email: 'ann@example.com', phone: '+4512345678', nationalId: CPR }] }, 'Signer 1 has both a phone and a national ID: Penneo takes one of them'],
			[{ ...base, signers: [{ name: 'Ann Berg', email: 'ann@' }] }, 'Invalid "Email" (signer 1) must be a valid email address [item 0]'],
			[{ ...base, binaryPropertyNames: ['missing'] }, 'Invalid "Input Binary Field" (document 1) has no file: the input item has no binary field "missing" [item 0]'],
			[{ ...base, message: 'Hi' }, 'Invalid "Email Text" (signer 1) must be at least 5 characters [item 0]'],
		];
		for (const [input, message] of cases) {
			const result = await run({ op: 'send', input }, [pdfItem({ data: 'nda.pdf' })]);
			expect(result.error()?.message).toBe(message);
			const error = result.error() as Error & { description?: string };
			expect(`${error.message} ${error.description}`).not.toContain(CPR);
		}
		expect(appRequests(env)).toHaveLength(0);
		expect(tokenRequests(env)).toHaveLength(0);
	});
});

describe('getStatus', () => {
	const statusOf = async (id: number) => {
		env.sandbox.requests.length = 0;
		const result = await run({ op: 'getStatus', envelopeId: String(id) });
		expect(result.error()).toBeUndefined();
		expect(appRequests(env).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/v1/casefiles/${id}`]);
		return result.output('Adapter')[0].json as Record<string, any>;
	};
	const two = [
		{ name: 'Ann Berg', email: 'ann@example.com' },
		{ name: 'Bo Dahl', email: 'bo@example.com' },
	];

	test('the case file’s status and each signer’s, in the neutral vocabulary; never a national ID', async () => {
		const cf = seedCaseFile(env, { title: 'Lease', signers: [{ ...two[0], socialSecurityNumberPlain: CPR }, two[1]] });
		const sent = await statusOf(cf.id);
		expect(sent).toEqual({
			provider: 'penneo',
			envelopeId: String(cf.id),
			status: 'sent',
			signers: [
				{ name: 'Ann Berg', email: 'ann@example.com', status: 'pending' },
				{ name: 'Bo Dahl', email: 'bo@example.com', status: 'pending' },
			],
			providerResponse: expect.objectContaining({ id: cf.id, status: 1, statusName: 'pending' }),
		});
		expect(JSON.stringify(sent)).not.toContain(CPR);

		// Postman's reading: code 3 is "signed", the SDKs' "deleted" — the adapter does not guess.
		state(env).sign(cf.id);
		expect((await statusOf(cf.id)).signers.map((s: IDataObject) => s.status)).toEqual(['unknown', 'pending']);
		state(env).sign(cf.id);
		const done = await statusOf(cf.id);
		expect([done.status, done.signers.map((s: IDataObject) => s.status)]).toEqual(['completed', ['signed', 'signed']]);
	});

	test('a signature both readings agree on makes the envelope in progress (the SDKs’ code 4 in a pending case file)', async () => {
		state(env).signingScheme = 'sdk';
		const cf = seedCaseFile(env, { signers: two });
		state(env).sign(cf.id);
		const status = await statusOf(cf.id);
		expect([status.status, status.signers.map((s: IDataObject) => s.status)]).toEqual(['in_progress', ['signed', 'pending']]);
	});

	test('rejected → declined, expired → expired, deleted → voided', async () => {
		const rejected = seedCaseFile(env);
		state(env).reject(rejected.id);
		const expired = seedCaseFile(env);
		state(env).expire(expired.id);
		const deleted = seedCaseFile(env);
		await run({ op: 'cancel', envelopeId: String(deleted.id) });
		expect([(await statusOf(rejected.id)).status, (await statusOf(expired.id)).status, (await statusOf(deleted.id)).status]).toEqual(['declined', 'expired', 'voided']);
	});

	test('an envelope ID that is not a case file ID is refused before any request', async () => {
		const result = await run({ op: 'getStatus', envelopeId: 'abc' });
		expect(result.error()?.message).toBe('Invalid "Envelope ID" must be a number (the case file ID shown in Penneo) [item 0]');
		expect(appRequests(env)).toHaveLength(0);
	});
});

describe('download and cancel', () => {
	test('signed documents: one item per file in the binary field asked for', async () => {
		const cf = seedCaseFile(env, {
			documents: [
				{ title: 'Lease', name: 'lease.pdf', content: makePdf('lease') },
				{ title: 'Annex', name: 'annex.pdf', content: makePdf('annex') },
			],
		});
		state(env).sign(cf.id);
		env.sandbox.requests.length = 0;
		const result = await run({ op: 'download', envelopeId: String(cf.id), binaryPropertyName: 'signed' });
		expect(result.error()).toBeUndefined();
		expect(appRequests(env).map((r) => `${r.method} ${r.path} ${String(r.headers.accept)}`)).toEqual([
			`GET /api/v1/casefiles/${cf.id} application/json`,
			expect.stringMatching(/^GET \/api\/v3\/documents\/\d+\/content application\/pdf$/),
			expect.stringMatching(/^GET \/api\/v3\/documents\/\d+\/content application\/pdf$/),
		]);
		const items = result.output('Adapter');
		expect(items.map((i) => [i.json.documentTitle, i.binary?.signed?.fileName, i.pairedItem])).toEqual([
			['Lease', 'Lease.pdf', { item: 0 }],
			['Annex', 'Annex.pdf', { item: 0 }],
		]);
		for (const item of items) expect(binaryContent(item, 'signed').subarray(0, 5).toString()).toBe('%PDF-');
	});

	test('before everyone signed, and for an audit trail, the error says why (no file is returned)', async () => {
		const cf = seedCaseFile(env);
		const pending = await run({ op: 'download', envelopeId: String(cf.id) });
		expect(pending.error()?.message).toBe(`Case file ${cf.id} is pending, not signed yet`);
		env.sandbox.requests.length = 0;
		const audit = await run({ op: 'download', envelopeId: String(cf.id), what: 'auditTrail' });
		expect(audit.error()?.message).toBe('Penneo has no audit trail document to download through its API');
		expect(appRequests(env)).toHaveLength(0);
	});

	test('cancel deletes the case file (Penneo takes no reason)', async () => {
		const cf = seedCaseFile(env);
		const result = await run({ op: 'cancel', envelopeId: String(cf.id), reason: 'Sent by mistake' });
		expect(result.output('Adapter')[0].json).toEqual({ provider: 'penneo', envelopeId: String(cf.id), cancelled: true, how: 'deleted' });
		expect(appRequests(env).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`DELETE /api/v1/casefiles/${cf.id} 200`]);
		expect(JSON.stringify(appRequests(env)[0].body ?? '')).not.toContain('Sent by mistake');
	});
});

describe('poll (the Penneo Trigger’s logic, the neutral trigger’s own memory)', () => {
	test('nothing from before the activation; completed, declined and expired each fire once', async () => {
		const before = seedCaseFile(env, { title: 'Before' });
		state(env).sign(before.id);
		const a = seedCaseFile(env, { title: 'A' });
		const b = seedCaseFile(env, { title: 'B' });
		const c = seedCaseFile(env, { title: 'C' });
		const t = h.trigger(['completed', 'declined', 'expired']);
		expect((await t.poll()).items).toBeNull();
		state(env).sign(a.id);
		state(env).reject(b.id);
		state(env).expire(c.id);
		const fired = await t.poll();
		expect(fired.error).toBeUndefined();
		const events = (fired.items ?? []).map((i) => i.json as Record<string, any>);
		expect(events.map((e) => [e.provider, e.event, e.envelopeId]).sort()).toEqual(
			[
				['penneo', 'completed', String(a.id)],
				['penneo', 'declined', String(b.id)],
				['penneo', 'expired', String(c.id)],
			].sort(),
		);
		expect(events.find((e) => e.event === 'completed')?.providerEvent).toMatchObject({ event: 'caseFile.completed', caseFileId: a.id, title: 'A', status: 'completed' });
		expect((await t.poll()).items).toBeNull();
	});

	test('only the chosen events fire; the state is the neutral trigger’s own', async () => {
		const a = seedCaseFile(env, { title: 'A' });
		const b = seedCaseFile(env, { title: 'B' });
		const t = h.trigger(['declined']);
		await t.poll();
		state(env).sign(a.id);
		state(env).reject(b.id);
		expect((await t.poll()).items?.map((i) => [i.json.event, i.json.envelopeId])).toEqual([['declined', String(b.id)]]);
		expect(Object.keys(t.savedStaticData)).toEqual(['node:AdapterTrigger']);
	});

	test('a signer signed event carries the neutral signer (when asked for, although not a dependable capability)', async () => {
		state(env).signingScheme = 'sdk';
		const cf = seedCaseFile(env, { signers: [{ name: 'Ann Berg', email: 'ann@example.com' }, { name: 'Bo Dahl', email: 'bo@example.com' }] });
		const t = h.trigger(['signer.signed']);
		await t.poll();
		state(env).sign(cf.id);
		const [event] = ((await t.poll()).items ?? []).map((i) => i.json);
		expect(event).toMatchObject({ provider: 'penneo', envelopeId: String(cf.id), event: 'signer.signed', signer: { name: 'Ann Berg', email: 'ann@example.com', status: 'signed' } });
	});
});
