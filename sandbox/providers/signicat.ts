/**
 * Entry of the Signicat emulator (split by resource under `./signicat/`). Kept as a file so that a build over
 * an older output replaces the former single-file emulator instead of leaving it to shadow the folder.
 */
export * from './signicat/index';
