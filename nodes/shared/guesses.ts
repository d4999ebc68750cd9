/**
 * What a provider integration still assumes without a provider source. Each provider's transport keeps its
 * list next to its path table (`<PROVIDER>_GUESSES`), so the README's "Not yet confirmed" list and the live
 * contract checks (`npm run test:live`) read the same facts the code uses.
 */
export interface Guess {
	/** Stable key, e.g. `path.convert` or `field.cursor`. */
	id: string;
	/** What is assumed, in one sentence ("Convert is POST /api/signingSessionDrafts/{id}/converted"). */
	what: string;
	/** `G`: a reasoned guess; `3P`: seen only in third-party code. */
	mark: 'G' | '3P';
}
