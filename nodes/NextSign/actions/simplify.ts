/**
 * Simplify (node version 2): the fields of a NextSign case a workflow needs, in camelCase, with the same names in the
 * action node (Case → Get, Case → Create, Form → Submit) and the trigger. Input is an answer already passed through
 * `safeOutput` (CPR values masked). The fields are listed in the README's NextSign section.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyField } from '../../shared/simplify';

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** The Simplify toggle, shown from node version 2 on (earlier versions keep the answer they always gave). */
export function simplifyToggle(show: Show): INodeProperties {
	return simplifyField({ ...show, '@version': [{ _cnd: { gte: 2 } }] });
}

/** Whether this item's output is simplified: only from version 2 on, and only with Simplify on. */
export function wantsSimplify(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return ctx.getNode().typeVersion >= 2 && ctx.getNodeParameter('simplify', itemIndex, true) !== false;
}

const orNull = (v: unknown) => (v === undefined || v === '' ? null : v);
const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as IDataObject) : {});
const list = (v: unknown) => (Array.isArray(v) ? (v as IDataObject[]) : []);

/** One recipient: who, how invited, and where their signature stands (`signed` as NextSign gives it). */
export function simplifyRecipient(r: IDataObject): IDataObject {
	return {
		recipientId: orNull(r._id),
		name: orNull(r.name),
		email: orNull(r.email),
		phone: orNull(r.phone),
		delivery: orNull(r.type),
		mustSign: r.signing !== false,
		signingGroup: orNull(r.group),
		signed: orNull(r.signed),
		signingUrl: orNull(r.url),
	};
}

/** The simplified fields of a case object (case/{id}/get, case/create's data, forms submit's contract). */
export function simplifyCase(c: IDataObject): IDataObject {
	const availability = obj(obj(c.settings).availability);
	return {
		caseId: orNull(c._id ?? c.id ?? c.caseId),
		title: orNull(c.title),
		folder: orNull(c.folder),
		referenceId: orNull(c.referenceId),
		state: orNull(c.state),
		allSigned: obj(c.reminders).allSigned === true,
		isExpired: availability.isExpired === true,
		expiresAt: availability.unlimited === true ? null : orNull(availability.expiration),
		createdAt: orNull(c.createdAt),
		updatedAt: orNull(c.updatedAt),
		recipients: list(c.recipients).map(simplifyRecipient),
		documents: list(c.documents).map((d) => ({ name: orNull(d.name), url: orNull(d.file) })),
		signedDocuments: list(c.signedDocuments).map((d) => ({ name: orNull(d.name), url: orNull(d.file ?? d.document_id ?? d.url) })),
	};
}
