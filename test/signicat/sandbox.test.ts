/** The Signicat emulator itself follows the documents: validation, problem bodies and the session life cycle. */
import { makePdf } from '../../sandbox/server';
import { CLIENT_ID, CLIENT_SECRET, state, useSignicat } from './env';

const env = useSignicat();

async function token(): Promise<string> {
	const res = await fetch(`${env.sandbox.url('signicat')}/auth/open/connect/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: `grant_type=client_credentials&scope=signicat-api&client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}`,
	});
	return ((await res.json()) as { access_token: string }).access_token;
}

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
	const res = await fetch(`${env.sandbox.url('signicat')}/sign${path}`, {
		method,
		headers: { authorization: `Bearer ${await token()}`, ...(body !== undefined && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}), ...headers },
		body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const setup = [{ identityProviders: [{ idpName: 'mitid' }], signingFlow: 'AUTHENTICATION_BASED' }];

describe('Signicat sandbox', () => {
	test('uploads take PDF or text only, as raw bodies', async () => {
		expect((await api('POST', '/documents', makePdf('x'), { 'content-type': 'application/pdf' })).status).toBe(201);
		expect((await api('POST', '/documents', Buffer.from('hi'), { 'content-type': 'text/plain' })).status).toBe(201);
		const png = await api('POST', '/documents', Buffer.from('png'), { 'content-type': 'image/png' });
		expect(png).toMatchObject({ status: 415, body: { status: 415, code: 'unsupported_media_type' } });
		const fake = await api('POST', '/documents', Buffer.from('not a pdf'), { 'content-type': 'application/pdf' });
		expect(fake.body.invalidParams).toEqual([{ name: 'body', reason: 'is not a PDF document' }]);
	});

	test('metadata limits and PUT vs PATCH', async () => {
		const doc = state(env).storeDocument(makePdf('m'), 'application/pdf', Date.now(), { title: 'T', description: 'D' });
		const tooLong = await api('PATCH', `/documents/${doc.documentId}/metadata`, { filename: 'x'.repeat(256), description: 'y'.repeat(1001) });
		expect(tooLong.body.invalidParams).toEqual([
			{ name: 'filename', reason: 'size must be between 0 and 255' },
			{ name: 'description', reason: 'size must be between 0 and 1000' },
		]);
		expect((await api('PATCH', `/documents/${doc.documentId}/metadata`, { filename: 'a.pdf' })).body).toMatchObject({ filename: 'a.pdf', title: 'T', description: 'D' });
		expect((await api('PUT', `/documents/${doc.documentId}/metadata`, { title: 'Only' })).body).toMatchObject({ filename: null, title: 'Only', description: null });
		expect((await api('GET', '/documents/not-a-uuid/metadata')).body.invalidParams).toEqual([{ name: 'documentId', reason: 'must be a valid UUID' }]);
	});

	test('session creation validates every documented limit and answers an array', async () => {
		const doc = state(env).storeDocument(makePdf('s'), 'application/pdf', Date.now());
		const ok = { title: 'T', documents: [{ documentId: doc.documentId, action: 'SIGN' }], signingSetup: setup };
		const bad = await api('POST', '/signing-sessions', [
			ok,
			{
				...ok,
				title: 'x'.repeat(256),
				signText: 'x'.repeat(2049),
				dueDate: new Date(Date.now() + 46 * 86400_000).toISOString(),
				externalReference: 'x'.repeat(1025),
				signatureUrlTTL: 4,
				packageTo: ['ZIP'],
				signingSetup: [...setup, ...setup],
				signer: { validations: ['NATIONAL_IDENTIFICATION_NUMBER'] },
			},
		]);
		expect(bad.status).toBe(400);
		expect(bad.body.invalidParams.map((p: { name: string }) => p.name)).toEqual([
			'[1].title',
			'[1].signText',
			'[1].externalReference',
			'[1].signatureUrlTTL',
			'[1].dueDate',
			'[1].signingSetup',
			'[1].packageTo[0]',
			'[1].signer.nationalIdentificationNumber',
		]);
		expect(state(env).sessions.size).toBe(0);
		expect((await api('POST', '/signing-sessions', ok)).body.invalidParams).toEqual([{ name: 'body', reason: 'must be a non-empty array of signing sessions' }]);
		const created = await api('POST', '/signing-sessions', [ok, ok]);
		expect(created.status).toBe(201);
		expect(created.body).toHaveLength(2);
		expect(created.body[0]).toMatchObject({ title: 'T', lifecycle: { state: 'READY', stateIsFinal: false } });
	});

	test('listing validates offset, limit, sort and state', async () => {
		const bad = await api('GET', '/signing-sessions?offset=100001&limit=1001&sort=%2Bcolor&state=DONE&createdDateFrom=soon');
		expect(bad.body.invalidParams).toEqual([
			{ name: 'offset', reason: 'must be between 0 and 100000' },
			{ name: 'limit', reason: 'must be between 1 and 1000' },
			{ name: 'sort', reason: 'unknown sort field +color' },
			{ name: 'createdDateFrom', reason: 'must be a date-time' },
			{ name: 'state', reason: 'unknown state DONE' },
		]);
		expect((await api('GET', '/signing-sessions')).body).toEqual({ limit: 100, offset: 0, count: 0, total: 0, data: [] });
	});

	test('life cycle: BLOCKED until the preceding session is signed; collections package when all their sessions are signed', async () => {
		const a = state(env).storeDocument(makePdf('a'), 'application/pdf', Date.now());
		const coll = await api('POST', '/document-collections', { documents: [{ documentId: a.documentId }], packageTo: ['PADES_CONTAINER'] });
		const [first] = (await api('POST', '/signing-sessions', [{ title: '1', documents: [{ documentId: a.documentId, action: 'SIGN', documentCollectionId: coll.body.id }], signingSetup: setup }])).body;
		const [second] = (await api('POST', '/signing-sessions', [{ title: '2', documents: [{ documentId: a.documentId, action: 'SIGN' }], signingSetup: setup, subsequentTo: [first.id] }])).body;
		expect(second.lifecycle.state).toBe('BLOCKED');
		const control = (path: string, body?: unknown) =>
			fetch(`${env.sandbox.origin}/_control/signicat${path}`, { method: 'POST', body: body ? JSON.stringify(body) : undefined }).then(async (r) => ({ status: r.status, body: (await r.json()) as { lifecycle?: unknown } }));
		expect((await control(`/sessions/${second.id}/sign`)).status).toBe(409);
		expect((await control(`/sessions/${first.id}/sign`)).body.lifecycle).toEqual({ state: 'SIGNED', stateIsFinal: true });
		expect((await api('GET', `/signing-sessions/${second.id}`)).body.lifecycle.state).toBe('READY');
		expect((await api('GET', `/document-collections/${coll.body.id}`)).body.output.packages).toHaveLength(1);
		expect((await control(`/sessions/${second.id}/reject`)).body.lifecycle).toEqual({ state: 'REJECTED', stateIsFinal: true });
		expect((await control(`/sessions/${second.id}/expire`)).status).toBe(409);
	});

	test('a national id validation rejects a signer with another number', async () => {
		const a = state(env).storeDocument(makePdf('a'), 'application/pdf', Date.now());
		const [s] = (await api('POST', '/signing-sessions', [{ title: 'N', documents: [{ documentId: a.documentId, action: 'SIGN' }], signingSetup: setup, signer: { nationalIdentificationNumber: '0101901234', validations: ['NATIONAL_IDENTIFICATION_NUMBER'] } }])).body;
		expect(() => state(env).sign(s.id, Date.now(), '0202905678')).toThrow(/does not match/);
		expect(state(env).sign(s.id, Date.now(), '0101901234').lifecycle.state).toBe('SIGNED');
	});
});
