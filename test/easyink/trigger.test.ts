/** EasyInk Trigger across several polls: no history, each event once, page boundary, restart, manual mode, errors. */
import type { IDataObject } from 'n8n-workflow';

import { trigger } from '../helpers';
import { API, control, easyInkTrigger, seedSession, useEasyInkEnv } from './env';

const env = useEasyInkEnv();

const ALL = ['started', 'participantSigned', 'sessionFinished', 'declined', 'voided', 'expired'];
const two = [
	{ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' },
	{ firstName: 'Bob', lastName: 'Ray', email: 'bob@example.com' },
];

const events = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((i) => `${i.json.event}:${i.json.signingSessionId}${i.json.participant ? `:${(i.json.participant as IDataObject).email}` : ''}`);
const searches = () => env.sandbox.requestsFor(API).filter((r) => r.path === '/api/signingSessions');
/** The statuses a search asked for (repeated query parameter). */
const lists = (r: { search: string }) => new URLSearchParams(r.search).getAll('statuses').join(',');
const STARTED = 'InProgress,Finished,Declined,Voided,Expired';
const FINAL = 'Finished,Declined,Voided,Expired';

test('fires each event once, never for history from before activation', async () => {
	const old = await seedSession(env.sandbox, 'Finished', 'Old finished', two);
	const running = await seedSession(env.sandbox, 'Pending', 'Running', two);
	const runner = trigger(env.engine, easyInkTrigger({ events: ALL }));

	expect(await runner.poll()).toEqual({ items: null });
	// Activation read the started sessions (all statuses in one search) and, for signer events, the running one's details.
	expect(searches()).toHaveLength(1);
	expect(searches()[0].query).toMatchObject({
		pageIndex: '0',
		pageSize: '100',
		'sorting.properties[0].propertyName': 'created',
		'sorting.properties[0].isDescending': 'true',
	});
	expect(env.sandbox.requestsFor(API).map((r) => `${r.method} ${r.path}`)).toEqual([
		'GET /api/signingSessions',
		`GET /api/signingSessions/${running.signingSessionId}`,
	]);

	env.sandbox.requests.length = 0;
	expect((await runner.poll()).items).toBeNull();

	await control(env.sandbox, `/sessions/${running.signingSessionId}/sign`, { email: 'ann@example.com' });
	const signed = await runner.poll();
	expect(events(signed.items)).toEqual([`participant.signed:${running.signingSessionId}:ann@example.com`]);
	expect(signed.items![0].json).toMatchObject({
		event: 'participant.signed',
		subject: 'Running',
		status: 'InProgress',
		participant: { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', status: 'Signed' },
	});
	expect((await runner.poll()).items).toBeNull();

	await control(env.sandbox, `/sessions/${running.signingSessionId}/sign`, { email: 'bob@example.com' });
	const finished = await runner.poll();
	expect(events(finished.items).sort()).toEqual(
		[`participant.signed:${running.signingSessionId}:bob@example.com`, `session.finished:${running.signingSessionId}`].sort(),
	);
	const fin = finished.items!.find((i) => i.json.event === 'session.finished')!.json;
	expect(fin.participants).toHaveLength(2);
	expect(fin.signedDocumentIds).toHaveLength(2);
	expect(fin.allInOneDocumentStatus).toBeDefined();
	expect((await runner.poll()).items).toBeNull();
	// The session finished before activation was never read in detail and never fired.
	expect(env.sandbox.requestsFor(API).some((r) => r.path.endsWith(old.signingSessionId))).toBe(false);
});

test('with only session events chosen, a poll with nothing new is one request', async () => {
	await seedSession(env.sandbox, 'Pending', 'Running', two);
	const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished', 'declined'] }));
	await runner.poll();
	env.sandbox.requests.length = 0;
	expect((await runner.poll()).items).toBeNull();
	expect(env.sandbox.requestsFor(API).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/signingSessions']);
});

test('started, declined, voided and expired fire once each; only the chosen events fire', async () => {
	const runner = trigger(env.engine, easyInkTrigger({ events: ['started', 'declined', 'voided', 'expired'] }));
	await runner.poll();
	const a = await seedSession(env.sandbox, 'Pending', 'A', two);
	const b = await seedSession(env.sandbox, 'Pending', 'B', two);
	const c = await seedSession(env.sandbox, 'Pending', 'C', two);
	expect(events((await runner.poll()).items).sort()).toEqual([`session.started:${a.signingSessionId}`, `session.started:${b.signingSessionId}`, `session.started:${c.signingSessionId}`].sort());

	await control(env.sandbox, `/sessions/${a.signingSessionId}/decline`, { reason: 'Wrong salary' });
	env.state.sessions.get(b.signingSessionId)!.status = 'Voided';
	await control(env.sandbox, `/sessions/${c.signingSessionId}/expire`);
	await control(env.sandbox, `/sessions/${c.signingSessionId}/sign`).catch(() => undefined);
	const out = await runner.poll();
	expect(events(out.items).sort()).toEqual(
		[`session.declined:${a.signingSessionId}`, `session.voided:${b.signingSessionId}`, `session.expired:${c.signingSessionId}`].sort(),
	);
	const declined = out.items!.find((i) => i.json.event === 'session.declined')!.json;
	expect((declined.participants as IDataObject[]).map((p) => p.status)).toEqual(['Declined', 'Pending']);
	expect((await runner.poll()).items).toBeNull();

	// A session created and finished between two polls: started and (not chosen) finished; no signer events.
	const d = await seedSession(env.sandbox, 'Finished', 'D', two);
	expect(events((await runner.poll()).items)).toEqual([`session.started:${d.signingSessionId}`]);
});

test('a session on the second page of the search fires, and sessions moving between pages are not repeated', async () => {
	const first = await seedSession(env.sandbox, 'Pending', 'Oldest', two);
	// 104 sessions created later and already finished: the oldest one lands on page 2 of the finished list.
	for (let i = 0; i < 104; i++) env.state.start(Object.assign(env.state.newSession(`Filler ${i}`), { status: 'ReadyToStart' }));
	for (const s of env.state.sessions.values()) if (s.subject?.startsWith('Filler')) s.status = 'Finished';
	const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished', 'started'] }));
	await runner.poll();
	// Activation reads every started session once (two pages of 100).
	expect(searches().map((r) => r.query.pageIndex)).toEqual(['0', '1']);

	env.sandbox.requests.length = 0;
	// Two new sessions push the others further down; the oldest one finishes.
	const n1 = await seedSession(env.sandbox, 'Pending', 'New 1', two);
	const n2 = await seedSession(env.sandbox, 'Pending', 'New 2', two);
	await control(env.sandbox, `/sessions/${first.signingSessionId}/sign`);
	await control(env.sandbox, `/sessions/${first.signingSessionId}/sign`);
	const out = await runner.poll();
	expect(events(out.items).sort()).toEqual(
		[`session.started:${n1.signingSessionId}`, `session.started:${n2.signingSessionId}`, `session.finished:${first.signingSessionId}`].sort(),
	);
	// Started list: both new sessions are on its first page. Finished list: 105 sessions, 104 known, so the
	// search goes on to the second page where the unknown one is, and stops there.
	expect(searches().map((r) => [r.query.pageIndex, lists(r)])).toEqual([
		['0', STARTED],
		['0', FINAL],
		['1', FINAL],
	]);
	env.sandbox.requests.length = 0;
	expect((await runner.poll()).items).toBeNull();
	expect(searches().map((r) => r.query.pageIndex)).toEqual(['0', '0']);
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
	expect(events((await runner.poll()).items).sort()).toEqual(
		[`participant.signed:${s.signingSessionId}:bob@example.com`, `session.finished:${s.signingSessionId}`].sort(),
	);
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

describe('what the cheap poll relies on, and the full read that backs it up', () => {
	/** The runner's saved copy of the trigger's static data (what n8n keeps in its database). */
	const saved = (runner: ReturnType<typeof trigger>) => (runner as unknown as { saved: Record<string, IDataObject> }).saved['node:Trigger'];

	test('a list that got shorter (a session EasyInk no longer shows) makes the next poll read everything: nothing is missed', async () => {
		const a = await seedSession(env.sandbox, 'Finished', 'A', two);
		const b = await seedSession(env.sandbox, 'Finished', 'B', two);
		const c = await seedSession(env.sandbox, 'Pending', 'C', two);
		const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished'], includeDetails: false }));
		await runner.poll();
		env.state.sessions.delete(a.signingSessionId);
		env.state.sessions.delete(b.signingSessionId);
		await control(env.sandbox, `/sessions/${c.signingSessionId}/sign`);
		await control(env.sandbox, `/sessions/${c.signingSessionId}/sign`);
		env.sandbox.requests.length = 0;
		expect(events((await runner.poll()).items)).toEqual([`session.finished:${c.signingSessionId}`]);
		// Final list page 0 said 1 < 2 known → one full read of the started sessions.
		expect(searches().map((r) => `${lists(r)} ${r.query.pageIndex}`)).toEqual([`${FINAL} 0`, `${STARTED} 0`]);
		expect((await runner.poll()).items).toBeNull();
	});

	test('a removal and a new final status between the same two polls hide each other; the daily full read fires it', async () => {
		const c = await seedSession(env.sandbox, 'Pending', 'C', two);
		// 101 sessions created later and finished: C's place in the final list will be on page 2.
		for (let i = 0; i < 101; i++) env.state.start(Object.assign(env.state.newSession(`Filler ${i}`), { status: 'ReadyToStart' }));
		for (const s of env.state.sessions.values()) if (s.subject?.startsWith('Filler')) s.status = 'Finished';
		const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished'], includeDetails: false }));
		await runner.poll();
		const removed = [...env.state.sessions.values()].find((s) => s.subject === 'Filler 0')!;
		env.state.sessions.delete(removed.id);
		await control(env.sandbox, `/sessions/${c.signingSessionId}/sign`);
		await control(env.sandbox, `/sessions/${c.signingSessionId}/sign`);
		// Same total as before and page 1 all known: the one-request check cannot tell. (EasyInk's API only
		// removes drafts, so this takes a removal outside the documented API.)
		env.sandbox.requests.length = 0;
		expect((await runner.poll()).items).toBeNull();
		expect(searches()).toHaveLength(1);
		// A day later (the saved time of the last full read is older than 24 h): the full read finds it.
		saved(runner).fullReadAt = Date.now() - 24 * 3600_000 - 1;
		runner.restart();
		env.sandbox.requests.length = 0;
		expect(events((await runner.poll()).items)).toEqual([`session.finished:${c.signingSessionId}`]);
		// Every started session, both pages.
		expect(searches().map((r) => `${lists(r)} ${r.query.pageIndex}`)).toEqual([`${STARTED} 0`, `${STARTED} 1`]);
		expect((await runner.poll()).items).toBeNull();
	});

	test('choosing more events later fires no history, but what the earlier choice followed still fires', async () => {
		const running = await seedSession(env.sandbox, 'Pending', 'Running', two);
		const before = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished'], includeDetails: false }));
		await before.poll();
		await control(env.sandbox, `/sessions/${running.signingSessionId}/sign`);
		await control(env.sandbox, `/sessions/${running.signingSessionId}/sign`);
		const unseenStart = await seedSession(env.sandbox, 'Pending', 'Started while not followed', two);
		// The user adds "Session Started" (same node name → same static data, as n8n keeps it).
		const after = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished', 'started'], includeDetails: false }));
		Object.assign(after as unknown as { saved: IDataObject; activated: boolean }, { saved: structuredClone(before.savedStaticData), activated: true });
		expect(events((await after.poll()).items)).toEqual([`session.finished:${running.signingSessionId}`]);
		expect(saved(after)).toBeDefined();
		const next = await seedSession(env.sandbox, 'Pending', 'Next', two);
		expect(events((await after.poll()).items)).toEqual([`session.started:${next.signingSessionId}`]);
		expect(JSON.stringify(after.savedStaticData)).toContain(unseenStart.signingSessionId);
	});

	test('Include Session Details off: events come from the search alone, one request for a whole page of them', async () => {
		const runner = trigger(env.engine, easyInkTrigger({ events: ['started'], includeDetails: false }));
		await runner.poll();
		const s = await seedSession(env.sandbox, 'Pending', 'Light', two);
		env.sandbox.requests.length = 0;
		const out = await runner.poll();
		const created = env.state.sessions.get(s.signingSessionId)!.created;
		expect(out.items!.map((i) => i.json)).toEqual([{ event: 'session.started', signingSessionId: s.signingSessionId, subject: 'Light', status: 'Pending', created }]);
		expect(env.sandbox.requestsFor(API).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/signingSessions']);
	});
});

test('no event chosen: a clear error and no request to EasyInk', async () => {
	const out = await trigger(env.engine, easyInkTrigger({ events: [] })).poll();
	expect(out.error?.message).toBe('Choose at least one event in "Events"');
	expect(env.sandbox.requests).toHaveLength(0); // neither the API nor the identity provider
});
