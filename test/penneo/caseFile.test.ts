import { makePdf } from '../../sandbox/server';
import { binaryContent, single } from '../helpers';
import { appRequests, penneo, seedCaseFile, state, usePenneo } from './env';

const env = usePenneo();

describe('Case File → Get', () => {
	test('returns the case file with its status and the signing request statuses named', async () => {
		const cf = seedCaseFile(env, {
			title: 'Lease 12B',
			signers: [
				{ name: 'Ann Berg', email: 'ann@example.com', socialSecurityNumberPlain: '0101901234', ssnType: 'dk:cpr' },
				{ name: 'Bo Dahl', email: 'bo@example.com' },
			],
		});
		state(env).sign(cf.id, cf.signers[0].id);
		const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'get', caseFileId: String(cf.id) })));
		expect(appRequests(env)).toEqual([expect.objectContaining({ method: 'GET', path: `/api/v3/casefiles/${cf.id}`, status: 200 })]);
		const json = result.output('Penneo')[0].json as Record<string, any>;
		expect(json).toMatchObject({ id: cf.id, title: 'Lease 12B', status: 1, statusName: 'pending' });
		expect(json.signers.map((s: any) => [s.name, s.signingRequest.status, s.signingRequest.statusName])).toEqual([
			['Ann Berg', 3, 'signed'],
			['Bo Dahl', 0, 'sent'],
		]);
		expect(JSON.stringify(json)).not.toContain('0101901234');
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
		env.sandbox.addFault({ prefix: 'penneo', path: '/api/v3/casefiles', status: 503 });
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
					limit: '20',
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

	test('Return All reads page after page (limit/offset) until a short page', async () => {
		const ids = Array.from({ length: 230 }, (_, i) => seedCaseFile(env, { title: `Case ${i}` }).id);
		const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'getMany', returnAll: true, filters: {} })));
		expect(result.output('Penneo').map((o) => o.json.id)).toEqual(ids);
		expect(appRequests(env).map((r) => r.query)).toEqual([{ limit: '100' }, { limit: '100', offset: '100' }, { limit: '100', offset: '200' }]);
	});

	test('Limit asks for no more than needed', async () => {
		for (let i = 0; i < 8; i++) seedCaseFile(env, { title: `Case ${i}` });
		const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'getMany', returnAll: false, limit: 3, filters: {} })));
		expect(result.output('Penneo')).toHaveLength(3);
		expect(appRequests(env).map((r) => r.query)).toEqual([{ limit: '3' }]);
	});
});

describe('Case File → Delete', () => {
	test('deletes, then the case file shows as deleted and a second delete is a 404', async () => {
		const cf = seedCaseFile(env);
		const del = penneo({ resource: 'caseFile', operation: 'delete', caseFileId: String(cf.id) });
		const result = await env.engine.run(single(del));
		expect(result.output('Penneo')[0].json).toEqual({ caseFileId: cf.id, deleted: true });
		expect(appRequests(env)).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/v1/casefiles/${cf.id}`, status: 204 })]);
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
			`GET /api/v3/casefiles/${cf.id}`,
			`GET /api/v3/documents/${docs[0].id}/content`,
			`GET /api/v3/documents/${docs[1].id}/content`,
		]);
		expect(requests[1].headers.accept).toBe('application/pdf');
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
