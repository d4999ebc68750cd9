/**
 * EasyInk behind the E-Signature node (issue 16): `easyInkAdapter` run through n8n's engine by the adapter harness,
 * against the independent sandbox — the exact requests of each operation (the EasyInk node's own), the normalised
 * output, and the trigger's events (each once, nothing from before activation).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { easyInkAdapter } from '../../nodes/EasyInk/esign';
import type { SendInput } from '../../nodes/shared/esign';
import { makePdf } from '../../sandbox/server';
import type { AdapterCall } from '../esign-harness';
import { adapterHarness } from '../esign-harness';
import { binaryContent, fileItem } from '../helpers';
import { API, UUID, control, seedSession, useEasyInkEnv } from './env';

const env = useEasyInkEnv();
let harness: ReturnType<typeof adapterHarness>;
beforeAll(() => {
	harness = adapterHarness(env.engine, easyInkAdapter, 'easyink-cred');
});
beforeEach(() => {
	env.state.settings.documentProcessingMs = 0;
});

const api = () => env.sandbox.requestsFor(API);
const line = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

async function call(c: AdapterCall, input: INodeExecutionData[] = [{ json: {} }]) {
	env.sandbox.requests.length = 0;
	const result = await env.engine.run(harness.action(c), input);
	return { out: result.output('Adapter'), json: result.output('Adapter')[0]?.json as Record<string, any>, error: result.error(), reqs: api() };
}

const input = (over: Partial<SendInput> = {}): SendInput => ({
	binaryPropertyNames: ['data'],
	title: 'Employment Agreement',
	signers: [
		{ name: 'Ann Marie Lee', email: 'ann@example.com' },
		{ name: 'Bob Ray', email: 'bob@example.com', phone: '+1 (202) 555-1234' },
	],
	providerOptions: {},
	...over,
});

const two = [
	{ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' },
	{ firstName: 'Bob', lastName: 'Ray', email: 'bob@example.com' },
];

test('capabilities say what EasyInk can honour; provider options are its own', () => {
	expect(easyInkAdapter).toMatchObject({ provider: 'easyink', displayName: 'EasyInk', credentialType: 'easyInkOAuth2Api' });
	expect(easyInkAdapter.capabilities).toEqual({
		sequentialOrder: true,
		parallelOrder: true,
		nationalId: false,
		phone: true,
		dueDate: false,
		message: false,
		multipleDocuments: true,
		cancel: 'void',
		auditTrail: false,
		events: { 'signer.signed': true, completed: true, declined: true, expired: true },
	});
	expect(easyInkAdapter.sendOptions.map((o) => o.name)).toEqual(['language', 'reminderFrequency', 'processingTimeoutSeconds']);
	expect(easyInkAdapter.triggerOptions).toBeUndefined();
});

describe('send', () => {
	test('Create and Send: the draft, every document, every signer (first and last name, SMS where a phone is given), a signature each, the order, then start; the session in neutral terms', async () => {
		const item = fileItem(makePdf('contract'), 'Contract.pdf');
		item.binary!.appendix = fileItem(makePdf('appendix'), 'Appendix.pdf').binary!.data;
		const r = await call({ op: 'send', input: input({ binaryPropertyNames: ['data', 'appendix'], signingOrder: 'sequential', providerOptions: { reminderFrequency: 'Weekly', language: 'Spanish' } }) }, [item]);
		expect(r.error).toBeUndefined();
		const id = r.json.envelopeId;
		expect(id).toMatch(UUID);
		const D = `/api/signingSessionDrafts/${id}`;
		expect(r.reqs.map(line)).toEqual([
			'POST /api/signingSessionDrafts',
			`POST ${D}/documents`,
			`POST ${D}/documents`,
			`POST ${D}/participants`,
			`POST ${D}/participants`,
			`GET ${D}`,
			`POST ${D}/signatureFields`,
			`POST ${D}/signatureFields`,
			`POST ${D}/signatureFields`,
			`POST ${D}/signatureFields`,
			`PUT ${D}/signingOrder/oneByOne`,
			`PUT ${D}`,
			`POST ${D}/converted`,
			`POST /api/signingSessions/${id}/started`,
			`GET /api/signingSessions/${id}`,
		]);
		expect(r.reqs[0].body).toEqual({ subject: 'Employment Agreement' });
		expect(r.reqs[1].parts![0]).toMatchObject({ name: 'fileContent', filename: 'Contract.pdf', contentType: 'application/pdf' });
		expect(r.reqs[2].parts![0]).toMatchObject({ name: 'fileContent', filename: 'Appendix.pdf' });
		expect(r.reqs[3].body).toEqual({ firstName: 'Ann Marie', middleName: null, lastName: 'Lee', email: 'ann@example.com', phone: null, deliveryMethods: ['Email'], language: 'Spanish' });
		expect(r.reqs[4].body).toEqual({ firstName: 'Bob', middleName: null, lastName: 'Ray', email: 'bob@example.com', phone: '2025551234', deliveryMethods: ['Email', 'Sms'], language: 'Spanish' });
		expect(r.reqs[11].body).toEqual({ subject: 'Employment Agreement', reminderFrequency: 'Weekly' });
		expect(r.json).toEqual({
			provider: 'easyink',
			envelopeId: id,
			status: 'sent',
			// One after another: Bob is not invited yet — a status EasyInk does not document, so "unknown".
			signers: [
				{ name: 'Ann Marie Lee', email: 'ann@example.com', status: 'pending' },
				{ name: 'Bob Ray', email: 'bob@example.com', status: 'unknown' },
			],
			providerResponse: expect.objectContaining({ signingSessionId: id, status: 'Pending', subject: 'Employment Agreement' }),
		});
	});

	test('parallel by default (no order request); one document', async () => {
		const r = await call({ op: 'send', input: input({ signers: [{ name: 'Cy Sol', email: 'cy@example.com' }] }) }, [fileItem(makePdf('x'))]);
		expect(r.error).toBeUndefined();
		expect(r.reqs.map((x) => x.path).filter((p) => p.includes('signingOrder'))).toEqual([]);
		expect(r.json.signers).toEqual([{ name: 'Cy Sol', email: 'cy@example.com', status: 'pending' }]);
	});

	const refused: Array<[string, Partial<SendInput>, string]> = [
		['a one-word name', { signers: [{ name: 'Madonna', email: 'm@example.com' }] }, 'Invalid "Name" (signer 1) needs a first and a last name (e.g. "Ann Lee"): EasyInk asks for both [item 0]'],
		['a phone EasyInk cannot take', { signers: [{ name: 'Ann Lee', email: 'ann@example.com' }, { name: 'Bob Ray', email: 'bob@example.com', phone: '+45 12 34 56 78' }] }, 'Invalid "Phone" (signer 2) must be 10 digits for EasyInk (e.g. 2025551234; +1 numbers are taken too) [item 0]'],
		['a bad email', { signers: [{ name: 'Ann Lee', email: 'ann.example.com' }] }, 'Invalid "Email" (signer 1) must be a valid email address [item 0]'],
		['a message', { message: 'Please sign' }, 'Invalid "Message" is not supported by EasyInk (a session has a subject only) [item 0]'],
		['a due date', { dueDate: '2030-01-01T00:00:00Z' }, 'Invalid "Due Date" is not supported by EasyInk (a session has no due date to set) [item 0]'],
		['a title over 500 characters', { title: 't'.repeat(501) }, 'Invalid "Title" must be at most 500 characters [item 0]'],
		['no signer', { signers: [] }, 'Invalid "Signers" needs at least 1 entry [item 0]'],
	];
	test.each(refused)('refused before any request: %s', async (_name, over, message) => {
		const r = await call({ op: 'send', input: input(over) }, [fileItem(makePdf('x'))]);
		expect(r.error?.message).toBe(message);
		expect(r.reqs).toHaveLength(0);
	});

	test('a national id is refused without being shown', async () => {
		const r = await call({ op: 'send', input: input({ signers: [{ name: 'Ann Lee', email: 'ann@example.com', nationalId: '0101701234' }] }) }, [fileItem(makePdf('x'))]);
		expect(r.error?.message).toBe('Invalid "National ID" (signer 1) is not supported by EasyInk (no national ID in its participants) [item 0]');
		expect(`${r.error?.message} ${(r.error as { description?: string }).description}`).not.toContain('0101701234');
		expect(r.reqs).toHaveLength(0);
	});

	test('a missing binary field is named before anything is created', async () => {
		const r = await call({ op: 'send', input: input({ binaryPropertyNames: ['data', 'missing'] }) }, [fileItem(makePdf('x'))]);
		expect(r.error?.message).toBe('Invalid "Input Binary Fields": the input item has no binary field "missing" [item 0]');
		expect(r.reqs).toHaveLength(0);
	});
});

describe('getStatus', () => {
	test.each([
		['Pending', 'sent'],
		['InProgress', 'in_progress'],
		['Finished', 'completed'],
		['Declined', 'declined'],
		['Voided', 'voided'],
		['Expired', 'expired'],
		['ReadyToStart', 'draft'],
	])('EasyInk %s is %s', async (easyInkStatus, neutral) => {
		const s = await seedSession(env.sandbox, easyInkStatus, 'Lease', two);
		const r = await call({ op: 'getStatus', envelopeId: s.signingSessionId });
		expect(r.reqs.map(line)).toEqual([`GET /api/signingSessions/${s.signingSessionId}`]);
		expect(r.json).toMatchObject({ provider: 'easyink', envelopeId: s.signingSessionId, status: neutral, providerResponse: { status: easyInkStatus } });
	});

	test('signers: who signed and when, who is pending', async () => {
		const s = await seedSession(env.sandbox, 'InProgress', 'Lease', two);
		const r = await call({ op: 'getStatus', envelopeId: s.signingSessionId });
		expect(r.json.signers).toEqual([
			{ name: 'Ann Lee', email: 'ann@example.com', status: 'signed', signedAt: s.participants[0].signedAt },
			{ name: 'Bob Ray', email: 'bob@example.com', status: 'pending' },
		]);
	});

	test('a draft is read where EasyInk keeps drafts; an unknown id is EasyInk’s 404', async () => {
		const d = await seedSession(env.sandbox, 'Draft', 'Draft lease', two);
		const r = await call({ op: 'getStatus', envelopeId: d.signingSessionId });
		expect(r.reqs.map((x) => `${line(x)} ${x.status}`)).toEqual([`GET /api/signingSessions/${d.signingSessionId} 404`, `GET /api/signingSessionDrafts/${d.signingSessionId} 200`]);
		expect(r.json).toMatchObject({
			status: 'draft',
			signers: [
				{ name: 'Ann Lee', email: 'ann@example.com', status: 'pending' },
				{ name: 'Bob Ray', email: 'bob@example.com', status: 'pending' },
			],
		});
		const unknown = await call({ op: 'getStatus', envelopeId: '3fa85f64-5717-4562-b3fc-2c963f66afa6' });
		expect(unknown.error?.message).toBe('EasyInk rejected the request (404): The specified signing session ID was not found. (NotFound)');
		const bad = await call({ op: 'getStatus', envelopeId: 'nope' });
		expect(bad.error?.message).toBe('Invalid "Envelope ID" must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) [item 0]');
		expect(bad.reqs).toHaveLength(0);
	});
});

describe('download and cancel', () => {
	test('signed: one item, the all-in-one PDF (every signature and the audit trail) in the named field, once EasyInk has it ready', async () => {
		const s = await seedSession(env.sandbox, 'Finished', 'Lease', two);
		const r = await call({ op: 'download', envelopeId: s.signingSessionId, binaryPropertyName: 'signed' });
		expect(r.error).toBeUndefined();
		expect(r.out).toHaveLength(1);
		// EasyInk prepares the file for a while after the last signature: the session is read until it is Ready.
		const reads = r.reqs.map(line);
		expect(reads[reads.length - 1]).toBe(`GET /api/signingSessions/${s.signingSessionId}/allInOneDocument`);
		expect(new Set(reads.slice(0, -1))).toEqual(new Set([`GET /api/signingSessions/${s.signingSessionId}`]));
		expect(binaryContent(r.out[0], 'signed').subarray(0, 5).toString()).toBe('%PDF-');
		expect(r.json).toEqual({ provider: 'easyink', envelopeId: s.signingSessionId, document: 'allInOne', fileName: expect.stringMatching(/\.pdf$/), mimeType: 'application/pdf', fileSize: expect.any(Number) });
		expect(r.out[0].pairedItem).toEqual({ item: 0 });
	});

	test('the audit trail is part of the signed document (no request); a session not finished is said at once', async () => {
		const s = await seedSession(env.sandbox, 'Pending', 'Lease', two);
		const audit = await call({ op: 'download', envelopeId: s.signingSessionId, what: 'auditTrail' });
		expect(audit.error?.message).toBe('EasyInk has no separate audit trail document');
		expect(audit.reqs).toHaveLength(0);
		const early = await call({ op: 'download', envelopeId: s.signingSessionId });
		expect(early.error?.message).toBe(`Session ${s.signingSessionId} is Pending: the all-in-one document exists once it is Finished`);
		expect(early.reqs.map(line)).toEqual([`GET /api/signingSessions/${s.signingSessionId}`]);
	});

	test('cancel voids the session (a reason is required by EasyInk: a default one when none is given)', async () => {
		const s = await seedSession(env.sandbox, 'Pending', 'Lease', two);
		const r = await call({ op: 'cancel', envelopeId: s.signingSessionId });
		expect(r.reqs.map(line)).toEqual([`POST /api/signingSessions/${s.signingSessionId}/voided`]);
		expect(r.reqs[0].body).toEqual({ reason: 'Cancelled by the sender' });
		expect(r.json).toEqual({ provider: 'easyink', envelopeId: s.signingSessionId, status: 'voided', reason: 'Cancelled by the sender' });
		expect(env.state.sessions.get(s.signingSessionId)!.status).toBe('Voided');

		const t = await seedSession(env.sandbox, 'InProgress', 'Lease 2', two);
		expect((await call({ op: 'cancel', envelopeId: t.signingSessionId, reason: 'Wrong salary' })).reqs[0].body).toEqual({ reason: 'Wrong salary' });
		const again = await call({ op: 'cancel', envelopeId: t.signingSessionId, reason: 'Twice' });
		expect(again.error?.message).toBe('EasyInk rejected the request (400): The session is already in Voided status. (ValidationError)');
		expect((again.error as { description?: string }).description).toMatch(/^A session can be voided once/);
	});
});

describe('poll', () => {
	const names = (items: Array<{ json: IDataObject }> | null | undefined) =>
		(items ?? []).map((i) => `${i.json.event}:${i.json.envelopeId}${i.json.signer ? `:${(i.json.signer as IDataObject).email}` : ''}`);

	test('nothing from before activation; then each event once, in neutral terms', async () => {
		await seedSession(env.sandbox, 'Finished', 'Old', two);
		await seedSession(env.sandbox, 'InProgress', 'Half signed before', two);
		const runner = harness.trigger(['signer.signed', 'completed', 'declined', 'expired']);
		expect((await runner.poll()).items).toBeNull();
		expect((await runner.poll()).items).toBeNull();

		const s = await seedSession(env.sandbox, 'Pending', 'New', two);
		const id = s.signingSessionId;
		await control(env.sandbox, `/sessions/${id}/sign`, { email: 'ann@example.com' });
		const first = await runner.poll();
		expect(names(first.items)).toEqual([`signer.signed:${id}:ann@example.com`]);
		const signedAt = env.state.sessions.get(id)!.participants[0].signedAt;
		expect(first.items![0].json).toEqual({
			provider: 'easyink',
			envelopeId: id,
			event: 'signer.signed',
			signer: { name: 'Ann Lee', email: 'ann@example.com', status: 'signed', signedAt },
			occurredAt: signedAt,
			providerEvent: expect.objectContaining({ event: 'participant.signed', signingSessionId: id, subject: 'New' }),
		});
		await control(env.sandbox, `/sessions/${id}/sign`, { email: 'bob@example.com' });
		const done = await runner.poll();
		expect(names(done.items).sort()).toEqual([`completed:${id}`, `signer.signed:${id}:bob@example.com`].sort());
		expect(done.items!.find((i) => i.json.event === 'completed')!.json).toEqual({
			provider: 'easyink',
			envelopeId: id,
			event: 'completed',
			providerEvent: expect.objectContaining({ event: 'session.finished', status: 'Finished' }),
		});
		expect((await runner.poll()).items).toBeNull();

		const declined = await seedSession(env.sandbox, 'Pending', 'To decline', two);
		const expired = await seedSession(env.sandbox, 'Pending', 'To expire', two);
		await control(env.sandbox, `/sessions/${declined.signingSessionId}/decline`, { email: 'ann@example.com' });
		await control(env.sandbox, `/sessions/${expired.signingSessionId}/expire`);
		expect(names((await runner.poll()).items).sort()).toEqual([`declined:${declined.signingSessionId}`, `expired:${expired.signingSessionId}`].sort());
		expect((await runner.poll()).items).toBeNull();
	});

	test('only the chosen events fire; the memory is the neutral trigger’s own (in its static data)', async () => {
		const runner = harness.trigger(['completed']);
		await runner.poll();
		const s = await seedSession(env.sandbox, 'Pending', 'Only completed', two);
		for (const email of ['ann@example.com', 'bob@example.com']) await control(env.sandbox, `/sessions/${s.signingSessionId}/sign`, { email });
		expect(names((await runner.poll()).items)).toEqual([`completed:${s.signingSessionId}`]);
		expect(Object.keys(runner.savedStaticData)).toEqual(['node:AdapterTrigger']);
		expect(runner.savedStaticData['node:AdapterTrigger']).toMatchObject({ initialized: true, easyInk: expect.objectContaining({ v: 2 }) });
	});
});
