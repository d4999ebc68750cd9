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
	for (let i = 0; i < 104; i++) env.state.start(Object.assign(env.state.newSession(`Filler ${i}`), { status: 'ReadyToStart' }));
	const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished', 'started'] }));
	await runner.poll();
	expect(searches().map((r) => r.query.pageIndex)).toEqual(['0', '1']);

	env.sandbox.requests.length = 0;
	// Two new sessions push the oldest one further down page 2.
	const n1 = await seedSession(env.sandbox, 'Pending', 'New 1', two);
	const n2 = await seedSession(env.sandbox, 'Pending', 'New 2', two);
	await control(env.sandbox, `/sessions/${first.signingSessionId}/sign`);
	await control(env.sandbox, `/sessions/${first.signingSessionId}/sign`);
	const out = await runner.poll();
	expect(events(out.items).sort()).toEqual(
		[`session.started:${n1.signingSessionId}`, `session.started:${n2.signingSessionId}`, `session.finished:${first.signingSessionId}`].sort(),
	);
	expect(searches().map((r) => r.query.pageIndex)).toEqual(['0', '1']);
	expect((await runner.poll()).items).toBeNull();
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
