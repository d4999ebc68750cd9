/** The benchmark's "bare" requests must be the very requests the nodes make, or the overhead ratio means nothing. */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { penneoProfile as profile } from '../../bench/profiles/penneo';
import { appRequests, state, tokenRequests, usePenneo } from './env';

const env = usePenneo();

test('Create + Job → Get Status through the nodes send what bareCreate/bareGet send by hand', async () => {
	const ctx = await profile.prepare!(env.sandbox.origin);
	// The bare token comes from the emulated OAuth host, signed like the credential signs it.
	expect(tokenRequests(env).map((r) => r.status)).toEqual([200]);
	expect(state(env).tokens.has(String(ctx.token))).toBe(true);

	const cred = { penneoApi: { id: 'penneo-cred', name: 'penneo-cred' } };
	const r = await env.engine.run(
		{
			nodes: [
				{ ...profile.createNode(ctx), credentials: cred },
				{ ...profile.getNode(ctx), credentials: cred },
			],
			connections: { Create: { main: [[{ node: 'Get', type: 'main', index: 0 }]] } },
		},
		[profile.createInput!(ctx, 7)],
		'Create',
	);
	expect(r.error()).toBeUndefined();
	const got = r.output('Get')[0].json;
	expect(got).toMatchObject({ jobStatus: 'completed', caseFileId: expect.any(Number) });
	const [sentCreate, sentGet] = appRequests(env);

	env.sandbox.requests.length = 0;
	const origin = env.sandbox.origin;
	const bare = profile.bareCreate(origin, ctx, 7);
	expect(`${sentCreate.method} ${origin}/penneo${sentCreate.path}`).toBe(`${bare.method} ${bare.url}`);
	// The same case file as the node's would be refused as a duplicate: drop the node's job first.
	state(env).jobs.clear();
	// A native FormData: axios writes its multipart Content-Type (with the boundary) itself.
	const created = await axios.post(bare.url, bare.body, { headers: bare.headers });
	expect(created.status).toBe(201);
	const [bareSent] = appRequests(env);
	expect(bareSent.parts).toEqual(sentCreate.parts);
	expect(bareSent.headers['x-auth-token']).toBe(ctx.token);
	expect(sentCreate.headers['x-auth-token']).toEqual(expect.any(String));

	const bareGet = profile.bareGet(origin, ctx, created.data as IDataObject);
	expect(`${sentGet.method} ${origin}/penneo${sentGet.path}`).toBe(`${bareGet.method} ${bareGet.url}`);
	const checked = await axios.post(bareGet.url, bareGet.body, { headers: bareGet.headers });
	expect(checked.data).toMatchObject({ jobStatus: 'completed' });
	expect(Object.keys(bareGet.body as IDataObject).sort()).toEqual(Object.keys(sentGet.body as IDataObject).sort());
	// The job status endpoint is public: neither the node nor the bare request sends a token.
	for (const sent of [appRequests(env)[1], sentGet]) {
		expect(sent.headers['x-auth-token']).toBeUndefined();
		expect(sent.headers.authorization).toBeUndefined();
	}
});

test('the polling profile: seeded case files fire nothing, each signature that completes one fires once', async () => {
	const seeded = profile.trigger!.seed(env.sandbox, 150);
	const { TriggerRunner } = await import('../../sandbox/engine');
	const runner = new TriggerRunner(env.engine, { ...profile.trigger!.node(seeded), credentials: { penneoApi: { id: 'penneo-cred', name: 'penneo-cred' } } });
	expect((await runner.poll()).items).toBeNull();
	env.sandbox.requests.length = 0;
	expect((await runner.poll()).items).toBeNull();
	expect(appRequests(env)).toHaveLength(1);
	profile.trigger!.addEvents(env.sandbox, seeded, 120);
	env.sandbox.requests.length = 0;
	const fired = await runner.poll();
	expect(fired.items).toHaveLength(120);
	expect(appRequests(env).map((q) => `${q.headers['x-paginate']} ${q.query.page}/${q.query.per_page}`)).toEqual(['true 1/100', 'true 2/100']);
});
