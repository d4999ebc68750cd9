/**
 * The providers behind the E-Signature node and trigger: each provider's adapter (`nodes/<Provider>/esign.ts`),
 * in the order the editor lists them. Everything the neutral nodes know about a provider comes from here — its
 * name, credential, capabilities and options — so there is one place per provider (the adapter). A provider is
 * offered once its adapter is imported here (each was added when it landed on main).
 */
import type { ESignAdapter, ESignProvider } from '../shared/esign';
import { easyInkAdapter } from '../EasyInk/esign';
import { nextSignAdapter } from '../NextSign/esign';
import { optimaiteAdapter } from '../Optimaite/esign';
import { penneoAdapter } from '../Penneo/esign';
import { signicatAdapter } from '../Signicat/esign';

/** Sorted by display name (the editor's option order). */
export const ADAPTERS: readonly ESignAdapter[] = [easyInkAdapter, nextSignAdapter, optimaiteAdapter, penneoAdapter, signicatAdapter].sort((a, b) => a.displayName.localeCompare(b.displayName));

export function adapterFor(provider: string): ESignAdapter | undefined {
	return ADAPTERS.find((a) => a.provider === (provider as ESignProvider));
}
