/** Started sessions: search, statistics, get, exists, start, void, duplicate, recreate, and their downloads. */
import { json, type Route, type SandboxRequest } from '../../server';
import { unknownValues } from '../../strict';
import { ENUM, LIMIT, MESSAGE } from './docs';
import { download, findIn, noContent, pdfResponse } from './drafts';
import { apiError, body, check, checkSubject, fail, noUnknownQuery, notFound, route, validation, type InnerError } from './http';
import type { EasyInkSession, EasyInkState } from './state';
import { canBeCopied, canBeVoided, meNeedsToSign, searchItem, sessionView } from './views';

/**
 * Sorting: the reference documents `sorting.properties` as an array of PropertySorting objects, but the example
 * lost its encoding ("sorting.properties=[object Object]"). The sandbox reads ASP.NET's indexed binding with the
 * fields `propertyName` and `isDescending` [G], on the search item's fields `created`, `subject`, `status` [G].
 */
const SORT = /^sorting\.properties\[(\d+)\]\.(propertyName|isDescending)$/;
const SORTABLE = ['created', 'subject', 'status'];

/** What each filter value matches. The reference gives no definitions: each status matches exactly that status [G]. */
function matches(s: EasyInkSession, filter: string): boolean {
	if (filter === 'NeedToSign') return meNeedsToSign(s); // "sessions where the current user needs to sign"
	if (filter === 'NeedsAction') return s.status === 'Declined' || s.hasNotificationErrors; // [G] "errors, declined sessions, …"
	return s.status === filter;
}

export function sessionRoutes(state: EasyInkState): Route[] {
	/** A session that is no longer a draft (ReadyToStart on). */
	const session = (req: SandboxRequest): EasyInkSession => {
		const s = state.sessions.get(req.params.id);
		if (!s || s.status === 'Draft') fail(notFound(MESSAGE.sessionNotFound));
		return s!;
	};
	const voidReason = (value: unknown, name: string): string => {
		if (value === undefined || value === null || value === '') fail(validation(MESSAGE.voidReasonRequired));
		if (typeof value !== 'string' || value.length > LIMIT.voidReason) fail(validation(`The '${name}' field must be between 1 and ${LIMIT.voidReason} characters`));
		return value as string;
	};
	/** "Voids an active signing session": Pending or InProgress, unless the organization's policy forbids it. */
	const mayVoid = (s: EasyInkSession) => {
		if (s.status === 'Voided') fail(validation(MESSAGE.alreadyVoided));
		if (state.settings.voidDisabled) fail(apiError(403, 'Forbidden', MESSAGE.voidPolicy)); // status [G]
		if (!canBeVoided(s, state.settings)) fail(validation(`A signing session in ${s.status} status cannot be voided`)); // [G]
	};

	return [
		route(state, 'statistics', (req) => {
			noUnknownQuery(req);
			const all = [...state.sessions.values()];
			return json(200, {
				sessionsToSignCount: all.filter(meNeedsToSign).length,
				draftsCount: all.filter((s) => s.status === 'Draft').length,
				readyToStartCount: all.filter((s) => s.status === 'ReadyToStart').length,
				// "sent to participants, awaiting signatures" [C]
				inProgressCount: all.filter((s) => s.status === 'Pending' || s.status === 'InProgress').length,
				needsActionCount: all.filter((s) => matches(s, 'NeedsAction')).length,
			});
		}),
		route(state, 'search', (req) => {
			const errors: InnerError[] = [];
			const sortKeys = [...req.query.keys()].filter((k) => SORT.test(k));
			noUnknownQuery(req, ['pageIndex', 'pageSize', 'statuses', ...sortKeys]);
			const int = (name: string, def: number) => {
				const raw = req.query.get(name);
				if (raw === null || raw === '') return def;
				return /^-?\d+$/.test(raw) ? Number(raw) : NaN;
			};
			const pageIndex = int('pageIndex', 0);
			const pageSize = int('pageSize', LIMIT.pageSizeDefault);
			if (!Number.isInteger(pageIndex) || pageIndex < 0) errors.push({ code: 'InvalidValue', message: 'Page index must be 0 or greater' });
			if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > LIMIT.pageSizeMax) errors.push({ code: 'InvalidValue', message: `Page size must be between 1 and ${LIMIT.pageSizeMax}` });
			for (const v of unknownValues(req.query, 'statuses', ENUM.searchStatus)) errors.push({ code: 'InvalidValue', message: `Status '${v}' is not supported` });
			const statuses = req.query.getAll('statuses').flatMap((v) => v.split(',')).filter(Boolean);
			const sorting: Array<{ property: string; descending: boolean }> = [];
			for (let i = 0; req.query.has(`sorting.properties[${i}].propertyName`); i++) {
				const property = req.query.get(`sorting.properties[${i}].propertyName`)!;
				const direction = req.query.get(`sorting.properties[${i}].isDescending`) ?? 'false';
				const known = SORTABLE.find((p) => p.toLowerCase() === property.toLowerCase());
				if (!known) errors.push({ code: 'InvalidValue', message: `Sorting by '${property}' is not supported` });
				else if (!/^(true|false)$/i.test(direction)) errors.push({ code: 'InvalidValue', message: `'${direction}' is not a boolean` });
				else sorting.push({ property: known, descending: /^true$/i.test(direction) });
			}
			check(errors);
			if (!sorting.length) sorting.push({ property: 'created', descending: true }); // default order not documented [G]
			const key = (s: EasyInkSession, p: string): string | number => (p === 'created' ? Date.parse(s.created) : p === 'subject' ? (s.subject ?? '').toLowerCase() : s.status);
			// Sessions created in the same millisecond keep their creation order, in the direction asked for.
			const tie = sorting.find((x) => x.property === 'created')?.descending ?? true;
			const items = [...state.sessions.values()]
				.filter((s) => !statuses.length || statuses.some((st) => matches(s, st)))
				.map((s) => ({ s, keys: sorting.map(({ property }) => key(s, property)) }))
				.sort((a, b) => {
					for (const [i, { descending }] of sorting.entries()) {
						const x = a.keys[i];
						const y = b.keys[i];
						if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
					}
					return (a.s.seq - b.s.seq) * (tie ? -1 : 1);
				})
				.map(({ s }) => s);
			return json(200, {
				items: items.slice(pageIndex * pageSize, pageIndex * pageSize + pageSize).map(searchItem),
				totalItemsCount: items.length,
				pagesCount: Math.ceil(items.length / pageSize),
				pageIndex,
				pageSize,
			});
		}),
		route(state, 'sessionGet', (req) => json(200, sessionView(session(req), req.now, state.settings))),
		route(state, 'sessionExists', (req) => {
			const s = state.sessions.get(req.params.id);
			return { status: s && s.status !== 'Draft' ? 200 : 404 };
		}),
		route(state, 'sessionStart', (req) => {
			body(req, []);
			const s = session(req);
			if (s.status !== 'ReadyToStart') return validation(`Only a signing session in ReadyToStart status can be started (current status: ${s.status})`); // [G]
			if (!s.documents.length) return validation(MESSAGE.startNoDocument);
			state.start(s);
			return noContent;
		}),
		route(state, 'sessionVoid', (req) => {
			const s = state.sessions.get(req.params.id);
			if (!s || s.status === 'Draft') return notFound(MESSAGE.sessionNotFound);
			const reason = voidReason(body(req, ['reason'], { optional: true }).reason, 'reason');
			mayVoid(s);
			s.status = 'Voided';
			s.voidReason = reason;
			return noContent;
		}),
		route(state, 'sessionDuplicate', (req) => {
			const s = session(req);
			const b = body(req, ['subject'], { optional: true });
			const errors: InnerError[] = [];
			checkSubject(errors, b);
			check(errors);
			if (!canBeCopied(s)) return validation(`A signing session in ${s.status} status cannot be duplicated`); // [C] rule, [G] words
			return json(200, state.copyToDraft(s, b.subject as string | null | undefined, req.now).id);
		}),
		route(state, 'sessionRecreate', (req) => {
			const s = session(req);
			const b = body(req, ['subject', 'voidReason']);
			const errors: InnerError[] = [];
			checkSubject(errors, b);
			check(errors);
			const reason = voidReason(b.voidReason, 'voidReason'); // "required when recreating" [C]
			mayVoid(s);
			const draft = state.copyToDraft(s, b.subject as string | null | undefined, req.now);
			s.status = 'Voided';
			s.voidReason = reason;
			return json(200, draft.id);
		}),
		route(state, 'sessionDocument', (req) => download(findIn(session(req).documents, req.params.documentId, 'Document'), req.now)),
		route(state, 'sessionAttachment', (req) => download(findIn(session(req).attachments, req.params.attachmentId, 'Attachment'), req.now)),
		route(state, 'signedDocument', (req) => {
			const s = session(req);
			const d = s.signedDocuments.find((x) => x.signedDocumentId === req.params.documentId);
			if (!d) return validation(MESSAGE.signedNotAvailable); // [C] the copy exists once its participant signed
			if (d.readyAt > req.now) return validation(MESSAGE.processing); // [C]
			return pdfResponse(d.title, d.content);
		}),
		route(state, 'allInOne', (req) => {
			const s = session(req);
			if (!s.allInOne) return validation('The all-in-one document is available only after the signing session is finished'); // [C] rule, [G] words
			if (state.settings.allInOneFails) return validation(MESSAGE.allInOneFailed);
			if (s.allInOne.readyAt > req.now) return validation(MESSAGE.processing);
			return pdfResponse(s.allInOne.title, s.allInOne.content);
		}),
	];
}
