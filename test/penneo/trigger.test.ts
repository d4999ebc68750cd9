import { single, trigger } from '../helpers';
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

const names = (items: Array<{ json: Record<string, unknown> }> | null | undefined) =>
	(items ?? []).map((i) => [i.json.event, (i.json.signer as { name?: string } | undefined)?.name ?? i.json.title]);

describe('Penneo Trigger', () => {
	test('first poll fires nothing; nothing new costs one list request (Bearer, x-paginate, updatedAfter from Penneo’s own clock)', async () => {
		const old = seedCaseFile(env, { title: 'Old', at: Date.now() - 4 * 60_000 });
		state(env).sign(old.id, undefined, Date.now() - 3 * 60_000);
		const t = trigger(env.engine, penneoTrigger({ events: ALL }));
		const activatedAt = Date.now();
		expect(await t.poll()).toEqual({ items: null });
		const saved = t.savedStaticData['node:Penneo Trigger'] as { floor: number; cursor: number };
		expect(Math.abs(saved.floor - (activatedAt - 5 * 60_000))).toBeLessThan(2000);

		clearRequests();
		expect((await t.poll()).items).toBeNull();
		const [list] = appRequests(env);
		expect(appRequests(env)).toHaveLength(1);
		expect(list).toMatchObject({ method: 'GET', path: '/api/v1/casefiles', status: 200 });
		// The window starts 5 minutes before Penneo's clock (its Date header) at the last poll, never before the activation.
		const cursor = (t.savedStaticData['node:Penneo Trigger'] as { cursor: number }).cursor;
		expect(list.query).toEqual({ updatedAfter: String(Math.floor(Math.max(saved.floor, saved.cursor - 300_000) / 1000)), page: '1', per_page: '100' });
		expect(Math.abs(cursor - Date.now())).toBeLessThan(3000);
		expect(list.headers['x-paginate']).toBe('true');
		expect(list.headers.authorization).toMatch(/^Bearer /);
		expect(list.headers['x-auth-token']).toBeUndefined();
	});

	test('Signer Signed never trusts one reading of a signer’s code: under Postman’s (3 = signed) it fires at completion, with the case file', async () => {
		const b = seedCaseFile(env, { title: 'Two signers', signers: twoSigners });
		const t = trigger(env.engine, penneoTrigger({ events: ALL }));
		await t.poll();
		state(env).sign(b.id);
		clearRequests();
		// Code 3 in a pending case file: signed (Postman) or deleted (SDKs) — not decided yet.
		expect((await t.poll()).items).toBeNull();
		// The list rows carry the signers: no case file is read one by one.
		expect(appRequests(env)).toHaveLength(1);
		state(env).sign(b.id);
		const done = await t.poll();
		expect(names(done.items).sort()).toEqual([
			['caseFile.completed', 'Two signers'],
			['signer.signed', 'Ann Berg'],
			['signer.signed', 'Bo Dahl'],
		]);
		expect(done.items?.find((i) => i.json.event === 'caseFile.completed')?.json).toMatchObject({ caseFileId: b.id, status: 'completed', caseFile: { statusName: 'completed' } });
		expect((await t.poll()).items).toBeNull();
	});

	test('under the SDKs’ reading (4 = signed) a signature in a pending case file fires at once, and only once', async () => {
		state(env).signingScheme = 'sdk';
		const b = seedCaseFile(env, { title: 'Two signers', signers: twoSigners });
		const t = trigger(env.engine, penneoTrigger({ events: ['signerSigned'] }));
		await t.poll();
		state(env).sign(b.id);
		const first = await t.poll();
		expect(names(first.items)).toEqual([['signer.signed', 'Ann Berg']]);
		expect(first.items?.[0].json).toMatchObject({ caseFileId: b.id, signer: { id: b.signers[0].id, signed: true, signingRequest: { status: 4 } } });
		expect((await t.poll()).items).toBeNull();
		state(env).sign(b.id);
		expect(names((await t.poll()).items)).toEqual([['signer.signed', 'Bo Dahl']]);
	});

	test('list rows without signers: each changed case file is read (only when Signer Signed is chosen)', async () => {
		state(env).listWithSigners = false;
		const b = seedCaseFile(env, { signers: twoSigners });
		const t = trigger(env.engine, penneoTrigger({ events: ['signerSigned'] }));
		await t.poll();
		state(env).sign(b.id);
		state(env).sign(b.id);
		clearRequests();
		expect(names((await t.poll()).items)).toEqual([
			['signer.signed', 'Ann Berg'],
			['signer.signed', 'Bo Dahl'],
		]);
		expect(appRequests(env).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/casefiles', `GET /api/v1/casefiles/${b.id}`]);
		const completedOnly = trigger(env.engine, penneoTrigger({ events: ['completed'] }));
		await completedOnly.poll();
		clearRequests();
		await completedOnly.poll();
		expect(appRequests(env).map((r) => r.path)).toEqual(['/api/v1/casefiles']);
	});

	test('history from before the activation is never replayed', async () => {
		const old = seedCaseFile(env, { title: 'Old', at: Date.now() - 10 * 60_000 });
		state(env).sign(old.id, undefined, Date.now() - 9 * 60_000);
		const t = trigger(env.engine, penneoTrigger({ events: ALL }));
		expect((await t.poll()).items).toBeNull();
		expect((await t.poll()).items).toBeNull();
		expect((await t.poll()).items).toBeNull();
	});

	test('changing the events after activation starts a new baseline: nothing that already happened fires', async () => {
		const a = seedCaseFile(env, { title: 'A', signers: twoSigners });
		const t = trigger(env.engine, penneoTrigger({ events: ['rejected'] }));
		await t.poll();
		state(env).sign(a.id);
		state(env).sign(a.id);
		// Completed while the trigger watched only rejections; now the user adds Completed and Signer Signed.
		t.reconfigure({ events: ['rejected', 'completed', 'signerSigned'] });
		expect((await t.poll()).items).toBeNull();
		const b = seedCaseFile(env, { title: 'B' });
		state(env).sign(b.id);
		expect(names((await t.poll()).items).sort()).toEqual([
			['caseFile.completed', 'B'],
			['signer.signed', 'Ann Berg'],
		]);
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

	test('after a restart, the saved state prevents replays and new events still fire', async () => {
		const b = seedCaseFile(env, { signers: twoSigners });
		const t = trigger(env.engine, penneoTrigger({ events: ALL }));
		await t.poll();
		state(env).sign(b.id);
		expect((await t.poll()).items).toBeNull();
		t.restart();
		expect((await t.poll()).items).toBeNull();
		state(env).sign(b.id);
		t.restart();
		expect((await t.poll()).items?.map((i) => i.json.event).sort()).toEqual(['caseFile.completed', 'signer.signed', 'signer.signed']);
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
		expect(appRequests(env)[appRequests(env).length - 1].query).toEqual({ sort: '-created', page: '1', per_page: '10' });
		expect(t.savedStaticData).toEqual({});
	});

	test('a CPR in a title is masked in both written forms in what the trigger outputs', async () => {
		const a = seedCaseFile(env, { title: 'Lease for 010190-1234' });
		const b = seedCaseFile(env, { title: 'Lease for 0101901234' });
		const t = trigger(env.engine, penneoTrigger({ events: ['completed'] }));
		await t.poll();
		state(env).sign(a.id);
		state(env).sign(b.id);
		const fired = await t.poll();
		expect(fired.items?.map((i) => i.json.title)).toEqual(['Lease for ******-****', 'Lease for ******-****']);
		const text = JSON.stringify(fired.items);
		for (const form of ['010190-1234', '0101901234']) expect(text).not.toContain(form);
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
