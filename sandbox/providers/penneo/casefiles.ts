/**
 * Case files and their documents on the app host (`Authorization: Bearer` only, see auth.ts).
 * List paging: `x-paginate: true` + `page`/`per_page` → a JSON array and a `Link` header with rel="next"/"first"/"prev"
 * (sdk-net ApiConnector.cs, PaginationUtil.cs, PaginationTests.cs; agent-skill list-casefiles.js). Without the header the
 * whole list, narrowed by sdk-php's `limit`/`offset` when given. Filters are the community list (agent-skill SKILL.md).
 */
import { json, type Route, type SandboxRequest, type SandboxResponse } from '../../server';
import { describeUnknown, unknownParams } from '../../strict';
import { bearerAuth } from './auth';
import { CF, type PenneoCaseFile, type PenneoState } from './state';

/** 400 on the app host [G: shape of the Send API's 400 without `error`]. */
const bad = (message: string): SandboxResponse => json(400, { message, statusCode: 400 });
const notFound = (what: string): SandboxResponse => json(404, { message: `${what} not found`, statusCode: 404 });

const TIME_FILTERS = ['created', 'completed', 'activated', 'expires', 'updated'].flatMap((f) => [`${f}After`, `${f}Before`]);
const PARAMS = ['status', 'title', 'metaData', 'reference', 'ids', 'folderIds', ...TIME_FILTERS, 'sort', 'order', 'page', 'per_page', 'limit', 'offset'];
/** Sortable fields [G: the community source shows `created` and `title`; the others are the listed fields]. */
const SORTABLE = ['id', 'title', 'created', 'status', 'reference', 'sendAt', 'expireAt'];
/** Largest page [G: not documented]. */
const MAX_PER_PAGE = 100;

function timeOf(cf: PenneoCaseFile, filter: string): number | null {
	switch (filter) {
		case 'created':
			return cf.created;
		case 'completed':
			return cf.completedAt;
		case 'activated':
			return cf.status === CF.new ? null : cf.created;
		case 'expires':
			return cf.expireAt;
		default:
			return cf.changed;
	}
}

export function caseFileRoutes(state: PenneoState, prefix: string): Route[] {
	const list = (req: SandboxRequest): SandboxResponse => {
		const denied = bearerAuth(state, req);
		if (denied) return denied;
		const q = req.query;
		const unknown = unknownParams(q, PARAMS);
		if (unknown.length) return bad(describeUnknown('query parameter', unknown));
		const ints: Record<string, number> = {};
		for (const name of ['status', 'page', 'per_page', 'limit', 'offset', ...TIME_FILTERS]) {
			const v = q.get(name);
			if (v === null) continue;
			if (!/^\d+$/.test(v)) return bad(`${name} must be a whole number`);
			ints[name] = Number(v);
		}
		if (ints.status !== undefined && !Object.values(CF).includes(ints.status as never)) return bad(`Unknown status ${ints.status}`);
		if (ints.page !== undefined && ints.page < 1) return bad('page must be 1 or more');
		if (ints.per_page !== undefined && (ints.per_page < 1 || ints.per_page > MAX_PER_PAGE)) return bad(`per_page must be from 1 to ${MAX_PER_PAGE}`);
		if (ints.limit !== undefined && ints.limit < 1) return bad('limit must be 1 or more');
		const ids = q.get('ids')?.split(',');
		const folders = q.get('folderIds')?.split(',');
		for (const list of [ids, folders]) if (list?.some((v) => !/^\d+$/.test(v))) return bad('ids and folderIds are numbers separated by commas');
		const title = q.get('title')?.toLowerCase();
		const metaData = q.get('metaData')?.toLowerCase();
		const reference = q.get('reference');
		let rows = [...state.caseFiles.values()]
			.filter((cf) => (ints.status === undefined ? cf.status !== CF.deleted : cf.status === ints.status))
			.filter((cf) => !title || cf.title.toLowerCase().includes(title))
			.filter((cf) => !metaData || (cf.metaData ?? '').toLowerCase().includes(metaData))
			.filter((cf) => !reference || cf.reference === reference)
			.filter((cf) => !ids || ids.includes(String(cf.id)))
			.filter((cf) => !folders || (cf.folderId !== null && folders.includes(String(cf.folderId))))
			.filter((cf) =>
				TIME_FILTERS.every((name) => {
					if (ints[name] === undefined) return true;
					const t = timeOf(cf, name.replace(/(After|Before)$/, ''));
					return t !== null && (name.endsWith('After') ? t > ints[name] : t < ints[name]);
				}),
			);
		const sorts = (q.get('sort') ?? (state.defaultOrder === 'id' ? 'id' : '-id')).split(',');
		const orders = (q.get('order') ?? '').split(',');
		const keys: Array<{ field: string; dir: number }> = [];
		for (const [i, raw] of sorts.entries()) {
			const field = raw.replace(/^-/, '');
			if (!SORTABLE.includes(field)) return bad(`Cannot sort by ${field}`);
			const order = orders[i]?.toLowerCase();
			if (order && order !== 'asc' && order !== 'desc') return bad('order must be asc or desc');
			keys.push({ field, dir: raw.startsWith('-') || order === 'desc' ? -1 : 1 });
		}
		const value = (cf: PenneoCaseFile, f: string) => (cf as unknown as Record<string, string | number | null>)[f] ?? 0;
		rows.sort((a, b) => {
			for (const { field, dir } of keys) {
				const x = value(a, field);
				const y = value(b, field);
				if (x !== y) return (x < y ? -1 : 1) * dir;
			}
			return a.id - b.id;
		});
		const headers: Record<string, string> = { date: new Date(req.now).toUTCString() };
		if (String(req.headers['x-paginate'] ?? '').toLowerCase() === 'true' && state.paging === 'link') {
			const page = ints.page ?? 1;
			const perPage = ints.per_page ?? 10;
			const url = (p: number) => {
				const params = new URLSearchParams(q);
				params.set('page', String(p));
				params.set('per_page', String(perPage));
				return `<${req.origin}/${prefix}/api/v1/casefiles?${params.toString()}>`;
			};
			const links = [`${url(1)}; rel="first"`];
			if (page > 1) links.push(`${url(page - 1)}; rel="prev"`);
			if (page * perPage < rows.length) links.unshift(`${url(page + 1)}; rel="next"`);
			headers.link = links.join(', ');
			rows = rows.slice((page - 1) * perPage, page * perPage);
			state.afterListPage?.(page);
		} else if (state.paging === 'link') {
			rows = rows.slice(ints.offset ?? 0, ints.limit !== undefined ? (ints.offset ?? 0) + ints.limit : undefined);
		}
		return json(200, rows.map((cf) => (state.listWithSigners ? state.view(cf) : { ...state.view(cf), signers: undefined })), headers);
	};

	const get = (req: SandboxRequest): SandboxResponse => {
		const denied = bearerAuth(state, req);
		if (denied) return denied;
		const cf = /^\d+$/.test(req.params.id) ? state.caseFiles.get(Number(req.params.id)) : undefined;
		return cf ? json(200, state.view(cf), { date: new Date(req.now).toUTCString() }) : notFound('Case file');
	};

	return [
		{ method: 'GET', pattern: '/api/v1/casefiles', source: 'PUBLIC-DOCS.md §3 "List / paging" (sdk-net x-paginate + Link; sdk-php limit/offset; filters from agent-skill SKILL.md)', handler: list },
		{ method: 'GET', pattern: '/api/v1/casefiles/:id', source: 'PUBLIC-DOCS.md §3 "Get case file" (Penneo-api-postman request 4, Bearer)', handler: get },
		{ method: 'GET', pattern: '/api/v3/casefiles/:id', source: 'PUBLIC-DOCS.md §3 "Get case file" (sdk-net PenneoSetup.cs base /api/v3 + casefiles)', handler: get },
		{
			method: 'DELETE',
			pattern: '/api/v1/casefiles/:id',
			source: 'PUBLIC-DOCS.md §3 "Delete case file" (Postman request 6 answers 200; sdk-php docs/casefile.md: removed while new, else status deleted)',
			handler: (req) => {
				const denied = bearerAuth(state, req);
				if (denied) return denied;
				const cf = /^\d+$/.test(req.params.id) ? state.caseFiles.get(Number(req.params.id)) : undefined;
				if (!cf || cf.status === CF.deleted) return notFound('Case file');
				if (cf.status === CF.new) state.caseFiles.delete(cf.id);
				else {
					cf.status = CF.deleted;
					state.touch(cf, req.now);
				}
				return { status: 200 };
			},
		},
		{
			method: 'GET',
			pattern: '/api/v3/documents/:id/content',
			source: 'PUBLIC-DOCS.md §3 "Document content" (Postman request 5: Accept application/pdf; penneo.readme.io retrieving-finished-casefiles: JSON with the PDF in base64)',
			handler: (req) => {
				const denied = bearerAuth(state, req);
				if (denied) return denied;
				const doc = state.documents.get(Number(req.params.id));
				const cf = doc ? state.caseFiles.get(doc.caseFileId) : undefined;
				if (!doc || !cf || cf.status === CF.deleted) return notFound('Document');
				const content = doc.signedContent ?? doc.content;
				const accept = String(req.headers.accept ?? '');
				if (/application\/pdf/.test(accept)) return { status: 200, headers: { 'content-type': 'application/pdf' }, body: content };
				if (/application\/json/.test(accept)) return json(200, content.toString('base64'));
				return json(406, { message: 'Send Accept: application/pdf (or application/json for base64)', statusCode: 406 });
			},
		},
	];
}
