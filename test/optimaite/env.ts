import { emulatorState } from '../../sandbox/index';
import type { OptimaiteState } from '../../sandbox/providers/optimaite';
import type { TestEnv } from '../helpers';
import { node, useEnv } from '../helpers';

export const CASE = '550e8400-e29b-41d4-a716-446655440000';
export const OTHER_CASE = '7d3f1c2a-9b8e-4c6d-a5f4-3e2d1c0b9a87';
export const KEY = 'opt_test_sandbox';

export function optimaiteEnv(apiKey = KEY): TestEnv {
	return useEnv((s) => ({ optimaiteApi: { apiKey, environment: 'custom', baseUrl: `${s.url('optimaite')}/api/v1` } }));
}

export function state(env: TestEnv): OptimaiteState {
	return emulatorState<OptimaiteState>(env.sandbox, 'optimaite');
}

export function optimaite(parameters: Record<string, unknown>, name = 'Optimaite') {
	return node('optimaite', parameters as never, { optimaiteApi: 'cred-1' }, name);
}

export function optimaiteTrigger(parameters: Record<string, unknown>) {
	return node('optimaiteTrigger', parameters as never, { optimaiteApi: 'cred-1' }, 'Optimaite Trigger');
}
