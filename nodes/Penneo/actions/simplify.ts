/**
 * Simplify (node version 2): the fields of a Penneo case file a workflow needs, in camelCase, with the same names in
 * the action node (Get, Get Many) and the trigger. Penneo's times are Unix seconds; here they are ISO 8601 text.
 * Input is a case file already passed through `nameStatuses` (statuses named, SSNs masked).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyField } from '../../shared/simplify';

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** The Simplify toggle, shown from node version 2 on (version 1 keeps the answer it always gave). */
export function penneoSimplifyField(show: Show): INodeProperties {
	return simplifyField({ ...show, '@version': [{ _cnd: { gte: 2 } }] });
}

/** Whether this item's output is simplified: only from version 2 on, and only with Simplify on. */
export function wantsSimplify(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return ctx.getNode().typeVersion >= 2 && ctx.getNodeParameter('simplify', itemIndex, true) !== false;
}

/** Unix seconds (or ms, or ISO text) → ISO 8601; null when absent or unreadable. */
export function isoTime(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	const ms = typeof value === 'number' ? (value < 1e12 ? value * 1000 : value) : /^\d+$/.test(String(value)) ? Number(value) * (Number(value) < 1e12 ? 1000 : 1) : Date.parse(String(value));
	return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

const orNull = (v: unknown) => (v === undefined ? null : v);

/** One signer: who, and whether they signed (true / false / null when Penneo's two readings of the code disagree). */
export function simplifySigner(signer: IDataObject): IDataObject {
	const request = (signer.signingRequest ?? {}) as IDataObject;
	return {
		signerId: orNull(signer.id),
		name: orNull(signer.name),
		email: orNull(request.email ?? signer.email),
		role: orNull(signer.role),
		onBehalfOf: orNull(signer.onBehalfOf),
		signed: orNull(signer.signed),
		signingStatus: orNull(request.statusMeaning),
		signedAt: isoTime(request.signedAt ?? signer.signedAt),
	};
}

/** The simplified fields of a case file (documented in the README's Penneo section). */
export function simplifyCaseFile(caseFile: IDataObject): IDataObject {
	const signers = Array.isArray(caseFile.signers) ? (caseFile.signers as IDataObject[]) : [];
	const documents = Array.isArray(caseFile.documents) ? (caseFile.documents as IDataObject[]) : [];
	return {
		caseFileId: orNull(caseFile.id),
		title: orNull(caseFile.title),
		status: orNull(caseFile.statusName ?? caseFile.status),
		statusCode: orNull(caseFile.status),
		reference: orNull(caseFile.reference),
		metaData: orNull(caseFile.metaData),
		language: orNull(caseFile.language),
		createdAt: isoTime(caseFile.created),
		sendAt: isoTime(caseFile.sendAt),
		expireAt: isoTime(caseFile.expireAt),
		signers: signers.map(simplifySigner),
		documents: documents.map((d) => ({ documentId: orNull(d.id), title: orNull(d.title) })),
	};
}

/** Job → Get Status, simplified: where the job is and what it made. */
export function simplifyJob(job: IDataObject): IDataObject {
	return {
		uuid: orNull(job.uuid),
		jobStatus: orNull(job.jobStatus),
		caseFileId: orNull(job.caseFileId),
		signingLinks: orNull(job.signingLinks),
		errorMessage: orNull(job.errorMessage),
		createdAt: orNull(job.createdAt),
		updatedAt: orNull(job.updatedAt),
	};
}
