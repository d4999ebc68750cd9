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
		// Nothing new: one list request per status, nothing else.
		expect(await t.poll()).toEqual({ items: null });
		expect(listed()).toEqual([
			`GET /api/v2/${COMPANY}/cases/get status=signed&limit=100&index=0`,
			`GET /api/v2/${COMPANY}/cases/get status=denied&limit=100&index=0`,
		]);

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
		// First activation reads the details of every case once.
		expect(listed()).toEqual([`GET /api/v2/${COMPANY}/cases/get folder=Default&limit=100&index=0`, `GET /api/v2/${COMPANY}/cases/${a}/get`]);
		clear();
		expect(await t.poll()).toEqual({ items: null });
		expect(listed()).toEqual([`GET /api/v2/${COMPANY}/cases/get folder=Default&limit=100&index=0`]);

		const b = await createCase('B', two);
		clear();
		const created = await t.poll();
		expect(created.items!.map((i) => [i.json.event, i.json.caseId, i.json.title])).toEqual([['case_created', b, 'B']]);
		// Only the new case's details were read.
		expect(listed()).toEqual([`GET /api/v2/${COMPANY}/cases/get folder=Default&limit=100&index=0`, `GET /api/v2/${COMPANY}/cases/${b}/get`]);

		st.sign(a, 'lars@example.com', Date.now());
		clear();
		const signed = await t.poll();
		expect(signed.items).toHaveLength(1);
		const json = signed.items![0].json;
		expect(json.event).toBe('recipient_signed');
		expect(json.caseId).toBe(a);
		expect((json.recipient as IDataObject).name).toBe('Lars');
		expect((json.recipient as IDataObject).signed).toBe('signed');
		expect(listed()).toEqual([`GET /api/v2/${COMPANY}/cases/get folder=Default&limit=100&index=0`, `GET /api/v2/${COMPANY}/cases/${a}/get`]);
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
});
