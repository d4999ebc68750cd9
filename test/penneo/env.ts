/** Shared set-up of the Penneo tests: credentials pointing at the sandbox, and small builders. */
import type { IDataObject, INode } from 'n8n-workflow';

import { emulatorState } from '../../sandbox/index';
import type { PenneoState } from '../../sandbox/providers/penneo';
import { PENNEO_SANDBOX_CREDENTIALS } from '../../sandbox/providers/penneo';
import type { Sandbox } from '../../sandbox/server';
import type { TestEnv } from '../helpers';
import { node, useEnv } from '../helpers';

export const CREDS = PENNEO_SANDBOX_CREDENTIALS;

export function penneoCredentials(s: Sandbox, overrides: IDataObject = {}): IDataObject {
	return {
		environment: 'custom',
		appUrl: s.url('penneo'),
		oauthUrl: s.url('penneo-auth'),
		...CREDS,
		...overrides,
	};
}

export function usePenneo(overrides: IDataObject = {}): TestEnv {
	return useEnv((s) => ({ penneoApi: penneoCredentials(s, overrides) }));
}

export function penneo(parameters: IDataObject, name = 'Penneo'): INode {
	return node('penneo', parameters, { penneoApi: 'penneo-cred' }, name);
}

export function penneoTrigger(parameters: IDataObject): INode {
	return node('penneoTrigger', parameters, { penneoApi: 'penneo-cred' }, 'Penneo Trigger');
}

export function state(env: TestEnv): PenneoState {
	return emulatorState<PenneoState>(env.sandbox, 'penneo');
}

/** The app-host requests, without the token exchanges. */
export function appRequests(env: TestEnv) {
	return env.sandbox.requestsFor('penneo');
}

export function tokenRequests(env: TestEnv) {
	return env.sandbox.requestsFor('penneo-auth');
}

export interface SeedOptions {
	title?: string;
	reference?: string;
	folderId?: number;
	signers?: Array<Record<string, unknown>>;
	documents?: Array<{ title: string; name: string; content: Buffer; signable?: boolean }>;
	/** When it was created (ms); default now. */
	at?: number;
}

/** A case file as Penneo's worker would have made it from a completed creation job. */
export function seedCaseFile(env: TestEnv, options: SeedOptions = {}) {
	const documents = options.documents ?? [{ title: 'Lease', name: 'lease.pdf', content: Buffer.from('%PDF-1.4 lease') }];
	const job = {
		payload: {
			caseFile: {
				title: options.title ?? 'Lease',
				reference: options.reference,
				folderId: options.folderId,
				signers: options.signers ?? [{ name: 'Ann Berg', email: 'ann@example.com' }],
				documents: documents.map(({ content: _c, ...d }) => d),
			},
		},
		files: new Map(documents.map((d) => [d.name, d.content])),
	};
	return state(env).materialize(job, options.at ?? Date.now());
}
