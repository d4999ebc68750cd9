/**
 * Issue 7 fault tests for EasyInk. Already covered elsewhere (not repeated here): test/easyink/faults.test.ts
 * (429 on a create waited out, 503 on a read retried once, 503 and a cut connection on a create never resent),
 * test/easyink/oauth.test.ts (an access token expired before the run, an upload rebuilt after a refresh, a
 * revoked refresh token), test/easyink/validation.test.ts (the bad-input table: exact text, zero requests).
 */
import type { IDataObject } from 'n8n-workflow';

import { EASYINK_SANDBOX_ROUTES, EASYINK_SANDBOX_TOKENS, type EasyInkSession } from '../../sandbox/providers/easyink';
import type { SandboxRequest, SandboxResponse } from '../../sandbox/server';
import { makePdf } from '../../sandbox/server';
import { API, CRED, IDP, afterAnswer as afterAnswerIn, credential, easyInk, easyInkTrigger, runOp, useEasyInkEnv } from '../easyink/env';
import { binaryContent, fileItem, single, trigger } from '../helpers';
import { soak } from '../soak';

const env = useEasyInkEnv();
const afterAnswer = (method: string, pattern: string, after: (req: SandboxRequest, res: SandboxResponse) => void) => afterAnswerIn(env.sandbox, method, pattern, after);
const SEARCH = EASYINK_SANDBOX_ROUTES.search.path;
/** A client that issues refresh tokens (EasyInk documents none): n8n can then renew an expired token itself. */
const withRefreshTokens = () => {
	env.state.settings.issueRefreshTokens = true;
	env.engine.setCredentials(CRED, credential(env.sandbox, { refresh_token: EASYINK_SANDBOX_TOKENS.refreshToken }) as never);
};

const draftWithPdf = (content: Buffer) => {
	const s = env.state.newSession('Download me');
	const doc = env.state.storeFile('Contract.pdf', 'application/pdf', content, 0);
	s.documents.push(doc);
	return { sessionId: s.id, documentId: doc.id };
};
const api = () => env.sandbox.requestsFor(API);

describe('EasyInk nodes under faults', () => {
	test('429 on a read: Retry-After is waited out, then the same request goes through', async () => {
		const id = env.state.newSession('Rate limited read').id;
		env.sandbox.addFault({ prefix: API, method: 'GET', path: '/api/signingSessionDrafts/', status: 429, retryAfter: '1' });
		const started = Date.now();
		const r = await runOp(env, { resource: 'draft', operation: 'get', sessionId: id });
		expect(r.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(r.reqs.map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual([`GET /api/signingSessionDrafts/${id} 429`, `GET /api/signingSessionDrafts/${id} 200`]);
		expect(r.json).toMatchObject({ signingSessionId: id, subject: 'Rate limited read' });
	});

	test('429 is bounded: a Retry-After longer than the node waits fails at once, with advice', async () => {
		env.sandbox.addFault({ prefix: API, path: '/statistics', status: 429, retryAfter: '3600', body: { error: { code: 'TooManyRequests', message: 'Rate limit exceeded' } } });
		const r = await runOp(env, { resource: 'session', operation: 'getStatistics' });
		expect(r.reqs).toHaveLength(1);
		expect(r.error?.message).toBe('EasyInk rejected the request (429): Rate limit exceeded (TooManyRequests)');
		expect(r.error?.description).toMatch(/^EasyInk asked to wait 3600 s, longer than this node waits \(60 s\)\. /);
	});

	test('429 is bounded: still limited after 4 attempts → an error, not an endless loop', async () => {
		env.sandbox.addFault({ prefix: API, path: '/statistics', status: 429, retryAfter: '0', times: 10 });
		const r = await runOp(env, { resource: 'session', operation: 'getStatistics' });
		expect(r.reqs.map((q) => q.status)).toEqual([429, 429, 429, 429]);
		expect(r.error?.message).toMatch(/^EasyInk rejected the request \(429\)/);
		expect(r.error?.description).toMatch(/^Still rate-limited after 4 attempts\. /);
	});

	test('5xx on a read is retried up to 4 attempts, then fails with advice; a read cut short is retried', async () => {
		env.sandbox.addFault({ prefix: API, path: '/statistics', status: 502, times: 10 });
		const failed = await runOp(env, { resource: 'session', operation: 'getStatistics' });
		expect(failed.reqs.map((q) => q.status)).toEqual([502, 502, 502, 502]);
		expect(failed.error?.message).toBe('EasyInk rejected the request (502): Injected 502 (SANDBOX_FAULT)');
		expect(failed.error?.description).toBe('EasyInk had a problem (tried 4 times). Try again later.');

		env.sandbox.clearFaults();
		const id = env.state.newSession('Dropped once').id;
		env.sandbox.addFault({ prefix: API, method: 'GET', path: `/api/signingSessionDrafts/${id}`, cut: true });
		const retried = await runOp(env, { resource: 'draft', operation: 'get', sessionId: id });
		expect(retried.error).toBeUndefined();
		expect(retried.reqs.map((q) => `${q.method} ${q.path}`)).toEqual([`GET /api/signingSessionDrafts/${id}`, `GET /api/signingSessionDrafts/${id}`]);
		expect(retried.json).toMatchObject({ signingSessionId: id, subject: 'Dropped once' });
	});

	test('writes are never resent after a 5xx or a dropped connection; each error says how to check', async () => {
		const draft = env.state.newSession('Uploads here').id;
		env.sandbox.addFault({ prefix: API, method: 'POST', path: '/documents', cut: true });
		const upload = await env.engine.run(single(easyInk({ resource: 'document', operation: 'upload', sessionId: draft, binaryPropertyName: 'data' })), [
			fileItem(makePdf('x'), 'Offer.pdf'),
		]);
		expect(api().filter((q) => q.method === 'POST')).toHaveLength(1);
		expect(upload.error()?.message).toMatch(new RegExp(`^EasyInk could not be reached \\(\\w+\\) for POST /easyink/api/signingSessionDrafts/${draft}/documents$`));
		expect(upload.error()?.description).toBe(
			`The request may have reached EasyInk before the connection failed, so it was not sent again. Get draft ${draft} and look for "Offer.pdf" among its documents before uploading it again.`,
		);

		const ready = env.state.newSession('Ready to start');
		ready.status = 'ReadyToStart';
		ready.documents.push(env.state.storeFile('C.pdf', 'application/pdf', makePdf('c'), 0));
		env.sandbox.addFault({ prefix: API, method: 'POST', path: '/started', status: 500 });
		const start = await runOp(env, { resource: 'session', operation: 'start', sessionId: ready.id });
		expect(start.reqs.map((q) => `${q.method} ${q.status}`)).toEqual(['POST 500']);
		expect(start.error?.message).toBe(`EasyInk answered 500 to POST /easyink/api/signingSessions/${ready.id}/started: Injected 500 (SANDBOX_FAULT)`);
		expect(start.error?.description).toBe(
			`The request may still have been applied, so it was not sent again (that could create a duplicate). Get session ${ready.id}: if its status is InProgress or Pending, invitations were sent — do not start it again.`,
		);
	});

	test('a non-JSON answer to a read is an error naming the request, never passed on as data', async () => {
		const id = env.state.newSession('Behind a proxy').id;
		env.sandbox.addFault({ prefix: API, method: 'GET', path: '/api/signingSessionDrafts/', malformed: true });
		const r = await runOp(env, { resource: 'draft', operation: 'get', sessionId: id });
		expect(r.error?.message).toBe(`EasyInk answered with something that is not JSON (GET /easyink/api/signingSessionDrafts/${id})`);
		expect(r.out).toEqual([]);
		expect(r.reqs).toHaveLength(1);
	});

	test('a download cut in the middle returns no partial file; cut once, it is read again whole', async () => {
		const content = Buffer.concat([makePdf('big'), Buffer.alloc(300_000, 0x41)]);
		const { sessionId, documentId } = draftWithPdf(content);
		const download = { resource: 'document', operation: 'download', stage: 'draft', sessionId, documentId, binaryPropertyName: 'data' };

		env.sandbox.addFault({ prefix: API, method: 'GET', path: '/documents/', cut: true, times: 10 });
		const cut = await runOp(env, download);
		expect(cut.error?.message).toMatch(new RegExp(`^EasyInk could not be reached \\(\\w+\\) for GET /easyink/api/signingSessionDrafts/${sessionId}/documents/${documentId}$`));
		expect(cut.out).toEqual([]);
		expect(cut.reqs).toHaveLength(4);

		env.sandbox.clearFaults();
		env.sandbox.addFault({ prefix: API, method: 'GET', path: '/documents/', cut: true, times: 1 });
		const whole = await runOp(env, download);
		expect(whole.error).toBeUndefined();
		expect(whole.reqs).toHaveLength(2);
		expect(binaryContent(whole.out[0]).equals(content)).toBe(true);
		expect(whole.out[0].binary?.data).toMatchObject({ fileName: 'Contract.pdf', mimeType: 'application/pdf' });
	});

	test('the access token expires in the middle of a run, no refresh token (as documented): the rest fails with the reconnect advice, no silent skip', async () => {
		const ids = ['One', 'Two', 'Three'].map((s) => env.state.newSession(s).id);
		let answered = 0;
		const undo = afterAnswer('GET', EASYINK_SANDBOX_ROUTES.draftGet.path, (_req, res) => {
			if (res.status === 200 && ++answered === 1) env.state.expireAccessTokens();
		});
		try {
			const node = { ...easyInk({ resource: 'draft', operation: 'get', sessionId: '={{ $json.id }}' }), continueOnFail: true };
			const result = await env.engine.run(single(node), ids.map((id) => ({ json: { id } })));
			const out = result.output('EasyInk').map((i) => i.json as IDataObject);
			expect(out[0].subject).toBe('One');
			for (const failed of out.slice(1)) {
				expect(failed.error).toBe('The EasyInk credential "easyink-cred" was refused by EasyInk (its sign-in expired or was revoked) and must be reconnected');
				expect(failed.description).toMatch(/click "Reconnect"/);
			}
		} finally {
			undo();
		}
		expect(env.sandbox.requests.map((r) => `${r.prefix} ${r.method} ${r.status}`)).toEqual([`${API} GET 200`, `${API} GET 401`, `${API} GET 401`]);
	});

	test('with a refresh token, the access token expiring in the middle of a run is renewed once, then every item succeeds', async () => {
		withRefreshTokens();
		const ids = ['One', 'Two', 'Three'].map((s) => env.state.newSession(s).id);
		let answered = 0;
		const undo = afterAnswer('GET', EASYINK_SANDBOX_ROUTES.draftGet.path, (_req, res) => {
			if (res.status === 200 && ++answered === 1) env.state.expireAccessTokens();
		});
		const before = env.engine.credentialsHelper.updates.length;
		try {
			const result = await env.engine.run(
				single(easyInk({ resource: 'draft', operation: 'get', sessionId: '={{ $json.id }}' })),
				ids.map((id) => ({ json: { id } })),
			);
			expect(result.error()).toBeUndefined();
			expect(result.output('EasyInk').map((i) => (i.json as IDataObject).subject)).toEqual(['One', 'Two', 'Three']);
		} finally {
			undo();
		}
		expect(env.sandbox.requests.map((r) => `${r.prefix} ${r.method} ${r.status}`)).toEqual([
			`${API} GET 200`,
			`${API} GET 401`,
			`${IDP} POST 200`,
			`${API} GET 200`,
			`${API} GET 200`,
		]);
		expect(env.engine.credentialsHelper.updates.slice(before).map((u) => u.type)).toEqual([CRED]);
	});
});

describe('EasyInk Trigger under faults', () => {
	const seedStarted = (n: number, status: 'Pending' | 'Finished' = 'Pending') => {
		const out: EasyInkSession[] = [];
		for (let i = 0; i < n; i++) {
			const s = env.state.newSession(`Seed ${i}`, env.sandbox.now());
			s.participants = [env.state.newParticipant({ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', deliveryMethods: ['Email'] })];
			s.status = 'ReadyToStart';
			env.state.start(s);
			if (status === 'Finished') env.state.sign(s.id, {}, env.sandbox.now());
			out.push(s);
		}
		return out;
	};
	const fired = (items: Array<{ json: IDataObject }> | null | undefined) => (items ?? []).map((i) => `${i.json.event} ${i.json.signingSessionId}`);

	test('429 on the search during a poll is waited out; a 5xx is retried; the poll fires once', async () => {
		const [s] = seedStarted(1);
		const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished'] }));
		await runner.poll();
		env.state.sign(s.id);
		env.sandbox.requests.length = 0;
		env.sandbox.addFault({ prefix: API, path: '/api/signingSessions', status: 429, retryAfter: '1' });
		env.sandbox.addFault({ prefix: API, path: '/api/signingSessions', status: 503 });
		const out = await runner.poll();
		expect(out.error).toBeUndefined();
		expect(fired(out.items)).toEqual([`session.finished ${s.id}`]);
		// All sessions, page 0: 429 (waited out), 503 (a read: retried), 200; then the ended list.
		expect(api().map((q) => `${q.path} ${q.status} ${new URLSearchParams(q.search).getAll('statuses').length}`)).toEqual([
			'/api/signingSessions 429 0',
			'/api/signingSessions 503 0',
			'/api/signingSessions 200 0',
			'/api/signingSessions 200 4',
		]);
		expect((await runner.poll()).items).toBeNull();
	});

	test('a non-JSON search answer fails the poll without moving on; the next poll fires what was missed', async () => {
		const [s] = seedStarted(1);
		const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished'] }));
		await runner.poll();
		env.state.sign(s.id);
		env.sandbox.addFault({ prefix: API, path: '/api/signingSessions', malformed: true });
		const failed = await runner.poll();
		expect(failed.error?.message).toBe(`EasyInk answered with something that is not JSON (GET /easyink/api/signingSessions)`);
		expect(fired((await runner.poll()).items)).toEqual([`session.finished ${s.id}`]);
	});

	test('the token expires between two pages of one poll, no refresh token: the poll fails with the reconnect advice, saves nothing; after reconnecting every event fires once', async () => {
		const runner = trigger(env.engine, easyInkTrigger({ events: ['started'] }));
		await runner.poll();
		const fresh = seedStarted(150);
		let pages = 0;
		const undo = afterAnswer('GET', SEARCH, () => {
			if (++pages === 1) env.state.expireAccessTokens();
		});
		try {
			const failed = await runner.poll();
			expect(failed.items).toBeNull();
			expect(failed.error?.message).toBe('The EasyInk credential "easyink-cred" was refused by EasyInk (its sign-in expired or was revoked) and must be reconnected');
		} finally {
			undo();
		}
		const tokens = env.state.issueTokens(); // "Reconnect"
		env.engine.setCredentials(CRED, credential(env.sandbox, { access_token: tokens.access_token }) as never);
		expect(fired((await runner.poll()).items).sort()).toEqual(fresh.map((s) => `session.started ${s.id}`).sort());
		expect((await runner.poll()).items).toBeNull();
	});

	test('with a refresh token, the token expiring between two pages of one poll is renewed once; the poll finishes and fires each event once', async () => {
		withRefreshTokens();
		const runner = trigger(env.engine, easyInkTrigger({ events: ['started'], includeDetails: false }));
		await runner.poll();
		const fresh = seedStarted(150);
		let pages = 0;
		const undo = afterAnswer('GET', SEARCH, () => {
			if (++pages === 1) env.state.expireAccessTokens();
		});
		env.sandbox.requests.length = 0;
		try {
			const out = await runner.poll();
			expect(out.error).toBeUndefined();
			expect(fired(out.items).sort()).toEqual(fresh.map((s) => `session.started ${s.id}`).sort());
		} finally {
			undo();
		}
		// All sessions page 0, page 1 (401 → refresh → again), then the ended list.
		expect(env.sandbox.requests.map((r) => `${r.prefix} ${r.status} ${r.query.pageIndex ?? ''}`)).toEqual([`${API} 200 0`, `${API} 401 1`, `${IDP} 200 `, `${API} 200 1`, `${API} 200 0`]);
		expect((await runner.poll()).items).toBeNull();
	});

	test('soak: 1,000 events over 50 polls — bursts over a page, offsets shifting mid-poll, old drafts started deep in the lists, drafts deleted, clock skew, restarts, one future-dated session → none missed, none twice', async () => {
		// A deterministic pseudo-random sequence, so a failure can be replayed.
		let seed = 7;
		const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);

		// Before activation: 300 finished and 400 running sessions interleaved, and 200 drafts created as long ago.
		const running: EasyInkSession[] = [];
		const drafts: EasyInkSession[] = [];
		for (let i = 0; i < 900; i++) {
			if (i % 9 < 3) seedStarted(1, 'Finished');
			else if (i % 9 < 7) running.push(...seedStarted(1));
			else {
				const d = env.state.newSession(`Old draft ${i}`, env.sandbox.now());
				d.participants = [env.state.newParticipant({ firstName: 'Bo', lastName: 'Ray', email: 'bo@example.com', deliveryMethods: ['Email'] })];
				drafts.push(d);
			}
		}
		const take = <T>(list: T[]) => list.splice(rnd(list.length), 1)[0];
		const startDraft = (d: EasyInkSession) => {
			d.status = 'ReadyToStart';
			env.state.start(d);
			running.push(d);
		};
		const end = (s: EasyInkSession): string => {
			const how = rnd(10);
			if (how < 6) return (env.state.sign(s.id, {}, env.sandbox.now()), `session.finished ${s.id}`);
			if (how < 8) return (env.state.decline(s.id, {}), `session.declined ${s.id}`);
			return (env.state.expire(s.id), `session.expired ${s.id}`);
		};
		/** One event (or two: started and ended between two polls); returns its keys. */
		const happenOne = (): string[] => {
			const kind = rnd(10);
			if (kind < 3 || (!running.length && !drafts.length)) {
				const [s] = seedStarted(1);
				if (kind === 0) return [`session.started ${s.id}`, end(s)];
				running.push(s);
				return [`session.started ${s.id}`];
			}
			if (kind < 5 && drafts.length) {
				const d = take(drafts); // created long ago, started now: deep in the started list
				startDraft(d);
				return [`session.started ${d.id}`];
			}
			return running.length ? [end(take(running))] : happenOne();
		};

		// Keys per poll: three bursts larger than a page (100), the rest spread; 1,000 in all.
		const plan = Array.from({ length: 50 }, (_, p) => ([3, 17, 31].includes(p) ? 150 : p < 33 ? 12 : 11));
		plan[49] -= plan.reduce((a, b) => a + b, 0) - 1000;
		// Every 5th poll, sessions appear right after the first page was read: offsets shift under the poll.
		const late: string[] = [];
		let poll = -1;
		let shiftedIn = -1;
		const undo = afterAnswer('GET', SEARCH, (req) => {
			if (poll % 5 !== 2 || shiftedIn === poll || req.query.get('pageIndex') !== '0') return;
			shiftedIn = poll;
			for (let i = 0; i < 3; i++) {
				const [s] = seedStarted(1);
				running.push(s);
				late.push(`session.started ${s.id}`);
			}
			if (running.length > 3) late.push(end(running.splice(0, 1)[0])); // the oldest running one ends mid-poll
		});

		let future: EasyInkSession | undefined;
		const runner = trigger(env.engine, easyInkTrigger({ events: ['started', 'sessionFinished', 'declined', 'expired'] }));
		try {
			const result = await soak({
				runner,
				sandbox: env.sandbox,
				total: 1000,
				polls: 50,
				restartEvery: 7,
				skewMs: [0, 4000, -3000, 2500],
				happen: (_count, p) => {
					poll = p;
					const keys: string[] = [];
					// One session whose creation date is two days ahead of everyone's clock: it sorts above every new
					// session from then on, and must neither freeze the trigger nor hide what comes after it.
					if (p === 10) {
						const [s] = seedStarted(1);
						s.created = new Date(Date.now() + 2 * 24 * 3600_000).toISOString();
						future = s;
						keys.push(`session.started ${s.id}`);
					}
					if (p === 25) keys.push(`session.finished ${(env.state.sign(future!.id, {}, env.sandbox.now()), future!.id)}`);
					// Now and then a draft is deleted (no event): the memory drops it without losing count.
					if (p % 9 === 4 && drafts.length) env.state.sessions.delete(take(drafts).id);
					while (keys.length < plan[p]) keys.push(...happenOne());
					return keys;
				},
				keyOf: (item) => `${item.json.event} ${item.json.signingSessionId}`,
			});
			expect(result.expected.length).toBeGreaterThanOrEqual(1000);
			expect(late.length).toBeGreaterThan(30);
			expect(result.duplicates).toEqual([]);
			expect(result.missed).toEqual([]);
			// Sessions that appeared in the middle of a poll fired on a later one; nothing else fired.
			expect(late.filter((k) => !result.fired.includes(k))).toEqual([]);
			expect([...result.fired].sort()).toEqual([...result.expected, ...late].sort());
		} finally {
			undo();
		}

		// After all that, a poll with nothing new reads the drafts it knows (one request per 100), the first page of
		// all sessions and the first page of the ended ones, and nothing else.
		env.sandbox.requests.length = 0;
		expect((await runner.poll()).items).toBeNull();
		const draftPages = Math.ceil(drafts.length / 100);
		expect(api().map((q) => `${q.method} ${q.path} ${q.query.pageIndex} ${new URLSearchParams(q.search).getAll('statuses').join(',')}`)).toEqual([
			...Array.from({ length: draftPages }, (_, i) => `GET /api/signingSessions ${i} Draft,ReadyToStart`),
			'GET /api/signingSessions 0 ',
			'GET /api/signingSessions 0 Finished,Declined,Voided,Expired',
		]);
		// The memory holds the drafts and running sessions only, and of the ended ones a count.
		const saved = (runner.savedStaticData['node:Trigger'] as IDataObject).easyInk as { ns: object; run: object; finals: number };
		expect(Object.keys(saved.ns).length).toBe(drafts.length);
		expect(Object.keys(saved.run).length).toBe(running.length);
		expect(saved.finals).toBe([...env.state.sessions.values()].filter((x) => ['Finished', 'Declined', 'Voided', 'Expired'].includes(x.status)).length);
	}, 120_000);
});
