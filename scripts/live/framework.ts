/**
 * The live contract checks (`npm run test:live -- <provider> [--sandbox]`): one short, safe suite per provider that runs
 * our real nodes in n8n's engine against the provider's **test** environment (credentials from environment variables,
 * read here, never by node code), judges each of the provider's guesses (`<PROVIDER>_GUESSES`) from what the provider
 * answered, and cleans up everything it created. The same suite runs against our sandbox in CI (`--sandbox`).
 */
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import type { Guess } from '../../nodes/shared/guesses';
import type { Engine, TriggerRunner } from '../../sandbox/engine';
import type { Sandbox } from '../../sandbox/server';
import type { Exchange } from './proxy';

export type Verdict = 'confirmed' | 'refuted' | 'not reached';

export interface EnvVar {
	name: string;
	what: string;
	/** Never printed or written (API keys, secrets, tokens). */
	secret?: boolean;
	/** The suite runs without it (a default applies). */
	optional?: boolean;
}

export type Env = Record<string, string | undefined>;

export interface LiveContext {
	readonly engine: Engine;
	/** Every request our nodes made and what came back (masked), oldest first. */
	readonly exchanges: readonly Exchange[];
	/** `true` against our sandbox. */
	readonly sandbox: boolean;
	readonly env: Env;
	/** Runs one node of this package (type without the package prefix) on `input` items; throws the node's error. */
	runNode(type: string, parameters: IDataObject, input?: INodeExecutionData[]): Promise<INodeExecutionData[]>;
	/** The credential's "Test" button. */
	testCredential(type: string): Promise<{ status: 'OK' | 'Error'; message: string }>;
	/** A trigger of this package, polled as n8n polls. */
	trigger(type: string, parameters: IDataObject): TriggerRunner;
	/** Remembers something the suite created and how to remove it; cleanup runs in reverse order at the end. */
	created(what: string, id: string, cleanup: () => Promise<void>): void;
	/** A verdict on a guess, with what the provider answered. */
	judge(guessId: string, verdict: Verdict, evidence: string): void;
	/** Judges a guessed path by the exchanges that used it: 2xx confirms, 404/405 (or 400 naming the route) refutes. */
	judgePath(guessId: string, method: string, path: RegExp): void;
	/** Marks the step skipped (e.g. signing is not possible in this test environment). */
	skip(reason: string): never;
	/** A PDF to upload (a tiny valid one). */
	pdf(name?: string): INodeExecutionData;
	/** Where a provider's control actions live in the sandbox (only with `--sandbox`). */
	readonly sandboxServer?: Sandbox;
}

export interface LiveStep {
	name: string;
	run(ctx: LiveContext): Promise<void>;
}

export interface LiveSuite {
	/** Sandbox/proxy prefix and CLI name: `optimaite`. */
	provider: string;
	displayName: string;
	/** The variables a maintainer sets (documented in the README), e.g. `ESIGN_LIVE_OPTIMAITE_API_KEY`. */
	env: EnvVar[];
	/** Refuses anything that looks like production (a live key, a production host): throws with the reason. */
	assertTestEnvironment(env: Env): void;
	/** One line naming the environment in the report (host, never a secret). */
	describeEnvironment(env: Env): string;
	/** Upstream base URLs by proxy prefix (API host, token host, file host…). */
	upstreams(env: Env): Record<string, string>;
	/** The env values that point the suite at our sandbox. */
	sandboxEnv(sandbox: Sandbox): Env;
	/** Credentials n8n would store, by credential type, with base URLs through the proxy (`proxy(prefix)`). */
	credentials(env: Env, proxy: (prefix: string) => string): Record<string, ICredentialDataDecryptedObject>;
	guesses: readonly Guess[];
	steps: LiveStep[];
}

export interface StepResult {
	name: string;
	outcome: 'passed' | 'failed' | 'skipped';
	detail?: string;
}

export interface SuiteResult {
	provider: string;
	displayName: string;
	environment: string;
	steps: StepResult[];
	verdicts: Array<{ guess: Guess; verdict: Verdict; evidence: string }>;
	cleanupFailures: string[];
	exchanges: Exchange[];
}

/** A node of this package as the editor exports it. */
export function packageNode(type: string, parameters: IDataObject, credentials: Record<string, string>, name = 'Node'): INode {
	return {
		id: `live-${name}`,
		name,
		type: `n8n-nodes-esign.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: Object.fromEntries(Object.entries(credentials).map(([k, v]) => [k, { id: v, name: v }])),
	};
}
