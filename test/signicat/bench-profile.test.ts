/** The benchmark's "bare" requests must be the very requests the node makes, or the overhead ratio means nothing. */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { signicatProfile as profile } from '../../bench/profiles/signicat';
import { apiRequests, CRED, state, useSignicat } from './env';

const env = useSignicat();

const withCred = <T extends { credentials?: unknown }>(n: T) => ({ ...n, credentials: { signicatOAuth2Api: { id: CRED.signicatOAuth2Api, name: CRED.signicatOAuth2Api } } });

test('create + get through the nodes send what bareCreate/bareGet send by hand (the bare token comes from the same token endpoint)', async () => {
	const origin = env.sandbox.origin;
	const ctx = await profile.prepare!(origin);
	expect(state(env).tokens.has(String(ctx.token))).toBe(true);
	expect(state(env).documents.has(String(ctx.documentId))).toBe(true);
	env.sandbox.requests.length = 0;

	const r = await env.engine.run(
		{
			nodes: [withCred(profile.createNode(ctx)), withCred(profile.getNode(ctx))],
			connections: { Create: { main: [[{ node: 'Get', type: 'main', index: 0 }]] } },
		},
		[{ json: { n: 7 } }],
		'Create',
	);
	expect(r.error()).toBeUndefined();
	const [sentCreate, sentGet] = apiRequests(env);
	const sessionId = String(r.output('Get')[0].json.id);
	expect(r.output('Get')[0].json.title).toBe('Contract 7');

	const bare = profile.bareCreate(origin, ctx, 7) as IHttpRequestOptions;
	expect(`${sentCreate.method} ${origin}/signicat${sentCreate.path}`).toBe(`${bare.method} ${bare.url}`);
	expect(sentCreate.body).toEqual(bare.body);
	// Both carry a Bearer token the sandbox issued (n8n's own one for the node, the one from `prepare` by hand).
	expect(sentCreate.headers.authorization).toMatch(/^Bearer sig_at_/);
	expect((bare.headers as IDataObject).Authorization).toBe(`Bearer ${String(ctx.token)}`);

	const bareGet = profile.bareGet(origin, ctx, [{ id: sessionId }] as unknown as IDataObject);
	expect(`${sentGet.method} ${origin}/signicat${sentGet.path}`).toBe(`${bareGet.method} ${bareGet.url}`);
});

test('the polling profile seeds open sessions and signs them oldest first', () => {
	const ctx = profile.trigger!.seed(env.sandbox, 5);
	profile.trigger!.addEvents(env.sandbox, ctx, 2);
	const sessions = [...state(env).sessions.values()];
	expect(sessions.map((s) => s.lifecycle.state)).toEqual(['SIGNED', 'SIGNED', 'READY', 'READY', 'READY']);
	const created = sessions.map((s) => state(env).createdAt.get(s.id)!);
	expect(created).toEqual([...created].sort((a, b) => a - b));
});
