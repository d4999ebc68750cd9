import { makePdf } from '../../sandbox/server';
import { binaryContent, single } from '../helpers';
import type { RecordedRequest } from '../../sandbox/server';
import { appRequests, penneo, seedCaseFile, state, usePenneo } from './env';

const env = usePenneo();

/** Outside the Send API the token goes in Authorization: Bearer, and X-Auth-Token is never sent (PUBLIC-DOCS.md §3). */
function expectBearer(requests: RecordedRequest[]) {
	const token = [...state(env).tokens.keys()][0];
	expect(requests.length).toBeGreaterThan(0);
	for (const r of requests) {
		expect(r.headers.authorization).toBe(`Bearer ${token}`);
		expect(r.headers['x-auth-token']).toBeUndefined();
	}
}

describe('Case File → Get', () => {
	test('GET /api/v1/casefiles/{id} with Bearer: the status named, each signer’s code read in both of Penneo’s readings', async () => {
		const cf = seedCaseFile(env, {
			title: 'Lease 12B',
			signers: [
				{ name: 'Ann Berg', email: 'ann@example.com', socialSecurityNumberPlain: '0101901234', ssnType: 'dk:cpr' },
				{ name: 'Bo Dahl', email: 'bo@example.com' },
			],
		});
		state(env).sign(cf.id, cf.signers[0].id);
		const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'get', caseFileId: String(cf.id) })));
		expect(appRequests(env)).toEqual([expect.objectContaining({ method: 'GET', path: `/api/v1/casefiles/${cf.id}`, status: 200 })]);
		expectBearer(appRequests(env));
		const json = result.output('Penneo')[0].json as Record<string, any>;
		expect(json).toMatchObject({ id: cf.id, title: 'Lease 12B', status: 1, statusName: 'pending' });
		// Code 3 in a pending case file: "signed" in Penneo's Postman collection, "deleted" in its SDKs — not decided.
		expect(json.signers.map((s: any) => [s.name, s.signingRequest.status, s.signingRequest.statusMeaning, s.signed])).toEqual([
			['Ann Berg', 3, 'signed (Penneo Postman collection) or deleted (Penneo SDKs)', null],
			['Bo Dahl', 0, 'sent (Penneo Postman collection) or new (Penneo SDKs)', false],
		]);
		expect(JSON.stringify(json)).not.toContain('0101901234');
	});

	test('under the SDKs’ reading (4 = signed) a signer of a pending case file counts as signed; a completed one, every signer', async () => {
		state(env).signingScheme = 'sdk';
		const cf = seedCaseFile(env, { signers: [{ name: 'Ann Berg' }, { name: 'Bo Dahl' }] });
		state(env).sign(cf.id, cf.signers[0].id);
		const get = penneo({ resource: 'caseFile', operation: 'get', caseFileId: String(cf.id) });
		const pending = (await env.engine.run(single(get))).output('Penneo')[0].json as Record<string, any>;
		expect(pending.signers.map((s: any) => [s.signingRequest.status, s.signed])).toEqual([[4, true], [0, false]]);
		state(env).sign(cf.id);
		const done = (await env.engine.run(single(get))).output('Penneo')[0].json as Record<string, any>;
		expect(done.statusName).toBe('completed');
		expect(done.signers.map((s: any) => s.signed)).toEqual([true, true]);
	});

	test('an unknown case file is a 404 with advice', async () => {
		const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'get', caseFileId: '999999' })));
		expect(result.error()?.message).toBe('Penneo rejected the request (404): Case file not found');
		expect(result.error()?.description).toBe(
			'Check the ID: it does not exist in this Penneo environment (sandbox and production are separate), or it was deleted.',
		);
	});

	test('a read is retried after a 503, then succeeds', async () => {
		const cf = seedCaseFile(env);
		env.sandbox.addFault({ prefix: 'penneo', path: '/api/v1/casefiles', status: 503 });
		const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'get', caseFileId: String(cf.id) })));
		expect(result.error()).toBeUndefined();
		expect(appRequests(env).map((r) => r.status)).toEqual([503, 200]);
	});
});

describe('Case File → Get Many', () => {
	test('sends every filter the way Penneo expects (dates as Unix seconds, folders comma-separated)', async () => {
		const n = penneo({
			resource: 'caseFile',
			operation: 'getMany',
			returnAll: false,
			limit: 20,
			filters: {
				status: 5,
				title: 'Lease',
				reference: 'REF-1',
				folderIds: '12, 34',
				createdAfter: '2026-01-01T00:00:00Z',
				updatedAfter: '2026-02-01T00:00:00Z',
				completedAfter: '2026-03-01T00:00:00Z',
			},
		});
		const result = await env.engine.run(single(n));
		expect(result.error()).toBeUndefined();
		expectBearer(appRequests(env));
		expect(appRequests(env)[0].headers['x-paginate']).toBe('true');
		expect(appRequests(env)).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/api/v1/casefiles',
				query: {
					status: '5',
					title: 'Lease',
					reference: 'REF-1',
					folderIds: '12,34',
					createdAfter: String(Date.parse('2026-01-01T00:00:00Z') / 1000),
					updatedAfter: String(Date.parse('2026-02-01T00:00:00Z') / 1000),
					completedAfter: String(Date.parse('2026-03-01T00:00:00Z') / 1000),
					page: '1',
					per_page: '20',
				},
				status: 200,
			}),
		]);
	});

	test('filters by status and names it', async () => {
		const a = seedCaseFile(env, { title: 'A' });
		seedCaseFile(env, { title: 'B' });
		state(env).sign(a.id);
		const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'getMany', returnAll: true, filters: { status: 5 } })));
		expect(result.output('Penneo').map((o) => [o.json.id, o.json.status, o.json.statusName])).toEqual([[a.id, 5, 'completed']]);
	});

	test('Return All follows the Link header’s rel="next" (x-paginate, page/per_page) until there is none', async () => {
		const ids = Array.from({ length: 230 }, (_, i) => seedCaseFile(env, { title: `Case ${i}` }).id);
		const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'getMany', returnAll: true, filters: {} })));
		expect(result.output('Penneo').map((o) => o.json.id)).toEqual(ids);
		expect(appRequests(env).map((r) => [r.headers['x-paginate'], r.query])).toEqual([
			['true', { page: '1', per_page: '100' }],
			['true', { page: '2', per_page: '100' }],
			['true', { page: '3', per_page: '100' }],
		]);
		expectBearer(appRequests(env));
	});

	test('a server that ignores the paging and answers everything costs one extra request, never a loop or a duplicate', async () => {
		state(env).paging = 'unpaged';
		const ids = Array.from({ length: 230 }, (_, i) => seedCaseFile(env, { title: `Case ${i}` }).id);
		const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'getMany', returnAll: true, filters: {} })));
		expect(result.output('Penneo').map((o) => o.json.id)).toEqual(ids);
		expect(appRequests(env).map((r) => r.query.page)).toEqual(['1', '2']);
		expect(appRequests(env).map((r) => r.headers.link)).toEqual([undefined, undefined]);
	});

	test('rows repeated across pages (a page shift) are returned once', async () => {
		const ids = Array.from({ length: 150 }, (_, i) => seedCaseFile(env, { title: `Case ${i}` }).id);
		// Newest first, and a new case file arrives after the first page: page 2 starts with a row of page 1.
		state(env).defaultOrder = '-id';
		state(env).afterListPage = (page) => {
			if (page === 1) ids.push(seedCaseFile(env, { title: 'Late' }).id);
		};
		const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'getMany', returnAll: true, filters: {} })));
		const got = result.output('Penneo').map((o) => o.json.id as number);
		expect(new Set(got).size).toBe(got.length);
		expect(got).toHaveLength(150);
		expect(appRequests(env)).toHaveLength(2);
	});

	test('Limit asks for no more than needed', async () => {
		for (let i = 0; i < 8; i++) seedCaseFile(env, { title: `Case ${i}` });
		const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'getMany', returnAll: false, limit: 3, filters: {} })));
		expect(result.output('Penneo')).toHaveLength(3);
		expect(appRequests(env).map((r) => r.query)).toEqual([{ page: '1', per_page: '3' }]);
	});
});

describe('Case File → Delete', () => {
	test('deletes, then the case file shows as deleted and a second delete is a 404', async () => {
		const cf = seedCaseFile(env);
		const del = penneo({ resource: 'caseFile', operation: 'delete', caseFileId: String(cf.id) });
		const result = await env.engine.run(single(del));
		expect(result.output('Penneo')[0].json).toEqual({ caseFileId: cf.id, deleted: true });
		expect(appRequests(env)).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/v1/casefiles/${cf.id}`, status: 200 })]);
		expectBearer(appRequests(env));
		expect(state(env).caseFiles.get(cf.id)?.status).toBe(3);
		const again = await env.engine.run(single(del));
		expect(again.error()?.message).toBe('Penneo rejected the request (404): Case file not found');
	});
});

describe('Case File → Download Signed Documents', () => {
	const contract = makePdf('contract original');
	const annex = makePdf('annex original');

	test('each document’s signed PDF becomes one item with its binary', async () => {
		const cf = seedCaseFile(env, {
			title: 'Sale',
			documents: [
				{ title: 'Sales Contract', name: 'contract.pdf', content: contract },
				{ title: 'Annex: prices', name: 'annex.pdf', content: annex, signable: false },
			],
		});
		state(env).sign(cf.id);
		const result = await env.engine.run(
			single(penneo({ resource: 'caseFile', operation: 'downloadSigned', caseFileId: String(cf.id), binaryPropertyName: 'signed' })),
		);
		expect(result.error()).toBeUndefined();
		const docs = cf.documentIds.map((id) => state(env).documents.get(id)!);
		const requests = appRequests(env);
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /api/v1/casefiles/${cf.id}`,
			`GET /api/v3/documents/${docs[0].id}/content`,
			`GET /api/v3/documents/${docs[1].id}/content`,
		]);
		expect(requests[1].headers.accept).toBe('application/pdf');
		expectBearer(requests);
		const out = result.output('Penneo');
		expect(out.map((o) => o.json)).toEqual([
			{ caseFileId: cf.id, caseFileTitle: 'Sale', caseFileStatus: 'completed', documentId: docs[0].id, documentTitle: 'Sales Contract', fileName: 'Sales Contract.pdf', mimeType: 'application/pdf', fileSize: docs[0].signedContent!.length },
			{ caseFileId: cf.id, caseFileTitle: 'Sale', caseFileStatus: 'completed', documentId: docs[1].id, documentTitle: 'Annex: prices', fileName: 'Annex_ prices.pdf', mimeType: 'application/pdf', fileSize: docs[1].signedContent!.length },
		]);
		expect(out.map((o) => o.binary?.signed?.fileName)).toEqual(['Sales Contract.pdf', 'Annex_ prices.pdf']);
		expect(out.map((o) => o.binary?.signed?.mimeType)).toEqual(['application/pdf', 'application/pdf']);
		expect(binaryContent(out[0], 'signed')).toEqual(docs[0].signedContent);
		expect(binaryContent(out[1], 'signed')).toEqual(docs[1].signedContent);
		expect(binaryContent(out[0], 'signed').subarray(0, 5).toString()).toBe('%PDF-');
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('a case file that is not signed yet stops with advice, and downloads nothing', async () => {
		const cf = seedCaseFile(env, { documents: [{ title: 'Contract', name: 'c.pdf', content: contract }] });
		const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'downloadSigned', caseFileId: String(cf.id) })));
		expect(result.error()?.message).toBe(`Case file ${cf.id} is pending, not signed yet`);
		expect(result.error()?.description).toContain('turn off "Only When Completed"');
		expect(appRequests(env)).toHaveLength(1);
	});

	test('with "Only When Completed" off, the documents are downloaded as they are now', async () => {
		const cf = seedCaseFile(env, { documents: [{ title: 'Contract', name: 'c.pdf', content: contract }] });
		const result = await env.engine.run(
			single(penneo({ resource: 'caseFile', operation: 'downloadSigned', caseFileId: String(cf.id), onlyCompleted: false })),
		);
		const [item] = result.output('Penneo');
		expect(item.json).toMatchObject({ caseFileStatus: 'pending', fileName: 'Contract.pdf' });
		expect(binaryContent(item)).toEqual(contract);
	});
});

test('Download reads a JSON answer carrying the PDF in base64 (as Penneo’s docs site describes it)', async () => {
	const pdf = makePdf('signed by json');
	const cf = seedCaseFile(env, { documents: [{ title: 'Contract', name: 'c.pdf', content: pdf }] });
	env.sandbox.addFault({ prefix: 'penneo', path: '/content', status: 200, body: pdf.toString('base64') });
	const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'downloadSigned', caseFileId: String(cf.id), onlyCompleted: false })));
	expect(result.error()).toBeUndefined();
	const [item] = result.output('Penneo');
	expect(binaryContent(item)).toEqual(pdf);
	expect(item.binary?.data?.mimeType).toBe('application/pdf');
});
