/**
 * EasyInk Trigger across several polls against the independent sandbox (where, as documented, no search filter
 * returns Pending sessions): no history, each event once, Session Started before anyone signs, page boundaries,
 * restarts, manual mode, errors, the bounded and validated memory, and event-choice changes without replay.
 */
import type { IDataObject } from 'n8n-workflow';

import { trigger } from '../helpers';
import { API, control, easyInkTrigger, seedSession, useEasyInkEnv } from './env';

const env = useEasyInkEnv();

const ALL = ['started', 'participantSigned', 'sessionFinished', 'declined', 'voided', 'expired'];
const two = [
	{ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' },
	{ firstName: 'Bob', lastName: 'Ray', email: 'bob@example.com' },
];
const one = [{ firstName: 'Cy', lastName: 'Sol', email: 'cy@example.com' }];

const events = (items: Array<{ json: IDataObject }> | null | undefined) =>
	(items ?? []).map((i) => `${i.json.event}:${i.json.signingSessionId}${i.json.participant ? `:${(i.json.participant as IDataObject).email}` : ''}`);
const api = () => env.sandbox.requestsFor(API);
const searches = () => api().filter((r) => r.path === '/api/signingSessions');
/** The statuses a search asked for (repeated query parameter); '' = no filter (every session). */
const lists = (r: { search: string }) => new URLSearchParams(r.search).getAll('statuses').join(',');
const ENDED = 'Finished,Declined,Voided,Expired';
const DRAFTS = 'Draft,ReadyToStart';
/** The node's static data as n8n saved it, and the trigger's own memory in it. */
const NODE = 'node:Trigger';
const nodeData = (runner: ReturnType<typeof trigger>) => runner.savedStaticData[NODE] as IDataObject;
const memory = (runner: ReturnType<typeof trigger>) => nodeData(runner).easyInk as Record<string, any>;  
/** Replaces what n8n would load for the node (as if written by another version or damaged). */
const load = (runner: ReturnType<typeof trigger>, data: IDataObject) => (runner.savedStaticData = { [NODE]: data });

test('fires each event once, never for history from before activation', async () => {
	const old = await seedSession(env.sandbox, 'Finished', 'Old finished', two);
	const running = await seedSession(env.sandbox, 'Pending', 'Running', two);
	const runner = trigger(env.engine, easyInkTrigger({ events: ALL }));

	expect(await runner.poll()).toEqual({ items: null });
	// Activation reads every session once (one page here), newest first, and (Participant Signed is chosen) the running
	// session in detail, so that signatures given before activation are remembered; nothing fires.
	expect(api().map((r) => `${r.method} ${r.path} ${lists(r)}`)).toEqual(['GET /api/signingSessions ', `GET /api/signingSessions/${running.signingSessionId} `]);
	expect(searches()[0].query).toMatchObject({ pageIndex: '0', pageSize: '100', 'sorting.properties[0].propertyName': 'created', 'sorting.properties[0].isDescending': 'true' });

	env.sandbox.requests.length = 0;
	expect((await runner.poll()).items).toBeNull();
	// All sessions page 0, the ended list page 0, and (Participant Signed) the running session in detail.
	expect(api().map((r) => `${r.method} ${r.path} ${lists(r)}`)).toEqual([
		'GET /api/signingSessions ',
		`GET /api/signingSessions ${ENDED}`,
		`GET /api/signingSessions/${running.signingSessionId} `,
	]);

	await control(env.sandbox, `/sessions/${running.signingSessionId}/sign`, { email: 'ann@example.com' });
	const signed = await runner.poll();
	expect(events(signed.items)).toEqual([`participant.signed:${running.signingSessionId}:ann@example.com`]);
	expect(signed.items![0].json).toMatchObject({ event: 'participant.signed', subject: 'Running', status: 'InProgress', participant: { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', status: 'Signed' } });
	expect((await runner.poll()).items).toBeNull();

	await control(env.sandbox, `/sessions/${running.signingSessionId}/sign`, { email: 'bob@example.com' });
	const finished = await runner.poll();
	expect(events(finished.items).sort()).toEqual([`participant.signed:${running.signingSessionId}:bob@example.com`, `session.finished:${running.signingSessionId}`].sort());
	expect((await runner.poll()).items).toBeNull();
	// The session finished before activation was never read in detail and never fired.
	expect(api().some((r) => r.path.endsWith(old.signingSessionId))).toBe(false);
});

test('Participant Signed: a signature given before activation (or before the event was chosen) never fires', async () => {
	const half = await seedSession(env.sandbox, 'InProgress', 'Half signed before', two);
	const runner = trigger(env.engine, easyInkTrigger({ events: ['participantSigned'] }));
	expect((await runner.poll()).items).toBeNull();
	expect((await runner.poll()).items).toBeNull();
	await control(env.sandbox, `/sessions/${half.signingSessionId}/sign`, { email: 'bob@example.com' });
	expect(events((await runner.poll()).items)).toEqual([`participant.signed:${half.signingSessionId}:bob@example.com`]);

	const other = await seedSession(env.sandbox, 'InProgress', 'Signed while not watched', two);
	const later = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished'] }, 'Later'));
	await later.poll();
	later.reconfigure(easyInkTrigger({ events: ['sessionFinished', 'participantSigned'] }, 'Later').parameters);
	expect((await later.poll()).items).toBeNull();
	expect((await later.poll()).items).toBeNull();
	await control(env.sandbox, `/sessions/${other.signingSessionId}/sign`, { email: 'bob@example.com' });
	expect(events((await later.poll()).items).sort()).toEqual([`participant.signed:${other.signingSessionId}:bob@example.com`, `session.finished:${other.signingSessionId}`].sort());
});

test('Session Started fires for a started single-signer session before anyone signs (Pending: no search filter returns it)', async () => {
	const draft = await seedSession(env.sandbox, 'Draft', 'Prepared yesterday', one);
	const runner = trigger(env.engine, easyInkTrigger({ events: ['started'] }));
	await runner.poll();

	// Sent by a workflow between two polls (created and started): the newest sessions.
	const fresh = await seedSession(env.sandbox, 'Pending', 'Sent now', one);
	// A draft created before activation, started now: deep in the list by creation date.
	const s = env.state.sessions.get(draft.signingSessionId)!;
	s.status = 'ReadyToStart';
	env.state.start(s);
	expect(s.status).toBe('Pending');
	env.sandbox.requests.length = 0;

	const out = await runner.poll();
	expect(events(out.items).sort()).toEqual([`session.started:${draft.signingSessionId}`, `session.started:${fresh.signingSessionId}`].sort());
	expect(out.items!.find((i) => i.json.signingSessionId === fresh.signingSessionId)!.json).toEqual({
		event: 'session.started',
		signingSessionId: fresh.signingSessionId,
		subject: 'Sent now',
		status: 'Pending',
		created: env.state.sessions.get(fresh.signingSessionId)!.created,
	});
	// The known draft is looked for in the not-started list; it left it, so it is read once.
	expect(api().map((r) => `${r.method} ${r.path} ${lists(r)}`)).toEqual([
		`GET /api/signingSessions ${DRAFTS}`,
		`GET /api/signingSessions/${draft.signingSessionId} `,
		'GET /api/signingSessions ',
		`GET /api/signingSessions ${ENDED}`,
	]);
	expect((await runner.poll()).items).toBeNull();
	// Signing and finishing does not fire "started" again.
	await control(env.sandbox, `/sessions/${fresh.signingSessionId}/sign`);
	expect((await runner.poll()).items).toBeNull();
});

test('with only session events chosen, a poll with nothing new is two requests', async () => {
	await seedSession(env.sandbox, 'Pending', 'Running', two);
	const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished', 'declined'] }));
	await runner.poll();
	env.sandbox.requests.length = 0;
	expect((await runner.poll()).items).toBeNull();
	expect(api().map((r) => `${r.method} ${r.path} ${lists(r)}`)).toEqual(['GET /api/signingSessions ', `GET /api/signingSessions ${ENDED}`]);
});

test('started, declined, voided and expired fire once each; only the chosen events fire; Include Session Details adds the session', async () => {
	const runner = trigger(env.engine, easyInkTrigger({ events: ['started', 'declined', 'voided', 'expired'], includeDetails: true }));
	await runner.poll();
	const a = await seedSession(env.sandbox, 'Pending', 'A', two);
	const b = await seedSession(env.sandbox, 'Pending', 'B', two);
	const c = await seedSession(env.sandbox, 'Pending', 'C', two);
	expect(events((await runner.poll()).items).sort()).toEqual([`session.started:${a.signingSessionId}`, `session.started:${b.signingSessionId}`, `session.started:${c.signingSessionId}`].sort());

	await control(env.sandbox, `/sessions/${a.signingSessionId}/decline`);
	env.state.sessions.get(b.signingSessionId)!.status = 'Voided';
	await control(env.sandbox, `/sessions/${c.signingSessionId}/expire`);
	const out = await runner.poll();
	expect(events(out.items).sort()).toEqual([`session.declined:${a.signingSessionId}`, `session.voided:${b.signingSessionId}`, `session.expired:${c.signingSessionId}`].sort());
	const declined = out.items!.find((i) => i.json.event === 'session.declined')!.json;
	expect((declined.participants as IDataObject[]).map((p) => p.status)).toEqual(['Declined', 'Pending']);
	expect((await runner.poll()).items).toBeNull();

	// A session created and finished between two polls: started (and the not chosen finished); no signer events.
	const d = await seedSession(env.sandbox, 'Finished', 'D', two);
	expect(events((await runner.poll()).items)).toEqual([`session.started:${d.signingSessionId}`]);
});

test('a session ending deep in the lists fires, and sessions moving between pages are not repeated', async () => {
	const first = await seedSession(env.sandbox, 'Pending', 'Oldest', two);
	// 104 sessions created later and already finished: the oldest one will be on page 2 of the ended list.
	for (let i = 0; i < 104; i++) env.state.start(Object.assign(env.state.newSession(`Filler ${i}`), { status: 'ReadyToStart' }));
	for (const s of env.state.sessions.values()) if (s.subject?.startsWith('Filler')) s.status = 'Finished';
	const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished', 'started'] }));
	await runner.poll();
	expect(searches().map((r) => `${r.query.pageIndex} ${lists(r)}`)).toEqual(['0 ', '1 ']);

	env.sandbox.requests.length = 0;
	const n1 = await seedSession(env.sandbox, 'Pending', 'New 1', two);
	const n2 = await seedSession(env.sandbox, 'Pending', 'New 2', two);
	await control(env.sandbox, `/sessions/${first.signingSessionId}/sign`);
	await control(env.sandbox, `/sessions/${first.signingSessionId}/sign`);
	const out = await runner.poll();
	expect(events(out.items).sort()).toEqual([`session.started:${n1.signingSessionId}`, `session.started:${n2.signingSessionId}`, `session.finished:${first.signingSessionId}`].sort());
	// All sessions: 2 unseen, both on page 0. Ended list: 105, 104 accounted for: on to page 1, where it is.
	expect(searches().map((r) => `${r.query.pageIndex} ${lists(r)}`)).toEqual(['0 ', `0 ${ENDED}`, `1 ${ENDED}`]);
	env.sandbox.requests.length = 0;
	expect((await runner.poll()).items).toBeNull();
	expect(searches().map((r) => `${r.query.pageIndex} ${lists(r)}`)).toEqual(['0 ', `0 ${ENDED}`]);
});

test('a restart from the saved state fires nothing old and still fires what is new', async () => {
	const s = await seedSession(env.sandbox, 'Pending', 'Before restart', two);
	const runner = trigger(env.engine, easyInkTrigger({ events: ALL }));
	await runner.poll();
	await control(env.sandbox, `/sessions/${s.signingSessionId}/sign`, { email: 'ann@example.com' });
	expect(events((await runner.poll()).items)).toEqual([`participant.signed:${s.signingSessionId}:ann@example.com`]);

	runner.restart();
	expect((await runner.poll()).items).toBeNull();
	await control(env.sandbox, `/sessions/${s.signingSessionId}/sign`, { email: 'bob@example.com' });
	runner.restart();
	expect(events((await runner.poll()).items).sort()).toEqual([`participant.signed:${s.signingSessionId}:bob@example.com`, `session.finished:${s.signingSessionId}`].sort());
	runner.restart();
	expect((await runner.poll()).items).toBeNull();
});

test('an error keeps the state: the next poll fires what the failed one missed', async () => {
	const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished'] }));
	await runner.poll();
	const s = await seedSession(env.sandbox, 'Finished', 'Finished while failing', two);
	env.sandbox.addFault({ prefix: API, method: 'GET', path: '/api/signingSessions', status: 500, times: 4 });
	const failed = await runner.poll();
	expect(failed.items).toBeNull();
	expect(failed.error?.message).toMatch(/EasyInk rejected the request \(500\)/);
	expect(events((await runner.poll()).items)).toEqual([`session.finished:${s.signingSessionId}`]);
});

test('manual mode returns one recent example and changes nothing; Simplify off returns the whole session', async () => {
	const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished'], simplify: false }));
	await runner.poll();
	await seedSession(env.sandbox, 'Finished', 'Older', two);
	const newer = await seedSession(env.sandbox, 'Finished', 'Newer', two);
	const manual = await runner.poll('manual');
	expect(manual.items).toHaveLength(1);
	expect(manual.items![0].json).toMatchObject({
		event: 'session.finished',
		signingSessionId: newer.signingSessionId,
		session: { signingSessionId: newer.signingSessionId, subject: 'Newer', status: 'Finished' },
		searchItem: { id: newer.signingSessionId, status: 'Finished' },
	});
	// The real poll still fires both: manual mode did not touch the saved state.
	expect((await runner.poll()).items).toHaveLength(2);
});

describe('the memory: bounded, validated, and what the counts rely on', () => {
	test('ended sessions are pruned: the memory keeps drafts, running sessions and only a count of the ended ones', async () => {
		const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished'] }));
		await runner.poll();
		const sent = [];
		for (let i = 0; i < 30; i++) sent.push(await seedSession(env.sandbox, 'Pending', `S${i}`, one));
		expect((await runner.poll()).items).toBeNull();
		for (const s of sent) await control(env.sandbox, `/sessions/${s.signingSessionId}/sign`);
		expect((await runner.poll()).items).toHaveLength(30);
		let saved = memory(runner);
		expect(Object.keys(saved.run)).toEqual([]);
		expect(saved.finals).toBe(30);
		// Within the look-back window the recent ended ones are still known by id; older ones are forgotten.
		expect(Object.keys(saved.top)).toHaveLength(30);
		// An hour later (as n8n would load it): the next session created moves the mark on, past the window.
		const hourAgo = (ids: Record<string, number>) => Object.fromEntries(Object.entries(ids).map(([k, t]) => [k, t - 3600_000]));
		for (const s of env.state.sessions.values()) s.created = new Date(Date.parse(s.created) - 3600_000).toISOString();
		load(runner, { ...nodeData(runner), easyInk: { ...saved, top: hourAgo(saved.top), mark: saved.mark - 3600_000 } });
		await seedSession(env.sandbox, 'Finished', 'Later', one);
		expect((await runner.poll()).items).toHaveLength(1);
		saved = memory(runner);
		expect(Object.keys(saved.top)).toHaveLength(1);
		expect(saved.finals).toBe(31);
		// (pollEvents' own keys are bounded by it: retention and a cap.)
		expect(JSON.stringify(saved).length).toBeLessThan(200);
	});

	test('a memory that is damaged or from an older version is replaced by a baseline: no crash, no replay, then events fire', async () => {
		await seedSession(env.sandbox, 'Finished', 'History', one);
		for (const damaged of [{ v: 2, ns: {}, run: 'x', top: {}, finals: 0, mark: 0, fullAt: 0 }, { v: 2, ns: {}, run: {}, top: {}, finals: -1, mark: 0, fullAt: 0 }, undefined]) {
			const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished', 'started'] }));
			await runner.poll();
			const { easyInk: _mine, ...base } = nodeData(runner);
			// Version 1 kept every started session with a status letter; a damaged one may have anything.
			load(runner, damaged ? { ...base, easyInk: damaged } : { ...base, sessions: { x: 'F' }, lists: 'SF', fullReadAt: 0 });
			const first = await runner.poll();
			expect(first.error).toBeUndefined();
			expect(first.items).toBeNull();
			const s = await seedSession(env.sandbox, 'Finished', 'After repair', one);
			expect(events((await runner.poll()).items).sort()).toEqual([`session.finished:${s.signingSessionId}`, `session.started:${s.signingSessionId}`].sort());
			expect(nodeData(runner)).not.toHaveProperty('sessions');
			expect(memory(runner)).toMatchObject({ v: 2, run: {}, ns: {} });
		}
	});

	test('a session EasyInk no longer lists is dropped; a removal hiding a new ended session until the daily full read', async () => {
		const c = await seedSession(env.sandbox, 'Pending', 'C', one);
		for (let i = 0; i < 101; i++) env.state.start(Object.assign(env.state.newSession(`Filler ${i}`), { status: 'ReadyToStart' }));
		for (const s of env.state.sessions.values()) if (s.subject?.startsWith('Filler')) s.status = 'Finished';
		const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished'] }));
		await runner.poll();
		// An ended session disappears (not through EasyInk's documented API) while C finishes: the ended list's
		// total does not change, so the two-request check cannot tell.
		env.state.sessions.delete([...env.state.sessions.values()].find((s) => s.subject === 'Filler 0')!.id);
		await control(env.sandbox, `/sessions/${c.signingSessionId}/sign`);
		env.sandbox.requests.length = 0;
		expect((await runner.poll()).items).toBeNull();
		expect(searches()).toHaveLength(2);
		// A day later the full read finds it.
		const saved = nodeData(runner);
		load(runner, { ...saved, easyInk: { ...(saved.easyInk as IDataObject), fullAt: Date.now() - 24 * 3600_000 - 1 } });
		env.sandbox.requests.length = 0;
		expect(events((await runner.poll()).items)).toEqual([`session.finished:${c.signingSessionId}`]);
		expect(searches().map((r) => `${r.query.pageIndex} ${lists(r)}`)).toEqual(['0 ', '1 ']);
		expect((await runner.poll()).items).toBeNull();
	});

	test('a deleted draft is dropped from the memory (404), and its deletion does not hide a new session', async () => {
		const draft = await seedSession(env.sandbox, 'Draft', 'To delete', one);
		const runner = trigger(env.engine, easyInkTrigger({ events: ['started'] }));
		await runner.poll();
		env.state.sessions.delete(draft.signingSessionId);
		const s = await seedSession(env.sandbox, 'Pending', 'New', one);
		expect(events((await runner.poll()).items)).toEqual([`session.started:${s.signingSessionId}`]);
		expect(memory(runner).ns).toEqual({});
		expect(api().some((r) => r.path === `/api/signingSessions/${draft.signingSessionId}` && r.status === 404)).toBe(true);
	});
});

describe('changing the events (the watched scope) after activation', () => {
	test('adding or removing events starts afresh: that poll fires nothing (no history for the new choice), later ones fire', async () => {
		const running = await seedSession(env.sandbox, 'Pending', 'Running', two);
		const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished'] }));
		await runner.poll();
		await control(env.sandbox, `/sessions/${running.signingSessionId}/sign`);
		await control(env.sandbox, `/sessions/${running.signingSessionId}/sign`);
		const startedMeanwhile = await seedSession(env.sandbox, 'Pending', 'Started while not followed', two);
		runner.reconfigure(easyInkTrigger({ events: ['sessionFinished', 'started'] }).parameters);
		expect((await runner.poll()).items).toBeNull();
		const next = await seedSession(env.sandbox, 'Pending', 'Next', two);
		expect(events((await runner.poll()).items)).toEqual([`session.started:${next.signingSessionId}`]);
		expect(JSON.stringify(runner.savedStaticData)).toContain(startedMeanwhile.signingSessionId);

		runner.reconfigure(easyInkTrigger({ events: ['started'] }).parameters);
		await control(env.sandbox, `/sessions/${next.signingSessionId}/sign`);
		expect((await runner.poll()).items).toBeNull();
		expect((await runner.poll()).items).toBeNull();
	});

	test('Include Session Details is not part of the scope: switching it changes the items, not what fires', async () => {
		const runner = trigger(env.engine, easyInkTrigger({ events: ['started'] }));
		await runner.poll();
		runner.reconfigure(easyInkTrigger({ events: ['started'], includeDetails: true }).parameters);
		const s = await seedSession(env.sandbox, 'Pending', 'Detailed', one);
		const out = await runner.poll();
		expect(events(out.items)).toEqual([`session.started:${s.signingSessionId}`]);
		expect(out.items![0].json.participants).toEqual([expect.objectContaining({ email: 'cy@example.com', status: 'Pending' })]);
	});
});

describe('what a poll costs', () => {
	test('1,000 sessions finishing between two polls: one request per 100 of them, plus two; no request per event', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 3000; i++) {
			const s = env.state.newSession(`Seed ${i}`);
			s.participants = [env.state.newParticipant({ firstName: 'Bench', lastName: 'Signer', email: 'bench@example.com', deliveryMethods: ['Email'] })];
			s.status = 'ReadyToStart';
			env.state.start(s);
			ids.push(s.id);
		}
		const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished'] }));
		await runner.poll();
		for (const id of ids.slice(0, 1000)) env.state.sign(id);
		env.sandbox.requests.length = 0;
		const out = await runner.poll();
		expect(out.items).toHaveLength(1000);
		expect(out.items![0].json).toEqual({ event: 'session.finished', signingSessionId: expect.any(String), subject: expect.stringMatching(/^Seed \d+$/), status: 'Finished', created: expect.any(String) });
		expect(new Set(out.items!.map((i) => i.json.signingSessionId))).toEqual(new Set(ids.slice(0, 1000)));
		// All sessions page 0 (nothing unseen), then the ended list's 10 pages.
		expect(api()).toHaveLength(1000 / 100 + 1);
		env.sandbox.requests.length = 0;
		expect((await runner.poll()).items).toBeNull();
		expect(api()).toHaveLength(2);
	}, 60_000);

	test('Include Session Details costs one more request per event, and says so', async () => {
		const runner = trigger(env.engine, easyInkTrigger({ events: ['started'], includeDetails: true }));
		await runner.poll();
		for (let i = 0; i < 5; i++) await seedSession(env.sandbox, 'Pending', `S${i}`, one);
		env.sandbox.requests.length = 0;
		expect((await runner.poll()).items).toHaveLength(5);
		expect(api()).toHaveLength(2 + 5);
	});
});

test('no event chosen: a clear error and no request to EasyInk', async () => {
	const out = await trigger(env.engine, easyInkTrigger({ events: [] })).poll();
	expect(out.error?.message).toBe('Choose at least one event in "Events"');
	expect(env.sandbox.requests).toHaveLength(0); // neither the API nor the identity provider
});
