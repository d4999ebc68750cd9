import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyField } from '../../../shared/simplify';
import { publicSession, SIGNICAT } from '../../transport';

/**
 * The fields of a signing session a workflow needs, under the same names in every Signicat output (Create, Send
 * Document for Signing, Get, Get Many and the trigger's events). Signicat's own names are already camelCase; the
 * nested ones are lifted: `id` → `sessionId`, `lifecycle.state` → `state`, the result documents' ids →
 * `resultDocumentIds`. Fields the session does not have are `null`, so every item has the same shape.
 */
export const SIMPLIFIED_SESSION_FIELDS = [
	'sessionId',
	'title',
	'state',
	'stateIsFinal',
	'signatureUrl',
	'signatureUrlExpiresAt',
	'dueDate',
	'externalReference',
	'documentIds',
	'resultDocumentIds',
] as const;

const list = (v: unknown) => (Array.isArray(v) ? (v as IDataObject[]) : []);

/** Ids of the result documents (one per signed document, then the PAdES packages), for Document → Download. */
export function resultDocumentIds(session: IDataObject): string[] {
	const output = (session.output as IDataObject | undefined) ?? {};
	return [...list(output.signatures), ...list(output.packages)]
		.map((d) => d.resultDocumentId)
		.filter((d): d is string => typeof d === 'string' && d !== '');
}

export function simplifySession(session: IDataObject): IDataObject {
	const lifecycle = (session.lifecycle as IDataObject | undefined) ?? {};
	return {
		sessionId: session.id ?? null,
		title: session.title ?? null,
		state: lifecycle.state ?? null,
		stateIsFinal: lifecycle.stateIsFinal === true,
		signatureUrl: session[SIGNICAT.fields.signatureUrl] ?? null,
		signatureUrlExpiresAt: session.signatureUrlExpiresAt ?? null,
		dueDate: session.dueDate ?? null,
		externalReference: session.externalReference ?? null,
		documentIds: list(session.documents).map((d) => d.documentId).filter((d): d is string => typeof d === 'string'),
		resultDocumentIds: resultDocumentIds(session),
	};
}

/** The Simplify toggle of session answers: version 2 only (version 1 keeps returning Signicat's whole answer). */
export const sessionSimplifyField = (show: Record<string, string[]>): INodeProperties => ({
	...simplifyField({ ...show, '@version': [{ _cnd: { gte: 2 } }] }),
	hint: `On: ${SIMPLIFIED_SESSION_FIELDS.join(', ')}. Off: Signicat's whole answer.`,
});

/** Whether this item's answer is simplified: the toggle on version 2 (default on), never on version 1. */
export function wantsSimplified(ctx: IExecuteFunctions, i: number): boolean {
	return ctx.getNode().typeVersion >= 2 && ctx.getNodeParameter('simplify', i, true) === true;
}

/** A session as an action outputs it on version 2: simplified, or Signicat's answer with national ids masked. */
export function sessionOutput(session: IDataObject, simplified: boolean): IDataObject {
	const masked = publicSession(session);
	return simplified ? simplifySession(masked) : masked;
}
