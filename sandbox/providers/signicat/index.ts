/**
 * Signicat Sign API v2 emulator: one host, as in production — the token endpoint under
 * /auth/open/connect/token and the API under /sign. A second, independent reading of Signicat's sources
 * (shared/providers/signicat-sign-api-v2.txt, PUBLIC-DOCS.md §2, REFERENCE.md → Signicat); it imports nothing
 * from the package's nodes or credentials.
 *
 * Split by resource: `auth.ts` (tokens, bearer check), `documents.ts`, `collections.ts`, `sessions.ts` (+
 * `session-input.ts`, the create body), `state.ts` (the account and the documented shapes). The control
 * routes below act as the signer and the passing of time.
 */
import { json, type ProviderEmulator, type Route, type SandboxResponse } from '../../server';
import { authRoutes } from './auth';
import { collectionRoutes } from './collections';
import { documentRoutes } from './documents';
import { sessionRoutes } from './sessions';
import { SignicatState } from './state';

export * from './state';

export function signicatEmulator(state = new SignicatState()): ProviderEmulator & { state: SignicatState } {
	return {
		prefixes: ['signicat'],
		state,
		reset: () => state.reset(),
		routes: [...authRoutes(state), ...documentRoutes(state), ...collectionRoutes(state), ...sessionRoutes(state)],
		control: controlRoutes(state),
	};
}

/** `/_control/signicat/…`: the signer signs or rejects, a deadline passes, tokens expire. */
function controlRoutes(state: SignicatState): Route[] {
	return [
		{
			method: 'POST',
			pattern: '/sessions/:id/sign',
			handler: (req) => act(() => state.sign(req.params.id, req.now, (req.json as { nationalIdentificationNumber?: string })?.nationalIdentificationNumber)),
		},
		{ method: 'POST', pattern: '/sessions/:id/reject', handler: (req) => act(() => state.reject(req.params.id, req.now)) },
		{
			method: 'POST',
			pattern: '/sessions/:id/expire',
			handler: (req) => act(() => state.expire(req.params.id, req.now, Number((req.json as { secondsAgo?: number } | undefined)?.secondsAgo ?? 1))),
		},
		{
			method: 'POST',
			pattern: '/tokens/expire',
			handler: () => {
				state.expireTokens();
				return json(200, { expired: state.tokens.size });
			},
		},
		{
			method: 'POST',
			pattern: '/tokens/expire-after',
			handler: (req) => {
				state.expireTokensAfter(Number((req.json as { requests?: number })?.requests ?? 0));
				return json(200, { requests: state.tokensExpireAfter });
			},
		},
		{
			method: 'POST',
			pattern: '/tokens/lifetime',
			handler: (req) => {
				state.tokenLifetime = Number((req.json as { seconds?: number })?.seconds ?? 600);
				return json(200, { seconds: state.tokenLifetime });
			},
		},
	];
}

function act(fn: () => unknown): SandboxResponse {
	try {
		return json(200, fn());
	} catch (e) {
		return json(409, { error: (e as Error).message });
	}
}
