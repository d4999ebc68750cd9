import { single } from '../helpers';
import { makePdf } from '../../sandbox/server';
import { CASE, optimaite, optimaiteEnv, state } from './env';

const env = optimaiteEnv();

const signer = { name: 'John Smith', email: 'john@example.com', role: 'signer' };
const envelope = (over: Record<string, unknown>) => ({
	resource: 'envelope',
	operation: 'create',
	caseId: CASE,
	title: 'Contract',
	documentIds: 'doc_1',
	signers: { signer: [signer] },
	...over,
});

/** Each invalid field → the error the user sees, and nothing sent to Optimaite. */
const table: Array<[string, Record<string, unknown>, string]> = [
	['empty case id (from an expression)', envelope({ caseId: '={{ $json.missing }}' }), 'Invalid "Case ID" is required [item 0]'],
	['case id with a slash', envelope({ caseId: '../admin' }), 'Invalid "Case ID" must not contain spaces or slashes [item 0]'],
	['empty title', envelope({ title: '  ' }), 'Invalid "Title" must not be empty [item 0]'],
	['title of 256 characters', envelope({ title: 'x'.repeat(256) }), `Invalid "Title" must be at most 255 characters (this node's limit; Optimaite documents none) [item 0]`],
	['a 1 MB title', envelope({ title: 'x'.repeat(1024 * 1024) }), `Invalid "Title" must be at most 255 characters (this node's limit; Optimaite documents none) [item 0]`],
	[
		'a 1 MB signer name',
		envelope({ signers: { signer: [{ ...signer, name: 'n'.repeat(1024 * 1024) }] } }),
		`Invalid "Name" (signer 1) must be at most 255 characters (this node's limit; Optimaite documents none) [item 0]`,
	],
	[
		'a 1 MB promote title',
		{ resource: 'envelope', operation: 'promote', caseId: CASE, documentIds: 'doc_1', title: 'x'.repeat(1024 * 1024) },
		`Invalid "Title" must be at most 255 characters (this node's limit; Optimaite documents none) [item 0]`,
	],
	[
		'download signed without envelope id',
		{ resource: 'envelope', operation: 'downloadSigned', caseId: CASE, envelopeId: '={{ "" }}' },
		'Invalid "Envelope ID" must not be empty [item 0]',
	],
	[
		'upload with a folder id containing a slash',
		{ resource: 'document', operation: 'upload', binaryPropertyName: 'data', options: { folderId: 'a/b' } },
		'Invalid "Folder ID" must not contain spaces or slashes [item 0]',
	],
	['no document ids', envelope({ documentIds: ' , ' }), 'Invalid "Document IDs" needs at least 1 entry [item 0]'],
	['no signers', envelope({ signers: {} }), 'Invalid "Signers" needs at least 1 entry [item 0]'],
	[
		'bad email on the second signer',
		envelope({ signers: { signer: [signer, { name: 'B', email: 'not-an-email', role: 'signer' }] } }),
		'Invalid "Email" (signer 2) must be a valid email address [item 0]',
	],
	[
		'signer without a name',
		envelope({ signers: { signer: [{ ...signer, name: '={{ "" }}' }] } }),
		'Invalid "Name" (signer 1) must not be empty [item 0]',
	],
	[
		'unknown role (expression)',
		envelope({ signers: { signer: [{ ...signer, role: 'witness' }] } }),
		'Invalid "Role" (signer 1) must be one of: signer, approver, cc [item 0]',
	],
	['unknown signing order', envelope({ signingOrder: 'random' }), 'Invalid "Signing Order" must be one of: sequential, parallel [item 0]'],
	['promote without title', { resource: 'envelope', operation: 'promote', caseId: CASE, documentIds: 'doc_1', title: '={{ " " }}' }, 'Invalid "Title" must not be empty [item 0]'],
	['download without document id', { resource: 'document', operation: 'download', documentId: '={{ "" }}', binaryPropertyName: 'data' }, 'Invalid "Document ID" must not be empty [item 0]'],
	['download without output field', { resource: 'document', operation: 'download', documentId: 'doc_1', binaryPropertyName: '={{ "" }}' }, 'Invalid "Put Output File in Field" must not be empty [item 0]'],
	['limit below 1', { resource: 'case', operation: 'getMany', returnAll: false, limit: 0 }, 'Invalid "Limit" must be at least 1 [item 0]'],
	['unknown case status', { resource: 'case', operation: 'getMany', returnAll: true, filters: { status: 'deleted' } }, 'Invalid "Status" must be one of: active, closed, archived [item 0]'],
];

describe('Optimaite bad input', () => {
	test.each(table)('%s', async (_name, parameters, message) => {
		const result = await env.engine.run(single(optimaite(parameters)));
		expect(result.error()?.message).toBe(message);
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(0);
	});

	test('a required field left empty in the editor is caught by n8n itself before the node runs', async () => {
		const result = await env.engine.run(single(optimaite(envelope({ caseId: '' }))));
		expect(result.error()?.message).toBe("The 'Optimaite' node has issues:\n- Parameter \"Case ID\" is required.");
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(0);
	});

	test('the error names the item: item 1 fails before its request is sent', async () => {
		const doc = state(env).storeDocument(CASE, 'a.pdf', 'application/pdf', makePdf('a'));
		const result = await env.engine.run(single(optimaite(envelope({ title: '={{ $json.title }}', documentIds: doc.id }))), [
			{ json: { title: 'ok' } },
			{ json: { title: '' } },
		]);
		expect(result.error()?.message).toBe('Invalid "Title" must not be empty [item 1]');
		expect(result.error()?.description).toBe('Fix "Title" and run the node again.');
		expect(env.sandbox.requestsFor('optimaite').map((r) => (r.body as { title: string }).title)).toEqual(['ok']);
	});

	test('with Continue On Fail, the bad item becomes an error item and the others still run', async () => {
		const n = { ...optimaite(envelope({ title: '={{ $json.title }}', documentIds: 'doc_missing' })), onError: 'continueRegularOutput' as const };
		const result = await env.engine.run(single(n), [{ json: { title: '' } }, { json: { title: 'Contract' } }]);
		const out = result.output('Optimaite');
		expect(out).toEqual([
			{ json: { error: 'Invalid "Title" must not be empty [item 0]', description: 'Fix "Title" and run the node again.' }, pairedItem: { item: 0 } },
			{
				json: expect.objectContaining({ error: 'Optimaite rejected the request (404): One or more document IDs do not exist (DOCUMENT_NOT_FOUND)', httpCode: '404' }),
				pairedItem: { item: 1 },
			},
		]);
		// Only the valid item reached Optimaite.
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(1);
	});
});
