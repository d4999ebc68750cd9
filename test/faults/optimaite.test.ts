/** Issue 7 fault tests for Optimaite (the request-level faults are in test/optimaite/faults.test.ts). */
import { makePdf } from '../../sandbox/server';
import { trigger } from '../helpers';
import { CASE, OTHER_CASE, optimaiteEnv, optimaiteTrigger, state } from '../optimaite/env';
import { soak } from '../soak';

const env = optimaiteEnv();

test('trigger: 1,000 completions over 50 polls with clock skew and restarts → none missed, none twice', async () => {
	const s = state(env);
	const doc = s.storeDocument(CASE, 'c.pdf', 'application/pdf', makePdf('c'));
	let n = 0;
	const runner = trigger(env.engine, optimaiteTrigger({ watch: 'cases', caseIds: `${CASE},${OTHER_CASE}`, events: ['completed', 'signerSigned'] }));
	const result = await soak({
		runner,
		sandbox: env.sandbox,
		total: 1000,
		polls: 50,
		restartEvery: 7,
		skewMs: [0, 4000, -3000, 2500],
		happen: (count) => {
			const keys: string[] = [];
			for (let i = 0; i < count; i++) {
				const id = `env_soak_${n++}`;
				const caseId = n % 2 ? CASE : OTHER_CASE;
				s.envelopes.set(id, {
					id,
					case_id: caseId,
					title: id,
					status: 'sent',
					signing_order: 'parallel',
					send_emails: false,
					documents: [{ id: `sd_${id}`, document_id: doc.id, filename: 'c.pdf', signed_document_id: null }],
					signers: [{ id: `${id}_a`, name: 'A', email: 'a@example.com', role: 'signer', status: 'pending', signed_at: null }],
					created_at: new Date(env.sandbox.now()).toISOString(),
					completed_at: null,
				});
				s.sign(id, undefined, env.sandbox.now());
				keys.push(`signer.signed ${id}`, `envelope.completed ${id}`);
			}
			return keys;
		},
		keyOf: (item) => `${item.json.event} ${item.json.envelopeId}`,
	});
	expect(result.missed).toEqual([]);
	expect(result.duplicates).toEqual([]);
	expect(result.fired).toHaveLength(2000);
});
