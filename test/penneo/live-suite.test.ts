/**
 * Penneo's live contract suite (scripts/live/suites/penneo.ts), run against our sandbox as `npm run test:live --
 * penneo --sandbox` runs it: every step passes, every guess is reached and confirmed, what it created is deleted and
 * nothing else is touched; and only Penneo's sandbox hosts (or a loopback one) are accepted.
 */
import { main, runSuite } from '../../scripts/live/run';
import { penneoSuite } from '../../scripts/live/suites/penneo';
import { PENNEO_GUESSES } from '../../nodes/Penneo/transport/hosts';
import { emulatorState, startSandbox } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/server';
import type { PenneoState } from '../../sandbox/providers/penneo';

const KEYS = {
	ESIGN_LIVE_PENNEO_CLIENT_ID: 'id',
	ESIGN_LIVE_PENNEO_CLIENT_SECRET: 'secret',
	ESIGN_LIVE_PENNEO_API_KEY: 'key',
	ESIGN_LIVE_PENNEO_API_SECRET: 'api-secret',
};

describe('the Penneo live suite against our sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox(0);
	});
	afterAll(async () => {
		await sandbox?.stop();
	});

	test('every step passes, every guess is confirmed, its case files are deleted, nobody else’s is touched', async () => {
		const state = emulatorState<PenneoState>(sandbox, 'penneo');
		const someoneElses = state.materialize(
			{ payload: { caseFile: { title: 'Not ours', signers: [{ name: 'Ann Berg', email: 'ann@example.com' }], documents: [{ title: 'Lease', name: 'lease.pdf' }] } }, files: new Map() },
			Date.now(),
		);
		const result = await runSuite(penneoSuite, penneoSuite.sandboxEnv(sandbox), sandbox);
		expect(result.steps.filter((s) => s.outcome !== 'passed')).toEqual([]);
		expect(result.verdicts.map((v) => [v.guess.id, v.verdict])).toEqual(PENNEO_GUESSES.map((g) => [g.id, 'confirmed']));
		expect(result.cleanupFailures).toEqual([]);
		const created = [...state.caseFiles.values()].filter((cf) => cf.id !== someoneElses.id);
		expect(created.map((cf) => [cf.title.replace(/^live-contract-\w+ /, ''), cf.status])).toEqual([
			['contract', 3],
			['limits', 3],
		]);
		expect(state.caseFiles.get(someoneElses.id)?.status).toBe(1);
		// Only reads ever name a case file that is not the suite's.
		const touching = result.exchanges.filter((e) => e.path.includes(`/${someoneElses.id}`));
		expect(touching).toEqual([]);
		// The recorded exchanges carry no secret and no token.
		const text = JSON.stringify(result.exchanges);
		for (const secret of ['sandbox-client-secret', 'sandbox-api-key', 'sandbox-api-secret', ...state.tokens.keys()]) expect(text).not.toContain(secret);
	}, 120_000);
});

describe('only Penneo’s sandbox hosts', () => {
	const check = (urls: Record<string, string>) => () => penneoSuite.assertTestEnvironment({ ...KEYS, ...urls });

	test.each([
		[{}],
		[{ ESIGN_LIVE_PENNEO_APP_URL: 'https://sandbox.penneo.com/', ESIGN_LIVE_PENNEO_OAUTH_URL: 'https://sandbox.oauth.penneo.cloud' }],
		[{ ESIGN_LIVE_PENNEO_APP_URL: 'http://127.0.0.1:4010/penneo', ESIGN_LIVE_PENNEO_OAUTH_URL: 'http://localhost:4010/penneo-auth' }],
	])('accepted: %j', (urls) => {
		expect(check(urls)).not.toThrow();
	});

	test.each([
		[{ ESIGN_LIVE_PENNEO_APP_URL: 'https://app.penneo.com' }, /ESIGN_LIVE_PENNEO_APP_URL must be Penneo's sandbox/],
		[{ ESIGN_LIVE_PENNEO_OAUTH_URL: 'https://login.penneo.com' }, /ESIGN_LIVE_PENNEO_OAUTH_URL must be Penneo's sandbox/],
		[{ ESIGN_LIVE_PENNEO_APP_URL: 'http://sandbox.penneo.com' }, /APP_URL/],
		[{ ESIGN_LIVE_PENNEO_APP_URL: 'https://sandbox.penneo.com.example.net' }, /APP_URL/],
		[{ ESIGN_LIVE_PENNEO_OAUTH_URL: 'not a url' }, /OAUTH_URL/],
	])('refused before any request: %j', (urls, message) => {
		expect(check(urls)).toThrow(message);
	});

	test('the secrets are never printed, and the four keys are what a maintainer must set', () => {
		expect(penneoSuite.env.filter((v) => !v.optional).map((v) => [v.name, v.secret])).toEqual(Object.keys(KEYS).map((k) => [k, true]));
		let message = '';
		try {
			check({ ESIGN_LIVE_PENNEO_APP_URL: 'https://app.penneo.com' })();
		} catch (error) {
			message = (error as Error).message;
		}
		for (const value of Object.values(KEYS)) expect(message).not.toContain(value);
	});

	test('npm run test:live -- penneo with a production host: skipped with the reason, exit 1, nothing sent', async () => {
		const lines: string[] = [];
		const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
		const fetchSpy = jest.spyOn(globalThis, 'fetch');
		const code = await main(['penneo'], { ...KEYS, ESIGN_LIVE_PENNEO_APP_URL: 'https://app.penneo.com' });
		spy.mockRestore();
		expect(code).toBe(1);
		expect(lines).toEqual(["skip penneo: ESIGN_LIVE_PENNEO_APP_URL must be Penneo's sandbox (https://sandbox.penneo.com): https://app.penneo.com may be production"]);
		expect(fetchSpy).not.toHaveBeenCalled();
		fetchSpy.mockRestore();
	});
});
