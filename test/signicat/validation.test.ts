/**
 * The bad-input table: every limit of the Signicat API is checked by the node before any request. Each row
 * gives the exact error users see (field in the editor's words, and the item), and the sandbox records
 * nothing at all — not even a token request.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { makePdf } from '../../sandbox/server';
import { fileItem, single } from '../helpers';
import { signicat, useSignicat } from './env';

const env = useSignicat();

const UUID = 'f05d0dce-a7af-432b-b6b8-e455ab7c0857';
const UUID_MSG = 'must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)';
const long = (n: number) => 'x'.repeat(n);
const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const ids = (n: number) => Array.from({ length: n }, (_, k) => `f05d0dce-a7af-432b-b6b8-${String(k).padStart(12, '0')}`);
const pdf = () => [fileItem(makePdf('x'))];
const png = () => [fileItem(Buffer.from('\x89PNG'), 'photo.png', 'image/png')];

const setup = [{ identityProviders: [{ idpName: 'mitid' }], signingFlow: 'AUTHENTICATION_BASED' }];
const COLLECTION = 'f05d0dce-a7af-432b-b6b8-e455ab7c0853';
const session = (extra: IDataObject = {}) => ({ title: 'T', documents: [{ documentCollectionId: COLLECTION, documentId: UUID, action: 'SIGN' }], signingSetup: setup, ...extra });
const MB = 1024 * 1024;
const LANGUAGES = 'ca, da, de, en, es, et, fi, fo, fr, it, nb, nl, nn, sv';
const REDIRECT_MSG = 'is required once any redirect URL is set: Signicat takes the Success, Cancel and Error Redirect URLs together';

const upload = (p: IDataObject) => ({ resource: 'document', operation: 'upload', binaryPropertyName: 'data', ...p });
const create = (p: IDataObject) => ({
	resource: 'signingSession',
	operation: 'create',
	define: 'fields',
	title: 'Lease',
	documents: { document: [{ documentId: UUID, action: 'SIGN', documentCollectionId: COLLECTION }] },
	identityProviders: 'mitid',
	...p,
});
const createJson = (sessions: unknown) => ({
	resource: 'signingSession',
	operation: 'create',
	define: 'json',
	sessionsJson: typeof sessions === 'string' ? sessions : JSON.stringify(sessions),
});
const send = (p: IDataObject) => ({ resource: 'signingSession', operation: 'send', binaryPropertyName: 'data', identityProviders: 'mitid', ...p });
const getMany = (p: IDataObject) => ({ resource: 'signingSession', operation: 'getMany', returnAll: false, limit: 10, ...p });

// Required fields left empty are stopped by n8n itself; an expression that yields "" reaches the node.
const rows: Array<[string, IDataObject, string, INodeExecutionData[]?]> = [
	// Document
	['upload: file name over 255', upload({ options: { fileName: long(256) } }), 'Invalid "File Name" must be at most 255 characters [item 0]', pdf()],
	['upload: title over 255', upload({ options: { title: long(256) } }), 'Invalid "Title" must be at most 255 characters [item 0]', pdf()],
	['upload: description over 1000', upload({ options: { description: long(1001) } }), 'Invalid "Description" must be at most 1000 characters [item 0]', pdf()],
	[
		'upload: a file that is neither PDF nor text',
		upload({}),
		'Invalid "MIME Type" must be application/pdf or text/plain: Signicat signs PDF and plain-text documents (set "MIME Type" in the options if the file\'s type is wrong) [item 0]',
		png(),
	],
	['upload: empty binary field name', upload({ binaryPropertyName: '={{ "" }}' }), 'Invalid "Input Binary Field" must not be empty [item 0]', pdf()],
	['download: document id not a UUID', { resource: 'document', operation: 'download', documentId: 'abc' }, `Invalid "Document ID" ${UUID_MSG} [item 0]`],
	['get metadata: empty document id', { resource: 'document', operation: 'getMetadata', documentId: '={{ "" }}' }, 'Invalid "Document ID" must not be empty [item 0]'],
	['update metadata: file name over 255', { resource: 'document', operation: 'updateMetadata', documentId: UUID, updateFields: { fileName: long(256) } }, 'Invalid "File Name" must be at most 255 characters [item 0]'],
	['update metadata: title over 255', { resource: 'document', operation: 'updateMetadata', documentId: UUID, updateFields: { title: long(256) } }, 'Invalid "Title" must be at most 255 characters [item 0]'],
	['update metadata: description over 1000', { resource: 'document', operation: 'updateMetadata', documentId: UUID, updateFields: { description: long(1001) } }, 'Invalid "Description" must be at most 1000 characters [item 0]'],
	['update metadata: nothing to update', { resource: 'document', operation: 'updateMetadata', documentId: UUID, updateFields: {} }, 'Add at least one field to "Update Fields" [item 0]'],
	['delete document: id not a UUID', { resource: 'document', operation: 'delete', documentId: 'doc_1' }, `Invalid "Document ID" ${UUID_MSG} [item 0]`],
	// Document collection
	['collection: no documents', { resource: 'documentCollection', operation: 'create', documentIds: '={{ "" }}' }, 'Invalid "Document IDs" needs at least 1 entry [item 0]'],
	['collection: 101 documents', { resource: 'documentCollection', operation: 'create', documentIds: ids(101).join(',') }, 'Invalid "Document IDs" allows at most 100 entries [item 0]'],
	['collection: a document id not a UUID', { resource: 'documentCollection', operation: 'create', documentIds: `${UUID}, nope` }, `Invalid "Document IDs" (document id 2) ${UUID_MSG} [item 0]`],
	['collection get: id not a UUID', { resource: 'documentCollection', operation: 'get', documentCollectionId: '42' }, `Invalid "Document Collection ID" ${UUID_MSG} [item 0]`],
	['collection delete: id not a UUID', { resource: 'documentCollection', operation: 'delete', documentCollectionId: '42' }, `Invalid "Document Collection ID" ${UUID_MSG} [item 0]`],
	// Signing session → Create (fields)
	['create: empty title', create({ title: '={{ "" }}' }), 'Invalid "Title" is required [item 0]'],
	['create: title over 255', create({ title: long(256) }), 'Invalid "Title" must be at most 255 characters [item 0]'],
	['create: a 1 MB title', create({ title: long(MB) }), 'Invalid "Title" must be at most 255 characters [item 0]'],
	['create: sign text over 2048', create({ options: { signText: long(2049) } }), 'Invalid "Sign Text" must be at most 2048 characters [item 0]'],
	['create: a 1 MB sign text', create({ options: { signText: long(MB) } }), 'Invalid "Sign Text" must be at most 2048 characters [item 0]'],
	['create: due date more than 45 days ahead', create({ options: { dueDate: inDays(46) } }), 'Invalid "Due Date" can be at most 45 days into the future [item 0]'],
	['create: due date in the past', create({ options: { dueDate: inDays(-1) } }), 'Invalid "Due Date" must be in the future [item 0]'],
	['create: due date not a date', create({ options: { dueDate: 'next week' } }), 'Invalid "Due Date" must be a date and time (ISO 8601, e.g. 2026-04-01T17:00:00Z) [item 0]'],
	['create: no documents', create({ documents: {} }), 'Invalid "Documents" needs at least 1 entry [item 0]'],
	['create: 51 documents', create({ documents: { document: ids(51).map((documentId) => ({ documentId, action: 'SIGN', documentCollectionId: COLLECTION })) } }), 'Invalid "Documents" allows at most 50 entries [item 0]'],
	['create: document id not a UUID', create({ documents: { document: [{ documentId: 'doc-1', documentCollectionId: COLLECTION }] } }), `Invalid "Document ID" (document 1) ${UUID_MSG} [item 0]`],
	['create: a document without its collection', create({ documents: { document: [{ documentId: UUID, action: 'SIGN', documentCollectionId: '={{ "" }}' }] } }), 'Invalid "Document Collection ID" (document 1) is required [item 0]'],
	['create: collection id not a UUID', create({ documents: { document: [{ documentId: UUID, documentCollectionId: 'c1' }] } }), `Invalid "Document Collection ID" (document 1) ${UUID_MSG} [item 0]`],
	['create: no identity provider', create({ identityProviders: ' , ' }), 'Invalid "Identity Providers" needs at least 1 entry [item 0]'],
	['create: external reference over 1024', create({ options: { externalReference: long(1025) } }), 'Invalid "External Reference" must be at most 1024 characters [item 0]'],
	['create: 51 preceding sessions', create({ options: { subsequentTo: ids(51).join(',') } }), 'Invalid "Subsequent To Session IDs" allows at most 50 entries [item 0]'],
	['create: preceding session not a UUID', create({ options: { subsequentTo: 'abc' } }), `Invalid "Subsequent To Session IDs" (subsequent to session id 1) ${UUID_MSG} [item 0]`],
	['create: signature URL TTL under 5', create({ options: { signatureUrlTtl: 4 } }), 'Invalid "Signature URL TTL (Minutes)" must be at least 5 [item 0]'],
	['create: signature URL TTL over 525600', create({ options: { signatureUrlTtl: 525601 } }), 'Invalid "Signature URL TTL (Minutes)" must be at most 525600 [item 0]'],
	['create: a language Signicat does not list', create({ options: { language: '={{ "english" }}' } }), `Invalid "Language" must be one of: ${LANGUAGES} [item 0]`],
	['create: redirect URL not a URL', create({ options: { successUrl: 'thanks page', cancelUrl: 'https://e.com/c', errorUrl: 'https://e.com/e' } }), 'Invalid "Success Redirect URL" must be a valid URL (https://…) [item 0]'],
	['create: only a success redirect URL', create({ options: { successUrl: 'https://e.com/ok' } }), `Invalid "Cancel Redirect URL" ${REDIRECT_MSG} [item 0]`],
	['create: success and cancel but no error redirect URL', create({ options: { successUrl: 'https://e.com/ok', cancelUrl: 'https://e.com/c' } }), `Invalid "Error Redirect URL" ${REDIRECT_MSG} [item 0]`],
	['create: signer email not an email', create({ options: { signerEmail: 'kari at example' } }), 'Invalid "Signer Email" must be a valid email address [item 0]'],
	// Signing session → Create (JSON)
	['create JSON: not JSON', createJson('[{ title: '), 'Invalid "Sessions (JSON)": not valid JSON [item 0]'],
	['create JSON: empty list', createJson([]), 'Invalid "Sessions" needs at least 1 entry [item 0]'],
	['create JSON: second session title over 255', createJson([session(), session({ title: long(256) })]), 'Invalid "Title" (session 2) must be at most 255 characters [item 0]'],
	['create JSON: a 1 MB sign text', createJson([session({ signText: long(MB) })]), 'Invalid "Sign Text" (session 1) must be at most 2048 characters [item 0]'],
	['create JSON: a document without its collection', createJson([session({ documents: [{ documentId: UUID, action: 'SIGN' }] })]), 'Invalid "Document Collection ID" (session 1, document 1) is required [item 0]'],
	['create JSON: a reject redirect URL (not documented)', createJson([session({ redirectSettings: { success: 'https://e.com/1', cancel: 'https://e.com/2', error: 'https://e.com/3', reject: 'https://e.com/4' } })]), 'Invalid "Redirect URLs" (session 1) Unrecognized key(s) in object: \'reject\' [item 0]'],
	['create JSON: redirect settings without error', createJson([session({ redirectSettings: { success: 'https://e.com/1', cancel: 'https://e.com/2' } })]), `Invalid "Error Redirect URL" (session 1) ${REDIRECT_MSG} [item 0]`],
	['create JSON: a language Signicat does not list', createJson([session({ ui: { language: 'pl' } })]), `Invalid "Language" (session 1) must be one of: ${LANGUAGES} [item 0]`],
	[
		'create JSON: national id validation without a national id',
		createJson([session({ signer: { validations: ['NATIONAL_IDENTIFICATION_NUMBER'] } })]),
		'Invalid "Signer National ID" (session 1) needs the signer’s national ID number when national ID validation is on [item 0]',
	],
	['create JSON: unknown signer validation', createJson([session({ signer: { nationalIdentificationNumber: '1', validations: ['AGE'] } })]), 'Invalid "Signer Validations" (session 1, signer validation 1) must be one of: NATIONAL_IDENTIFICATION_NUMBER [item 0]'],
	['create JSON: more than 5 package formats', createJson([session({ packageTo: Array(6).fill('PADES_CONTAINER') })]), 'Invalid "Package To" (session 1) allows at most 5 entries [item 0]'],
	['create JSON: unknown package format', createJson([session({ packageTo: ['ZIP'] })]), 'Invalid "Package To" (session 1, package to 1) must be one of: PADES_CONTAINER [item 0]'],
	['create JSON: two signing setups', createJson([session({ signingSetup: [...setup, ...setup] })]), 'Invalid "Signing Setup" (session 1) must contain exactly one entry [item 0]'],
	['create JSON: no signing setup', createJson([session({ signingSetup: [] })]), 'Invalid "Signing Setup" (session 1) needs at least 1 entry [item 0]'],
	['create JSON: unknown signing flow', createJson([session({ signingSetup: [{ ...setup[0], signingFlow: 'PKI' }] })]), 'Invalid "Signing Flow" (session 1, signing setup 1) must be one of: AUTHENTICATION_BASED, PKISIGNING [item 0]'],
	['create JSON: unknown document action', createJson([session({ documents: [{ documentCollectionId: COLLECTION, documentId: UUID, action: 'APPROVE' }] })]), 'Invalid "Action" (session 1, document 1) must be one of: SIGN, VIEW [item 0]'],
	['create JSON: 51 documents', createJson([session({ documents: ids(51).map((documentId) => ({ documentId, action: 'SIGN' })) })]), 'Invalid "Documents" (session 1) allows at most 50 entries [item 0]'],
	['create JSON: due date 46 days ahead', createJson([session({ dueDate: inDays(46) })]), 'Invalid "Due Date" (session 1) can be at most 45 days into the future [item 0]'],
	['create JSON: signature URL TTL not an integer', createJson([session({ signatureUrlTTL: 7.5 })]), 'Invalid "Signature URL TTL (Minutes)" (session 1) must be a integer, not a float [item 0]'],
	// Signing session → other operations
	['get session: id not a UUID', { resource: 'signingSession', operation: 'get', sessionId: 'abc' }, `Invalid "Signing Session ID" ${UUID_MSG} [item 0]`],
	['delete session: id not a UUID', { resource: 'signingSession', operation: 'delete', sessionId: 'abc' }, `Invalid "Signing Session ID" ${UUID_MSG} [item 0]`],
	['get many: limit 0', getMany({ limit: 0 }), 'Invalid "Limit" must be at least 1 [item 0]'],
	['get many: limit over 100000', getMany({ limit: 100001 }), 'Invalid "Limit" must be at most 100000 [item 0]'],
	['get many: created after not a date', getMany({ filters: { createdDateFrom: 'yesterday' } }), 'Invalid "Created After" must be a date and time (ISO 8601) [item 0]'],
	['get many: created range reversed', getMany({ filters: { createdDateFrom: '2026-05-01T00:00:00Z', createdDateTo: '2026-04-01T00:00:00Z' } }), 'Invalid "Created Before" must not be before "Created After" [item 0]'],
	['get many: due range reversed', getMany({ filters: { dueDateFrom: '2026-05-01T00:00:00Z', dueDateTo: '2026-04-01T00:00:00Z' } }), 'Invalid "Due Before" must not be before "Due After" [item 0]'],
	['get many: unknown state', getMany({ filters: { states: ['DONE'] } }), 'Invalid "States" (state 1) must be one of: BLOCKED, READY, REJECTED, SIGNED [item 0]'],
	['get many: EXPIRED (not a Signicat state)', getMany({ filters: { states: ['READY', 'EXPIRED'] } }), 'Invalid "States" (state 2) must be one of: BLOCKED, READY, REJECTED, SIGNED [item 0]'],
	['get many: unknown sort', getMany({ sort: 'createdAt' }), 'Invalid "Sort" must be one of: -createdAt, +createdAt, -dueDate, +dueDate [item 0]'],
	['get many: sort by title (no source shows it)', getMany({ sort: '+title' }), 'Invalid "Sort" must be one of: -createdAt, +createdAt, -dueDate, +dueDate [item 0]'],
	['download signed: id not a UUID', { resource: 'signingSession', operation: 'downloadSigned', sessionId: 'x', binaryPrefix: 'signed' }, `Invalid "Signing Session ID" ${UUID_MSG} [item 0]`],
	[
		'download signed: prefix with a space',
		{ resource: 'signingSession', operation: 'downloadSigned', sessionId: UUID, binaryPrefix: 'signed file' },
		'Invalid "Put Output Files in Fields Starting With" must start with a letter or _ and contain only letters, digits, _ and - [item 0]',
	],
	// Send Document for Signing
	['send: no identity provider', send({ identityProviders: '={{ "" }}' }), 'Invalid "Identity Providers" needs at least 1 entry [item 0]', pdf()],
	['send: title over 255', send({ title: long(256) }), 'Invalid "Title" must be at most 255 characters [item 0]', pdf()],
	['send: a 1 MB title', send({ title: long(MB) }), 'Invalid "Title" must be at most 255 characters [item 0]', pdf()],
	['send: a 1 MB sign text', send({ options: { signText: long(MB) } }), 'Invalid "Sign Text" must be at most 2048 characters [item 0]', pdf()],
	['send: only an error redirect URL', send({ options: { errorUrl: 'https://e.com/e' } }), `Invalid "Success Redirect URL" ${REDIRECT_MSG} [item 0]`, pdf()],
	['send: file name over 255', send({ options: { fileName: long(256) } }), 'Invalid "File Name" must be at most 255 characters [item 0]', pdf()],
	['send: due date 46 days ahead', send({ options: { dueDate: inDays(46) } }), 'Invalid "Due Date" can be at most 45 days into the future [item 0]', pdf()],
	['send: sign text over 2048', send({ options: { signText: long(2049) } }), 'Invalid "Sign Text" must be at most 2048 characters [item 0]', pdf()],
	['send: signature URL TTL under 5', send({ options: { signatureUrlTtl: 2 } }), 'Invalid "Signature URL TTL (Minutes)" must be at least 5 [item 0]', pdf()],
	['send: a file that is neither PDF nor text', send({}), 'Invalid "MIME Type" must be application/pdf or text/plain: Signicat signs PDF and plain-text documents (set "MIME Type" in the options if the file\'s type is wrong) [item 0]', png()],
];

describe('Signicat bad input: named field and item, zero requests', () => {
	// Every row has four entries: jest would take a missing fourth argument for a `done` callback.
	test.each(rows.map(([name, parameters, message, items]) => [name, parameters, message, items ?? [{ json: {} }]] as const))('%s', async (_name, parameters, message, items) => {
		const r = await env.engine.run(single(signicat(parameters)), items);
		const error = r.error('Signicat');
		expect(error?.message).toBe(message);
		expect(error?.description).toBeTruthy();
		expect(env.sandbox.requestsFor('signicat')).toHaveLength(0);
	});

	test('the item number is the failing item’s own; with Continue On Fail the other items still run', async () => {
		const n = { ...signicat({ resource: 'signingSession', operation: 'get', sessionId: '={{ $json.id }}' }), continueOnFail: true };
		const r = await env.engine.run(single(n), [{ json: { id: UUID } }, { json: { id: 'nope' } }]);
		const out = r.output('Signicat').map((o) => o.json);
		expect(out[1]).toMatchObject({ error: `Invalid "Signing Session ID" ${UUID_MSG} [item 1]` });
		expect(out[0].error).toMatch(/^Signicat rejected the request \(404\)/);
		expect(env.sandbox.requestsFor('signicat').filter((q) => q.path.startsWith('/sign/'))).toHaveLength(1);
	});

	test('a national id number typed into the session is never echoed by a validation error', async () => {
		const nin = '0101901234';
		const r = await env.engine.run(single(signicat(createJson([session({ title: '', signer: { nationalIdentificationNumber: nin } })]))));
		expect(r.error('Signicat')!.message).toBe('Invalid "Title" (session 1) must not be empty [item 0]');
		expect(`${r.error('Signicat')!.message} ${r.error('Signicat')!.description}`).not.toContain(nin);
	});
});
