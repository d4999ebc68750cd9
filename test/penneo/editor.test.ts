/**
 * The Penneo nodes as the n8n editor uses them (version 2): case files picked From List (searched and paged as the
 * editor calls `methods.listSearch`), Simplify, signer options in groups, the trigger's Simplify and its "Fetch Test
 * Event" with nothing to show — and saved version-1 workflows running unchanged.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { makePdf } from '../../sandbox/server';
import { binaryContent, fileItem, single, trigger } from '../helpers';
import { appRequests, penneo, penneoTrigger, seedCaseFile, state, usePenneo } from './env';

const env = usePenneo();

const v2 = (n: INode): INode => ({ ...n, typeVersion: 2 });
const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });
const fromList = (id: number | string, name = '') => ({ __rl: true, mode: 'list', value: String(id), cachedResultName: name });

function clearRequests() {
	env.sandbox.requests.length = 0;
}

describe('Case File: From List (methods.listSearch as the editor calls it)', () => {
	test('the newest case files first, named by title, status and ID; the typed text goes to Penneo’s title filter', async () => {
		const now = Date.now();
		const old = seedCaseFile(env, { title: 'Lease Old', at: now - 60_000 });
		const nda = seedCaseFile(env, { title: 'NDA Jensen', at: now - 30_000 });
		const lease = seedCaseFile(env, { title: 'Lease New', at: now });
		state(env).sign(lease.id);
		const node = v2(penneo({ resource: 'caseFile', operation: 'get', caseFileId: fromList('') }));
		const all = await env.engine.listSearch(node, 'searchCaseFiles');
		expect(all).toEqual({
			results: [
				{ name: `Lease New — completed (${lease.id})`, value: String(lease.id) },
				{ name: `NDA Jensen — pending (${nda.id})`, value: String(nda.id) },
				{ name: `Lease Old — pending (${old.id})`, value: String(old.id) },
			],
		});
		const [list] = appRequests(env);
		expect(list).toMatchObject({ method: 'GET', path: '/api/v1/casefiles', query: { sort: '-created', page: '1', per_page: '50' }, status: 200 });
		expect(list.headers['x-paginate']).toBe('true');
		expect(list.headers.authorization).toMatch(/^Bearer /);

		clearRequests();
		const found = await env.engine.listSearch(node, 'searchCaseFiles', 'lease');
		expect(found.results.map((r) => r.value)).toEqual([String(lease.id), String(old.id)]);
		expect(appRequests(env)[0].query).toEqual({ title: 'lease', sort: '-created', page: '1', per_page: '50' });
	});

	test('pages follow Penneo’s Link header: the page number is the pagination token', async () => {
		const ids = Array.from({ length: 60 }, (_, i) => seedCaseFile(env, { title: `Case ${i}`, at: Date.now() - (60 - i) * 1000 }).id);
		const node = v2(penneo({ resource: 'caseFile', operation: 'get', caseFileId: fromList('') }));
		const first = await env.engine.listSearch(node, 'searchCaseFiles');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const second = await env.engine.listSearch(node, 'searchCaseFiles', undefined, first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		expect([...first.results, ...second.results].map((r) => Number(r.value))).toEqual([...ids].reverse());
		expect(appRequests(env).map((r) => r.query.page)).toEqual(['1', '2']);
	});

	test('a Penneo error reaches the list as Penneo said it', async () => {
		env.sandbox.addFault({ prefix: 'penneo', path: '/api/v1/casefiles', status: 403, body: { message: 'Access denied' } });
		const node = v2(penneo({ resource: 'caseFile', operation: 'get', caseFileId: fromList('') }));
		await expect(env.engine.listSearch(node, 'searchCaseFiles')).rejects.toThrow('Penneo rejected the request (403): Access denied');
	});
});

describe('version 2: the case file from the list, by ID or by expression; Simplify', () => {
	test('every locator mode reads the same case file; the simplified answer has the fields a workflow needs', async () => {
		const cf = seedCaseFile(env, {
			title: 'Lease 12B',
			reference: 'REF-9',
			signers: [
				{ name: 'Ann Berg', email: 'ann@example.com' },
				{ name: 'Bo Dahl', email: 'bo@example.com' },
			],
		});
		state(env).sign(cf.id, cf.signers[0].id);
		for (const caseFileId of [fromList(cf.id, 'Lease 12B — pending'), byId(cf.id), { __rl: true, mode: 'id', value: '={{ $json.id }}' }]) {
			clearRequests();
			const result = await env.engine.run(single(v2(penneo({ resource: 'caseFile', operation: 'get', caseFileId }))), [{ json: { id: cf.id } }]);
			expect(result.error()).toBeUndefined();
			expect(appRequests(env).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/v1/casefiles/${cf.id}`]);
			expect(result.output('Penneo')[0].json).toEqual({
				caseFileId: cf.id,
				title: 'Lease 12B',
				status: 'pending',
				statusCode: 1,
				reference: 'REF-9',
				metaData: null,
				language: null,
				createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				sendAt: null,
				expireAt: null,
				signers: [
					{
						signerId: cf.signers[0].id,
						name: 'Ann Berg',
						email: 'ann@example.com',
						role: null,
						onBehalfOf: null,
						signed: null,
						signingStatus: 'signed (Penneo Postman collection) or deleted (Penneo SDKs)',
						signedAt: null,
					},
					{
						signerId: cf.signers[1].id,
						name: 'Bo Dahl',
						email: 'bo@example.com',
						role: null,
						onBehalfOf: null,
						signed: false,
						signingStatus: 'sent (Penneo Postman collection) or new (Penneo SDKs)',
						signedAt: null,
					},
				],
				documents: [{ documentId: expect.any(Number), title: 'Lease' }],
			});
		}
	});

	test('Simplify off: Penneo’s answer with its statuses named (as version 1 gives it)', async () => {
		const cf = seedCaseFile(env, { title: 'Raw' });
		const raw = await env.engine.run(single(v2(penneo({ resource: 'caseFile', operation: 'get', caseFileId: byId(cf.id), simplify: false }))));
		const v1 = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'get', caseFileId: String(cf.id) })));
		expect(raw.output('Penneo')[0].json).toEqual(v1.output('Penneo')[0].json);
		expect(raw.output('Penneo')[0].json).toMatchObject({ id: cf.id, status: 1, statusName: 'pending', created: expect.any(Number) });
	});

	test('a case file ID that is not a number is refused before any request, named as the editor shows it', async () => {
		// Typed By ID, n8n itself refuses it (the mode's regex), naming the field.
		const typed = await env.engine.run(single(v2(penneo({ resource: 'caseFile', operation: 'delete', caseFileId: byId('abc') }))));
		expect(typed.error()?.message).toBe("The 'Penneo' node has issues:\n- Not a valid Case File ID");
		// From an expression, the node does.
		const v2Result = await env.engine.run(single(v2(penneo({ resource: 'caseFile', operation: 'delete', caseFileId: { __rl: true, mode: 'id', value: '={{ "abc" }}' } }))));
		expect(v2Result.error()?.message).toBe('Invalid "Case File" must be a number (the case file ID shown in Penneo) [item 0]');
		const v1Result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'delete', caseFileId: 'abc' })));
		expect(v1Result.error()?.message).toBe('Invalid "Case File ID" must be a number (the case file ID shown in Penneo) [item 0]');
		expect(appRequests(env)).toHaveLength(0);
	});

	test('Get Many, simplified: one item per case file with the same fields as Get', async () => {
		const a = seedCaseFile(env, { title: 'A' });
		const b = seedCaseFile(env, { title: 'B' });
		const result = await env.engine.run(single(v2(penneo({ resource: 'caseFile', operation: 'getMany', returnAll: true, filters: {} }))));
		const items = result.output('Penneo').map((i) => i.json);
		expect(items.map((j) => [j.caseFileId, j.title, j.status])).toEqual([
			[a.id, 'A', 'pending'],
			[b.id, 'B', 'pending'],
		]);
		const get = await env.engine.run(single(v2(penneo({ resource: 'caseFile', operation: 'get', caseFileId: byId(a.id) }))));
		expect(Object.keys(items[0]).sort()).toEqual(Object.keys(get.output('Penneo')[0].json).sort());
	});

	test('Delete and Download Signed Documents take the case file from the list', async () => {
		const cf = seedCaseFile(env, {
			title: 'Two PDFs',
			documents: [
				{ title: 'Lease', name: 'lease.pdf', content: makePdf('lease') },
				{ title: 'Annex', name: 'annex.pdf', content: makePdf('annex') },
			],
		});
		state(env).sign(cf.id);
		const download = await env.engine.run(single(v2(penneo({ resource: 'caseFile', operation: 'downloadSigned', caseFileId: fromList(cf.id) }))));
		expect(download.error()).toBeUndefined();
		// One item per signed file, each PDF in the default binary field "data".
		const items = download.output('Penneo');
		expect(items.map((i) => [i.json.documentTitle, i.binary?.data?.fileName])).toEqual([
			['Lease', 'Lease.pdf'],
			['Annex', 'Annex.pdf'],
		]);
		for (const item of items) expect(binaryContent(item).subarray(0, 5).toString()).toBe('%PDF-');
		const del = await env.engine.run(single(v2(penneo({ resource: 'caseFile', operation: 'delete', caseFileId: fromList(cf.id) }))));
		expect(del.output('Penneo')[0].json).toEqual({ caseFileId: cf.id, deleted: true });
		expect(appRequests(env).filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([`/api/v1/casefiles/${cf.id}`]);
	});
});

describe('version 2 Create and Send: signer options in groups', () => {
	test('the groups are merged into one signer of Penneo’s case file document', async () => {
		const result = await env.engine.run(
			single(
				v2(
					penneo({
						resource: 'caseFile',
						operation: 'create',
						title: 'Grouped',
						documents: { document: [{ binaryPropertyName: 'data', title: 'Contract', signable: true, options: {} }] },
						signers: {
							signer: [
								{
									name: 'Ann Berg',
									email: 'ann@example.com',
									role: 'Client_Signer',
									signOrder: 1,
									security: { accessControl: true, ssnType: 'sms', ssn: '+4512345678' },
									notifications: { language: 'da', emailSubject: 'Please sign', reminderInterval: 2 },
									options: { onBehalfOf: 'Acme', successUrl: 'https://example.com/ok' },
								},
							],
						},
						waitForCompletion: false,
					}),
				),
			),
			[fileItem(makePdf('contract'), 'contract.pdf')],
		);
		expect(result.error()).toBeUndefined();
		const [create] = appRequests(env);
		const data = JSON.parse(create.parts!.find((p) => p.name === 'data')!.value!);
		expect(data.caseFile.signers).toEqual([
			{
				name: 'Ann Berg',
				email: 'ann@example.com',
				role: 'Client_Signer',
				signOrder: 1,
				accessControl: true,
				ssnType: 'sms',
				language: 'da',
				emailSubject: 'Please sign',
				reminderInterval: 2,
				onBehalfOf: 'Acme',
				successUrl: 'https://example.com/ok',
				socialSecurityNumberPlain: '+4512345678',
			},
		]);
		expect(result.output('Penneo')[0].json).toMatchObject({ jobStatus: 'pending', uuid: expect.any(String), payloadHash: expect.any(String) });
	});

	test('a grouped option that is wrong is named as the editor labels it', async () => {
		const result = await env.engine.run(
			single(
				v2(
					penneo({
						resource: 'caseFile',
						operation: 'create',
						title: 'Grouped',
						documents: { document: [{ binaryPropertyName: 'data', signable: true, options: {} }] },
						signers: { signer: [{ name: 'Ann Berg', email: 'ann@example.com' }, { name: 'Bo Dahl', email: 'bo@', notifications: { emailText: 'Hi' } }] },
						waitForCompletion: false,
					}),
				),
			),
			[fileItem(makePdf('contract'))],
		);
		expect(result.error()?.message).toBe('Invalid "Email" (signer 2) must be a valid email address [item 0]');
		expect(result.error()?.description).toBe(
			'Fix these fields and run the node again:\n- "Email" (signer 2) must be a valid email address\n- "Email Text" (signer 2) must be at least 5 characters',
		);
		expect(appRequests(env)).toHaveLength(0);
	});
});

describe('version 2 Job → Get Status, simplified', () => {
	test('the job’s state and what it made, never the echoed payload', async () => {
		const created = await env.engine.run(
			single(
				v2(
					penneo({
						resource: 'caseFile',
						operation: 'create',
						title: 'Job',
						documents: { document: [{ binaryPropertyName: 'data', signable: true, options: {} }] },
						signers: { signer: [{ name: 'Ann Berg', email: 'ann@example.com', security: { ssn: '0101901234' } }] },
						waitForCompletion: false,
					}),
				),
			),
			[fileItem(makePdf('contract'))],
		);
		const { uuid, payloadHash } = created.output('Penneo')[0].json as { uuid: string; payloadHash: string };
		const status = await env.engine.run(single(v2(penneo({ resource: 'job', operation: 'getStatus', uuid, payloadHash }))));
		const json = status.output('Penneo')[0].json as IDataObject;
		expect(json).toEqual({
			uuid,
			jobStatus: 'completed',
			caseFileId: expect.any(Number),
			signingLinks: [{ name: 'Ann Berg', role: 'Signer', link: expect.stringMatching(/^https?:\/\//) }],
			errorMessage: null,
			createdAt: expect.any(String),
			updatedAt: expect.any(String),
		});
		expect(JSON.stringify(json)).not.toContain('0101901234');
	});
});

describe('Penneo Trigger version 2', () => {
	test('Simplify (default): the event and the same fields as Case File → Get with Simplify', async () => {
		const cf = seedCaseFile(env, { title: 'Signed', signers: [{ name: 'Ann Berg', email: 'ann@example.com' }] });
		const t = trigger(env.engine, v2(penneoTrigger({ events: ['completed', 'signerSigned'] })));
		await t.poll();
		state(env).sign(cf.id);
		const fired = await t.poll();
		const completed = fired.items?.find((i) => i.json.event === 'caseFile.completed')?.json as IDataObject;
		const get = await env.engine.run(single(v2(penneo({ resource: 'caseFile', operation: 'get', caseFileId: byId(cf.id) }))));
		expect(completed).toEqual({ event: 'caseFile.completed', ...get.output('Penneo')[0].json });
		const signed = fired.items?.find((i) => i.json.event === 'signer.signed')?.json as IDataObject;
		expect(signed).toMatchObject({ event: 'signer.signed', caseFileId: cf.id, title: 'Signed', status: 'completed', signer: { name: 'Ann Berg', email: 'ann@example.com', signed: true } });
		expect(signed.caseFile).toBeUndefined();
	});

	test('version 1 (and Simplify off) keep the items the trigger always gave', async () => {
		for (const n of [penneoTrigger({ events: ['completed'] }), v2(penneoTrigger({ events: ['completed'], simplify: false }))]) {
			const again = seedCaseFile(env, { title: 'Old shape' });
			const t = trigger(env.engine, n);
			await t.poll();
			state(env).sign(again.id);
			const [item] = (await t.poll()).items ?? [];
			expect(item.json).toMatchObject({ event: 'caseFile.completed', caseFileId: again.id, title: 'Old shape', status: 'completed', caseFile: { id: again.id, statusName: 'completed' } });
		}
	});

	test('Fetch Test Event with nothing to show says what was looked at and what to do', async () => {
		seedCaseFile(env, { title: 'Still pending' });
		const t = trigger(env.engine, v2(penneoTrigger({ events: ['completed', 'rejected'] })));
		const sample = await t.poll('manual');
		expect(sample.items).toBeNull();
		expect(sample.error?.constructor.name).toBe('NodeOperationError');
		expect(sample.error?.message).toBe('No completed case file or rejected case file among your 10 newest Penneo case files yet');
		expect((sample.error as Error & { description?: string })?.description).toMatch(/^Fetch Test Event shows the newest matching event from your latest case files\. Send a case file/);
		expect(t.savedStaticData).toEqual({});
	});

	test('Fetch Test Event with an event to show returns it, simplified', async () => {
		const cf = seedCaseFile(env, { title: 'Done' });
		state(env).sign(cf.id);
		const sample = await trigger(env.engine, v2(penneoTrigger({ events: ['completed'] }))).poll('manual');
		expect(sample.items?.map((i) => [i.json.event, i.json.caseFileId, i.json.status])).toEqual([['caseFile.completed', cf.id, 'completed']]);
	});
});

describe('saved version-1 workflows run unchanged', () => {
	/** The example workflow as version 1 exported it: a free-text ID from the trigger's item. */
	const v1Workflow = {
		nodes: [
			{
				parameters: { resource: 'caseFile', operation: 'downloadSigned', caseFileId: '={{ $json.caseFileId }}', binaryPropertyName: 'signed' },
				id: 'v1-download',
				name: 'Download Signed PDF',
				type: 'n8n-nodes-esign.penneo',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				credentials: { penneoApi: { id: 'penneo-cred', name: 'penneo-cred' } },
			},
		],
		connections: {},
	};

	test('the version-1 trigger item feeds the version-1 download: same requests, same output', async () => {
		const cf = seedCaseFile(env, { title: 'Legacy' });
		const t = trigger(env.engine, penneoTrigger({ events: ['completed'] }));
		await t.poll();
		state(env).sign(cf.id);
		const fired = await t.poll();
		clearRequests();
		const result = await env.engine.run(v1Workflow, fired.items!);
		expect(result.error()).toBeUndefined();
		expect(appRequests(env).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/v1/casefiles/${cf.id}`, expect.stringMatching(/^GET \/api\/v3\/documents\/\d+\/content$/)]);
		const [item] = result.output('Download Signed PDF');
		expect(item.json).toMatchObject({ caseFileId: cf.id, caseFileTitle: 'Legacy', caseFileStatus: 'completed', documentTitle: 'Lease' });
		expect(binaryContent(item, 'signed').subarray(0, 5).toString()).toBe('%PDF-');
	});
});
