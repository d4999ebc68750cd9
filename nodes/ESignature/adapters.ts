/**
 * The providers behind the E-Signature node and trigger: each provider's adapter (`nodes/<Provider>/esign.ts`),
 * in the order the editor lists them. Everything the neutral nodes know about a provider comes from here — its
 * name, credential, capabilities and options — so there is one place per provider (the adapter).
 */
import type { ESignAdapter, ESignProvider } from '../shared/esign';
import { penneoAdapter } from '../Penneo/esign';

/** Sorted by display name (the editor's option order). */
export const ADAPTERS: readonly ESignAdapter[] = [penneoAdapter].sort((a, b) => a.displayName.localeCompare(b.displayName));

export function adapterFor(provider: string): ESignAdapter | undefined {
	return ADAPTERS.find((a) => a.provider === (provider as ESignProvider));
}
