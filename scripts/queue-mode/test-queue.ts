/**
 * `npm run test:queue [-- 1|2|both] [--runs 50] [--keep]`: the package in n8n's queue mode, as a user scales it.
 *
 * For each n8n release: a fresh PostgreSQL cluster and Redis (Debian's packages; services.sh installs them if
 * missing), one n8n main and two workers (`n8n worker`), each with its own user folder and the packed package
 * installed into it the way the README says, sharing the database and the encryption key. Then:
 *   - an active NextSign Trigger (Case Created, polling every 10 s) → No Operation;
 *   - a webhook workflow (Webhook → Convert to File → NextSign Case → Create from the binary field → Case → Get),
 *     called `--runs` times (50), 10 at a time with a poll interval between the batches.
 * Each n8n process reaches the sandbox through its own local forwarding port (the credential's URLs are
 * `{{ $env.ESIGN_SANDBOX }}/…`), so every request the sandbox gets is known to come from the main or a worker.
 * Asserts: every webhook execution succeeded and ran on a worker (its create and get came through a worker's
 * port), no run twice (one execution and one sandbox create per run number), every poll came from the main and
 * none from a worker, and the trigger fired each of the created cases exactly once (trigger executions on workers).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { makePdf } from '../../sandbox/server';
import { freePort, installN8n, n8nEnv, n8nService, newUserFolder, packPackage, release, Rest, ROOT, Service, sleep, waitHttp } from '../real-n8n/n8n';
import type { Major, Release } from '../real-n8n/n8n';
import { FAST_POLL, POLL_SECONDS } from '../real-n8n/test-n8n';

type Json = Record<string, any>;
const ENCRYPTION_KEY = 'esign-queue-mode-test-key-0123456789';
const COMPANY = 'acme-company';

class Failed extends Error {}
function check(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Failed(message);
}

/** A local port in front of the sandbox for one n8n process: it records what that process sent. */
class Forwarder {
	readonly seen: Array<{ method: string; path: string }> = [];
	private server?: http.Server;
	port = 0;

	constructor(
		readonly instance: string,
		private readonly sandboxPort: number,
	) {}

	async start(): Promise<this> {
		this.server = http.createServer((req, res) => {
			this.seen.push({ method: req.method ?? 'GET', path: req.url ?? '/' });
			const up = http.request({ host: '127.0.0.1', port: this.sandboxPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			});
			up.on('error', () => res.destroy());
			req.pipe(up);
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as net.AddressInfo).port;
		return this;
	}

	count(method: string, pattern: RegExp): number {
		return this.seen.filter((r) => r.method === method && pattern.test(r.path)).length;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

const CREATE = new RegExp(`^/nextsign/api/v2/${COMPANY}/case/create`);
const GET_ONE = new RegExp(`^/nextsign/api/v2/${COMPANY}/case/[^/]+/get`);
const POLL = new RegExp(`^/nextsign/api/v2/${COMPANY}/cases/`);

function webhookWorkflow(credential: { id: string; name: string }): Json {
	const cred = { nextSignApi: credential };
	return {
		name: 'Queue mode: contract in by webhook → NextSign case',
		nodes: [
			{ id: 'q1', name: 'Contract Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '3d6f3c52-5a0e-4f43-9a51-8e2f3c1d7a01', parameters: { httpMethod: 'POST', path: 'esign-queue-contract', responseMode: 'onReceived', options: {} } },
			{ id: 'q2', name: 'PDF to File', type: 'n8n-nodes-base.convertToFile', typeVersion: 1.1, position: [200, 0], parameters: { operation: 'toBinary', sourceProperty: 'body.pdf', options: { fileName: 'contract.pdf', mimeType: 'application/pdf' } } },
			{
				id: 'q3',
				name: 'Create Case',
				type: 'n8n-nodes-esign.nextSign',
				typeVersion: 1,
				position: [400, 0],
				credentials: cred,
				parameters: {
					resource: 'case',
					operation: 'create',
					title: "={{ $('Contract Webhook').item.json.body.title }}",
					documents: { document: [{ source: 'binary', binaryPropertyName: 'data', signObligated: true }] },
					recipients: { recipient: [{ name: 'John Smith', email: 'john.smith@example.com', signing: true, group: 0 }] },
				},
			},
			{ id: 'q4', name: 'Get Case', type: 'n8n-nodes-esign.nextSign', typeVersion: 1, position: [600, 0], credentials: cred, parameters: { resource: 'case', operation: 'get', caseId: '={{ $json._id }}' } },
		],
		connections: {
			'Contract Webhook': { main: [[{ node: 'PDF to File', type: 'main', index: 0 }]] },
			'PDF to File': { main: [[{ node: 'Create Case', type: 'main', index: 0 }]] },
			'Create Case': { main: [[{ node: 'Get Case', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

function triggerWorkflow(credential: { id: string; name: string }): Json {
	return {
		name: 'Queue mode: NextSign case created',
		nodes: [
			{ id: 't1', name: 'Case Created', type: 'n8n-nodes-esign.nextSignTrigger', typeVersion: 1, position: [0, 0], credentials: { nextSignApi: credential }, parameters: { pollTimes: FAST_POLL, events: ['caseCreated'] } },
			{ id: 't2', name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
		],
		connections: { 'Case Created': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

interface Infra {
	services: Service[];
	forwarders: Forwarder[];
	dirs: string[];
}

async function startPostgres(infra: Infra, pgBin: string, work: string): Promise<number> {
	const data = mkdtempSync(path.join(os.tmpdir(), 'esign-pg-'));
	infra.dirs.push(data);
	const asPostgres = process.getuid?.() === 0; // PostgreSQL refuses to run as root
	if (asPostgres) chownSync(data, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
	const as = (cmd: string, args: string[]) => (asPostgres ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
	const [c, a] = as(path.join(pgBin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync']);
	const init = spawnSync(c, a, { encoding: 'utf8' });
	check(init.status === 0, `initdb failed: ${init.stderr}`);
	const port = await freePort();
	const [pc, pa] = as(path.join(pgBin, 'postgres'), ['-D', data, '-p', String(port), '-k', data, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=100']);
	const pg = new Service('postgres', pc, pa, process.env, path.join(work, 'postgres.log')).start();
	infra.services.push(pg);
	for (let i = 0; i < 60; i++) {
		const r = spawnSync(path.join(pgBin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]);
		if (r.status === 0) break;
		check(pg.running, `postgres exited: ${pg.tail()}`);
		await sleep(500);
	}
	const created = spawnSync(path.join(pgBin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'n8n'], { encoding: 'utf8' });
	check(created.status === 0, `createdb failed: ${created.stderr}`);
	return port;
}

async function startRedis(infra: Infra, work: string): Promise<number> {
	const port = await freePort();
	const redis = new Service('redis', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], process.env, path.join(work, 'redis.log')).start();
	infra.services.push(redis);
	for (let i = 0; i < 40; i++) {
		if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG') return port;
		check(redis.running, `redis exited: ${redis.tail()}`);
		await sleep(250);
	}
	throw new Failed('redis did not answer PING');
}

async function testRelease(major: Major, tgz: string, pgBin: string, runs: number, keep: boolean): Promise<{ ok: boolean; lines: string[] }> {
	installN8n(major);
	const rel: Release = release(major);
	const work = mkdtempSync(path.join(os.tmpdir(), `esign-queue-n8n${major}-`));
	const infra: Infra = { services: [], forwarders: [], dirs: [] };
	const lines: string[] = [];
	let ok = false;
	const started = Date.now();
	try {
		const pgPort = await startPostgres(infra, pgBin, work);
		const redisPort = await startRedis(infra, work);
		const sandboxPort = await freePort();
		const sandbox = new Service('sandbox', process.execPath, [path.join(ROOT, 'dist-dev', 'sandbox', 'cli.js'), '--port', String(sandboxPort)], process.env, path.join(work, 'sandbox.log')).start();
		infra.services.push(sandbox);
		await waitHttp(`http://127.0.0.1:${sandboxPort}/_control/requests`, sandbox, 30_000);

		const shared = {
			EXECUTIONS_MODE: 'queue',
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			// the credential's URLs read $env.ESIGN_SANDBOX (n8n 2.x blocks $env by default)
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		};
		const names = ['main', 'worker 1', 'worker 2'];
		const forwarders = await Promise.all(names.map((n) => new Forwarder(n, sandboxPort).start()));
		infra.forwarders.push(...forwarders);
		const procs: Service[] = [];
		const mainPort = await freePort();
		for (const [i, name] of names.entries()) {
			const folder = newUserFolder(tgz, `queue${major}-${name.replace(' ', '')}`);
			infra.dirs.push(folder);
			const env = n8nEnv(rel, folder, {
				...shared,
				N8N_PORT: String(i === 0 ? mainPort : await freePort()),
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				ESIGN_SANDBOX: `http://127.0.0.1:${forwarders[i].port}`,
				...(i === 0 ? {} : { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(await freePort()), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }),
			});
			const svc = n8nService(rel, `n8n ${name}`, i === 0 ? ['start'] : ['worker', '--concurrency=5'], env, path.join(work, `n8n-${name.replace(' ', '')}.log`));
			procs.push(svc);
			infra.services.push(svc.start());
			if (i === 0) await waitHttp(`http://127.0.0.1:${mainPort}/rest/settings`, svc, 300_000); // migrations first, then workers
			else await waitHttp(`http://127.0.0.1:${env.QUEUE_HEALTH_CHECK_PORT}/healthz`, svc, 300_000);
		}
		const rest = new Rest(`http://127.0.0.1:${mainPort}`, rel);
		await rest.setupOwner();
		const version = await rest.version();
		const credName = 'NextSign (sandbox through $env)';
		const credId = await rest.createCredential(credName, 'nextSignApi', {
			apiKey: 'ns_test_key',
			companyId: COMPANY,
			environment: 'custom',
			caseBaseUrl: '={{ $env.ESIGN_SANDBOX }}/nextsign/api/v2',
			fileBaseUrl: '={{ $env.ESIGN_SANDBOX }}/nextsign-files/v3',
		});
		const credential = { id: credId, name: credName };
		const trig = await rest.createWorkflow(triggerWorkflow(credential));
		await rest.activate(trig.id);
		const hook = await rest.createWorkflow(webhookWorkflow(credential));
		await rest.activate(hook.id);
		await sleep(2000);
		check((await rest.executions(trig.id)).length === 0, 'the trigger fired at activation (its first poll must only remember what exists)');

		// the webhook calls, 10 at a time, a poll interval apart (so the trigger's polls fall between creates)
		const pdf = makePdf('Queue mode contract').toString('base64');
		const answers: number[] = [];
		for (let from = 1; from <= runs; from += 10) {
			const batch = Array.from({ length: Math.min(10, runs - from + 1) }, (_, k) => from + k);
			answers.push(
				...(await Promise.all(
					batch.map(async (n) => {
						const r = await fetch(`http://127.0.0.1:${mainPort}/webhook/esign-queue-contract`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n, title: `Queue run ${n}`, pdf }) });
						await r.arrayBuffer();
						return r.status;
					}),
				)),
			);
			if (from + 10 <= runs) await sleep(POLL_SECONDS * 1000);
		}
		check(
			answers.every((s) => s === 200),
			`webhook answers: ${answers.filter((s) => s !== 200).length} of ${runs} not 200 (${[...new Set(answers)].join(', ')})`,
		);

		// every run finished
		let execs = await rest.executions(hook.id);
		for (const until = Date.now() + 300_000; Date.now() < until; ) {
			if (execs.length >= runs && execs.every((e) => !['new', 'running', 'waiting'].includes(e.status))) break;
			await sleep(2000);
			execs = await rest.executions(hook.id);
		}
		const failed = execs.filter((e) => e.status !== 'success');
		check(execs.length === runs, `${execs.length} webhook executions, expected ${runs}`);
		let firstError = '';
		if (failed.length) firstError = (await rest.execution(failed[0].id)).error() ?? failed[0].status;
		check(!failed.length, `${failed.length} of ${runs} webhook executions did not succeed (${failed[0]?.status}): ${firstError}`);
		const titles = new Map<string, number>();
		const caseIds = new Set<string>();
		for (const e of execs) {
			const x = await rest.execution(e.id);
			const created = x.output('Create Case')[0]?.json as Json | undefined;
			const got = x.output('Get Case')[0]?.json as Json | undefined;
			check(created && got && got._id === created._id, `execution ${e.id}: Create Case/Get Case returned ${JSON.stringify(created)?.slice(0, 200)} / ${JSON.stringify(got)?.slice(0, 200)}`);
			titles.set(String(created.title), (titles.get(String(created.title)) ?? 0) + 1);
			caseIds.add(String(created._id));
		}
		const missing = Array.from({ length: runs }, (_, k) => `Queue run ${k + 1}`).filter((t) => titles.get(t) !== 1);
		check(!missing.length, `runs not executed exactly once: ${missing.slice(0, 10).join(', ')}`);

		// the sandbox: one create per run; who sent what
		const recorded = (await (await fetch(`http://127.0.0.1:${sandboxPort}/_control/requests?prefix=nextsign`)).json()) as Json[];
		const creates = recorded.filter((r) => r.method === 'POST' && /\/case\/create$/.test(String(r.path)));
		const createTitles = creates.map((r) => String((r.body as Json | undefined)?.title));
		check(creates.length === runs && new Set(createTitles).size === runs, `the sandbox saw ${creates.length} creates with ${new Set(createTitles).size} distinct titles, expected ${runs}`);
		const [mainFw, ...workerFws] = forwarders;
		check(mainFw.count('POST', CREATE) === 0 && mainFw.count('GET', GET_ONE) === 0, `the main sent ${mainFw.count('POST', CREATE)} creates and ${mainFw.count('GET', GET_ONE)} gets (executions must run on workers)`);
		const perWorker = workerFws.map((f) => f.count('POST', CREATE));
		check(
			perWorker.reduce((a, b) => a + b, 0) === runs,
			`workers sent ${perWorker.join(' + ')} creates, expected ${runs}`,
		);

		// the trigger: every created case once, through the main's polls
		let fired: string[] = [];
		let triggerExecs = await rest.executions(trig.id);
		for (const until = Date.now() + 180_000; Date.now() < until; ) {
			fired = [];
			for (const e of triggerExecs.filter((x) => x.status === 'success')) fired.push(...(await rest.execution(e.id)).output('Case Created').map((it) => String((it.json as Json).caseId)));
			if (new Set(fired).size >= caseIds.size && triggerExecs.every((e) => !['new', 'running'].includes(e.status))) break;
			await sleep(POLL_SECONDS * 1000);
			triggerExecs = await rest.executions(trig.id);
		}
		const pollsBefore = mainFw.count('GET', POLL);
		await sleep(2 * POLL_SECONDS * 1000 + 2000);
		const quietPolls = mainFw.count('GET', POLL) - pollsBefore;
		const finalTriggerExecs = await rest.executions(trig.id);
		check(finalTriggerExecs.length === triggerExecs.length, `the trigger fired again after every case was out: ${finalTriggerExecs.length - triggerExecs.length} more execution(s)`);
		check(quietPolls > 0, 'no poll reached the sandbox after the trigger caught up (is it active?)');
		const badTrigger = triggerExecs.filter((e) => e.status !== 'success' || e.mode !== 'trigger');
		check(!badTrigger.length, `trigger executions not successful: ${badTrigger.map((e) => `${e.id} ${e.mode}/${e.status}`).join(', ')}`);
		const twice = fired.filter((id, i) => fired.indexOf(id) !== i);
		const notFired = [...caseIds].filter((id) => !fired.includes(id));
		check(!twice.length && !notFired.length && fired.length === caseIds.size, `trigger: ${fired.length} events for ${caseIds.size} cases; twice: ${twice.slice(0, 5).join(', ')}; never: ${notFired.slice(0, 5).join(', ')}`);
		const workerPolls = workerFws.map((f) => f.count('GET', POLL));
		check(workerPolls.every((n) => n === 0), `workers sent poll requests (${workerPolls.join(', ')}): polls must run on the main only`);
		check(mainFw.count('GET', POLL) > 0, 'the main sent no poll request');

		lines.push(
			`OK     n8n ${version.padEnd(8)} queue mode  ${runs} webhook runs, each once, all succeeded on workers (${perWorker.map((n, i) => `worker ${i + 1}: ${n}`).join(', ')}); ` +
				`the sandbox saw ${creates.length} creates; trigger: ${fired.length} cases in ${triggerExecs.length} trigger executions, each once; ` +
				`${mainFw.count('GET', POLL)} poll requests, all from the main (workers: 0); ${((Date.now() - started) / 1000).toFixed(0)} s`,
		);
		ok = true;
	} catch (e) {
		const err = e as Error;
		lines.push(`FAILED n8n ${major}.x queue mode  ${err instanceof Failed ? err.message : (err.stack ?? err.message)}`);
		lines.push(`       logs: ${work}`);
	} finally {
		for (const s of infra.services.reverse()) await s.stop();
		for (const f of infra.forwarders) await f.stop();
		if (ok && !keep) for (const d of [...infra.dirs, work]) rmSync(d, { recursive: true, force: true });
	}
	return { ok, lines };
}

async function main() {
	const argv = process.argv.slice(2);
	let majors: Major[] = [1, 2];
	let runs = 50;
	let keep = false;
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '1' || argv[i] === '2') majors = [Number(argv[i]) as Major];
		else if (argv[i] === 'both') majors = [1, 2];
		else if (argv[i] === '--runs') runs = Number(argv[++i]);
		else if (argv[i] === '--keep') keep = true;
		else throw new Error(`unknown argument "${argv[i]}"; usage: npm run test:queue -- [1|2|both] [--runs 50] [--keep]`);
	}
	check(Number.isInteger(runs) && runs > 0 && runs <= 500, '--runs must be 1 to 500');
	const services = spawnSync('bash', [path.join(ROOT, 'scripts', 'queue-mode', 'services.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	check(services.status === 0, 'Redis/PostgreSQL are not available (see above)');
	const pgBin = services.stdout.trim().split('\n').pop()!;
	const packDir = mkdtempSync(path.join(os.tmpdir(), 'esign-pack-'));
	const tgz = packPackage(packDir);
	const started = Date.now();
	const results = [];
	try {
		for (const major of majors) results.push(await testRelease(major, tgz, pgBin, runs, keep));
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
	console.log(`\n━━━ test:queue summary (${((Date.now() - started) / 1000).toFixed(0)} s) ━━━`);
	for (const r of results) for (const l of r.lines) console.log(l);
	const failed = results.filter((r) => !r.ok).length;
	console.log(`queue: ${results.length - failed} passed, ${failed} failed`);
	if (failed) process.exitCode = 1;
}

main().catch((e: Error) => {
	console.error(`test:queue FAILED: ${e instanceof Failed ? e.message : (e.stack ?? e.message)}`);
	process.exitCode = 1;
});
