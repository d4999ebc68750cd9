/**
 * Signicat's E-Signature adapter through n8n's engine (test/esign-harness.ts): the exact requests Signicat receives
 * for send, status, download and cancel, the normalised answers, and the neutral events of the Signicat Trigger's
 * own poll — each once, nothing from before activation.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { signicatAdapter } from '../../nodes/Signicat/esign';
import type { SendInput } from '../../nodes/shared/esign';
import { makePdf } from '../../sandbox/server';
import { adapterHarness } from '../esign-harness';
import { binaryContent, fileItem, trigger } from '../helpers';
import { addSession, apiRequests, collectedDocument, signicatTrigger, state, useSignicat } from './env';

const env = useSignicat();
const NIN = '0101901234';
let harness: ReturnType<typeof adapterHarness>;
beforeAll(async () => {
	await env.engine.load();
	harness = adapterHarness(env.engine, signicatAdapter);
});

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

function twoFiles(): INodeExecutionData {
	const lease = fileItem(makePdf('lease'), 'lease.pdf', 'application/pdf', {}, 'lease');
	const annex = fileItem(Buffer.from('annex terms'), 'annex.txt', 'text/plain', {}, 'annex');
	return { json: {}, binary: { ...lease.binary, ...annex.binary } };
}

function input(overrides: Partial<SendInput> = {}): SendInput {
	return {
		binaryPropertyNames: ['lease', 'annex'],
		title: 'Lease 12B',
		signers: [{ name: 'Kari Nordmann', email: 'kari@example.com', phone: '+4712345678', nationalId: NIN }],
		dueDate: inDays(10),
		providerOptions: { identityProviders: ['nbid', 'other'], otherIdentityProviders: 'itsme', language: 'nb', externalReference: 'lease-12b' },
		...overrides,
	};
}

async function call(c: Parameters<typeof harness.action>[0], items: INodeExecutionData[] = [{ json: {} }]) {
	return await env.engine.run(harness.action(c), items);
}

describe('Signicat adapter: capabilities', () => {
	test('one signer per session, national id, phone, due date and several documents; cancel deletes; no audit trail, no message', () => {
		expect(signicatAdapter).toMatchObject({ provider: 'signicat', displayName: 'Signicat', credentialType: 'signicatOAuth2Api' });
		expect(signicatAdapter.capabilities).toEqual({
			sequentialOrder: false,
			parallelOrder: false,
			nationalId: true,
			phone: true,
			dueDate: true,
			message: false,
			multipleDocuments: true,
			cancel: 'delete',
			auditTrail: false,
			events: { 'signer.signed': true, completed: true, declined: true, expired: true },
			maxSigners: 1,
		});
		const names = signicatAdapter.sendOptions.map((o) => o.name);
		expect(names).toEqual(expect.arrayContaining(['identityProviders', 'otherIdentityProviders', 'signingFlow', 'signText', 'language', 'padesContainer']));
		// What the neutral node asks itself is not asked twice.
		for (const neutral of ['dueDate', 'signerEmail', 'signerMobile', 'signerNationalId']) expect(names).not.toContain(neutral);
		expect([...signicatAdapter.sendOptions.map((o) => o.displayName)]).toEqual([...signicatAdapter.sendOptions.map((o) => o.displayName)].sort((a, b) => a.localeCompare(b)));
	});
});

describe('Signicat adapter: send', () => {
	test('every file uploaded with its name, one collection for all, one session for the signer; the envelope normalised', async () => {
		const sent = input();
		const r = await call({ op: 'send', input: sent }, [twoFiles()]);
		expect(r.error()).toBeUndefined();
		const reqs = apiRequests(env);
		const shape = reqs.map((q) => [q.method, q.path.replace(ID, '{id}'), q.headers['content-type']?.split(';')[0]]);
		expect(shape).toEqual([
			['POST', '/sign/documents', 'application/pdf'],
			['PATCH', '/sign/documents/{id}/metadata', 'application/json'],
			['POST', '/sign/documents', 'text/plain'],
			['PATCH', '/sign/documents/{id}/metadata', 'application/json'],
			['POST', '/sign/document-collections', 'application/json'],
			['POST', '/sign/signing-sessions', 'application/json'],
		]);
		const [leaseId, annexId] = [reqs[1], reqs[3]].map((q) => q.path.match(ID)![0]);
		expect([reqs[1].body, reqs[3].body]).toEqual([{ filename: 'lease.pdf' }, { filename: 'annex.txt' }]);
		expect(reqs[4].body).toEqual({ documents: [{ documentId: leaseId }, { documentId: annexId }] });
		const collectionId = [...state(env).collections.keys()].find((k) => state(env).collections.get(k)!.documents.length === 2)!;
		expect(reqs[5].body).toEqual([
			{
				title: 'Lease 12B',
				dueDate: sent.dueDate,
				documents: [
					{ documentId: leaseId, action: 'SIGN', documentCollectionId: collectionId },
					{ documentId: annexId, action: 'SIGN', documentCollectionId: collectionId },
				],
				externalReference: 'lease-12b',
				signingSetup: [{ identityProviders: [{ idpName: 'nbid' }, { idpName: 'itsme' }], signingFlow: 'AUTHENTICATION_BASED' }],
				signer: { nationalIdentificationNumber: NIN, validations: ['NATIONAL_IDENTIFICATION_NUMBER'], email: 'kari@example.com', mobile: '+4712345678' },
				ui: { language: 'nb' },
			},
		]);
		const [out] = r.output('Adapter');
		const session = [...state(env).sessions.values()][0];
		expect(out.json).toEqual({
			provider: 'signicat',
			envelopeId: session.id,
			status: 'sent',
			signers: [{ email: 'kari@example.com', status: 'pending', signingUrl: session.signatureUrl }],
			providerResponse: { ...JSON.parse(JSON.stringify(session)), signer: { ...session.signer, nationalIdentificationNumber: '***' } },
		});
		expect(JSON.stringify(out.json)).not.toContain(NIN);
	});

	test('more than one signer, or no identity provider: refused before any request, saying why', async () => {
		const two = await call({ op: 'send', input: input({ signers: [{ name: 'A', email: 'a@example.com' }, { name: 'B', email: 'b@example.com' }] }) }, [twoFiles()]);
		expect(two.error()?.message).toBe('Signicat signs one signer per signing session; 2 signers were given [item 0]');
		expect(two.error()?.description).toMatch(/one signing session per signer/);
		const none = await call({ op: 'send', input: input({ providerOptions: {} }) }, [twoFiles()]);
		expect(none.error()?.message).toBe('Invalid "Identity Providers" needs at least 1 entry [item 0]');
		const badDue = await call({ op: 'send', input: input({ dueDate: inDays(50) }) }, [twoFiles()]);
		expect(badDue.error()?.message).toBe('Invalid "Due Date" can be at most 45 days into the future [item 0]');
		expect(apiRequests(env)).toHaveLength(0);
	});

	test('a failure after the uploads names what was left behind', async () => {
		env.sandbox.addFault({ prefix: 'signicat', method: 'POST', path: '/sign/signing-sessions', status: 400, body: { status: 400, title: 'Bad Request', code: 'invalid', detail: 'no' } });
		const r = await call({ op: 'send', input: input() }, [twoFiles()]);
		expect(r.error()?.message).toMatch(/Bad Request/);
		const left = (r.error()?.context?.leftBehind ?? {}) as IDataObject;
		expect(left.documentIds).toHaveLength(2);
		expect(left.documentCollectionId).toMatch(ID);
	});
});

describe('Signicat adapter: status, download, cancel', () => {
	test('statuses: READY → sent, BLOCKED → sent, SIGNED → completed, REJECTED → declined, open 5 minutes past the due date → expired', async () => {
		const ready = addSession(env, { dueDate: inDays(1) });
		const blocked = addSession(env, { state: 'BLOCKED' });
		const signed = addSession(env);
		state(env).sign(signed.id, Date.now());
		const rejected = addSession(env);
		state(env).reject(rejected.id, Date.now());
		const expired = addSession(env, { dueDate: inDays(1) });
		await fetch(`${env.sandbox.origin}/_control/signicat/sessions/${expired.id}/expire`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ secondsAgo: 600 }) });
		const ids = [ready.id, blocked.id, signed.id, rejected.id, expired.id];
		const r = await call('={{ { "op": "getStatus", "envelopeId": $json.id } }}', ids.map((id) => ({ json: { id } })));
		expect(r.error()).toBeUndefined();
		const out = r.output('Adapter').map((i) => i.json as IDataObject);
		expect(out.map((e) => [e.envelopeId, e.status, (e.signers as IDataObject[])[0].status])).toEqual([
			[ready.id, 'sent', 'pending'],
			[blocked.id, 'sent', 'pending'],
			[signed.id, 'completed', 'signed'],
			[rejected.id, 'declined', 'declined'],
			[expired.id, 'expired', 'unknown'],
		]);
		// The signing link only while the session can be signed.
		expect((out[0].signers as IDataObject[])[0].signingUrl).toBe(ready.signatureUrl);
		expect((out[2].signers as IDataObject[])[0].signingUrl).toBeUndefined();
		expect(apiRequests(env).map((q) => [q.method, q.path])).toEqual(ids.map((id) => ['GET', `/sign/signing-sessions/${id}`]));
	});

	test('download: one item per signed file in the binary field asked for; no audit trail (Signicat has none)', async () => {
		const d = collectedDocument(env, makePdf('deal'), 'application/pdf', { filename: 'deal.pdf' });
		const s = state(env).createSession(
			{
				title: 'Deal',
				packageTo: ['PADES_CONTAINER'],
				documents: [{ documentCollectionId: d.documentCollectionId, action: 'SIGN', documentId: d.documentId }],
				signingSetup: [{ identityProviders: [{ idpName: 'mitid' }], signingFlow: 'AUTHENTICATION_BASED' }],
			},
			env.sandbox.now(),
			env.sandbox.origin,
		);
		state(env).sign(s.id, Date.now());
		const r = await call({ op: 'download', envelopeId: s.id, what: 'signed', binaryPropertyName: 'signedPdf' });
		expect(r.error()).toBeUndefined();
		const items = r.output('Adapter');
		const session = state(env).session(s.id);
		expect(items.map((i) => [Object.keys(i.binary!), i.binary!.signedPdf.fileName, i.json.kind])).toEqual([
			[['signedPdf'], 'deal-signed.pdf', 'signature'],
			[['signedPdf'], 'Deal-package.pdf', 'package'],
		]);
		expect(binaryContent(items[1], 'signedPdf').equals(state(env).documents.get(session.output.packages[0].resultDocumentId)!.content)).toBe(true);
		const audit = await call({ op: 'download', envelopeId: s.id, what: 'auditTrail' });
		expect(audit.error()?.message).toBe('Signicat has no separate audit trail document [item 0]');
	});

	test('cancel deletes an open session; a signed one is refused (deleting it would throw its result away)', async () => {
		const open = addSession(env);
		const done = addSession(env);
		state(env).sign(done.id, Date.now());
		const r = await call({ op: 'cancel', envelopeId: open.id, reason: 'wrong file' });
		expect(r.output('Adapter')[0].json).toEqual({ provider: 'signicat', envelopeId: open.id, cancelled: true, method: 'delete' });
		expect(state(env).sessions.has(open.id)).toBe(false);
		const refused = await call({ op: 'cancel', envelopeId: done.id });
		expect(refused.error()?.message).toBe(`Signing session ${done.id} is already signed: there is nothing to cancel [item 0]`);
		expect(state(env).sessions.has(done.id)).toBe(true);
		expect(apiRequests(env).map((q) => [q.method, q.path])).toEqual([
			['GET', `/sign/signing-sessions/${open.id}`],
			['DELETE', `/sign/signing-sessions/${open.id}`],
			['GET', `/sign/signing-sessions/${done.id}`],
		]);
	});

	test('an envelope id that is not a session id is refused before any request', async () => {
		const r = await call({ op: 'getStatus', envelopeId: 'case-1' });
		expect(r.error()?.message).toBe('Invalid "Envelope ID" must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) [item 0]');
		expect(apiRequests(env)).toHaveLength(0);
	});
});

describe('Signicat adapter: poll (the Signicat Trigger’s own logic)', () => {
	test('activation fires nothing; then signer.signed and completed, declined and expired fire once each', async () => {
		const t = harness.trigger(['signer.signed', 'completed', 'declined', 'expired']);
		const before = addSession(env, { title: 'Signed before activation', state: 'SIGNED' });
		const toSign = addSession(env, { title: 'To sign' });
		const toReject = addSession(env, { title: 'To reject' });
		const toExpire = addSession(env, { title: 'To expire', dueDate: inDays(1) });
		expect(await t.poll()).toEqual({ items: null });
		state(env).sign(toSign.id, Date.now());
		state(env).reject(toReject.id, Date.now());
		await fetch(`${env.sandbox.origin}/_control/signicat/sessions/${toExpire.id}/expire`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ secondsAgo: 600 }) });
		const { items } = await t.poll();
		const events = items!.map((i) => i.json as IDataObject);
		expect(events.map((e) => [e.event, e.envelopeId])).toEqual(
			expect.arrayContaining([
				['signer.signed', toSign.id],
				['completed', toSign.id],
				['declined', toReject.id],
				['expired', toExpire.id],
			]),
		);
		expect(events).toHaveLength(4);
		expect(events.map((e) => e.envelopeId)).not.toContain(before.id);
		const signerEvent = events.find((e) => e.event === 'signer.signed')!;
		expect(signerEvent).toMatchObject({ provider: 'signicat', signer: { status: 'signed' }, providerEvent: { event: 'session.signed', sessionId: toSign.id, state: 'SIGNED' } });
		expect(events.find((e) => e.event === 'expired')!.occurredAt).toBe(state(env).session(toExpire.id).dueDate);
		expect(await t.poll()).toEqual({ items: null });
	});

	test('only the chosen neutral events fire, and the adapter keeps its own memory beside a Signicat Trigger', async () => {
		const neutral = harness.trigger(['completed']);
		const own = trigger(env.engine, signicatTrigger({ events: ['signed'] }));
		const s = addSession(env, { title: 'Both' });
		await neutral.poll();
		await own.poll();
		state(env).sign(s.id, Date.now());
		expect((await neutral.poll()).items!.map((i) => [i.json.event, i.json.envelopeId])).toEqual([['completed', s.id]]);
		expect((await own.poll()).items!.map((i) => [i.json.event, i.json.sessionId])).toEqual([['session.signed', s.id]]);
	});

	test('the national id never reaches a neutral event', async () => {
		const t = harness.trigger(['completed']);
		const s = addSession(env, { title: 'Private' });
		s.signer = { nationalIdentificationNumber: NIN, validations: ['NATIONAL_IDENTIFICATION_NUMBER'] } as never;
		await t.poll();
		state(env).sign(s.id, Date.now(), NIN);
		const { items } = await t.poll();
		expect(items).toHaveLength(1);
		expect(JSON.stringify(items)).not.toContain(NIN);
	});
});
