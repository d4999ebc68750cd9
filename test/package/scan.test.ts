/**
 * n8n's community package scan, on what we would publish: scripts/scan-package.mjs runs the two lint legs of
 * `npx @n8n/scan-community-package` (the source tree, and the tarball `npm pack` makes of dist/) with the
 * scanner's own `analyzePackage` and rule set. Zero errors, or the package is not verifiable.
 * A control scan (a runtime dependency and a `require('form-data')` added to a copy) must fail: the rules ran.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { PACKAGE_DIR } from '../helpers';

interface Leg {
	passed: boolean;
	message?: string;
	details?: string;
}

let result: { source: Leg; dist: Leg; control: Leg };

beforeAll(async () => {
	const { stdout } = await promisify(execFile)(process.execPath, [path.join(PACKAGE_DIR, 'scripts', 'scan-package.mjs'), '--control'], {
		cwd: PACKAGE_DIR,
		maxBuffer: 16 * 1024 * 1024,
	}).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
	result = JSON.parse(stdout.trim().split('\n').pop()!);
}, 300_000);

/** The scanner's own report, so a failure shows every rule and line. */
const report = (leg: Leg) => (leg.passed ? 'passed' : `${leg.message}\n${leg.details ?? ''}`);

test('the source tree (package.json, nodes/, credentials/) passes the scanner with zero errors', () => {
	expect(report(result.source)).toBe('passed');
});

test('the packed package (compiled dist/ and its package.json) passes the scanner with zero errors', () => {
	expect(report(result.dist)).toBe('passed');
});

test('control: the same package with a runtime dependency and a form-data require fails the scan', () => {
	expect(result.control.passed).toBe(false);
	expect(result.control.details).toMatch(/The "dependencies" field must be empty or absent.*no-runtime-dependencies/);
	expect(result.control.details).toMatch(/Require of 'form-data' is not allowed.*no-restricted-imports/);
	expect(result.control.details).toMatch(/2 problems \(2 errors/);
});
