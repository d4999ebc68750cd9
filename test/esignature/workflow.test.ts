/**
 * One workflow for every provider: the two E-Signature example workflows (examples/esignature-*.json) run through
 * n8n's engine against each wired provider's sandbox, changed only in "Provider" and the credential
 * (`forProvider`). Each provider must receive its documented requests, and n8n must get the same normalised output.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { control, forProvider, neutralProvider } from '../../scripts/esignature/providers';
import { binaryContent, single, trigger } from '../helpers';
import { CONTRACT, eSignature, example, pdfItem, useESignature, WIRED } from './env';
import { EXPECTED, expectLines } from './providers';

const env = useESignature();

const lines = (provider: string) =>
	env.sandbox.requests
		.filter((r) => EXPECTED[provider].prefixes.includes(r.prefix))
		.map((r) => `${r.method} ${r.path}`)
		.filter((line) => !EXPECTED[provider].ignore?.test(line));

function clear() {
	env.sandbox.requests.length = 0;
}

async function sendExample(provider: string): Promise<Record<string, any>> {
	const run = await env.engine.run(forProvider(example('esignature-send-for-signature.json'), provider), [pdfItem(CONTRACT, { data: 'employment-agreement.pdf' })]);
	expect(run.error()).toBeUndefined();
	const out = run.output('Send for Signature');
	expect(out).toHaveLength(1);
	return out[0].json as Record<string, any>;
}

test('the examples differ between providers only in "Provider" and the credential', () => {
	for (const file of ['esignature-send-for-signature.json', 'esignature-file-signed-document.json']) {
		const base = example(file);
		for (const provider of WIRED) {
			const moved = forProvider(base, provider);
			expect(moved.connections).toEqual(base.connections);
			moved.nodes.forEach((n, i) => {
				const { provider: _p, ...rest } = n.parameters;
				const { provider: _q, ...baseRest } = base.nodes[i].parameters;
				expect(rest).toEqual(baseRest);
				if (/eSignature/.test(n.type)) expect(Object.keys(n.credentials ?? {})).toEqual([neutralProvider(provider).credentialType]);
			});
		}
	}
});

describe.each(WIRED)('%s', (provider) => {
	const expected = EXPECTED[provider];
	const p = neutralProvider(provider);

	test('send (example) → Get Status → the signer signs → the trigger (example) fires Completed once → the signed PDF', async () => {
		const file = forProvider(example('esignature-file-signed-document.json'), provider);
		const t = trigger(env.engine, file.nodes[0]);
		expect(await t.poll()).toEqual({ items: null });

		clear();
		const sent = await sendExample(provider);
		expectLines(lines(provider), expected.send(String(sent.envelopeId)));
		expect(sent).toEqual({
			provider,
			envelopeId: expect.stringMatching(/\S/),
			status: expected.sentStatus,
			signers: [expect.objectContaining({ name: CONTRACT.signerName, email: CONTRACT.signerEmail, status: 'pending' })],
			providerResponse: expect.any(Object),
		});
		const id = sent.envelopeId as string;
		// Only the normalised keys; a signing link only as a URL.
		for (const s of sent.signers) {
			expect(Object.keys(s).filter((k) => !['name', 'email', 'status', 'signingUrl', 'signedAt'].includes(k))).toEqual([]);
			if (s.signingUrl !== undefined) expect(s.signingUrl).toMatch(/^https?:\/\//);
		}

		clear();
		const status = await env.engine.run(single(eSignature(provider, { operation: 'getStatus', envelopeId: id })));
		expect(status.error()).toBeUndefined();
		expectLines(lines(provider), expected.getStatus(id));
		expect(status.output('E-Signature')[0].json).toMatchObject({ provider, envelopeId: id, status: expected.sentStatus, signers: [{ status: 'pending' }] });
		expect(status.output('E-Signature')[0].pairedItem).toEqual({ item: 0 });

		expect((await t.poll()).items).toBeNull();
		const sign = p.control('sign', id, { email: CONTRACT.signerEmail });
		await control(env.sandbox, sign.route, sign.body);

		const hit = await t.poll();
		expect(hit.error).toBeUndefined();
		expect(hit.items).toHaveLength(1);
		const event = hit.items![0].json;
		expect(event).toEqual({ provider, envelopeId: id, event: 'completed', occurredAt: event.occurredAt, providerEvent: expect.any(Object) });
		if (event.occurredAt !== null) expect(Number.isNaN(Date.parse(String(event.occurredAt)))).toBe(false);
		expect((await t.poll()).items).toBeNull();
		t.restart();
		expect((await t.poll()).items).toBeNull();

		const done = await env.engine.run(single(eSignature(provider, { operation: 'getStatus', envelopeId: id })));
		expect(done.output('E-Signature')[0].json).toMatchObject({ provider, envelopeId: id, status: 'completed', signers: [{ status: 'signed' }] });

		clear();
		const download = await env.engine.run(file, hit.items as INodeExecutionData[], 'Download Signed PDF');
		expect(download.error()).toBeUndefined();
		expectLines(lines(provider), expected.download(id));
		const files = download.output('Download Signed PDF');
		expect(files.length).toBeGreaterThan(0);
		for (const f of files) {
			expect(f.json).toEqual({ provider, envelopeId: id, file: 'signed', fileName: expect.stringMatching(/\.pdf$/), mimeType: 'application/pdf', providerResponse: expect.any(Object) });
			expect(binaryContent(f).subarray(0, 5).toString()).toBe('%PDF-');
			expect(f.pairedItem).toEqual({ item: 0 });
		}
	});

	(expected.cancel ? test : test.skip)('Cancel: the provider’s void or delete, reported in one shape', async () => {
		const sent = await sendExample(provider);
		const id = sent.envelopeId as string;
		clear();
		const run = await env.engine.run(single(eSignature(provider, { operation: 'cancel', envelopeId: id, reason: 'Sent to the wrong address' })));
		expect(run.error()).toBeUndefined();
		expectLines(lines(provider), expected.cancel!(id));
		expect(run.output('E-Signature')[0].json).toEqual({ provider, envelopeId: id, cancelled: true, method: expected.cancelMethod, providerResponse: expect.any(Object) });
	});

	test('several items: each its own envelope; with Continue On Fail a bad item is an error item paired to it, the others still go', async () => {
		const items = [pdfItem({ ...CONTRACT }), pdfItem({ ...CONTRACT, signerEmail: 'not-an-email' }), pdfItem({ ...CONTRACT, signerName: 'Ann Berg', signerEmail: 'ann@example.com' })];
		const wf = forProvider(example('esignature-send-for-signature.json'), provider);
		(wf.nodes[1] as { continueOnFail?: boolean }).continueOnFail = true;
		const run = await env.engine.run(wf, items);
		expect(run.error()).toBeUndefined();
		const out = run.output('Send for Signature');
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json).toMatchObject({ provider, signers: [{ email: CONTRACT.signerEmail }] });
		expect(out[1].json).toEqual({ error: 'Invalid "Email" (signer 1) must be a valid email address [item 1]', description: 'Fix "Email" (signer 1) and run the node again.' });
		expect(out[2].json).toMatchObject({ provider, signers: [{ name: 'Ann Berg', email: 'ann@example.com' }] });
		expect(out[0].json.envelopeId).not.toBe(out[2].json.envelopeId);
	});
});

test('the national ID never reaches the output', async () => {
	const withId = WIRED.filter((provider) => EXPECTED[provider] && neutralProvider(provider));
	for (const provider of withId) {
		const adapterHasId = (await import('../../nodes/ESignature/adapters')).adapterFor(provider)!.capabilities.nationalId;
		if (!adapterHasId) continue;
		const run = await env.engine.run(
			single(eSignature(provider, { operation: 'send', title: 'NDA', binaryPropertyNames: 'data', signers: { signer: [{ name: 'Ann Berg', email: 'ann@example.com', nationalId: '0101901234' }] } })),
			[pdfItem()],
		);
		expect(run.error()).toBeUndefined();
		expect(JSON.stringify(run.output('E-Signature') as unknown as IDataObject)).not.toContain('0101901234');
	}
});
