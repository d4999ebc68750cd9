import type { IDataObject } from 'n8n-workflow';

import { makePdf } from '../../sandbox/server';
import { fileItem, node, single, trigger } from '../helpers';
import { COMPANY, CPR, ns, state, useNextSign } from './env';

const env = useNextSign();

async function createCase(title: string, recipients: IDataObject[]) {
	const r = await env.engine.run(
		single(ns({ resource: 'case', operation: 'create', title, documents: { document: [{ source: 'binary', binaryPropertyName: 'data' }] }, recipients: { recipient: recipients } })),
		[fileItem(makePdf(title))],
	);
	expect(r.error()).toBeUndefined();
	return String(r.output('Node')[0].json._id);
}

const two = [
	{ name: 'Mia', email: 'mia@example.com', needsCpr: true, cpr: CPR },
	{ name: 'Lars', email: 'lars@example.com', group: 1 },
];

const watch = (events: string[], filters: IDataObject = {}) =>
	trigger(env.engine, node('nextSignTrigger', { events, filters }, { nextSignApi: 'cred-1' }, 'Trigger'));

const listed = () =>
	env.sandbox.requestsFor('nextsign').map((q) => `${q.method} ${q.path}${Object.keys(q.query).length ? ` ${new URLSearchParams(q.query).toString()}` : ''}`);

const clear = () => (env.sandbox.requests.length = 0);

describe('NextSign Trigger', () => {
	test('case signed and case denied: nothing on activation, once each, repeats dropped, restart, errors do not advance', async () => {
		const a = await createCase('A', two);
		const b = await createCase('B', two);
		const t = watch(['caseSigned', 'caseDenied']);
		clear();

		expect(await t.poll()).toEqual({ items: null });
		clear();
		// Nothing new: the newest cases (stops at the first page that reaches back past the cursor) and the
		// open cases, nothing else — never the signed and denied lists, which grow for ever.
		expect(await t.poll()).toEqual({ items: null });
		expect(listed()).toEqual([`GET /api/v2/${COMPANY}/cases/get limit=100&index=0`, `GET /api/v2/${COMPANY}/cases/get status=pending&limit=100&index=0`]);

		const st = state(env.sandbox);
		st.sign(a, undefined, Date.now());
		expect((await t.poll()).items).toBeNull(); // one of two signed: not a signed case yet
		st.sign(a, undefined, Date.now());
		// Through the sandbox's control API, as a recipient would refuse.
		const denied = await fetch(`${env.sandbox.origin}/_control/nextsign/cases/${b}/deny`, { method: 'POST', body: JSON.stringify({ email: 'mia@example.com' }) });
		expect(denied.status).toBe(200);
		expect(((await denied.json()) as IDataObject).state).toBe('denied');
		const fired = await t.poll();
		expect(fired.error).toBeUndefined();
		expect(fired.items!.map((i) => [i.json.event, i.json.caseId, i.json.title, i.json.state])).toEqual([
			['case_signed', a, 'A', 'signed'],
			['case_denied', b, 'B', 'denied'],
		]);
		expect(await t.poll()).toEqual({ items: null });

		// n8n restarts: the saved state remembers what fired.
		t.restart();
		expect(await t.poll()).toEqual({ items: null });

		// A failing poll leaves the state alone: the next poll still fires the event, once.
		const c = await createCase('C', [{ name: 'Solo', email: 'solo@example.com' }]);
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

	test('recipient signed and case created: earlier signatures never fire, each new one once, CPR masked', async () => {
		const a = await createCase('A', two);
		const st = state(env.sandbox);
		st.sign(a, 'mia@example.com', Date.now()); // before the trigger exists
		const t = watch(['recipientSigned', 'caseCreated'], { folder: 'Default' });
		clear();

		expect(await t.poll()).toEqual({ items: null });
		// First activation reads the details of every open case that changed since it was created, once.
		const lists = [`GET /api/v2/${COMPANY}/cases/get folder=Default&limit=100&index=0`, `GET /api/v2/${COMPANY}/cases/get status=pending&folder=Default&limit=100&index=0`];
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
		expect((json.recipient as IDataObject).signed).toBe('signed');
		// Only the changed case's details were read.
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
			return Array.from({ length: n }, (_, i) => st.seed(COMPANY, `History ${i}`, at + i * 60_000, i % 4 ? { state: 'signed' } : {}));
		};

		test('case created among 250 cases: one request when nothing is new; 150 new cases → two pages, then it stops', async () => {
			history(250);
			const t = watch(['caseCreated']);
			expect(await t.poll()).toEqual({ items: null });
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(listed()).toEqual([`GET /api/v2/${COMPANY}/cases/get limit=100&index=0`]);

			const st = state(env.sandbox);
			const fresh = Array.from({ length: 150 }, (_, i) => String(st.seed(COMPANY, `New ${i}`, Date.now() + i)._id));
			clear();
			const fired = await t.poll();
			expect(fired.items!.map((i) => i.json.caseId)).toEqual(fresh);
			expect(listed()).toEqual([`GET /api/v2/${COMPANY}/cases/get limit=100&index=0`, `GET /api/v2/${COMPANY}/cases/get limit=100&index=1`]);
		});

		test('a list that is not newest first is never trusted to stop early: every page is read, nothing missed', async () => {
			history(250);
			const routes = (env.sandbox as unknown as { routes: Map<string, Array<{ pattern: string; handler: (req: unknown) => unknown }>> }).routes.get('nextsign')!;
			const list = routes.find((r) => r.pattern === '/api/v2/:company/cases/get')!;
			const original = list.handler;
			// Oldest first instead: reverse the emulator's order over the whole list.
			list.handler = async (req) => {
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
				list.handler = original;
			}
		});

		test('an open case that expires fires nothing; one deleted meanwhile does not block the trigger', async () => {
			const a = await createCase('A', [{ name: 'Solo', email: 'solo@example.com' }]);
			const b = await createCase('B', [{ name: 'Solo', email: 'solo@example.com' }]);
			const c = await createCase('C', [{ name: 'Solo', email: 'solo@example.com' }]);
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
			// The cases that left the open list, in one request; NextSign no longer has B, and says nothing of it.
			expect(listed()).toEqual([
				`GET /api/v2/${COMPANY}/cases/get limit=100&index=0`,
				`GET /api/v2/${COMPANY}/cases/get status=pending&limit=100&index=0`,
				`GET /api/v2/${COMPANY}/cases/${c},${b},${a}/get`,
			]);
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(listed()).toHaveLength(2);

			// Only deleted cases left: NextSign's 404 "Cases not found" is not an error of the poll.
			const d = await createCase('D', [{ name: 'Solo', email: 'solo@example.com' }]);
			expect(await t.poll()).toEqual({ items: null });
			st.cases.delete(d);
			clear();
			expect(await t.poll()).toEqual({ items: null });
			expect(env.sandbox.requestsFor('nextsign').map((q) => q.status)).toEqual([200, 200, 404]);
			expect(await t.poll()).toEqual({ items: null });
		});
	});
});
