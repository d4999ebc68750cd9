/**
 * Issue 7 fault tests for Signicat (request-level faults already covered elsewhere: 5xx on create not resent
 * and 429 on create waited out in test/signicat/sessions.test.ts, a cut upload not resent in documents.test.ts,
 * an expired token between executions and during an upload in credential.test.ts, the bad-input table with zero
 * requests in validation.test.ts).
 */
import type { IConnections, IDataObject, INode } from 'n8n-workflow';

import { makePdf } from '../../sandbox/server';
import { binaryContent, fileItem, single, trigger } from '../helpers';
import { addSession, apiRequests, collectedDocument, signicat, signicatTrigger, state, tokenRequests, useSignicat } from '../signicat/env';
import { soak } from '../soak';

const env = useSignicat();

const tooMany = { status: 429, title: 'Too many requests', code: 'too_many_requests' };
const getSession = (sessionId: string) => single(signicat({ resource: 'signingSession', operation: 'get', sessionId }));
const statuses = () => apiRequests(env).map((r) => r.status);
const doc = (content = makePdf('to sign'), mime = 'application/pdf', filename?: string) => collectedDocument(env, content, mime, filename ? { filename } : {});
type Doc = ReturnType<typeof doc>;
const row = (d: Doc) => ({ documentId: d.documentId, documentCollectionId: d.documentCollectionId });
const createSession = (d: Doc, title = 'Contract') =>
	signicat({ resource: 'signingSession', operation: 'create', title, documents: { document: [row(d)] }, identityProviders: 'mitid' }, 'Create');

type Handler = (req: unknown) => unknown;

/** The soak reads two pages of 1,000 open sessions on each of its 50 polls: ~35 s alone, far more on a loaded machine. */
const SOAK_TIME_LIMIT_MS = 300_000;

/** Wraps one emulator route: `hook` may answer itself (return a response) or return undefined to let it answer. */
function onRoute(method: string, pattern: string, hook: (req: { query: URLSearchParams }, original: Handler) => unknown): () => void {
	const routes = (env.sandbox as unknown as { routes: Map<string, Array<{ pattern: string; method: string; handler: Handler }>> }).routes.get('signicat')!;
	const route = routes.find((r) => r.method === method && r.pattern === pattern)!;
	const original = route.handler;
	route.handler = (req: unknown) => hook(req as { query: URLSearchParams }, original) ?? original(req);
	return () => {
		route.handler = original;
	};
}

const onList = (hook: (query: URLSearchParams) => unknown) => onRoute('GET', '/sign/signing-sessions', (req) => hook(req.query));

function chain(...nodes: INode[]): { nodes: INode[]; connections: IConnections } {
	const connections: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { nodes, connections };
}

describe('Signicat under faults: rate limits', () => {
	test('429 with Retry-After on a read is waited out, then the read succeeds', async () => {
		const s = addSession(env, { title: 'Lease' });
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: '/sign/signing-sessions/', status: 429, retryAfter: '1', body: tooMany });
		const started = Date.now();
		const r = await env.engine.run(getSession(s.id));
		expect(r.error()).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(statuses()).toEqual([429, 200]);
		expect(r.output('Signicat')[0].json).toMatchObject({ id: s.id, title: 'Lease' });
	});

	test('a Retry-After longer than the node waits fails at once, with the wait and what to do', async () => {
		const s = addSession(env);
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: '/sign/signing-sessions/', status: 429, retryAfter: '3600', body: tooMany });
		const r = await env.engine.run(getSession(s.id));
		expect(statuses()).toEqual([429]);
		expect(r.error()!.message).toBe('Signicat rejected the request (429): Too many requests (too_many_requests)');
		expect(r.error()!.description).toMatch(/^Signicat asked to wait 3600 s, longer than this node waits \(60 s\)\. /);
	});

	test('429 that keeps coming: a bounded number of attempts, then a clear error; the create was never applied', async () => {
		const d = doc();
		env.sandbox.addFault({ prefix: 'signicat', method: 'POST', path: '/sign/signing-sessions', status: 429, retryAfter: '0', times: 10, body: tooMany });
		const r = await env.engine.run(single(createSession(d)));
		expect(statuses()).toEqual([429, 429, 429, 429]);
		expect(r.error()!.message).toBe('Signicat rejected the request (429): Too many requests (too_many_requests)');
		expect(r.error()!.description).toMatch(/^Still rate-limited after 4 attempts\. /);
		expect(state(env).sessions.size).toBe(0);
	});

	test('429 on a raw-body upload: the whole file is sent again after the wait, stored once', async () => {
		const pdf = makePdf('throttled upload');
		env.sandbox.addFault({ prefix: 'signicat', method: 'POST', path: '/sign/documents', status: 429, retryAfter: '0', body: tooMany });
		const r = await env.engine.run(single(signicat({ resource: 'document', operation: 'upload', binaryPropertyName: 'data' })), [fileItem(pdf, 'deal.pdf')]);
		expect(r.error()).toBeUndefined();
		const uploads = apiRequests(env).filter((a) => a.method === 'POST');
		expect(uploads.map((u) => [u.status, u.size, u.headers['content-type']])).toEqual([
			[429, pdf.length, 'application/pdf'],
			[201, pdf.length, 'application/pdf'],
		]);
		expect(state(env).documents.size).toBe(1);
		expect([...state(env).documents.values()][0].content.equals(pdf)).toBe(true);
	});
});

describe('Signicat under faults: reads are retried, writes are not', () => {
	test('503 on a read is retried with back-off', async () => {
		const s = addSession(env);
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: '/sign/signing-sessions/', status: 503, times: 2 });
		const r = await env.engine.run(getSession(s.id));
		expect(r.error()).toBeUndefined();
		expect(statuses()).toEqual([503, 503, 200]);
	});

	test('a read that keeps failing gives up after 4 attempts and says so', async () => {
		const s = addSession(env);
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: '/sign/signing-sessions/', status: 502, times: 10, body: { status: 502, title: 'Bad gateway', code: 'bad_gateway' } });
		const r = await env.engine.run(getSession(s.id));
		expect(statuses()).toEqual([502, 502, 502, 502]);
		expect(r.error()!.message).toBe('Signicat rejected the request (502): Bad gateway (bad_gateway)');
		expect(r.error()!.description).toBe('Signicat had a problem (tried 4 times). Try again later.');
	});

	test('a connection dropped in the middle of a read answer is retried', async () => {
		const s = addSession(env, { title: 'Dropped' });
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: '/sign/signing-sessions/', cut: true });
		const r = await env.engine.run(getSession(s.id));
		expect(r.error()).toBeUndefined();
		expect(apiRequests(env)).toHaveLength(2);
		expect(r.output('Signicat')[0].json.title).toBe('Dropped');
	});

	test('a slow answer to a read still arrives (no early give-up)', async () => {
		const s = addSession(env, { title: 'Slow' });
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: '/sign/signing-sessions/', delayMs: 1500 });
		const r = await env.engine.run(getSession(s.id));
		expect(r.error()).toBeUndefined();
		expect(apiRequests(env)).toHaveLength(1);
	});

	test('a connection dropped after a create reached Signicat: not sent again, and the error says how to check', async () => {
		const d = doc();
		env.sandbox.addFault({ prefix: 'signicat', method: 'POST', path: '/sign/signing-sessions', cut: true });
		const r = await env.engine.run(single(createSession(d, 'Lease 42')));
		expect(apiRequests(env)).toHaveLength(1);
		// The session exists: sending it again would have made a duplicate.
		expect(state(env).sessions.size).toBe(1);
		expect(r.error()!.message).toMatch(/^Signicat could not be reached \(\w+\) for POST \/signicat\/sign\/signing-sessions$/);
		expect(r.error()!.description).toBe(
			'The request may have reached Signicat before the connection failed, so it was not sent again. Use Signing Session → Get Many with "Title Contains" ("Lease 42") to check before creating again.',
		);
	});

	test('a slow create is waited for, not abandoned and sent again', async () => {
		const d = doc();
		env.sandbox.addFault({ prefix: 'signicat', method: 'POST', path: '/sign/signing-sessions', delayMs: 1500 });
		const r = await env.engine.run(single(createSession(d)));
		expect(r.error()).toBeUndefined();
		expect(apiRequests(env)).toHaveLength(1);
		expect(state(env).sessions.size).toBe(1);
	});

	test('502 on an upload is not retried: the error says the file may be stored and that a stray copy is harmless', async () => {
		env.sandbox.addFault({ prefix: 'signicat', method: 'POST', path: '/sign/documents', status: 502 });
		const r = await env.engine.run(single(signicat({ resource: 'document', operation: 'upload', binaryPropertyName: 'data' })), [fileItem(makePdf('x'), 'offer.pdf')]);
		expect(apiRequests(env)).toHaveLength(1);
		expect(r.error()!.message).toBe('Signicat answered 502 to POST /signicat/sign/documents: Injected 502 (SANDBOX_FAULT)');
		expect(r.error()!.description).toBe(
			'The request may still have been applied, so it was not sent again (that could create a duplicate). The file "offer.pdf" may already be stored in Signicat; an unused copy is harmless and expires with Signicat\'s retention.',
		);
	});

	test('503 on a delete is retried: a repeated DELETE cannot duplicate anything', async () => {
		const s = addSession(env);
		env.sandbox.addFault({ prefix: 'signicat', method: 'DELETE', status: 503 });
		const r = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'delete', sessionId: s.id })));
		expect(r.error()).toBeUndefined();
		expect(statuses()).toEqual([503, 204]);
		expect(r.output('Signicat')[0].json).toEqual({ sessionId: s.id, deleted: true });
	});

	test('a delete whose answer was lost (applied, then a gateway answered 504): the repeat finds it gone, which counts as deleted', async () => {
		const d = doc();
		let calls = 0;
		const restore = onRoute('DELETE', '/sign/documents/:documentId', (req, original) => {
			calls += 1;
			if (calls > 1) return undefined;
			original(req);
			return { status: 504, json: { status: 504, title: 'Gateway timeout', code: 'gateway_timeout' } };
		});
		const r = await env.engine.run(single(signicat({ resource: 'document', operation: 'delete', documentId: d.documentId })));
		restore();
		expect(r.error()).toBeUndefined();
		expect(statuses()).toEqual([504, 404]);
		expect(r.output('Signicat')[0].json).toEqual({ documentId: d.documentId, deleted: true });
		expect(state(env).documents.has(d.documentId)).toBe(false);
	});

	test('a delete of an id that never existed still fails with 404 (no retry made it so)', async () => {
		const id = 'f05d0dce-a7af-432b-b6b8-e455ab7c0899';
		const r = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'delete', sessionId: id })));
		expect(statuses()).toEqual([404]);
		expect(r.error()!.message).toBe(`Signicat rejected the request (404): Could not find signing session: Signing session ${id} was not found. (signing_session_not_found)`);
	});
});

describe('Signicat under faults: malformed answers and cut downloads', () => {
	test('a non-JSON answer to a read is reported, not passed on as data', async () => {
		const s = addSession(env);
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: '/sign/signing-sessions/', malformed: true });
		const r = await env.engine.run(getSession(s.id));
		expect(r.error()!.message).toBe(`Signicat answered with something that is not JSON (GET /signicat/sign/signing-sessions/${s.id})`);
		expect(r.error()!.description).toMatch(/proxy or an outage page/);
		expect(r.output('Signicat')).toEqual([]);
	});

	test('a non-JSON 2xx answer to a create: not sent again, and the error says it was probably applied and how to check', async () => {
		const d = doc();
		env.sandbox.addFault({ prefix: 'signicat', method: 'POST', path: '/sign/signing-sessions', malformed: true });
		const r = await env.engine.run(single(createSession(d)));
		expect(apiRequests(env)).toHaveLength(1);
		expect(r.error()!.message).toBe('Signicat answered with something that is not JSON (POST /signicat/sign/signing-sessions)');
		expect(r.error()!.description).toBe(
			'It answered 200, so the request was probably applied; it was not sent again. Use Signing Session → Get Many with "Title Contains" ("Contract") to check before creating again. A proxy may be in the way: check the credential\'s base URL.',
		);
		expect(r.output('Create')).toEqual([]);
	});

	test('a non-JSON second page while listing (Return All) fails the node instead of returning a partial list', async () => {
		for (let i = 0; i < 1200; i++) addSession(env, { title: `L${i}` });
		const restore = onList((q) => (q.get('offset') === '1000' ? { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('<html>upstream proxy error</html>') } : undefined));
		try {
			const r = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'getMany', returnAll: true, sort: '-createdAt', filters: {} })));
			expect(apiRequests(env).map((a) => a.query.offset)).toEqual(['0', '1000']);
			expect(r.error()!.message).toBe('Signicat answered with something that is not JSON (GET /signicat/sign/signing-sessions)');
			expect(r.output('Signicat')).toEqual([]);
		} finally {
			restore();
		}
	});

	test('a download cut in the middle is retried and returns the whole file', async () => {
		const content = Buffer.concat([makePdf('big'), Buffer.alloc(300_000, 7)]);
		const d = doc(content, 'application/pdf', 'big.pdf');
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: `/^\\/sign\\/documents\\/${d.documentId}$/`, cut: true });
		const r = await env.engine.run(single(signicat({ resource: 'document', operation: 'download', documentId: d.documentId, binaryPropertyName: 'data' })));
		expect(r.error()).toBeUndefined();
		expect(binaryContent(r.output('Signicat')[0]).equals(content)).toBe(true);
	});

	test('a download cut every time returns no partial file', async () => {
		const d = doc(Buffer.concat([makePdf('big'), Buffer.alloc(300_000, 7)]), 'application/pdf', 'big.pdf');
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: `/^\\/sign\\/documents\\/${d.documentId}$/`, cut: true, times: 10 });
		const r = await env.engine.run(single(signicat({ resource: 'document', operation: 'download', documentId: d.documentId, binaryPropertyName: 'data' })));
		expect(r.error()!.message).toMatch(new RegExp(`^Signicat could not be reached \\(\\w+\\) for GET /signicat/sign/documents/${d.documentId}$`));
		expect(r.error()!.description).toMatch(/^Tried 4 times\. /);
		expect(r.output('Signicat')).toEqual([]);
		expect(apiRequests(env).filter((a) => a.path === `/sign/documents/${d.documentId}`)).toHaveLength(4);
	});

	test('signed documents: a cut on the second file leaves no item with only the first', async () => {
		const a = doc(makePdf('a'), 'application/pdf', 'a.pdf');
		const b = doc(makePdf('b'), 'application/pdf', 'b.pdf');
		const created = await env.engine.run(
			single(signicat({ resource: 'signingSession', operation: 'create', title: 'Two', documents: { document: [row(a), row(b)] }, identityProviders: 'mitid' })),
		);
		const id = created.output('Signicat')[0].json.id as string;
		const session = state(env).sign(id, Date.now());
		env.sandbox.requests.length = 0;
		const second = session.output.signatures[1].resultDocumentId;
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: `/^\\/sign\\/documents\\/${second}$/`, cut: true, times: 10 });
		const r = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'downloadSigned', sessionId: id, binaryPrefix: 'signed', include: 'all' })));
		expect(r.error()!.message).toMatch(new RegExp(`^Signicat could not be reached \\(\\w+\\) for GET /signicat/sign/documents/${second}$`));
		expect(r.output('Signicat')).toEqual([]);
	});
});

describe('Signicat under faults: a token expiring mid-run', () => {
	test('create + get over 3 items, the token expires between items: one 401, one new token, the request repeated, all later calls succeed', async () => {
		const d = doc();
		const get = signicat({ resource: 'signingSession', operation: 'get', sessionId: '={{ $json.id }}' }, 'Get');
		const create = signicat(
			{ resource: 'signingSession', operation: 'create', title: '={{ "Contract " + $json.n }}', documents: { document: [row(d)] }, identityProviders: 'mitid' },
			'Create',
		);
		// A first run gets the token; it then expires after the next two API requests (items 0 and 1 of Create).
		await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'getMany', returnAll: false, limit: 1 })));
		const [firstToken] = [...state(env).tokens.keys()];
		env.sandbox.requests.length = 0;
		state(env).expireTokensAfter(2);
		const r = await env.engine.run(chain(create, get), [0, 1, 2].map((n) => ({ json: { n } })), 'Create');
		expect(r.error()).toBeUndefined();
		expect(tokenRequests(env)).toHaveLength(1);
		const [, secondToken] = [...state(env).tokens.keys()];
		expect(apiRequests(env).map((a) => `${a.method} ${a.path.replace(/[0-9a-f-]{36}/, ':id')} ${a.status} ${a.headers.authorization === `Bearer ${firstToken}` ? 'old' : 'new'}`)).toEqual([
			'POST /sign/signing-sessions 201 old',
			'POST /sign/signing-sessions 201 old',
			'POST /sign/signing-sessions 401 old',
			'POST /sign/signing-sessions 201 new',
			'GET /sign/signing-sessions/:id 200 new',
			'GET /sign/signing-sessions/:id 200 new',
			'GET /sign/signing-sessions/:id 200 new',
		]);
		expect(apiRequests(env)[3].headers.authorization).toBe(`Bearer ${secondToken}`);
		// Exactly one session per item: the refused create was not applied, its repeat was.
		expect([...state(env).sessions.values()].map((s) => s.title).sort()).toEqual(['Contract 0', 'Contract 1', 'Contract 2']);
		expect(r.output('Get').map((o) => o.json.title)).toEqual(['Contract 0', 'Contract 1', 'Contract 2']);
		expect(JSON.stringify(r.run.data.resultData)).not.toContain(String(firstToken));
		expect(JSON.stringify(r.run.data.resultData)).not.toContain(String(secondToken));
	});

	test('the token expires between two pages of a trigger poll: renewed once, the poll completes', async () => {
		const due = new Date(Date.now() + 7 * 86400_000).toISOString();
		const sessions = Array.from({ length: 1300 }, (_, i) => addSession(env, { title: `P${i}`, createdAtMs: Date.now() - 86400_000 + i * 1000, dueDate: due }));
		const t = trigger(env.engine, signicatTrigger({ events: ['signed'] }));
		await t.poll();
		for (const s of sessions.slice(0, 100)) state(env).sign(s.id, Date.now());
		env.sandbox.requests.length = 0;
		state(env).expireTokensAfter(1);
		const out = await t.poll();
		expect(out.error).toBeUndefined();
		expect(out.items).toHaveLength(100);
		expect(tokenRequests(env)).toHaveLength(1);
		const lists = apiRequests(env).filter((a) => a.path === '/sign/signing-sessions');
		// The open sessions with a deadline (two pages; the second is refused once and repeated), then the new ones.
		expect(lists.map((a) => `${a.query.offset}/${a.query.limit} ${a.query.dueDateFrom ? (a.search.includes('SIGNED') ? 'finished' : 'open') : 'new'} ${a.status}`)).toEqual([
			'0/1000 open 200',
			'1000/1000 open 401',
			'1000/1000 open 200',
			'0/1000 new 200',
			'0/1000 finished 200',
		]);
		// The signed ones left the open list: they are looked up in the finished ones (one page), with the new token.
		expect(apiRequests(env).filter((a) => a.path !== '/sign/signing-sessions')).toEqual([]);
	});
});

describe('Signicat Trigger under faults', () => {
	test('5xx and a dropped connection on the trigger’s list are retried within the poll', async () => {
		const s = addSession(env, { title: 'Retried' });
		const t = trigger(env.engine, signicatTrigger({ events: ['signed'] }));
		await t.poll();
		state(env).sign(s.id, Date.now());
		env.sandbox.requests.length = 0;
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: '/sign/signing-sessions', status: 503 });
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: '/sign/signing-sessions', cut: true });
		const out = await t.poll();
		expect(out.error).toBeUndefined();
		expect((out.items ?? []).map((i) => i.json.title)).toEqual(['Retried']);
		expect(apiRequests(env).slice(0, 3).map((a) => a.status)).toEqual([503, 200, 200]);
	});

	test('a non-JSON list answer fails the poll without moving the window: the next poll fires the event once', async () => {
		const s = addSession(env, { title: 'Later' });
		const t = trigger(env.engine, signicatTrigger({ events: ['signed'] }));
		await t.poll();
		state(env).sign(s.id, Date.now());
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: '/sign/signing-sessions', malformed: true });
		const failed = await t.poll();
		expect(failed.error?.message).toBe('Signicat answered with something that is not JSON (GET /signicat/sign/signing-sessions)');
		expect(failed.items).toBeNull();
		expect((await t.poll()).items!.map((i) => i.json.title)).toEqual(['Later']);
		expect(await t.poll()).toEqual({ items: null });
	});

	test('soak: 1,000 events over 50 polls, bursts, pages shifting mid-poll, clock skew, restarts, future-dated records → none missed, none twice', async () => {
		const st = state(env);
		const now = () => env.sandbox.now();
		const inDays = (d: number) => new Date(now() + d * 86400_000).toISOString();
		// History before activation: 1,050 open sessions with a deadline (two pages of the open list), 20 open
		// without one (read one by one), 300 finished ones.
		const open: string[] = [];
		for (let i = 0; i < 1370; i++) {
			const createdAtMs = now() - 3 * 86400_000 + i * 60_000;
			const s = addSession(env, { title: `History ${i}`, createdAtMs, state: i < 300 ? 'SIGNED' : undefined, dueDate: i >= 300 && i < 1350 ? inDays(20) : undefined });
			if (i >= 300) open.push(s.id);
		}
		// Future-dated records: one created (by Signicat's clock) two days ahead, one due 44 days ahead.
		const ahead = addSession(env, { title: 'Created ahead', createdAtMs: now() + 2 * 86400_000, dueDate: inDays(44) });
		const farDue = addSession(env, { title: 'Due far ahead', dueDate: inDays(44) });
		let n = 0;
		const newSession = (): string => {
			n += 1;
			const s = addSession(env, { title: `New ${n}`, dueDate: n % 20 ? inDays(10) : undefined });
			open.push(s.id);
			return s.id;
		};
		/** One event: an open session is signed, rejected, or passes its due date; from the oldest, the newest or the middle. */
		const end = (step: number): string => {
			let at = step % 3 === 0 ? 0 : step % 3 === 1 ? open.length - 1 : Math.floor(open.length / 2);
			if (step % 17 === 0) {
				// A deadline passes (by more than the 5-minute margin): "expired"; the session stays READY, never signable again.
				at = open.findIndex((id) => st.session(id).dueDate !== undefined);
				const [id] = open.splice(at, 1);
				st.session(id).dueDate = new Date(now() - 7 * 60_000).toISOString();
				return `${id} session.expired`;
			}
			const [id] = open.splice(at, 1);
			if (step % 11 === 0) st.reject(id, now());
			else st.sign(id, now());
			return `${id} session.${st.session(id).lifecycle.state.toLowerCase()}`;
		};
		let step = 0;
		const happenNow = (count: number): string[] => {
			const keys: string[] = [];
			for (let i = 0; i < count; i++) {
				step += 1;
				// Keep a supply of open sessions: new ones join while others end.
				if (open.length < 1150 || step % 2 === 0) newSession();
				keys.push(end(step));
			}
			return keys;
		};
		// Mid-poll changes: while the trigger reads the second page of the open list, sessions end (the page
		// shifts under the reader) and new ones appear. Those events count too.
		const midPoll: string[] = [];
		let midPollBudget = 0;
		const restore = onList((q) => {
			if (midPollBudget > 0 && q.get('offset') === '1000' && q.get('dueDateFrom')) {
				midPollBudget -= 5;
				midPoll.push(...happenNow(5));
			}
			return undefined;
		});
		// Bursts: events are held back and released every 8th poll; the two future-dated ones end at poll 30.
		let held = 0;
		const futureKeys = [`${ahead.id} session.signed`, `${farDue.id} session.rejected`];
		try {
			const runner = trigger(env.engine, signicatTrigger({ events: ['final', 'expired'] }));
			const result = await soak({
				runner,
				sandbox: env.sandbox,
				total: 1000 - futureKeys.length,
				polls: 50,
				restartEvery: 7,
				skewMs: [0, 4000, -3000, 2500, -4 * 60_000, 90_000],
				happen: (count, poll) => {
					// Mid-poll events that did not happen go back to the bank.
					held += count + midPollBudget;
					midPollBudget = 0;
					const keys: string[] = [];
					if (poll === 30) {
						st.sign(ahead.id, now());
						st.reject(farDue.id, now());
						keys.push(...futureKeys);
					}
					if (poll % 8 !== 7 && poll !== 49) return keys;
					if (poll !== 49) {
						midPollBudget = 15;
						held -= midPollBudget;
					}
					const release = held;
					held = 0;
					return [...keys, ...happenNow(release)];
				},
				keyOf: (item) => `${String(item.json.sessionId)} ${String(item.json.event)}`,
			});
			const expected = [...result.expected, ...midPoll];
			const fired = new Set(result.fired);
			expect(expected).toHaveLength(1000);
			expect(midPoll.length).toBeGreaterThan(0);
			expect(expected.filter((k) => !fired.has(k))).toEqual([]);
			expect(result.duplicates).toEqual([]);
			expect(result.fired).toHaveLength(1000);
			expect(new Set(expected.map((k) => k.split(' ')[1]))).toEqual(new Set(['session.signed', 'session.rejected', 'session.expired']));
			// Bounded: only open sessions are watched, and none of those that ended.
			const watchedIds = Object.keys(((runner.savedStaticData['node:Trigger'] as IDataObject).signicat as IDataObject).open as IDataObject);
			expect(watchedIds.filter((id) => st.sessions.get(id)?.lifecycle.stateIsFinal)).toEqual([]);
		} finally {
			restore();
		}
	}, SOAK_TIME_LIMIT_MS);
});
