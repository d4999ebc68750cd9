/** Every provider's live contract suite (one file each under suites/). */
import type { LiveSuite } from '../framework';
import { easyInkSuite } from './easyink';
import { nextSignSuite } from './nextsign';
import { optimaiteSuite } from './optimaite';
import { penneoSuite } from './penneo';
import { signicatSuite } from './signicat';

export const SUITES: LiveSuite[] = [optimaiteSuite, nextSignSuite, penneoSuite, easyInkSuite, signicatSuite];
