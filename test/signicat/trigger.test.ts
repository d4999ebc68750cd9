/**
 * Signicat Trigger through n8n's PollContext, over several polls: the window of sessions read, each state
 * firing once, restarts from saved static data, manual mode, and errors that do not move the window.
 */
import type { IDataObject } from 'n8n-workflow';

import { trigger } from '../helpers';
import { addSession, signicatTrigger, state, useSignicat } from './env';

const env = useSignicat();
const NIN = '0101901234';

const daysAgo = (d: number) => new Date(Date.now() - d * 86400_000).toISOString();
const watch = (events: string[]) => trigger(env.engine, signicatTrigger({ events }));
const listRequests = () => env.sandbox.requestsFor('signicat').filter((r) => r.path === '/sign/signing-sessions');
const clear = () => {
	env.sandbox.requests.length = 0;
	state(env).listQueries = [];
};
const fired = (items: { json: IDataObject }[] | null) => (items ?? []).map((i) => `${i.json.event} ${i.json.title}`);

describe('Signicat Trigger', () => {
	test('first poll fires nothing, then each signed session fires once', async () => {
		const oldOpen = addSession(env, { title: 'Old open', createdAt: daysAgo(10) });
		addSession(env, { title: 'Old signed', state: 'SIGNED', createdAt: daysAgo(20) });
		const t = watch(['signed']);

		const first = await t.poll();
		expect(first).toEqual({ items: null });
		// Activation: the oldest session still open, then every session created since then (oldest first).
		const [oldestQuery, windowQuery] = state(env).listQueries;
		expect(oldestQuery).toBe('offset=0&limit=1&sort=%2BcreatedAt&state=BLOCKED&state=READY');
		expect(windowQuery).toBe(`offset=0&limit=1000&sort=%2BcreatedAt&createdDateFrom=${encodeURIComponent(oldOpen.createdAt)}`);

		state(env).sign(oldOpen.id, Date.now());
		const second = await t.poll();
		expect(fired(second.items)).toEqual(['session.signed Old open']);
		expect(second.items![0].json).toMatchObject({
			sessionId: oldOpen.id,
			state: 'SIGNED',
			stateIsFinal: true,
			resultDocumentIds: [state(env).sessions.get(oldOpen.id)!.output.signatures[0].resultDocumentId],
		});
		expect(await t.poll()).toEqual({ items: null });
	});

	test('a new session fires when it is signed, not before; repeats are dropped', async () => {
		const t = watch(['signed']);
		await t.poll();
		const s = addSession(env, { title: 'New lease' });
		expect(await t.poll()).toEqual({ items: null });
		state(env).sign(s.id, Date.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed New lease']);
		expect(await t.poll()).toEqual({ items: null });
	});

	test('with nothing new, a poll is one request: the first page of final sessions in the window, whose total says nothing is new', async () => {
		const t = watch(['signed']);
		const s = addSession(env, { title: 'Done' });
		await t.poll();
		state(env).sign(s.id, Date.now());
		await t.poll();
		clear();
		expect(await t.poll()).toEqual({ items: null });
		expect(listRequests()).toHaveLength(1);
		const saved = t.savedStaticData['node:Trigger'] as { floor: number; openFrom: number; finals: Record<string, number> };
		// From the newest session seen minus the 5-minute look-back (never before the activation's own window), or
		// from the oldest open session, whichever is older.
		const from = new Date(Math.min(Math.max(Date.parse(s.createdAt) - 5 * 60_000, saved.floor), saved.openFrom)).toISOString();
		expect(state(env).listQueries).toEqual([
			`offset=0&limit=100&sort=-createdAt&createdDateFrom=${encodeURIComponent(from)}&state=SIGNED&state=REJECTED&state=EXPIRED`,
		]);
		expect(saved.finals).toEqual({ [s.id]: Date.parse(s.createdAt) });
	});

	test('Session Rejected fires for rejections only; Final State for signed, rejected and expired', async () => {
		const rejectedOnly = watch(['rejected']);
		const final = trigger(env.engine, signicatTrigger({ events: ['final'] }, 'Final'));
		const a = addSession(env, { title: 'A' });
		const b = addSession(env, { title: 'B' });
		const c = addSession(env, { title: 'C' });
		await rejectedOnly.poll();
		await final.poll();
		state(env).sign(a.id, Date.now());
		state(env).finish(b.id, 'REJECTED');
		state(env).finish(c.id, 'EXPIRED');
		expect(fired((await rejectedOnly.poll()).items)).toEqual(['session.rejected B']);
		expect(fired((await final.poll()).items)).toEqual(['session.signed A', 'session.rejected B', 'session.expired C']);
		expect(await final.poll()).toEqual({ items: null });
	});

	test('State Changed fires for a new session and for each later state, once each', async () => {
		const t = watch(['stateChanged']);
		const first = addSession(env, { title: 'First' });
		await t.poll();
		// A session that waits for "First" starts BLOCKED, becomes READY when First is signed, then is signed.
		const second = addSession(env, { title: 'Second', state: 'BLOCKED' });
		second.subsequentTo = [first.id];
		expect(fired((await t.poll()).items)).toEqual(['session.blocked Second']);
		state(env).sign(first.id, Date.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed First', 'session.ready Second']);
		state(env).sign(second.id, Date.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed Second']);
		expect(await t.poll()).toEqual({ items: null });
	});

	test('after a restart the saved state is used: nothing fires twice, new events still fire', async () => {
		const t = watch(['signed']);
		const a = addSession(env, { title: 'A' });
		const b = addSession(env, { title: 'B' });
		await t.poll();
		state(env).sign(a.id, Date.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed A']);
		t.restart();
		expect(await t.poll()).toEqual({ items: null });
		expect(t.savedStaticData['node:Trigger']).toMatchObject({ initialized: true, finals: { [a.id]: Date.parse(a.createdAt) } });
		state(env).sign(b.id, Date.now());
		t.restart();
		expect(fired((await t.poll()).items)).toEqual(['session.signed B']);
	});

	test('an error leaves the window where it was: the next poll fires the event', async () => {
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

	test('manual mode ("Fetch Test Event") returns one recent matching session and changes nothing', async () => {
		const t = watch(['signed']);
		const s = addSession(env, { title: 'Sample' });
		await t.poll();
		addSession(env, { title: 'Older signed', state: 'SIGNED', createdAt: daysAgo(3) });
		state(env).sign(s.id, Date.now());
		clear();
		const manual = await t.poll('manual');
		expect(fired(manual.items)).toEqual(['session.signed Sample']);
		expect(state(env).listQueries).toEqual(['offset=0&limit=10&sort=-createdAt&state=SIGNED']);
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

	test.each([
		['behind', -4 * 60_000],
		['ahead', 30 * 60_000],
	])('Signicat’s clock %s of n8n’s: sessions created after activation still fire once', async (_label, skew) => {
		env.sandbox.clockSkewMs = skew;
		const t = watch(['signed']);
		await t.poll();
		const s = addSession(env, { title: 'Skewed', createdAt: new Date(env.sandbox.now()).toISOString() });
		expect(await t.poll()).toEqual({ items: null });
		state(env).sign(s.id, env.sandbox.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed Skewed']);
		expect(await t.poll()).toEqual({ items: null });
	});

	test('more new final sessions than the first page: pages of 1000 follow, and reading stops once the total is accounted for', async () => {
		const base = Date.now() - 3 * 86400_000;
		const sessions = Array.from({ length: 1300 }, (_, i) => addSession(env, { title: `S${i}`, createdAt: new Date(base + i * 1000).toISOString() }));
		const t = watch(['signed']);
		await t.poll();
		for (const s of sessions.slice(0, 1150)) state(env).sign(s.id, Date.now());
		clear();
		const out = await t.poll();
		expect(out.items).toHaveLength(1150);
		// Oldest first, as the sessions were created.
		expect(out.items![0].json.title).toBe('S0');
		expect(out.items![1149].json.title).toBe('S1149');
		const from = encodeURIComponent(sessions[0].createdAt);
		const finals = `sort=-createdAt&createdDateFrom=${from}&state=SIGNED&state=REJECTED&state=EXPIRED`;
		expect(state(env).listQueries).toEqual([
			`offset=0&limit=100&${finals}`,
			`offset=100&limit=1000&${finals}`,
			`offset=1100&limit=1000&${finals}`,
			// The oldest open session was signed: where the open sessions start now (used from the poll after next).
			'offset=0&limit=1&sort=%2BcreatedAt&state=BLOCKED&state=READY',
		]);
		clear();
		expect(await t.poll()).toEqual({ items: null });
		expect(state(env).listQueries).toEqual([`offset=0&limit=100&${finals}`]);
		// Two polls later the window starts at the oldest session still open.
		await t.poll();
		clear();
		state(env).sign(sessions[1200].id, Date.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed S1200']);
		expect(state(env).listQueries[0]).toBe(
			`offset=0&limit=100&sort=-createdAt&createdDateFrom=${encodeURIComponent(sessions[1150].createdAt)}&state=SIGNED&state=REJECTED&state=EXPIRED`,
		);
	});

	test('a session open for long, signed deep in the list, is found: reading goes on until every new one is', async () => {
		const base = Date.now() - 3 * 86400_000;
		const sessions = Array.from({ length: 400 }, (_, i) => addSession(env, { title: `S${i}`, createdAt: new Date(base + i * 1000).toISOString() }));
		const t = watch(['signed']);
		await t.poll();
		for (const s of sessions.slice(1, 300)) state(env).sign(s.id, Date.now());
		expect((await t.poll()).items).toHaveLength(299);
		state(env).sign(sessions[0].id, Date.now());
		clear();
		expect(fired((await t.poll()).items)).toEqual(['session.signed S0']);
		expect(state(env).listQueries.map((q) => q.split('&sort')[0])).toEqual(['offset=0&limit=100', 'offset=100&limit=1000', 'offset=0&limit=1']);
	});

	test('a known final session deleted: the shorter list makes the poll read the whole window once; nothing fires twice', async () => {
		const a = addSession(env, { title: 'A' });
		const b = addSession(env, { title: 'B' });
		const t = watch(['signed']);
		await t.poll();
		state(env).sign(a.id, Date.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed A']);
		state(env).sessions.delete(a.id);
		clear();
		expect(await t.poll()).toEqual({ items: null });
		// The list total (0) is below the known count (1): the whole window is read, all states.
		expect(state(env).listQueries).toHaveLength(2);
		expect(state(env).listQueries[1]).toMatch(/^offset=0&limit=1000&sort=%2BcreatedAt&createdDateFrom=[^&]+$/);
		state(env).sign(b.id, Date.now());
		expect(fired((await t.poll()).items)).toEqual(['session.signed B']);
		expect(await t.poll()).toEqual({ items: null });
	});

	test('a deletion and a new final session beyond the first page balance the count: the daily full read fires it, once', async () => {
		const base = Date.now() - 86400_000;
		const b = addSession(env, { title: 'B', createdAt: new Date(base).toISOString() });
		const done = Array.from({ length: 150 }, (_, i) => addSession(env, { title: `Done ${i}`, state: 'SIGNED', createdAt: new Date(base + (i + 1) * 1000).toISOString() }));
		const t = watch(['signed']);
		await t.poll();
		// Signicat removes a signed session (retention) while B, older than the first page, is signed.
		state(env).sessions.delete(done[149].id);
		state(env).sign(b.id, Date.now());
		clear();
		expect(await t.poll()).toEqual({ items: null });
		expect(state(env).listQueries).toHaveLength(1);
		// A day later (the saved state says the last full read was 25 hours ago), n8n restarts and polls.
		const saved = (t as unknown as { saved: Record<string, { fullReadAt: number }> }).saved['node:Trigger'];
		saved.fullReadAt -= 25 * 3600_000;
		t.restart();
		expect(fired((await t.poll()).items)).toEqual(['session.signed B']);
		expect(await t.poll()).toEqual({ items: null });
	});

	test('switching from State Changed to Signed replays no history', async () => {
		const a = addSession(env, { title: 'A' });
		const changed = watch(['stateChanged']);
		await changed.poll();
		state(env).sign(a.id, Date.now());
		expect(fired((await changed.poll()).items)).toEqual(['session.signed A']);
		const saved = (changed as unknown as { saved: Record<string, unknown> }).saved;
		const signed = watch(['signed']);
		(signed as unknown as { saved: Record<string, unknown> }).saved = structuredClone(saved);
		(signed as unknown as { activated: boolean }).activated = true;
		expect(await signed.poll()).toEqual({ items: null });
		const b = addSession(env, { title: 'B' });
		await signed.poll();
		state(env).sign(b.id, Date.now());
		expect(fired((await signed.poll()).items)).toEqual(['session.signed B']);
	});

	test('no events chosen is a clear error', async () => {
		const out = await watch([]).poll();
		expect(out.error?.message).toBe('Choose at least one event in "Events"');
	});
});
