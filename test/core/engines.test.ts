/**
 * `npm test` runs every test on both engines the package supports (jest projects `n8n-2` and `n8n-1`, see
 * jest.config.js). This proves each project really runs the engine it names — the tests, the harness and the
 * package's own dist/ code all see the same n8n-workflow and n8n-core.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

import { PACKAGE_DIR } from '../helpers';

import { PROVIDERS, runProvider, useTransportEnv } from './providers';

declare const N8N_ENGINE: { workflow: string; core: string };

function packageOf(entry: string): { name: string; version: string } {
	for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const file = path.join(dir, 'package.json');
		if (existsSync(file)) {
			const pkg = JSON.parse(readFileSync(file, 'utf8'));
			if (pkg.name && pkg.version) return pkg;
		}
	}
	throw new Error(`no package.json above ${entry}`);
}

const env = useTransportEnv();

test('this project runs the engine pair it names', () => {
	expect(packageOf(require.resolve('n8n-workflow'))).toMatchObject({ name: 'n8n-workflow', version: N8N_ENGINE.workflow });
	expect(packageOf(require.resolve('n8n-core'))).toMatchObject({ name: 'n8n-core', version: N8N_ENGINE.core });
});

test("the package's dist/ code throws the errors of that same n8n-workflow", () => {
	const { NodeOperationError } = require('n8n-workflow') as typeof import('n8n-workflow');
	const { validate } = require(path.join(PACKAGE_DIR, 'dist/nodes/shared/validation.js'));
	const ctx = { getNode: () => ({ name: 'Node', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} }) };
	let thrown: unknown;
	try {
		validate(ctx, z.object({ title: z.string() }), {}, 0, { title: 'Title' });
	} catch (error) {
		thrown = error;
	}
	expect(thrown).toBeInstanceOf(NodeOperationError);
	expect((thrown as Error).message).toBe('Invalid "Title" is required [item 0]');
});

test('a node run through the engine works on this engine', async () => {
	const optimaite = PROVIDERS[0];
	const { error, out } = await runProvider(env, optimaite, optimaite.read.parameters);
	expect(error).toBeUndefined();
	expect(out[0].json.id).toBeDefined();
});
