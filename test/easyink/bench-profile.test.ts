/** The benchmark's "bare" requests must be the very requests the node makes, or the overhead ratio means nothing. */
import type { IDataObject, INode } from 'n8n-workflow';

import { easyInkProfile as profile } from '../../bench/profiles/easyink';
import { API, CRED, UUID, useEasyInkEnv } from './env';

const env = useEasyInkEnv();

const withCred = (n: INode): INode => ({ ...n, credentials: { [CRED]: { id: 'easyink-cred', name: 'easyink-cred' } } });

test('create + get through the nodes send what bareCreate/bareGet send by hand (the bare token comes from the identity provider)', async () => {
	const origin = env.sandbox.origin;
	const ctx = await profile.prepare!(origin);
	expect(env.state.accessTokens.has(String(ctx.token))).toBe(true);
	expect(env.state.sessions.get(String(ctx.draftId))?.subject).toBe('Bench uploads');
	env.sandbox.requests.length = 0;

	const r = await env.engine.run(
		{ nodes: [withCred(profile.createNode(ctx)), withCred(profile.getNode(ctx))], connections: { Create: { main: [[{ node: 'Get', type: 'main', index: 0 }]] } } },
		[{ json: { n: 7 } }],
		'Create',
	);
	expect(r.error()).toBeUndefined();
	const [sentCreate, sentGet] = env.sandbox.requestsFor(API);
	const id = String(r.output('Get')[0].json.signingSessionId);
	expect(id).toMatch(UUID);
	expect(r.output('Get')[0].json.subject).toBe('Contract 7');

	const bare = profile.bareCreate(origin, ctx, 7);
	expect(`${sentCreate.method} ${origin}/${API}${sentCreate.path}`).toBe(`${bare.method} ${bare.url}`);
	expect(sentCreate.body).toEqual(bare.body);
	expect(sentCreate.headers.authorization).toMatch(/^Bearer /);
	expect(bare.headers?.Authorization).toBe(`Bearer ${String(ctx.token)}`);
	const bareGet = profile.bareGet(origin, ctx, id as unknown as IDataObject);
	expect(`${sentGet.method} ${origin}/${API}${sentGet.path}`).toBe(`${bareGet.method} ${bareGet.url}`);

	// The bare pair works as written: the create answers the id as a JSON string, the get finds it.
	const created = await fetch(bare.url, { method: 'POST', headers: { ...bare.headers, 'content-type': 'application/json' }, body: JSON.stringify(bare.body) });
	const newId = (await created.json()) as string;
	expect(newId).toMatch(UUID);
	const got = profile.bareGet(origin, ctx, newId as unknown as IDataObject);
	const answer = await fetch(got.url, { headers: got.headers });
	expect(answer.status).toBe(200);
	expect(((await answer.json()) as IDataObject).subject).toBe('Contract 7');
});

test('the polling profile seeds sessions waiting for their signer and signs them oldest first', () => {
	const ctx = profile.trigger!.seed(env.sandbox, 5);
	profile.trigger!.addEvents(env.sandbox, ctx, 2);
	const sessions = [...env.state.sessions.values()].sort((a, b) => a.seq - b.seq);
	expect(sessions.map((s) => s.status)).toEqual(['Finished', 'Finished', 'Pending', 'Pending', 'Pending']);
});
