/** The benchmark's "bare" requests must be the very requests the node makes, or the overhead ratio means nothing. */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { nextSignProfile as profile } from '../../bench/profiles/nextsign';
import { COMPANY, useNextSign } from './env';

const env = useNextSign();

test('create + get through the nodes send what bareCreate/bareGet send by hand', async () => {
	const create = profile.createNode({});
	const get = profile.getNode({});
	const r = await env.engine.run(
		{
			nodes: [
				{ ...create, credentials: { nextSignApi: { id: 'cred-1', name: 'cred-1' } } },
				{ ...get, credentials: { nextSignApi: { id: 'cred-1', name: 'cred-1' } } },
			],
			connections: { Create: { main: [[{ node: 'Get', type: 'main', index: 0 }]] } },
		},
		[{ json: { n: 7 } }],
		'Create',
	);
	expect(r.error()).toBeUndefined();
	const [sentCreate, sentGet] = env.sandbox.requestsFor('nextsign');
	const caseId = String(r.output('Get')[0].json._id);

	const origin = env.sandbox.origin;
	const bare = profile.bareCreate(origin, {}, 7) as IHttpRequestOptions;
	expect(`${sentCreate.method} ${origin}/nextsign${sentCreate.path}`).toBe(`${bare.method} ${bare.url}`);
	expect(sentCreate.body).toEqual(bare.body);
	expect(sentCreate.headers.authorization).toBe((bare.headers as IDataObject).Authorization);

	const bareGet = profile.bareGet(origin, {}, { data: { _id: caseId } });
	expect(`${sentGet.method} ${origin}/nextsign${sentGet.path}`).toBe(`${bareGet.method} ${bareGet.url}`);
	expect(sentGet.path).toBe(`/api/v2/${COMPANY}/case/${caseId}/get`);
});
