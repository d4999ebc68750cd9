/**
 * Issue 7 fault tests for Penneo. Already covered elsewhere (not repeated here): a 503 on Case File → Get retried
 * and a 503/429 on Create (test/penneo/create.test.ts, caseFile.test.ts), a token expired before a run and a
 * create resent once after a 401 (test/penneo/credential.test.ts), the bad-input tables of every operation
 * (test/penneo/validation.test.ts), a failed or slow job during "Wait for Completion" (test/penneo/wait.test.ts).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { SandboxRequest, SandboxResponse } from '../../sandbox/server';
import { makePdf } from '../../sandbox/server';
import { binaryContent, fileItem, single, trigger } from '../helpers';
import { appRequests, penneo, penneoTrigger, seedCaseFile, state, tokenRequests, usePenneo } from '../penneo/env';
import { soak } from '../soak';

const env = usePenneo();

const CPR = '0101901234';
const getById = penneo({ resource: 'caseFile', operation: 'get', caseFileId: '={{ $json.id }}' });
const createCaseFile = (extra: IDataObject = {}) =>
	penneo({
		resource: 'caseFile',
		operation: 'create',
		title: '={{ $json.title }}',
		documents: { document: [{ binaryPropertyName: 'data' }] },
		signers: { signer: [{ name: 'Ann Berg', email: 'ann@example.com', options: { ssn: CPR, ssnType: 'dk:cpr' } }] },
		additionalFields: { reference: '={{ $json.reference }}' },
		waitForCompletion: false,
		...extra,
	});

type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

/** Runs `after` once the emulator has answered a request of this route (e.g. "the token expires now"). */
function afterAnswer(method: string, pattern: string, after: (req: SandboxRequest, res: SandboxResponse) => void): () => void {
	const routes = (env.sandbox as unknown as { routes: Map<string, Array<{ method: string; pattern: string; handler: Handler }>> }).routes.get('penneo')!;
	const route = routes.find((r) => r.method === method && r.pattern === pattern)!;
	const original = route.handler;
	route.handler = async (req) => {
		const res = await original(req);
		after(req, res);
		return res;
	};
	return () => {
		route.handler = original;
	};
}

const statuses = (prefix = 'penneo') => env.sandbox.requestsFor(prefix).map((r) => `${r.method} ${r.path} ${r.status}`);

describe('Penneo requests under faults', () => {
	test('429 with Retry-After is waited out (the seconds Penneo asked for), then the read succeeds', async () => {
		const cf = seedCaseFile(env);
		env.sandbox.addFault({ prefix: 'penneo', path: '/api/v1/casefiles', status: 429, retryAfter: '1', body: { message: 'Too many requests' } });
		const started = Date.now();
		const result = await env.engine.run(single(getById), [{ json: { id: cf.id } }]);
		expect(result.error()).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(statuses()).toEqual([`GET /api/v1/casefiles/${cf.id} 429`, `GET /api/v1/casefiles/${cf.id} 200`]);
		expect(result.output('Penneo')[0].json).toMatchObject({ id: cf.id, statusName: 'pending' });
	});

	test('a Retry-After longer than the node waits fails at once with how long Penneo asked for', async () => {
		const cf = seedCaseFile(env);
		env.sandbox.addFault({ prefix: 'penneo', path: '/api/v1/casefiles', status: 429, retryAfter: '3600', body: { message: 'Too many requests' } });
		const result = await env.engine.run(single(getById), [{ json: { id: cf.id } }]);
		const error = result.error()!;
		expect(error.message).toBe('Penneo rejected the request (429): Too many requests');
		expect(error.description).toBe(
			'Penneo asked to wait 3600 s, longer than this node waits (60 s). The provider is rate-limiting this account: lower the number of items per run or add a Wait node.',
		);
		expect(appRequests(env)).toHaveLength(1);
	});

	test('429 on every attempt stops after 4 attempts (bounded), with advice', async () => {
		const cf = seedCaseFile(env);
		env.sandbox.addFault({ prefix: 'penneo', path: '/api/v1/casefiles', status: 429, retryAfter: '0', times: 10 });
		const result = await env.engine.run(single(getById), [{ json: { id: cf.id } }]);
		expect(result.error()?.message).toMatch(/^Penneo rejected the request \(429\)/);
		expect(result.error()?.description).toMatch(/^Still rate-limited after 4 attempts\./);
		expect(appRequests(env).map((r) => r.status)).toEqual([429, 429, 429, 429]);
	});

	test('the job status check (a POST that only reads) is retried after a 503 and a dropped connection', async () => {
		const created = await env.engine.run(single(createCaseFile()), [fileItem(makePdf('job'), 'job.pdf', 'application/pdf', { title: 'Job', reference: 'REF-1' })]);
		const { uuid, payloadHash } = created.output('Penneo')[0].json as { uuid: string; payloadHash: string };
		env.sandbox.requests.length = 0;
		env.sandbox.addFault({ prefix: 'penneo', path: '/queue/public/status', status: 503 });
		env.sandbox.addFault({ prefix: 'penneo', path: '/queue/public/status', cut: true });
		const result = await env.engine.run(single(penneo({ resource: 'job', operation: 'getStatus', uuid, payloadHash })));
		expect(result.error()).toBeUndefined();
		expect(statuses()).toEqual(['POST /send/api/v1/queue/public/status 503', 'POST /send/api/v1/queue/public/status 200', 'POST /send/api/v1/queue/public/status 200']);
		expect(appRequests(env).map((r) => r.body)).toEqual([{ uuid, payloadHash }, { uuid, payloadHash }, { uuid, payloadHash }]);
		const job = state(env).jobs.get(uuid)!;
		expect(result.output('Penneo')[0].json).toMatchObject({ jobStatus: 'completed', caseFileId: job.caseFileId });
	});

	test('a list read cut mid-answer is read again; Return All gets every page once', async () => {
		for (let i = 0; i < 120; i++) seedCaseFile(env, { title: `Lease ${i}` });
		env.sandbox.addFault({ prefix: 'penneo', method: 'GET', path: '/api/v1/casefiles', cut: true });
		env.sandbox.addFault({ prefix: 'penneo', method: 'GET', path: '/api/v1/casefiles', status: 502 });
		const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'getMany', returnAll: true })));
		expect(result.error()).toBeUndefined();
		expect(result.output('Penneo')).toHaveLength(120);
		expect(new Set(result.output('Penneo').map((o) => o.json.id)).size).toBe(120);
		expect(appRequests(env).map((r) => `${r.query.page} ${r.status}`)).toEqual(['1 200', '1 502', '1 200', '2 200']);
	});

	test('5xx on every attempt of a read gives up after 4 attempts with advice', async () => {
		const cf = seedCaseFile(env);
		env.sandbox.addFault({ prefix: 'penneo', path: '/api/v1/casefiles', status: 500, times: 10, body: { message: 'Internal error' } });
		const result = await env.engine.run(single(getById), [{ json: { id: cf.id } }]);
		expect(result.error()?.message).toBe('Penneo rejected the request (500): Internal error');
		expect(result.error()?.description).toBe('Penneo had a problem (tried 4 times). Try again later.');
		expect(appRequests(env)).toHaveLength(4);
	});

	test('a create whose connection drops after Penneo took it is not resent, and says how to find the case file', async () => {
		// The sandbox handles the request (the job exists) and cuts the connection in the middle of the answer.
		env.sandbox.addFault({ prefix: 'penneo', path: '/create', cut: true });
		const result = await env.engine.run(single(createCaseFile()), [fileItem(makePdf('cut'), 'cut.pdf', 'application/pdf', { title: 'Cut Lease', reference: 'REF-77' })]);
		const error = result.error()!;
		expect(error.message).toMatch(/^Penneo could not be reached \((ECONNRESET|ERR_BAD_RESPONSE|ECONNABORTED|NETWORK|[A-Z_]+)\) for POST \/penneo\/send\/api\/v1\/casefiles\/20251022\/create$/);
		expect(error.description).toBe(
			'The request may have reached Penneo before the connection failed, so it was not sent again. Penneo may have created it: look in Penneo for the case file "Cut Lease" (reference REF-77) before running the node again.',
		);
		expect(appRequests(env)).toHaveLength(1);
		// It was applied: exactly one job, and the error told the user so.
		expect(state(env).jobs.size).toBe(1);
		expect(JSON.stringify({ m: error.message, d: error.description, c: error.context })).not.toContain(CPR);
	});

	test('a 502 to a create in a run of three: that item fails with the reference to check, the others are created once', async () => {
		env.sandbox.addFault({ prefix: 'penneo', path: '/create', status: 502, body: { message: 'Bad gateway' } });
		const n = { ...createCaseFile(), continueOnFail: true };
		const result = await env.engine.run(
			single(n),
			['A', 'B', 'C'].map((t) => fileItem(makePdf(t), `${t}.pdf`, 'application/pdf', { title: `Lease ${t}`, reference: `REF-${t}` })),
		);
		const out = result.output('Penneo');
		expect(out[0].json).toMatchObject({
			error: 'Penneo answered 502 to POST /penneo/send/api/v1/casefiles/20251022/create: Bad gateway',
			httpCode: '502',
		});
		expect(String(out[0].json.description)).toContain('look in Penneo for the case file "Lease A" (reference REF-A)');
		expect(out.slice(1).map((o) => o.json.jobStatus)).toEqual(['pending', 'pending']);
		expect(appRequests(env).map((r) => r.status)).toEqual([502, 201, 201]);
		expect(state(env).jobs.size).toBe(2);
	});

	test('non-JSON answers: a read fails with a clear message; a create is not resent and says it was probably applied', async () => {
		const cf = seedCaseFile(env);
		env.sandbox.addFault({ prefix: 'penneo', path: '/api/v1/casefiles', malformed: true });
		const read = await env.engine.run(single(getById), [{ json: { id: cf.id } }]);
		expect(read.error()?.message).toBe(`Penneo answered with something that is not JSON (GET /penneo/api/v1/casefiles/${cf.id})`);
		expect(read.error()?.description).toBe("A proxy or an outage page may be in the way. Check the credential's base URL, then try again.");

		env.sandbox.requests.length = 0;
		env.sandbox.addFault({ prefix: 'penneo', path: '/create', malformed: true });
		const created = await env.engine.run(single(createCaseFile()), [fileItem(makePdf('m'), 'm.pdf', 'application/pdf', { title: 'Odd Answer', reference: 'REF-9' })]);
		expect(created.error()?.message).toBe('Penneo answered with something that is not JSON (POST /penneo/send/api/v1/casefiles/20251022/create)');
		expect(created.error()?.description).toBe(
			"It answered 200, so the request was probably applied; it was not sent again. Penneo may have created it: look in Penneo for the case file \"Odd Answer\" (reference REF-9) before running the node again. A proxy may be in the way: check the credential's base URL.",
		);
		expect(appRequests(env)).toHaveLength(1);
	});

	test('a non-JSON answer from the OAuth host is a clear login error, and no API call is made', async () => {
		env.sandbox.addFault({ prefix: 'penneo-auth', path: '/oauth/token', malformed: true });
		const result = await env.engine.run(single(getById), [{ json: { id: 1 } }]);
		expect(result.error()?.message).toBe('Penneo answered the token request without an access token');
		expect(tokenRequests(env)).toHaveLength(1);
		expect(appRequests(env)).toHaveLength(0);
	});

	describe('downloads cut in the middle', () => {
		const contract = Buffer.concat([makePdf('contract'), Buffer.alloc(64 * 1024, 0x20)]);

		function signedCaseFile() {
			const cf = seedCaseFile(env, {
				documents: [
					{ title: 'Contract', name: 'contract.pdf', content: contract },
					{ title: 'Annex', name: 'annex.pdf', content: makePdf('annex'), signable: false },
				],
			});
			state(env).sign(cf.id);
			// Large enough that half of it is a real partial body.
			for (const id of cf.documentIds) state(env).documents.get(id)!.signedContent = Buffer.concat([makePdf(`signed ${id}`), Buffer.alloc(128 * 1024, 0x20)]);
			return cf;
		}
		const download = (id: number) => single(penneo({ resource: 'caseFile', operation: 'downloadSigned', caseFileId: String(id) }));

		test('a cut once is read again: every item has the whole file', async () => {
			const cf = signedCaseFile();
			env.sandbox.addFault({ prefix: 'penneo', path: '/content', cut: true });
			const result = await env.engine.run(download(cf.id));
			expect(result.error()).toBeUndefined();
			const docs = cf.documentIds.map((id) => state(env).documents.get(id)!);
			expect(statuses()).toEqual([
				`GET /api/v1/casefiles/${cf.id} 200`,
				`GET /api/v3/documents/${docs[0].id}/content 200`,
				`GET /api/v3/documents/${docs[0].id}/content 200`,
				`GET /api/v3/documents/${docs[1].id}/content 200`,
			]);
			const out = result.output('Penneo');
			expect(out).toHaveLength(2);
			expect(binaryContent(out[0]).equals(docs[0].signedContent!)).toBe(true);
			expect(binaryContent(out[1]).equals(docs[1].signedContent!)).toBe(true);
		});

		test('cut on every attempt: the item fails and no partial file is returned', async () => {
			const cf = signedCaseFile();
			const second = cf.documentIds[1];
			env.sandbox.addFault({ prefix: 'penneo', path: `/documents/${second}/content`, cut: true, times: 4 });
			const result = await env.engine.run(single({ ...penneo({ resource: 'caseFile', operation: 'downloadSigned', caseFileId: String(cf.id) }), continueOnFail: true }));
			const out = result.output('Penneo');
			// One error item for the input item: neither the whole first file nor half of the second.
			expect(out).toHaveLength(1);
			expect(out[0].binary).toBeUndefined();
			expect(String(out[0].json.error)).toMatch(new RegExp(`^Penneo could not be reached \\([A-Z_]+\\) for GET /penneo/api/v3/documents/${second}/content$`));
			expect(appRequests(env).filter((r) => r.path.endsWith(`/documents/${second}/content`))).toHaveLength(4);
		});
	});

	describe('the session token expires in the middle of a run', () => {
		test('reads: renewed once, then every later item succeeds with the new token', async () => {
			const ids = ['One', 'Two', 'Three', 'Four', 'Five'].map((title) => seedCaseFile(env, { title }).id);
			let answered = 0;
			const undo = afterAnswer('GET', '/api/v1/casefiles/:id', (_req, res) => {
				if (res.status === 200 && ++answered === 2) state(env).expireTokens();
			});
			try {
				const result = await env.engine.run(single(getById), ids.map((id) => ({ json: { id } })));
				expect(result.error()).toBeUndefined();
				expect(result.output('Penneo').map((o) => o.json.title)).toEqual(['One', 'Two', 'Three', 'Four', 'Five']);
			} finally {
				undo();
			}
			expect(env.sandbox.requests.map((r) => `${r.prefix} ${r.status}`)).toEqual([
				'penneo-auth 200',
				'penneo 200',
				'penneo 200',
				'penneo 401',
				'penneo-auth 200',
				'penneo 200',
				'penneo 200',
				'penneo 200',
			]);
			const tokens = appRequests(env).map((r) => r.headers.authorization);
			expect(appRequests(env).every((r) => r.headers['x-auth-token'] === undefined)).toBe(true);
			expect(tokens[2]).toBe(tokens[0]);
			expect(new Set(tokens.slice(3)).size).toBe(1);
			expect(tokens[3]).not.toBe(tokens[0]);
			expect(`Bearer ${env.engine.credentialsHelper.store.penneoApi.accessToken}`).toBe(tokens[3]);
		});

		test('creates: the item that met the expiry is rebuilt and sent once more, each item makes exactly one job', async () => {
			let answered = 0;
			const undo = afterAnswer('POST', '/send/api/v1/casefiles/20251022/create', (_req, res) => {
				if (res.status === 201 && ++answered === 1) state(env).expireTokens();
			});
			const files = ['A', 'B', 'C'].map((t) => makePdf(`file ${t}`));
			try {
				const result = await env.engine.run(
					single(createCaseFile()),
					files.map((f, i) => fileItem(f, `${'ABC'[i]}.pdf`, 'application/pdf', { title: `Lease ${'ABC'[i]}`, reference: `REF-${'ABC'[i]}` })),
				);
				expect(result.error()).toBeUndefined();
				expect(result.output('Penneo').map((o) => o.json.jobStatus)).toEqual(['pending', 'pending', 'pending']);
			} finally {
				undo();
			}
			const creates = appRequests(env);
			expect(creates.map((r) => r.status)).toEqual([201, 401, 201, 201]);
			expect(tokenRequests(env)).toHaveLength(2);
			// The resent B is the whole multipart body again (same JSON, same file bytes).
			expect(creates[2].parts).toEqual(creates[1].parts);
			expect(creates[2].parts?.find((p) => p.name === 'files')).toMatchObject({ filename: 'B.pdf', size: files[1].length });
			const jobs = [...state(env).jobs.values()];
			expect(jobs.map((j) => (j.payload.caseFile as IDataObject).title)).toEqual(['Lease A', 'Lease B', 'Lease C']);
			expect(jobs.map((j) => j.jobStatus)).toEqual(['pending', 'pending', 'pending']);
		});

		test('a token refused again right after renewal is not renewed in a loop: one renewal, then the error', async () => {
			const cf = seedCaseFile(env);
			await env.engine.run(single(getById), [{ json: { id: cf.id } }]);
			env.sandbox.requests.length = 0;
			env.sandbox.addFault({ prefix: 'penneo', path: '/api/v1/casefiles', status: 401, times: 5, body: { message: 'Invalid JWT Token', code: 401 } });
			const result = await env.engine.run(single(getById), [{ json: { id: cf.id } }]);
			expect(result.error()?.message).toBe('Penneo rejected the request (401): Invalid JWT Token');
			expect(result.error()?.description).toMatch(/^Penneo did not accept the session token: open the Penneo credential/);
			expect(env.sandbox.requests.map((r) => `${r.prefix} ${r.status}`)).toEqual(['penneo 401', 'penneo-auth 200', 'penneo 401']);
		});
	});
});

describe('Penneo Trigger under faults', () => {
	const fired = (items: INodeExecutionData[] | null | undefined) => (items ?? []).map((i) => `${String(i.json.event)} ${String(i.json.caseFileId)}`);

	test('no event chosen: an error naming the field, and nothing is sent to Penneo', async () => {
		const result = await trigger(env.engine, penneoTrigger({ events: [] })).poll();
		expect(result.error?.message).toBe('Choose at least one event in "Events"');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('429 and 503 on the list during a poll are waited out and retried; the poll fires once', async () => {
		const cf = seedCaseFile(env);
		const runner = trigger(env.engine, penneoTrigger({ events: ['completed'] }));
		await runner.poll();
		state(env).sign(cf.id);
		env.sandbox.requests.length = 0;
		env.sandbox.addFault({ prefix: 'penneo', path: '/api/v1/casefiles', status: 429, retryAfter: '1' });
		env.sandbox.addFault({ prefix: 'penneo', path: '/api/v1/casefiles', status: 503 });
		const out = await runner.poll();
		expect(out.error).toBeUndefined();
		expect(fired(out.items)).toEqual([`caseFile.completed ${cf.id}`]);
		expect(appRequests(env).map((r) => r.status)).toEqual([429, 503, 200]);
		expect((await runner.poll()).items).toBeNull();
	});

	test('a non-JSON list answer fails the poll without moving on; the next poll fires what was missed', async () => {
		const cf = seedCaseFile(env);
		const runner = trigger(env.engine, penneoTrigger({ events: ['completed'] }));
		await runner.poll();
		state(env).sign(cf.id);
		env.sandbox.addFault({ prefix: 'penneo', path: '/api/v1/casefiles', malformed: true });
		const failed = await runner.poll();
		expect(failed.error?.message).toBe('Penneo answered with something that is not JSON (GET /penneo/api/v1/casefiles)');
		expect(fired((await runner.poll()).items)).toEqual([`caseFile.completed ${cf.id}`]);
		expect((await runner.poll()).items).toBeNull();
	});

	test('the token expires between two pages of one poll: renewed once, the poll finishes and fires each event once', async () => {
		const runner = trigger(env.engine, penneoTrigger({ events: ['completed'] }));
		await runner.poll();
		const done = Array.from({ length: 150 }, (_, i) => seedCaseFile(env, { title: `Lease ${i}` }));
		for (const cf of done) state(env).sign(cf.id);
		let pages = 0;
		const undo = afterAnswer('GET', '/api/v1/casefiles', () => {
			if (++pages === 1) state(env).expireTokens();
		});
		env.sandbox.requests.length = 0;
		try {
			const out = await runner.poll();
			expect(out.error).toBeUndefined();
			expect(fired(out.items).sort()).toEqual(done.map((cf) => `caseFile.completed ${cf.id}`).sort());
		} finally {
			undo();
		}
		expect(env.sandbox.requests.map((r) => `${r.prefix} ${r.status} ${r.query.page ?? '-'}`)).toEqual([
			'penneo 200 1',
			'penneo 401 2',
			'penneo-auth 200 -',
			'penneo 200 2',
		]);
		expect((await runner.poll()).items).toBeNull();
	});

	test('soak: 1,000 events over 50 polls — bursts over a page, pages shifting mid-poll, history in the window, clock skew, restarts, a future-dated record → none missed, none twice', async () => {
		// A deterministic pseudo-random sequence, so a failure can be replayed.
		let seed = 11;
		const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
		const s = state(env);
		// Newest first: a case file created while the trigger pages pushes every later page down by one row.
		s.defaultOrder = '-id';
		const now = () => env.sandbox.now();
		const two = [
			{ name: 'Ann Berg', email: 'ann@example.com' },
			{ name: 'Bo Dahl', email: 'bo@example.com' },
		];

		// Before activation: 150 pending case files changed an hour ago, and 100 with two signers changed two
		// minutes ago (inside the first poll's look-back window: history that must never fire).
		const pending: number[] = [];
		for (let i = 0; i < 150; i++) pending.push(seedCaseFile(env, { title: `Old ${i}`, at: now() - 3600_000 }).id);
		for (let i = 0; i < 100; i++) {
			const cf = seedCaseFile(env, { title: `Recent ${i}`, signers: two, at: now() - 180_000 });
			s.sign(cf.id, undefined, now() - 120_000);
			pending.push(cf.id);
		}
		// Also history: 30 case files completed and 20 rejected a minute before activation (in the window; never fire).
		for (let i = 0; i < 50; i++) {
			const cf = seedCaseFile(env, { title: `Done ${i}`, at: now() - 120_000 });
			if (i < 30) s.sign(cf.id, undefined, now() - 60_000);
			else s.reject(cf.id, undefined, now() - 60_000);
		}
		const takePending = () => {
			if (pending.length < 5) for (let i = 0; i < 20; i++) pending.push(seedCaseFile(env, { title: 'Fresh', at: now() }).id);
			return pending.splice(rnd(pending.length), 1)[0];
		};
		/** One event: a case file completes (all its signers sign), is rejected or expires. */
		const event = (): string => {
			const roll = rnd(10);
			const id = takePending();
			if (roll < 6) {
				while (s.caseFiles.get(id)!.status === 1) s.sign(id, undefined, now());
				return `caseFile.completed ${id}`;
			}
			if (roll < 8) return (s.reject(id, undefined, now()), `caseFile.rejected ${id}`);
			return (s.expire(id, now()), `caseFile.expired ${id}`);
		};
		/** Changes that fire nothing but move case files in the list: a new case file, a first of two signatures. */
		const noise = () => {
			pending.push(seedCaseFile(env, { title: 'Noise', signers: two, at: now() }).id);
			const candidate = pending.find((id) => s.caseFiles.get(id)!.signers.length === 2 && s.caseFiles.get(id)!.signers[0].state !== 'signed');
			if (candidate !== undefined) s.sign(candidate, undefined, now());
		};

		// Mid-poll: right after the first page is read, events and other changes put case files at the top of the
		// list (newest first), so every later page's offsets shift under the reader.
		let midPoll: string[] = [];
		let midPollBudget = 0;
		const undo = afterAnswer('GET', '/api/v1/casefiles', (req) => {
			if (midPollBudget < 3 || (req.query.get('page') ?? '1') !== '1') return;
			for (let i = 0; i < 3; i++) midPoll.push(event());
			midPollBudget -= 3;
			noise();
		});

		// 1,000 events: about 15 a poll, with a burst of 150 (more than one page of 100) every tenth poll.
		const plan: number[] = Array.from({ length: 50 }, (_, p) => (p % 10 === 4 ? 150 : 0));
		const quiet = plan.filter((x) => x === 0).length;
		const rest = 1000 - 150 * (50 - quiet);
		let extra = rest % quiet;
		plan.forEach((x, p) => (plan[p] = x || Math.floor(rest / quiet) + (extra-- > 0 ? 1 : 0)));
		expect(plan.reduce((a, b) => a + b, 0)).toBe(1000);

		const runner = trigger(env.engine, penneoTrigger({ events: ['completed', 'rejected', 'expired'] }));
		try {
			const result = await soak({
				runner,
				sandbox: env.sandbox,
				total: 1000,
				polls: 50,
				restartEvery: 7,
				skewMs: [0, 4000, -3000, 45_000, -30_000],
				happen(_count, p) {
					// Events made during the previous poll count against this poll's share.
					const keys = [...midPoll];
					midPoll = [];
					// One record dated a year ahead (Penneo's clock was wrong when it changed): it completes, fires
					// once, and stays in every later window without moving the trigger's window.
					if (p === 10) {
						const id = takePending();
						while (s.caseFiles.get(id)!.status === 1) s.sign(id, undefined, now());
						s.caseFiles.get(id)!.changed = Math.floor(now() / 1000) + 365 * 86_400;
						keys.push(`caseFile.completed ${id}`);
					}
					while (keys.length < plan[p]) {
						keys.push(event());
						if (rnd(4) === 0) noise();
					}
					midPollBudget = p < 45 ? 3 : 0;
					return keys;
				},
				keyOf: (item) => `${String(item.json.event)} ${String(item.json.caseFileId)}`,
			});
			expect(midPoll).toEqual([]);
			// The window never moved past n8n's clock (plus pollEvents' tolerance), whatever the records say.
			const saved = runner.savedStaticData['node:Penneo Trigger'] as { cursor: number };
			expect(saved.cursor).toBeLessThanOrEqual(Date.now() + 60_000);
			expect(result.missed).toEqual([]);
			expect(result.duplicates).toEqual([]);
			expect(result.expected).toHaveLength(1000);
			expect([...result.fired].sort()).toEqual([...result.expected].sort());
		} finally {
			undo();
		}
		// Every poll reads the whole 5-minute window (all 50 polls fall inside it): ~25 s alone, more on a loaded machine.
	}, 240_000);
});
