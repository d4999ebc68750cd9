/**
 * Signing sessions: created as an array (one request, one answer array), listed with offset/limit, sort and
 * filters, read and deleted by id. Sources: signicat-sign-api-v2.txt (create body and answer, list parameters and
 * `{limit, offset, count, total, data}`), PUBLIC-DOCS.md §2 (paths, states, `signatureUrl`, no session `createdAt`).
 *
 * `createdDateFrom`/`createdDateTo` and `sort=±createdAt` work on the sandbox's internal creation time, which
 * no answer shows. Unknown query parameters, states and sort fields are refused in the documented error shape.
 */
import type { Route, SandboxRequest, SandboxResponse } from '../../server';
import { json } from '../../server';
import { describeUnknown, unknownValues } from '../../strict';
import { denied } from './auth';
import { DATE_TIME, strictQuery } from './checks';
import { sessionIssues } from './session-input';
import { badRequest, problem, SESSION_STATES, SORT_FIELDS, UUID, type Issue, type SignicatSession, type SignicatState } from './state';

const LIST_PARAMS = ['offset', 'limit', 'sort', 'createdDateFrom', 'createdDateTo', 'state', 'dueDateFrom', 'dueDateTo', 'sessionTitleLike'];

const sessionNotFound = (id: string) => problem(404, 'signing_session_not_found', 'Could not find signing session', `Signing session ${id} was not found.`);

export function sessionRoutes(state: SignicatState): Route[] {
	const withSession = (req: SandboxRequest, fn: (s: SignicatSession) => SandboxResponse): SandboxResponse => {
		const refused = denied(state, req) ?? strictQuery(req, []);
		if (refused) return refused;
		if (!UUID.test(req.params.sessionId)) return badRequest([{ name: 'sessionId', reason: 'must be a valid UUID' }]);
		const s = state.sessions.get(req.params.sessionId);
		return s ? fn(s) : sessionNotFound(req.params.sessionId);
	};

	const list = (req: SandboxRequest): SandboxResponse => {
		const q = req.query;
		state.listQueries.push(q.toString());
		const refused = strictQuery(req, LIST_PARAMS);
		if (refused) return refused;
		const issues: Issue[] = [];
		const int = (name: string, def: number, min: number, max: number) => {
			const raw = q.get(name);
			if (raw === null) return def;
			const n = Number(raw);
			if (!/^\d+$/.test(raw) || n < min || n > max) issues.push({ name, reason: `must be between ${min} and ${max}` });
			return n;
		};
		const offset = int('offset', 0, 0, 100000);
		const limit = int('limit', 100, 1, 1000);
		const sorts = q.getAll('sort').flatMap((s) => s.split(','));
		const sort = (sorts.length ? sorts : ['-createdAt']).map((spec) => /^([+-]?)(\w+)$/.exec(spec.trim()));
		sort.forEach((m, k) => {
			if (!m || !(SORT_FIELDS as readonly string[]).includes(m[2])) issues.push({ name: 'sort', reason: describeUnknown('sort field', [sorts[k] ?? '']) });
		});
		const date = (name: string) => {
			const raw = q.get(name);
			if (raw === null) return undefined;
			if (!DATE_TIME.test(raw)) issues.push({ name, reason: 'must be a date-time' });
			return Date.parse(raw);
		};
		const createdFrom = date('createdDateFrom');
		const createdTo = date('createdDateTo');
		const dueFrom = date('dueDateFrom');
		const dueTo = date('dueDateTo');
		const unknownStates = unknownValues(q, 'state', SESSION_STATES);
		if (unknownStates.length) issues.push({ name: 'state', reason: describeUnknown('state', unknownStates) });
		if (issues.length) return badRequest(issues);
		const states = q.getAll('state').flatMap((s) => s.split(',')).filter(Boolean);
		const like = (q.get('sessionTitleLike') ?? '').toLowerCase();
		const created = (s: SignicatSession) => state.createdAt.get(s.id) ?? 0;
		const all = [...state.sessions.values()].filter((s) => {
			if (createdFrom !== undefined && created(s) < createdFrom) return false;
			if (createdTo !== undefined && created(s) > createdTo) return false;
			const due = s.dueDate ? Date.parse(s.dueDate) : undefined;
			if (dueFrom !== undefined && (due === undefined || due < dueFrom)) return false;
			if (dueTo !== undefined && (due === undefined || due > dueTo)) return false;
			if (states.length && !states.includes(s.lifecycle.state)) return false;
			return !like || s.title.toLowerCase().includes(like);
		});
		const key = (s: SignicatSession, field: string) => (field === 'createdAt' ? created(s) : s.dueDate ? Date.parse(s.dueDate) : Number.POSITIVE_INFINITY);
		all.sort((a, b) => {
			for (const m of sort) {
				const dir = m![1] === '-' ? -1 : 1;
				const [va, vb] = [key(a, m![2]), key(b, m![2])];
				if (va !== vb) return va < vb ? -dir : dir;
			}
			// Created in the same millisecond: the order of creation decides, in the direction asked for createdAt.
			const byCreation = sort.find((m) => m![2] === 'createdAt');
			return (byCreation?.[1] === '-' ? -1 : 1) * ((state.order.get(a.id) ?? 0) - (state.order.get(b.id) ?? 0));
		});
		const data = all.slice(offset, offset + limit);
		return json(200, { limit, offset, count: data.length, total: all.length, data });
	};

	return [
		{
			method: 'POST',
			pattern: '/sign/signing-sessions',
			source: 'signicat-sign-api-v2.txt "Creates a new signing session" (array body and answer); PUBLIC-DOCS.md §2 "Create session body"',
			handler: (req) => {
				const refused = denied(state, req) ?? strictQuery(req, []);
				if (refused) return refused;
				const body = req.json;
				if (!Array.isArray(body) || body.length === 0) return badRequest([{ name: 'body', reason: 'must be a non-empty array of signing sessions' }]);
				const issues = body.flatMap((s, i) => sessionIssues(state, s, i, req.now));
				if (issues.length) return badRequest(issues);
				const created = (body as Array<Record<string, unknown>>).map((input) => state.createSession(input, req.now, req.origin));
				return json(201, created);
			},
		},
		{
			method: 'GET',
			pattern: '/sign/signing-sessions',
			source: 'signicat-sign-api-v2.txt "Returns a paginated list of signing sessions" (offset, limit, sort, created/due ranges, state, sessionTitleLike)',
			handler: (req) => denied(state, req) ?? list(req),
		},
		{
			method: 'GET',
			pattern: '/sign/signing-sessions/:sessionId',
			source: 'signicat-sign-api-v2.txt "Returns the signing session with the given ID."',
			handler: (req) => withSession(req, (s) => json(200, s)),
		},
		{
			method: 'DELETE',
			pattern: '/sign/signing-sessions/:sessionId',
			source: 'signicat-sign-api-v2.txt "Deletes the signing session with the given ID."',
			handler: (req) =>
				withSession(req, (s) => {
					state.sessions.delete(s.id);
					state.createdAt.delete(s.id);
					return { status: 204 };
				}),
		},
	];
}
