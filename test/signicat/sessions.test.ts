/** Signing sessions: create (array body, one or several per item), get, list, delete, signed documents, send. */
import type { IDataObject } from 'n8n-workflow';

import { makePdf } from '../../sandbox/server';
import { binaryContent, fileItem, single } from '../helpers';
import { addSession, apiRequests, collectedDocument, signicat, state, useSignicat } from './env';

const env = useSignicat();
const NIN = '0101901234';

/** A stored document in its own collection (a session document names both). */
function doc(content = makePdf('to sign'), mime = 'application/pdf', filename?: string) {
	return collectedDocument(env, content, mime, filename ? { filename } : {});
}

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

describe('Signing Session → Create', () => {
	test('from fields: one session per item, sent as an array body with every option mapped', async () => {
		const d = doc();
		const prior = addSession(env);
		const due = inDays(10);
		const n = signicat({
			resource: 'signingSession',
			operation: 'create',
			define: 'fields',
			title: 'Rental agreement',
			documents: { document: [{ documentId: d.documentId, action: 'SIGN', documentCollectionId: d.documentCollectionId }] },
			identityProviders: 'mitid, nbid',
			signingFlow: 'AUTHENTICATION_BASED',
			options: {
				signText: 'Please sign',
				dueDate: due,
				externalReference: 'order-42',
				subsequentTo: prior.id,
				padesContainer: true,
				signerNationalId: NIN,
				signerEmail: 'kari@example.com',
				signerMobile: '+4712345678',
				senderDisplayName: 'Acme Rentals',
				language: 'da',
				hideWelcomeScreen: true,
				successUrl: 'https://example.com/ok',
				cancelUrl: 'https://example.com/cancelled',
				errorUrl: 'https://example.com/error',
				signatureUrlTtl: 60,
				preAuthentication: true,
			},
		});
		const r = await env.engine.run(single(n));
		expect(r.error()).toBeUndefined();
		const [post] = apiRequests(env);
		expect(post).toMatchObject({ method: 'POST', path: '/sign/signing-sessions', search: '', status: 201 });
		expect(post.headers['content-type']).toMatch(/^application\/json/);
		expect(post.body).toEqual([
			{
				title: 'Rental agreement',
				signText: 'Please sign',
				dueDate: due,
				documents: [{ documentId: d.documentId, action: 'SIGN', documentCollectionId: d.documentCollectionId }],
				externalReference: 'order-42',
				signingSetup: [{ identityProviders: [{ idpName: 'mitid' }, { idpName: 'nbid' }], signingFlow: 'AUTHENTICATION_BASED' }],
				subsequentTo: [prior.id],
				packageTo: ['PADES_CONTAINER'],
				signer: { nationalIdentificationNumber: NIN, validations: ['NATIONAL_IDENTIFICATION_NUMBER'], email: 'kari@example.com', mobile: '+4712345678' },
				preAuthentication: { enabled: true },
				ui: { language: 'da', hideWelcomeScreen: true },
				redirectSettings: { success: 'https://example.com/ok', cancel: 'https://example.com/cancelled', error: 'https://example.com/error' },
				signatureUrlTTL: 60,
				senderDisplayName: 'Acme Rentals',
			},
		]);
		const out = r.output('Signicat');
		expect(out).toHaveLength(1);
		const session = [...state(env).sessions.values()].find((s) => s.title === 'Rental agreement')!;
		// The signing URL comes first: it is how the workflow sends the signer to sign.
		expect(Object.keys(out[0].json).slice(0, 3)).toEqual(['id', 'signatureUrl', 'signatureUrlExpiresAt']);
		expect(out[0].json).toMatchObject({
			id: session.id,
			signatureUrl: session.signatureUrl,
			signatureUrlExpiresAt: session.signatureUrlExpiresAt,
			title: 'Rental agreement',
			lifecycle: { state: 'BLOCKED', stateIsFinal: false },
			externalReference: 'order-42',
		});
		// The national id number never reaches the output.
		expect(out[0].json.signer).toEqual({ nationalIdentificationNumber: '***', validations: ['NATIONAL_IDENTIFICATION_NUMBER'], email: 'kari@example.com', mobile: '+4712345678' });
		expect(JSON.stringify(r.run.data.resultData)).not.toContain(NIN);
	});

	test('from fields: PKI signing with a vendor and identity provider parameters, a document to view', async () => {
		const a = doc();
		const b = doc(makePdf('appendix'));
		const n = signicat({
			resource: 'signingSession',
			operation: 'create',
			title: 'BankID signing',
			documents: {
				document: [
					{ documentId: a.documentId, action: 'SIGN', documentCollectionId: a.documentCollectionId },
					{ documentId: b.documentId, action: 'VIEW', documentCollectionId: b.documentCollectionId },
				],
			},
			identityProviders: 'sbid',
			signingFlow: 'PKISIGNING',
			options: {
				vendor: 'SBID',
				additionalParameters: { parameter: [{ name: 'sbid_flow', value: 'QR' }, { name: ' sbid_end_user_ip ', value: '127.0.0.1' }, { name: '', value: 'ignored' }] },
				language: 'fo',
			},
		});
		const r = await env.engine.run(single(n));
		expect(r.error()).toBeUndefined();
		expect(apiRequests(env)[0].body).toEqual([
			{
				title: 'BankID signing',
				documents: [
					{ documentId: a.documentId, action: 'SIGN', documentCollectionId: a.documentCollectionId },
					{ documentId: b.documentId, action: 'VIEW', documentCollectionId: b.documentCollectionId },
				],
				signingSetup: [
					{ identityProviders: [{ idpName: 'sbid' }], signingFlow: 'PKISIGNING', vendor: 'SBID', additionalParameters: { sbid_flow: 'QR', sbid_end_user_ip: '127.0.0.1' } },
				],
				ui: { language: 'fo' },
			},
		]);
		const id = String(r.output('Signicat')[0].json.id);
		state(env).sign(id, Date.now());
		// Only the document to sign gets a signature.
		expect(state(env).session(id).output.signatures.map((s) => s.originalDocumentId)).toEqual([a.documentId]);
	});

	test('from JSON: several sessions per item in one request, one output item each, paired to their item', async () => {
		const a = doc();
		const b = doc(Buffer.from('text to sign'), 'text/plain');
		const docs = (d: { documentId: string; documentCollectionId: string }) => [{ documentCollectionId: d.documentCollectionId, action: 'SIGN', documentId: d.documentId }];
		const sessions = (t: string) => [
			{ title: `${t} 1`, documents: docs(a), signingSetup: [{ identityProviders: [{ idpName: 'sbid' }], signingFlow: 'AUTHENTICATION_BASED' }] },
			{ title: `${t} 2`, documents: docs(b), signingSetup: [{ identityProviders: [{ idpName: 'sbid' }], signingFlow: 'PKISIGNING', vendor: 'SBID' }], externalReference: null },
		];
		const n = signicat({ resource: 'signingSession', operation: 'create', define: 'json', sessionsJson: '={{ JSON.stringify($json.sessions) }}' });
		const r = await env.engine.run(single(n), [{ json: { sessions: sessions('A') } }, { json: { sessions: sessions('B') } }]);
		expect(r.error()).toBeUndefined();
		const posts = apiRequests(env);
		expect(posts).toHaveLength(2);
		expect(posts[0].body).toEqual(sessions('A'));
		expect(posts[1].body).toEqual(sessions('B'));
		const out = r.output('Signicat');
		expect(out.map((o) => [o.json.title, o.pairedItem])).toEqual([
			['A 1', { item: 0 }],
			['A 2', { item: 0 }],
			['B 1', { item: 1 }],
			['B 2', { item: 1 }],
		]);
	});

	test('Signicat’s own validation errors name the session and field', async () => {
		const d = doc();
		const other = doc();
		const n = signicat({
			resource: 'signingSession',
			operation: 'create',
			define: 'json',
			sessionsJson: JSON.stringify([
				{
					title: 'x',
					documents: [{ documentId: other.documentId, action: 'SIGN', documentCollectionId: d.documentCollectionId }],
					signingSetup: [{ identityProviders: [{ idpName: 'mitid' }], signingFlow: 'AUTHENTICATION_BASED' }],
					signer: { nationalIdentificationNumber: NIN },
				},
			]),
		});
		const r = await env.engine.run(single(n));
		const e = r.error('Signicat')!;
		expect(e.message).toBe('Signicat rejected the request (400): Bad request: The request was malformed. (bad_request) [0].documents[0].documentId: is not in the document collection');
		const shown = e as unknown as { errorResponse?: unknown; context?: unknown };
		expect(JSON.stringify([e.message, e.description, shown.errorResponse, shown.context])).not.toContain(NIN);
	});

	test('a 5xx on create is not retried (no duplicate session) and says how to check', async () => {
		const d = doc();
		env.sandbox.addFault({ prefix: 'signicat', method: 'POST', path: '/sign/signing-sessions', status: 503 });
		const r = await env.engine.run(
			single(signicat({ resource: 'signingSession', operation: 'create', title: 'Once', documents: { document: [{ documentId: d.documentId, documentCollectionId: d.documentCollectionId }] }, identityProviders: 'mitid' })),
		);
		expect(apiRequests(env).filter((x) => x.method === 'POST')).toHaveLength(1);
		expect(r.error('Signicat')!.message).toBe('Signicat answered 503 to POST /signicat/sign/signing-sessions: Injected 503 (SANDBOX_FAULT)');
		expect(r.error('Signicat')!.description).toMatch(/Get Many with "Title Contains" \("Once"\)/);
	});
});

describe('Signing Session → Create under rate limiting', () => {
	test('a 429 (not applied) is waited out per Retry-After and sent again: one session is created', async () => {
		const d = doc();
		env.sandbox.addFault({ prefix: 'signicat', method: 'POST', path: '/sign/signing-sessions', status: 429, retryAfter: '0', body: { status: 429, title: 'Too many requests', code: 'too_many_requests' } });
		const r = await env.engine.run(
			single(signicat({ resource: 'signingSession', operation: 'create', title: 'Throttled', documents: { document: [{ documentId: d.documentId, documentCollectionId: d.documentCollectionId }] }, identityProviders: 'mitid' })),
		);
		expect(r.error()).toBeUndefined();
		expect(apiRequests(env).map((x) => `${x.method} ${x.path} ${x.status}`)).toEqual(['POST /sign/signing-sessions 429', 'POST /sign/signing-sessions 201']);
		expect(state(env).sessions.size).toBe(1);
	});
});

describe('Signing Session → Get, Get Many, Delete', () => {
	test('Get returns the session with its state; Delete removes it', async () => {
		const s = addSession(env, { title: 'Lease', state: 'READY' });
		const r = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'get', sessionId: s.id })));
		expect(r.output('Signicat')[0].json).toMatchObject({ id: s.id, title: 'Lease', lifecycle: { state: 'READY', stateIsFinal: false } });
		const del = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'delete', sessionId: s.id })));
		expect(del.output('Signicat')[0].json).toEqual({ sessionId: s.id, deleted: true });
		expect(apiRequests(env).map((x) => `${x.method} ${x.path} ${x.status}`)).toEqual([`GET /sign/signing-sessions/${s.id} 200`, `DELETE /sign/signing-sessions/${s.id} 204`]);
	});

	test('Get Many sends every filter, the sort and the limit as query parameters', async () => {
		addSession(env, { title: 'Contract A', state: 'READY', createdAtMs: Date.parse('2026-03-02T10:00:00.000Z'), dueDate: '2026-04-10T00:00:00.000Z' });
		addSession(env, { title: 'contract B', state: 'BLOCKED', createdAtMs: Date.parse('2026-03-03T10:00:00.000Z'), dueDate: '2026-04-11T00:00:00.000Z' });
		addSession(env, { title: 'Contract C', state: 'SIGNED', createdAtMs: Date.parse('2026-03-04T10:00:00.000Z'), dueDate: '2026-04-12T00:00:00.000Z' });
		addSession(env, { title: 'Other', state: 'READY', createdAtMs: Date.parse('2026-03-05T10:00:00.000Z') });
		const n = signicat({
			resource: 'signingSession',
			operation: 'getMany',
			returnAll: false,
			limit: 10,
			sort: '+dueDate',
			filters: {
				states: ['READY', 'BLOCKED'],
				createdDateFrom: '2026-03-01T00:00:00Z',
				createdDateTo: '2026-03-31T23:59:59Z',
				dueDateFrom: '2026-04-01T00:00:00Z',
				dueDateTo: '2026-04-30T00:00:00Z',
				titleContains: 'contract',
			},
		});
		const r = await env.engine.run(single(n));
		const [list] = apiRequests(env);
		expect(list.path).toBe('/sign/signing-sessions');
		expect(list.query).toEqual({
			offset: '0',
			limit: '10',
			sort: '+dueDate',
			createdDateFrom: '2026-03-01T00:00:00.000Z',
			createdDateTo: '2026-03-31T23:59:59.000Z',
			state: 'BLOCKED', // the recorder keeps the last of the repeated values…
			dueDateFrom: '2026-04-01T00:00:00.000Z',
			dueDateTo: '2026-04-30T00:00:00.000Z',
			sessionTitleLike: 'contract',
		});
		// …the raw query string has both, repeated as the API documents (state=READY&state=BLOCKED).
		expect(state(env).listQueries).toEqual([
			'offset=0&limit=10&sort=%2BdueDate&createdDateFrom=2026-03-01T00%3A00%3A00.000Z&createdDateTo=2026-03-31T23%3A59%3A59.000Z' +
				'&state=READY&state=BLOCKED&dueDateFrom=2026-04-01T00%3A00%3A00.000Z&dueDateTo=2026-04-30T00%3A00%3A00.000Z&sessionTitleLike=contract',
		]);
		expect(r.output('Signicat').map((o) => o.json.title)).toEqual(['Contract A', 'contract B']);
	});

	test('Get Many repeats state= for each chosen state', async () => {
		const s1 = addSession(env, { state: 'READY' });
		const s2 = addSession(env, { state: 'BLOCKED' });
		addSession(env, { state: 'SIGNED' });
		const r = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'getMany', returnAll: true, filters: { states: ['READY', 'BLOCKED'] } })));
		expect(r.output('Signicat').map((o) => o.json.id).sort()).toEqual([s1.id, s2.id].sort());
	});

	test('Return All reads offset/limit pages of 1000 until the total is reached', async () => {
		const base = Date.parse('2026-01-01T00:00:00Z');
		for (let k = 0; k < 2300; k++) addSession(env, { createdAtMs: base + k * 1000, title: `S${k}` });
		const r = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'getMany', returnAll: true, sort: '+createdAt' })));
		expect(r.output('Signicat')).toHaveLength(2300);
		expect(apiRequests(env).map((x) => [x.query.offset, x.query.limit, x.query.sort])).toEqual([
			['0', '1000', '+createdAt'],
			['1000', '1000', '+createdAt'],
			['2000', '1000', '+createdAt'],
		]);
		expect(r.output('Signicat')[2299].json.title).toBe('S2299');
	});

	test('a Limit asks for no more than needed', async () => {
		for (let k = 0; k < 30; k++) addSession(env);
		const r = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'getMany', returnAll: false, limit: 7 })));
		expect(r.output('Signicat')).toHaveLength(7);
		expect(apiRequests(env).map((x) => x.query)).toEqual([{ offset: '0', limit: '7', sort: '-createdAt' }]);
	});
});

describe('Signing Session → Download Signed Documents', () => {
	async function signedSession(packageTo = true) {
		const pdf = doc(makePdf('lease'), 'application/pdf', 'lease.pdf');
		const txt = doc(Buffer.from('terms'), 'text/plain', 'terms.txt');
		const r = await env.engine.run(
			single(
				signicat({
					resource: 'signingSession',
					operation: 'create',
					title: 'Lease pack',
					documents: {
						document: [
							{ documentId: pdf.documentId, documentCollectionId: pdf.documentCollectionId },
							{ documentId: txt.documentId, documentCollectionId: txt.documentCollectionId },
						],
					},
					identityProviders: 'mitid',
					options: { padesContainer: packageTo },
				}),
			),
		);
		const id = r.output('Signicat')[0].json.id as string;
		state(env).sign(id, Date.now());
		env.sandbox.requests.length = 0;
		return id;
	}

	test('every result document (per signature and the PAdES package) becomes a binary property of one item', async () => {
		const id = await signedSession();
		const r = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'downloadSigned', sessionId: id, binaryPrefix: 'signed', include: 'all' })));
		expect(r.error()).toBeUndefined();
		const out = r.output('Signicat');
		expect(out).toHaveLength(1);
		const item = out[0];
		const session = state(env).sessions.get(id)!;
		const [sig1, sig2] = session.output.signatures;
		const [pkg] = session.output.packages;
		expect(Object.keys(item.binary!)).toEqual(['signed_0', 'signed_1', 'signed_2']);
		expect(item.binary!.signed_0).toMatchObject({ fileName: 'lease-signed.pdf', mimeType: 'application/pdf' });
		expect(item.binary!.signed_1).toMatchObject({ fileName: 'terms-signed.xml', mimeType: 'application/xml' });
		expect(item.binary!.signed_2).toMatchObject({ fileName: 'Lease pack-package.pdf', mimeType: 'application/pdf' });
		for (const [k, ref] of [['signed_0', sig1.resultDocumentId], ['signed_1', sig2.resultDocumentId], ['signed_2', pkg.resultDocumentId]] as const)
			expect(binaryContent(item, k).equals(state(env).documents.get(ref)!.content)).toBe(true);
		expect(item.json).toMatchObject({
			sessionId: id,
			state: 'SIGNED',
			title: 'Lease pack',
			files: [
				{ binaryProperty: 'signed_0', kind: 'signature', type: 'PADES', resultDocumentId: sig1.resultDocumentId, fileName: 'lease-signed.pdf' },
				{ binaryProperty: 'signed_1', kind: 'signature', type: 'XADES', resultDocumentId: sig2.resultDocumentId, fileName: 'terms-signed.xml' },
				{ binaryProperty: 'signed_2', kind: 'package', type: 'PADES_CONTAINER', resultDocumentId: pkg.resultDocumentId },
			],
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('Packages Only downloads just the PAdES container', async () => {
		const id = await signedSession();
		const r = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'downloadSigned', sessionId: id, binaryPrefix: 'pkg', include: 'packages' })));
		expect(Object.keys(r.output('Signicat')[0].binary!)).toEqual(['pkg_0']);
		expect((r.output('Signicat')[0].json.files as IDataObject[])[0].kind).toBe('package');
	});

	test('a session that is not signed yet: a clear error, no downloads', async () => {
		const s = addSession(env, { state: 'READY' });
		const r = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'downloadSigned', sessionId: s.id })));
		expect(r.error('Signicat')!.message).toBe(`Signing session ${s.id} has no signed documents yet (state READY) [item 0]`);
		expect(r.error('Signicat')!.description).toMatch(/Signicat Trigger \(Session Signed\)/);
		expect(apiRequests(env)).toHaveLength(1);
	});
});

describe('Signing Session → Send Document for Signing', () => {
	test('uploads the file, creates the session with defaults and returns the signing URL and ids', async () => {
		const pdf = makePdf('Employment contract');
		const n = signicat({ resource: 'signingSession', operation: 'send', binaryPropertyName: 'data', identityProviders: 'mitid', options: { language: 'en', externalReference: 'hr-7' } });
		const r = await env.engine.run(single(n), [fileItem(pdf, 'employment.pdf')]);
		expect(r.error()).toBeUndefined();
		const reqs = apiRequests(env);
		const documentId = reqs[1].path.split('/')[3];
		const documentCollectionId = [...state(env).collections.keys()][0];
		// Signicat needs each session document's collection: upload, file name, a collection of this one document, the session.
		expect(reqs.map((x) => `${x.method} ${x.path}${x.search}`)).toEqual([
			'POST /sign/documents',
			`PATCH /sign/documents/${documentId}/metadata`,
			'POST /sign/document-collections',
			'POST /sign/signing-sessions',
		]);
		expect(reqs[0].headers['content-type']).toBe('application/pdf');
		expect(reqs[1].body).toEqual({ filename: 'employment.pdf' });
		expect(reqs[2].body).toEqual({ documents: [{ documentId }] });
		expect(reqs[3].body).toEqual([
			{
				title: 'employment',
				documents: [{ documentCollectionId, action: 'SIGN', documentId }],
				externalReference: 'hr-7',
				signingSetup: [{ identityProviders: [{ idpName: 'mitid' }], signingFlow: 'AUTHENTICATION_BASED' }],
				ui: { language: 'en' },
			},
		]);
		const out = r.output('Signicat')[0].json;
		const session = [...state(env).sessions.values()][0];
		expect(Object.keys(out).slice(0, 3)).toEqual(['sessionId', 'signatureUrl', 'signatureUrlExpiresAt']);
		expect(out).toMatchObject({
			sessionId: session.id,
			signatureUrl: session.signatureUrl,
			signatureUrlExpiresAt: session.signatureUrlExpiresAt,
			state: 'READY',
			documentId,
			documentCollectionId,
			fileName: 'employment.pdf',
			title: 'employment',
			externalReference: 'hr-7',
		});
		expect(state(env).documents.get(documentId)!.content.equals(pdf)).toBe(true);
	});

	test('if the session cannot be created, the error keeps the uploaded document id', async () => {
		env.sandbox.addFault({ prefix: 'signicat', method: 'POST', path: '/sign/signing-sessions', status: 500 });
		const n = { ...signicat({ resource: 'signingSession', operation: 'send', binaryPropertyName: 'data', title: 'Deal', identityProviders: 'mitid' }), continueOnFail: true };
		const r = await env.engine.run(single(n), [fileItem(makePdf('deal'))]);
		const item = r.output('Signicat')[0].json;
		expect(item.error).toBe('Signicat answered 500 to POST /signicat/sign/signing-sessions: Injected 500 (SANDBOX_FAULT)');
		expect(item.description).toMatch(/may still have been applied/);
		expect(item.documentId).toBe([...state(env).documents.keys()][0]);
		expect(item.documentCollectionId).toBe([...state(env).collections.keys()][0]);
		expect(apiRequests(env).filter((x) => x.path === '/sign/signing-sessions')).toHaveLength(1);
	});

	test('PKI signing, a vendor and the sender shown to the signer, from the editor', async () => {
		const n = signicat({
			resource: 'signingSession',
			operation: 'send',
			binaryPropertyName: 'data',
			identityProviders: 'sbid',
			signingFlow: 'PKISIGNING',
			options: { vendor: 'SBID', senderDisplayName: 'Acme HR', signerEmail: 'ola@example.com', signatureUrlTtl: 120 },
		});
		const r = await env.engine.run(single(n), [fileItem(makePdf('offer'), 'offer.pdf')]);
		expect(r.error()).toBeUndefined();
		const create = apiRequests(env).find((x) => x.path === '/sign/signing-sessions')!;
		expect((create.body as IDataObject[])[0]).toMatchObject({
			signingSetup: [{ identityProviders: [{ idpName: 'sbid' }], signingFlow: 'PKISIGNING', vendor: 'SBID' }],
			senderDisplayName: 'Acme HR',
			signer: { email: 'ola@example.com' },
			signatureUrlTTL: 120,
		});
		expect(r.output('Signicat')[0].json.signatureUrl).toBe([...state(env).sessions.values()][0].signatureUrl);
	});
});
