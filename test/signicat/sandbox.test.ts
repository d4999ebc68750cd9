/**
 * The Signicat emulator itself, over HTTP: the documented shapes only, the documented validation and error
 * body, the strict reader where the docs are silent, and the session life cycle (BLOCKED → READY →
 * SIGNED | REJECTED; a passed due date changes no state).
 */
import { makePdf } from '../../sandbox/server';
import { CLIENT_ID, CLIENT_SECRET, addSession, state, useSignicat } from './env';

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
	const type = res.headers.get('content-type');
	const text = await res.text();
	return { status: res.status, type, body: text && /json/.test(String(type)) ? JSON.parse(text) : text || undefined };
}

const control = (path: string, body?: unknown) =>
	fetch(`${env.sandbox.origin}/_control/signicat${path}`, { method: 'POST', body: body ? JSON.stringify(body) : undefined }).then(async (r) => ({
		status: r.status,
		body: (await r.json()) as { lifecycle?: unknown; dueDate?: string; error?: string },
	}));

const setup = [{ identityProviders: [{ idpName: 'mitid' }], signingFlow: 'AUTHENTICATION_BASED' }];

function collected() {
	const st = state(env);
	const d = st.storeDocument(makePdf('s'), 'application/pdf', Date.now());
	const c = st.addCollection([d.documentId]);
	return { title: 'T', documents: [{ documentCollectionId: c.id, action: 'SIGN', documentId: d.documentId }], signingSetup: setup };
}

/** The documented error body, with the expected invalid parameters. */
const problem400 = (invalidParams: unknown) => ({
	status: 400,
	body: { status: 400, title: 'Bad request', code: 'bad_request', traceId: expect.stringMatching(/^[0-9a-f]{32}$/), invalidParams, detail: 'The request was malformed.' },
});

describe('Signicat sandbox: documents', () => {
	test('uploads take PDF or text only, as raw bodies, and answer the document reference', async () => {
		const pdf = await api('POST', '/documents', makePdf('x'), { 'content-type': 'application/pdf' });
		expect(pdf.status).toBe(201);
		expect(Object.keys(pdf.body).sort()).toEqual(['createdAt', 'documentHash', 'documentId', 'mimeType']);
		expect((await api('POST', '/documents', Buffer.from('hi'), { 'content-type': 'text/plain' })).status).toBe(201);
		const png = await api('POST', '/documents', Buffer.from('png'), { 'content-type': 'image/png' });
		expect(png).toMatchObject({ status: 415, type: 'application/problem+json', body: { status: 415, code: 'unsupported_media_type' } });
		const fake = await api('POST', '/documents', Buffer.from('not a pdf'), { 'content-type': 'application/pdf' });
		expect(fake.body.invalidParams).toEqual([{ name: 'body', reason: 'is not a PDF document' }]);
	});

	test('the upload takes no query parameters: ?filename= (only in an unreleased SDK branch) is refused', async () => {
		const r = await api('POST', '/documents?filename=a.pdf', makePdf('x'), { 'content-type': 'application/pdf' });
		expect(r).toMatchObject(problem400([{ name: 'filename', reason: 'Unknown query parameter: filename' }]));
		expect(state(env).documents.size).toBe(0);
	});

	test('metadata: limits, PATCH changes only what it names, unknown keys and PUT refused', async () => {
		const doc = state(env).storeDocument(makePdf('m'), 'application/pdf', Date.now(), { title: 'T', description: 'D' });
		const tooLong = await api('PATCH', `/documents/${doc.documentId}/metadata`, { filename: 'x'.repeat(256), description: 'y'.repeat(1001) });
		expect(tooLong).toMatchObject(
			problem400([
				{ name: 'filename', reason: 'size must be between 0 and 255' },
				{ name: 'description', reason: 'size must be between 0 and 1000' },
			]),
		);
		expect((await api('PATCH', `/documents/${doc.documentId}/metadata`, { filename: 'a.pdf' })).body).toMatchObject({ filename: 'a.pdf', title: 'T', description: 'D' });
		expect((await api('PATCH', `/documents/${doc.documentId}/metadata`, { mimeType: 'text/plain' })).body.invalidParams).toEqual([{ name: 'mimeType', reason: 'is not a known field' }]);
		expect((await api('PUT', `/documents/${doc.documentId}/metadata`, { title: 'Only' })).status).toBe(405);
		expect((await api('GET', '/documents/not-a-uuid/metadata')).body.invalidParams).toEqual([{ name: 'documentId', reason: 'must be a valid UUID' }]);
		expect((await api('GET', '/documents/f05d0dce-a7af-432b-b6b8-e455ab7c0857')).body).toMatchObject({ status: 404, code: 'document_not_found' });
	});
});

describe('Signicat sandbox: signing sessions', () => {
	test('create answers an array of sessions with the documented fields only: signatureUrl and its expiry, no createdAt', async () => {
		const created = await api('POST', '/signing-sessions', [{ ...collected(), signatureUrlTTL: 60 }, collected()]);
		expect(created.status).toBe(201);
		expect(created.body).toHaveLength(2);
		const [s] = created.body;
		expect(Object.keys(s).sort()).toEqual(['documents', 'id', 'lifecycle', 'output', 'signatureUrl', 'signatureUrlExpiresAt', 'signatureUrlTTL', 'signingSetup', 'title']);
		expect(s.lifecycle).toEqual({ state: 'READY', stateIsFinal: false });
		expect(s.signatureUrl).toMatch(new RegExp(`sessionId=${s.id}$`));
		expect(Date.parse(s.signatureUrlExpiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);
		const read = await api('GET', `/signing-sessions/${s.id}`);
		expect(read.body).toEqual(s);
		expect(read.body.createdAt).toBeUndefined();
	});

	test('documented limits, required fields and enums are checked for every session; nothing is created', async () => {
		const ok = collected();
		const bad = await api('POST', '/signing-sessions', [
			ok,
			{
				...ok,
				title: 'x'.repeat(256),
				signText: 'x'.repeat(2049),
				dueDate: new Date(Date.now() + 46 * 86400_000).toISOString(),
				externalReference: 'x'.repeat(1025),
				signatureUrlTTL: 4,
				documents: [{ documentId: ok.documents[0].documentId, action: 'APPROVE' }],
				packageTo: ['ZIP'],
				signingSetup: [{ identityProviders: [{ idpName: 'mitid' }], signingFlow: 'PKI', vendor: 'ACME' }],
				signer: { validations: ['NATIONAL_IDENTIFICATION_NUMBER'] },
				ui: { language: 'pl' },
			},
		]);
		expect(bad.status).toBe(400);
		expect(bad.body.invalidParams.map((p: { name: string; reason: string }) => `${p.name}: ${p.reason}`)).toEqual([
			'[1].title: size must be between 0 and 255',
			'[1].signText: size must be between 0 and 2048',
			'[1].externalReference: size must be between 0 and 1024',
			'[1].signatureUrlTTL: must be an integer between 5 and 525600',
			'[1].dueDate: can be a maximum of 45 days into the future',
			'[1].documents[0].action: must be one of SIGN, VIEW',
			'[1].documents[0].documentCollectionId: is required',
			'[1].signingSetup[0].signingFlow: must be one of AUTHENTICATION_BASED, PKISIGNING',
			'[1].signingSetup[0].vendor: must be one of AUDKENNI, BUYPASS, SBID, NBID, SMARTID, MOBILEID',
			'[1].packageTo[0]: must be one of PADES_CONTAINER',
			'[1].signer.nationalIdentificationNumber: is required for NATIONAL_IDENTIFICATION_NUMBER validation',
			'[1].ui.language: must be one of da, de, en, fi, nb, nn, sv, ca, es, et, fo, fr, it, nl',
		]);
		expect(state(env).sessions.size).toBe(0);
		expect((await api('POST', '/signing-sessions', ok)).body.invalidParams).toEqual([{ name: 'body', reason: 'must be a non-empty array of signing sessions' }]);
	});

	test('strict reader: unknown keys, a redirectSettings without all three URLs, a document outside its collection', async () => {
		const ok = collected();
		const other = collected();
		const r = await api('POST', '/signing-sessions', [
			{
				...ok,
				createdAt: '2026-01-01T00:00:00Z',
				redirectSettings: { success: 'https://example.com/ok', reject: 'https://example.com/no' },
				signer: { email: 'a@example.com', phone: '+4712345678' },
				signingSetup: [{ ...setup[0], additionalParameters: { sbid_flow: 'QR', retries: 3 } }],
				documents: [{ ...ok.documents[0], documentCollectionId: other.documents[0].documentCollectionId }],
			},
		]);
		expect(r).toMatchObject(
			problem400([
				{ name: '[0].createdAt', reason: 'is not a known field' },
				{ name: '[0].documents[0].documentId', reason: 'is not in the document collection' },
				{ name: '[0].signingSetup[0].additionalParameters.retries', reason: 'must be a string' },
				{ name: '[0].signer.phone', reason: 'is not a known field' },
				{ name: '[0].redirectSettings.reject', reason: 'is not a known field' },
				{ name: '[0].redirectSettings.cancel', reason: 'is required' },
				{ name: '[0].redirectSettings.error', reason: 'is required' },
			]),
		);
		const full = await api('POST', '/signing-sessions', [
			{
				...ok,
				senderDisplayName: 'Acme',
				signer: { email: 'a@example.com', mobile: '+4712345678' },
				signingSetup: [{ identityProviders: [{ idpName: 'sbid' }], signingFlow: 'PKISIGNING', vendor: 'SBID', additionalParameters: { sbid_flow: 'QR' } }],
				redirectSettings: { success: 'https://e.com/ok', cancel: 'https://e.com/cancel', error: 'https://e.com/error' },
				ui: { language: 'fo' },
			},
		]);
		expect(full.status).toBe(201);
		expect(full.body[0]).toMatchObject({ senderDisplayName: 'Acme', signer: { email: 'a@example.com', mobile: '+4712345678' } });
	});

	test('listing refuses unknown parameters, states (EXPIRED is none) and sort fields (title is none)', async () => {
		const bad = await api('GET', '/signing-sessions?offset=100001&limit=1001&sort=%2Btitle&state=EXPIRED&createdDateFrom=soon');
		expect(bad).toMatchObject(
			problem400([
				{ name: 'offset', reason: 'must be between 0 and 100000' },
				{ name: 'limit', reason: 'must be between 1 and 1000' },
				{ name: 'sort', reason: 'Unknown sort field: +title' },
				{ name: 'createdDateFrom', reason: 'must be a date-time' },
				{ name: 'state', reason: 'Unknown state: EXPIRED' },
			]),
		);
		expect((await api('GET', '/signing-sessions?status=READY')).body.invalidParams).toEqual([{ name: 'status', reason: 'Unknown query parameter: status' }]);
		expect((await api('GET', '/signing-sessions')).body).toEqual({ limit: 100, offset: 0, count: 0, total: 0, data: [] });
	});

	test('createdDateFrom/To and sort=±createdAt work on the internal creation time (no answer shows it)', async () => {
		const base = Date.parse('2026-03-01T00:00:00Z');
		const [a, b, c] = [0, 1, 2].map((k) => addSession(env, { title: `S${k}`, createdAtMs: base + k * 3600_000 }));
		const list = async (q: string) => (await api('GET', `/signing-sessions?${q}`)).body;
		expect((await list('')).data.map((s: { id: string }) => s.id)).toEqual([c.id, b.id, a.id]);
		expect((await list('sort=%2BcreatedAt')).data.map((s: { id: string }) => s.id)).toEqual([a.id, b.id, c.id]);
		const from = await list(`createdDateFrom=${encodeURIComponent('2026-03-01T01:00:00Z')}&createdDateTo=${encodeURIComponent('2026-03-01T01:59:59Z')}`);
		expect(from).toMatchObject({ total: 1, count: 1, data: [{ id: b.id }] });
		expect(from.data[0].createdAt).toBeUndefined();
		const page = await list('sort=-createdAt&offset=1&limit=1');
		expect(page).toEqual({ limit: 1, offset: 1, count: 1, total: 3, data: [expect.objectContaining({ id: b.id })] });
	});

	test('life cycle: BLOCKED until the preceding session is signed; result documents listed at once; collections package', async () => {
		const ok = collected();
		const coll = await api('POST', '/document-collections', { documents: [{ documentId: ok.documents[0].documentId }], packageTo: ['PADES_CONTAINER'] });
		expect(coll.body).toMatchObject({ documents: [{ documentId: ok.documents[0].documentId }], packageTo: ['PADES_CONTAINER'], output: { packages: [] } });
		const first = (await api('POST', '/signing-sessions', [{ ...ok, documents: [{ ...ok.documents[0], documentCollectionId: coll.body.id }] }])).body[0];
		const second = (await api('POST', '/signing-sessions', [{ ...ok, subsequentTo: [first.id] }])).body[0];
		expect(second.lifecycle).toEqual({ state: 'BLOCKED', stateIsFinal: false });
		expect((await control(`/sessions/${second.id}/sign`)).status).toBe(409);
		expect((await control(`/sessions/${first.id}/sign`)).body.lifecycle).toEqual({ state: 'SIGNED', stateIsFinal: true });
		const signed = (await api('GET', `/signing-sessions/${first.id}`)).body;
		expect(signed.output.signatures).toEqual([
			{ documentCollectionId: coll.body.id, resultDocumentId: expect.any(String), originalDocumentId: ok.documents[0].documentId, resultArchiveId: expect.any(String), signatureType: 'PADES' },
		]);
		expect((await api('GET', `/documents/${signed.output.signatures[0].resultDocumentId}`)).status).toBe(200);
		expect((await api('GET', `/signing-sessions/${second.id}`)).body.lifecycle.state).toBe('READY');
		expect((await api('GET', `/document-collections/${coll.body.id}`)).body.output.packages).toHaveLength(1);
		expect((await control(`/sessions/${second.id}/reject`)).body.lifecycle).toEqual({ state: 'REJECTED', stateIsFinal: true });
		expect((await control(`/sessions/${second.id}/expire`)).status).toBe(409);
	});

	test('a due date passing changes no state (no source has one for it): the session stays READY and can no longer be signed', async () => {
		const s = (await api('POST', '/signing-sessions', [{ ...collected(), dueDate: new Date(Date.now() + 86400_000).toISOString() }])).body[0];
		const expired = await control(`/sessions/${s.id}/expire`);
		expect(expired.body.lifecycle).toEqual({ state: 'READY', stateIsFinal: false });
		expect(Date.parse(expired.body.dueDate!)).toBeLessThan(Date.now());
		expect(await control(`/sessions/${s.id}/sign`)).toEqual({ status: 409, body: { error: 'signing session is past its due date' } });
		const due = await api('GET', `/signing-sessions?state=READY&dueDateTo=${encodeURIComponent(new Date().toISOString())}`);
		expect(due.body.data.map((x: { id: string }) => x.id)).toEqual([s.id]);
	});

	test('a national id validation rejects a signer with another number', async () => {
		const [s] = (await api('POST', '/signing-sessions', [{ ...collected(), signer: { nationalIdentificationNumber: '0101901234', validations: ['NATIONAL_IDENTIFICATION_NUMBER'] } }])).body;
		expect(() => state(env).sign(s.id, Date.now(), '0202905678')).toThrow(/does not match/);
		expect(state(env).sign(s.id, Date.now(), '0101901234').lifecycle.state).toBe('SIGNED');
	});
});
