/**
 * `node --cpu-prof dist-dev/bench/profile-overhead.js <provider> [pairs] [items]` — the package's own overhead of one
 * provider, measured the way a shared, noisy machine allows: many short pairs of runs (the floor, then the package,
 * the order flipped every other pair), each pair's CPU ratio, and their median and spread. With `--cpu-prof` the
 * profile shows where the package's extra time goes (compare the functions under `dist/nodes/` with the floor's).
 * `--only=package` or `--only=floor` runs one side (a cleaner profile of it); `--windows` prints each run's time
 * window (JSON lines on stderr), so that one profile of interleaved runs can be split into the two sides.
 */
import type { INode, INodeType } from 'n8n-workflow';
import path from 'node:path';

import { Engine } from '../sandbox/engine';
import { startChildSandbox } from './child-sandbox';
import { profiles } from './profiles';
import { referenceNodes, workflow } from './reference';

const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const side = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
/** `--windows`: print each measured run's time window to stderr (to split a `--cpu-prof` profile by side). */
const windows = process.argv.includes('--windows');

async function main() {
	const name = (args[0] ?? 'nextsign').toLowerCase();
	const pairs = Number(args[1] ?? 15);
	const itemCount = Number(args[2] ?? 300);
	const profile = profiles.find((p) => p.name.toLowerCase() === name);
	if (!profile) throw new Error(`No bench profile ${name} (${profiles.map((p) => p.name).join(', ')})`);
	const sandbox = await startChildSandbox();
	try {
		const engine = new Engine({ packageDir: ROOT, credentials: profile.credentials(sandbox.origin) as never });
		await engine.load();
		const ctx = (await profile.prepare?.(sandbox.origin)) ?? {};
		const items = Array.from({ length: itemCount }, (_, n) => profile.createInput?.(ctx, n) ?? { json: { n } });
		const credentialType = Object.keys(profile.credentials(sandbox.origin))[0];
		const real = engine.nodeType(profile.createNode(ctx).type) as INodeType;
		engine.registerNodeType('n8n-nodes-base.benchReference', referenceNodes(profile, sandbox.origin, ctx, credentialType, real.description.properties));
		const asReference = (n: INode, role: string): INode => ({ ...n, type: 'n8n-nodes-base.benchReference', parameters: { ...n.parameters, __role: role } });
		const run = async (reference: boolean) => {
			for (const [type, data] of Object.entries(profile.credentials(sandbox.origin))) engine.setCredentials(type, data as never);
			await sandbox.control('reset');
			Object.assign(ctx, (await profile.prepare?.(sandbox.origin)) ?? {});
			gc();
			const nodes = reference ? [asReference(profile.createNode(ctx), 'create'), asReference(profile.getNode(ctx), 'get')] : [profile.createNode(ctx), profile.getNode(ctx)];
			const c = process.cpuUsage();
			const from = process.hrtime.bigint();
			const result = await engine.run(workflow(nodes), items);
			const d = process.cpuUsage(c);
			// For a CPU profile: this run's window on the monotonic clock V8's profiler uses (µs).
			if (windows) console.error(JSON.stringify({ side: reference ? 'floor' : 'package', from: Number(from / 1000n), to: Number(process.hrtime.bigint() / 1000n) }));
			if (result.error()) throw new Error(`${reference ? 'floor' : 'package'} run failed: ${result.error()!.message}`);
			return (d.user + d.system) / 1000;
		};
		await run(true);
		await run(false);
		const ratios: number[] = [];
		for (let i = 0; i < pairs; i++) {
			if (side === 'package') await run(false);
			else if (side === 'floor') await run(true);
			else {
				const first = i % 2 === 0;
				const a = await run(!first);
				const b = await run(first);
				const [pkg, floor] = first ? [a, b] : [b, a];
				ratios.push(pkg / floor);
				console.log(`pair ${i + 1}: package ${pkg.toFixed(0)} ms CPU, floor ${floor.toFixed(0)} ms CPU → ${(pkg / floor).toFixed(3)}`);
			}
		}
		if (ratios.length) {
			const sorted = [...ratios].sort((x, y) => x - y);
			const q = (f: number) => sorted[Math.round((sorted.length - 1) * f)];
			console.log(`${profile.name}: package ÷ floor (CPU) median ${q(0.5).toFixed(3)}, middle half ${q(0.25).toFixed(3)}–${q(0.75).toFixed(3)}, all ${sorted[0].toFixed(3)}–${sorted[sorted.length - 1].toFixed(3)} over ${ratios.length} pairs of ${itemCount} items`);
		}
	} finally {
		await sandbox.stop();
	}
}

main()
	.then(() => process.exit(0))
	.catch((e) => {
		console.error(e);
		process.exit(1);
	});
