/**
 * Optimaite's E-Signature adapter through n8n's engine (test/esign-harness.ts) against the Optimaite sandbox: the exact
 * requests each neutral operation makes (the Optimaite node's own: upload + create, the case's envelope list, the
 * signed-copy download), the normalised output, what Optimaite cannot do refused before any request, and the neutral
 * trigger's events (the Optimaite Trigger's logic: each once, nothing from before the activation).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { optimaiteAdapter } from '../../nodes/Optimaite/esign';
import type { SendInput } from '../../nodes/shared/esign';
import { makePdf } from '../../sandbox/server';
import { adapterHarness } from '../esign-harness';
import { binaryContent } from '../helpers';
import { CASE, CLOSED_CASE, OTHER_CASE, optimaiteEnv, sentEnvelope, state } from './env';

const env = optimaiteEnv();
let h: ReturnType<typeof adapterHarness>;
beforeAll(() => {
	h = adapterHarness(env.engine, optimaiteAdapter);
});

const requests = () => env.sandbox.requestsFor('optimaite').map((r) => `${r.method} ${r.path}${r.search} ${r.status}`);

function pdfItem(files: Record<string, string>): INodeExecutionData {
	const binary: INodeExecutionData['binary'] = {};
	for (const [property, fileName] of Object.entries(files)) {
		const content = makePdf(fileName);
		binary[property] = { data: content.toString('base64'), mimeType: 'application/pdf', fileName, fileExtension: 'pdf', fileSize: String(content.length) };
	}
	return { json: {}, binary };
}

async function run(call: Parameters<typeof h.action>[0], input?: INodeExecutionData[]) {
	return await env.engine.run(h.action(call), input);
}

const send = (over: Partial<SendInput> = {}): SendInput => ({
	binaryPropertyNames: ['data'],
	title: 'Employment Agreement',
	signers: [{ name: 'Ann Berg', email: 'ann@example.com' }],
	providerOptions: { caseId: CASE },
	...over,
});

describe('capabilities: true to Optimaite’s documents', () => {
	test('sequential order and several documents only; no cancel, no audit trail; the trigger’s four events', () => {
		expect(optimaiteAdapter).toMatchObject({ provider: 'optimaite', displayName: 'Optimaite', credentialType: 'optimaiteApi' });
		expect(optimaiteAdapter.capabilities).toEqual({
			sequentialOrder: true,
			parallelOrder: false,
			nationalId: false,
			phone: false,
			dueDate: false,
			message: false,
			multipleDocuments: true,
			cancel: false,
			auditTrail: false,
			events: { completed: true, declined: true, expired: true, 'signer.signed': true },
		});
		expect(optimaiteAdapter.sendOptions.map((o) => o.name)).toEqual(['caseId', 'folderId', 'sendEmails']);
		expect(optimaiteAdapter.triggerOptions?.map((o) => [o.name, o.default])).toEqual([
			['watch', 'allActive'],
			['caseIds', ''],
			['maxRequests', 5],
		]);
	});
});

describe('send (Signing Envelope → Create From Files)', () => {
	test('two documents, sequential, a folder and no emails: each file uploaded to the case, then one envelope over them', async () => {
		const input = send({
			binaryPropertyNames: ['contract', 'annex'],
			signers: [
				{ name: 'Ann Berg', email: 'ann@example.com' },
				{ name: 'Bo Dahl', email: 'bo@example.com' },
			],
			signingOrder: 'sequential',
			providerOptions: { caseId: CASE, folderId: 'fld_01HR', sendEmails: false },
		});
		const result = await run({ op: 'send', input }, [pdfItem({ contract: 'contract.pdf', annex: 'annex.pdf' })]);
		expect(result.error()).toBeUndefined();
		const [up1, up2, create] = env.sandbox.requestsFor('optimaite');
		expect(requests()).toEqual(['POST /api/v1/documents 201', 'POST /api/v1/documents 201', `POST /api/v1/cases/${CASE}/signing-envelopes 201`]);
		expect(up1.headers.authorization).toBe('Bearer opt_test_sandbox');
		expect(up1.parts?.map((p) => [p.name, p.filename ?? p.value])).toEqual([
			['file', 'contract.pdf'],
			['case_id', CASE],
			['folder_id', 'fld_01HR'],
		]);
		expect(up2.parts?.map((p) => [p.name, p.filename ?? p.value])).toEqual([
			['file', 'annex.pdf'],
			['case_id', CASE],
			['folder_id', 'fld_01HR'],
		]);
		const [contract, annex] = [...state(env).documents.values()];
		expect(create.body).toEqual({
			title: 'Employment Agreement',
			document_ids: [contract.id, annex.id],
			signers: [
				{ name: 'Ann Berg', email: 'ann@example.com', role: 'signer' },
				{ name: 'Bo Dahl', email: 'bo@example.com', role: 'signer' },
			],
			signing_order: 'sequential',
			send_emails: false,
		});
		const [envelope] = [...state(env).envelopes.values()];
		expect(result.output('Adapter')[0].json).toEqual({
			provider: 'optimaite',
			envelopeId: `${CASE}/${envelope.id}`,
			status: 'sent',
			signers: [
				{ name: 'Ann Berg', email: 'ann@example.com', status: 'pending' },
				{ name: 'Bo Dahl', email: 'bo@example.com', status: 'pending' },
			],
			providerResponse: expect.objectContaining({ id: envelope.id, case_id: CASE, status: 'sent' }),
		});
	});

	test('no signing order chosen: none sent (Optimaite’s default); emails on unless turned off', async () => {
		const result = await run({ op: 'send', input: send() }, [pdfItem({ data: 'nda.pdf' })]);
		expect(result.error()).toBeUndefined();
		const create = env.sandbox.requestsFor('optimaite')[1];
		expect(create.body).toEqual({
			title: 'Employment Agreement',
			document_ids: [[...state(env).documents.values()][0].id],
			signers: [{ name: 'Ann Berg', email: 'ann@example.com', role: 'signer' }],
			send_emails: true,
		});
	});

	test('what Optimaite cannot take is refused before any request, and a national ID is never repeated', async () => {
		const input = send({
			message: 'Please sign',
			dueDate: '2030-01-31T12:00:00Z',
			signingOrder: 'parallel',
			signers: [
				{ name: 'Ann Berg', email: 'ann@example.com', phone: '+4512345678' },
				{ name: 'Bo Dahl', email: 'bo@example.com', nationalId: '0101901234' },
			],
		});
		const result = await run({ op: 'send', input }, [pdfItem({ data: 'nda.pdf' })]);
		expect(result.error()?.message).toBe(
			'Optimaite cannot take a message (Optimaite sends its own signing email), a due date (the create request has no deadline), parallel signing (only sequential order is documented), a phone number for signer 1, a national ID for signer 2 [item 0]',
		);
		expect(`${result.error()?.message} ${result.error()?.description}`).not.toContain('0101901234');
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(0);
	});

	test('bad input names the field as the E-Signature node labels it, before any request', async () => {
		const noCase = await run({ op: 'send', input: send({ providerOptions: {} }) }, [pdfItem({ data: 'nda.pdf' })]);
		expect(noCase.error()?.message).toMatch(/^Invalid "Provider Options › Case ID" .* \[item 0\]$/);
		const badEmail = await run(
			{ op: 'send', input: send({ signers: [{ name: 'Ann', email: 'ann@example.com' }, { name: 'Bo', email: 'not-an-email' }] }) },
			[pdfItem({ data: 'nda.pdf' })],
		);
		expect(badEmail.error()?.message).toBe('Invalid "Email" (signer 2) must be a valid email address [item 0]');
		const noFile = await run({ op: 'send', input: send({ binaryPropertyNames: ['contract'] }) }, [pdfItem({ data: 'nda.pdf' })]);
		expect(noFile.error()?.message).toBe('The input item has no file in "contract" (named in "Documents") [item 0]');
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(0);
	});
});

describe('getStatus (the case’s envelope list)', () => {
	test('the envelope’s status and each signer’s, in the neutral vocabulary', async () => {
		const e = sentEnvelope(env, CASE, ['a@example.com', 'b@example.com']);
		state(env).sign(e.id, 'a@example.com');
		const result = await run({ op: 'getStatus', envelopeId: `${CASE}/${e.id}` });
		expect(result.error()).toBeUndefined();
		expect(requests()).toEqual([`GET /api/v1/cases/${CASE}/signed-documents 200`]);
		const signedAt = state(env).envelopes.get(e.id)!.signers[0].signed_at!;
		expect(result.output('Adapter')[0].json).toEqual({
			provider: 'optimaite',
			envelopeId: `${CASE}/${e.id}`,
			status: 'in_progress',
			// The documented list entry has each signer's name, status and signed_at (no email).
			signers: [
				{ name: 'a', status: 'signed', signedAt: new Date(signedAt).toISOString() },
				{ name: 'b', status: 'pending' },
			],
			// The list entry, with the case it was read from.
			providerResponse: { case_id: CASE, id: e.id, title: e.title, status: 'in_progress', signers: expect.any(Array) },
		});
	});

	test('completed, declined and expired read as themselves', async () => {
		const done = sentEnvelope(env);
		state(env).sign(done.id);
		const declined = sentEnvelope(env, OTHER_CASE);
		state(env).end(declined.id, 'declined');
		const expired = sentEnvelope(env, OTHER_CASE);
		state(env).end(expired.id, 'expired');
		const statuses = [];
		for (const id of [`${CASE}/${done.id}`, `${OTHER_CASE}/${declined.id}`, `${OTHER_CASE}/${expired.id}`]) {
			statuses.push((await run({ op: 'getStatus', envelopeId: id })).output('Adapter')[0].json.status);
		}
		expect(statuses).toEqual(['completed', 'declined', 'expired']);
	});

	test('an envelope ID without its case is refused before any request; one not in the case is named', async () => {
		const bare = await run({ op: 'getStatus', envelopeId: 'env_01ABC' });
		expect(bare.error()?.message).toBe('Invalid "Envelope ID" for Optimaite: "env_01ABC" is not "<case id>/<envelope id>" [item 0]');
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(0);
		const e = sentEnvelope(env, CASE);
		const elsewhere = await run({ op: 'getStatus', envelopeId: `${OTHER_CASE}/${e.id}` });
		expect(elsewhere.error()?.message).toBe(`Envelope ${e.id} is not one of the signing envelopes of case ${OTHER_CASE}`);
	});
});

describe('download and cancel', () => {
	test('signed documents: one item per file, in the binary field asked for, with the neutral envelope ID', async () => {
		const s = state(env);
		const sent = Date.now() - 600_000;
		const a = s.storeDocument(CASE, 'agreement.pdf', 'application/pdf', makePdf('a'), sent);
		const b = s.storeDocument(CASE, 'annex.pdf', 'application/pdf', makePdf('b'), sent);
		const e = s.createEnvelope({ caseId: CASE, title: 'Agreement', documentIds: [a.id, b.id], signers: [{ name: 'A', email: 'a@example.com' }] }, sent);
		s.sign(e.id);
		const result = await run({ op: 'download', envelopeId: `${CASE}/${e.id}`, binaryPropertyName: 'signed' });
		expect(result.error()).toBeUndefined();
		const [first, second] = e.signed_document_ids.map((id) => s.documents.get(id)!);
		expect(requests()).toEqual([
			`GET /api/v1/cases/${CASE}/signed-documents 200`,
			`GET /api/v1/documents?case_id=${CASE}&limit=100 200`,
			`GET /api/v1/documents/${first.id}/download 200`,
			`GET /api/v1/documents/${second.id}/download 200`,
		]);
		const items = result.output('Adapter');
		expect(items.map((i) => [i.json.provider, i.json.envelopeId, i.json.optimaiteEnvelopeId, i.json.caseId, i.json.fileName])).toEqual([
			['optimaite', `${CASE}/${e.id}`, e.id, CASE, 'agreement_signed.pdf'],
			['optimaite', `${CASE}/${e.id}`, e.id, CASE, 'annex_signed.pdf'],
		]);
		expect(binaryContent(items[0], 'signed').equals(first.content)).toBe(true);
		expect(binaryContent(items[1], 'signed').equals(second.content)).toBe(true);
		expect(items[0].binary?.data).toBeUndefined();
	});

	test('an audit trail and a cancel are not possible through Optimaite’s API: said before any request', async () => {
		const e = sentEnvelope(env);
		const audit = await run({ op: 'download', envelopeId: `${CASE}/${e.id}`, what: 'auditTrail' });
		expect(audit.error()?.message).toBe('Optimaite has no audit trail document to download through its API');
		const cancel = await run({ op: 'cancel', envelopeId: `${CASE}/${e.id}` });
		expect(cancel.error()?.message).toBe('Optimaite’s API cannot void or delete a signing envelope');
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(0);
		expect(state(env).envelopes.get(e.id)?.status).toBe('sent');
	});
});

describe('poll (the Optimaite Trigger’s logic, the neutral trigger’s own memory)', () => {
	const fired = (items: Array<{ json: Record<string, unknown> }> | null) => (items ?? []).map((i) => `${i.json.event} ${i.json.envelopeId}`);

	test('nothing from before the activation; signer.signed and completed each fire once, with the neutral signer and time', async () => {
		const old = sentEnvelope(env);
		state(env).sign(old.id);
		const t = h.trigger(['signer.signed', 'completed']);
		expect((await t.poll()).items).toBeNull();
		// All Active Cases by default: the active list, then each active case (not the closed one).
		expect(requests()).toEqual([
			'GET /api/v1/cases?status=active&limit=100 200',
			`GET /api/v1/cases/${CASE}/signed-documents 200`,
			`GET /api/v1/cases/${OTHER_CASE}/signed-documents 200`,
		]);
		expect(requests().join()).not.toContain(CLOSED_CASE);

		const e = sentEnvelope(env, OTHER_CASE, ['a@example.com', 'b@example.com']);
		state(env).sign(e.id, 'a@example.com');
		const first = await t.poll();
		expect(fired(first.items)).toEqual([`signer.signed ${OTHER_CASE}/${e.id}`]);
		const signedAt = new Date(state(env).envelopes.get(e.id)!.signers[0].signed_at!).toISOString();
		expect(first.items![0].json).toEqual({
			provider: 'optimaite',
			envelopeId: `${OTHER_CASE}/${e.id}`,
			event: 'signer.signed',
			signer: { name: 'a', status: 'signed', signedAt },
			occurredAt: signedAt,
			providerEvent: expect.objectContaining({ event: 'signer.signed', caseId: OTHER_CASE, envelopeId: e.id }),
		});
		expect((await t.poll()).items).toBeNull();

		state(env).sign(e.id, 'b@example.com');
		const second = await t.poll();
		expect(fired(second.items).sort()).toEqual([`completed ${OTHER_CASE}/${e.id}`, `signer.signed ${OTHER_CASE}/${e.id}`]);
		const completed = second.items!.find((i) => i.json.event === 'completed')!.json;
		expect(completed.occurredAt).toBe(new Date(state(env).envelopes.get(e.id)!.signers[1].signed_at!).toISOString());
		expect((await t.poll()).items).toBeNull();
	});

	test('only the chosen events fire, in the chosen cases; declined and expired once each', async () => {
		const t = h.trigger(['declined', 'expired'], { watch: 'cases', caseIds: CASE, maxRequests: 5 });
		expect((await t.poll()).items).toBeNull();
		expect(requests()).toEqual([`GET /api/v1/cases/${CASE}/signed-documents 200`]);
		const a = sentEnvelope(env, CASE);
		const b = sentEnvelope(env, CASE);
		const c = sentEnvelope(env, CASE);
		const elsewhere = sentEnvelope(env, OTHER_CASE);
		state(env).end(a.id, 'declined');
		state(env).end(b.id, 'expired');
		state(env).sign(c.id);
		state(env).end(elsewhere.id, 'declined');
		const found = await t.poll();
		expect(fired(found.items).sort()).toEqual([`declined ${CASE}/${a.id}`, `expired ${CASE}/${b.id}`].sort());
		expect((await t.poll()).items).toBeNull();
	});
});
