/**
 * Optimaite trigger under faults (the request-level faults are in test/optimaite/faults.test.ts), against the sandbox
 * that answers only documented fields: envelope list entries without case, documents, ids, emails or completion time.
 */
import { makePdf } from '../../sandbox/server';
import { trigger } from '../helpers';
import { CASE, optimaiteEnv, optimaiteTrigger, state } from '../optimaite/env';
import { soak } from '../soak';

const env = optimaiteEnv();

/** An envelope with one signer who signs at `signedAt` (provider clock), completing it. */
function completeIn(caseId: string, id: string, signedAt: number) {
	const s = state(env);
	const doc = s.storeDocument(caseId, `${id}.pdf`, 'application/pdf', makePdf(id), signedAt - 60_000);
	s.createEnvelope({ id, caseId, title: id, documentIds: [doc.id], signers: [{ name: 'A', email: 'a@example.com' }], signingOrder: 'parallel' }, signedAt - 60_000);
	s.sign(id, undefined, signedAt);
	return [`signer.signed ${id}`, `envelope.completed ${id}`];
}

test('trigger soak: 1,000 events over 50 polls with restarts, page shifts, clock skew and a future-dated record → none missed, none twice', async () => {
	const s = state(env);
	const caseId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
	// 30 active cases. A page shift shows up to the trigger as a case that moved, or one missing from a listing (the
	// listing skipped it) — both happen below; reading 100+ cases per poll would only make the soak slower.
	const CASES = 30;
	for (let n = 0; n < CASES; n++) s.addCase({ id: caseId(n), name: `Case ${n}`, created_at: '2026-01-01T00:00:00Z' });
	let next = 0;
	let newCases = 1000;
	let hidden: string | undefined;
	const runner = trigger(env.engine, optimaiteTrigger({ watch: 'allActive', events: ['completed', 'signerSigned'], maxRequests: 200 }));
	const result = await soak({
		runner,
		sandbox: env.sandbox,
		total: 1000,
		polls: 50,
		restartEvery: 7,
		skewMs: [0, 4000, -3000, 2500],
		happen: (count, poll) => {
			const now = env.sandbox.now();
			if (hidden) s.cases.get(hidden)!.status = 'active';
			hidden = undefined;
			const keys: string[] = [];
			if (poll % 5 === 0) {
				// A new case at the front of the list moves every other case one place on.
				const fresh = caseId(newCases++);
				const before = [...s.cases.values()];
				s.cases.clear();
				s.addCase({ id: fresh, name: 'New matter', created_at: new Date(now).toISOString() });
				for (const c of before) s.cases.set(c.id, c);
				// The new case's first envelope completes before the trigger has read that case once.
				keys.push(...completeIn(fresh, `env_soak_${next++}`, now));
			}
			while (keys.length < count) {
				const target = caseId((next * 37) % CASES);
				// One record dated a day ahead of everything else.
				keys.push(...completeIn(target, `env_soak_${next++}`, poll === 10 && keys.length === 2 ? now + 86_400_000 : now));
			}
			// Every fifth poll one case drops out of the active list (a listing that skipped it) while it has news from
			// two minutes ago: when it is back it must not count as newly watched (that would hide the news as history).
			if (poll % 5 === 4 && poll < 49) {
				hidden = caseId((next * 37) % CASES);
				keys.push(...completeIn(hidden, `env_soak_${next++}`, now - 120_000));
				s.cases.get(hidden)!.status = 'closed';
			}
			return keys;
		},
		keyOf: (item) => `${item.json.event} ${item.json.envelopeId}`,
	});
	expect(result.missed).toEqual([]);
	expect(result.duplicates).toEqual([]);
	expect(result.fired.length).toBe(result.expected.length);
	expect(result.expected.length).toBeGreaterThanOrEqual(1000);
}, 300_000);

test('more than 20,000 event keys in one poll: none is forgotten, so none fires twice (the eviction bug, reproduced)', async () => {
	const s = state(env);
	const signedAt = Date.now() - 3_600_000;
	const doc = s.storeDocument(CASE, 'bulk.pdf', 'application/pdf', makePdf('bulk'), signedAt - 60_000);
	// 12,000 envelopes, each signed once and completed: 24,000 keys every poll reads.
	for (let i = 0; i < 12_000; i++) {
		s.createEnvelope({ id: `env_bulk_${i}`, caseId: CASE, title: `Bulk ${i}`, documentIds: [doc.id], signers: [{ name: 'A', email: 'a@example.com' }] }, signedAt - 60_000);
		s.sign(`env_bulk_${i}`, undefined, signedAt);
	}
	const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: CASE, events: ['completed', 'signerSigned'] }));
	expect((await runner.poll()).items).toBeNull();
	const fired: string[] = [];
	for (let p = 0; p < 3; p++) {
		const keys = completeIn(CASE, `env_after_${p}`, Date.now());
		const result = await runner.poll();
		expect(result.error).toBeUndefined();
		fired.push(...(result.items ?? []).map((i) => `${i.json.event} ${i.json.envelopeId}`));
		expect((result.items ?? []).map((i) => `${i.json.event} ${i.json.envelopeId}`)).toEqual(keys);
		if (p === 1) runner.restart();
	}
	expect(fired).toHaveLength(6);
}, 300_000);
