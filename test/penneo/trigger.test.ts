import { single } from '../helpers';
import { trigger } from '../helpers';
import { appRequests, penneo, penneoTrigger, seedCaseFile, state, usePenneo } from './env';

const env = usePenneo();

const ALL = ['completed', 'rejected', 'expired', 'signerSigned'];
const twoSigners = [
	{ name: 'Ann Berg', email: 'ann@example.com' },
	{ name: 'Bo Dahl', email: 'bo@example.com' },
];

function clearRequests() {
	env.sandbox.requests.length = 0;
}

describe('Penneo Trigger', () => {
	test('first poll fires nothing; each new event fires once; nothing new costs one request', async () => {
		const old = seedCaseFile(env, { title: 'Old', at: Date.now() - 4 * 60_000 });
		state(env).sign(old.id, undefined, Date.now() - 3 * 60_000);
		const t = trigger(env.engine, penneoTrigger({ events: ALL }));

		const activatedAt = Date.now();
		const first = await t.poll();
		expect(first).toEqual({ items: null });
		// Reading starts at the activation minus the 5-minute look-back, and never before.
		const readFrom = (t.savedStaticData['node:Penneo Trigger'] as { floor: number }).floor;
		expect(Math.abs(readFrom - (activatedAt - 5 * 60_000))).toBeLessThan(2000);

		// Nothing changed: only the list, filtered on the newest change minus the look-back (here: the activation window).
		clearRequests();
		expect((await t.poll()).items).toBeNull();
		const [list] = appRequests(env);
		expect(appRequests(env)).toHaveLength(1);
		expect(list).toMatchObject({ method: 'GET', path: '/api/v1/casefiles' });
		expect(list.query).toEqual({ sort: '-updated', updatedAfter: String(Math.floor(Math.max(readFrom, old.updated * 1000 - 300_000) / 1000)), limit: '100' });

		// A signer signed two minutes ago: "signer signed" fires once.
		const b = seedCaseFile(env, { title: 'Two signers', signers: twoSigners, at: Date.now() - 3 * 60_000 });
		state(env).sign(b.id, undefined, Date.now() - 120_000);
		clearRequests();
		const signed = await t.poll();
		expect(signed.items?.map((i) => i.json.event)).toEqual(['signer.signed']);
		expect(signed.items?.[0].json).toMatchObject({
			caseFileId: b.id,
			title: 'Two signers',
			signer: { id: b.signers[0].id, name: 'Ann Berg', signingRequest: { status: 3, statusName: 'signed' } },
		});
		expect(appRequests(env).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/casefiles', `GET /api/v3/casefiles/${b.id}`]);

		// Same state again: nothing, and the case file, unchanged for over a minute, is not read again.
		clearRequests();
		expect((await t.poll()).items).toBeNull();
		expect(appRequests(env)).toHaveLength(1);

		// The second signer signs now: the case file completes.
		state(env).sign(b.id);
		clearRequests();
		const done = await t.poll();
		expect(appRequests(env)).toHaveLength(2);
		expect(done.items?.map((i) => [i.json.event, i.json.caseFileId])).toEqual(
			expect.arrayContaining([
				['caseFile.completed', b.id],
				['signer.signed', b.id],
			]),
		);
		expect(done.items).toHaveLength(2);
		expect(done.items?.find((i) => i.json.event === 'caseFile.completed')?.json).toMatchObject({ status: 'completed', caseFile: { statusName: 'completed' } });
		// Within a minute of a change the case file is read again (Penneo's times are whole seconds), firing nothing twice.
		clearRequests();
		expect((await t.poll()).items).toBeNull();
		expect(appRequests(env)).toHaveLength(2);
	});

	test('two changes within the same second as a poll are both caught', async () => {
		const b = seedCaseFile(env, { signers: twoSigners });
		const t = trigger(env.engine, penneoTrigger({ events: ['signerSigned'] }));
		await t.poll();
		state(env).sign(b.id);
		expect((await t.poll()).items?.map((i) => (i.json.signer as { name: string }).name)).toEqual(['Ann Berg']);
		// Same second, same "updated" value as what was just read.
		state(env).sign(b.id);
		expect(state(env).caseFiles.get(b.id)!.updated).toBe(b.updated);
		expect((await t.poll()).items?.map((i) => (i.json.signer as { name: string }).name)).toEqual(['Bo Dahl']);
	});

	test('history from before the activation is never replayed', async () => {
		// Completed 9 minutes ago: older than the first poll's look-back window, newer than the next poll's.
		const old = seedCaseFile(env, { title: 'Old', at: Date.now() - 10 * 60_000 });
		state(env).sign(old.id, undefined, Date.now() - 9 * 60_000);
		const t = trigger(env.engine, penneoTrigger({ events: ALL }));
		expect((await t.poll()).items).toBeNull();
		expect((await t.poll()).items).toBeNull();
		expect((await t.poll()).items).toBeNull();
	});

	test('rejected and expired case files fire once each', async () => {
		const r = seedCaseFile(env, { title: 'To reject' });
		const x = seedCaseFile(env, { title: 'To expire' });
		const t = trigger(env.engine, penneoTrigger({ events: ['rejected', 'expired'] }));
		await t.poll();
		state(env).reject(r.id);
		state(env).expire(x.id);
		const fired = await t.poll();
		expect(fired.items?.map((i) => [i.json.event, i.json.title]).sort()).toEqual([
			['caseFile.expired', 'To expire'],
			['caseFile.rejected', 'To reject'],
		]);
		expect((await t.poll()).items).toBeNull();
	});

	test('only the chosen events fire, and without "Signer Signed" no case file is read one by one', async () => {
		const b = seedCaseFile(env, { signers: twoSigners });
		const t = trigger(env.engine, penneoTrigger({ events: ['completed'] }));
		await t.poll();
		state(env).sign(b.id);
		clearRequests();
		expect((await t.poll()).items).toBeNull();
		expect(appRequests(env)).toHaveLength(1);
		state(env).sign(b.id);
		expect((await t.poll()).items?.map((i) => i.json.event)).toEqual(['caseFile.completed']);
	});

	test('after a restart, the saved state prevents replays and new events still fire', async () => {
		const b = seedCaseFile(env, { signers: twoSigners });
		const t = trigger(env.engine, penneoTrigger({ events: ALL }));
		await t.poll();
		state(env).sign(b.id);
		expect((await t.poll()).items).toHaveLength(1);
		t.restart();
		expect((await t.poll()).items).toBeNull();
		state(env).sign(b.id);
		t.restart();
		expect((await t.poll()).items?.map((i) => i.json.event).sort()).toEqual(['caseFile.completed', 'signer.signed']);
		t.restart();
		expect((await t.poll()).items).toBeNull();
	});

	test('an error leaves the state untouched: the next poll fires what the failed one missed', async () => {
		const b = seedCaseFile(env);
		const t = trigger(env.engine, penneoTrigger({ events: ['completed'] }));
		await t.poll();
		const saved = t.savedStaticData;
		state(env).sign(b.id);
		env.sandbox.addFault({ prefix: 'penneo', path: '/api/v1/casefiles', status: 403, body: { message: 'Access denied' } });
		const failed = await t.poll();
		expect(failed.items).toBeNull();
		expect(failed.error?.message).toBe('Penneo rejected the request (403): Access denied');
		expect(t.savedStaticData).toEqual(saved);
		expect((await t.poll()).items?.map((i) => i.json.event)).toEqual(['caseFile.completed']);
	});

	test('"Fetch Test Event" returns one recent event and changes nothing', async () => {
		const a = seedCaseFile(env, { title: 'A' });
		const b = seedCaseFile(env, { title: 'B' });
		state(env).sign(a.id);
		state(env).sign(b.id);
		const t = trigger(env.engine, penneoTrigger({ events: ['completed'] }));
		const sample = await t.poll('manual');
		expect(sample.items).toHaveLength(1);
		expect(sample.items?.[0].json).toMatchObject({ event: 'caseFile.completed' });
		expect(appRequests(env)[appRequests(env).length - 1].query).toEqual({ sort: '-updated', limit: '10' });
		expect(t.savedStaticData).toEqual({});
	});

	test('a case file created by the node, then signed, fires through the trigger', async () => {
		const t = trigger(env.engine, penneoTrigger({ events: ['completed'] }));
		await t.poll();
		const cf = seedCaseFile(env, { title: 'End to end' });
		state(env).sign(cf.id);
		const fired = await t.poll();
		const id = fired.items?.[0].json.caseFileId;
		const get = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'get', caseFileId: String(id) })));
		expect(get.output('Penneo')[0].json).toMatchObject({ id: cf.id, statusName: 'completed' });
	});
});
