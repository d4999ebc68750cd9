/**
 * `npm run test:live -- [provider…] [--sandbox] [--out FILE]`
 * Without `--sandbox`: each named provider (default: all) whose environment variables are set runs its suite against
 * the provider's test environment; the others are skipped with one line saying what to set. Writes the verdicts to
 * LIVE-CONTRACT.md and the masked answers to test/live-fixtures/<provider>.json.
 * With `--sandbox`: the same suites against our sandbox; every step must pass and every guess must be reached, and
 * the answers are compared (shape only) with the recorded live fixtures where there are some.
 */
import type { IDataObject, INodeExecutionData, INodeType, IVersionedNodeType } from 'n8n-workflow';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { Engine, TriggerRunner } from '../../sandbox/engine';
import { startSandbox } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/server';
import { makePdf } from '../../sandbox/server';
import type { Env, LiveContext, LiveSuite, StepResult, SuiteResult, Verdict } from './framework';
import { packageNode } from './framework';
import { RecordingProxy } from './proxy';
import { SUITES } from './suites';

/** The project root, whether this runs compiled (dist-dev/scripts/live) or from source (scripts/live). */
const ROOT = path.resolve(__dirname, __dirname.split(path.sep).includes('dist-dev') ? '../../..' : '../..');

class Skip extends Error {}

function latestVersion(engine: Engine, type: string): number {
	const nodeType = engine.nodeTypes.getByName(`n8n-nodes-esign.${type}`) as INodeType | IVersionedNodeType;
	const description = nodeType.description as { defaultVersion?: number; version?: number | number[] };
	if (description.defaultVersion) return description.defaultVersion;
	return Array.isArray(description.version) ? Math.max(...description.version) : (description.version ?? 1);
}

/** Runs one suite; never throws for a provider's answer (that is a result), only for our own bugs. */
export async function runSuite(suite: LiveSuite, env: Env, sandbox?: Sandbox): Promise<SuiteResult> {
	const secrets = suite.env.filter((v) => v.secret).map((v) => env[v.name]).filter((v): v is string => !!v);
	const proxy = new RecordingProxy(suite.upstreams(env), secrets);
	await proxy.start();
	const credentials = suite.credentials(env, (prefix) => proxy.url(prefix));
	const engine = new Engine({ packageDir: ROOT, credentials });
	await engine.load();
	const credentialIds = Object.fromEntries(Object.keys(credentials).map((type) => [type, `live-${type}`]));
	const verdicts = new Map<string, { verdict: Verdict; evidence: string }>();
	const cleanups: Array<{ what: string; id: string; cleanup: () => Promise<void> }> = [];
	const known = new Set(suite.guesses.map((g) => g.id));
	const judge = (guessId: string, verdict: Verdict, evidence: string) => {
		if (!known.has(guessId)) throw new Error(`${suite.provider}: no guess with id ${guessId}`);
		// A refutation is never overwritten by a later confirmation of the same guess.
		if (verdicts.get(guessId)?.verdict === 'refuted' && verdict !== 'refuted') return;
		verdicts.set(guessId, { verdict, evidence });
	};
	const ctx: LiveContext = {
		engine,
		exchanges: proxy.exchanges,
		sandbox: !!sandbox,
		sandboxServer: sandbox,
		env,
		async runNode(type, parameters, input) {
			const node = { ...packageNode(type, parameters, credentialIds), typeVersion: latestVersion(engine, type) };
			const result = await engine.run({ nodes: [node], connections: {} }, input ?? [{ json: {} }]);
			const error = result.error();
			if (error) throw error;
			return result.output(node.name);
		},
		testCredential: (type) => engine.testCredential(type),
		trigger(type, parameters) {
			const node = { ...packageNode(type, parameters, credentialIds, 'Trigger'), typeVersion: latestVersion(engine, type) };
			return new TriggerRunner(engine, node);
		},
		created(what, id, cleanup) {
			cleanups.push({ what, id, cleanup });
		},
		judge,
		judgePath(guessId, method, pathPattern) {
			const used = proxy.exchanges.filter((e) => e.method === method && pathPattern.test(e.path));
			if (!used.length) return;
			const ok = used.find((e) => e.status >= 200 && e.status < 300);
			const wrong = used.find((e) => e.status === 404 || e.status === 405 || e.status === 501);
			if (ok) judge(guessId, 'confirmed', `${method} ${ok.path} → ${ok.status}`);
			else if (wrong) judge(guessId, 'refuted', `${method} ${wrong.path} → ${wrong.status} ${JSON.stringify(wrong.responseBody ?? '').slice(0, 200)}`);
		},
		skip(reason) {
			throw new Skip(reason);
		},
		pdf(name = 'live-contract.pdf') {
			const content = makePdf('n8n-nodes-esign live contract check');
			return {
				json: {},
				binary: { data: { data: content.toString('base64'), mimeType: 'application/pdf', fileName: name, fileExtension: 'pdf', fileSize: String(content.length) } },
			} as INodeExecutionData;
		},
	};
	const steps: StepResult[] = [];
	const cleanupFailures: string[] = [];
	try {
		for (const step of suite.steps) {
			try {
				await step.run(ctx);
				steps.push({ name: step.name, outcome: 'passed' });
			} catch (error) {
				if (error instanceof Skip) steps.push({ name: step.name, outcome: 'skipped', detail: error.message });
				else {
					const e = error as Error & { description?: string };
					steps.push({ name: step.name, outcome: 'failed', detail: [e.message, e.description].filter(Boolean).join(' — ') });
				}
			}
		}
	} finally {
		for (const c of [...cleanups].reverse()) {
			try {
				await c.cleanup();
			} catch (error) {
				cleanupFailures.push(`${c.what} ${c.id}: ${(error as Error).message}`);
			}
		}
		await proxy.stop();
	}
	return {
		provider: suite.provider,
		displayName: suite.displayName,
		environment: sandbox ? `our sandbox (${sandbox.origin})` : suite.describeEnvironment(env),
		steps,
		verdicts: suite.guesses.map((guess) => ({ guess, ...(verdicts.get(guess.id) ?? { verdict: 'not reached' as Verdict, evidence: '' }) })),
		cleanupFailures,
		exchanges: proxy.exchanges,
	};
}

function missingEnv(suite: LiveSuite, env: Env): string[] {
	return suite.env.filter((v) => !v.optional && !env[v.name]).map((v) => v.name);
}

export function reportSection(r: SuiteResult): string {
	const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
	const lines = [
		`## ${r.displayName}`,
		'',
		`Environment: ${r.environment}`,
		'',
		'| Step | Outcome | Detail |',
		'| --- | --- | --- |',
		...r.steps.map((s) => `| ${esc(s.name)} | ${s.outcome} | ${esc(s.detail ?? '')} |`),
		'',
		'| Guess | What we assume | Verdict | What the API answered |',
		'| --- | --- | --- | --- |',
		...r.verdicts.map((v) => `| \`${v.guess.id}\` | ${esc(v.guess.what)} | **${v.verdict}** | ${esc(v.evidence)} |`),
	];
	if (r.cleanupFailures.length) lines.push('', 'Left behind (cleanup failed — remove by hand):', ...r.cleanupFailures.map((c) => `- ${c}`));
	return lines.join('\n');
}

/** Replaces the sections of the providers that ran, keeps the others. */
function writeReport(file: string, results: SuiteResult[], date: string) {
	const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
	const sections = new Map<string, string>();
	for (const part of previous.split(/^(?=## )/m).slice(1)) sections.set(part.split('\n')[0].slice(3).trim(), part.trimEnd());
	for (const r of results) sections.set(r.displayName, `${reportSection(r)}\n\nRun: ${date}`);
	const header = [
		'# Live contract checks',
		'',
		'Written by `npm run test:live` against the providers\' **test** environments (see README, "Live contract checks").',
		'Each guess our code makes (`<PROVIDER>_GUESSES`) is **confirmed**, **refuted** (with what the API answered) or',
		'**not reached**. The masked answers are in `test/live-fixtures/`. Sections of providers not run are kept as they were.',
		'',
	].join('\n');
	writeFileSync(file, `${header}\n${[...sections.values()].join('\n\n')}\n`);
}

/** Keys of JSON bodies (two levels), for comparing the sandbox's answers with the recorded live ones. */
function shape(value: unknown, depth = 0): string[] {
	if (!value || typeof value !== 'object' || depth > 1) return [];
	const obj = Array.isArray(value) ? value[0] : value;
	if (!obj || typeof obj !== 'object') return [];
	return Object.entries(obj as IDataObject).flatMap(([k, v]) => [k, ...shape(v, depth + 1).map((s) => `${k}.${s}`)]);
}

function compareWithFixtures(r: SuiteResult): string[] {
	const file = path.join(ROOT, 'test', 'live-fixtures', `${r.provider}.json`);
	if (!existsSync(file)) return [];
	const live = JSON.parse(readFileSync(file, 'utf8')) as { exchanges: SuiteResult['exchanges'] };
	const notes: string[] = [];
	const norm = (p: string) => p.replace(/[0-9a-f]{8}-[0-9a-f-]{27}|[A-Za-z0-9_-]{16,}|\d+/g, '{id}');
	for (const l of live.exchanges) {
		const s = r.exchanges.find((e) => e.method === l.method && norm(e.path) === norm(l.path) && Math.floor(e.status / 100) === Math.floor(l.status / 100));
		if (!s) continue;
		const a = new Set(shape(l.responseBody));
		const b = new Set(shape(s.responseBody));
		const onlyLive = [...a].filter((k) => !b.has(k));
		const onlySandbox = [...b].filter((k) => !a.has(k));
		if (onlyLive.length || onlySandbox.length) {
			notes.push(`${l.method} ${norm(l.path)}: live only [${onlyLive.join(', ')}], sandbox only [${onlySandbox.join(', ')}]`);
		}
	}
	return notes;
}

export async function main(argv = process.argv.slice(2), env: Env = process.env): Promise<number> {
	const useSandbox = argv.includes('--sandbox');
	const outIdx = argv.indexOf('--out');
	const names = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--out');
	const unknown = names.filter((n) => !SUITES.some((s) => s.provider === n));
	if (unknown.length) {
		console.error(`Unknown provider(s): ${unknown.join(', ')}. Known: ${SUITES.map((s) => s.provider).join(', ')}`);
		return 2;
	}
	const suites = names.length ? SUITES.filter((s) => names.includes(s.provider)) : SUITES;
	const date = new Date().toISOString();
	const results: SuiteResult[] = [];
	let failed = false;
	const sandbox = useSandbox ? await startSandbox(0) : undefined;
	try {
		for (const suite of suites) {
			let suiteEnv: Env = env;
			if (sandbox) {
				sandbox.reset();
				suiteEnv = suite.sandboxEnv(sandbox);
			} else {
				const missing = missingEnv(suite, env);
				if (missing.length) {
					console.log(`skip ${suite.provider}: no test credentials (set ${missing.join(', ')})`);
					continue;
				}
				try {
					suite.assertTestEnvironment(env);
				} catch (error) {
					console.log(`skip ${suite.provider}: ${(error as Error).message}`);
					failed = true;
					continue;
				}
			}
			const result = await runSuite(suite, suiteEnv, sandbox);
			results.push(result);
			console.log(reportSection(result));
			const stepFailed = result.steps.some((s) => s.outcome === 'failed');
			const unreached = result.verdicts.filter((v) => v.verdict !== 'confirmed');
			if (stepFailed || result.cleanupFailures.length) failed = true;
			if (sandbox && unreached.length) {
				console.log(`${suite.provider}: against the sandbox every guess must be reached and confirmed: ${unreached.map((v) => `${v.guess.id} (${v.verdict})`).join(', ')}`);
				failed = true;
			}
			if (sandbox) for (const note of compareWithFixtures(result)) console.log(`shape differs from the live answer: ${note}`);
			console.log('');
		}
	} finally {
		await sandbox?.stop();
	}
	if (results.length && !sandbox) {
		const out = outIdx >= 0 ? argv[outIdx + 1] : path.join(ROOT, 'LIVE-CONTRACT.md');
		writeReport(out, results, date);
		mkdirSync(path.join(ROOT, 'test', 'live-fixtures'), { recursive: true });
		for (const r of results) {
			writeFileSync(path.join(ROOT, 'test', 'live-fixtures', `${r.provider}.json`), JSON.stringify({ provider: r.provider, environment: r.environment, date, exchanges: r.exchanges }, null, 2) + '\n');
		}
		console.log(`Written: ${path.relative(ROOT, out)} and test/live-fixtures/`);
	} else if (results.length && outIdx >= 0) {
		writeReport(argv[outIdx + 1], results, date);
	}
	return failed ? 1 : 0;
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
