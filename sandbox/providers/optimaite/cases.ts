/** Cases (https://www.optimaite.eu/en/developer-docs/api-reference/cases): list and get, scope `cases:read`. */
import type { Handler, Route } from '../../server';
import { json } from '../../server';
import { describeUnknown, unknownParams, unknownValues } from '../../strict';
import { err, invalid, noQuery } from './gate';
import { cursorPage } from './paging';
import type { OptimaiteState } from './state';

const CASE_STATUSES = ['active', 'closed', 'archived'] as const;

export function caseRoutes(state: OptimaiteState, guarded: (scope: string, handler: Handler) => Handler): Route[] {
	return [
		{
			method: 'GET',
			pattern: '/api/v1/cases',
			source: 'PUBLIC-DOCS.md §5 Cases: "List Cases" query cursor, limit 1–100, status active|closed|archived, search (https://www.optimaite.eu/en/developer-docs/api-reference/cases)',
			handler: guarded('cases:read', (req) => {
				const unknown = unknownParams(req.query, ['cursor', 'limit', 'status', 'search']);
				if (unknown.length) return invalid(describeUnknown('query parameter', unknown));
				const badStatus = unknownValues(req.query, 'status', CASE_STATUSES);
				if (badStatus.length) return invalid(`status must be one of ${CASE_STATUSES.join(', ')} (got ${badStatus.join(', ')})`);
				const status = req.query.get('status');
				// "Search by case name or file number".
				const search = (req.query.get('search') ?? '').toLowerCase();
				const all = [...state.cases.values()]
					.filter((c) => !status || c.status === status)
					.filter((c) => !search || c.name.toLowerCase().includes(search) || c.file_number.toLowerCase().includes(search));
				return cursorPage(req, all, state.options.cursorField, (c) => c);
			}),
		},
		{
			method: 'GET',
			pattern: '/api/v1/cases/:caseId',
			source: 'PUBLIC-DOCS.md §5 Cases: GET /api/v1/cases/{id}, "The Case Object" (https://www.optimaite.eu/en/developer-docs/api-reference/cases)',
			handler: guarded('cases:read', (req) => {
				const refused = noQuery(req);
				if (refused) return refused;
				const c = state.cases.get(req.params.caseId);
				return c ? json(200, c) : err(404, 'CASE_NOT_FOUND', 'Case ID does not exist');
			}),
		},
	];
}
