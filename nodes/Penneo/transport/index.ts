import type { IDataObject } from 'n8n-workflow';

import type { ApiContext, Provider } from '../../shared/transport';
import { MASK } from '../../shared/redact';
import { ApiClient } from '../../shared/transport';
import { PENNEO, penneoHosts } from './hosts';

export { PENNEO, penneoHosts } from './hosts';

/** Case file statuses [C]. */
export const CASE_FILE_STATUS: Record<number, string> = {
	0: 'new',
	1: 'pending',
	2: 'rejected',
	3: 'deleted',
	4: 'signed',
	5: 'completed',
	6: 'failed',
	7: 'expired',
	8: 'anonymized',
};

/** Signing request statuses [C] (1 and 2 are both "opened" in Penneo's documentation). */
export const SIGNING_REQUEST_STATUS: Record<number, string> = { 0: 'sent', 1: 'opened', 2: 'opened', 3: 'signed', 4: 'rejected' };

export const JOB_STATUSES = ['pending', 'processing', 'completed', 'failed', 'aborted_duplicated'] as const;

function messageOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (value && typeof value === 'object') {
		const v = value as IDataObject;
		const text = v.message ?? v.error_description ?? v.error ?? v.detail;
		if (typeof text === 'string') {
			const where = v.property ?? v.propertyPath ?? v.field;
			return typeof where === 'string' && where ? `${where}: ${text}` : text;
		}
	}
	return undefined;
}

export const penneoProvider: Provider = {
	name: 'Penneo',
	/** The credential's session token (renewed by its preAuthentication after a 401). */
	expirableToken: 'accessToken',
	parseError(body: unknown) {
		if (typeof body === 'string') return { message: body.slice(0, 300) || undefined };
		if (!body || typeof body !== 'object') return {};
		const b = body as IDataObject;
		const message =
			(typeof b.message === 'string' && b.message) ||
			(typeof b.error_description === 'string' && b.error_description) ||
			messageOf(b.error) ||
			(typeof b.errorMessage === 'string' ? b.errorMessage : undefined);
		const code = typeof b.error === 'string' && b.error !== message ? b.error : typeof b.code === 'string' ? b.code : undefined;
		const list = Array.isArray(b.errors) ? b.errors : b.errors && typeof b.errors === 'object' ? Object.entries(b.errors).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`) : [];
		const details = (list as unknown[]).map(messageOf).filter((d): d is string => !!d);
		return { message: message || undefined, code, details: details.length ? details : undefined };
	},
	hints: {
		400: 'Penneo rejected the case file: fix the fields named in the message (roles, languages, email texts, file names) and run the node again.',
		401: 'Penneo did not accept the session token: open the Penneo credential, check the environment, client ID/secret and API key/secret, and click "Test".',
		403: 'The Penneo user behind the API key may not do this (e.g. the case file belongs to another user or company): check the user’s rights in Penneo.',
		404: 'Check the ID: it does not exist in this Penneo environment (sandbox and production are separate), or it was deleted.',
		409: 'The case file is not in a state that allows this: use Case File → Get to see its status.',
	},
};

export type PenneoClient = ApiClient;

/** Creates the client once per execution: credentials are read once, not per item. */
export async function penneoClient(ctx: ApiContext): Promise<PenneoClient> {
	const credentials = await ctx.getCredentials(PENNEO.credentialType);
	return new ApiClient(ctx, penneoProvider, PENNEO.credentialType, penneoHosts(credentials).app, credentials);
}

/** Adds `statusName` next to Penneo's numeric statuses (case file and signing requests). */
export function nameStatuses(caseFile: IDataObject): IDataObject {
	const out: IDataObject = { ...caseFile };
	if (typeof out.status === 'number') out.statusName = CASE_FILE_STATUS[out.status] ?? `unknown (${out.status})`;
	if (Array.isArray(out.signers)) {
		out.signers = (out.signers as IDataObject[]).map((signer) => {
			const s = { ...signer };
			// National id numbers never reach the output.
			for (const key of Object.keys(s)) if (/^(socialSecurityNumber\w*|ssn)$/i.test(key) && s[key]) s[key] = MASK;
			const request = s.signingRequest as IDataObject | undefined;
			if (request && typeof request === 'object' && typeof request.status === 'number') {
				s.signingRequest = { ...request, statusName: SIGNING_REQUEST_STATUS[request.status] ?? `unknown (${request.status})` };
			}
			return s;
		});
	}
	return out;
}

/** The case file id and the signers' signing links from a completed job [C: result.data.caseFile.id; G: link fields]. */
export function jobOutcome(job: IDataObject): IDataObject {
	const caseFile = ((job.result as IDataObject | undefined)?.data as IDataObject | undefined)?.caseFile as IDataObject | undefined;
	if (!caseFile) return {};
	const signers = Array.isArray(caseFile.signers) ? (caseFile.signers as IDataObject[]) : [];
	const signingLinks = signers.map((s) => {
		const request = (s.signingRequest ?? {}) as IDataObject;
		return {
			signerId: s.id,
			name: s.name,
			email: s.email,
			link: s.signingLink ?? request.link ?? s.link ?? null,
		} as IDataObject;
	});
	return { caseFileId: caseFile.id, signingLinks };
}
