/**
 * The Signicat nodes in the n8n editor (node version 2): sessions picked From List (searched by title, paged) or
 * By ID, the identity provider picker, documentation links, one item per signed file, Simplify, and the
 * trigger's "Fetch Test Event" with nothing to show. Saved version-1 workflows keep running unchanged.
 */
import type { IDataObject, INode, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { makePdf } from '../../sandbox/server';
import { binaryContent, fileItem, single, trigger } from '../helpers';
import { addSession, apiRequests, collectedDocument, CRED, signicat, signicatCredentials, state, useSignicat } from './env';

const env = useSignicat();
const README = 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#signicat';
const NIN = '0101901234';
const SIMPLE_KEYS = ['sessionId', 'title', 'state', 'stateIsFinal', 'signatureUrl', 'signatureUrlExpiresAt', 'dueDate', 'externalReference', 'documentIds', 'resultDocumentIds'];

const v2 = (parameters: IDataObject, name = 'Signicat'): INode => ({ ...signicat(parameters, name), typeVersion: 2 });
const v2Trigger = (parameters: IDataObject, name = 'Trigger'): INode => ({
	id: `id-${name}`,
	name,
	type: 'n8n-nodes-esign.signicatTrigger',
	typeVersion: 2,
	position: [0, 0],
	parameters: parameters as INode['parameters'],
	credentials: { signicatOAuth2Api: { id: CRED.signicatOAuth2Api, name: CRED.signicatOAuth2Api } },
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value: string, cachedResultName = 'A session') => ({ __rl: true, mode: 'list', value, cachedResultName });

function description(type: 'signicat' | 'signicatTrigger'): INodeTypeDescription {
	return env.engine.nodeTypes.getByName(`n8n-nodes-esign.${type}`).description as INodeTypeDescription;
}

function props(type: 'signicat' | 'signicatTrigger', name: string): INodeProperties[] {
	return description(type).properties.filter((p) => p.name === name);
}

/** The session a test signs: one PDF and one text file, packaged, signed in the sandbox. */
function signedSession(title = 'Lease pack') {
	const pdf = collectedDocument(env, makePdf('lease'), 'application/pdf', { filename: 'lease.pdf' });
	const st = state(env);
	const txt = st.storeDocument(Buffer.from('terms'), 'text/plain', env.sandbox.now(), { filename: 'terms.txt' });
	st.collections.get(pdf.documentCollectionId)!.documents.push({ documentId: txt.documentId } as never);
	const session = st.createSession(
		{
			title,
			packageTo: ['PADES_CONTAINER'],
			documents: [
				{ documentCollectionId: pdf.documentCollectionId, action: 'SIGN', documentId: pdf.documentId },
				{ documentCollectionId: pdf.documentCollectionId, action: 'SIGN', documentId: txt.documentId },
			],
			signingSetup: [{ identityProviders: [{ idpName: 'mitid' }], signingFlow: 'AUTHENTICATION_BASED' }],
		},
		env.sandbox.now(),
		env.sandbox.origin,
	);
	st.sign(session.id, Date.now());
	env.sandbox.requests.length = 0;
	return session;
}

describe('Signicat in the editor: versions and links', () => {
	test('node and trigger are versions 1 and 2 (2 for new nodes); node, trigger and credential link to the README section', () => {
		for (const type of ['signicat', 'signicatTrigger'] as const) {
			expect(description(type)).toMatchObject({ version: [1, 2], defaultVersion: 2, documentationUrl: README });
		}
		expect(env.engine.credentialType('signicatOAuth2Api')?.documentationUrl).toBe(README);
	});

	test('Signing Session is a picker on version 2 (From List first, By ID; no By URL: no source shows a web address of a session); version 1 keeps its text field', () => {
		const [v1Field, v2Field] = props('signicat', 'sessionId').filter((p) => p.displayOptions?.show?.operation?.includes('get'));
		expect(v1Field).toMatchObject({ displayName: 'Signing Session ID', type: 'string', displayOptions: { show: { '@version': [{ _cnd: { lt: 2 } }] } } });
		expect(v2Field).toMatchObject({ displayName: 'Signing Session', type: 'resourceLocator', default: { mode: 'list', value: '' } });
		expect(v2Field.modes!.map((m) => m.name)).toEqual(['list', 'id']);
		expect(v2Field.modes![0].typeOptions).toEqual({ searchListMethod: 'searchSessions', searchable: true });
		// Get, Delete and Download Signed Documents pick their session.
		const pickers = props('signicat', 'sessionId').filter((p) => p.type === 'resourceLocator');
		expect(pickers.map((p) => p.displayOptions!.show!.operation![0]).sort()).toEqual(['delete', 'downloadSigned', 'get']);
	});

	test('documents and document collections have no list in Signicat: their id fields stay text and say so', () => {
		const documentIds = props('signicat', 'documentId');
		expect(documentIds.length).toBeGreaterThan(0);
		for (const field of documentIds) expect(field).toMatchObject({ type: 'string', hint: expect.stringMatching(/no list of documents/) });
		for (const field of props('signicat', 'documentCollectionId')) expect(field).toMatchObject({ type: 'string', hint: expect.stringMatching(/no list of document collections/) });
		const [, documents] = props('signicat', 'documents');
		const rowFields = documents.options![0] as { values: INodeProperties[] };
		expect(rowFields.values.map((v) => v.name)).toEqual(['documentId', 'documentCollectionId', 'action']);
		expect(rowFields.values[0].hint).toMatch(/no list of documents/);
	});

	test('Create on version 2 starts with one empty document row (a session needs one); version 1 keeps its saved default', () => {
		const [old, current] = props('signicat', 'documents');
		expect(old.default).toEqual({});
		expect(current.default).toEqual({ document: [{ documentId: '', documentCollectionId: '', action: 'SIGN' }] });
	});

	test('Identity Providers: version 2 picks from the providers Signicat names, with "Other" and a text field; version 1 keeps the text', () => {
		const fields = props('signicat', 'identityProviders').filter((p) => p.displayOptions?.show?.operation?.includes('send'));
		expect(fields.map((f) => f.type)).toEqual(['string', 'multiOptions']);
		expect((fields[1].options as Array<{ value: string }>).map((o) => o.value)).toEqual(['mitid', 'nbid', 'sbid', 'ftn', 'samleikin', 'other']);
		const [other] = props('signicat', 'otherIdentityProviders').filter((p) => p.displayOptions?.show?.operation?.includes('send'));
		expect(other.displayOptions!.show).toMatchObject({ identityProviders: ['other'], '@version': [{ _cnd: { gte: 2 } }] });
		// The version is checked first: n8n shows a field at once when a value it depends on is an expression.
		expect(Object.keys(other.displayOptions!.show!)[0]).toBe('@version');
	});

	test('Simplify (default on) only on version 2, wherever a session is answered', () => {
		const simplify = props('signicat', 'simplify');
		expect(simplify.map((p) => p.displayOptions!.show!.operation![0]).sort()).toEqual(['create', 'get', 'getMany', 'send']);
		for (const p of simplify) expect(p).toMatchObject({ type: 'boolean', default: true, displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } } });
		expect(props('signicatTrigger', 'simplify')[0]).toMatchObject({ default: true, displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } } });
	});

	test('the credential form has no developer placeholders; the custom URLs are required when Custom URL is chosen', () => {
		const type = env.engine.credentialType('signicatOAuth2Api')!;
		expect(JSON.stringify(type.properties)).not.toMatch(/127\.0\.0\.1|localhost|local sandbox/);
		for (const name of ['customAccessTokenUrl', 'baseUrl']) {
			expect(type.properties.find((p) => p.name === name)).toMatchObject({ required: true, displayOptions: { show: { environment: ['custom'] } }, placeholder: expect.stringMatching(/^e\.g\. https:\/\//) });
		}
	});
});

describe('Signicat credential test: what went wrong', () => {
	test('a Base URL without the Sign API (404) says where the API is', async () => {
		env.engine.credentialsHelper.store = { signicatOAuth2Api: signicatCredentials(env.sandbox, { baseUrl: `${env.sandbox.url('signicat')}/wrong` }) } as never;
		expect(await env.engine.testCredential('signicatOAuth2Api')).toEqual({
			status: 'Error',
			message: 'No Signicat Sign API at this Base URL: it must end with /sign (e.g. https://api.signicat.com/sign)',
		});
	});

	test('a client without Sign API access (403) says what to change in the dashboard', async () => {
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: '/sign/signing-sessions', status: 403 });
		const result = await env.engine.testCredential('signicatOAuth2Api');
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^The API client may not use the Sign API: in the Signicat dashboard/) });
	});

	test('a token the API refuses even after n8n renewed it (401) names the client ID, secret and environment', async () => {
		env.sandbox.addFault({ prefix: 'signicat', method: 'GET', path: '/sign/signing-sessions', status: 401, times: 2 });
		const result = await env.engine.testCredential('signicatOAuth2Api');
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^Signicat did not accept the access token: check the Client ID and Client Secret/) });
		expect(apiRequests(env).map((r) => r.status)).toEqual([401, 401]);
	});
});

describe('Signicat in the editor: From List', () => {
	test('lists the newest sessions first, by title and state, and stores the id', async () => {
		const older = addSession(env, { title: 'NDA Jensen', createdAtMs: env.sandbox.now() - 60_000 });
		const newer = addSession(env, { title: 'Lease Smith', state: 'SIGNED' });
		const result = await env.engine.listSearch(v2({ resource: 'signingSession', operation: 'get', sessionId: fromList('') }), 'searchSessions');
		expect(result).toEqual({
			results: [
				{ name: 'Lease Smith (signed)', value: newer.id },
				{ name: 'NDA Jensen (ready to sign)', value: older.id },
			],
		});
		expect(apiRequests(env).map((r) => [r.method, r.path, r.search])).toEqual([['GET', '/sign/signing-sessions', '?offset=0&limit=100&sort=-createdAt']]);
	});

	test('the search box searches titles in Signicat (sessionTitleLike)', async () => {
		addSession(env, { title: 'NDA Jensen' });
		const lease = addSession(env, { title: 'Lease Smith' });
		const result = await env.engine.listSearch(v2({ resource: 'signingSession', operation: 'delete', sessionId: fromList('') }), 'searchSessions', 'lease');
		expect(result.results.map((r) => r.value)).toEqual([lease.id]);
		expect(apiRequests(env)[0].query).toEqual({ offset: '0', limit: '100', sort: '-createdAt', sessionTitleLike: 'lease' });
	});

	test('pages of 100 with offset: the editor asks for the next page until the list ends', async () => {
		for (let k = 0; k < 150; k++) addSession(env, { title: `Bulk ${k}`, createdAtMs: env.sandbox.now() - (150 - k) * 1000 });
		const node = v2({ resource: 'signingSession', operation: 'downloadSigned', sessionId: fromList('') });
		const first = await env.engine.listSearch(node, 'searchSessions');
		expect(first.results).toHaveLength(100);
		expect(first.results[0].name).toBe('Bulk 149 (ready to sign)');
		expect(first.paginationToken).toBe('100');
		const second = await env.engine.listSearch(node, 'searchSessions', undefined, first.paginationToken);
		expect(second.results).toHaveLength(50);
		expect(second.paginationToken).toBeUndefined();
		expect(apiRequests(env).map((r) => r.query.offset)).toEqual(['0', '100']);
	});
});

describe('Signicat version 2: sessions picked, simplified answers', () => {
	test('Get with a session From List, By ID and By ID from an expression: simplified by default', async () => {
		const s = addSession(env, { title: 'Rental agreement', dueDate: new Date(Date.now() + 86400_000).toISOString() });
		for (const sessionId of [fromList(s.id, 'Rental agreement'), byId(s.id), byId('={{ $json.id }}')]) {
			const r = await env.engine.run(single(v2({ resource: 'signingSession', operation: 'get', sessionId })), [{ json: { id: s.id } }]);
			expect(r.error()).toBeUndefined();
			const [item] = r.output('Signicat');
			expect(Object.keys(item.json)).toEqual(SIMPLE_KEYS);
			expect(item.json).toEqual({
				sessionId: s.id,
				title: 'Rental agreement',
				state: 'READY',
				stateIsFinal: false,
				signatureUrl: s.signatureUrl,
				signatureUrlExpiresAt: s.signatureUrlExpiresAt,
				dueDate: s.dueDate,
				externalReference: null,
				documentIds: [s.documents[0].documentId],
				resultDocumentIds: [],
			});
		}
		expect(apiRequests(env).map((r) => [r.method, r.path])).toEqual(Array(3).fill(['GET', `/sign/signing-sessions/${s.id}`]));
	});

	test('Simplify off: Signicat’s whole answer, national id masked', async () => {
		const s = addSession(env, { title: 'Raw' });
		s.signer = { nationalIdentificationNumber: NIN, validations: ['NATIONAL_IDENTIFICATION_NUMBER'] } as never;
		const r = await env.engine.run(single(v2({ resource: 'signingSession', operation: 'get', sessionId: byId(s.id), simplify: false })));
		const json = r.output('Signicat')[0].json;
		expect(json).toEqual({ ...JSON.parse(JSON.stringify(s)), signer: { nationalIdentificationNumber: '***', validations: ['NATIONAL_IDENTIFICATION_NUMBER'] } });
		expect(JSON.stringify(json)).not.toContain(NIN);
	});

	test('a session id that is not a UUID is refused before any request, naming "Signing Session"', async () => {
		const r = await env.engine.run(single(v2({ resource: 'signingSession', operation: 'get', sessionId: byId('={{ "abc" }}') })));
		expect(r.error()?.message).toBe('Invalid "Signing Session" must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) [item 0]');
		expect(apiRequests(env)).toHaveLength(0);
	});

	test('Get Many: one simplified item per session (same field names as Get), or the whole sessions', async () => {
		const a = addSession(env, { title: 'First', createdAtMs: env.sandbox.now() - 1000 });
		const b = addSession(env, { title: 'Second', state: 'SIGNED' });
		const simple = await env.engine.run(single(v2({ resource: 'signingSession', operation: 'getMany', returnAll: true })));
		expect(simple.output('Signicat').map((i) => [i.json.sessionId, i.json.title, i.json.state, i.json.stateIsFinal])).toEqual([
			[b.id, 'Second', 'SIGNED', true],
			[a.id, 'First', 'READY', false],
		]);
		for (const item of simple.output('Signicat')) expect(Object.keys(item.json)).toEqual(SIMPLE_KEYS);
		const raw = await env.engine.run(single(v2({ resource: 'signingSession', operation: 'getMany', returnAll: true, simplify: false })));
		expect(raw.output('Signicat').map((i) => i.json.id)).toEqual([b.id, a.id]);
	});

	test('Delete by a session picked From List', async () => {
		const s = addSession(env);
		const r = await env.engine.run(single(v2({ resource: 'signingSession', operation: 'delete', sessionId: fromList(s.id) })));
		expect(r.output('Signicat')[0].json).toEqual({ sessionId: s.id, deleted: true });
		expect(apiRequests(env).map((q) => [q.method, q.path, q.status])).toEqual([['DELETE', `/sign/signing-sessions/${s.id}`, 204]]);
	});

	test('Create with identity providers picked, and "Other" names added: the idpNames sent, the session simplified', async () => {
		const d = collectedDocument(env, makePdf('to sign'));
		const r = await env.engine.run(
			single(
				v2({
					resource: 'signingSession',
					operation: 'create',
					title: 'Picked',
					documents: { document: [{ documentId: d.documentId, documentCollectionId: d.documentCollectionId, action: 'SIGN' }] },
					identityProviders: ['mitid', 'other', 'nbid'],
					otherIdentityProviders: 'itsme, idin',
				}),
			),
		);
		expect(r.error()).toBeUndefined();
		const [post] = apiRequests(env);
		expect((post.body as IDataObject[])[0].signingSetup).toEqual([
			{ identityProviders: [{ idpName: 'mitid' }, { idpName: 'nbid' }, { idpName: 'itsme' }, { idpName: 'idin' }], signingFlow: 'AUTHENTICATION_BASED' },
		]);
		const [item] = r.output('Signicat');
		const created = [...state(env).sessions.values()].find((s) => s.title === 'Picked')!;
		expect(Object.keys(item.json)).toEqual(SIMPLE_KEYS);
		expect(item.json).toMatchObject({ sessionId: created.id, signatureUrl: created.signatureUrl, state: 'READY', documentIds: [d.documentId] });
	});

	test('"Other" without any name, or no provider at all: refused before any request, naming the field', async () => {
		const d = collectedDocument(env, makePdf('to sign'));
		const base = {
			resource: 'signingSession',
			operation: 'create',
			title: 'Nope',
			documents: { document: [{ documentId: d.documentId, documentCollectionId: d.documentCollectionId, action: 'SIGN' }] },
		};
		const other = await env.engine.run(single(v2({ ...base, identityProviders: ['other'], otherIdentityProviders: '={{ "" }}' })));
		expect(other.error('Signicat')?.message).toBe('Invalid "Other Identity Providers" needs at least 1 entry [item 0]');
		const none = await env.engine.run(single(v2({ ...base, identityProviders: '={{ [] }}' })));
		expect(none.error('Signicat')?.message).toBe('Invalid "Identity Providers" needs at least 1 entry [item 0]');
		expect(apiRequests(env)).toHaveLength(0);
	});

	test('Send Document for Signing: the simplified session plus the uploaded document, its collection and file name', async () => {
		const r = await env.engine.run(
			single(v2({ resource: 'signingSession', operation: 'send', binaryPropertyName: 'data', identityProviders: ['sbid'], options: { externalReference: 'order-7' } })),
			[fileItem(makePdf('contract'), 'contract.pdf')],
		);
		expect(r.error()).toBeUndefined();
		const [item] = r.output('Signicat');
		const session = [...state(env).sessions.values()][0];
		const documentId = session.documents[0].documentId;
		expect(item.json).toEqual({
			sessionId: session.id,
			title: 'contract',
			state: 'READY',
			stateIsFinal: false,
			signatureUrl: session.signatureUrl,
			signatureUrlExpiresAt: session.signatureUrlExpiresAt,
			dueDate: null,
			externalReference: 'order-7',
			documentIds: [documentId],
			resultDocumentIds: [],
			documentId,
			documentCollectionId: session.documents[0].documentCollectionId,
			fileName: 'contract.pdf',
		});
		expect(apiRequests(env).map((q) => [q.method, q.path.replace(/[0-9a-f-]{36}/, '{id}')])).toEqual([
			['POST', '/sign/documents'],
			['PATCH', '/sign/documents/{id}/metadata'],
			['POST', '/sign/document-collections'],
			['POST', '/sign/signing-sessions'],
		]);
		expect((apiRequests(env)[3].body as IDataObject[])[0].signingSetup).toEqual([{ identityProviders: [{ idpName: 'sbid' }], signingFlow: 'AUTHENTICATION_BASED' }]);
	});

	test('Download Signed Documents: one item per file, each file in "data" (or the field named)', async () => {
		const s = signedSession();
		const r = await env.engine.run(single(v2({ resource: 'signingSession', operation: 'downloadSigned', sessionId: fromList(s.id), include: 'all' })));
		expect(r.error()).toBeUndefined();
		const items = r.output('Signicat');
		const session = state(env).session(s.id);
		const [sig1, sig2] = session.output.signatures;
		const [pkg] = session.output.packages;
		expect(items.map((i) => Object.keys(i.binary!))).toEqual([['data'], ['data'], ['data']]);
		expect(items.map((i) => [i.binary!.data.fileName, i.binary!.data.mimeType])).toEqual([
			['lease-signed.pdf', 'application/pdf'],
			['terms-signed.xml', 'application/xml'],
			['Lease pack-package.pdf', 'application/pdf'],
		]);
		items.forEach((item, k) => expect(binaryContent(item).equals(state(env).documents.get([sig1, sig2, pkg][k].resultDocumentId)!.content)).toBe(true));
		expect(items[0].json).toEqual({
			sessionId: s.id,
			title: 'Lease pack',
			externalReference: null,
			kind: 'signature',
			type: 'PADES',
			resultDocumentId: sig1.resultDocumentId,
			originalDocumentId: sig1.originalDocumentId,
			fileName: 'lease-signed.pdf',
			mimeType: 'application/pdf',
			fileSize: binaryContent(items[0]).length,
		});
		expect(items[2].json).toMatchObject({ kind: 'package', type: 'PADES_CONTAINER', resultDocumentId: pkg.resultDocumentId });
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		const named = await env.engine.run(single(v2({ resource: 'signingSession', operation: 'downloadSigned', sessionId: byId(s.id), include: 'signatures', binaryPropertyName: 'signed' })));
		expect(named.output('Signicat').map((i) => Object.keys(i.binary!))).toEqual([['signed'], ['signed']]);
	});
});

describe('Signicat version 1 workflows run unchanged', () => {
	test('the version-1 "file the signed PDF" download: every file on one item as signed_0, signed_1…', async () => {
		const s = signedSession();
		// As saved by an earlier release: typeVersion 1, a free-text session id, a binary prefix.
		const saved: INode = {
			id: 'saved-1',
			name: 'Download Signed PDF',
			type: 'n8n-nodes-esign.signicat',
			typeVersion: 1,
			position: [220, 0],
			parameters: { resource: 'signingSession', operation: 'downloadSigned', sessionId: '={{ $json.sessionId }}', binaryPrefix: 'signed', include: 'signatures' },
			credentials: { signicatOAuth2Api: { id: CRED.signicatOAuth2Api, name: CRED.signicatOAuth2Api } },
		};
		const r = await env.engine.run(single(saved), [{ json: { sessionId: s.id } }]);
		expect(r.error()).toBeUndefined();
		const out = r.output('Download Signed PDF');
		expect(out).toHaveLength(1);
		expect(Object.keys(out[0].binary!)).toEqual(['signed_0', 'signed_1']);
		expect(Object.keys(out[0].json)).toEqual(['sessionId', 'state', 'title', 'externalReference', 'files', 'session']);
	});

	test('version-1 Send, Create and Get answer as before (identity providers as text, no Simplify)', async () => {
		const send = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'send', binaryPropertyName: 'data', identityProviders: 'mitid, nbid', simplify: true })), [
			fileItem(makePdf('x'), 'deal.pdf'),
		]);
		expect(send.error()).toBeUndefined();
		const sent = send.output('Signicat')[0].json;
		expect(Object.keys(sent)).toEqual(['sessionId', 'signatureUrl', 'signatureUrlExpiresAt', 'state', 'documentId', 'documentCollectionId', 'fileName', 'title', 'externalReference', 'session']);
		expect(((sent.session as IDataObject).signingSetup as IDataObject[])[0].identityProviders).toEqual([{ idpName: 'mitid' }, { idpName: 'nbid' }]);
		const get = await env.engine.run(single(signicat({ resource: 'signingSession', operation: 'get', sessionId: sent.sessionId as string })));
		expect(get.output('Signicat')[0].json).toMatchObject({ id: sent.sessionId, lifecycle: { state: 'READY' } });
		expect(get.output('Signicat')[0].json.sessionId).toBeUndefined();
	});
});

describe('Signicat Trigger version 2', () => {
	test('events are simplified with the same field names as the actions; Simplify off gives the event and the whole session', async () => {
		const simple = trigger(env.engine, v2Trigger({ events: ['signed'] }));
		const raw = trigger(env.engine, v2Trigger({ events: ['signed'], simplify: false }, 'Raw'));
		const s = addSession(env, { title: 'Watched' });
		await simple.poll();
		await raw.poll();
		state(env).sign(s.id, Date.now());
		const [item] = (await simple.poll()).items!;
		const session = state(env).session(s.id);
		expect(item.json).toEqual({
			event: 'session.signed',
			sessionId: s.id,
			title: 'Watched',
			state: 'SIGNED',
			stateIsFinal: true,
			signatureUrl: session.signatureUrl,
			signatureUrlExpiresAt: session.signatureUrlExpiresAt,
			dueDate: null,
			externalReference: null,
			documentIds: [session.documents[0].documentId],
			resultDocumentIds: session.output.signatures.map((x) => x.resultDocumentId),
		});
		const [rawItem] = (await raw.poll()).items!;
		expect(rawItem.json).toEqual({ event: 'session.signed', ...JSON.parse(JSON.stringify(session)) });
	});

	test('Fetch Test Event with nothing to show: a clear error, n8n’s way (version 1 and 2)', async () => {
		for (const typeVersion of [1, 2]) {
			const signed = trigger(env.engine, { ...v2Trigger({ events: ['signed'] }, `Signed${typeVersion}`), typeVersion });
			const result = await signed.poll('manual');
			expect(result.items).toBeNull();
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe('No signing session that is signed yet');
			expect((result.error as { description?: string }).description).toMatch(/choose "Session State Changed"/);
		}
		const several = await trigger(env.engine, v2Trigger({ events: ['rejected', 'expired'] }, 'Several')).poll('manual');
		expect(several.error?.message).toBe('No signing session that is rejected, or still open after its due date yet');
		const any = await trigger(env.engine, v2Trigger({ events: ['stateChanged'] }, 'Any')).poll('manual');
		expect(any.error?.message).toBe('No signing session in this Signicat account yet');
		expect((any.error as { description?: string }).description).toMatch(/Send Document for Signing/);
	});

	test('Fetch Test Event with a matching session returns it simplified, and an active trigger is untouched', async () => {
		const t = trigger(env.engine, v2Trigger({ events: ['signed'] }));
		const s = addSession(env, { title: 'Sample', state: 'SIGNED' });
		const manual = await t.poll('manual');
		expect(manual.items!.map((i) => [i.json.event, i.json.sessionId, i.json.title])).toEqual([['session.signed', s.id, 'Sample']]);
		expect(t.savedStaticData).toEqual({});
	});
});
