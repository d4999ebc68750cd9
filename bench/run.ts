/**
 * `npm run bench` — measures the package against the sandbox and rewrites BENCHMARKS.md.
 * 1. overhead per call: 1,000 items through create + get nodes in n8n's engine vs the same requests made with
 *    n8n's bare httpRequest helper, interleaved in one process, reported as a ratio (aim ≤ 1.10);
 * 2. large documents: peak memory growth of 10/50/200 MB uploads, binaries on disk (filesystem) and in memory;
 * 3. polling cost: requests and time per poll with 10,000 objects and 0, 10 and 1,000 new events;
 * 4. load time: cold load of the package by n8n-core's package loader, and memory after load.
 * `npm run bench -- --quick` runs smaller sizes (for a smoke check; the file says so). `--only=nextsign,penneo` runs
 * those providers, `--part=overhead,polling` those sections, `--no-write` prints without rewriting BENCHMARKS.md (so does `--part`),
 * `--rounds=N` sets the interleaved rounds of the overhead measure.
 * `npm run bench -- --uploads` measures only the large documents (2.) and replaces that table alone in
 * BENCHMARKS.md (with `--only=optimaite,…`, only those providers' rows).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import type { IDataObject, IHttpRequestOptions, INode, INodeType } from 'n8n-workflow';

import { Engine, TriggerRunner } from '../sandbox/engine';
import { startSandbox } from '../sandbox/index';
import { startChildSandbox } from './child-sandbox';
import { bareHelper, referenceNodes, workflow } from './reference';
import type { BenchProfile } from './profile';
import { profiles } from './profiles';

const ROOT = path.resolve(__dirname, '..', '..');
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const parts = process.argv.find((a) => a.startsWith('--part='))?.slice(7).split(',');
const write = !process.argv.includes('--no-write') && !parts;
const ROUNDS = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? (quick ? 5 : 11));
const doPart = (name: string) => !parts || parts.includes(name);
const uploadsOnly = process.argv.includes('--uploads');
const ITEMS = quick ? 100 : 1000;
const SIZES_MB = quick ? [1, 5] : [10, 50, 200];
const SEED = quick ? 1000 : 10_000;
const NEW_EVENTS = quick ? [0, 10, 100] : [0, 10, 1000];

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The value below which a fraction `q` of `xs` lies (linear between neighbours). */
function quantile(xs: number[], q: number): number {
	const sorted = [...xs].sort((a, b) => a - b);
	const at = (sorted.length - 1) * q;
	const lo = Math.floor(at);
	return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (at - lo);
}
const ms = (n: number) => `${n.toFixed(0)} ms`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

interface Row {
	[k: string]: string;
}
const results: Record<string, Row[]> = { overhead: [], large: [], polling: [], load: [] };

async function overhead(profile: BenchProfile) {
	const sandbox = await startChildSandbox();
	try {
		const engine = new Engine({ packageDir: ROOT, credentials: profile.credentials(sandbox.origin) as never });
		await engine.load();
		const ctx = (await profile.prepare?.(sandbox.origin)) ?? {};
		const http = await bareHelper(engine);
		const items = Array.from({ length: ITEMS }, (_, n) => profile.createInput?.(ctx, n) ?? { json: { n } });
		const cpuMs = (since: NodeJS.CpuUsage) => {
			const d = process.cpuUsage(since);
			return (d.user + d.system) / 1000;
		};
		const viaNode = async () => {
			freshCredentials();
			const wf = workflow([profile.createNode(ctx), profile.getNode(ctx)]);
			const t = performance.now();
			const c = process.cpuUsage();
			const run = await engine.run(wf, items);
			const error = run.error();
			if (error) throw new Error(`${profile.name} node run failed: ${error.message}`);
			return { wall: performance.now() - t, cpu: cpuMs(c) };
		};
		const credentialType = Object.keys(profile.credentials(sandbox.origin))[0];
		// Each measured run starts from the credential as the user saved it (a sandbox reset voids stored tokens).
		const freshCredentials = () => {
			for (const [type, data] of Object.entries(profile.credentials(sandbox.origin))) engine.setCredentials(type, data as never);
		};
		const viaFloor = async () => {
			freshCredentials();
			const real = engine.nodeType(profile.createNode(ctx).type) as INodeType;
			engine.registerNodeType('n8n-nodes-base.benchReference', referenceNodes(profile, sandbox.origin, ctx, credentialType, real.description.properties));
			const asReference = (n: INode, role: string): INode => ({
				...n,
				type: 'n8n-nodes-base.benchReference',
				parameters: { ...n.parameters, __role: role },
			});
			const wf = workflow([asReference(profile.createNode(ctx), 'create'), asReference(profile.getNode(ctx), 'get')]);
			const t = performance.now();
			const c = process.cpuUsage();
			const run = await engine.run(wf, items);
			const error = run.error();
			if (error) throw new Error(`${profile.name} reference run failed: ${error.message}`);
			return { wall: performance.now() - t, cpu: cpuMs(c) };
		};
		const viaBare = async () => {
			const t = performance.now();
			const c = process.cpuUsage();
			for (let n = 0; n < ITEMS; n++) {
				const c = profile.bareCreate(sandbox.origin, ctx, n);
				const created = (await http({ ...c, json: true } as IHttpRequestOptions)) as IDataObject;
				const g = profile.bareGet(sandbox.origin, ctx, created);
				await http({ ...g, json: true } as IHttpRequestOptions);
			}
			return { wall: performance.now() - t, cpu: cpuMs(c) };
		};
		await viaNode(); // warm-up every path
		await viaBare();
		await viaFloor();
		const node: Array<{ wall: number; cpu: number }> = [];
		const floor: Array<{ wall: number; cpu: number }> = [];
		const bare: Array<{ wall: number; cpu: number }> = [];
		const fresh = async () => {
			await sandbox.control('reset');
			Object.assign(ctx, (await profile.prepare?.(sandbox.origin)) ?? {});
			gc();
		};
		// Interleaved rounds, the order flipped every other round (floor, package, bare / bare, package, floor) so that
		// a drift of the machine (other processes, CPU clock) weighs on both sides of each ratio alike.
		for (let round = 0; round < ROUNDS; round++) {
			const steps: Array<() => Promise<void>> = [
				async () => void floor.push(await viaFloor()),
				async () => void node.push(await viaNode()),
				async () => void bare.push(await viaBare()),
			];
			for (const step of round % 2 ? steps.reverse() : steps) {
				await fresh();
				await step();
			}
		}
		// Ratios per round, then the median: rounds share whatever else the machine was doing.
		const wallRatio = median(node.map((n, i) => n.wall / bare[i].wall));
		const cpuRatio = median(node.map((n, i) => n.cpu / bare[i].cpu));
		const floorWall = median(floor.map((f, i) => f.wall / bare[i].wall));
		const floorCpu = median(floor.map((f, i) => f.cpu / bare[i].cpu));
		const own = node.map((n, i) => n.cpu / floor[i].cpu);
		const ownCpu = median(own);
		// Spread of the package's own ratio over the rounds: the middle half (interquartile range) and all of them.
		const iqr = quantile(own, 0.75) - quantile(own, 0.25);
		results.overhead.push({
			provider: profile.name,
			requests: String(ITEMS * 2),
			'n8n node (wall)': ms(median(node.map((n) => n.wall))),
			'bare httpRequest (wall)': ms(median(bare.map((n) => n.wall))),
			'wall ratio': wallRatio.toFixed(2),
			'CPU ratio': cpuRatio.toFixed(2),
			'n8n floor ratio (wall / CPU)': `${floorWall.toFixed(2)} / ${floorCpu.toFixed(2)}`,
			'package’s own (CPU, node ÷ floor)': ownCpu.toFixed(2),
			[`spread of own over ${ROUNDS} rounds (IQR; min–max)`]: `${iqr.toFixed(3)}; ${Math.min(...own).toFixed(2)}–${Math.max(...own).toFixed(2)}`,
			aim: cpuRatio <= 1.1 && wallRatio <= 1.1 ? 'met (≤ 1.10)' : cpuRatio <= 1.1 || wallRatio <= 1.1 ? 'met on one measure' : 'missed (> 1.10)',
		});
	} finally {
		await sandbox.stop();
	}
}

async function largeUploads(profile: BenchProfile) {
	if (!profile.uploadNode) return;
	for (const mode of ['filesystem', 'default'] as const) {
		const sandbox = await startChildSandbox();
		const storage = mkdtempSync(path.join(os.tmpdir(), 'esign-bench-'));
		try {
			const engine = new Engine({ packageDir: ROOT, binaryMode: mode, storagePath: storage, credentials: profile.credentials(sandbox.origin) as never });
			await engine.load();
			const ctx = (await profile.prepare?.(sandbox.origin)) ?? {};
			const sizes = [...new Set([...(profile.extraUploadSizesMb ?? []), ...SIZES_MB])].sort((a, b) => a - b);
			// One unrecorded 1 MB upload first: the first upload of a process loads what Node loads lazily (its
			// FormData/File/web streams, ≈ 30 MB) and JIT-compiles the path; in n8n those are long loaded.
			const warmItem = await engine.fileItem(Readable.from([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024, 0x25)]), 'warm-up.pdf', 'application/pdf', profile.uploadInput?.(ctx) ?? {});
			const warm = await engine.run(workflow([profile.uploadNode(ctx)]), [warmItem]);
			if (warm.error()) throw new Error(`${profile.name} warm-up upload failed: ${warm.error()!.message}`);
			for (const size of sizes) {
				const bytes = size * 1024 * 1024;
				const chunk = Buffer.alloc(1024 * 1024, 0x25);
				const source = Readable.from((function* () {
					yield Buffer.from('%PDF-1.4\n');
					for (let i = 0; i < size; i++) yield chunk;
				})());
				const item = await engine.fileItem(source, `large-${size}mb.pdf`, 'application/pdf', profile.uploadInput?.(ctx) ?? {});
				gc();
				const base = process.memoryUsage().rss;
				let peak = base;
				const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
				const t = performance.now();
				const run = await engine.run(workflow([profile.uploadNode(ctx)]), [item]);
				const elapsed = performance.now() - t;
				clearInterval(timer);
				peak = Math.max(peak, process.memoryUsage().rss);
				if (run.error()) throw new Error(`${profile.name} upload failed: ${run.error()!.message}`);
				results.large.push({
					provider: profile.name,
					'binary mode': mode,
					file: `${size} MB${profile.uploadPath ? ` (${profile.uploadPath(bytes)})` : ''}`,
					time: ms(elapsed),
					'peak RSS growth': mb(peak - base),
					'growth / file size': ((peak - base) / bytes).toFixed(2),
				});
				gc();
			}
		} finally {
			await sandbox.stop();
			rmSync(storage, { recursive: true, force: true });
		}
	}
}

async function polling(profile: BenchProfile) {
	if (!profile.trigger) return;
	for (const variant of profile.trigger.variants ?? [undefined]) {
		const sandbox = await startSandbox(0);
		try {
			sandbox.recordBodies = false;
			const engine = new Engine({ packageDir: ROOT, credentials: profile.credentials(sandbox.origin) as never });
			await engine.load();
			const ctx = profile.trigger.seed(sandbox, SEED);
			variant?.setup(sandbox);
			const runner = new TriggerRunner(engine, profile.trigger.node(ctx));
			const first = await runner.poll();
			if (first.error) throw first.error;
			if (variant?.warmUpEvents) {
				profile.trigger.addEvents(sandbox, ctx, variant.warmUpEvents);
				const warm = await runner.poll();
				if (warm.error) throw warm.error;
			}
			for (const n of NEW_EVENTS) {
				profile.trigger.addEvents(sandbox, ctx, n);
				sandbox.requests.length = 0;
				const t = performance.now();
				const result = await runner.poll();
				const elapsed = performance.now() - t;
				if (result.error) throw result.error;
				const fired = result.items?.length ?? 0;
				const expected = n === 0 ? 1 : Math.ceil(n / profile.trigger.pageSize) + 1;
				results.polling.push({
					provider: variant ? `${profile.name} (${variant.name})` : profile.name,
					objects: String(SEED),
					'new events': String(n),
					fired: String(fired),
					requests: String(sandbox.requests.length),
					'aim (requests)': `≈ ${expected}`,
					'time per poll': ms(elapsed),
				});
			}
		} finally {
			await sandbox.stop();
		}
	}
}

function loadTime() {
	const script = `
		const t0 = process.hrtime.bigint();
		const { PackageDirectoryLoader } = require('n8n-core');
		const t1 = process.hrtime.bigint();
		const loader = new PackageDirectoryLoader(${JSON.stringify(ROOT)});
		loader.loadAll().then(() => {
			const t2 = process.hrtime.bigint();
			global.gc && global.gc();
			const m = process.memoryUsage();
			console.log(JSON.stringify({ core: Number(t1 - t0) / 1e6, pkg: Number(t2 - t1) / 1e6, rss: m.rss, heap: m.heapUsed,
				nodes: Object.keys(loader.nodeTypes).length, credentials: Object.keys(loader.credentialTypes).length }));
		});`;
	const runs = Array.from({ length: 5 }, () =>
		JSON.parse(execFileSync(process.execPath, ['--expose-gc', '-e', script], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!) as Record<string, number>,
	);
	const baseline = JSON.parse(
		execFileSync(process.execPath, ['--expose-gc', '-e', `require('n8n-core'); global.gc(); const m=process.memoryUsage(); console.log(JSON.stringify({rss:m.rss,heap:m.heapUsed}))`], {
			cwd: ROOT,
			encoding: 'utf8',
		}).trim().split('\n').pop()!,
	) as Record<string, number>;
	results.load.push({
		'nodes / credentials': `${runs[0].nodes} / ${runs[0].credentials}`,
		'package load (median of 5 cold starts)': ms(median(runs.map((r) => r.pkg))),
		'n8n-core require (for scale)': ms(median(runs.map((r) => r.core))),
		'heap after load': mb(median(runs.map((r) => r.heap))),
		'heap added by the package': mb(median(runs.map((r) => r.heap)) - baseline.heap),
		'RSS after load': mb(median(runs.map((r) => r.rss))),
	});
}

function table(rows: Row[]): string {
	if (!rows.length) return '_not measured_\n';
	const cols = Object.keys(rows[0]);
	return [`| ${cols.join(' | ')} |`, `| ${cols.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${cols.map((c) => r[c]).join(' | ')} |`)].join('\n') + '\n';
}

function versions() {
	const pkg = (name: string) => (require(path.join(ROOT, 'node_modules', name, 'package.json')) as { version: string }).version;
	return `Node ${process.version}, n8n-core ${pkg('n8n-core')}, n8n-workflow ${pkg('n8n-workflow')}; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${mb(os.totalmem())} RAM, ${os.platform()} ${os.release()}`;
}

const LARGE_HEADING = '## 2. Large documents';

/** `--uploads`: section 2 measured again; the rest of BENCHMARKS.md stays as it was. */
async function uploadsMain() {
	const chosen = profiles.filter((p) => !only || only.includes(p.name.toLowerCase()));
	for (const p of chosen) {
		console.log(`${p.name}: large documents…`);
		await largeUploads(p);
	}
	const file = path.join(ROOT, 'BENCHMARKS.md');
	const existing = require('node:fs').readFileSync(file, 'utf8') as string;
	const start = existing.indexOf(LARGE_HEADING);
	const end = existing.indexOf('\n## 3.', start);
	if (start < 0 || end < 0) throw new Error('BENCHMARKS.md has no section 2 to replace: run the whole bench once');
	const section = existing.slice(start, end);
	const heading = section.slice(0, section.indexOf('\n'));
	const oldRows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| provider') && !l.startsWith('| ---'));
	const measured = new Set(chosen.map((p) => p.name));
	const kept = oldRows.filter((l) => !measured.has(l.slice(2, l.indexOf(' |', 2))));
	const rows = table(results.large).trimEnd().split('\n');
	const body = [
		heading,
		'',
		`Re-measured alone with \`npm run bench -- --uploads\`${only ? ` (${chosen.map((p) => p.name).join(', ')})` : ''}${quick ? ' --quick' : ''} on ${new Date().toISOString().slice(0, 10)}: ${versions()}.`,
		'',
		...rows.slice(0, 2),
		...profiles.flatMap((p) => (measured.has(p.name) ? rows.slice(2).filter((l) => l.startsWith(`| ${p.name} |`)) : kept.filter((l) => l.startsWith(`| ${p.name} |`)))),
		'',
	].join('\n');
	writeFileSync(file, existing.slice(0, start) + body + existing.slice(end));
	console.table(results.large);
	console.log('\nBENCHMARKS.md section 2 written');
	process.exit(0);
}

async function main() {
	if (uploadsOnly) return await uploadsMain();
	const chosen = profiles.filter((p) => !only || only.includes(p.name.toLowerCase()));
	for (const p of chosen) {
		if (doPart('overhead')) {
			console.log(`${p.name}: overhead…`);
			await overhead(p);
		}
		if (doPart('large')) {
			console.log(`${p.name}: large documents…`);
			await largeUploads(p);
		}
		if (doPart('polling')) {
			console.log(`${p.name}: polling…`);
			await polling(p);
		}
	}
	if (doPart('load')) {
		console.log('load time…');
		loadTime();
	}
	const body = [
		`# Benchmarks\n`,
		`Written by \`npm run bench\`${quick ? ' --quick (reduced sizes: a smoke check, not the reference numbers)' : ''} on ${new Date().toISOString().slice(0, 10)}.`,
		`Machine: ${versions()}.\n`,
		`Numbers are taken side by side in one run (our machines are shared and noisy); compare ratios, not absolute times.\n`,
		`## 1. Overhead per call (${ITEMS} items × create + get, n8n engine vs bare \`httpRequest\`, median of interleaved rounds; sandbox in its own process)\n`,
		table(results.overhead),
		`## 2. Large documents (peak RSS growth of the n8n process during one upload; sandbox in its own process)\n`,
		table(results.large),
		`## 3. Polling cost (${SEED} objects in the sandbox; requests and time for one poll after N new events)\n`,
		table(results.polling),
		`## 4. Load time (n8n-core's PackageDirectoryLoader, cold process)\n`,
		table(results.load),
	].join('\n');
	const notesMarker = '<!-- notes -->';
	let notes = '';
	try {
		const existing = require('node:fs').readFileSync(path.join(ROOT, 'BENCHMARKS.md'), 'utf8') as string;
		if (existing.includes(notesMarker)) notes = existing.slice(existing.indexOf(notesMarker));
	} catch {
		/* first run */
	}
	if (write) writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), `${body}\n${notes || `${notesMarker}\n## Notes\n`}`);
	for (const [name, rows] of Object.entries(results)) {
		console.log(`\n${name}`);
		if (rows.length) console.table(rows);
	}
	console.log(write ? '\nBENCHMARKS.md written' : '\n(--no-write: BENCHMARKS.md left as it was)');
	process.exit(0);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
