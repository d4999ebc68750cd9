#!/usr/bin/env node
/**
 * `npm run scan` — n8n's community package scan, locally, on what we would publish.
 *
 * `npx @n8n/scan-community-package <name>` fetches a published version from the public registry, checks its npm
 * provenance, then lints (1) the source checkout the provenance points at (package.json, nodes/, credentials/) and
 * (2) the published tarball (its compiled .js and package.json). This script runs the same two lint legs with the
 * scanner's own `analyzePackage` export and rule set, on this working tree and on `npm pack`'s tarball of it
 * (dist/ must be built). Provenance can only be checked on a published version (see .github/workflows/publish.yml).
 *
 * Prints one JSON line `{ source, dist, control? }` (each `{ passed, message, details }`) and exits 1 when a leg
 * fails. `--control` also scans a copy of the tarball with a runtime dependency and a `require('form-data')` added,
 * which must fail: proof that the rules really ran.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

// eslint-plugin-n8n-nodes-base changes its file-name rules when NODE_ENV is 'test' (as under jest): scan as n8n does.
if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST_FILE_PATTERNS = ['**/*.js', 'package.json'];
const control = process.argv.includes('--control');

function unpackTarball(work) {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	execFileSync(npm, ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
	const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack wrote no tarball');
	const dir = path.join(work, 'package');
	mkdirSync(dir);
	execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', dir, '--strip-components=1']);
	return dir;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'esign-scan-'));
try {
	const packageDir = unpackTarball(work);
	const result = {
		source: await analyzePackage(ROOT, SOURCE_FILE_PATTERNS),
		dist: await analyzePackage(packageDir, DIST_FILE_PATTERNS),
	};
	if (control) {
		const pkgFile = path.join(packageDir, 'package.json');
		const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
		pkg.dependencies = { 'form-data': '4.0.6' };
		writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
		writeFileSync(path.join(packageDir, 'dist', 'control.js'), "'use strict';\nconst FormData = require('form-data');\nmodule.exports = { FormData };\n");
		result.control = await analyzePackage(packageDir, DIST_FILE_PATTERNS);
	}
	for (const leg of Object.values(result)) delete leg.error;
	console.log(JSON.stringify(result));
	process.exitCode = result.source.passed && result.dist.passed ? 0 : 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
