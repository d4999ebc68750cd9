/**
 * The sandbox is a second, independent reading of the providers' docs. For one emulator, these checks prove:
 * - none of its files (followed through their relative imports) import the package's own code (`nodes/`, `credentials/`);
 * - every provider route names its source in one line (a document and section, or a URL), and a guess says `[G]`.
 * Each provider's test calls `expectIndependentEmulator('<prefix>')`.
 */
import fs from 'node:fs';
import path from 'node:path';

import { allEmulators } from '../sandbox/providers';
import type { ProviderEmulator } from '../sandbox/server';

const ROOT = path.resolve(__dirname, '..');
const FORBIDDEN = [path.join(ROOT, 'nodes') + path.sep, path.join(ROOT, 'credentials') + path.sep];

/** Relative imports of a TypeScript file, resolved to files. */
function importsOf(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	const specs = [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)]
		.map((m) => m[1] ?? m[2] ?? m[3])
		.filter((s) => s.startsWith('.'));
	return specs.map((spec) => {
		const base = path.resolve(path.dirname(file), spec);
		for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
			if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
		}
		return base;
	});
}

/** Every file reachable from `entry` through relative imports. */
export function importClosure(entry: string): string[] {
	const seen = new Set<string>();
	const queue = [entry];
	while (queue.length) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		if (!file.endsWith('.ts') || !fs.existsSync(file)) continue;
		if (FORBIDDEN.some((dir) => file.startsWith(dir))) continue;
		queue.push(...importsOf(file));
	}
	return [...seen];
}

/** The emulator's entry file: `sandbox/providers/<prefix>.ts` or `sandbox/providers/<prefix>/index.ts`. */
function entryOf(prefix: string): string {
	const flat = path.join(ROOT, 'sandbox', 'providers', `${prefix}.ts`);
	if (fs.existsSync(flat)) return flat;
	return path.join(ROOT, 'sandbox', 'providers', prefix, 'index.ts');
}

export function emulatorFor(prefix: string): ProviderEmulator {
	const emulator = allEmulators().find((e) => e.prefixes.includes(prefix));
	if (!emulator) throw new Error(`No emulator serves the prefix ${prefix}`);
	return emulator;
}

/** A source line names a document (captured page, PUBLIC-DOCS.md, REFERENCE.md) or a URL, or marks a guess. */
export const SOURCE = /(https?:\/\/\S+|\.txt\b|PUBLIC-DOCS(\.md)?|REFERENCE(\.md)?|\[G\])/;

export function expectIndependentEmulator(prefix: string, entryFile = entryOf(prefix)): void {
	const forbidden = importClosure(entryFile).filter((f) => FORBIDDEN.some((dir) => f.startsWith(dir)));
	expect(forbidden.map((f) => path.relative(ROOT, f))).toEqual([]);

	const emulator = emulatorFor(prefix);
	const missing = emulator.routes
		.filter((r) => !r.source || !SOURCE.test(r.source) || r.source.includes('\n'))
		.map((r) => `${r.method} ${r.pattern}`);
	expect(missing).toEqual([]);
}
