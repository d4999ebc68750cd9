/**
 * NextSign's live contract suite (scripts/live/suites/nextsign.ts), run against our sandbox as `npm run test:live --
 * nextsign --sandbox` runs it: every step passes, every guess is reached and confirmed, what it created is deleted and
 * nothing else is touched; and only NextSign's test environment (or a loopback host) is accepted.
 */
import { NEXTSIGN_GUESSES } from '../../nodes/NextSign/transport';
import { main, runSuite } from '../../scripts/live/run';
import { nextSignSuite } from '../../scripts/live/suites/nextsign';
import { emulatorState, startSandbox } from '../../sandbox/index';
import type { NextSignState } from '../../sandbox/providers/nextsign';
import type { Sandbox } from '../../sandbox/server';

const KEYS = { ESIGN_LIVE_NEXTSIGN_API_KEY: 'ns_live_secret_key', ESIGN_LIVE_NEXTSIGN_COMPANY_ID: 'acme-company' };

describe('the NextSign live suite against our sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox(0);
	});
	afterAll(async () => {
		await sandbox?.stop();
	});

	test('every step passes, every guess is confirmed, its cases are deleted, nobody else’s is touched', async () => {
		const state = emulatorState<NextSignState>(sandbox, 'nextsign');
		const someoneElses = state.seed('acme-company', 'Not ours', Date.now() - 60_000);
		const result = await runSuite(nextSignSuite, nextSignSuite.sandboxEnv(sandbox), sandbox);
		expect(result.steps.filter((s) => s.outcome !== 'passed')).toEqual([]);
		expect(result.verdicts.map((v) => [v.guess.id, v.verdict])).toEqual(NEXTSIGN_GUESSES.map((g) => [g.id, 'confirmed']));
		expect(result.cleanupFailures).toEqual([]);
		expect([...state.cases.keys()]).toEqual([String(someoneElses._id)]);
		expect(result.exchanges.filter((e) => e.path.includes(String(someoneElses._id)))).toEqual([]);
		// The recorded exchanges carry no API key.
		expect(JSON.stringify(result.exchanges)).not.toContain('ns_test_key');
	}, 120_000);
});

describe('only NextSign’s test environment', () => {
	const check = (urls: Record<string, string>) => () => nextSignSuite.assertTestEnvironment({ ...KEYS, ...urls });

	test.each([
		[{}],
		[{ ESIGN_LIVE_NEXTSIGN_CASE_URL: 'https://test.nextsign.dk/', ESIGN_LIVE_NEXTSIGN_FILE_URL: 'https://files.test.example.net' }],
		[{ ESIGN_LIVE_NEXTSIGN_CASE_URL: 'http://127.0.0.1:4010/nextsign', ESIGN_LIVE_NEXTSIGN_FILE_URL: 'http://localhost:4010/nextsign-files' }],
	])('accepted: %j', (urls) => {
		expect(check(urls)).not.toThrow();
	});

	test.each([
		[{ ESIGN_LIVE_NEXTSIGN_CASE_URL: 'https://www.nextsign.dk' }, /ESIGN_LIVE_NEXTSIGN_CASE_URL must be NextSign's test environment/],
		[{ ESIGN_LIVE_NEXTSIGN_CASE_URL: 'http://test.nextsign.dk' }, /CASE_URL/],
		[{ ESIGN_LIVE_NEXTSIGN_CASE_URL: 'https://test.nextsign.dk.example.net' }, /CASE_URL/],
		[{ ESIGN_LIVE_NEXTSIGN_FILE_URL: 'https://api.nextsign.dk' }, /ESIGN_LIVE_NEXTSIGN_FILE_URL must be NextSign's test file host/],
		[{ ESIGN_LIVE_NEXTSIGN_FILE_URL: 'not a url' }, /FILE_URL/],
		[{ ESIGN_LIVE_NEXTSIGN_COMPANY_ID: ' ' }, /COMPANY_ID is empty/],
	])('refused before any request: %j', (urls, message) => {
		expect(check(urls)).toThrow(message);
	});

	test('npm run test:live -- nextsign with a production host: skipped with the reason, exit 1, nothing sent, the key never printed', async () => {
		const lines: string[] = [];
		const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
		const fetchSpy = jest.spyOn(globalThis, 'fetch');
		const code = await main(['nextsign'], { ...KEYS, ESIGN_LIVE_NEXTSIGN_CASE_URL: 'https://www.nextsign.dk' });
		spy.mockRestore();
		expect(code).toBe(1);
		expect(lines).toEqual(["skip nextsign: ESIGN_LIVE_NEXTSIGN_CASE_URL must be NextSign's test environment (https://test.nextsign.dk): https://www.nextsign.dk may be production"]);
		expect(lines.join('\n')).not.toContain('ns_live_secret_key');
		expect(fetchSpy).not.toHaveBeenCalled();
		fetchSpy.mockRestore();
	});
});
