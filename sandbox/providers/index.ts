import type { ProviderEmulator } from '../server';
import { optimaiteEmulator } from './optimaite';
import { signicatEmulator } from './signicat';

/** Every provider emulator the sandbox serves. Each provider issue adds its own line. */
export function allEmulators(): ProviderEmulator[] {
	return [optimaiteEmulator(), signicatEmulator()];
}
