/**
 * The EasyInk guesses are in one place and said where users read them: every path the path table marks [G] is in
 * EASYINK_GUESSES, every guess is in the README's "Not yet confirmed" list, and the confirmed list names its sources.
 */
import fs from 'node:fs';
import path from 'node:path';

import { EASYINK_GUESSES, EASYINK_OPERATIONS, EASYINK_PATTERNS } from '../../nodes/EasyInk/transport/paths';

const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## EasyInk\n'), readme.indexOf('\n## ', readme.indexOf('## EasyInk\n') + 5));
const notYet = section.slice(section.indexOf('**Not yet confirmed against the live API**'));
const confirmed = section.slice(section.indexOf('**Confirmed**'), section.indexOf('**Not yet confirmed against the live API**'));

test('every guessed path of the table is listed in EASYINK_GUESSES', () => {
	const guessed = [...new Set(Object.values(EASYINK_OPERATIONS).filter((op) => op.mark === 'G').map((op) => EASYINK_PATTERNS[op.pattern]))];
	const missing = guessed.filter((pattern) => {
		const full = pattern.replace(/:(\w+)/g, '{$1}');
		const tail = `…${full.replace(/^\/api\/signingSession(Draft)?s\/\{id\}/, '')}`;
		return !EASYINK_GUESSES.some((g) => g.what.includes(full) || g.what.includes(tail));
	});
	expect(missing).toEqual([]);
	expect(new Set(EASYINK_GUESSES.map((g) => g.id)).size).toBe(EASYINK_GUESSES.length);
});

test('the README lists every guess under "Not yet confirmed", and the confirmed paths with their sources', () => {
	expect(EASYINK_GUESSES.filter((g) => !notYet.includes(`\`${g.id}\``)).map((g) => g.id)).toEqual([]);
	for (const confirmedPath of ['/signingOrder/oneByOne', '/signingOrder/allAtOnce', '/voided', '/participants/{participantId}', '/api/signingSessionDrafts']) expect(confirmed).toContain(confirmedPath);
	for (const page of ['create-signing-session', 'configure-signing-order', 'void-signing-session', 'update-participant-contact']) expect(confirmed).toContain(`https://docs.easyink.io/docs/use-cases/${page}`);
	const confirmedOps = Object.values(EASYINK_OPERATIONS).filter((op) => op.mark === 'C').map((op) => EASYINK_PATTERNS[op.pattern].replace(/:(\w+)/g, '{$1}'));
	for (const p of confirmedOps) expect(confirmed).toContain(p.replace('/api/signingSessionDrafts/{id}', '').replace('/api/signingSessions/{id}', '') || p);
});
