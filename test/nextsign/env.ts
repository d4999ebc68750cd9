import type { IDataObject } from 'n8n-workflow';

import { emulatorState } from '../../sandbox/index';
import type { NextSignState } from '../../sandbox/providers/nextsign';
import type { Sandbox } from '../../sandbox/server';
import { node, useEnv } from '../helpers';

export const COMPANY = 'acme-company';
export const KEY = 'ns_test_key';

export function nextSignCredentials(s: Sandbox, extra: IDataObject = {}): Record<string, IDataObject> {
	return {
		nextSignApi: {
			apiKey: KEY,
			companyId: COMPANY,
			environment: 'custom',
			caseBaseUrl: `${s.url('nextsign')}/api/v2`,
			fileBaseUrl: `${s.url('nextsign-files')}/v3`,
			...extra,
		},
	};
}

export function useNextSign() {
	return useEnv((s) => nextSignCredentials(s));
}

export function state(sandbox: Sandbox): NextSignState {
	return emulatorState<NextSignState>(sandbox, 'nextsign');
}

/** A NextSign action node of the current version (1.1), or of `typeVersion`. */
export function ns(parameters: IDataObject, name = 'Node', typeVersion = 1.1) {
	return { ...node('nextSign', parameters, { nextSignApi: 'cred-1' }, name), typeVersion };
}

/** A valid CPR used across the tests: it must never appear in outputs or errors. */
export const CPR = '0101901234';
