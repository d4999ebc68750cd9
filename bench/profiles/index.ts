import type { BenchProfile } from '../profile';
import { easyInkProfile } from './easyink';
import { optimaiteProfile } from './optimaite';

/** Every provider's benchmark profile. Each provider adds its own line. */
export const profiles: BenchProfile[] = [optimaiteProfile, easyInkProfile];
