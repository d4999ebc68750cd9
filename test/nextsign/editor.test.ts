/**
 * The NextSign nodes as the n8n editor uses them (version 2): cases picked From List (searched and paged as the editor
 * calls `methods.listSearch`), Form → Submit's tags from the chosen form (`methods.loadOptions`), Simplify, the
 * trigger's Simplify and its "Fetch Test Event" with nothing to show — and saved version-1 workflows running unchanged.
 */
import type { IDataObject, INode, INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { NextSignApi } from '../../credentials/NextSignApi.credentials';
import { NextSign } from '../../nodes/NextSign/NextSign.node';
import { NextSignTrigger } from '../../nodes/NextSign/NextSignTrigger.node';
import { makePdf } from '../../sandbox/server';
import { fileItem, node, single, trigger } from '../helpers';
import { COMPANY, ns, state, useNextSign } from './env';

const env = useNextSign();

const v2 = (parameters: IDataObject, name = 'Node'): INode => ns(parameters, name, 2) as INode;
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const fromList = (id: string, name = '') => ({ __rl: true, mode: 'list', value: id, cachedResultName: name });
const lines = () => env.sandbox.requestsFor('nextsign').map((q) => `${q.method} ${q.path}${q.search ?? ''}`);
const clear = () => (env.sandbox.requests.length = 0);

async function createCase(title: string, typeVersion = 2): Promise<IDataObject> {
	const r = await env.engine.run(
		single(ns({ resource: 'case', operation: 'create', title, documents: { document: [{ source: 'binary', binaryPropertyName: 'data' }] }, recipients: { recipient: [{ name: 'Mia', email: 'mia@example.com' }] } }, 'Node', typeVersion) as INode),
		[fileItem(makePdf(title))],
	);
	expect(r.error()).toBeUndefined();
	return r.output('Node')[0].json;
}

describe('Case: From List (methods.listSearch as the editor calls it)', () => {
	test('pages of cases/get named by title, folder and ID; the typed text narrows the loaded page by title', async () => {
		const now = Date.now();
		const st = state(env.sandbox);
		const ids = Array.from({ length: 60 }, (_, i) => String(st.seed(COMPANY, i === 59 ? 'Lejeaftale Nørrebro' : `Case ${i}`, now - (60 - i) * 1000)._id));
		const n = v2({ resource: 'case', operation: 'get', caseId: fromList('') });
		clear();
		const first = await env.engine.listSearch(n, 'searchCases');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('1');
		expect(lines()).toEqual([`GET /api/v2/${COMPANY}/cases/get?limit=50&index=0`]);
		expect(env.sandbox.requestsFor('nextsign')[0].headers.authorization).toBe('Bearer ns_test_key');
		const second = await env.engine.listSearch(n, 'searchCases', undefined, first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((r) => r.value))).toEqual(new Set(ids));
		const named = [...first.results, ...second.results].find((r) => r.value === ids[59]);
		expect(named).toEqual({ name: `Lejeaftale Nørrebro — Default (${ids[59]})`, value: ids[59] });

		clear();
		const found = await env.engine.listSearch(n, 'searchCases', 'nørre');
		expect(found.results.map((r) => r.value)).toEqual(first.results.some((r) => r.value === ids[59]) ? [ids[59]] : []);
		expect(lines()).toEqual([`GET /api/v2/${COMPANY}/cases/get?limit=50&index=0`]);
	});

	test('an error inside HTTP 200 reaches the list as NextSign said it', async () => {
		const n = v2({ resource: 'case', operation: 'get', caseId: fromList('') });
		env.sandbox.addFault({ prefix: 'nextsign', path: '/cases/get', status: 200, body: { errors: [{ code: 400, message: 'Company not found', description: 'No company acme-company' }] }, times: 1 });
		await expect(env.engine.listSearch(n, 'searchCases')).rejects.toThrow(/Company not found/);
	});
});

describe('version 2: locator modes, Simplify, labels', () => {
	test('From List and By ID read the same case; the simplified answer has the fields a workflow needs', async () => {
		const created = await createCase('Lejeaftale');
		const id = String(created.caseId);
		for (const caseId of [fromList(id, 'Lejeaftale'), byId(id), byId(`={{ "${id}" }}`)]) {
			clear();
			const r = await env.engine.run(single(v2({ resource: 'case', operation: 'get', caseId })));
			expect(r.error()).toBeUndefined();
			expect(lines()).toEqual([`GET /api/v2/${COMPANY}/case/${id}/get`]);
			expect(r.output('Node')[0].json).toEqual({
				caseId: id,
				title: 'Lejeaftale',
				folder: 'Default',
				referenceId: null,
				state: 'open',
				allSigned: false,
				isExpired: false,
				expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				createdAt: expect.any(String),
				updatedAt: expect.any(String),
				recipients: [
					{
						recipientId: expect.any(String),
						name: 'Mia',
						email: 'mia@example.com',
						phone: null,
						delivery: 'email',
						mustSign: true,
						signingGroup: 0,
						signed: 'pending',
						signingUrl: expect.stringMatching(/^https?:\/\//),
					},
				],
				documents: [{ name: 'contract.pdf', url: expect.stringMatching(/^https?:\/\//) }],
				signedDocuments: [],
			});
		}
	});

	test('Create and Send, simplified: the same case fields plus how the documents went; Simplify off and version 1 give NextSign’s answer', async () => {
		const simple = await createCase('Simple');
		expect(Object.keys(simple).sort()).toEqual(
			['caseId', 'title', 'folder', 'referenceId', 'state', 'allSigned', 'isExpired', 'expiresAt', 'createdAt', 'updatedAt', 'recipients', 'documents', 'signedDocuments', 'notices', 'documentTransfer'].sort(),
		);
		expect(simple.documentTransfer).toBe('inline');
		const v1 = await createCase('Raw', 1.1);
		expect(v1).toMatchObject({ caseId: expect.any(String), _id: v1.caseId, title: 'Raw', user_company: COMPANY, documentTransfer: 'inline' });
		const off = await env.engine.run(single(v2({ resource: 'case', operation: 'get', caseId: byId(String(v1.caseId)), simplify: false })));
		expect(off.output('Node')[0].json).toMatchObject({ _id: v1.caseId, user_company: COMPANY, settings: expect.any(Object) });
	});

	test('a saved version-1 workflow (free-text Case ID, no Simplify) runs unchanged', async () => {
		const created = await createCase('Old');
		for (const typeVersion of [1, 1.1]) {
			const r = await env.engine.run(single(ns({ resource: 'case', operation: 'get', caseId: String(created.caseId) }, 'Node', typeVersion) as INode));
			expect(r.error()).toBeUndefined();
			expect(r.output('Node')[0].json).toMatchObject({ _id: created.caseId, title: 'Old', user_company: COMPANY, recipients: [expect.objectContaining({ name: 'Mia', signed: 'pending' })] });
		}
		const bad = await env.engine.run(single(ns({ resource: 'case', operation: 'delete', caseId: 'a/b' }, 'Node', 1) as INode));
		expect(bad.error()?.message).toBe('Invalid "Case ID" must not contain spaces, commas or slashes [item 0]');
		const bad2 = await env.engine.run(single(v2({ resource: 'case', operation: 'delete', caseId: byId('={{ "a/b" }}') })));
		expect(bad2.error()?.message).toBe('Invalid "Case" must not contain spaces, commas or slashes [item 0]');
	});

	test('Delete and Download Signed take the case from the list', async () => {
		const created = await createCase('Signed');
		const id = String(created.caseId);
		state(env.sandbox).sign(id, undefined, Date.now());
		const download = await env.engine.run(single(v2({ resource: 'document', operation: 'downloadSigned', caseId: fromList(id) })));
		expect(download.error()).toBeUndefined();
		expect(download.output('Node').map((i) => [i.json.caseId, i.binary?.data?.fileName])).toEqual([[id, 'contract_signed.pdf']]);
		clear();
		const del = await env.engine.run(single(v2({ resource: 'case', operation: 'delete', caseId: fromList(id) })));
		expect(del.output('Node')[0].json).toEqual({ caseId: id, deleted: true, deletedCount: 1 });
		expect(lines()).toEqual([`GET /api/v2/${COMPANY}/case/${id}/delete`]);
	});

	test('a recipient error names the field as the editor labels it', async () => {
		const r = await env.engine.run(
			single(v2({ resource: 'case', operation: 'create', title: 'X', documents: { document: [{ source: 'binary' }] }, recipients: { recipient: [{ name: 'Mia', email: 'mia@example.com' }, { name: 'Lars', email: 'lars@' }] } })),
			[fileItem(makePdf('X'))],
		);
		expect(r.error()?.message).toBe('Invalid "Email" (recipient 2) must be a valid email address [item 0]');
		expect(env.sandbox.requestsFor('nextsign')).toHaveLength(0);
	});
});

describe('Form → Submit: the chosen form’s tags (methods.loadOptions)', () => {
	test('each tag of the form with its type, from forms/{id}/tags/get; none before a form is chosen', async () => {
		clear();
		const options = await env.engine.loadOptions(v2({ resource: 'form', operation: 'submit', formId: 'form-lease' }), 'getFormTags');
		expect(options).toEqual([
			{ name: 'Lejers navn (text)', value: 'tenant_name', description: 'Tag tenant_name, type text' },
			{ name: 'Månedlig leje (number)', value: 'rent', description: 'Tag rent, type number' },
			{ name: 'Indflytning (date)', value: 'move_in', description: 'Tag move_in, type date' },
		]);
		expect(lines()).toEqual([`GET /api/v2/${COMPANY}/forms/form-lease/tags/get`]);
		clear();
		expect(await env.engine.loadOptions(v2({ resource: 'form', operation: 'submit', formId: '' }), 'getFormTags')).toEqual([]);
		expect(lines()).toEqual([]);
	});

	test('a submitted form, simplified: the new case with the same fields as Case → Get', async () => {
		const r = await env.engine.run(
			single(
				v2({
					resource: 'form',
					operation: 'submit',
					formId: 'form-lease',
					tags: { tag: [{ tag: 'tenant_name', type: 'text', value: 'Mia' }, { tag: 'rent', type: 'number', value: '4500' }] },
					recipients: { recipient: [{ name: 'Mia', email: 'mia@example.com' }] },
				}),
			),
		);
		expect(r.error()).toBeUndefined();
		const out = r.output('Node')[0].json;
		expect(out).toMatchObject({ caseId: expect.any(String), title: expect.any(String), recipients: [expect.objectContaining({ name: 'Mia', mustSign: true })], submitted: { status: 'OK' } });
		expect((env.sandbox.requestsFor('nextsign').at(-1)!.body as IDataObject).tags).toEqual([
			{ tag: 'tenant_name', value: 'Mia', type: 'text' },
			{ tag: 'rent', value: 4500, type: 'number' },
		]);
	});
});

describe('NextSign Trigger version 2', () => {
	const watch = (events: string[], typeVersion = 2, extra: IDataObject = {}) =>
		trigger(env.engine, { ...node('nextSignTrigger', { events, filters: {}, ...extra }, { nextSignApi: 'cred-1' }, 'Trigger'), typeVersion });

	test('Fetch Test Event with nothing to show says so, n8n’s way', async () => {
		const result = await watch(['caseSigned', 'caseDenied']).poll('manual');
		expect(result.items).toBeNull();
		expect(result.error?.message).toBe('No case to show for the chosen events yet');
		expect((result.error as Error & { description?: string }).description).toBe(
			'NextSign has no signed case, or denied case yet. Create or sign a case in NextSign, or choose Case Created, then fetch again.',
		);
	});

	test('simplified items use the action node’s names; version 1 keeps the items it always gave', async () => {
		const created = await createCase('Lease');
		const id = String(created.caseId);
		const t2 = watch(['caseSigned']);
		const t1 = watch(['caseSigned'], 1);
		expect((await t2.poll()).items).toBeNull();
		expect((await t1.poll()).items).toBeNull();
		state(env.sandbox).sign(id, undefined, Date.now());
		const [simple] = (await t2.poll()).items!;
		expect(simple.json).toEqual({
			event: 'case_signed',
			caseId: id,
			title: 'Lease',
			folder: 'Default',
			createdAt: expect.any(String),
			updatedAt: expect.any(String),
			status: 'signed',
			case: expect.objectContaining({ caseId: id, allSigned: true, signedDocuments: [{ name: 'contract_signed.pdf', url: expect.any(String) }] }),
		});
		const [raw] = (await t1.poll()).items!;
		expect(raw.json).toMatchObject({ event: 'case_signed', caseId: id, status: 'signed', case: expect.objectContaining({ _id: id, reminders: expect.objectContaining({ allSigned: true }) }) });
	});
});

describe('what the editor shows', () => {
	const props = new NextSign().description.properties;
	const values = (name: string, operation: string) =>
		((props.find((p) => p.name === name && (p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation))?.options as INodePropertyCollection[])[0].values ?? []) as INodeProperties[];

	test('Docs links to the README section on the node, the trigger and the credential', () => {
		const url = 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#nextsign';
		expect(new NextSign().description.documentationUrl).toBe(url);
		expect(new NextSignTrigger().description.documentationUrl).toBe(url);
		expect(new NextSignApi().documentationUrl).toBe(url);
		expect(new NextSignTrigger().description.version).toEqual([1, 2]);
	});

	test('rows in the order people fill them; one row to start; "Must Sign"', () => {
		expect(values('recipients', 'create').map((v) => v.displayName).slice(0, 4)).toEqual(['Name', 'Email', 'Delivery', 'Phone']);
		expect(values('recipients', 'create').find((v) => v.name === 'signing')).toMatchObject({ displayName: 'Must Sign', description: expect.stringMatching(/^Whether /) });
		expect(values('documents', 'create')[0].displayName).toBe('Source');
		expect(props.find((p) => p.name === 'recipients')?.default).toEqual({ recipient: [{ name: '', email: '' }] });
		expect(props.find((p) => p.name === 'documents')?.default).toEqual({ document: [{ source: 'binary', binaryPropertyName: 'data' }] });
		const op = props.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('case'));
		expect((op?.options as Array<{ value: string; name: string; action: string }>).find((o) => o.value === 'create')).toMatchObject({ name: 'Create and Send', action: 'Create and send a case' });
	});

	test('the case is a resource locator from version 2, From List first; version 1 keeps its text field', () => {
		const get = props.filter((p) => p.name === 'caseId' && (p.displayOptions?.show?.operation as string[]).includes('get'));
		expect(get.map((p) => [p.type, p.displayOptions?.show?.['@version']])).toEqual([
			['string', [{ _cnd: { lt: 2 } }]],
			['resourceLocator', [{ _cnd: { gte: 2 } }]],
		]);
		expect(get[1].modes!.map((m) => m.name)).toEqual(['list', 'id']);
		expect(get[1].default).toEqual({ mode: 'list', value: '' });
	});

	test('the credential: no developer placeholders, Custom URLs required, a failed test says what to check', () => {
		const cred = new NextSignApi();
		const text = JSON.stringify(cred.properties);
		expect(text).not.toMatch(/sandbox|127\.0\.0\.1|localhost/);
		for (const name of ['caseBaseUrl', 'fileBaseUrl']) expect(cred.properties.find((p) => p.name === name)).toMatchObject({ required: true, displayOptions: { show: { environment: ['custom'] } } });
		expect(cred.test.rules?.map((r) => (r.properties as { value: number }).value)).toEqual([401, 403, 404]);
	});
});
