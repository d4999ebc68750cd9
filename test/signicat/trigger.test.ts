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

	test('with nothing open and nothing new, a poll is one request reading only from the newest session seen', async () => {
		const t = watch(['signed']);
		const s = addSession(env, { title: 'Done' });
		await t.poll();
		state(env).sign(s.id, Date.now());
		await t.poll();
		clear();
		expect(await t.poll()).toEqual({ items: null });
		expect(listRequests()).toHaveLength(1);
		// From the newest session seen minus the 5-minute look-back, never before the activation's own window.
		const floor = Number((t.savedStaticData['node:Trigger'] as { floor?: number }).floor);
		const from = new Date(Math.max(Date.parse(s.createdAt) - 5 * 60_000, floor)).toISOString();
		expect(state(env).listQueries).toEqual([`offset=0&limit=1000&sort=%2BcreatedAt&createdDateFrom=${encodeURIComponent(from)}`]);
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
		expect(t.savedStaticData['node:Trigger']).toMatchObject({ initialized: true, openFrom: Date.parse(b.createdAt) });
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

	test('no events chosen is a clear error', async () => {
		const out = await watch([]).poll();
		expect(out.error?.message).toBe('Choose at least one event in "Events"');
	});
});
