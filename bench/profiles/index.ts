import type { BenchProfile } from '../profile';
import { easyInkProfile } from './easyink';
import { nextSignProfile } from './nextsign';
import { optimaiteProfile } from './optimaite';
import { penneoProfile } from './penneo';
import { signicatProfile } from './signicat';

/** Every provider's benchmark profile. Each provider adds its own line. */
export const profiles: BenchProfile[] = [optimaiteProfile, nextSignProfile, penneoProfile, signicatProfile, easyInkProfile];
