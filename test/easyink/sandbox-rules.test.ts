/**
 * The EasyInk emulator is an independent reading of EasyInk's documents: none of its files imports the package's node
 * or credential code, and every route (API and identity provider) names its source, guesses marked [G].
 */
import path from 'node:path';

import { emulatorFor, expectIndependentEmulator } from '../sandbox-rules';

const ENTRY = path.resolve(__dirname, '../../sandbox/providers/easyink/index.ts');

test('the API emulator imports no node code and every route has a source', () => {
	expectIndependentEmulator('easyink', ENTRY);
});

test('the identity provider emulator too', () => {
	expectIndependentEmulator('easyink-identity', ENTRY);
});

test('every guessed route says why, and the confirmed ones name PUBLIC-DOCS.md or the captured reference', () => {
	const routes = [...emulatorFor('easyink').routes, ...emulatorFor('easyink-identity').routes];
	const guessed = routes.filter((r) => r.source!.startsWith('[G]'));
	for (const r of guessed) expect(r.source!.length).toBeGreaterThan('[G] '.length + 20);
	const confirmed = routes.filter((r) => !r.source!.startsWith('[G]')).map((r) => `${r.method} ${r.pattern}`);
	expect(confirmed.sort()).toEqual(
		[
			'GET /connect/authorize',
			'POST /connect/token',
			'POST /api/signingSessionDrafts',
			'POST /api/signingSessionDrafts/:id/documents',
			'POST /api/signingSessionDrafts/:id/participants',
			'PUT /api/signingSessionDrafts/:id/signingOrder/oneByOne',
			'PUT /api/signingSessionDrafts/:id/signingOrder/allAtOnce',
			'POST /api/signingSessions/:id/voided',
			'PUT /api/signingSessions/:id/participants/:participantId',
		].sort(),
	);
});
