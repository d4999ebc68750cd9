import { makePdf } from '../../sandbox/server';
import { trigger } from '../helpers';
import { CASE, OTHER_CASE, optimaiteEnv, optimaiteTrigger, state } from './env';

const env = optimaiteEnv();

function envelope(caseId = CASE, signers = ['a@example.com']) {
	const s = state(env);
	const doc = s.storeDocument(caseId, 'contract.pdf', 'application/pdf', makePdf('c'));
	const id = `env_${s.envelopes.size + 1}`;
	s.envelopes.set(id, {
		id,
		case_id: caseId,
		title: `Envelope ${id}`,
		status: 'sent',
		signing_order: 'sequential',
		send_emails: true,
		documents: [{ id: `sd_${id}`, document_id: doc.id, filename: doc.filename, signed_document_id: null }],
		signers: signers.map((email, i) => ({ id: `${id}_s${i}`, name: email, email, role: 'signer', status: 'pending', signed_at: null })),
		created_at: new Date().toISOString(),
		completed_at: null,
	});
	return id;
}

const events = (items: Array<{ json: Record<string, unknown> }> | null) => (items ?? []).map((i) => `${i.json.event} ${i.json.envelopeId}`);

describe('Optimaite Trigger', () => {
	test('fires each event once, never for what existed at activation', async () => {
		const old = envelope();
		state(env).sign(old); // completed before activation
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: CASE, events: ['completed', 'signerSigned'] }));

		expect((await runner.poll()).items).toBeNull(); // activation: history is not replayed

		const id = envelope(CASE, ['a@example.com', 'b@example.com']);
		expect((await runner.poll()).items).toBeNull(); // sent: not a chosen event
		state(env).sign(id, 'a@example.com');
		const first = await runner.poll();
		expect(events(first.items)).toEqual([`signer.signed ${id}`]);
		expect(first.items![0].json).toMatchObject({ caseId: CASE, status: 'in_progress', signer: { email: 'a@example.com', status: 'signed' } });
		expect((await runner.poll()).items).toBeNull(); // nothing new → null

		state(env).sign(id, 'b@example.com');
		const second = await runner.poll();
		expect(events(second.items)).toEqual([`signer.signed ${id}`, `envelope.completed ${id}`]);
		const completed = second.items![1].json;
		expect(completed.signedDocumentIds).toEqual([expect.stringMatching(/^doc_/)]);
		expect((await runner.poll()).items).toBeNull();
		// One request per watched case per poll.
		expect(env.sandbox.requestsFor('optimaite').every((r) => r.path === `/api/v1/cases/${CASE}/signed-documents`)).toBe(true);
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(6);
	});

	test('declined and expired, and "any status change"', async () => {
		const a = envelope();
		const b = envelope(OTHER_CASE);
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: `${CASE}, ${OTHER_CASE}`, events: ['declined', 'expired'] }));
		await runner.poll();
		state(env).setStatus(a, 'declined');
		state(env).setStatus(b, 'expired');
		expect(events((await runner.poll()).items).sort()).toEqual([`envelope.declined ${a}`, `envelope.expired ${b}`]);

		const c = envelope();
		const any = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: CASE, events: ['statusChanged'] }));
		await any.poll();
		state(env).setStatus(c, 'in_progress');
		expect(events((await any.poll()).items)).toEqual([`envelope.in_progress ${c}`]);
		state(env).sign(c);
		expect(events((await any.poll()).items)).toEqual([`envelope.completed ${c}`]);
	});

	test('an error does not advance: the event fires on the next good poll', async () => {
		const id = envelope();
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: CASE, events: ['completed'] }));
		await runner.poll();
		state(env).sign(id);
		env.sandbox.addFault({ prefix: 'optimaite', path: 'signed-documents', status: 503, times: 4 });
		const failed = await runner.poll();
		expect(failed.error?.message).toMatch(/^Optimaite rejected the request \(503\)/);
		expect(failed.items).toBeNull();
		expect(events((await runner.poll()).items)).toEqual([`envelope.completed ${id}`]);
	});

	test('a restart from the saved state neither repeats nor loses events', async () => {
		const a = envelope();
		const b = envelope();
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: CASE, events: ['completed'] }));
		await runner.poll();
		state(env).sign(a);
		expect(events((await runner.poll()).items)).toEqual([`envelope.completed ${a}`]);
		runner.restart();
		expect((await runner.poll()).items).toBeNull();
		state(env).sign(b);
		runner.restart();
		expect(events((await runner.poll()).items)).toEqual([`envelope.completed ${b}`]);
		expect(Object.keys(runner.savedStaticData)).toEqual(['node:Optimaite Trigger']);
	});

	test('"All Active Cases" reads the active cases, not closed ones', async () => {
		const id = envelope(OTHER_CASE);
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'allActive', events: ['completed'] }));
		await runner.poll();
		state(env).sign(id);
		expect(events((await runner.poll()).items)).toEqual([`envelope.completed ${id}`]);
		const paths = env.sandbox.requestsFor('optimaite').map((r) => r.path);
		expect(paths).not.toContain('/api/v1/cases/c0ffee00-1111-4222-8333-444455556666/signed-documents');
		expect(env.sandbox.requestsFor('optimaite')[0].query).toEqual({ status: 'active', limit: '100' });
	});

	test('manual mode ("Fetch Test Event") returns one recent event and changes nothing', async () => {
		const id = envelope();
		state(env).sign(id);
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: CASE, events: ['completed'] }));
		const sample = await runner.poll('manual');
		expect(events(sample.items)).toEqual([`envelope.completed ${id}`]);
		expect(runner.savedStaticData).toEqual({});
	});

	test('no case ids is a clear error before any request', async () => {
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: ' ', events: ['completed'] }));
		expect((await runner.poll()).error?.message).toBe('Enter at least one case ID in "Case IDs", or choose "All Active Cases"');
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(0);
	});
});
