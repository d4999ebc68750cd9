/**
 * Case list, get, get multiple and delete on the v2 case host (PUBLIC-DOCS.md §4; docs.nextsign.dk/docs/cases,
 * /docs/case, /docs/cases-get-multiple, /docs/case-delete).
 */
import { json, type Route, type SandboxRequest, type SandboxResponse } from '../../server';
import { authorize, inside200, refuse, strictQuery, strictValues } from './http';
import type { NextSignState, Obj } from './state';

/** "Filter by signing status: signed, denied, or pending". */
const STATUSES = ['signed', 'denied', 'pending'];

/** One entry of the list, as the example answer shows it. */
const summary = (c: Obj) => ({ _id: c._id, title: c.title, folder: c.folder, createdAt: c.createdAt, updatedAt: c.updatedAt });

function listCases(state: NextSignState, req: SandboxRequest): SandboxResponse {
	const strict = strictQuery(req, ['status', 'limit', 'index', 'folder']) ?? strictValues(req, 'status', STATUSES);
	if (strict) return strict;
	const status = req.query.get('status');
	// "Maximum number of cases to return. Default is 100" — the docs name no largest value; the emulator serves
	// at most 100 a page [G] and refuses more, so a client never mistakes a cut page for the last one.
	const limit = Number(req.query.get('limit') ?? 100);
	const index = Number(req.query.get('index') ?? 0);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100) return refuse('limit must be a whole number from 1 to 100');
	if (!Number.isInteger(index) || index < 0) return refuse('index must be a whole number, 0 or more');
	const folder = req.query.get('folder');
	const by = state.listOrder;
	const all = [...state.cases.values()]
		.filter((c) => c.user_company === req.params.company)
		.filter((c) => !status || state.statusOf(c) === status)
		.filter((c) => !folder || c.folder === folder)
		// Newest first by the chosen timestamp (the order is undocumented) [G]; ties by id.
		.sort((a, b) => String(b[by]).localeCompare(String(a[by])) || String(b._id).localeCompare(String(a._id)));
	return json(200, { status: 'company_found', cases: all.slice(index * limit, index * limit + limit).map(summary) });
}

function caseOf(state: NextSignState, req: SandboxRequest): Obj | undefined {
	const c = state.cases.get(req.params.caseId);
	return c && c.user_company === req.params.company ? c : undefined;
}

export function caseRoutes(state: NextSignState): Route[] {
	return [
		{
			method: 'GET',
			pattern: '/api/v2/:company/cases/get',
			source: 'PUBLIC-DOCS.md §4 Case list (https://docs.nextsign.dk/docs/cases); order and largest limit [G]',
			handler: (req) => authorize(state, req) ?? listCases(state, req),
		},
		{
			method: 'GET',
			pattern: '/api/v2/:company/case/:caseId/get',
			source: 'PUBLIC-DOCS.md §4 Case get (https://docs.nextsign.dk/docs/case); "Case not found" inside HTTP 200 per /docs/versioning',
			handler: (req) => {
				const denied = authorize(state, req);
				if (denied) return denied;
				const strict = strictQuery(req, []);
				if (strict) return strict;
				const c = caseOf(state, req);
				if (!c) return inside200({ message: 'Case not found' });
				return json(200, { status: 'case_found', case: c });
			},
		},
		{
			method: 'GET',
			pattern: '/api/v2/:company/cases/:ids/get',
			source: 'https://docs.nextsign.dk/docs/cases-get-multiple (comma-separated ids; 404 "Cases not found" when none exists)',
			handler: (req) => {
				const denied = authorize(state, req);
				if (denied) return denied;
				const ids = req.params.ids.split(',');
				if (ids.some((id) => !id)) return refuse('case_ids: an empty id in the list');
				const found = ids.map((id) => state.cases.get(id)).filter((c): c is Obj => !!c && c.user_company === req.params.company);
				if (!found.length) return json(404, { message: 'Cases not found' });
				return json(200, { status: 'cases_found', cases: found });
			},
		},
		{
			method: 'GET',
			pattern: '/api/v2/:company/case/:caseId/delete',
			source: 'PUBLIC-DOCS.md §4 Case delete (https://docs.nextsign.dk/docs/case-delete), a GET; "Case not found" inside HTTP 200 per /docs/versioning',
			handler: (req) => {
				const denied = authorize(state, req);
				if (denied) return denied;
				const c = caseOf(state, req);
				if (!c) return inside200({ message: 'Case not found' });
				state.cases.delete(String(c._id));
				return json(200, { status: 'removed', return: { acknowledged: true, deletedCount: 1 } });
			},
		},
	];
}
