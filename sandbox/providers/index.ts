import type { ProviderEmulator } from '../server';
import { easyinkEmulators } from './easyink';
import { nextSignEmulators } from './nextsign';
import { optimaiteEmulator } from './optimaite';
import { penneoEmulator } from './penneo';
import { signicatEmulator } from './signicat';

/** Every provider emulator the sandbox serves. Each provider issue adds its own line. */
export function allEmulators(): ProviderEmulator[] {
	return [optimaiteEmulator(), ...nextSignEmulators(), ...easyinkEmulators(), penneoEmulator(), signicatEmulator()];
}
