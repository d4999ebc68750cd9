/**
 * NextSign's E-Signature adapter through n8n's engine (test/esign-harness.ts) against the NextSign sandbox: the exact
 * requests each neutral operation makes, the normalised output, and the neutral trigger's events (each once, nothing
 * from before the activation).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { nextSignAdapter } from '../../nodes/NextSign/esign';
import type { SendInput } from '../../nodes/shared/esign';
import { makePdf } from '../../sandbox/server';
import { adapterHarness } from '../esign-harness';
import { binaryContent } from '../helpers';
import { COMPANY, CPR, state, useNextSign } from './env';

const env = useNextSign();
let h: ReturnType<typeof adapterHarness>;
beforeAll(() => {
	h = adapterHarness(env.engine, nextSignAdapter);
});

const DAY = 86_400_000;

function pdfItem(files: Record<string, string>): INodeExecutionData {
	const binary: INodeExecutionData['binary'] = {};
	for (const [property, fileName] of Object.entries(files)) {
		const content = makePdf(fileName);
		binary[property] = { data: content.toString('base64'), mimeType: 'application/pdf', fileName, fileExtension: 'pdf', fileSize: String(content.length) };
	}
	return { json: {}, binary };
}

const requests = () => env.sandbox.requests.filter((r) => r.prefix.startsWith('nextsign'));
const lines = () => requests().map((r) => `${r.method} ${r.path}${Object.keys(r.query).length ? ` ${new URLSearchParams(r.query).toString()}` : ''}`);
const clear = () => (env.sandbox.requests.length = 0);

async function run(call: Parameters<typeof h.action>[0], input?: INodeExecutionData[]) {
	return await env.engine.run(h.action(call), input);
}

const two = [
	{ name: 'Mia Sørensen', email: 'mia@example.com' },
	{ name: 'Lars Hansen', email: 'lars@example.com' },
];

async function send(input: Partial<SendInput> = {}): Promise<Record<string, any>> {
	const full: SendInput = { binaryPropertyNames: ['data'], title: 'Lease', signers: two, providerOptions: {}, ...input };
	const result = await run({ op: 'send', input: full }, [pdfItem({ data: 'lease.pdf' })]);
	expect(result.error()).toBeUndefined();
	return result.output('Adapter')[0].json as Record<string, any>;
}

describe('capabilities: true to NextSign’s documents', () => {
	test('what NextSign can honour, and only the events its trigger fires dependably', () => {
		expect(nextSignAdapter).toMatchObject({ provider: 'nextsign', displayName: 'NextSign', credentialType: 'nextSignApi' });
		expect(nextSignAdapter.capabilities).toEqual({
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
		expect(nextSignAdapter.sendOptions.map((o) => o.name)).toEqual(['signingSchemas', 'delivery', 'folder', 'lang', 'referenceId', 'user_email']);
		expect(nextSignAdapter.triggerOptions?.map((o) => o.name)).toEqual(['folder']);
	});
});

describe('send', () => {
	test('sequential, two documents, CPR and phone, message, due date and NextSign options: one case create, sent right away', async () => {
		const due = new Date(Date.now() + 10 * DAY - 3_600_000).toISOString(); // 9 days 23 hours → 10 whole days
		const input: SendInput = {
			binaryPropertyNames: ['contract', 'annex'],
			title: 'Employment Agreement',
			message: 'Please sign your employment agreement.',
			signers: [
				{ name: 'Mia Sørensen', email: 'mia@example.com', nationalId: '010190-1234' },
				{ name: 'Lars Hansen', email: 'lars@example.com', phone: '+4528123456' },
			],
			signingOrder: 'sequential',
			dueDate: due,
			providerOptions: { folder: 'HR', referenceId: 'HR-7', lang: 'en', delivery: 'phone', signingSchemas: ['urn:grn:authn:dk:mitid:substantial'], user_email: 'hr@example.com' },
		};
		const result = await run({ op: 'send', input }, [pdfItem({ contract: 'contract.pdf', annex: 'annex.pdf' })]);
		expect(result.error()).toBeUndefined();
		expect(lines()).toEqual([`POST /api/v2/${COMPANY}/case/create`]);
		const [create] = requests();
		expect(create.headers.authorization).toBe('Bearer ns_test_key');
		const body = create.body as IDataObject;
		expect({ ...body, documents: undefined }).toEqual({
			title: 'Employment Agreement',
			referenceId: 'HR-7',
			folder: 'HR',
			user_email: 'hr@example.com',
			autoSend: true,
			customMessage: true,
			message: 'Please sign your employment agreement.',
			settings: { lang: 'en', availability: { unlimited: false, days: 10 } },
			signingSchemas: ['urn:grn:authn:dk:mitid:substantial'],
			recipients: [
				{ name: 'Mia Sørensen', email: 'mia@example.com', signing: true, group: 0, type: 'email', needsCpr: true, cpr: CPR },
				{ name: 'Lars Hansen', email: 'lars@example.com', signing: true, group: 1, type: 'phone', phone: '+4528123456' },
			],
			documents: undefined,
		});
		expect((body.documents as IDataObject[]).map((d) => [d.name, d.fileIsBlob, d.signObligated, d.documentMustBeRead, (d.file as string).length > 100])).toEqual([
			['contract.pdf', true, true, false, true],
			['annex.pdf', true, true, false, true],
		]);

		const envelope = result.output('Adapter')[0].json as Record<string, any>;
		const c = [...state(env.sandbox).cases.values()][0] as IDataObject;
		expect((c.recipients as IDataObject[]).map((r) => typeof r.url)).toEqual(['string', 'string']);
		expect(envelope).toEqual({
			provider: 'nextsign',
			envelopeId: String(c._id),
			status: 'sent',
			signers: [
				{ name: 'Mia Sørensen', email: 'mia@example.com', status: 'pending', signingUrl: (c.recipients as IDataObject[])[0].url },
				{ name: 'Lars Hansen', email: 'lars@example.com', status: 'pending', signingUrl: (c.recipients as IDataObject[])[1].url },
			],
			providerResponse: expect.objectContaining({ caseId: c._id, title: 'Employment Agreement', documentTransfer: 'inline' }),
		});
		expect(JSON.stringify(envelope)).not.toContain(CPR);
		expect(JSON.stringify(envelope)).not.toContain('010190-1234');
	});

	test('parallel (and the default): every signer in group 0, email delivery, no settings beyond NextSign’s defaults', async () => {
		for (const signingOrder of ['parallel', undefined] as const) {
			clear();
			await send({ signingOrder, signers: [two[0], { ...two[1], phone: '+4528123456' }] });
			const body = requests()[0].body as IDataObject;
			expect(body.recipients).toEqual([
				{ name: 'Mia Sørensen', email: 'mia@example.com', signing: true, group: 0, type: 'email' },
				{ name: 'Lars Hansen', email: 'lars@example.com', signing: true, group: 0, type: 'email', phone: '+4528123456' },
			]);
			expect(body.settings).toEqual({});
			expect(body.autoSend).toBe(true);
			expect(body).not.toHaveProperty('message');
		}
	});

	test('bad input is refused before any request, named as the E-Signature node labels it; a CPR is never echoed', async () => {
		const base: SendInput = { binaryPropertyNames: ['data'], title: 'NDA', signers: [{ name: 'Mia', email: 'mia@example.com' }], providerOptions: {} };
		const cases: Array<[SendInput, string]> = [
			[{ ...base, signers: [{ name: 'Mia', email: 'mia@' }] }, 'Invalid "Email" (signer 1) must be a valid email address [item 0]'],
			[{ ...base, signers: [{ name: 'Mia', email: 'mia@example.com', nationalId: '12345' }] }, 'Invalid "CPR Number" (recipient 1) must be exactly 10 digits (DDMMYYXXXX) [item 0]'],
			[{ ...base, dueDate: new Date(Date.now() - DAY).toISOString() }, 'Invalid "Due Date": it must be in the future [item 0]'],
			[{ ...base, dueDate: 'next week' }, 'Invalid "Due Date": "next week" is not a date [item 0]'],
			[{ ...base, title: 'x'.repeat(1_001) }, 'Invalid "Title" must be at most 1,000 characters (a limit of this node; NextSign documents none) [item 0]'],
		];
		for (const [input, message] of cases) {
			const result = await run({ op: 'send', input }, [pdfItem({ data: 'nda.pdf' })]);
			expect(result.error()?.message).toBe(message);
			const error = result.error() as Error & { description?: string };
			expect(`${error.message} ${error.description}`).not.toContain('12345');
		}
		const missing = await run({ op: 'send', input: { ...base, binaryPropertyNames: ['missing'] } }, [pdfItem({ data: 'nda.pdf' })]);
		expect(missing.error()?.message).toMatch(/missing/);
		expect(requests()).toHaveLength(0);
	});
});

describe('getStatus', () => {
	const statusOf = async (id: string) => {
		clear();
		const result = await run({ op: 'getStatus', envelopeId: id });
		expect(result.error()).toBeUndefined();
		return result.output('Adapter')[0].json as Record<string, any>;
	};

	test('sent → in progress → completed, each signer’s status; one case read while the case is open or signed', async () => {
		const { envelopeId } = await send({ signingOrder: 'sequential' });
		const sent = await statusOf(envelopeId);
		expect(lines()).toEqual([`GET /api/v2/${COMPANY}/case/${envelopeId}/get`]);
		expect(sent).toEqual({
			provider: 'nextsign',
			envelopeId,
			status: 'sent',
			signers: [
				{ name: 'Mia Sørensen', email: 'mia@example.com', status: 'pending', signingUrl: expect.stringMatching(/^https?:\/\/.*\/sign\//) },
				{ name: 'Lars Hansen', email: 'lars@example.com', status: 'pending', signingUrl: expect.stringMatching(/^https?:\/\/.*\/sign\//) },
			],
			providerResponse: expect.objectContaining({ _id: envelopeId, state: 'open', title: 'Lease' }),
		});
		state(env.sandbox).sign(envelopeId, undefined, Date.now());
		const half = await statusOf(envelopeId);
		expect([half.status, half.signers.map((s: IDataObject) => s.status)]).toEqual(['in_progress', ['signed', 'pending']]);
		state(env.sandbox).sign(envelopeId, undefined, Date.now());
		const done = await statusOf(envelopeId);
		expect([done.status, done.signers.map((s: IDataObject) => s.status)]).toEqual(['completed', ['signed', 'signed']]);
		expect(lines()).toEqual([`GET /api/v2/${COMPANY}/case/${envelopeId}/get`]);
	});

	test('denied (found in the documented denied list, never read from `state`) and expired', async () => {
		const denied = (await send({ title: 'Denied' })).envelopeId as string;
		const expired = (await send({ title: 'Expired' })).envelopeId as string;
		state(env.sandbox).deny(denied, 'lars@example.com', Date.now());
		state(env.sandbox).expire(expired, Date.now());
		const d = await statusOf(denied);
		expect(lines()).toEqual([`GET /api/v2/${COMPANY}/case/${denied}/get`, `GET /api/v2/${COMPANY}/cases/get status=denied&folder=Default&limit=100&index=0`]);
		expect([d.status, d.signers.map((s: IDataObject) => s.status)]).toEqual(['declined', ['pending', 'unknown']]);
		const e = await statusOf(expired);
		expect(lines()).toEqual([`GET /api/v2/${COMPANY}/case/${expired}/get`]);
		expect(e.status).toBe('expired');
	});

	test('an envelope ID with a slash is refused before any request; a CPR never appears in the provider answer', async () => {
		const result = await run({ op: 'getStatus', envelopeId: 'a/b' });
		expect(result.error()?.message).toBe('Invalid "Envelope ID" must not contain spaces, commas or slashes [item 0]');
		expect(requests()).toHaveLength(0);
		const { envelopeId } = await send({ signers: [{ ...two[0], nationalId: CPR }] });
		expect(JSON.stringify(await statusOf(envelopeId))).not.toContain(CPR);
	});
});

describe('download and cancel', () => {
	test('signed documents: one item per file in the binary field asked for, through presigned URLs', async () => {
		const result0 = await run({ op: 'send', input: { binaryPropertyNames: ['a', 'b'], title: 'Two', signers: [two[0]], providerOptions: {} } }, [pdfItem({ a: 'lease.pdf', b: 'annex.pdf' })]);
		const envelopeId = String(result0.output('Adapter')[0].json.envelopeId);
		state(env.sandbox).sign(envelopeId, undefined, Date.now());
		clear();
		const result = await run({ op: 'download', envelopeId, binaryPropertyName: 'signed' });
		expect(result.error()).toBeUndefined();
		expect(lines()).toEqual([
			`GET /api/v2/${COMPANY}/case/${envelopeId}/get`,
			`POST /v3/company/${COMPANY}/file/view-presigned-url`,
			expect.stringMatching(/^GET \/.*lease_signed\.pdf X-Amz-.*X-Amz-Signature=/),
			`POST /v3/company/${COMPANY}/file/view-presigned-url`,
			expect.stringMatching(/^GET \/.*annex_signed\.pdf X-Amz-.*X-Amz-Signature=/),
		]);
		// The presigned URLs carry their own authorization: the API key never goes to the storage.
		expect(requests().filter((r) => r.prefix === 'nextsign-storage').map((r) => r.headers.authorization)).toEqual([undefined, undefined]);
		const items = result.output('Adapter');
		expect(items.map((i) => [i.json.caseId, i.json.index, i.binary?.signed?.fileName, i.pairedItem])).toEqual([
			[envelopeId, 0, 'lease_signed.pdf', { item: 0 }],
			[envelopeId, 1, 'annex_signed.pdf', { item: 0 }],
		]);
		for (const item of items) expect(binaryContent(item, 'signed').subarray(0, 5).toString()).toBe('%PDF-');
	});

	test('before everyone signed, and for an audit trail, the error says why (no file is returned)', async () => {
		const { envelopeId } = await send();
		const pending = await run({ op: 'download', envelopeId });
		expect(pending.error()?.message).toBe(`Case ${envelopeId} has no signed documents yet (state: open)`);
		clear();
		const audit = await run({ op: 'download', envelopeId, what: 'auditTrail' });
		expect(audit.error()?.message).toBe('NextSign has no audit trail document to download through its API');
		expect(requests()).toHaveLength(0);
	});

	test('cancel deletes the case (NextSign takes no reason); the case is gone', async () => {
		const { envelopeId } = await send();
		clear();
		const result = await run({ op: 'cancel', envelopeId, reason: 'Sent by mistake' });
		expect(result.error()).toBeUndefined();
		expect(result.output('Adapter')[0].json).toEqual({ provider: 'nextsign', envelopeId, cancelled: true, how: 'deleted', deletedCount: 1 });
		expect(lines()).toEqual([`GET /api/v2/${COMPANY}/case/${envelopeId}/delete`]);
		expect(JSON.stringify(requests()[0].body ?? '')).not.toContain('Sent by mistake');
		expect(state(env.sandbox).cases.has(envelopeId)).toBe(false);
	});
});

describe('poll (the NextSign Trigger’s logic, the neutral trigger’s own memory)', () => {
	test('nothing from before the activation; completed, declined and expired each fire once', async () => {
		const before = (await send({ title: 'Before', signers: [two[0]] })).envelopeId as string;
		state(env.sandbox).sign(before, undefined, Date.now());
		const a = (await send({ title: 'A', signers: [two[0]] })).envelopeId as string;
		const b = (await send({ title: 'B' })).envelopeId as string;
		const c = (await send({ title: 'C' })).envelopeId as string;
		const t = h.trigger(['completed', 'declined', 'expired']);
		expect((await t.poll()).items).toBeNull();
		const st = state(env.sandbox);
		st.sign(a, undefined, Date.now());
		st.deny(b, undefined, Date.now());
		st.expire(c, Date.now());
		const fired = await t.poll();
		expect(fired.error).toBeUndefined();
		const events = (fired.items ?? []).map((i) => i.json as Record<string, any>);
		expect(events.map((e) => [e.provider, e.event, e.envelopeId]).sort()).toEqual(
			[
				['nextsign', 'completed', a],
				['nextsign', 'declined', b],
				['nextsign', 'expired', c],
			].sort(),
		);
		const completed = events.find((e) => e.event === 'completed')!;
		expect(completed.providerEvent).toMatchObject({ event: 'case_signed', caseId: a, title: 'A', status: 'signed' });
		expect(completed.occurredAt).toEqual(new Date(String(st.cases.get(a)!.updatedAt)).toISOString());
		expect((await t.poll()).items).toBeNull();
	});

	test('only the chosen events fire, in the chosen folder; the state is the neutral trigger’s own', async () => {
		const a = (await send({ title: 'A', signers: [two[0]] })).envelopeId as string;
		const b = (await send({ title: 'B' })).envelopeId as string;
		const other = (await send({ title: 'Other', providerOptions: { folder: 'Elsewhere' } })).envelopeId as string;
		const t = h.trigger(['declined'], { folder: 'Default' });
		await t.poll();
		clear();
		state(env.sandbox).sign(a, undefined, Date.now());
		state(env.sandbox).deny(b, undefined, Date.now());
		state(env.sandbox).deny(other, undefined, Date.now());
		expect((await t.poll()).items?.map((i) => [i.json.event, i.json.envelopeId])).toEqual([['declined', b]]);
		expect(lines().every((l) => !l.includes('/cases/get') || l.includes('folder=Default'))).toBe(true);
		expect(Object.keys(t.savedStaticData)).toEqual(['node:AdapterTrigger']);
	});

	test('a signer signed event carries the neutral signer (when asked for, although not a dependable capability)', async () => {
		const { envelopeId } = await send({ signingOrder: 'sequential' });
		const t = h.trigger(['signer.signed']);
		await t.poll();
		state(env.sandbox).sign(envelopeId, undefined, Date.now());
		const events = ((await t.poll()).items ?? []).map((i) => i.json);
		expect(events).toEqual([
			expect.objectContaining({ provider: 'nextsign', envelopeId, event: 'signer.signed', signer: { name: 'Mia Sørensen', email: 'mia@example.com', status: 'signed' } }),
		]);
		expect((await t.poll()).items).toBeNull();
	});
});
