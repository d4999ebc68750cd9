/**
 * `npm run test:n8n [-- 1|2|both] [--only optimaite,penneo] [--keep]`: the package in a real n8n, as a user runs it.
 *
 * For each n8n release (1.123.x and 2.41.1; `both` by default): install n8n once into ~/.cache (install-n8n.sh),
 * `npm pack` this project and install the tarball into a fresh `<user folder>/.n8n/nodes` with peer dependencies
 * omitted (README "Installing in n8n"), start the sandbox (`node dist-dev/sandbox/cli.js --port …`) and `n8n start`,
 * then through the REST API n8n's editor uses:
 *   1. every node and credential of the package is loaded (`/types/nodes.json`, `/types/credentials.json`, icons);
 *   2. per provider (all five at once): a credential pointing at the sandbox, the two example workflows saved as
 *      they are (only credential references and, for speed, the trigger's poll times changed — every 5 s);
 *   3. the "file the signed PDF" workflow is activated (its first poll fires nothing);
 *   4. "send for signature" runs manually, the Manual Trigger's item (the fields and the PDF in binary field `data`)
 *      given as pinned data in the run request (n8n's editor refuses to pin binary data; its REST API takes it);
 *   5. the signers sign through the sandbox's `/_control/…` routes;
 *   6. the active trigger fires exactly once (one trigger execution; the polls after it fire nothing), and in that
 *      execution the download node returned the signed PDF as binary data (read back, starts with `%PDF-`).
 * Prints one summary line per provider and n8n release; exits 1 on any failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { makePdf } from '../../sandbox/server';
import { CONTRACT, PROVIDERS } from './providers';
import type { Provider } from './providers';
import { freePort, installN8n, n8nEnv, n8nService, newUserFolder, packPackage, release, Rest, ROOT, Service, sleep, waitHttp } from './n8n';
import type { Execution, Major } from './n8n';

type Json = Record<string, any>;

/**
 * Poll every 10 seconds: six Poll Times entries, each a cron at a fixed second of every minute. n8n refuses a single
 * entry that polls more than once a minute ("The polling interval is too short": 1.x refuses a seconds field with
 * `*`, 2.x anything but one number), not several entries.
 */
export const POLL_SECONDS = 10;
export const FAST_POLL = { item: [0, 10, 20, 30, 40, 50].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` })) };

interface Outcome {
	label: string;
	ok: boolean;
	text: string;
}

class Failed extends Error {}
function check(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Failed(message);
}

function readExample(file: string): Json {
	return JSON.parse(readFileSync(path.join(ROOT, 'examples', file), 'utf8')) as Json;
}

/** Points every node's credential at the one created for this run; the examples name a placeholder credential. */
function withCredential(wf: Json, type: string, id: string, name: string): Json {
	for (const node of wf.nodes as Json[]) {
		for (const t of Object.keys(node.credentials ?? {})) {
			check(t === type, `node "${node.name}" uses a ${t} credential; expected ${type}`);
			node.credentials[t] = { id, name };
		}
	}
	return wf;
}

/** Nodes that no connection starts from (the end of the workflow). */
function lastNodes(wf: Json): Json[] {
	const sources = new Set(Object.keys(wf.connections ?? {}).filter((k) => (wf.connections[k].main ?? []).some((o: unknown[]) => o?.length)));
	return (wf.nodes as Json[]).filter((n) => !sources.has(n.name));
}

async function control(origin: string, route: string, body: Json): Promise<Json> {
	const r = await fetch(`${origin}/_control/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const text = await r.text();
	check(r.ok, `sandbox control route ${route} answered ${r.status}: ${text.slice(0, 300)}`);
	return JSON.parse(text) as Json;
}

async function requestCount(origin: string, prefixes: string[]): Promise<number> {
	let n = 0;
	for (const p of prefixes) n += ((await (await fetch(`${origin}/_control/requests?prefix=${p}`)).json()) as unknown[]).length;
	return n;
}

// ───────────────────────────── checks ─────────────────────────────

/** The node and credential type names the package declares (package.json `n8n`, read from dist/). */
function declaredTypes(): { nodes: Array<{ name: string; codex?: Json }>; credentials: string[] } {
	const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[]; credentials: string[] } };
	const load = (file: string) => {
		const mod = require(path.join(ROOT, file)) as Record<string, new () => Json>;
		const cls = mod[path.basename(file).split('.')[0]];
		check(cls, `${file} does not export a class named after the file`);
		return new cls();
	};
	return {
		nodes: pkg.n8n.nodes.map((f) => {
			const d = load(f).description as Json;
			const codexFile = path.join(ROOT, f.replace(/\.js$/, '.json'));
			return { name: `${pkg.name}.${d.name}`, codex: existsSync(codexFile) ? (JSON.parse(readFileSync(codexFile, 'utf8')) as Json) : undefined };
		}),
		credentials: pkg.n8n.credentials.map((f) => String(load(f).name)),
	};
}

async function checkLoaded(rest: Rest): Promise<string> {
	const declared = declaredTypes();
	const nodes = (await rest.call<Json[]>('GET', '/types/nodes.json')) as Json[];
	const credentials = (await rest.call<Json[]>('GET', '/types/credentials.json')) as Json[];
	const missingNodes = declared.nodes.filter((d) => !nodes.some((n) => n.name === d.name)).map((d) => d.name);
	const missingCreds = declared.credentials.filter((c) => !credentials.some((n) => n.name === c));
	check(!missingNodes.length && !missingCreds.length, `n8n did not load ${[...missingNodes, ...missingCreds].join(', ')} from the installed package`);
	let icons = 0;
	let codex = 0;
	for (const d of declared.nodes) {
		const loaded = nodes.filter((n) => n.name === d.name);
		for (const n of loaded) {
			if (d.codex) {
				// the codex file beside the node (categories, search aliases) reaches the editor's node panel
				const got = (n.codex ?? {}) as Json;
				check(JSON.stringify(got.categories) === JSON.stringify(d.codex.categories) && JSON.stringify(got.alias) === JSON.stringify(d.codex.alias), `n8n did not load the codex of ${d.name}: categories ${JSON.stringify(got.categories)}, alias ${JSON.stringify(got.alias)}`);
				codex++;
			}
			const urls = typeof n.iconUrl === 'string' ? [n.iconUrl] : Object.values((n.iconUrl ?? {}) as Json);
			check(urls.length, `n8n has no icon URL for ${d.name}`);
			for (const u of urls) {
				const r = await rest.raw('GET', `/${String(u).replace(/^\//, '')}`);
				check(r.status === 200 && r.text.includes('<svg'), `icon ${u} of ${d.name}: ${r.status} ${r.headers.get('content-type')}`);
				icons++;
			}
		}
	}
	return `${declared.nodes.length} nodes, ${declared.credentials.length} credentials, ${icons} icons and ${codex} codex entries loaded from ~/.n8n/nodes`;
}

async function runProvider(p: Provider, rest: Rest, origin: string): Promise<string> {
	const started = Date.now();
	const credName = `${p.name} (sandbox)`;
	const credId = await rest.createCredential(credName, p.credentialType, p.credential(origin));

	const send = withCredential(readExample(p.sendWorkflow), p.credentialType, credId, credName);
	const file = withCredential(readExample(p.fileWorkflow), p.credentialType, credId, credName);
	const manual = (send.nodes as Json[]).find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	check(manual, `examples/${p.sendWorkflow} has no Manual Trigger`);
	const [sendEnd] = lastNodes(send);
	const trigger = (file.nodes as Json[]).find((n) => /Trigger$/.test(String(n.type)) && String(n.type).startsWith('n8n-nodes-esign.'));
	check(trigger, `examples/${p.fileWorkflow} has no trigger of this package`);
	const [download] = lastNodes(file);
	check(download && download !== trigger, `examples/${p.fileWorkflow} has no node after the trigger`);
	trigger.parameters.pollTimes = FAST_POLL;

	const sendWf = await rest.createWorkflow(send);
	const fileWf = await rest.createWorkflow(file);

	// 3. activate: n8n runs the first poll before the switch turns on; it must fire nothing
	await rest.activate(fileWf.id);
	await sleep(POLL_SECONDS * 1000 + 1500);
	const early = await rest.executions(fileWf.id);
	check(early.length === 0, `the trigger fired ${early.length} execution(s) before anything was sent`);

	// 4. send for signature, manually, with the Manual Trigger's item pinned
	const pdf = makePdf(CONTRACT.title);
	const pinData = {
		[manual.name]: [
			{
				json: { ...CONTRACT, ...p.input },
				binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'employment-agreement.pdf', fileExtension: 'pdf', fileSize: `${pdf.length} B` } },
			},
		],
	};
	const run = await rest.runManually(sendWf.id, pinData, 180_000);
	check(!run.error(), `"${send.name}" failed (execution ${run.id}): ${run.error()}`);
	const result = run.output(sendEnd.name);
	check(result.length > 0, `"${sendEnd.name}" returned no items (${run.describe()})`);
	const sent = p.sent(result[0].json as Json);

	const quiet = await rest.executions(fileWf.id);
	check(quiet.length === 0, `the trigger fired before anyone signed (${quiet.length} execution(s))`);

	// 5. the signers sign
	for (const body of sent.signers) await control(origin, p.signRoute(sent.id), body);

	// 6. exactly one trigger execution
	let execs = await rest.executions(fileWf.id);
	for (const until = Date.now() + 120_000; Date.now() < until && !execs.some((e) => e.status !== 'running' && e.status !== 'new'); ) {
		await sleep(1000);
		execs = await rest.executions(fileWf.id);
	}
	if (!execs.length) {
		const activationError = await rest.call<unknown>('GET', `/rest/active-workflows/error/${fileWf.id}`).catch(() => undefined);
		throw new Failed(`the trigger did not fire within 120 s after the signers signed${activationError ? ` (n8n's activation error: ${JSON.stringify(activationError)})` : ''}`);
	}
	const fired = await rest.waitExecution(execs[execs.length - 1].id, 120_000);
	const before = await requestCount(origin, p.prefixes);
	await sleep(2 * POLL_SECONDS * 1000 + 2000);
	const after = await requestCount(origin, p.prefixes);
	execs = await rest.executions(fileWf.id);
	check(execs.length === 1, `the trigger fired ${execs.length} executions, expected exactly one (${execs.map((e) => `${e.id}:${e.status}`).join(', ')})`);
	check(after > before, `no poll reached the sandbox in the ${2 * POLL_SECONDS} s after the trigger fired (is it still active?)`);
	await rest.deactivate(fileWf.id);

	check(fired.mode === 'trigger', `the trigger's execution ${fired.id} ran in mode "${fired.mode}", expected "trigger"`);
	check(!fired.error(), `"${file.name}" (trigger execution ${fired.id}) failed: ${fired.error()}`);
	const events = fired.output(trigger.name);
	check(events.length === 1, `the trigger emitted ${events.length} items, expected one "${p.event}"`);
	const event = events[0].json as Json;
	check(event.event === p.event && String(p.eventId(event)) === sent.id, `the trigger emitted "${event.event}" for ${String(p.eventId(event))}, expected "${p.event}" for ${sent.id}`);
	const pdfs = await signedPdfs(rest, fired, download.name);
	return `${sent.line}; ${p.event} fired once (execution ${fired.id}, ${after - before} quiet poll requests after it); signed PDF ${pdfs}; ${((Date.now() - started) / 1000).toFixed(0)} s`;
}

/**
 * The README's way to feed a PDF to an example (n8n's editor pins JSON but not binary data): the Manual Trigger
 * with the fields pinned as JSON → Read/Write Files from Disk (the PDF into `data`) → Edit Fields (Set) putting the
 * trigger's fields back on the item, with Include Other Input Fields on (without it Edit Fields drops the file)
 * → the example's nodes, unchanged. The Optimaite example is
 * the demanding one: its second node reads the trigger by name, its first reads `$json`.
 */
async function runReadmeWay(p: Provider, rest: Rest, origin: string, pdfPath: string, pdf: Buffer): Promise<string> {
	const credName = `${p.name} (sandbox, README way)`;
	const credId = await rest.createCredential(credName, p.credentialType, p.credential(origin));
	const wf = withCredential(readExample(p.sendWorkflow), p.credentialType, credId, credName);
	wf.name = `${wf.name} (PDF from disk)`;
	const manual = (wf.nodes as Json[]).find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	check(manual, `examples/${p.sendWorkflow} has no Manual Trigger`);
	const [x, y] = manual.position as number[];
	const read = { id: 'readme-read', name: 'Read Contract PDF', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1, position: [x, y + 200], parameters: { operation: 'read', fileSelector: pdfPath, options: { dataPropertyName: 'data' } } };
	const fields = { id: 'readme-fields', name: 'Contract Fields', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [x + 110, y + 200], parameters: { mode: 'raw', jsonOutput: `={{ $('${manual.name}').item.json }}`, includeOtherFields: true, options: {} } };
	wf.nodes.push(read, fields);
	const targets = wf.connections[manual.name];
	wf.connections[manual.name] = { main: [[{ node: read.name, type: 'main', index: 0 }]] };
	wf.connections[read.name] = { main: [[{ node: fields.name, type: 'main', index: 0 }]] };
	wf.connections[fields.name] = targets;
	const [end] = lastNodes(wf);
	const saved = await rest.createWorkflow(wf);
	const title = `${CONTRACT.title} (README way)`;
	const run = await rest.runManually(saved.id, { [manual.name]: [{ json: { ...CONTRACT, ...p.input, title } }] }, 180_000);
	check(!run.error(), `"${wf.name}" failed (execution ${run.id}): ${run.error()}`);
	const result = run.output(end.name);
	check(result.length > 0, `"${end.name}" returned no items (${run.describe()})`);
	const sent = p.sent(result[0].json as Json);
	const base64 = pdf.toString('base64');
	const requests: Json[] = [];
	for (const prefix of p.prefixes) requests.push(...((await (await fetch(`${origin}/_control/requests?prefix=${prefix}`)).json()) as Json[]));
	const carried = requests.filter((r) => ((r.parts ?? []) as Json[]).some((part) => part.filename === path.basename(pdfPath) && part.size === pdf.length) || JSON.stringify(r.body ?? '').includes(base64));
	check(carried.length === 1, `${carried.length} requests to the sandbox carried the file read from disk (${path.basename(pdfPath)}, ${pdf.length} bytes), expected one`);
	return `Manual Trigger (JSON pinned) → Read/Write Files from Disk → Edit Fields → examples/${p.sendWorkflow}: ${sent.line}, the file from disk sent once (${carried[0].method} /${p.prefixes[0]}${carried[0].path})`;
}

async function signedPdfs(rest: Rest, exec: Execution, node: string): Promise<string> {
	const items = exec.output(node);
	const binaries = items.flatMap((it) => Object.entries((it.binary ?? {}) as Record<string, Json>));
	check(binaries.length > 0, `"${node}" returned no binary data (execution ${exec.id})`);
	const [field, binary] = binaries[0];
	const bytes = await rest.binaryBytes(binary);
	check(bytes.subarray(0, 5).toString('latin1') === '%PDF-', `binary "${field}" (${binary.fileName}) does not start with %PDF-`);
	return `"${field}" ${binary.fileName} (${binary.mimeType}, ${bytes.length} bytes, read from ${binary.id ? "n8n's binary data store" : 'the execution data'})`;
}

// ───────────────────────────── one n8n release ─────────────────────────────

async function testRelease(major: Major, tgz: string, providers: Provider[], keep: boolean): Promise<Outcome[]> {
	const label = `n8n ${major}.x`;
	const outcomes: Outcome[] = [];
	const started = Date.now();
	installN8n(major);
	const rel = release(major);
	const work = mkdtempSync(path.join(os.tmpdir(), `esign-test-n8n${major}-`));
	const services: Service[] = [];
	try {
		const userFolder = newUserFolder(tgz, `n8n${major}-user`);
		const sandboxPort = await freePort();
		const sandbox = new Service('sandbox', process.execPath, [path.join(ROOT, 'dist-dev', 'sandbox', 'cli.js'), '--port', String(sandboxPort)], process.env, path.join(work, 'sandbox.log'));
		services.push(sandbox.start());
		const origin = `http://127.0.0.1:${sandboxPort}`;
		await waitHttp(`${origin}/_control/requests`, sandbox, 30_000);

		// the README way's PDF; n8n 2.x reads files only below N8N_RESTRICT_FILE_ACCESS_TO (default ~/.n8n-files)
		const files = path.join(work, 'files');
		mkdirSync(files);
		const readmePdf = makePdf('Contract read from disk');
		writeFileSync(path.join(files, 'readme-contract.pdf'), readmePdf);
		const port = await freePort();
		const env = n8nEnv(rel, userFolder, { N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(await freePort()), N8N_RESTRICT_FILE_ACCESS_TO: files });
		const main = n8nService(rel, `${label} main`, ['start'], env, path.join(work, 'n8n.log'));
		services.push(main.start());
		const base = `http://127.0.0.1:${port}`;
		// readiness answers once the database is up; the REST routes come a little later
		await waitHttp(`${base}/rest/settings`, main, 300_000);
		const rest = new Rest(base, rel);
		await rest.setupOwner();
		const version = await rest.version();
		const tag = `n8n ${version}`.padEnd(13);
		console.log(`\n━━━ ${tag} (Node ${spawnVersion(rel.node)}; user folder ${userFolder}; logs in ${work}) ━━━`);
		try {
			const loaded = await checkLoaded(rest);
			outcomes.push({ label: `${tag} package   `, ok: true, text: loaded });
		} catch (e) {
			outcomes.push({ label: `${tag} package   `, ok: false, text: (e as Error).message });
		}
		const readmeWay = PROVIDERS.find((p) => p.key === 'optimaite')!;
		const results = await Promise.all(
			[
				...(providers.includes(readmeWay) ? [{ ...readmeWay, readme: true }] : []),
				...providers.map((p) => ({ ...p, readme: false })),
			].map(async (p) => {
				const label = `${tag} ${(p.readme ? 'README way' : p.name).padEnd(10)}`;
				try {
					const text = p.readme ? await runReadmeWay(p, rest, origin, path.join(files, 'readme-contract.pdf'), readmePdf) : await runProvider(p, rest, origin);
					return { label, ok: true, text };
				} catch (e) {
					const err = e as Error;
					return { label, ok: false, text: err instanceof Failed ? err.message : (err.stack ?? err.message) };
				}
			}),
		);
		outcomes.push(...results);
		for (const o of outcomes) console.log(`  ${o.ok ? 'OK    ' : 'FAILED'} ${o.label} ${o.text}`);
		const loadErrors = main
			.log()
			.split('\n')
			.filter((l) => /n8n-nodes-esign/.test(l) && /error|fail/i.test(l));
		if (loadErrors.length) console.log(`  n8n log lines about the package:\n    ${loadErrors.slice(0, 10).join('\n    ')}`);
		console.log(`  (${((Date.now() - started) / 1000).toFixed(0)} s including the install check)`);
		if (!keep && outcomes.every((o) => o.ok)) rmSync(userFolder, { recursive: true, force: true });
	} catch (e) {
		const err = e as Error;
		outcomes.push({ label: `${label}`.padEnd(13) + ' setup     ', ok: false, text: err.stack ?? err.message });
		console.error(`\n${label}: ${err.message}`);
	} finally {
		for (const s of services.reverse()) await s.stop();
		if (!keep && outcomes.every((o) => o.ok)) rmSync(work, { recursive: true, force: true });
	}
	return outcomes;
}

function spawnVersion(node: string): string {
	return execFileSync(node, ['-v'], { encoding: 'utf8' }).trim();
}

function parseArgs(argv: string[]): { majors: Major[]; providers: Provider[]; keep: boolean } {
	let majors: Major[] = [1, 2];
	let providers = PROVIDERS;
	let keep = false;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '1' || a === '2') majors = [Number(a) as Major];
		else if (a === 'both') majors = [1, 2];
		else if (a === '--keep') keep = true;
		else if (a === '--only') {
			const names = (argv[++i] ?? '').toLowerCase().split(',');
			providers = PROVIDERS.filter((p) => names.includes(p.key));
			if (providers.length !== names.length) throw new Error(`--only takes provider names from ${PROVIDERS.map((p) => p.key).join(',')}`);
		} else throw new Error(`unknown argument "${a}"; usage: npm run test:n8n -- [1|2|both] [--only optimaite,penneo] [--keep]`);
	}
	return { majors, providers, keep };
}

async function main() {
	const { majors, providers, keep } = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const packDir = mkdtempSync(path.join(os.tmpdir(), 'esign-pack-'));
	const tgz = packPackage(packDir);
	console.log(`Packed ${path.basename(tgz)}; testing n8n ${majors.map((m) => `${m}.x`).join(' and ')} with ${providers.map((p) => p.name).join(', ')}`);
	const outcomes: Outcome[] = [];
	try {
		for (const major of majors) outcomes.push(...(await testRelease(major, tgz, providers, keep)));
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
	console.log(`\n━━━ test:n8n summary (${((Date.now() - started) / 1000).toFixed(0)} s) ━━━`);
	for (const o of outcomes) console.log(`${o.ok ? 'OK    ' : 'FAILED'} ${o.label} ${o.ok ? o.text : o.text.split('\n')[0]}`);
	const failed = outcomes.filter((o) => !o.ok).length;
	console.log(`n8n: ${outcomes.length - failed} passed, ${failed} failed`);
	if (failed) process.exitCode = 1;
}

if (require.main === module) {
	main().catch((e: Error) => {
		console.error(`test:n8n FAILED: ${e.stack ?? e.message}`);
		process.exitCode = 1;
	});
}
