/**
 * Issue 7 fault tests for NextSign. Already covered in test/nextsign/ (not repeated here): 429 on create sent
 * once more, 502 and a cut connection on create not retried with the "may have been applied" advice, the
 * create bad-input table, Get/Get Several/Get Many/Download bad input, a failing trigger poll not advancing.
 * NextSign authenticates with a static API key (no token), so there is no token to expire and renew.
 */
import type { IDataObject } from 'n8n-workflow';

import { makePdf } from '../../sandbox/server';
import { fileItem, node, single, trigger } from '../helpers';
import { soak } from '../soak';
import { COMPANY, CPR, ns, state, useNextSign } from '../nextsign/env';

const env = useNextSign();

const recipient = { name: 'Mia', email: 'mia@example.com' };

/** A case created through the node, as NextSign stores it. */
async function createCase(title = 'Lejeaftale', recipients: IDataObject[] = [recipient]): Promise<IDataObject> {
	const r = await env.engine.run(
		single(ns({ resource: 'case', operation: 'create', title, documents: { document: [{ source: 'binary', binaryPropertyName: 'data', name: 'Lejekontrakt.pdf' }] }, recipients: { recipient: recipients } })),
		[fileItem(makePdf(title))],
	);
	expect(r.error()).toBeUndefined();
	env.sandbox.requests.length = 0;
	return r.output('Node')[0].json;
}

const getCase = (caseId: unknown) => single(ns({ resource: 'case', operation: 'get', caseId: String(caseId) }));
const statuses = (prefix = 'nextsign') => env.sandbox.requestsFor(prefix).map((q) => q.status);

describe('NextSign under faults: rate limits', () => {
	test('429 with Retry-After on a read is waited out, then the read succeeds', async () => {
		const c = await createCase();
		env.sandbox.addFault({ prefix: 'nextsign', path: '/get', status: 429, retryAfter: '1', body: { errors: [{ code: 429, message: 'Too many requests' }] } });
		const started = Date.now();
		const r = await env.engine.run(getCase(c._id));
		expect(r.error()).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(statuses()).toEqual([429, 200]);
		expect(r.output('Node')[0].json._id).toBe(c._id);
	});

	test('a Retry-After longer than the node waits fails at once, with the wait and what to do', async () => {
		env.sandbox.addFault({ prefix: 'nextsign', path: '/get', status: 429, retryAfter: '3600', body: { errors: [{ code: 429, message: 'Too many requests' }] } });
		const r = await env.engine.run(getCase('c1'));
		expect(statuses()).toEqual([429]);
		expect(r.error()!.message).toBe('NextSign rejected the request (429): Too many requests');
		expect(r.error()!.description).toMatch(/^NextSign asked to wait 3600 s, longer than this node waits \(60 s\)\. /);
	});

	test('429 that keeps coming: a bounded number of attempts, then a clear error', async () => {
		env.sandbox.addFault({ prefix: 'nextsign', path: '/get', status: 429, retryAfter: '1', times: 10, body: { errors: [{ code: 429, message: 'Too many requests' }] } });
		const r = await env.engine.run(getCase('c1'));
		expect(statuses()).toEqual([429, 429, 429, 429]);
		expect(r.error()!.message).toBe('NextSign rejected the request (429): Too many requests');
		expect(r.error()!.description).toMatch(/^Still rate-limited after 4 attempts\. /);
	});

	test('the emulator’s own limit (100 a minute): its 429 and Retry-After (the rest of the minute) are waited out', async () => {
		// A window that started 58.5 s ago with its one request used: NextSign asks to wait the last ~2 s.
		const res = await fetch(`${env.sandbox.origin}/_control/nextsign/rate-limit`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ limit: 1, used: 1, windowStart: Date.now() - 58_500 }),
		});
		expect(res.status).toBe(200);
		const started = Date.now();
		const r = await env.engine.run(single(ns({ resource: 'case', operation: 'getMany', returnAll: false, limit: 5, filters: {} })));
		expect(r.error()).toBeUndefined();
		expect(statuses()).toEqual([429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});
});

describe('NextSign under faults: 5xx, cut connections and malformed answers', () => {
	test('5xx on Get Many pages is retried: every case once, none twice', async () => {
		const st = state(env.sandbox);
		for (let i = 0; i < 250; i++) st.seed(COMPANY, `Case ${i}`, Date.parse('2026-01-01T00:00:00Z') + i * 1000);
		env.sandbox.addFault({ prefix: 'nextsign', path: '/cases/get', status: 502, times: 2 });
		const r = await env.engine.run(single(ns({ resource: 'case', operation: 'getMany', returnAll: true, filters: {} })));
		expect(r.error()).toBeUndefined();
		expect(statuses()).toEqual([502, 502, 200, 200, 200]);
		expect(env.sandbox.requestsFor('nextsign').map((q) => q.query.index)).toEqual(['0', '0', '0', '1', '2']);
		const titles = r.output('Node').map((i) => String(i.json.title));
		expect(titles).toHaveLength(250);
		expect(new Set(titles).size).toBe(250);
	});

	test('a connection dropped while a read is answered is retried', async () => {
		const c = await createCase();
		env.sandbox.addFault({ prefix: 'nextsign', path: '/get', cut: true });
		const r = await env.engine.run(getCase(c._id));
		expect(r.error()).toBeUndefined();
		expect(env.sandbox.requestsFor('nextsign')).toHaveLength(2);
		expect(r.output('Node')[0].json.title).toBe('Lejeaftale');
	});

	test('a dropped connection on every try: the read gives up after 4 attempts and says so', async () => {
		const c = await createCase();
		env.sandbox.addFault({ prefix: 'nextsign', path: '/get', cut: true, times: 10 });
		const r = await env.engine.run(getCase(c._id));
		expect(env.sandbox.requestsFor('nextsign')).toHaveLength(4);
		expect(r.error()!.message).toMatch(new RegExp(`^NextSign could not be reached \\(\\w+\\) for GET /nextsign/api/v2/${COMPANY}/case/${String(c._id)}/get$`));
		expect(r.output('Node')).toEqual([]);
		expect(r.error()!.description).toBe("Tried 4 times. Check the credential's base URL and your network, then run the node again.");
	});

	test('Form → Submit (it creates a case): a 503 is not retried, and the error says how to check before submitting again', async () => {
		env.sandbox.addFault({ prefix: 'nextsign', path: '/submit', status: 503 });
		const r = await env.engine.run(
			single(
				ns({
					resource: 'form',
					operation: 'submit',
					formId: 'form-lease',
					tags: { tag: [{ tag: 'tenant_name', value: 'Mia' }] },
					recipients: { recipient: [{ ...recipient, needsCpr: true, cpr: CPR }] },
				}),
			),
		);
		expect(statuses()).toEqual([503]);
		expect(r.error()!.message).toBe(`NextSign answered 503 to POST /nextsign/api/v2/${COMPANY}/forms/form-lease/submit`);
		expect(r.error()!.description).toBe(
			'The request may still have been applied, so it was not sent again (that could create a duplicate). Use Case → Get Many and look for the case created from this form before submitting again (NextSign has no duplicate protection).',
		);
		expect(state(env.sandbox).cases.size).toBe(0);
		const { node: _node, ...rest } = JSON.parse(JSON.stringify(r.run.data.resultData.error)) as IDataObject;
		expect(JSON.stringify(rest)).not.toContain(CPR);
	});

	test('the automatic upload of a document over 3.5 MB: a 503 from the file host is retried with the whole file, one case', async () => {
		const big = Buffer.concat([makePdf('big'), Buffer.alloc(3_600_000, 0x25)]);
		env.sandbox.addFault({ prefix: 'nextsign-files', path: '/file/upload', status: 503 });
		const r = await env.engine.run(
			single(ns({ resource: 'case', operation: 'create', title: 'Stor', documents: { document: [{ source: 'binary', binaryPropertyName: 'data' }] }, recipients: { recipient: [recipient] } })),
			[fileItem(big, 'Stor.pdf')],
		);
		expect(r.error()).toBeUndefined();
		const uploads = env.sandbox.requestsFor('nextsign-files');
		expect(uploads.map((q) => q.status)).toEqual([503, 200]);
		for (const u of uploads) expect(u.parts!.find((p) => p.name === 'file')).toMatchObject({ filename: 'Stor.pdf', contentType: 'application/pdf', size: big.length });
		expect(statuses()).toEqual([200]);
		expect([...state(env.sandbox).cases.values()].filter((c) => c.title === 'Stor')).toHaveLength(1);
		expect(r.output('Node')[0].json.documentTransfer).toBe('uploaded');
	});

	test('a non-JSON answer to a read is reported, not passed on as data (and retried reads do not hide it)', async () => {
		env.sandbox.addFault({ prefix: 'nextsign', path: '/get', malformed: true });
		const r = await env.engine.run(getCase('c1'));
		expect(r.error()!.message).toBe(`NextSign answered with something that is not JSON (GET /nextsign/api/v2/${COMPANY}/case/c1/get)`);
		expect(r.output('Node')).toEqual([]);
	});

	test('a non-JSON answer to a create: the case may exist, so the error says how to check before creating again', async () => {
		env.sandbox.addFault({ prefix: 'nextsign', path: '/case/create', malformed: true });
		const r = await env.engine.run(
			single(ns({ resource: 'case', operation: 'create', title: 'Maybe', documents: { document: [{ source: 'binary', binaryPropertyName: 'data' }] }, recipients: { recipient: [recipient] } })),
			[fileItem(makePdf('x'))],
		);
		expect(statuses()).toEqual([200]);
		expect(r.error()!.message).toBe(`NextSign answered with something that is not JSON (POST /nextsign/api/v2/${COMPANY}/case/create)`);
		expect(r.error()!.description).toBe(
			'It answered 200, so the request was probably applied; it was not sent again. Use Case → Get Many and look for "Maybe" before creating it again (NextSign has no duplicate protection). A proxy may be in the way: check the credential\'s base URL.',
		);
	});
});

describe('NextSign under faults: downloads cut in the middle', () => {
	async function signedCase() {
		const c = await createCase('Lejeaftale', [recipient]);
		state(env.sandbox).sign(String(c._id), undefined, Date.now());
		return c;
	}

	test('Document → Download: the storage connection cut mid-file on every try → an error and no partial binary', async () => {
		const c = await createCase();
		const url = String(((c.documents as IDataObject[])[0] as IDataObject).document_id);
		env.sandbox.addFault({ prefix: 'nextsign-storage', cut: true, times: 10 });
		const r = await env.engine.run(single(ns({ resource: 'document', operation: 'download', url, binaryPropertyName: 'data' })));
		expect(r.error()!.message).toMatch(/^NextSign could not be reached \(\w+\) for GET \/nextsign-storage\//);
		expect(r.output('Node')).toEqual([]);
		// The file read is retried (it is only a read): 4 tries, each cut.
		expect(env.sandbox.requestsFor('nextsign-storage')).toHaveLength(4);
	});

	test('Document → Download: one cut, then the whole file on the retry (byte for byte)', async () => {
		const c = await createCase();
		const url = String(((c.documents as IDataObject[])[0] as IDataObject).document_id);
		env.sandbox.addFault({ prefix: 'nextsign-storage', cut: true });
		const r = await env.engine.run(single(ns({ resource: 'document', operation: 'download', url, binaryPropertyName: 'data' })));
		expect(r.error()).toBeUndefined();
		const stored = state(env.sandbox).files.get(decodeURIComponent(new URL(url).pathname.slice('/nextsign-storage'.length)))!;
		const out = r.output('Node')[0];
		expect(Buffer.from(out.binary!.data.data, 'base64')).toEqual(stored.content);
		expect(out.binary!.data.fileName).toBe('Lejekontrakt.pdf');
	});

	test('Download Signed Documents: a cut on the signed file → no item at all, not a partial one', async () => {
		const c = await signedCase();
		env.sandbox.addFault({ prefix: 'nextsign-storage', path: '/signed/', cut: true, times: 10 });
		const r = await env.engine.run(single(ns({ resource: 'document', operation: 'downloadSigned', caseId: c._id, binaryPropertyName: 'data' })));
		expect(r.error()!.message).toMatch(/^NextSign could not be reached/);
		expect(r.output('Node')).toEqual([]);
	});
});

describe('NextSign bad input (the operations not covered in test/nextsign): named field and item, zero requests', () => {
	const cases: Array<[string, IDataObject, string]> = [
		['Upload without a binary field name', { resource: 'document', operation: 'upload', binaryPropertyName: ' ' }, 'Invalid "Input Binary Field" must not be empty [item 0]'],
		['Download Signed with a bad case ID', { resource: 'document', operation: 'downloadSigned', caseId: 'a b', binaryPropertyName: 'data' }, 'Invalid "Case ID" must not contain spaces, commas or slashes [item 0]'],
		['Download Signed without an output field', { resource: 'document', operation: 'downloadSigned', caseId: 'c1', binaryPropertyName: '  ' }, 'Invalid "Put Output File in Field" must not be empty [item 0]'],
		['Form Get with a blank form ID', { resource: 'form', operation: 'get', formId: '   ' }, 'Invalid "Form ID" must not be empty [item 0]'],
		['Form Get Tags with a slash in the form ID', { resource: 'form', operation: 'getTags', formId: 'a/b' }, 'Invalid "Form ID" must not contain spaces, commas or slashes [item 0]'],
		[
			'Form Submit without recipients',
			{ resource: 'form', operation: 'submit', formId: 'form-lease', tags: { tag: [{ tag: 'tenant_name', value: 'Mia' }] }, recipients: {} },
			'Invalid "Recipients" needs at least 1 entry [item 0]',
		],
		[
			'Form Submit with an empty tag name',
			{ resource: 'form', operation: 'submit', formId: 'form-lease', tags: { tag: [{ tag: ' ', value: 'Mia' }] }, recipients: { recipient: [recipient] } },
			'Invalid "Tag" (tag 1) must not be empty [item 0]',
		],
		[
			'Form Submit with a CPR of nine digits',
			{ resource: 'form', operation: 'submit', formId: 'form-lease', tags: { tag: [] }, recipients: { recipient: [{ ...recipient, needsCpr: true, cpr: '010190123' }] } },
			'Invalid "CPR Number" (recipient 1) must be exactly 10 digits (DDMMYYXXXX) [item 0]',
		],
	];
	test.each(cases)('%s', async (_label, p, message) => {
		const r = await env.engine.run(single(ns(p)), [fileItem(makePdf('x'))]);
		expect(r.error()?.message).toBe(message);
		expect(env.sandbox.requests).toHaveLength(0);
		expect(`${r.error()?.message} ${r.error()?.description}`).not.toContain('010190123');
	});
});

describe('NextSign Trigger under faults', () => {
	const watch = (events: string[]) => trigger(env.engine, node('nextSignTrigger', { events }, { nextSignApi: 'cred-1' }, 'Trigger'));

	test('cases signed before activation never fire, even those older than the first look-back window', async () => {
		const st = state(env.sandbox);
		const now = Date.now();
		// Signed 5.5 minutes and 1 minute before activation: the second poll reads from (newest − 5 min), which
		// reaches further back than the activation did (now − 5 min).
		st.seed(COMPANY, 'Old', now - 330_000, { state: 'signed' });
		st.seed(COMPANY, 'Recent', now - 60_000, { state: 'signed' });
		const t = watch(['caseSigned']);
		expect(await t.poll()).toEqual({ items: null });
		expect(await t.poll()).toEqual({ items: null });
		t.restart();
		expect(await t.poll()).toEqual({ items: null });
	});

	test('a non-JSON list answer fails the poll without moving on; the next poll fires the event once', async () => {
		const c = await createCase('A');
		const t = watch(['caseSigned']);
		expect(await t.poll()).toEqual({ items: null });
		state(env.sandbox).sign(String(c._id), undefined, env.sandbox.now());
		env.sandbox.addFault({ prefix: 'nextsign', path: '/cases/get', malformed: true });
		const failed = await t.poll();
		expect(failed.items).toBeNull();
		expect(failed.error?.message).toMatch(/^NextSign answered with something that is not JSON \(GET /);
		t.restart();
		const fired = await t.poll();
		expect(fired.items!.map((i) => [i.json.event, i.json.caseId])).toEqual([['case_signed', c._id]]);
		expect(await t.poll()).toEqual({ items: null });
	});

	test.each(['createdAt', 'updatedAt'] as const)('soak (lists by %s): 1,000 events over 50 polls, bursts over a page, offsets shifting mid-poll, clock skew, restarts, a future-dated case → none missed, none twice', async (order) => {
		const st = state(env.sandbox);
		st.listOrder = order;
		const base = Date.now() - 30 * 86_400_000;
		// History: 250 cases (three pages), most signed, some still open.
		for (let i = 0; i < 250; i++) st.seed(COMPANY, `History ${i}`, base + i * 60_000, i % 5 ? { state: 'signed' } : {});
		let n = 0;
		const open: string[] = [];
		const person = (id: number, name: string, group: number): IDataObject => ({
			_id: `r-${id}-${name}`,
			name,
			email: `${name.toLowerCase()}${id}@example.com`,
			signing: true,
			group,
			signed: 'pending',
			signer: { signer_type: 'recipient', identity: { confirmed: false } },
		});
		const newCase = (): string[] => {
			n += 1;
			const recipients = n % 2 ? [person(n, 'Mia', 0), person(n, 'Lars', 1)] : [person(n, 'Solo', 0)];
			const c = st.seed(COMPANY, `Case ${n}`, env.sandbox.now(), { recipients, documents: [{ name: 'x.pdf' }] });
			open.push(String(c._id));
			return [`case_created:${String(c._id)}`];
		};
		const signNext = (): string[] => {
			const id = open[0];
			const c = st.sign(id, undefined, env.sandbox.now());
			const who = (c.recipients as IDataObject[]).filter((r) => r.signed === 'signed').pop()!;
			const keys = [`recipient_signed:${id}:${String(who.name)}`];
			if (c.state === 'signed') {
				keys.push(`case_signed:${id}`);
				open.shift();
			}
			return keys;
		};
		const denyNewest = (): string[] => {
			const id = open.pop()!;
			st.deny(id, undefined, env.sandbox.now());
			return [`case_denied:${id}`];
		};
		/** The newest open case's availability runs out (`settings.availability.isExpired`); it stays listed as pending. */
		const expireNewest = (): string[] => {
			const id = open.pop()!;
			st.expire(id, env.sandbox.now());
			return [`case.expiry.expired:${id}`];
		};
		/** Once: a case dated a year ahead (a provider clock gone wrong) — it must not freeze the trigger. */
		let future = false;
		const futureCase = (): string[] => {
			future = true;
			const c = st.seed(COMPANY, 'From the future', Date.now() + 365 * 86_400_000, { recipients: [person(99_999, 'Solo', 0)], documents: [{ name: 'x.pdf' }] });
			return [`case_created:${String(c._id)}`];
		};
		/** Exactly `count` events: new cases, signatures of the oldest open case, now and then a refusal. */
		const events = (count: number): string[] => {
			const keys: string[] = [];
			let step = 0;
			while (keys.length < count) {
				const left = count - keys.length;
				step += 1;
				const oldest = open.length ? st.cases.get(open[0])! : undefined;
				const completes = oldest ? (oldest.recipients as IDataObject[]).filter((r) => r.signed === 'pending').length === 1 : false;
				if (!future && n > 500) keys.push(...futureCase());
				else if (step % 11 === 0 && open.length > 3) keys.push(...expireNewest());
				else if (step % 7 === 0 && open.length > 3) keys.push(...denyNewest());
				else if (step % 2 === 0 && oldest && (!completes || left >= 2)) keys.push(...signNext());
				else keys.push(...newCase());
			}
			return keys;
		};

		// Mid-poll changes: while the trigger pages through a list, new cases appear at the top and open cases
		// leave the pending list, so the offsets of every later page shift under the reader.
		const routes = (env.sandbox as unknown as { routes: Map<string, Array<{ pattern: string; handler: (req: unknown) => unknown }>> }).routes.get('nextsign')!;
		const list = routes.find((r) => r.pattern === '/api/v2/:company/cases/get')!;
		const original = list.handler;
		let midPoll: string[] = [];
		let midPollBudget = 0;
		list.handler = async (req) => {
			const res = await original(req);
			if (midPollBudget >= 3 && (req as { query: URLSearchParams }).query.get('index') === '0') {
				const keys = events(3);
				midPollBudget -= keys.length;
				midPoll.push(...keys);
			}
			return res;
		};

		// 1,000 events: 20 a poll, with a burst of 150 (more than one page) every tenth poll.
		const plan: number[] = Array.from({ length: 50 }, (_, p) => (p % 10 === 4 ? 150 : 0));
		const quiet = plan.filter((x) => x === 0).length;
		const rest = 1000 - 150 * (50 - quiet);
		let extra = rest % quiet;
		plan.forEach((x, p) => (plan[p] = x || Math.floor(rest / quiet) + (extra-- > 0 ? 1 : 0)));
		expect(plan.reduce((a, b) => a + b, 0)).toBe(1000);

		const runner = watch(['caseCreated', 'recipientSigned', 'caseSigned', 'caseDenied', 'caseExpired']);
		await runner.poll('manual'); // the emulator learns its origin before signed documents are stored
		try {
			const result = await soak({
				runner,
				sandbox: env.sandbox,
				total: 1000,
				polls: 50,
				restartEvery: 7,
				skewMs: [0, 4000, -3000, 2500, -1500],
				happen(_count, p) {
					// Events made during the previous poll count against this poll's share; the ones made during
					// this poll (by the list hook) against the next one's.
					const keys = [...midPoll];
					midPoll = [];
					keys.push(...events(plan[p] - keys.length));
					midPollBudget = p < 45 ? 3 : 0;
					return keys;
				},
				keyOf: (item) =>
					item.json.event === 'recipient_signed'
						? `recipient_signed:${String(item.json.caseId)}:${String((item.json.recipient as IDataObject).name)}`
						: `${String(item.json.event)}:${String(item.json.caseId)}`,
			});
			expect(midPoll).toEqual([]);
			expect(result.missed).toEqual([]);
			expect(result.duplicates).toEqual([]);
			expect(result.expected).toHaveLength(1000);
			expect(result.fired.sort()).toEqual(result.expected.sort());
			expect(result.expected.filter((k) => k.startsWith('case.expiry.expired:')).length).toBeGreaterThan(20);
			// The trigger told the list's order from the pages (and so took the one-request path when lists follow updates).
			runner.deactivate();
			expect(((runner.savedStaticData['node:Trigger'] as IDataObject).nextsign as IDataObject).order).toBe(order);
		} finally {
			list.handler = original;
		}
	});
});
