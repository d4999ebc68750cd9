import { single } from '../helpers';
import { CASE, optimaite, optimaiteEnv, state } from './env';

const env = optimaiteEnv();

function seedCases(n: number) {
	for (let i = 0; i < n; i++) {
		const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
		state(env).addCase({ id, name: `Case ${i}`, file_number: `AZ-${i}`, created_at: '2026-01-01T00:00:00Z' });
	}
}

describe('Optimaite → Case', () => {
	test('Get returns the case as Optimaite documents it', async () => {
		const result = await env.engine.run(single(optimaite({ resource: 'case', operation: 'get', caseId: CASE })));
		expect(result.output('Optimaite')[0].json).toMatchObject({ id: CASE, name: 'Smith v. Jones -- Employment Dispute', file_number: 'AZ-2026-042', status: 'active' });
		const [req] = env.sandbox.requestsFor('optimaite');
		expect([req.method, req.path, req.search, req.headers.authorization]).toEqual(['GET', `/api/v1/cases/${CASE}`, '', 'Bearer opt_test_sandbox']);
	});

	test('Get Many with Return All follows the cursor with the largest page', async () => {
		seedCases(150); // + 3 seeded cases
		const result = await env.engine.run(single(optimaite({ resource: 'case', operation: 'getMany', returnAll: true })));
		expect(result.output('Optimaite')).toHaveLength(153);
		const reqs = env.sandbox.requestsFor('optimaite');
		expect(reqs.map((r) => r.query)).toEqual([{ limit: '100' }, { limit: '100', cursor: expect.any(String) }]);
	});

	test('Get Many with a limit asks for no more than needed and sends the filters (search: name or file number)', async () => {
		seedCases(20);
		const result = await env.engine.run(
			single(optimaite({ resource: 'case', operation: 'getMany', returnAll: false, limit: 7, filters: { status: 'active', search: 'Case 1' } })),
		);
		expect(result.output('Optimaite').map((i) => i.json.name)).toEqual(['Case 1', 'Case 10', 'Case 11', 'Case 12', 'Case 13', 'Case 14', 'Case 15']);
		expect(env.sandbox.requestsFor('optimaite').map((r) => r.query)).toEqual([{ limit: '7', status: 'active', search: 'Case 1' }]);
	});

	test('the cursor is read under another field name (its name is not documented)', async () => {
		seedCases(150);
		state(env).options.cursorField = 'nextCursor';
		const result = await env.engine.run(single(optimaite({ resource: 'case', operation: 'getMany', returnAll: true })));
		expect(result.output('Optimaite')).toHaveLength(153);
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(2);
	});

	test('a full page without any cursor field this node knows stops with an error naming the fields seen', async () => {
		seedCases(150);
		state(env).options.cursorField = 'continuation_token';
		const result = await env.engine.run(single(optimaite({ resource: 'case', operation: 'getMany', returnAll: true })));
		expect(result.error()?.message).toBe('Optimaite sent a full page of cases without a cursor this node knows, so it cannot read the next page');
		expect(result.error()?.description).toMatch(/^The answer has the fields "data", "continuation_token"; this node looks for next_cursor, nextCursor, next, cursor/);
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(1);
		// A short page needs no cursor: the list ends there.
		const limited = await env.engine.run(single(optimaite({ resource: 'case', operation: 'getMany', returnAll: false, limit: 100 })));
		expect(limited.error()).toBeUndefined();
		expect(limited.output('Optimaite')).toHaveLength(100);
	});
});
