/**
 * Tests run TypeScript through ts-jest without type-checking (tsc does that in `npm run build`/`typecheck`).
 *
 * Two projects, one per n8n engine the package supports:
 * - `n8n-2`: every test, on n8n-core 2.41.1 + n8n-workflow 2.41.0 (the top-level devDependencies);
 * - `n8n-1`: the engine-level tests that matter (`N8N_1_TESTS` below), on n8n-core 1.122.48 + n8n-workflow 1.120.31,
 *   the pair n8n 1.123.81 ships, installed under the npm aliases `n8n-core-v1` / `n8n-workflow-v1`. The module
 *   mapping points every `require('n8n-workflow')` / `require('n8n-core')` — the tests', the harness's
 *   (`sandbox/engine.ts`) and our `dist/` code's own — at that pair, and `@n8n/di` at the copy n8n-core 1.x uses (its
 *   service container must be the engine's). All tests on both engines doubled `npm test` (~17 min on a loaded
 *   2-core machine); the rest — descriptions, sandbox rules, the package scan and tarball, benchmarks profiles,
 *   editor listings, the main job (a child process, which loads 2.x anyway) — does not depend on the engine.
 * One engine only: `npx jest test/penneo --selectProjects n8n-1` (paths first: `--selectProjects` takes several names).
 * Every test on 1.x: `N8N_1_ALL=1 npx jest --selectProjects n8n-1`.
 */
const path = require('node:path');

const v1Core = path.dirname(require.resolve('n8n-core-v1/package.json'));
const fromV1Core = (name) => require.resolve(name, { paths: [v1Core] });

/**
 * What runs on n8n 1.x too: everything whose outcome depends on how n8n's engine makes requests, wraps errors,
 * authenticates, stores binaries or polls — the cross-provider transport tests (retries, 429, 5xx, redirects,
 * timeouts, oversized answers, masking, the 401 in mid-upload, dot segments, deletes), every provider's fault tests
 * and trigger soak, the credential tests (preAuthentication, OAuth2 refresh, the credential Test), uploads from
 * n8n's filesystem binary store, one body sent twice through n8n's httpRequest, the package loader, and the tests
 * that assert n8n 1.x's own texts.
 */
const N8N_1_TESTS = [
	'core/**/*.test.ts',
	'faults/**/*.test.ts',
	'loader.test.ts',
	'package/multipart.test.ts',
	'*/filesystem-binary.test.ts',
	'penneo/credential.test.ts',
	'signicat/credential.test.ts',
	'easyink/oauth.test.ts',
	'easyink/credential-test.test.ts',
	'nextsign/credential-binary.test.ts',
	'optimaite/envelope.test.ts',
	'optimaite/validation.test.ts',
	'penneo/editor.test.ts',
].map((glob) => `<rootDir>/test/${glob}`);

const common = {
	testEnvironment: 'node',
	rootDir: __dirname,
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
	setupFiles: ['<rootDir>/test/setup-env.ts'],
};

module.exports = {
	testTimeout: 60000,
	maxWorkers: 2,
	projects: [
		{ ...common, displayName: 'n8n-2', globals: { N8N_ENGINE: { workflow: '2.41.0', core: '2.41.1' } } },
		{
			...common,
			displayName: 'n8n-1',
			globals: { N8N_ENGINE: { workflow: '1.120.31', core: '1.122.48' } },
			...(process.env.N8N_1_ALL ? {} : { testMatch: N8N_1_TESTS }),
			moduleNameMapper: {
				'^n8n-workflow$': require.resolve('n8n-workflow-v1'),
				'^n8n-core$': require.resolve('n8n-core-v1'),
				'^@n8n/di$': fromV1Core('@n8n/di'),
			},
		},
	],
};
