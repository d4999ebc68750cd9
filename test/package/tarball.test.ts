/**
 * What `npm pack` would publish: package.json, README, LICENSE and dist/ built from today's sources — nothing
 * else, and no file left over in dist/ from a source that no longer exists (npm publishes whatever dist/ holds).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_DIR } from '../helpers';

const files: string[] = (
	JSON.parse(execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: PACKAGE_DIR, encoding: 'utf8' })) as Array<{
		files: Array<{ path: string }>;
	}>
)[0].files.map((f) => f.path);

/** The source a published file was built or copied from. */
function sourceOf(file: string): string | undefined {
	if (['package.json', 'README.md', 'LICENSE'].includes(file)) return file;
	const inDist = /^dist\/(.+)$/.exec(file)?.[1];
	if (!inDist) return undefined;
	if (/^(nodes|credentials)\/.+\.js(\.map)?$/.test(inDist)) return inDist.replace(/\.js(\.map)?$/, '.ts');
	if (/^nodes\/.+\.node\.json$/.test(inDist)) return inDist;
	if (/^icons\/[^/]+\.svg$/.test(inDist)) return inDist;
	return undefined;
}

test('every published file comes from a source file that exists today', () => {
	const orphans = files.filter((f) => {
		const source = sourceOf(f);
		return !source || !existsSync(path.join(PACKAGE_DIR, source));
	});
	expect(orphans).toEqual([]);
});

test('every node and credential in the n8n section, and the shared multipart builder, are in the package', () => {
	const pkg = require(path.join(PACKAGE_DIR, 'package.json')) as { n8n: { nodes: string[]; credentials: string[] } };
	for (const f of [...pkg.n8n.nodes, ...pkg.n8n.credentials, 'dist/nodes/shared/multipart.js']) expect(files).toContain(f);
	expect(files.filter((f) => !f.startsWith('dist/')).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
});
