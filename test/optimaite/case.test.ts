import { single } from '../helpers';
import { CASE, optimaite, optimaiteEnv, state } from './env';

const env = optimaiteEnv();

function seedCases(n: number) {
	for (let i = 0; i < n; i++) {
		const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
		state(env).addCase({ id, title: `Case ${i}`, status: 'active', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' });
	}
}

describe('Optimaite → Case', () => {
	test('Get returns the case', async () => {
		const result = await env.engine.run(single(optimaite({ resource: 'case', operation: 'get', caseId: CASE })));
		expect(result.output('Optimaite')[0].json).toMatchObject({ id: CASE, title: 'Smith employment', status: 'active' });
		expect(env.sandbox.requestsFor('optimaite')[0].path).toBe(`/api/v1/cases/${CASE}`);
	});

	test('Get Many with Return All follows the cursor with the largest page', async () => {
		seedCases(150); // + 3 seeded cases
		const result = await env.engine.run(single(optimaite({ resource: 'case', operation: 'getMany', returnAll: true })));
		expect(result.output('Optimaite')).toHaveLength(153);
		const reqs = env.sandbox.requestsFor('optimaite');
		expect(reqs.map((r) => r.query)).toEqual([{ limit: '100' }, { limit: '100', cursor: expect.any(String) }]);
	});

	test('Get Many with a limit asks for no more than needed and sends the filters', async () => {
		seedCases(20);
		const result = await env.engine.run(single(optimaite({ resource: 'case', operation: 'getMany', returnAll: false, limit: 7, filters: { status: 'active', search: 'Case 1' } })));
		expect(result.output('Optimaite').map((i) => i.json.title)).toEqual(['Case 1', 'Case 10', 'Case 11', 'Case 12', 'Case 13', 'Case 14', 'Case 15']);
		expect(env.sandbox.requestsFor('optimaite').map((r) => r.query)).toEqual([{ limit: '7', status: 'active', search: 'Case 1' }]);
	});
});
