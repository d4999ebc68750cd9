import type { IDataObject } from 'n8n-workflow';

import { makePdf } from '../../sandbox/server';
import { fileItem, node, single, trigger } from '../helpers';
import { COMPANY, CPR, ns, state, useNextSign } from './env';

const env = useNextSign();

async function createCase(title: string, recipients: IDataObject[], extra: IDataObject = {}) {
	const r = await env.engine.run(
		single(ns({ resource: 'case', operation: 'create', title, documents: { document: [{ source: 'binary', binaryPropertyName: 'data' }] }, recipients: { recipient: recipients }, ...extra })),
		[fileItem(makePdf(title))],
	);
	expect(r.error()).toBeUndefined();
	return String(r.output('Node')[0].json._id);
}

const two = [
	{ name: 'Mia', email: 'mia@example.com', needsCpr: true, cpr: CPR },
	{ name: 'Lars', email: 'lars@example.com', group: 1 },
];
const solo = [{ name: 'Solo', email: 'solo@example.com' }];

const watch = (events: string[], filters: IDataObject = {}) =>
	trigger(env.engine, node('nextSignTrigger', { events, filters }, { nextSignApi: 'cred-1' }, 'Trigger'));

const listed = () =>
	env.sandbox.requestsFor('nextsign').map((q) => `${q.method} ${q.path}${Object.keys(q.query).length ? ` ${new URLSearchParams(q.query).toString()}` : ''}`);

const clear = () => (env.sandbox.requests.length = 0);
/** The trigger's own saved state (n8n keeps a node's static data under `node:<name>`). */
const own = (t: ReturnType<typeof watch>) => ((t.savedStaticData['node:Trigger'] ?? {}) as IDataObject).nextsign as IDataObject | undefined;
const list = (query = '') => `GET /api/v2/${COMPANY}/cases/get ${query ? `${query}&` : ''}limit=100&index=0`;

async function control(path: string, body: IDataObject = {}) {
	const res = await fetch(`${env.sandbox.origin}/_control/nextsign/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
	expect(res.status).toBe(200);
	return (await res.json()) as IDataObject;
}

describe('NextSign Trigger', () => {
	test('case signed and case denied: nothing on activation, once each, repeats dropped, restart, errors do not advance', async () => {
		const a = await createCase('A', two);
		const b = await createCase('B', two);
		const t = watch(['caseSigned', 'caseDenied']);
		clear();

		expect(await t.poll()).toEqual({ items: null });
		clear();
		// Nothing new (the list's order cannot be told yet): the newest cases and the open ones, nothing else —
		// never the signed and denied lists, which grow for ever.
		expect(await t.poll()).toEqual({ items: null });
		expect(listed()).toEqual([list(), list('status=pending')]);

		const st = state(env.sandbox);
		st.sign(a, undefined, Date.now());
		expect((await t.poll()).items).toBeNull(); // one of two signed: not a signed case yet
		st.sign(a, undefined, Date.now());
		// Through the sandbox's control API, as a recipient would refuse.
		expect((await control(`cases/${b}/deny`, { email: 'mia@example.com' })).state).toBe('denied');
		const fired = await t.poll();
		expect(fired.error).toBeUndefined();
		expect(fired.items!.map((i) => [i.json.event, i.json.caseId, i.json.title, i.json.status])).toEqual([
			['case_signed', a, 'A', 'signed'],
			['case_denied', b, 'B', 'denied'],
		]);
		expect(await t.poll()).toEqual({ items: null });

		// n8n restarts: the saved state remembers what fired.
		t.restart();
		expect(await t.poll()).toEqual({ items: null });

		// A failing poll leaves the state alone: the next poll still fires the event, once.
		const c = await createCase('C', solo);
		st.sign(c, undefined, Date.now());
		env.sandbox.addFault({ prefix: 'nextsign', path: '/cases/get', status: 500, times: 4 });
		const failed = await t.poll();
		expect(failed.items).toBeNull();
		expect(failed.error?.message).toBe('NextSign rejected the request (500)');
		const after = await t.poll();
		expect(after.items!.map((i) => [i.json.event, i.json.caseId])).toEqual([['case_signed', c]]);
		expect(await t.poll()).toEqual({ items: null });

		// "Fetch Test Event": one recent sample, state untouched.
		const manual = await t.poll('manual');
		expect(manual.items).toHaveLength(1);
		expect(['case_signed', 'case_denied']).toContain(manual.items![0].json.event);
		expect(await t.poll()).toEqual({ items: null });
	});

	test('signed and denied come from the documented list filters, never from `state` (whose other values are undocumented)', async () => {
		const a = await createCase('A', solo);
		const b = await createCase('B', solo);
		const t = watch(['caseSigned', 'caseDenied']);
		expect(await t.poll()).toEqual({ items: null });
		const st = state(env.sandbox);
		// A case whose `state` says something the docs never mention, while the list still has it as pending…
		st.cases.get(b)!.state = 'signed';
		// …and a signed case whose `state` is some other word.
		st.sign(a, undefined, Date.now());
		st.cases.get(a)!.state = 'archived';
		const fired = await t.poll();
		expect(fired.items!.map((i) => [i.json.event, i.json.caseId, i.json.status])).toEqual([['case_signed', a, 'signed']]);
		expect(await t.poll()).toEqual({ items: null });
	});

	test('recipient signed and case created: earlier signatures never fire, each new one once, CPR masked', async () => {
		const a = await createCase('A', two);
		const st = state(env.sandbox);
		st.sign(a, 'mia@example.com', Date.now()); // before the trigger exists
		const t = watch(['recipientSigned', 'caseCreated'], { folder: 'Default' });
		clear();

		expect(await t.poll()).toEqual({ items: null });
		// First activation reads the details of every open case that changed since it was created, once.
		const lists = [list('folder=Default'), list('status=pending&folder=Default')];
		expect(listed()).toEqual([...lists, `GET /api/v2/${COMPANY}/cases/${a}/get`]);
		clear();
		expect(await t.poll()).toEqual({ items: null });
		expect(listed()).toEqual(lists);

		const b = await createCase('B', two);
		clear();
		const created = await t.poll();
		expect(created.items!.map((i) => [i.json.event, i.json.caseId, i.json.title])).toEqual([['case_created', b, 'B']]);
		// A new case nobody has signed yet (updatedAt = createdAt) needs no details.
		expect(listed()).toEqual(lists);

		st.sign(a, 'lars@example.com', Date.now());
		clear();
		const signed = await t.poll();
		expect(signed.items).toHaveLength(1);
		const json = signed.items![0].json;
		expect(json.event).toBe('recipient_signed');
		expect(json.caseId).toBe(a);
		expect((json.recipient as IDataObject).name).toBe('Lars');
		// The case left the open list (every recipient signed): its details were read to tell how it ended.
		expect(listed()).toEqual([...lists, `GET /api/v2/${COMPANY}/cases/${a}/get`]);
		const text = JSON.stringify(signed.items);
		expect(text).not.toContain(CPR);
		expect(text).not.toContain('U2FsdGVkX1');
		expect(((json.case as IDataObject).recipients as IDataObject[])[0].cpr).toBe('***');

		expect(await t.poll()).toEqual({ items: null });
		st.sign(b, 'mia@example.com', Date.now());
		const mia = await t.poll();
		expect(mia.items!.map((i) => [i.json.event, i.json.caseId, (i.json.recipient as IDataObject).name])).toEqual([['recipient_signed', b, 'Mia']]);

		t.restart();
		expect(await t.poll()).toEqual({ items: null });

		const manual = await t.poll('manual');
		expect(manual.items).toHaveLength(1);
	});

	test('no events chosen: a clear error and no request', async () => {
		const t = watch([]);
		const result = await t.poll();
		expect(result.error?.message).toBe('Choose at least one event in "Events"');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	describe('reads only what changed', () => {
		const history = (n: number, at = Date.now() - 10 * 86_400_000) => {
			const st = state(env.sandbox);
			return Array.from({ length: n }, (_, i) => st.seed(COMPANY, `History ${i}`, at + i * 60_000, i % 4 ? { state: 'signed', reminders: { allSigned: true } } : {}));
		};

		test('case created among 250 cases: one request when nothing is new; 150 new cases → two pages, then it stops', async () => {
			history(250);
			const t = watch(['caseCreated']);
			expect(await t.poll()).toEqual({ items: null });
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(listed()).toEqual([list()]);

			const st = state(env.sandbox);
			const fresh = Array.from({ length: 150 }, (_, i) => String(st.seed(COMPANY, `New ${i}`, Date.now() + i)._id));
			clear();
			const fired = await t.poll();
			expect(fired.items!.map((i) => i.json.caseId)).toEqual(fresh);
			expect(listed()).toEqual([list(), `GET /api/v2/${COMPANY}/cases/get limit=100&index=1`]);
		});

		test('a list that is not newest first is never trusted to stop early: every page is read, nothing missed', async () => {
			history(250);
			const routes = (env.sandbox as unknown as { routes: Map<string, Array<{ pattern: string; handler: (req: unknown) => unknown }>> }).routes.get('nextsign')!;
			const route = routes.find((r) => r.pattern === '/api/v2/:company/cases/get')!;
			const original = route.handler;
			// Oldest first instead: reverse the emulator's order over the whole list.
			route.handler = async (req) => {
				const q = (req as { query: URLSearchParams }).query;
				const limit = Number(q.get('limit'));
				const index = Number(q.get('index'));
				q.set('limit', '100');
				const all: IDataObject[] = [];
				for (let i = 0; ; i++) {
					q.set('index', String(i));
					const page = ((await original(req)) as { json: { cases: IDataObject[] } }).json.cases;
					all.push(...page);
					if (page.length < 100) break;
				}
				return { status: 200, json: { status: 'company_found', cases: all.reverse().slice(index * limit, index * limit + limit) } };
			};
			try {
				const t = watch(['caseCreated']);
				expect(await t.poll()).toEqual({ items: null });
				const c = state(env.sandbox).seed(COMPANY, 'Newest', Date.now());
				clear();
				const fired = await t.poll();
				expect(fired.items!.map((i) => i.json.caseId)).toEqual([c._id]);
				expect(listed().map((l) => l.replace(/.*index=/, 'index '))).toEqual(['index 0', 'index 1', 'index 2']);
			} finally {
				route.handler = original;
			}
		});

		test('an open case that expires is not signed or denied; one deleted meanwhile does not block the trigger', async () => {
			const a = await createCase('A', solo);
			const b = await createCase('B', solo);
			const c = await createCase('C', solo);
			const t = watch(['caseSigned', 'caseDenied', 'recipientSigned']);
			expect(await t.poll()).toEqual({ items: null });
			const st = state(env.sandbox);
			st.expire(a, Date.now());
			st.cases.delete(b);
			st.sign(c, undefined, Date.now());
			clear();
			const fired = await t.poll();
			expect(fired.error).toBeUndefined();
			expect(fired.items!.map((i) => [i.json.event, i.json.caseId])).toEqual([
				['recipient_signed', c],
				['case_signed', c],
			]);
			// In one request: the cases that left the open list (C signed, B deleted) and A, which changed (it expired, and
			// is still listed as pending) and might have a new signature.
			expect(listed()).toEqual([list(), list('status=pending'), `GET /api/v2/${COMPANY}/cases/${c},${b},${a}/get`]);
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(listed()).toHaveLength(2);

			// Only deleted cases left: NextSign's documented 404 "Cases not found" is not an error of the poll.
			const d = await createCase('D', solo);
			expect(await t.poll()).toEqual({ items: null });
			st.cases.delete(d);
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(env.sandbox.requestsFor('nextsign').map((q) => q.status)).toEqual([200, 200, 404]);
			expect(await t.poll()).toEqual({ items: null });
		});

		test('a case denied after a first signature: the case is found in the denied list; only the real signature fires', async () => {
			const a = await createCase('A', two);
			const t = watch(['caseDenied', 'recipientSigned']);
			expect(await t.poll()).toEqual({ items: null });
			const st = state(env.sandbox);
			st.sign(a, undefined, Date.now());
			st.deny(a, undefined, Date.now());
			clear();
			const fired = await t.poll();
			expect(fired.items!.map((i) => [i.json.event, (i.json.recipient as IDataObject | undefined)?.name ?? null])).toEqual([
				['recipient_signed', 'Mia'],
				['case_denied', null],
			]);
			// Its details do not tell a denial: the denied list did (read from the top until the case was found).
			expect(listed()).toEqual([list(), list('status=pending'), `GET /api/v2/${COMPANY}/cases/${a}/get`, list('status=denied')]);
		});
	});

	describe('when NextSign lists by last update', () => {
		beforeEach(async () => {
			await control('list-order', { by: 'updatedAt' });
		});

		test('the order is learned from the pages; then an idle poll is one request, a change a few, and nothing is missed', async () => {
			const a = await createCase('A', two);
			const b = await createCase('B', solo);
			state(env.sandbox).seed(COMPANY, 'Old signed', Date.now() - 86_400_000, { state: 'signed', reminders: { allSigned: true } });
			const t = watch(['caseSigned', 'caseDenied', 'recipientSigned']);
			expect(await t.poll()).toEqual({ items: null });
			const st = state(env.sandbox);
			// The first change after creation puts A (older than B) first: the page is in update order, not creation order.
			st.sign(a, undefined, Date.now());
			const first = await t.poll();
			expect(first.items!.map((i) => [i.json.event, i.json.caseId])).toEqual([['recipient_signed', a]]);
			expect(own(t)).toMatchObject({ order: 'updatedAt' });

			// Idle: the company's list from the top, one page, nothing changed since the last poll.
			await new Promise((r) => setTimeout(r, 5));
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(listed()).toEqual([list()]);

			st.sign(a, undefined, Date.now());
			await new Promise((r) => setTimeout(r, 3));
			st.deny(b, undefined, Date.now());
			clear();
			const fired = await t.poll();
			expect(fired.items!.map((i) => [i.json.event, i.json.caseId])).toEqual([
				['recipient_signed', a],
				['case_signed', a],
				['case_denied', b],
			]);
			// The top of the company's list, of the signed and of the denied list, then the changed cases' details.
			expect(listed()).toEqual([list(), list('status=signed'), list('status=denied'), `GET /api/v2/${COMPANY}/cases/${b},${a}/get`]);
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(listed()).toEqual([list()]);
		});

		test('activated on a company whose list follows updates: the first poll reads the top of it, not every page', async () => {
			const st = state(env.sandbox);
			const at = Date.now() - 10 * 86_400_000;
			const all = Array.from({ length: 250 }, (_, i) => st.seed(COMPANY, `History ${i}`, at + i * 60_000, i % 10 ? { state: 'signed' } : {}));
			// Five old cases changed today: first in update order, far down in creation order.
			for (const c of all.slice(0, 5)) c.updatedAt = new Date(Date.now() - 3_600_000).toISOString();
			const t = watch(['caseSigned']);
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(listed()).toEqual([list(), list('status=pending')]);
			t.deactivate();
			expect(own(t)).toMatchObject({ order: 'updatedAt' });
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(listed()).toEqual([list()]);
		});

		test('once a day the open cases are read in full all the same: a case deleted while open is dropped from memory', async () => {
			const a = await createCase('A', solo);
			const b = await createCase('B', solo);
			const t = watch(['caseSigned']);
			expect(await t.poll()).toEqual({ items: null });
			const st = state(env.sandbox);
			st.sign(a, undefined, Date.now());
			expect((await t.poll()).items!.map((i) => i.json.caseId)).toEqual([a]);
			st.cases.delete(b); // deleted while open: nothing in the lists says so
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(listed()).toEqual([list()]);
			t.deactivate();
			expect(Object.keys(own(t)!.open as IDataObject)).toEqual([b]);
			// A day later (the last full read dated 25 hours back): the open list in full, B is gone from memory.
			const saved = t.savedStaticData['node:Trigger'] as IDataObject;
			t.savedStaticData = { 'node:Trigger': { ...saved, nextsign: { ...(saved.nextsign as IDataObject), fullAt: Date.now() - 25 * 3_600_000 } } };
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(listed()).toEqual([list(), list('status=pending'), `GET /api/v2/${COMPANY}/cases/${b}/get`]);
			t.deactivate();
			expect(own(t)!.open).toEqual({});
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(listed()).toEqual([list()]);
		});

		test('a page out of update order falls back to reading every open case in the same poll: nothing missed', async () => {
			const a = await createCase('A', solo);
			const b = await createCase('B', solo);
			const t = watch(['caseSigned']);
			expect(await t.poll()).toEqual({ items: null });
			const st = state(env.sandbox);
			st.sign(a, undefined, Date.now());
			expect((await t.poll()).items!.map((i) => i.json.caseId)).toEqual([a]);
			expect(own(t)).toMatchObject({ order: 'updatedAt' });
			// NextSign changes its order (creation order again): B signs, and the first page no longer follows updates.
			await control('list-order', { by: 'createdAt' });
			st.sign(b, undefined, Date.now());
			// The newest case, last changed an hour ago (a copy, say): first in creation order, out of update order.
			state(env.sandbox).seed(COMPANY, 'Newest, untouched', Date.now() + 10).updatedAt = new Date(Date.now() - 3_600_000).toISOString();
			clear();
			const fired = await t.poll();
			expect(fired.items!.map((i) => i.json.caseId)).toEqual([b]);
			expect(listed()).toEqual([list(), list(), list('status=pending'), `GET /api/v2/${COMPANY}/cases/${b}/get`]);
		});
	});

	describe('Case Expired', () => {
		test('each open case is read once for its expiry date, then again only when that date passes; unlimited ones never', async () => {
			const st = state(env.sandbox);
			const b = await createCase('B', solo, { settings: { availabilityUnlimited: true } });
			// A case that expires in 1.5 s (its `settings.availability.expiration`, documented).
			const a = String(st.seed(COMPANY, 'A', Date.now(), { settings: { availability: { unlimited: false, days: 1, expiration: new Date(Date.now() + 1500).toISOString(), isExpired: false } } })._id);
			const t = watch(['caseExpired']);
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(listed()).toEqual([list(), list('status=pending'), `GET /api/v2/${COMPANY}/cases/${a},${b}/get`]);
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(listed()).toEqual([list(), list('status=pending')]);

			// The date passes; NextSign flags A expired without touching anything else the lists show.
			await new Promise((r) => setTimeout(r, 1600));
			(st.cases.get(a)!.settings as IDataObject).availability = { unlimited: false, days: 1, expiration: new Date(Date.now() - 100).toISOString(), isExpired: true };
			clear();
			const fired = await t.poll();
			expect(fired.items!.map((i) => [i.json.event, i.json.caseId, i.json.status])).toEqual([['case.expiry.expired', a, 'expired']]);
			expect(listed()).toEqual([list(), list('status=pending'), `GET /api/v2/${COMPANY}/cases/${a}/get`]);
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(listed()).toEqual([list(), list('status=pending')]);
		});

		test('a case that expires early (its update shows in the open list) fires at once, once', async () => {
			const a = await createCase('A', solo, { settings: { availabilityDays: 5 } });
			const t = watch(['caseExpired', 'caseSigned']);
			expect(await t.poll()).toEqual({ items: null });
			state(env.sandbox).expire(a, Date.now());
			expect((await t.poll()).items!.map((i) => [i.json.event, i.json.caseId])).toEqual([['case.expiry.expired', a]]);
			expect(await t.poll()).toEqual({ items: null });
			t.restart();
			expect(await t.poll()).toEqual({ items: null });
		});

		test('a case that had expired before activation never fires', async () => {
			const a = await createCase('A', solo);
			state(env.sandbox).expire(a, Date.now());
			const t = watch(['caseExpired']);
			expect(await t.poll()).toEqual({ items: null });
			expect(await t.poll()).toEqual({ items: null });
			t.restart();
			expect(await t.poll()).toEqual({ items: null });
		});
	});

	describe('saved state', () => {
		test('an error inside HTTP 200 while reading the open cases fails the poll and leaves every saved field as it was', async () => {
			const a = await createCase('A', solo);
			const t = watch(['caseSigned']);
			expect(await t.poll()).toEqual({ items: null });
			t.deactivate();
			const before = t.savedStaticData;
			state(env.sandbox).sign(a, undefined, Date.now());
			// "Company not found" in a 200, and a 200 without the list: neither is read as "every open case left".
			for (const body of [{ errors: [{ code: 400, message: 'Bad Request', description: 'Company not found' }] }, { status: 'company_found' }]) {
				env.sandbox.addFault({ prefix: 'nextsign', path: '/cases/get', status: 200, body, times: 2 });
				const failed = await t.poll();
				expect(failed.items).toBeNull();
				expect(failed.error?.message).toMatch(/^NextSign rejected the request/);
				t.deactivate();
				expect(t.savedStaticData).toEqual(before);
				env.sandbox.clearFaults();
			}
			const fired = await t.poll();
			expect(fired.items!.map((i) => i.json.caseId)).toEqual([a]);
		});

		test('damaged state of its own is rebuilt without firing; the first version’s state is carried over', async () => {
			const a = await createCase('A', solo);
			const b = await createCase('B', solo);
			const t = watch(['caseSigned']);
			expect(await t.poll()).toEqual({ items: null });
			t.deactivate();
			const good = t.savedStaticData['node:Trigger'] as IDataObject;
			const st = state(env.sandbox);

			// Damaged: the open cases cannot be trusted, so this poll rebuilds them and fires no ending; the next one does.
			t.savedStaticData = { 'node:Trigger': { ...good, nextsign: { v: 2, open: 'garbage' } } };
			st.sign(a, undefined, Date.now());
			expect(await t.poll()).toEqual({ items: null });
			st.sign(b, undefined, Date.now());
			expect((await t.poll()).items!.map((i) => i.json.caseId)).toEqual([b]);

			// The first version kept `open` (id → updatedAt) beside pollEvents' fields: carried over, nothing lost.
			const c = await createCase('C', solo);
			const { nextsign: _drop, ...v1 } = t.savedStaticData['node:Trigger'] as IDataObject;
			void _drop;
			t.savedStaticData = { 'node:Trigger': { ...v1, open: { [c]: String(st.cases.get(c)!.updatedAt) } } };
			st.sign(c, undefined, Date.now());
			expect((await t.poll()).items!.map((i) => i.json.caseId)).toEqual([c]);
			t.deactivate();
			expect((t.savedStaticData['node:Trigger'] as IDataObject).open).toBeUndefined();
			// Bounded: only cases still open are kept.
			expect(Object.keys(own(t)!.open as IDataObject)).toEqual([]);
		});

		test('changing the folder or the events after activation is a new start: nothing from before fires', async () => {
			const a = await createCase('A', solo);
			const b = await createCase('B', solo, { additionalFields: { folder: 'Leases' } });
			const t = watch(['caseSigned']);
			expect(await t.poll()).toEqual({ items: null });
			const st = state(env.sandbox);
			st.deny(a, undefined, Date.now());
			st.sign(b, undefined, Date.now());
			// The user adds Case Denied and narrows to the folder "Leases" before the next poll: a new baseline.
			t.reconfigure({ events: ['caseSigned', 'caseDenied'], filters: { folder: 'Leases' } });
			expect(await t.poll()).toEqual({ items: null });
			expect(await t.poll()).toEqual({ items: null });
			const c = await createCase('C', solo, { additionalFields: { folder: 'Leases' } });
			expect(await t.poll()).toEqual({ items: null });
			st.deny(c, undefined, Date.now());
			expect((await t.poll()).items!.map((i) => [i.json.event, i.json.caseId])).toEqual([['case_denied', c]]);
		});
	});
});
