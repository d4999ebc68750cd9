import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { collectPages, offsetPage } from '../../../shared/pagination';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { publicSession, SIGNICAT } from '../../transport';
import { sessionOutput, sessionSimplifyField, wantsSimplified } from './output';
import { toIsoDate } from './session';

const show = { resource: ['signingSession'], operation: ['getMany'] };

const STATE_NAMES: Record<string, string> = { BLOCKED: 'Blocked (Waiting for Another Session)', READY: 'Ready to Sign', REJECTED: 'Rejected', SIGNED: 'Signed' };

export const description: INodeProperties[] = [
	...returnAllOrLimit(show, SIGNICAT.limits.listOffsetMax),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Created After', name: 'createdDateFrom', type: 'dateTime', default: '', description: 'Only sessions created on or after this time' },
			{ displayName: 'Created Before', name: 'createdDateTo', type: 'dateTime', default: '', description: 'Only sessions created on or before this time' },
			{ displayName: 'Due After', name: 'dueDateFrom', type: 'dateTime', default: '', description: 'Only sessions due on or after this time' },
			{ displayName: 'Due Before', name: 'dueDateTo', type: 'dateTime', default: '', description: 'Only sessions due on or before this time' },
			{
				displayName: 'States',
				name: 'states',
				type: 'multiOptions',
				options: SIGNICAT.states.map((s) => ({ name: STATE_NAMES[s] ?? s, value: s })),
				default: [],
				description: 'Only sessions in these states. Signicat has no expired state: for sessions past their deadline use Due Before with Blocked and Ready.',
			},
			{ displayName: 'Title Contains', name: 'titleContains', type: 'string', default: '', placeholder: 'e.g. Rental agreement', description: 'Only sessions whose title contains this text (not case-sensitive)' },
		],
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'Created (Newest First)', value: '-createdAt' },
			{ name: 'Created (Oldest First)', value: '+createdAt' },
			{ name: 'Due Date (Latest First)', value: '-dueDate' },
			{ name: 'Due Date (Soonest First)', value: '+dueDate' },
		],
		default: '-createdAt',
		displayOptions: { show },
	},
	sessionSimplifyField(show),
];

const date = z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: 'must be a date and time (ISO 8601)' });

const schema = z
	.object({
		returnAll: z.boolean(),
		limit: z.number().int().min(1).max(SIGNICAT.limits.listOffsetMax),
		sort: z.enum(SIGNICAT.sorts),
		filters: z.object({
			createdDateFrom: date.optional(),
			createdDateTo: date.optional(),
			dueDateFrom: date.optional(),
			dueDateTo: date.optional(),
			states: z.array(z.enum(SIGNICAT.states)).optional(),
			titleContains: z.string().optional(),
		}),
	})
	.superRefine((p, ctx) => {
		const f = p.filters;
		if (f.createdDateFrom && f.createdDateTo && Date.parse(f.createdDateFrom) > Date.parse(f.createdDateTo))
			ctx.addIssue({ code: 'custom', path: ['filters', 'createdDateTo'], message: 'must not be before "Created After"' });
		if (f.dueDateFrom && f.dueDateTo && Date.parse(f.dueDateFrom) > Date.parse(f.dueDateTo))
			ctx.addIssue({ code: 'custom', path: ['filters', 'dueDateTo'], message: 'must not be before "Due After"' });
	});

export interface SessionQuery {
	createdDateFrom?: string;
	createdDateTo?: string;
	dueDateFrom?: string;
	dueDateTo?: string;
	states?: readonly string[];
	titleContains?: string;
	sort?: string;
}

/** The list's query string: repeated `state=` values as the API documents them [C]. */
export function sessionQuery(q: SessionQuery, offset: number, limit: number): string {
	const search = new URLSearchParams();
	search.set('offset', String(offset));
	search.set('limit', String(limit));
	if (q.sort) search.set('sort', q.sort);
	if (q.createdDateFrom) search.set('createdDateFrom', q.createdDateFrom);
	if (q.createdDateTo) search.set('createdDateTo', q.createdDateTo);
	for (const s of q.states ?? []) search.append('state', s);
	if (q.dueDateFrom) search.set('dueDateFrom', q.dueDateFrom);
	if (q.dueDateTo) search.set('dueDateTo', q.dueDateTo);
	if (q.titleContains) search.set('sessionTitleLike', q.titleContains);
	return search.toString();
}

export interface SessionPage {
	data: IDataObject[];
	total?: number;
}

export async function listSessionPage(client: SignicatClient, q: SessionQuery, offset: number, limit: number, i?: number): Promise<SessionPage> {
	const body = await client.json<IDataObject>({
		method: 'GET',
		url: `${SIGNICAT.paths.signingSessions}?${sessionQuery(q, offset, limit)}`,
		itemIndex: i,
	});
	return { data: (body.data as IDataObject[]) ?? [], total: typeof body.total === 'number' ? body.total : undefined };
}

/** Return All / Limit over offset/limit pages (offset ≤ 100000, limit ≤ 1000 [C]). */
export async function listSessions(
	ctx: IExecuteFunctions | undefined,
	client: SignicatClient,
	q: SessionQuery,
	options: { returnAll: boolean; limit: number },
	i?: number,
): Promise<IDataObject[]> {
	return await collectPages<IDataObject, number>(
		0,
		async (offset, pageSize) => {
			if (offset > SIGNICAT.limits.listOffsetMax) {
				const message = `More signing sessions match than Signicat can list (it reads at most ${SIGNICAT.limits.listOffsetMax} rows deep)`;
				const description = 'Narrow the search with "Created After" / "Created Before" (or other filters) and run the node once per date range.';
				if (ctx) throw new NodeOperationError(ctx.getNode(), message, { itemIndex: i, description });
				throw new Error(`${message}. ${description}`);
			}
			const page = await listSessionPage(client, q, offset, pageSize, i);
			return offsetPage(page.data, offset, pageSize, page.total);
		},
		{ ...options, maxPageSize: SIGNICAT.limits.listLimitMax },
	);
}

export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const raw = params(this, i, { returnAll: false, limit: 50, sort: '-createdAt', filters: {} });
	const f = (raw.filters as IDataObject) ?? {};
	const filters = Object.fromEntries(
		Object.entries(f)
			.map(([k, v]) => [k, k.endsWith('From') || k.endsWith('To') ? toIsoDate(v) : v])
			.filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
	);
	const p = validate(this, schema, { ...raw, filters }, i, {
		limit: 'Limit',
		sort: 'Sort',
		createdDateFrom: 'Created After',
		createdDateTo: 'Created Before',
		dueDateFrom: 'Due After',
		dueDateTo: 'Due Before',
		states: 'States',
		titleContains: 'Title Contains',
	});
	const sessions = await listSessions(this, client, { ...p.filters, sort: p.sort }, p, i);
	if (this.getNode().typeVersion < 2) return sessions.map((s) => publicSession(s));
	const simplified = wantsSimplified(this, i);
	return sessions.map((s) => sessionOutput(s, simplified));
}
