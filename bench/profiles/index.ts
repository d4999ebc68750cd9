import type { BenchProfile } from '../profile';
import { nextSignProfile } from './nextsign';
import { optimaiteProfile } from './optimaite';

/** Every provider's benchmark profile. Each provider adds its own line. */
export const profiles: BenchProfile[] = [optimaiteProfile, nextSignProfile];
