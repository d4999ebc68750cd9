/**
 * Signicat Trigger through n8n's PollContext, over several polls. Sessions carry no creation time, so the
 * trigger finds new sessions with `createdDateFrom` (n8n's clock minus a margin) and `sort=-createdAt`, watches
 * the open ones until they end, and reports "expired" when an open session is past its due date.
 */
import type { IDataObject } from 'n8n-workflow';

import { trigger } from '../helpers';
import { addSession, signicatTrigger, state, useSignicat } from './env';

const env = useSignicat();
const NIN = '0101901234';
const HOUR = 3600_000;
const LOOKBACK = 10 * 60_000;

const daysAgo = (d: number) => env.sandbox.now() - d * 86400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const watch = (events: string[], name = 'Trigger') => trigger(env.engine, signicatTrigger({ events }, name));
const apiCalls = () => env.sandbox.requestsFor('signicat').filter((r) => r.path.startsWith('/sign/'));
const clear = () => {
	env.sandbox.requests.length = 0;
	state(env).listQueries = [];
};
const fired = (items: { json: IDataObject }[] | null) => (items ?? []).map((i) => `${i.json.event} ${i.json.title}`);
type Runner = ReturnType<typeof watch>;
const saved = (t: Runner, name = 'Trigger') => (t as unknown as { saved: Record<string, IDataObject> }).saved[`node:${name}`];
const watched = (t: Runner, name = 'Trigger') => Object.keys(((saved(t, name).signicat as IDataObject)?.open as IDataObject) ?? {}).sort();
const OPEN = 'state=BLOCKED&state=READY';

describe('Signicat Trigger: finding sessions without a creation time', () => {
	test('activation reads every open session and the new ones, fires nothing; a session created before and signed after fires', async () => {
		const before = addSession(env, { title: 'Before activation', createdAtMs: daysAgo(10) });
		const dueSoon = addSession(env, { title: 'Due soon', createdAtMs: daysAgo(2), dueDate: iso(Date.now() + 5 * 86400_000) });
		addSession(env, { title: 'Old signed', state: 'SIGNED', createdAtMs: daysAgo(20) });
		const t = watch(['signed']);
		const started = Date.now();
		expect(await t.poll()).toEqual({ items: null });
		const [live, every, fresh] = state(env).listQueries.map((q) => new URLSearchParams(q));
		expect(state(env).listQueries).toHaveLength(3);
		expect(`${live.get('offset')}/${live.get('limit')} ${live.get('sort')} ${live.getAll('state').join(',')}`).toBe('0/1000 -createdAt BLOCKED,READY');
		expect(Date.parse(live.get('dueDateFrom')!)).toBeGreaterThanOrEqual(started - 24 * HOUR);
		expect(every.toString()).toBe(`offset=0&limit=1000&sort=-createdAt&${OPEN}`);
		expect(fresh.get('sort')).toBe('-createdAt');
		// New sessions: created since n8n's own clock minus the margin for clock skew.
		expect(Date.parse(fresh.get('createdDateFrom')!)).toBeGreaterThanOrEqual(started - LOOKBACK);
		expect(Date.parse(fresh.get('createdDateFrom')!)).toBeLessThanOrEqual(Date.now() - LOOKBACK);
		expect(watched(t)).toEqual([before.id, dueSoon.id].sort());

		state(env).sign(before.id, Date.now());
		const second = await t.poll();
		expect(fired(second.items)).toEqual(['session.signed Before activation']);
		expect(second.items![0].json).toMatchObject({
			sessionId: before.id,
			state: 'SIGNED',
			stateIsFinal: true,
			dueDate: null,
			resultDocumentIds: [state(env).session(before.id).output.signatures[0].resultDocumentId],
		});
		expect(second.items![0].json.createdAt).toBeUndefined();
		// A signed session is no longer watched.
		expect(watched(t)).toEqual([dueSoon.id]);
		expect(await t.poll()).toEqual({ items: null });
	});

	test('createdDateFrom follows the previous poll’s start by n8n’s clock, minus the margin', async () => {
		const t = watch(['signed']);
		await t.poll();
		const cursor = Number(saved(t).cursor);
		clear();
		await t.poll();
		expect(state(env).listQueries).toEqual([`offset=0&limit=1000&sort=-createdAt&createdDateFrom=${encodeURIComponent(iso(cursor - LOOKBACK))}`]);
	});

	test('a session created and signed between two polls fires once; nothing watched costs one request a poll', async () => {
		const t = watch(['signed']);
		await t.poll();
		const s = addSession(env, { title: 'Quick' });
		state(env).sign(s.id, Date.now());
		clear();
		expect(fired((await t.poll()).items)).toEqual(['session.signed Quick']);
		expect(apiCalls()).toHaveLength(1);
		expect(await t.poll()).toEqual({ items: null });
	});

	test('a new session fires when it is signed, not before; watched ones are checked with the list of open sessions with a deadline', async () => {
		const t = watch(['signed']);
		await t.poll();
		const s = addSession(env, { title: 'New lease', dueDate: iso(Date.now() + 7 * 86400_000) });
		expect(await t.poll()).toEqual({ items: null });
		expect(watched(t)).toEqual([]); // nothing fired, so n8n saved nothing: the next poll finds it again
		clear();
		expect(await t.poll()).toEqual({ items: null });
		state(env).sign(s.id, Date.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed New lease']);
		expect(await t.poll()).toEqual({ items: null });
	});

	test('watched sessions without a due date are followed in the open sessions created since the oldest of them', async () => {
		const old = addSession(env, { title: 'No deadline', createdAtMs: daysAgo(3) });
		const t = watch(['signed', 'rejected']);
		await t.poll();
		clear();
		expect(await t.poll()).toEqual({ items: null });
		// Found on activation, its creation time is unknown: every open session is read.
		expect(state(env).listQueries[0]).toBe(`offset=0&limit=1000&sort=-createdAt&${OPEN}`);
		state(env).sign(old.id, Date.now());
		const later = addSession(env, { title: 'Later, no deadline' });
		expect(fired((await t.poll()).items)).toEqual(['session.signed No deadline']);
		const cursor = Number(saved(t).cursor);
		clear();
		expect(await t.poll()).toEqual({ items: null });
		// The one left was first found among the new sessions: the open list starts where that list started.
		const from = (saved(t).signicat as { open: Record<string, number[]> }).open[later.id][2];
		expect(state(env).listQueries).toEqual([
			`offset=0&limit=1000&sort=-createdAt&createdDateFrom=${encodeURIComponent(iso(from))}&${OPEN}`,
			`offset=0&limit=1000&sort=-createdAt&createdDateFrom=${encodeURIComponent(iso(cursor - LOOKBACK))}`,
		]);
		state(env).reject(later.id, Date.now());
		expect(fired((await t.poll()).items)).toEqual(['session.rejected Later, no deadline']);
		expect(watched(t)).toEqual([]);
	});

	test('many watched sessions ending at once are looked up in the finished ones, not read one by one', async () => {
		const due = iso(Date.now() + 10 * 86400_000);
		const sessions = Array.from({ length: 30 }, (_, i) => addSession(env, { title: `S${i}`, createdAtMs: daysAgo(2) + i * 1000, dueDate: due }));
		const t = watch(['final']);
		await t.poll();
		for (const s of sessions.slice(0, 25)) state(env).sign(s.id, Date.now());
		state(env).sessions.delete(sessions[25].id);
		clear();
		const out = await t.poll();
		expect(out.items).toHaveLength(25);
		expect(out.items![0].json.title).toBe('S0');
		const queries = state(env).listQueries.map((q) => new URLSearchParams(q));
		expect(queries.map((q) => `${q.getAll('state').join(',') || 'any'} ${q.get('dueDateFrom') ? 'due' : ''}${q.get('createdDateFrom') ? 'created' : ''}`)).toEqual([
			'BLOCKED,READY due',
			'any created',
			'REJECTED,SIGNED due',
		]);
		// Only the deleted one, not in the finished list, is read on its own (404: forgotten).
		expect(apiCalls().filter((r) => r.path !== '/sign/signing-sessions').map((r) => `${r.path} ${r.status}`)).toEqual([`/sign/signing-sessions/${sessions[25].id} 404`]);
		expect(watched(t)).toEqual(sessions.slice(26).map((s) => s.id).sort());
	});

	test('many watched sessions without a due date ending at once: looked up in the finished ones, a page per ten', async () => {
		const sessions = Array.from({ length: 6 }, (_, i) => addSession(env, { title: `U${i}`, createdAtMs: daysAgo(2) + i * 1000 }));
		const t = watch(['signed']);
		await t.poll();
		for (const s of sessions.slice(0, 5)) state(env).sign(s.id, Date.now());
		clear();
		expect(fired((await t.poll()).items)).toEqual(['U0', 'U1', 'U2', 'U3', 'U4'].map((n) => `session.signed ${n}`));
		// Found on activation (creation time unknown): every open session, the new ones, then every finished one.
		expect(state(env).listQueries).toEqual([
			`offset=0&limit=1000&sort=-createdAt&${OPEN}`,
			expect.stringMatching(/^offset=0&limit=1000&sort=-createdAt&createdDateFrom=[^&]+$/),
			'offset=0&limit=1000&sort=-createdAt&state=REJECTED&state=SIGNED',
		]);
		expect(apiCalls().filter((r) => r.path !== '/sign/signing-sessions')).toEqual([]);
		expect(watched(t)).toEqual([sessions[5].id]);
	});

	test('a watched session deleted in Signicat (404) is forgotten without an error', async () => {
		const gone = addSession(env, { title: 'Gone', createdAtMs: daysAgo(1) });
		const kept = addSession(env, { title: 'Kept', createdAtMs: daysAgo(1) });
		const t = watch(['signed']);
		await t.poll();
		state(env).sessions.delete(gone.id);
		state(env).sign(kept.id, Date.now());
		const out = await t.poll();
		expect(out.error).toBeUndefined();
		expect(fired(out.items)).toEqual(['session.signed Kept']);
		expect(watched(t)).toEqual([]);
	});
});

describe('Signicat Trigger: events', () => {
	test('Session Rejected fires for rejections only; Final State for signed and rejected', async () => {
		const rejectedOnly = watch(['rejected']);
		const final = watch(['final'], 'Final');
		const a = addSession(env, { title: 'A' });
		const b = addSession(env, { title: 'B' });
		await rejectedOnly.poll();
		await final.poll();
		state(env).sign(a.id, Date.now());
		state(env).reject(b.id, Date.now());
		expect(fired((await rejectedOnly.poll()).items)).toEqual(['session.rejected B']);
		expect(fired((await final.poll()).items)).toEqual(['session.signed A', 'session.rejected B']);
		expect(await final.poll()).toEqual({ items: null });
	});

	test('Session Expired: an open session past its due date (plus 5 minutes) fires once; it is not a final state', async () => {
		const expired = watch(['expired']);
		const final = watch(['final'], 'Final');
		const late = addSession(env, { title: 'Late', dueDate: iso(Date.now() + 86400_000) });
		const onTime = addSession(env, { title: 'On time', dueDate: iso(Date.now() + 86400_000) });
		await expired.poll();
		await final.poll();
		// The deadline passes (control route: the due date moves to just before now; the state stays READY).
		await fetch(`${env.sandbox.origin}/_control/signicat/sessions/${late.id}/expire`, { method: 'POST' });
		expect(state(env).session(late.id).lifecycle.state).toBe('READY');
		// Within the 5-minute margin Signicat's clock may still let the signer sign: nothing yet.
		expect(await expired.poll()).toEqual({ items: null });
		state(env).session(late.id).dueDate = iso(Date.now() - 6 * 60_000);
		const out = await expired.poll();
		expect(fired(out.items)).toEqual(['session.expired Late']);
		expect(out.items![0].json).toMatchObject({ event: 'session.expired', sessionId: late.id, state: 'READY', stateIsFinal: false, dueDate: state(env).session(late.id).dueDate });
		expect(await expired.poll()).toEqual({ items: null });
		expect(await final.poll()).toEqual({ items: null });
		state(env).sign(onTime.id, Date.now());
		expect(await expired.poll()).toEqual({ items: null });
		expect(fired((await final.poll()).items)).toEqual(['session.signed On time']);
	});

	test('an expired session is watched for a day after its due date, then forgotten; one found late still fires', async () => {
		const t = watch(['expired']);
		const a = addSession(env, { title: 'A', dueDate: iso(Date.now() + 86400_000) });
		const b = addSession(env, { title: 'B', dueDate: iso(Date.now() + 86400_000) });
		await t.poll();
		state(env).session(a.id).dueDate = iso(Date.now() - HOUR);
		expect(fired((await t.poll()).items)).toEqual(['session.expired A']);
		expect(watched(t)).toEqual([a.id, b.id].sort());
		// n8n was down for two days: B's deadline passed long ago; it is read on its own, fires, and is forgotten.
		state(env).session(b.id).dueDate = iso(Date.now() - 48 * HOUR);
		state(env).session(a.id).dueDate = iso(Date.now() - 25 * HOUR);
		clear();
		expect(fired((await t.poll()).items)).toEqual(['session.expired B']);
		expect(watched(t)).toEqual([]);
		expect(await t.poll()).toEqual({ items: null });
	});

	test('State Changed fires for a new session and for each later state, once each', async () => {
		const t = watch(['stateChanged']);
		const first = addSession(env, { title: 'First', dueDate: iso(Date.now() + 86400_000) });
		await t.poll();
		// A session that waits for "First" starts BLOCKED, becomes READY when First is signed, then is signed.
		const second = state(env).createSession(
			{ title: 'Second', documents: first.documents, signingSetup: first.signingSetup, subsequentTo: [first.id], dueDate: iso(Date.now() + 86400_000) },
			env.sandbox.now(),
			env.sandbox.origin,
		);
		expect(fired((await t.poll()).items)).toEqual(['session.blocked Second']);
		state(env).sign(first.id, Date.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed First', 'session.ready Second']);
		state(env).sign(second.id, Date.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed Second']);
		expect(await t.poll()).toEqual({ items: null });
	});

	test('manual mode ("Fetch Test Event") returns one recent matching session and changes nothing', async () => {
		const t = watch(['signed', 'expired']);
		const s = addSession(env, { title: 'Sample' });
		await t.poll();
		addSession(env, { title: 'Older signed', state: 'SIGNED', createdAtMs: daysAgo(3) });
		state(env).sign(s.id, Date.now());
		clear();
		const before = Date.now();
		const manual = await t.poll('manual');
		expect(fired(manual.items)).toEqual(['session.signed Sample']);
		const [signed, expired] = state(env).listQueries;
		expect(signed).toBe('offset=0&limit=10&sort=-createdAt&state=SIGNED');
		expect(expired).toMatch(/^offset=0&limit=10&sort=-dueDate&state=BLOCKED&state=READY&dueDateTo=/);
		expect(Date.parse(new URLSearchParams(expired).get('dueDateTo')!)).toBeLessThanOrEqual(before - 5 * 60_000 + 1000);
		// The real poll still fires it.
		expect(fired((await t.poll()).items)).toEqual(['session.signed Sample']);
	});

	test('the signer’s national id number never appears in trigger output', async () => {
		const t = watch(['signed']);
		const s = addSession(env, { title: 'With NIN' });
		s.signer = { nationalIdentificationNumber: NIN, validations: ['NATIONAL_IDENTIFICATION_NUMBER'] };
		await t.poll();
		state(env).sign(s.id, Date.now(), NIN);
		const out = await t.poll();
		expect(fired(out.items)).toEqual(['session.signed With NIN']);
		expect(JSON.stringify(out.items)).not.toContain(NIN);
		expect((out.items![0].json.session as IDataObject).signer).toEqual({ nationalIdentificationNumber: '***', validations: ['NATIONAL_IDENTIFICATION_NUMBER'] });
	});

	test('no events chosen is a clear error, and no request is made', async () => {
		const out = await watch([]).poll();
		expect(out.error?.message).toBe('Choose at least one event in "Events"');
		expect(apiCalls()).toEqual([]);
	});
});

describe('Signicat Trigger: restarts, errors, clock skew and its own saved state', () => {
	test('after a restart the saved state is used: nothing fires twice, new events still fire', async () => {
		const t = watch(['signed']);
		const a = addSession(env, { title: 'A' });
		const b = addSession(env, { title: 'B' });
		await t.poll();
		state(env).sign(a.id, Date.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed A']);
		t.restart();
		expect(await t.poll()).toEqual({ items: null });
		state(env).sign(b.id, Date.now());
		t.restart();
		expect(fired((await t.poll()).items)).toEqual(['session.signed B']);
	});

	test('an error leaves the saved state where it was: the next poll fires the event', async () => {
		const t = watch(['signed']);
		const s = addSession(env, { title: 'Flaky' });
		await t.poll();
		state(env).sign(s.id, Date.now());
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: '/sign/signing-sessions', status: 400, body: { status: 400, title: 'Bad request', code: 'bad_request' } });
		const failed = await t.poll();
		expect(failed.items).toBeNull();
		expect(failed.error?.message).toBe('Signicat rejected the request (400): Bad request (bad_request)');
		expect(fired((await t.poll()).items)).toEqual(['session.signed Flaky']);
	});

	test.each([
		['behind', -4 * 60_000],
		['ahead', 30 * 60_000],
	])('Signicat’s clock %s of n8n’s: sessions created after activation still fire once', async (_label, skew) => {
		env.sandbox.clockSkewMs = skew;
		const t = watch(['signed']);
		await t.poll();
		const s = addSession(env, { title: 'Skewed' });
		state(env).sign(s.id, env.sandbox.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed Skewed']);
		expect(await t.poll()).toEqual({ items: null });
	});

	test.each([
		['missing', (d: IDataObject) => delete d.signicat],
		['of the wrong type', (d: IDataObject) => (d.signicat = 'broken')],
		['with a wrong entry', (d: IDataObject) => (((d.signicat as IDataObject).open as IDataObject)['x'] = { state: 'READY' })],
		['from another version', (d: IDataObject) => ((d.signicat as IDataObject).v = 99)],
		['written by the previous trigger (createdAt window)', (d: IDataObject) => Object.assign(d, { openFrom: 0, finals: { a: 1 }, fullReadAt: 1 })],
	])('its own saved state %s: repaired without a crash and without a replay; later changes fire', async (_label, corrupt) => {
		const a = addSession(env, { title: 'A', createdAtMs: daysAgo(2) });
		const b = addSession(env, { title: 'B', createdAtMs: daysAgo(2), state: 'SIGNED' });
		const t = watch(['stateChanged']);
		await t.poll();
		corrupt(saved(t));
		t.restart();
		const repaired = await t.poll();
		expect(repaired.error).toBeUndefined();
		expect(repaired.items).toBeNull();
		expect(b.lifecycle.state).toBe('SIGNED');
		// The state was rebuilt from the open sessions: A is watched again and its signature fires once.
		state(env).sign(a.id, Date.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed A']);
		expect(await t.poll()).toEqual({ items: null });
		expect(saved(t).signicat).toEqual({ v: 1, open: {} });
		expect(saved(t).finals).toBeUndefined();
	});

	test('another choice of events is a new baseline (scope): what exists is remembered, nothing of it fires', async () => {
		const a = addSession(env, { title: 'A' });
		const b = addSession(env, { title: 'B' });
		const t = watch(['signed']);
		await t.poll();
		expect(saved(t).scope).toEqual({ settings: '{"events":["signed"]}' });
		state(env).reject(a.id, Date.now());
		// The user adds "Session Rejected": the next poll remembers A's rejection without firing it.
		const changed = watch(['rejected', 'signed']);
		(changed as unknown as { saved: IDataObject }).saved = structuredClone((t as unknown as { saved: IDataObject }).saved);
		(changed as unknown as { activated: boolean }).activated = true;
		expect(await changed.poll()).toEqual({ items: null });
		state(env).sign(b.id, Date.now());
		expect(fired((await changed.poll()).items)).toEqual(['session.signed B']);
		expect(saved(changed).scope).toEqual({ settings: '{"events":["rejected","signed"]}' });
	});

	test('pollEvents’ own state unreadable: a baseline rebuilds the watched sessions, no crash, no replay', async () => {
		const a = addSession(env, { title: 'A', createdAtMs: daysAgo(1) });
		addSession(env, { title: 'Done', state: 'SIGNED' });
		const t = watch(['signed']);
		await t.poll();
		saved(t).seen = 'lost';
		t.restart();
		expect(await t.poll()).toEqual({ items: null });
		state(env).sign(a.id, Date.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed A']);
	});

	test('switching from State Changed to Signed replays no history', async () => {
		const a = addSession(env, { title: 'A' });
		const changed = watch(['stateChanged']);
		await changed.poll();
		state(env).sign(a.id, Date.now());
		expect(fired((await changed.poll()).items)).toEqual(['session.signed A']);
		const signed = watch(['signed']);
		(signed as unknown as { saved: IDataObject }).saved = structuredClone((changed as unknown as { saved: IDataObject }).saved);
		(signed as unknown as { activated: boolean }).activated = true;
		expect(await signed.poll()).toEqual({ items: null });
		const b = addSession(env, { title: 'B' });
		await signed.poll();
		state(env).sign(b.id, Date.now());
		expect(fired((await signed.poll()).items)).toEqual(['session.signed B']);
	});
});
