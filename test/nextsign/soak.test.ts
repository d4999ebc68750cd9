/** Trigger soak: cases created and signed over many polls, provider clock skew, restarts: none missed, none twice. */
import type { IDataObject } from 'n8n-workflow';

import { node, trigger } from '../helpers';
import { soak } from '../soak';
import { COMPANY, state, useNextSign } from './env';

const env = useNextSign();

test('created, recipient signed and case signed: every event exactly once across 20 polls with skew and restarts', async () => {
	const st = state(env.sandbox);
	const pending: string[] = [];
	let n = 0;
	const seedCase = () => {
		n += 1;
		const recipient = (name: string, group: number) => ({
			_id: `r-${n}-${name}`,
			name,
			email: `${name.toLowerCase()}${n}@example.com`,
			signing: true,
			group,
			signed: 'pending',
			cpr: 'U2FsdGVkX1fake',
			signer: { signer_type: 'recipient', identity: { confirmed: false } },
		});
		const c = st.seed(COMPANY, `Case ${n}`, env.sandbox.now(), { recipients: [recipient('Mia', 0), recipient('Lars', 1)], documents: [{ name: 'x.pdf' }] });
		return String(c._id);
	};
	const runner = trigger(env.engine, node('nextSignTrigger', { events: ['caseCreated', 'recipientSigned', 'caseSigned'] }, { nextSignApi: 'cred-1' }, 'Trigger'));
	// Make the emulator's origin known before signed documents are stored.
	await runner.poll('manual');

	const result = await soak({
		runner,
		sandbox: env.sandbox,
		total: 60,
		polls: 20,
		restartEvery: 3,
		skewMs: [0, -120_000, 90_000, 30_000],
		happen(count) {
			const keys: string[] = [];
			for (let i = 0; i < count; i++) {
				// Every step: one recipient of an older case signs (the second signature completes it), and a new case appears.
				const older = pending[0];
				if (older) {
					const c = st.sign(older, undefined, env.sandbox.now());
					const who = (c.recipients as IDataObject[]).filter((r) => r.signed === 'signed').pop()!;
					keys.push(`recipient_signed:${older}:${String(who.name)}`);
					if (c.state === 'signed') {
						keys.push(`case_signed:${older}`);
						pending.shift();
					}
				}
				const id = seedCase();
				pending.push(id);
				keys.push(`case_created:${id}`);
			}
			return keys;
		},
		keyOf: (item) =>
			item.json.event === 'recipient_signed'
				? `recipient_signed:${String(item.json.caseId)}:${String((item.json.recipient as IDataObject).name)}`
				: `${String(item.json.event)}:${String(item.json.caseId)}`,
	});
	expect(result.duplicates).toEqual([]);
	expect(result.missed).toEqual([]);
	expect(result.expected.length).toBeGreaterThan(100);
	expect(result.fired.sort()).toEqual(result.expected.sort());
});
