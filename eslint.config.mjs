// Lint: the official n8n community-node rules (@n8n/eslint-plugin-community-nodes, as n8n's package scanner
// runs them) plus eslint-plugin-n8n-nodes-base's node and credential rules, on top of typescript-eslint — for the
// package's own code (nodes/, credentials/, package.json) the same rule set as `n8n-node lint`'s cloud `config`
// (@n8n/node-cli), except eslint-plugin-import-x (tsc already checks every import). test/package/scan.test.ts
// runs n8n's scanner itself on the packed package.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

// n8n's cloud-eligible set (what n8n's package scanner and `n8n-node lint` run for a verifiable package): no
// runtime dependencies, no restricted globals (process, timers, …), imports only from n8n-workflow, zod, crypto,
// lodash, luxon, moment, p-limit — no Node built-ins, not even type-only.
const community = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
	{ ignores: ['dist/**', 'dist-dev/**', 'node_modules/**', 'coverage/**', 'gulpfile.js', 'jest.config.js'] },
	{
		files: ['**/*.ts'],
		extends: [tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: { 'prefer-spread': 'off' },
		// n8n's scanner ignores eslint-disable comments: so does our lint, for the package's own code.
		linterOptions: { noInlineConfig: true },
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		...community,
		rules: {
			...community.rules,
			// As n8n's scanner adds on top of the community set.
			'no-console': 'error',
		},
	},
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Same exceptions as n8n's own community-node lint config (@n8n/node-cli).
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['test/**/*.ts', 'sandbox/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
	},
);
