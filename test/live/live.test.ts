/**
 * The live contract checks are themselves tested: against our sandbox every suite passes and reaches every guess;
 * without credentials each provider is skipped with one line naming what to set (and nothing is written).
 */
import { main } from '../../scripts/live/run';
import { SUITES } from '../../scripts/live/suites';

function capture() {
	const lines: string[] = [];
	const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
	return { lines, restore: () => spy.mockRestore() };
}

describe('npm run test:live', () => {
	test('without credentials: one skip line per provider, exit 0', async () => {
		const out = capture();
		const code = await main([], {});
		out.restore();
		expect(code).toBe(0);
		expect(out.lines.filter((l) => l.startsWith('skip '))).toEqual(
			SUITES.map((s) => `skip ${s.provider}: no test credentials (set ${s.env.filter((v) => !v.optional).map((v) => v.name).join(', ')})`),
		);
	});

	test('production-looking credentials are refused before any request', async () => {
		const out = capture();
		const code = await main(['optimaite'], { ESIGN_LIVE_OPTIMAITE_API_KEY: 'opt_live_realkey', ESIGN_LIVE_OPTIMAITE_CASE_ID: '550e8400-e29b-41d4-a716-446655440000' });
		out.restore();
		expect(code).toBe(1);
		expect(out.lines.join('\n')).toMatch(/skip optimaite: .*must be a test key/);
		expect(out.lines.join('\n')).not.toContain('opt_live_realkey');
	});

	test('--sandbox: every suite passes, every guess is reached', async () => {
		const out = capture();
		const code = await main(['--sandbox'], {});
		out.restore();
		expect(out.lines.join('\n')).not.toMatch(/\| failed \|/);
		expect(code).toBe(0);
		for (const suite of SUITES) expect(out.lines.join('\n')).toContain(`## ${suite.displayName}`);
	});

	test('an unknown provider is named', async () => {
		const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
		expect(await main(['docusign'], {})).toBe(2);
		expect(err.mock.calls[0][0]).toMatch(/Unknown provider\(s\): docusign/);
		err.mockRestore();
	});
});
