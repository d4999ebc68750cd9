import { trigger } from '../helpers';
import { CASE, CLOSED_CASE, OTHER_CASE, optimaiteEnv, optimaiteTrigger, sentEnvelope, state } from './env';

const env = optimaiteEnv();

const events = (items: Array<{ json: Record<string, unknown> }> | null) => (items ?? []).map((i) => `${i.json.event} ${i.json.envelopeId}`);
const reads = () => env.sandbox.requestsFor('optimaite').map((r) => `${r.method} ${r.path}${r.search}`);
const envelopesOf = (caseId: string) => `GET /api/v1/cases/${caseId}/signed-documents`;

function addCases(n: number, from = 0) {
	return Array.from({ length: n }, (_, i) => {
		const id = `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`;
		state(env).addCase({ id, name: `Case ${from + i}`, created_at: '2026-01-01T00:00:00Z' });
		return id;
	});
}

describe('Optimaite Trigger', () => {
	test('fires each event once, never for what existed at activation', async () => {
		const old = sentEnvelope(env);
		state(env).sign(old.id); // completed before activation
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: CASE, events: ['completed', 'signerSigned'] }));

		expect((await runner.poll()).items).toBeNull(); // activation: history is not replayed

		const e = sentEnvelope(env, CASE, ['a@example.com', 'b@example.com']);
		expect((await runner.poll()).items).toBeNull(); // sent: not a chosen event
		state(env).sign(e.id, 'a@example.com');
		const first = await runner.poll();
		expect(events(first.items)).toEqual([`signer.signed ${e.id}`]);
		// The documented list entry has no signer email or id: the signer is what the answer shows.
		expect(first.items![0].json).toEqual({
			event: 'signer.signed',
			envelopeId: e.id,
			caseId: CASE,
			status: 'in_progress',
			title: e.title,
			signer: { name: 'a', status: 'signed', signed_at: expect.any(String) },
			envelope: { case_id: CASE, id: e.id, title: e.title, status: 'in_progress', signers: expect.any(Array) },
		});
		expect((await runner.poll()).items).toBeNull(); // nothing new → null

		state(env).sign(e.id, 'b@example.com');
		const second = await runner.poll();
		expect(events(second.items)).toEqual([`signer.signed ${e.id}`, `envelope.completed ${e.id}`]);
		expect(second.items![1].json).toMatchObject({ event: 'envelope.completed', envelopeId: e.id, caseId: CASE, status: 'completed' });
		expect((await runner.poll()).items).toBeNull();
		// One request per watched case per poll.
		expect(reads()).toEqual(Array(6).fill(envelopesOf(CASE)));
	});

	test('declined and expired, and "any status change"', async () => {
		const a = sentEnvelope(env);
		const b = sentEnvelope(env, OTHER_CASE);
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: `${CASE}, ${OTHER_CASE}`, events: ['declined', 'expired'] }));
		await runner.poll();
		state(env).end(a.id, 'declined');
		state(env).end(b.id, 'expired');
		expect(events((await runner.poll()).items).sort()).toEqual([`envelope.declined ${a.id}`, `envelope.expired ${b.id}`].sort());

		const c = sentEnvelope(env);
		const any = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: CASE, events: ['statusChanged'] }));
		await any.poll();
		state(env).open(c.id);
		expect(events((await any.poll()).items)).toEqual([`envelope.in_progress ${c.id}`]);
		state(env).sign(c.id);
		expect(events((await any.poll()).items)).toEqual([`envelope.completed ${c.id}`]);
	});

	test('an error does not advance: the event fires on the next good poll', async () => {
		const e = sentEnvelope(env);
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: CASE, events: ['completed'] }));
		await runner.poll();
		state(env).sign(e.id);
		env.sandbox.addFault({ prefix: 'optimaite', path: 'signed-documents', status: 503, times: 4 });
		const failed = await runner.poll();
		expect(failed.error?.message).toMatch(/^Optimaite rejected the request \(503\)/);
		expect(failed.items).toBeNull();
		expect(events((await runner.poll()).items)).toEqual([`envelope.completed ${e.id}`]);
	});

	test('a case in "Case IDs" that does not exist is an error naming it', async () => {
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: `${CASE}, 11111111-2222-4333-8444-555555555555`, events: ['completed'] }));
		const result = await runner.poll();
		expect(result.error?.message).toBe('Optimaite rejected the request (404): Case ID does not exist (CASE_NOT_FOUND)');
		expect((result.error as { description?: string }).description).toBe(
			'Case 11111111-2222-4333-8444-555555555555 in "Case IDs" does not exist in this Optimaite workspace (a test key sees only test data): remove it or correct it.',
		);
	});

	test('a restart from the saved state neither repeats nor loses events', async () => {
		const a = sentEnvelope(env);
		const b = sentEnvelope(env);
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: CASE, events: ['completed'] }));
		await runner.poll();
		state(env).sign(a.id);
		expect(events((await runner.poll()).items)).toEqual([`envelope.completed ${a.id}`]);
		runner.restart();
		expect((await runner.poll()).items).toBeNull();
		state(env).sign(b.id);
		runner.restart();
		expect(events((await runner.poll()).items)).toEqual([`envelope.completed ${b.id}`]);
		expect(Object.keys(runner.savedStaticData)).toEqual(['node:Optimaite Trigger']);
	});

	test('"All Active Cases" reads the active cases, not closed ones', async () => {
		const e = sentEnvelope(env, OTHER_CASE);
		sentEnvelope(env, CLOSED_CASE);
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'allActive', events: ['completed'] }));
		await runner.poll();
		state(env).sign(e.id);
		expect(events((await runner.poll()).items)).toEqual([`envelope.completed ${e.id}`]);
		expect(reads()).not.toContain(envelopesOf(CLOSED_CASE));
		expect(reads().slice(0, 3)).toEqual(['GET /api/v1/cases?status=active&limit=100', envelopesOf(CASE), envelopesOf(OTHER_CASE)]);
	});

	test('"All Active Cases": a case created after activation fires for what happened before its first reading', async () => {
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'allActive', events: ['declined'] }));
		await runner.poll();
		const fresh = '99999999-0000-4000-8000-000000000001';
		state(env).addCase({ id: fresh, name: 'New matter', created_at: new Date(Date.now() + 1000).toISOString() });
		const e = sentEnvelope(env, fresh);
		state(env).end(e.id, 'declined'); // no time in the documented answer: fires because the case is new
		expect(events((await runner.poll()).items)).toEqual([`envelope.declined ${e.id}`]);
	});

	test('manual mode ("Fetch Test Event") returns one recent event and changes nothing', async () => {
		const e = sentEnvelope(env);
		state(env).sign(e.id);
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: CASE, events: ['completed'] }));
		const sample = await runner.poll('manual');
		expect(events(sample.items)).toEqual([`envelope.completed ${e.id}`]);
		expect(runner.savedStaticData).toEqual({});
	});

	test('no case ids (or no event) is a clear error before any request', async () => {
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: ' ', events: ['completed'] }));
		expect((await runner.poll()).error?.message).toBe('Enter at least one case ID in "Case IDs", or choose "All Active Cases"');
		const none = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: CASE, events: [] }));
		expect((await none.poll()).error?.message).toBe('Choose at least one event in "Events"');
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(0);
	});
});

describe('Optimaite Trigger: changing what is watched replays nothing', () => {
	test('adding a case with an old completed envelope fires nothing; a new completion there fires once', async () => {
		const old = sentEnvelope(env, OTHER_CASE, ['a@example.com'], 'old.pdf', Date.now() - 7_200_000);
		state(env).sign(old.id, undefined, Date.now() - 3_600_000); // an hour ago
		const parameters = { watch: 'cases', caseIds: CASE, events: ['completed'] };
		const runner = trigger(env.engine, optimaiteTrigger(parameters));
		expect((await runner.poll()).items).toBeNull();
		expect((await runner.poll()).items).toBeNull();

		runner.reconfigure({ ...parameters, caseIds: `${CASE}, ${OTHER_CASE}` });
		const added = await runner.poll();
		expect(added.error).toBeUndefined();
		expect(added.items).toBeNull(); // the old completed envelope of the added case is history
		expect(reads().slice(-2)).toEqual([envelopesOf(OTHER_CASE), envelopesOf(CASE)]); // the new case is read first

		const fresh = sentEnvelope(env, OTHER_CASE);
		state(env).sign(fresh.id);
		expect(events((await runner.poll()).items)).toEqual([`envelope.completed ${fresh.id}`]);
		expect((await runner.poll()).items).toBeNull();
		runner.restart();
		expect((await runner.poll()).items).toBeNull();
	});

	test('removing a case and adding it back replays nothing either', async () => {
		const parameters = { watch: 'cases', caseIds: `${CASE}, ${OTHER_CASE}`, events: ['completed'] };
		const runner = trigger(env.engine, optimaiteTrigger(parameters));
		await runner.poll();
		runner.reconfigure({ ...parameters, caseIds: CASE });
		expect((await runner.poll()).items).toBeNull();
		const meanwhile = sentEnvelope(env, OTHER_CASE, ['a@example.com'], 'c.pdf', Date.now() - 7_200_000);
		state(env).sign(meanwhile.id, undefined, Date.now() - 3_600_000); // while the case was not watched
		runner.reconfigure(parameters);
		expect((await runner.poll()).items).toBeNull();
	});

	test('choosing other events (or another watch mode) starts a new baseline', async () => {
		const e = sentEnvelope(env, CASE, ['a@example.com', 'b@example.com']);
		const parameters = { watch: 'cases', caseIds: CASE, events: ['completed'] };
		const runner = trigger(env.engine, optimaiteTrigger(parameters));
		await runner.poll();
		state(env).sign(e.id, 'a@example.com'); // not a chosen event: remembered
		expect((await runner.poll()).items).toBeNull();
		runner.reconfigure({ ...parameters, events: ['completed', 'signerSigned'] });
		expect((await runner.poll()).items).toBeNull(); // the earlier signature is history for the new choice
		state(env).sign(e.id, 'b@example.com');
		expect(events((await runner.poll()).items)).toEqual([`signer.signed ${e.id}`, `envelope.completed ${e.id}`]);
	});

	test('the trigger’s own state, damaged or from an older version, is reset without a crash or a replay', async () => {
		const e = sentEnvelope(env);
		state(env).sign(e.id);
		const parameters = { watch: 'cases', caseIds: CASE, events: ['completed'] };
		const runner = trigger(env.engine, optimaiteTrigger(parameters));
		await runner.poll();
		const saved = runner.savedStaticData as Record<string, Record<string, unknown>>;
		const node = saved['node:Optimaite Trigger'];
		expect(node.optimaite).toEqual({ v: 1, settings: expect.any(String), startedAt: expect.any(Number), known: { [CASE]: expect.any(Number) }, pending: {} });
		for (const damaged of [{ v: 1, known: [CASE], pending: [] }, 'garbage', { v: 0, cases: [CASE] }, null, { ...(node.optimaite as object), startedAt: 'yesterday' }]) {
			runner.savedStaticData = { 'node:Optimaite Trigger': { ...node, optimaite: damaged } } as never;
			const result = await runner.poll();
			expect(result.error).toBeUndefined();
			expect(result.items).toBeNull();
		}
		const later = sentEnvelope(env);
		state(env).sign(later.id);
		expect(events((await runner.poll()).items)).toEqual([`envelope.completed ${later.id}`]);
	});
});

describe('Optimaite Trigger: the request budget', () => {
	test('with more cases than "Max Requests per Poll", the cases take turns and no event is lost', async () => {
		const ids = addCases(12);
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: ids.join(','), events: ['completed'], maxRequests: 5 }));
		// Envelopes completed before activation, in cases the first poll cannot reach yet: history, never fired.
		for (const id of ids.slice(5)) state(env).sign(sentEnvelope(env, id, ['a@example.com'], 'old.pdf', Date.now() - 7_200_000).id, undefined, Date.now() - 3_600_000);
		const perPoll: number[] = [];
		const poll = async () => {
			env.sandbox.requests.length = 0;
			const r = await runner.poll();
			expect(r.error).toBeUndefined();
			perPoll.push(env.sandbox.requestsFor('optimaite').length);
			return r;
		};
		expect((await poll()).items).toBeNull();
		// After activation: one completion in every case, some while their case has not been read once yet.
		const fresh = ids.map((id) => sentEnvelope(env, id));
		for (const e of fresh) state(env).sign(e.id);
		const fired: string[] = [];
		for (let p = 0; p < 4; p++) fired.push(...events((await poll()).items));
		expect(fired.sort()).toEqual(fresh.map((e) => `envelope.completed ${e.id}`).sort());
		expect(perPoll.every((n) => n === 5)).toBe(true);
		expect(new Set(fired).size).toBe(fired.length);
	});

	test('"All Active Cases": listing counts against the budget', async () => {
		addCases(250);
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'allActive', events: ['completed'], maxRequests: 5 }));
		await runner.poll();
		expect(reads()).toEqual([
			'GET /api/v1/cases?status=active&limit=100',
			expect.stringMatching(/^GET \/api\/v1\/cases\?status=active&limit=100&cursor=/),
			expect.stringMatching(/^GET \/api\/v1\/cases\?status=active&limit=100&cursor=/),
			expect.stringMatching(/signed-documents$/),
			expect.stringMatching(/signed-documents$/),
		]);
	});

	test('requests are spaced to the Standard plan’s 10 a second: no 429 from the documented burst limit', async () => {
		const ids = addCases(24);
		env.engine.setCredentials('optimaiteApi', { apiKey: 'opt_test_sandbox', environment: 'custom', baseUrl: `${env.sandbox.url('optimaite')}/api/v1`, plan: 'standard' });
		Object.assign(state(env).rateLimit, { enabled: true, perMinute: 1000, perSecond: 10 });
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: ids.join(','), events: ['completed'], maxRequests: 24 }));
		const started = Date.now();
		expect((await runner.poll()).error).toBeUndefined();
		const statuses = env.sandbox.requestsFor('optimaite').map((r) => r.status);
		expect(statuses).toEqual(Array(24).fill(200));
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000); // 24 requests at ≤ 10 a second
	});

	test('a request that reaches Optimaite late (latency) does not let the eleventh into the same second there', async () => {
		const ids = addCases(11);
		env.engine.setCredentials('optimaiteApi', { apiKey: 'opt_test_sandbox', environment: 'custom', baseUrl: `${env.sandbox.url('optimaite')}/api/v1`, plan: 'standard' });
		Object.assign(state(env).rateLimit, { enabled: true, perMinute: 1000, perSecond: 10 });
		// The first answer takes 400 ms: Optimaite may have counted that request at any time until it answered, so the
		// eleventh request waits a second after the answer, not after the send (else, with latency, 11 in one second).
		env.sandbox.addFault({ prefix: 'optimaite', path: 'signed-documents', delayMs: 400 });
		const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: ids.join(','), events: ['completed'], maxRequests: 11 }));
		const started = Date.now();
		expect((await runner.poll()).error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
		expect(env.sandbox.requestsFor('optimaite').map((r) => r.status)).toEqual(Array(11).fill(200));
	});
});
