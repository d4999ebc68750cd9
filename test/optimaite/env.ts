import { emulatorState } from '../../sandbox/index';
import type { OptimaiteState } from '../../sandbox/providers/optimaite';
import { makePdf } from '../../sandbox/server';
import type { TestEnv } from '../helpers';
import { node, useEnv } from '../helpers';

export const CASE = '550e8400-e29b-41d4-a716-446655440000';
export const OTHER_CASE = '7d3f1c2a-9b8e-4c6d-a5f4-3e2d1c0b9a87';
export const CLOSED_CASE = 'c0ffee00-1111-4222-8333-444455556666';
export const KEY = 'opt_test_sandbox';

/** Sandbox credentials; `plan: 'enterprise'` (no pacing) unless a test is about pacing. */
export function optimaiteCredentials(base: string, apiKey = KEY, plan = 'enterprise') {
	return { apiKey, environment: 'custom', baseUrl: `${base}/api/v1`, plan };
}

export function optimaiteEnv(apiKey = KEY, plan = 'enterprise'): TestEnv {
	return useEnv((s) => ({ optimaiteApi: optimaiteCredentials(s.url('optimaite'), apiKey, plan) }));
}

export function useKey(env: TestEnv, apiKey: string, plan = 'enterprise') {
	env.engine.setCredentials('optimaiteApi', optimaiteCredentials(env.sandbox.url('optimaite'), apiKey, plan));
}

export function state(env: TestEnv): OptimaiteState {
	return emulatorState<OptimaiteState>(env.sandbox, 'optimaite');
}

/**
 * An envelope sent to `signers` in `caseId`, over one uploaded PDF (created through the sandbox's state), a minute
 * ago unless told: as in real life, the signers sign after the document was uploaded.
 */
export function sentEnvelope(env: TestEnv, caseId = CASE, signers = ['a@example.com'], fileName = 'contract.pdf', now = env.sandbox.now() - 60_000) {
	const s = state(env);
	const doc = s.storeDocument(caseId, fileName, 'application/pdf', makePdf(fileName), now);
	return s.createEnvelope(
		{ caseId, title: `Envelope for ${fileName}`, documentIds: [doc.id], signers: signers.map((email) => ({ name: email.split('@')[0], email })), signingOrder: 'parallel' },
		now,
	);
}

export function optimaite(parameters: Record<string, unknown>, name = 'Optimaite') {
	return node('optimaite', parameters as never, { optimaiteApi: 'cred-1' }, name);
}

export function optimaiteTrigger(parameters: Record<string, unknown>) {
	return node('optimaiteTrigger', parameters as never, { optimaiteApi: 'cred-1' }, 'Optimaite Trigger');
}
