/**
 * Cursor pages, as the cases page documents them for `GET /api/v1/cases`: `cursor` ("Pagination cursor from
 * previous response") and `limit` (1–100, default 50), answering `{"data":[…], <cursor>}`. The name of the cursor
 * field is cut off in every capture of the page (PUBLIC-DOCS.md §5): the sandbox answers it as `next_cursor`
 * (null on the last page) unless `POST /_control/optimaite/options {"cursorField":…}` renames it [G].
 */
import type { SandboxRequest, SandboxResponse } from '../../server';
import { json } from '../../server';
import { invalid } from './gate';

export function cursorPage<T>(req: SandboxRequest, items: T[], cursorField: string, project: (item: T) => unknown): SandboxResponse {
	const rawLimit = req.query.get('limit');
	const limit = rawLimit === null ? 50 : Number(rawLimit);
	if (!/^\d+$/.test(rawLimit ?? '50') || limit < 1 || limit > 100) return invalid('limit must be an integer from 1 to 100');
	const cursor = req.query.get('cursor');
	let start = 0;
	if (cursor !== null) {
		const decoded = /^o(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (!decoded) return invalid('cursor is not a cursor from a previous response');
		start = Number(decoded[1]);
	}
	const page = items.slice(start, start + limit);
	const end = start + page.length;
	const next = end < items.length ? Buffer.from(`o${end}`).toString('base64url') : null;
	return json(200, { data: page.map(project), [cursorField]: next });
}
