/**
 * Shared request rules, through n8n's engine:
 * - issue 13 §7: `.` and `..` ids pass the providers' id checks and are not changed by encodeURIComponent, so
 *   Optimaite Document → Delete `.` sent `DELETE /api/v1/documents/` and `..` sent `DELETE /api/v1/`. The transport
 *   refuses a URL with a dot segment before anything is sent; `pathId` names the field for providers that use it.
 * - issue 13 §9: a DELETE whose retry finds the object gone counts as "deleted earlier" only when the first attempt's
 *   outcome was unknown (5xx or a cut connection), and says so (`confirmed: false`); a first 404 is "not found".
 * - issue 13 §10: an invalid `Retry-After` (`-1`, text) is treated as absent: the node backs off instead of
 *   hammering the provider at once.
 */
import { z } from 'zod';

import { pathId } from '../../nodes/shared/validation';
import { hasDotSegment, parseRetryAfter } from '../../nodes/shared/transport';
import { PROVIDERS, runProvider, useTransportEnv } from './providers';

const env = useTransportEnv();
const optimaite = PROVIDERS.find((p) => p.name === 'Optimaite')!;

describe('ids that are dot segments', () => {
	test.each(['.', '..', ' .. '])('Optimaite Document → Delete %j: refused before any request', async (id) => {
		const { error } = await runProvider(env, optimaite, { resource: 'document', operation: 'delete', documentId: id });
		expect(env.sandbox.requests).toEqual([]);
		expect(error?.message).toMatch(/^Refused to send DELETE \/optimaite\/api\/v1\/documents\/\S* to Optimaite: a path segment is "\." or "\.\."/);
		expect(error?.description).toMatch(/an ID that is "\." or "\.\."/);
	});

	test.each(PROVIDERS.map((p) => [p.name, p] as const))('%s: a read with the id ".." sends nothing', async (_name, p) => {
		const idKey = Object.keys(p.read.parameters).find((k) => /Id$/.test(k));
		if (!idKey) return; // EasyInk's statistics read has no id
		const { error } = await runProvider(env, p, { ...p.read.parameters, [idKey]: '..' });
		expect(error).toBeDefined();
		expect(env.sandbox.requestsFor(p.prefix).filter((r) => r.method === 'GET')).toEqual([]);
	});

	test('hasDotSegment: literal and percent-encoded dot segments, not dots inside a segment', () => {
		for (const url of ['https://h/a/.', 'https://h/a/..', 'https://h/a/../b', 'https://h/a/%2e', 'https://h/a/%2E%2e/b', 'https://h/a/.%2e?x=1', '/a/./b'])
			expect([url, hasDotSegment(url)]).toEqual([url, true]);
		for (const url of ['https://h/a/b.pdf', 'https://h/a/..b', 'https://h/a/%252e', 'https://h/a/b?x=..', 'https://h/a/b#..', 'https://h.example/a'])
			expect([url, hasDotSegment(url)]).toEqual([url, false]);
	});

	test('pathId: a zod schema for ids that go into a path, with the editor label in its messages', () => {
		const schema = z.object({ documentId: pathId('Document ID') });
		expect(schema.safeParse({ documentId: ' doc_1 ' })).toEqual({ success: true, data: { documentId: 'doc_1' } });
		for (const bad of ['.', '..', ' .. ']) {
			const r = schema.safeParse({ documentId: bad });
			expect(r.success).toBe(false);
			if (!r.success) expect(r.error.issues[0].message).toBe('must be an ID, not "." or ".."');
		}
		const empty = schema.safeParse({ documentId: '' });
		expect(empty.success).toBe(false);
		if (!empty.success) expect(empty.error.issues[0].message).toBe('Document ID is required');
	});
});

describe('deletes whose first answer was lost', () => {
	const del = (documentId: string) => ({ resource: 'document', operation: 'delete', documentId });
	const statuses = () => env.sandbox.requestsFor('optimaite').map((r) => `${r.method} ${r.status}`);

	test('first attempt 5xx, retry 404: deleted, but not confirmed', async () => {
		env.sandbox.addFault({ prefix: 'optimaite', method: 'DELETE', status: 503 });
		const { error, out } = await runProvider(env, optimaite, del('doc_never_existed'));
		expect(error).toBeUndefined();
		expect(statuses()).toEqual(['DELETE 503', 'DELETE 404']);
		expect(out.map((o) => o.json)).toEqual([{ id: 'doc_never_existed', deleted: true, confirmed: false }]);
	});

	test('first attempt 404: a clear "not found" error, sent once', async () => {
		const { error } = await runProvider(env, optimaite, del('doc_never_existed'));
		expect(statuses()).toEqual(['DELETE 404']);
		expect(error?.message).toMatch(/^Optimaite rejected the request \(404\)/);
	});

	test('first attempt 429 (not applied), retry 404: "not found", not "deleted earlier"', async () => {
		env.sandbox.addFault({ prefix: 'optimaite', method: 'DELETE', status: 429, retryAfter: '0' });
		const { error } = await runProvider(env, optimaite, del('doc_never_existed'));
		expect(statuses()).toEqual(['DELETE 429', 'DELETE 404']);
		expect(error?.message).toMatch(/^Optimaite rejected the request \(404\)/);
	});

	test('a delete that succeeds at once is confirmed', async () => {
		const up = await runProvider(env, optimaite, optimaite.write.parameters, optimaite.write.input!());
		const id = String(up.out[0].json.id);
		const { out } = await runProvider(env, optimaite, del(id));
		expect(out.map((o) => o.json)).toEqual([{ id, deleted: true, confirmed: true }]);
	});
});

describe('Retry-After', () => {
	test.each(['-1', '-30', 'soon', '1e3', '', 'Thu, 01 Jan 1970 00:00:00', '12 monkeys'])('%j is not a valid value: treated as absent', (value) => {
		expect(parseRetryAfter(value)).toBeUndefined();
	});

	test('valid values: delta seconds and an HTTP date (a past date means now)', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('0')).toBe(0);
		expect(parseRetryAfter(' 30 ')).toBe(30);
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10);
		expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
	});

	test('a 429 with Retry-After: -1 backs off before the next attempt instead of asking again at once', async () => {
		env.sandbox.addFault({ prefix: 'optimaite', method: 'GET', status: 429, retryAfter: '-1' });
		const started = Date.now();
		const { error } = await runProvider(env, optimaite, optimaite.read.parameters);
		expect(error).toBeUndefined();
		const times = env.sandbox.requestsFor('optimaite').map((r) => r.status);
		expect(times).toEqual([429, 200]);
		// The first back-off step is 500 ms.
		expect(Date.now() - started).toBeGreaterThanOrEqual(500);
	});
});
