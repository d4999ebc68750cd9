/**
 * Signicat's live contract suite guards: it runs only when told the account is a sandbox, and it stops — deleting
 * what it made — when a created session's signing link is not on a Signicat sandbox host (here: our sandbox run as
 * if it were Signicat, whose links are on 127.0.0.1).
 */
import { main, runSuite } from '../../scripts/live/run';
import { signicatSuite } from '../../scripts/live/suites/signicat';
import { startSandbox } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/server';
import type { SignicatState } from '../../sandbox/providers/signicat';
import { emulatorState } from '../../sandbox/index';

const SECRET = 'very-secret-client-secret';

function capture() {
	const lines: string[] = [];
	const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
	return { lines, restore: () => spy.mockRestore() };
}

describe('Signicat live suite', () => {
	test('without ESIGN_LIVE_SIGNICAT_ACCOUNT=sandbox it refuses before any request, and never prints the secret', async () => {
		for (const account of [undefined, 'production', 'Sandbox ']) {
			const out = capture();
			const code = await main(['signicat'], {
				ESIGN_LIVE_SIGNICAT_CLIENT_ID: 'client',
				ESIGN_LIVE_SIGNICAT_CLIENT_SECRET: SECRET,
				...(account === undefined ? {} : { ESIGN_LIVE_SIGNICAT_ACCOUNT: account }),
			});
			out.restore();
			if (account === undefined) {
				expect(code).toBe(0);
				expect(out.lines).toEqual(['skip signicat: no test credentials (set ESIGN_LIVE_SIGNICAT_ACCOUNT)']);
			} else {
				expect(code).toBe(1);
				expect(out.lines.join('\n')).toMatch(/skip signicat: ESIGN_LIVE_SIGNICAT_ACCOUNT must be "sandbox"/);
			}
			expect(out.lines.join('\n')).not.toContain(SECRET);
		}
	});

	describe('a signing link that is not on *.sandbox.signicat.com', () => {
		let sandbox: Sandbox;
		beforeAll(async () => {
			sandbox = await startSandbox(0);
		});
		afterAll(async () => {
			await sandbox.stop();
		});

		test('stops the suite after the create, skips every later step and deletes what it made', async () => {
			// Our sandbox, reached as if it were Signicat (no sandbox control): its links are on 127.0.0.1.
			const env = { ...signicatSuite.sandboxEnv(sandbox) };
			const result = await runSuite(signicatSuite, env);
			const outcome = Object.fromEntries(result.steps.map((s) => [s.name, s.outcome]));
			expect(outcome['Credential test']).toBe('passed');
			const send = result.steps.find((s) => s.name.startsWith('Signing Session → Send Document'))!;
			expect(send).toMatchObject({ outcome: 'failed', detail: expect.stringMatching(/^stopped: the signing link's host 127\.0\.0\.1:\d+ is not a Signicat sandbox host/) });
			const later = result.steps.slice(result.steps.indexOf(send) + 1);
			expect(later.length).toBeGreaterThan(3);
			for (const step of later) expect(step).toMatchObject({ outcome: 'skipped', detail: expect.stringMatching(/^stopped:/) });
			expect(result.cleanupFailures).toEqual([]);
			const state = emulatorState<SignicatState>(sandbox, 'signicat');
			expect([...state.sessions.values()]).toEqual([]);
			expect([...state.collections.values()]).toEqual([]);
			expect([...state.documents.values()]).toEqual([]);
			// What was made was deleted in reverse: session, collection, document.
			const deletes = result.exchanges.filter((e) => e.method === 'DELETE').map((e) => [e.path.replace(/[0-9a-f-]{36}/, '{id}'), e.status]);
			expect(deletes).toEqual([
				['/signing-sessions/{id}', 204],
				['/document-collections/{id}', 204],
				['/documents/{id}', 204],
			]);
		});
	});
});
