/**
 * The main job (`npm start`) as a user runs it: the compiled script in a child process (`npm test` builds first).
 * Every provider's story must end with its completed event fired once and the signed PDF downloaded; a failure
 * must exit non-zero and say which provider and step failed.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

import { ADAPTERS } from '../nodes/ESignature/adapters';
import { PACKAGE_DIR } from './helpers';

const SCRIPT = path.join(PACKAGE_DIR, 'dist-dev', 'scripts', 'main-job.js');

function runMainJob(args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(process.execPath, [SCRIPT, ...args], { cwd: PACKAGE_DIR, timeout: 90_000 }, (error, stdout, stderr) => {
			resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
		});
	});
}

/** The output of one provider's section (from its header to the next one). */
function section(stdout: string, provider: string): string {
	const start = stdout.indexOf(`━━━ ${provider} ━━━`);
	if (start < 0) throw new Error(`no section for ${provider} in:\n${stdout}`);
	const end = stdout.indexOf('━━━', start + provider.length + 8);
	return stdout.slice(start, end < 0 ? undefined : end);
}

const PROVIDERS = [
	{ provider: 'Optimaite', event: 'envelope.completed', trigger: 'Envelope Completed', binary: 'data' },
	{ provider: 'NextSign', event: 'case_signed', trigger: 'Case Signed', binary: 'signed' },
	{ provider: 'Signicat', event: 'session.signed', trigger: 'Session Signed', binary: 'data' },
	{ provider: 'Penneo', event: 'caseFile.completed', trigger: 'Case File Completed', binary: 'signed' },
	{ provider: 'EasyInk', event: 'session.finished', trigger: 'Session Finished', binary: 'signed' },
];

describe('main job (npm start)', () => {
	let result: Awaited<ReturnType<typeof runMainJob>>;
	beforeAll(async () => {
		result = await runMainJob();
	}, 120_000);

	test('exits 0 with nothing on stderr', () => {
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
	});

	test.each(PROVIDERS)('$provider: both example workflows, the completed event once, the signed PDF as binary data', ({ provider, event, trigger, binary }) => {
		const out = section(result.stdout, provider);
		const key = provider.toLowerCase();
		expect(out).toContain(`examples/${key}-send-for-signature.json + examples/${key}-file-signed-document.json`);
		expect(out).toMatch(new RegExp(`\\[1\\] Activate the "${trigger}" trigger.*\\n\\s+fired: nothing`));
		expect(out).toMatch(/\[3\] Poll: nothing signed yet\n\s+fired: nothing/);
		expect(out).toMatch(new RegExp(`POST /_control/${key}/\\S+/sign `));
		expect(out).toContain(`[5] Poll: the trigger fires "${event}" once`);
		expect(out).toMatch(new RegExp(`\\n\\s+"${event.replace('.', '\\.')}" for `));
		expect(out).toContain('next poll fired: nothing (no duplicates)');
		expect(out).toMatch(new RegExp(`binary "${binary}": [^\\n]+\\.pdf \\(application/pdf, \\d+ bytes, starts with %PDF-\\)`));
		expect(out).toMatch(new RegExp(`\\[7\\] \\d+ requests reached the ${provider} sandbox`));
		expect(result.stdout).toMatch(new RegExp(`\\n  OK     ${provider} +${event.replace('.', '\\.')} fired once for \\S+; signed PDF .+\\.pdf \\(\\d+ bytes\\)`));
	});

	test.each(ADAPTERS.map((a) => a.displayName))('E-Signature (%s): the neutral examples, changed only in provider and credential, complete once and download the signed PDF', (name) => {
		const start = result.stdout.indexOf('━━━ E-Signature: one workflow, every provider ━━━');
		expect(start).toBeGreaterThan(result.stdout.indexOf('━━━ EasyInk ━━━'));
		const out = result.stdout.slice(start, result.stdout.indexOf('━━━ Summary'));
		const mine = out.slice(out.indexOf(`E-Signature with ${name} (`));
		expect(mine).toMatch(/^E-Signature with \S+ \("Provider" = [a-z]+, credential \w+\)\n\s+trigger activated: fired nothing\n\s+sent: envelope \S+ is [a-z_]+; signers: john\.smith@example\.com \(pending\)\n/);
		expect(mine).toMatch(/\n\s+POST \/_control\/\S+\/sign  john\.smith@example\.com signed\n\s+trigger fired "completed" once for \S+; next poll fired nothing\n\s+downloaded: .+\.pdf \(application\/pdf, \d+ bytes, starts with %PDF-\)/);
		expect(result.stdout).toMatch(new RegExp(`\\n  OK     E-Signature \\(${name}\\) completed fired once for \\S+; signed PDF .+\\.pdf \\(\\d+ bytes\\); \\d+ requests`));
	});

	test('Penneo’s Wait for Completion really waits its 5-second minimum before checking the job', () => {
		const seconds = Number(/━━━ Summary \(([\d.]+) s\) ━━━/.exec(result.stdout)?.[1]);
		expect(seconds).toBeGreaterThan(5);
	});
});

describe('main job failures', () => {
	test('a provider error stops that provider, names the step and the provider, and exits 1', async () => {
		const fault = { prefix: 'signicat', method: 'POST', path: '/sign/signing-sessions', status: 500 };
		const { code, stdout, stderr } = await runMainJob(['signicat', '--fault', JSON.stringify(fault)]);
		expect(code).toBe(1);
		expect(stdout).not.toContain('━━━ Optimaite ━━━');
		expect(stdout).toContain('FAILED Signicat   step 2 failed: Signicat answered 500 to POST /signicat/sign/signing-sessions');
		expect(stderr).toContain('FAILED at step 2 (Run "Signicat: send a contract for signing"');
		expect(stderr).toContain('may still have been applied, so it was not sent again');
		expect(stderr).toMatch(/MAIN JOB FAILED: Signicat \(see above\)\n$/);
	}, 60_000);

	test('an unknown provider name is refused with the list to choose from', async () => {
		const { code, stderr } = await runMainJob(['docusign']);
		expect(code).toBe(1);
		expect(stderr).toBe('\nMAIN JOB FAILED: unknown provider docusign; choose from optimaite, nextsign, signicat, penneo, easyink\n');
	});
});
