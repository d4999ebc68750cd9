/**
 * Penneo emulator, read from Penneo's own material (penneo-case-file-create.txt; PUBLIC-DOCS.md §3: the docs site
 * penneo.readme.io, the official Postman collections, sdk-php, sdk-net; community sources marked as such). Two hosts:
 * `penneo` (the app: Send API, job queue, case files, documents) and `penneo-auth` (OAuth). Imports nothing from the
 * package's nodes or credentials. Files: auth.ts (token grant, header rules), send.ts (create + job queue),
 * casefiles.ts (list/get/delete, documents), validate.ts (the case file document), state.ts (life cycle).
 */
import { json, type ProviderEmulator, type Route, type SandboxRequest, type SandboxResponse } from '../../server';
import { authRoutes } from './auth';
import { caseFileRoutes } from './casefiles';
import { sendRoutes } from './send';
import { PenneoState, type JobPlan, type SigningScheme } from './state';

export { PENNEO_SANDBOX_CREDENTIALS, PenneoState, CF, SIGNING_CODES, expectedDigest } from './state';
export type { JobPlan, PenneoCaseFile, PenneoDocument, PenneoJob, PenneoSigner, SigningScheme } from './state';
export { validateCaseFile } from './validate';

/** A control call's JSON body, whatever content type the caller sent. */
function bodyOf<T>(req: SandboxRequest): T {
	if (req.json !== undefined) return req.json as T;
	try {
		return (req.raw.length ? JSON.parse(req.raw.toString('utf8')) : {}) as T;
	} catch {
		return {} as T;
	}
}

const act = (fn: () => unknown): SandboxResponse => {
	try {
		return json(200, fn());
	} catch (e) {
		return json(409, { error: (e as Error).message });
	}
};

function controlRoutes(state: PenneoState): Route[] {
	const id = (req: SandboxRequest) => Number(req.params.id);
	const signer = (req: SandboxRequest) => bodyOf<{ signerId?: number }>(req).signerId;
	return [
		{ method: 'POST', pattern: '/token-lifetime', handler: (req) => act(() => ({ seconds: (state.tokenLifetimeSeconds = Number(bodyOf<{ seconds?: number }>(req).seconds ?? 600)) })) },
		{ method: 'POST', pattern: '/tokens/expire', handler: () => act(() => (state.expireTokens(), { expired: state.tokens.size })) },
		{ method: 'POST', pattern: '/jobs/plan', handler: (req) => act(() => (state.jobPlan = { checksBeforeOutcome: 0, outcome: 'completed', ...bodyOf<Partial<JobPlan>>(req) })) },
		{
			method: 'POST',
			pattern: '/signing-scheme',
			handler: (req) =>
				act(() => {
					const scheme = bodyOf<{ scheme?: SigningScheme }>(req).scheme;
					if (scheme !== 'postman' && scheme !== 'sdk') throw new Error('scheme must be postman or sdk');
					return { scheme: (state.signingScheme = scheme) };
				}),
		},
		{
			method: 'POST',
			pattern: '/paging',
			handler: (req) =>
				act(() => {
					const b = bodyOf<{ mode?: 'link' | 'unpaged'; defaultOrder?: 'id' | '-id' }>(req);
					if (b.mode) state.paging = b.mode;
					if (b.defaultOrder) state.defaultOrder = b.defaultOrder;
					return { mode: state.paging, defaultOrder: state.defaultOrder };
				}),
		},
		{ method: 'POST', pattern: '/casefiles/:id/sign', handler: (req) => act(() => state.sign(id(req), signer(req), req.now)) },
		{ method: 'POST', pattern: '/casefiles/:id/open', handler: (req) => act(() => state.open(id(req), req.now)) },
		{ method: 'POST', pattern: '/casefiles/:id/reject', handler: (req) => act(() => state.reject(id(req), signer(req), req.now)) },
		{ method: 'POST', pattern: '/casefiles/:id/expire', handler: (req) => act(() => state.expire(id(req), req.now)) },
	];
}

export function penneoEmulator() {
	const state = new PenneoState();
	return {
		prefixes: ['penneo', 'penneo-auth'],
		state,
		reset: () => state.reset(),
		routes: [...authRoutes(state), ...sendRoutes(state), ...caseFileRoutes(state, 'penneo')],
		control: controlRoutes(state),
	} satisfies ProviderEmulator & { state: PenneoState };
}
