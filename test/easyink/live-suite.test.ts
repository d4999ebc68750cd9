/**
 * EasyInk's live contract suite (scripts/live/suites/easyink.ts), run against our sandbox as `npm run test:live --
 * easyink --sandbox` runs it: every step passes, every guess is reached and confirmed, what it created is deleted or
 * voided and nothing else is touched; and only EasyInk's staging hosts (or a loopback one) are accepted.
 */
import { main, runSuite } from '../../scripts/live/run';
import { easyInkSuite } from '../../scripts/live/suites/easyink';
import { EASYINK_GUESSES } from '../../nodes/EasyInk/transport/paths';
import { emulatorState, startSandbox } from '../../sandbox/index';
import type { EasyInkState } from '../../sandbox/providers/easyink';
import type { Sandbox } from '../../sandbox/server';
import { control } from './env';

const TOKEN = { ESIGN_LIVE_EASYINK_TOKEN: 'staging-access-token' };

describe('the EasyInk live suite against our sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox(0);
	});
	afterAll(async () => {
		await sandbox?.stop();
	});

	test('every step passes, every guess is confirmed, its drafts are deleted and its running sessions voided, nobody else’s is touched', async () => {
		const state = emulatorState<EasyInkState>(sandbox, 'easyink');
		const people = [{ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' }];
		const running = await control(sandbox, '/sessions', { status: 'Pending', subject: 'Not ours (running)', participants: people });
		const draft = await control(sandbox, '/sessions', { status: 'Draft', subject: 'Not ours (draft)', participants: people });
		const result = await runSuite(easyInkSuite, easyInkSuite.sandboxEnv(sandbox), sandbox);
		expect(result.steps.filter((s) => s.outcome !== 'passed')).toEqual([]);
		expect(result.verdicts.map((v) => [v.guess.id, v.verdict])).toEqual(EASYINK_GUESSES.map((g) => [g.id, 'confirmed']));
		expect(result.cleanupFailures).toEqual([]);
		const ours = [...state.sessions.values()].filter((s) => /^live-contract-/.test(String(s.subject)));
		// Recreate voided the step-by-step session; its new draft was deleted. The declined duplicate cannot be removed.
		expect(ours.map((s) => [String(s.subject).replace(/^live-contract-\w+ /, ''), s.status]).sort()).toEqual(
			[
				['step by step (updated)', 'Voided'],
				['create and send', 'Finished'],
				['duplicate', 'Declined'],
			].sort(),
		);
		expect(state.sessions.get(running.signingSessionId)?.status).toBe('Pending');
		expect(state.sessions.get(draft.signingSessionId)?.status).toBe('Draft');
		// Sessions that are not the suite's are only read (the trigger's Participant Signed reads every running one).
		const touching = result.exchanges.filter((e) => e.path.includes(running.signingSessionId) || e.path.includes(draft.signingSessionId));
		expect(touching.map((e) => `${e.method} ${e.path}`)).toEqual(touching.map(() => `GET /api/signingSessions/${running.signingSessionId}`));
		expect(touching.length).toBeGreaterThan(0);
		// The recorded exchanges carry no secret and no token.
		const text = JSON.stringify(result.exchanges);
		for (const secret of ['easyink-sandbox-secret', ...state.accessTokens.keys(), ...state.refreshTokens.keys()]) expect(text).not.toContain(secret);
	}, 180_000);
});

describe('only EasyInk’s staging hosts', () => {
	const check = (vars: Record<string, string>) => () => easyInkSuite.assertTestEnvironment({ ...TOKEN, ...vars });

	test.each([
		[{}],
		[{ ESIGN_LIVE_EASYINK_API_URL: 'https://api-staging.easyink.io/', ESIGN_LIVE_EASYINK_IDENTITY_URL: 'https://identity-staging.easyink.io' }],
		[{ ESIGN_LIVE_EASYINK_API_URL: 'http://127.0.0.1:4010/easyink', ESIGN_LIVE_EASYINK_IDENTITY_URL: 'http://localhost:4010/easyink-identity' }],
		[{ ESIGN_LIVE_EASYINK_TOKEN: '{"access_token":"a.b.c","token_type":"Bearer","expires_in":3600}' }],
	])('accepted: %j', (vars) => {
		expect(check(vars)).not.toThrow();
	});

	test.each([
		[{ ESIGN_LIVE_EASYINK_API_URL: 'https://api.easyink.io' }, /ESIGN_LIVE_EASYINK_API_URL must be EasyInk's staging/],
		[{ ESIGN_LIVE_EASYINK_IDENTITY_URL: 'https://identity.easyink.io' }, /ESIGN_LIVE_EASYINK_IDENTITY_URL must be EasyInk's staging/],
		[{ ESIGN_LIVE_EASYINK_API_URL: 'http://api-staging.easyink.io' }, /API_URL/],
		[{ ESIGN_LIVE_EASYINK_API_URL: 'https://api-staging.easyink.io.example.net' }, /API_URL/],
		[{ ESIGN_LIVE_EASYINK_TOKEN: '{"token_type":"Bearer"}' }, /has no access token/],
		[{ ESIGN_LIVE_EASYINK_TOKEN: '{not json' }, /is not JSON/],
	])('refused before any request: %j', (vars, message) => {
		expect(check(vars)).toThrow(message);
	});

	test('the token is the one variable a maintainer must set; it is never printed', () => {
		expect(easyInkSuite.env.filter((v) => !v.optional).map((v) => [v.name, v.secret])).toEqual([['ESIGN_LIVE_EASYINK_TOKEN', true]]);
		let message = '';
		try {
			check({ ESIGN_LIVE_EASYINK_API_URL: 'https://api.easyink.io' })();
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).not.toContain(TOKEN.ESIGN_LIVE_EASYINK_TOKEN);
	});

	test('npm run test:live -- easyink with a production host: skipped with the reason, exit 1, nothing sent', async () => {
		const lines: string[] = [];
		const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
		const fetchSpy = jest.spyOn(globalThis, 'fetch');
		const code = await main(['easyink'], { ...TOKEN, ESIGN_LIVE_EASYINK_API_URL: 'https://api.easyink.io' });
		spy.mockRestore();
		expect(code).toBe(1);
		expect(lines).toEqual(["skip easyink: ESIGN_LIVE_EASYINK_API_URL must be EasyInk's staging (https://api-staging.easyink.io): https://api.easyink.io may be production"]);
		expect(fetchSpy).not.toHaveBeenCalled();
		fetchSpy.mockRestore();
	});
});
