/**
 * The sandbox's own routes under `/_control/nextsign/…` (not NextSign's API): act as a recipient, let time pass,
 * turn the rate limit on, choose the list order.
 * - `POST cases/{id}/sign` `{"email"?}`: the next recipient by group (or the named one) signs; the last signature
 *   stores the signed PDFs and the case is listed as `signed`.
 * - `POST cases/{id}/deny` `{"email"?}`: a recipient refuses; the case is listed as `denied`.
 * - `POST cases/{id}/expire`: `settings.availability.isExpired` turns true (the case stays listed as `pending`).
 * - `POST rate-limit` `{"limit": 100}`: 429 with `Retry-After` beyond `limit` requests a minute.
 * - `POST list-order` `{"by": "createdAt" | "updatedAt"}`: what `cases/get` sorts by, newest first.
 */
import { json, type Route, type SandboxResponse } from '../../server';
import type { NextSignState, Obj } from './state';

function act(fn: () => unknown): SandboxResponse {
	try {
		return json(200, fn());
	} catch (e) {
		return json(409, { error: (e as Error).message });
	}
}

const email = (body: unknown) => (body as Obj | undefined)?.email as string | undefined;

export function controlRoutes(state: NextSignState): Route[] {
	return [
		{ method: 'POST', pattern: '/cases/:id/sign', handler: (req) => act(() => state.sign(req.params.id, email(req.json), req.now)) },
		{ method: 'POST', pattern: '/cases/:id/deny', handler: (req) => act(() => state.deny(req.params.id, email(req.json), req.now)) },
		{ method: 'POST', pattern: '/cases/:id/expire', handler: (req) => act(() => state.expire(req.params.id, req.now)) },
		{
			method: 'POST',
			pattern: '/rate-limit',
			handler: (req) => {
				Object.assign(state.rateLimit, { enabled: true, used: 0, windowStart: req.now }, req.json ?? {});
				return json(200, state.rateLimit);
			},
		},
		{
			method: 'POST',
			pattern: '/list-order',
			handler: (req) => {
				const by = (req.json as Obj | undefined)?.by;
				if (by !== 'createdAt' && by !== 'updatedAt') return json(400, { error: 'by must be createdAt or updatedAt' });
				state.listOrder = by;
				return json(200, { by });
			},
		},
	];
}
