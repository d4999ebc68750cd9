/**
 * Tests run TypeScript through ts-jest without type-checking (tsc does that in `npm run build`/`typecheck`).
 *
 * Every test runs twice, once per n8n engine the package supports:
 * - `n8n-2`: n8n-core 2.41.1 + n8n-workflow 2.41.0 (the top-level devDependencies);
 * - `n8n-1`: n8n-core 1.122.48 + n8n-workflow 1.120.31, the pair n8n 1.123.81 ships, installed under the npm aliases
 *   `n8n-core-v1` / `n8n-workflow-v1`. The module mapping points every `require('n8n-workflow')` / `require('n8n-core')`
 *   — the tests', the harness's (`sandbox/engine.ts`) and our `dist/` code's own — at that pair, and `@n8n/di` at the
 *   copy n8n-core 1.x uses (its service container must be the engine's).
 * One engine only: `npx jest --selectProjects n8n-1 test/penneo`.
 */
const path = require('node:path');

const v1Core = path.dirname(require.resolve('n8n-core-v1/package.json'));
const fromV1Core = (name) => require.resolve(name, { paths: [v1Core] });

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
			moduleNameMapper: {
				'^n8n-workflow$': require.resolve('n8n-workflow-v1'),
				'^n8n-core$': require.resolve('n8n-core-v1'),
				'^@n8n/di$': fromV1Core('@n8n/di'),
			},
		},
	],
};
