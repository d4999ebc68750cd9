/**
 * Optimaite's live contract suite (scripts/live/suites/optimaite.ts), run against our sandbox as `npm run test:live --
 * optimaite --sandbox` runs it: every step passes, every guess is reached and confirmed (the roles after the suite
 * switches them on in our strict sandbox), the documents it uploaded (and the signed copies its signing made) are
 * deleted and nobody else's record is touched; and only `opt_test_…` keys.
 */
import { OPTIMAITE_GUESSES } from '../../nodes/Optimaite/transport';
import { main, runSuite } from '../../scripts/live/run';
import { optimaiteSuite } from '../../scripts/live/suites/optimaite';
import { emulatorState, startSandbox } from '../../sandbox/index';
import type { OptimaiteState } from '../../sandbox/providers/optimaite';
import { makePdf } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';

const CASE = '550e8400-e29b-41d4-a716-446655440000';
const OTHER_CASE = '7d3f1c2a-9b8e-4c6d-a5f4-3e2d1c0b9a87';

describe('the Optimaite live suite against our sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox(0);
	});
	afterAll(async () => {
		await sandbox?.stop();
	});

	test('every step passes, every guess is judged, its documents are deleted, nobody else’s is touched', async () => {
		const state = emulatorState<OptimaiteState>(sandbox, 'optimaite');
		const before = Date.now() - 3_600_000;
		const someoneElses = state.storeDocument(CASE, 'not-ours.pdf', 'application/pdf', makePdf('not ours'), before);
		const elsewhere = state.storeDocument(OTHER_CASE, 'elsewhere.pdf', 'application/pdf', makePdf('elsewhere'), before);
		const theirEnvelope = state.createEnvelope({ caseId: CASE, title: 'Not ours', documentIds: [someoneElses.id], signers: [{ name: 'Ann', email: 'ann@example.com' }] }, before);

		const result = await runSuite(optimaiteSuite, optimaiteSuite.sandboxEnv(sandbox), sandbox);
		expect(result.steps.filter((s) => s.outcome !== 'passed')).toEqual([]);
		expect(result.verdicts.map((v) => [v.guess.id, v.verdict])).toEqual(OPTIMAITE_GUESSES.map((g) => [g.id, 'confirmed']));
		expect(result.cleanupFailures).toEqual([]);

		// Only the documents that were there before are left; the suite's envelopes stay (the API cannot delete them), unsent.
		expect([...state.documents.keys()].sort()).toEqual([someoneElses.id, elsewhere.id].sort());
		const ours = [...state.envelopes.values()].filter((e) => e.id !== theirEnvelope.id);
		expect(ours.map((e) => [e.title.replace(/^live-contract-\w+ /, '').slice(0, 8), e.status, e.send_emails])).toEqual([
			['contract', 'completed', false],
			['parallel', 'sent', false],
			['roles', 'sent', false],
			['draft', 'draft', expect.anything()],
		]);
		expect(ours.flatMap((e) => e.signers.map((s) => s.email)).every((email) => email.startsWith('live-contract-') && email.endsWith('@example.com'))).toBe(true);
		expect(state.envelopes.get(theirEnvelope.id)?.status).toBe('sent');
		// Only lists name what is not the suite's.
		const touching = result.exchanges.filter((e) => [someoneElses.id, elsewhere.id, theirEnvelope.id, OTHER_CASE].some((id) => e.path.includes(id)));
		expect(touching).toEqual([]);
		expect(JSON.stringify(result.exchanges)).not.toContain('opt_test_sandbox');
	}, 120_000);
});

describe('only test keys, and the case the maintainer names', () => {
	const env = { ESIGN_LIVE_OPTIMAITE_API_KEY: 'opt_test_abc', ESIGN_LIVE_OPTIMAITE_CASE_ID: CASE };
	const check = (over: Record<string, string>) => () => optimaiteSuite.assertTestEnvironment({ ...env, ...over });

	test.each([[{}], [{ ESIGN_LIVE_OPTIMAITE_BASE_URL: 'https://api.optimaite.eu/api/v1' }], [{ ESIGN_LIVE_OPTIMAITE_BASE_URL: 'http://127.0.0.1:4010/optimaite/api/v1' }]])(
		'accepted: %j',
		(over) => {
			expect(check(over)).not.toThrow();
		},
	);

	test.each([
		[{ ESIGN_LIVE_OPTIMAITE_API_KEY: 'opt_live_abc' }, /must be a test key/],
		[{ ESIGN_LIVE_OPTIMAITE_API_KEY: 'abc' }, /must be a test key/],
		[{ ESIGN_LIVE_OPTIMAITE_CASE_ID: 'all' }, /ESIGN_LIVE_OPTIMAITE_CASE_ID must be the UUID/],
		[{ ESIGN_LIVE_OPTIMAITE_BASE_URL: 'http://api.optimaite.eu/api/v1' }, /must be https/],
	])('refused before any request: %j', (over, message) => {
		expect(check(over)).toThrow(message);
	});

	test('npm run test:live -- optimaite with a live key: skipped with the reason, exit 1, nothing sent, the key not printed', async () => {
		const lines: string[] = [];
		const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
		const fetchSpy = jest.spyOn(globalThis, 'fetch');
		const code = await main(['optimaite'], { ...env, ESIGN_LIVE_OPTIMAITE_API_KEY: 'opt_live_realkey' });
		spy.mockRestore();
		expect(code).toBe(1);
		expect(lines).toEqual(['skip optimaite: ESIGN_LIVE_OPTIMAITE_API_KEY must be a test key (opt_test_…): a live key would act on real data']);
		expect(fetchSpy).not.toHaveBeenCalled();
		fetchSpy.mockRestore();
	});
});
