/**
 * Optimaite emulator: an independent reading of Optimaite's public developer docs (shared/providers/optimaite-signing.txt,
 * PUBLIC-DOCS.md §5), never of our node code. Files: `state` (the data and its documented shapes), `gate` (API key,
 * scopes, rate limits), `paging` (cursor pages), and one file of routes per resource (`cases`, `documents`, `signing`).
 *
 * Control routes (`/_control/optimaite/…`, the sandbox's own, not Optimaite's):
 * - `POST envelopes/:id/sign` `{email?}` — the next signer (or the one with that email) signs; the last one completes
 *   the envelope and the signed copies are stored back in the case as new documents;
 * - `POST envelopes/:id/open` (→ in_progress), `…/decline`, `…/expire`;
 * - `POST rate-limit` `{enabled, perMinute?, perDay?, perSecond?}` — the documented limits, off until turned on;
 * - `POST options` `{cursorField?, signedDocumentDelayMs?, extraRoles?}` — the cursor field's name in list answers, how long a
 *   signed copy takes to appear among the case's documents, and signer roles accepted besides the documented `signer`
 *   (none by default).
 */
import type { ProviderEmulator, SandboxResponse } from '../../server';
import { json } from '../../server';
import { caseRoutes } from './cases';
import { documentRoutes } from './documents';
import { guard, RateLimiter } from './gate';
import { signingRoutes } from './signing';
import { OptimaiteState } from './state';

export { OPTIMAITE_KEYS, OptimaiteState } from './state';
export type { OptimaiteCase, OptimaiteDocument, OptimaiteEnvelope, OptimaiteSigner } from './state';

export function optimaiteEmulator(state = new OptimaiteState()): ProviderEmulator & { state: OptimaiteState } {
	const limiter = new RateLimiter(state);
	const guarded = guard(limiter);
	return {
		prefixes: ['optimaite'],
		state,
		reset: () => {
			state.reset();
			limiter.reset();
		},
		routes: [...caseRoutes(state, guarded), ...documentRoutes(state, guarded), ...signingRoutes(state, guarded)],
		control: [
			{
				method: 'POST',
				pattern: '/envelopes/:id/sign',
				handler: (req) => act(() => state.sign(req.params.id, (req.json as { email?: string } | undefined)?.email, req.now)),
			},
			{ method: 'POST', pattern: '/envelopes/:id/open', handler: (req) => act(() => state.open(req.params.id)) },
			{ method: 'POST', pattern: '/envelopes/:id/decline', handler: (req) => act(() => state.end(req.params.id, 'declined')) },
			{ method: 'POST', pattern: '/envelopes/:id/expire', handler: (req) => act(() => state.end(req.params.id, 'expired')) },
			{
				method: 'POST',
				pattern: '/rate-limit',
				handler: (req) => {
					const b = (req.json ?? {}) as Partial<typeof state.rateLimit>;
					Object.assign(state.rateLimit, { enabled: true }, pick(b, ['enabled', 'perMinute', 'perDay', 'perSecond']));
					limiter.reset();
					return json(200, state.rateLimit);
				},
			},
			{
				method: 'POST',
				pattern: '/options',
				handler: (req) => {
					const b = (req.json ?? {}) as Partial<typeof state.options>;
					Object.assign(state.options, pick(b, ['cursorField', 'signedDocumentDelayMs', 'extraRoles']));
					return json(200, state.options);
				},
			},
		],
	};
}

function pick<T extends object>(value: T, keys: Array<keyof T>): Partial<T> {
	return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]])) as Partial<T>;
}

function act(fn: () => { id: string; status: string }): SandboxResponse {
	try {
		const env = fn();
		return json(200, { id: env.id, status: env.status });
	} catch (e) {
		return json(409, { error: (e as Error).message });
	}
}
