/**
 * EasyInk emulator: a second, independent reading of EasyInk's public documentation (see docs.ts for the sources
 * and every guess). It imports nothing from the package's node code.
 *
 * Two route prefixes share one in-memory state:
 * - `easyink`          — the Public API (drafts.ts, participants.ts, fields.ts, sessions.ts);
 * - `easyink-identity` — the identity provider (identity.ts).
 * Control routes (control.ts) under `/_control/easyink/…` act as participants, seed sessions and change timings.
 */
import type { ProviderEmulator } from '../../server';
import { controlRoutes } from './control';
import { PREFIX } from './docs';
import { draftRoutes } from './drafts';
import { fieldRoutes } from './fields';
import { identityRoutes } from './identity';
import { participantRoutes } from './participants';
import { sessionRoutes } from './sessions';
import { EasyInkState } from './state';

export { PREFIX as EASYINK_SANDBOX_PREFIXES, ROUTES as EASYINK_SANDBOX_ROUTES } from './docs';
export { seed as seedSession } from './control';
export * from './state';

export function easyinkEmulators(state = new EasyInkState()): Array<ProviderEmulator & { state: EasyInkState }> {
	const api = [...draftRoutes(state), ...participantRoutes(state), ...fieldRoutes(state), ...sessionRoutes(state)];
	return [
		{ prefixes: [PREFIX.api], routes: api, control: controlRoutes(state), state, reset: () => state.reset() },
		{ prefixes: [PREFIX.identity], routes: identityRoutes(state), state, reset: () => undefined },
	];
}
