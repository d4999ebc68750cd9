/**
 * The E-Signature Trigger through n8n's PollContext against each wired provider's sandbox: first activation fires
 * nothing, each dependable event fires once (and never again, not after a restart), Fetch Test Event with nothing to
 * show is a clear error, and switching the provider, the credential or the events never replays history.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { adapterFor } from '../../nodes/ESignature/adapters';
import type { SignerAction } from '../../scripts/esignature/providers';
import { control, neutralProvider } from '../../scripts/esignature/providers';
import { single, trigger } from '../helpers';
import { eSignature, eSignatureTrigger, pdfItem, useESignature, WIRED } from './env';
import { EXPECTED } from './providers';

const env = useESignature();

const ANN = { name: 'Ann Berg', email: 'ann@example.com' };
const BO = { name: 'Bo Dahl', email: 'bo@example.com' };

let sent = 0;

/** A fresh envelope (each with its own title: Penneo refuses an identical submission). */
async function send(provider: string, signers = [ANN], caseId?: string): Promise<string> {
	sent += 1;
	const run = await env.engine.run(
		single(eSignature(provider, { operation: 'send', title: `Lease ${sent}`, binaryPropertyNames: 'data', signers: { signer: signers }, options: { signingOrder: 'default' } })),
		[pdfItem(caseId ? { caseId } : {})],
	);
	expect(run.error()).toBeUndefined();
	return String(run.output('E-Signature')[0].json.envelopeId);
}

async function act(provider: string, action: SignerAction, id: string, signer?: { email: string }) {
	const c = neutralProvider(provider).control(action, id, signer);
	await control(env.sandbox, c.route, c.body);
}

const ACTION: Record<string, SignerAction> = { completed: 'sign', declined: 'decline', expired: 'expire' };

const summary = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((i) => `${String(i.json.event)} ${String(i.json.envelopeId)}`);

describe.each(WIRED)('%s', (provider) => {
	const events = EXPECTED[provider].events;

	test('the events it fires dependably are the README’s', () => {
		const caps = adapterFor(provider)!.capabilities.events;
		expect(Object.keys(caps).filter((e) => caps[e as keyof typeof caps])).toEqual(expect.arrayContaining(events));
		expect(Object.values(caps).filter(Boolean)).toHaveLength(events.length);
	});

	test('first activation fires nothing, not even for an envelope that ended before it', async () => {
		const old = await send(provider);
		await act(provider, 'sign', old, ANN);
		const t = trigger(env.engine, eSignatureTrigger(provider, { events }));
		expect(await t.poll()).toEqual({ items: null });
		expect(await t.poll()).toEqual({ items: null });
	});

	test.each(events)('"%s" fires once, in the normalised shape; never again, not after a restart', async (event) => {
		const t = trigger(env.engine, eSignatureTrigger(provider, { events: [event] }));
		expect((await t.poll()).items).toBeNull();
		// A signer's signature: the first of two signers (where the provider takes two), so the envelope is not completed.
		const signers = event === 'signer.signed' && adapterFor(provider)!.capabilities.maxSigners !== 1 ? [ANN, BO] : [ANN];
		const id = await send(provider, signers);
		const other = await send(provider, signers);
		expect((await t.poll()).items).toBeNull();
		await act(provider, ACTION[event] ?? 'sign', id, ANN);
		const hit = await t.poll();
		expect(hit.error).toBeUndefined();
		expect(summary(hit.items)).toEqual([`${event} ${id}`]);
		const json = hit.items![0].json;
		expect(Object.keys(json).sort()).toEqual(['envelopeId', 'event', 'occurredAt', 'provider', 'providerEvent', ...(event === 'signer.signed' ? ['signer'] : [])].sort());
		expect(json.provider).toBe(provider);
		expect(json.providerEvent).toEqual(expect.any(Object));
		if (event === 'signer.signed') {
			// Named by email, or by name where the provider's list gives no email (Optimaite).
			const signer = json.signer as { email?: string; name?: string; status: string };
			expect(signer.status).toBe('signed');
			expect(signer.email !== undefined ? signer.email : signer.name).toBe(signer.email !== undefined ? ANN.email : ANN.name);
		}
		if (json.occurredAt !== null) expect(Number.isNaN(Date.parse(String(json.occurredAt)))).toBe(false);
		expect((await t.poll()).items).toBeNull();
		t.restart();
		expect((await t.poll()).items).toBeNull();
		// The other envelope still fires when its time comes.
		await act(provider, ACTION[event] ?? 'sign', other, ANN);
		expect(summary((await t.poll()).items)).toEqual([`${event} ${other}`]);
	});

	test('Fetch Test Event with nothing to show: a clear error naming the provider and the events; the active state is untouched', async () => {
		const t = trigger(env.engine, eSignatureTrigger(provider, { events: ['completed'] }));
		await t.poll();
		const before = t.savedStaticData;
		const manual = await t.poll('manual');
		expect(manual.error).toBeInstanceOf(NodeOperationError);
		expect(manual.error?.message).toBe(`No "Completed" event in ${adapterFor(provider)!.displayName} to show yet`);
		expect((manual.error as NodeOperationError).description).toMatch(/^Fetch Test Event shows the newest matching event/);
		expect(t.savedStaticData).toEqual(before);

		const id = await send(provider);
		await act(provider, 'sign', id, ANN);
		const shown = await t.poll('manual');
		expect(shown.error).toBeUndefined();
		expect(summary(shown.items)).toContain(`completed ${id}`);
		// Fetch Test Event does not use up the event for the active trigger.
		expect(summary((await t.poll()).items)).toEqual([`completed ${id}`]);
	});

	test('another credential is another account: a new baseline, nothing replayed', async () => {
		const node = eSignatureTrigger(provider, { events });
		const t = trigger(env.engine, node);
		await t.poll();
		const id = await send(provider);
		await act(provider, 'sign', id, ANN);
		const type = neutralProvider(provider).credentialType;
		node.credentials = { [type]: { id: 'another-account', name: 'Another account' } };
		t.reconfigure(node.parameters);
		expect((await t.poll()).items).toBeNull();
		expect((await t.poll()).items).toBeNull();
	});

	test('changed events: a new baseline (nothing that happened before fires)', async () => {
		const node = eSignatureTrigger(provider, { events: [events[0]] });
		const t = trigger(env.engine, node);
		await t.poll();
		const id = await send(provider, adapterFor(provider)!.capabilities.maxSigners === 1 ? [ANN] : [ANN, BO]);
		await act(provider, ACTION[events[events.length - 1]] ?? 'sign', id, ANN);
		t.reconfigure({ ...node.parameters, events });
		expect((await t.poll()).items).toBeNull();
		expect((await t.poll()).items).toBeNull();
	});

	test('damaged or foreign state is reset with a baseline: no crash, no replay', async () => {
		const t = trigger(env.engine, eSignatureTrigger(provider, { events: ['completed'] }));
		await t.poll();
		const id = await send(provider);
		await act(provider, 'sign', id, ANN);
		const damaged: IDataObject[] = [
			{ eSignatureWatching: 42, cursor: 'soon', seen: 'all' },
			{ eSignatureWatching: `other:${provider}-cred`, cursor: Date.now() - 86_400_000 },
			{ cursor: 0, seen: { x: 1 }, initialized: true },
			{},
		];
		for (const saved of damaged) {
			t.savedStaticData = { 'node:E-Signature Trigger': saved };
			const first = await t.poll();
			expect(first.error).toBeUndefined();
			expect(first.items).toBeNull();
		}
		const next = await send(provider);
		await act(provider, 'sign', next, ANN);
		expect(summary((await t.poll()).items)).toEqual([`completed ${next}`]);
	});
});

(WIRED.includes('optimaite') ? test : test.skip)('the provider’s own trigger options reach its trigger logic (Optimaite: Watch Specific Cases)', async () => {
	const otherCase = '7d3f1c2a-9b8e-4c6d-a5f4-3e2d1c0b9a87';
	const t = trigger(env.engine, eSignatureTrigger('optimaite', { events: ['completed'], optimaiteTriggerOptions: { watch: 'cases', caseIds: otherCase } }));
	await t.poll();
	const watched = await send('optimaite', [ANN], otherCase);
	const unwatched = await send('optimaite', [ANN]);
	await act('optimaite', 'sign', unwatched, ANN);
	await act('optimaite', 'sign', watched, ANN);
	expect(summary((await t.poll()).items)).toEqual([`completed ${watched}`]);
	expect(env.sandbox.requestsFor('optimaite').filter((r) => r.method === 'GET' && r.path.includes('/cases/')).every((r) => !r.path.includes('550e8400'))).toBe(true);
});

describe('switching the provider of an active trigger', () => {
	const pairs = WIRED.flatMap((a) => WIRED.filter((b) => b !== a).map((b) => [a, b] as const));
	const cases = pairs.length ? pairs : [];
	(cases.length ? test.each(cases) : test.skip.each([['', '']]))('%s → %s: the new provider’s history never fires', async (from, to) => {
		const node = eSignatureTrigger(from, { events: ['completed'] });
		const t = trigger(env.engine, node);
		await t.poll();
		const id = await send(to);
		await act(to, 'sign', id, ANN);
		const p = neutralProvider(to);
		node.credentials = { [p.credentialType]: { id: `${to}-cred`, name: `${to}-cred` } };
		t.reconfigure({ ...node.parameters, provider: to });
		expect((await t.poll()).items).toBeNull();
		const next = await send(to);
		await act(to, 'sign', next, ANN);
		expect(summary((await t.poll()).items)).toEqual([`completed ${next}`]);
	});
});
