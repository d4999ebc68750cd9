import type { IDataObject } from 'n8n-workflow';

import type { ApiContext, Provider } from '../../shared/transport';
import { MASK, redact } from '../../shared/redact';
import { ApiClient, DEFAULT_RETRY } from '../../shared/transport';
import { PENNEO, penneoHosts } from './hosts';

export { PENNEO, PENNEO_GUESSES, penneoAuthHeader, penneoHosts } from './hosts';

/** Case file statuses [C: penneo.readme.io "Checking casefile status"; 0–5 and 7 also in Postman and sdk-php]. */
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

/**
 * Signing request status codes in Penneo's two readings (PUBLIC-DOCS.md §3): the Postman collection
 * (0 request sent, 1 request opened, 2 opened, 3 signed, 4 rejected) and sdk-php/sdk-net (0 new, 1 pending,
 * 2 rejected, 3 deleted, 4 signed, 5 undeliverable). Shown side by side; no single one decides an event.
 */
export const SIGNING_REQUEST_STATUS = {
	postman: { 0: 'sent', 1: 'request opened', 2: 'opened', 3: 'signed', 4: 'rejected', 6: 'undeliverable', 8: 'finalized', 9: 'deleted' } as Record<number, string>,
	sdk: { 0: 'new', 1: 'pending', 2: 'rejected', 3: 'deleted', 4: 'signed', 5: 'undeliverable' } as Record<number, string>,
};

/**
 * Whether a signer has signed, from facts both readings agree on; `null` when they do not (the signer's code alone
 * cannot tell). A signed (4) or completed (5) case file: every signer signed. A pending (1) case file: code 4 is
 * "signed" in the SDKs and "rejected" in Postman, but a rejection ends the case file (status 2), so in a pending case
 * file it can only mean signed; codes 0 and 1 mean "not yet" in both; 2 and 3 differ (opened/rejected, signed/deleted).
 * A signed timestamp, where Penneo gives one (`signedAt`, `signed`), decides on its own.
 */
export function signerSigned(caseFileStatus: number, signer: IDataObject): boolean | null {
	const request = (signer.signingRequest ?? {}) as IDataObject;
	for (const v of [request.signedAt, request.signed, signer.signedAt]) {
		if (typeof v === 'number' || (typeof v === 'string' && v !== '')) return true;
	}
	if (caseFileStatus === 4 || caseFileStatus === 5) return true;
	const code = Number(request.status);
	if (code === 0 || code === 1) return false;
	if (caseFileStatus === 1 && code === 4) return true;
	return null;
}

export const JOB_STATUSES = ['pending', 'processing', 'completed', 'failed', 'aborted_duplicated'] as const;

/** A Danish CPR number in either written form, DDMMYY-XXXX or DDMMYYXXXX (day 01–31, month 01–12). */
const CPR = /(?<![\dA-Za-z-])(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])(\d{2})-?(\d{4})(?![\dA-Za-z])/g;

/** Masks CPR numbers in a text, in both written forms. */
export function maskCpr(text: string): string {
	return text.replace(CPR, '******-****');
}

/** Both written forms of a national id number the user gave (so neither can slip through a scrub). */
export function idForms(id: string): string[] {
	const digits = id.replace(/[\s-]/g, '');
	const forms = new Set([id.trim(), digits]);
	if (/^\d{10}$/.test(digits)) forms.add(`${digits.slice(0, 6)}-${digits.slice(6)}`);
	return [...forms].filter((f) => f.length >= 4);
}

/** Masks CPR numbers (both written forms) in an error's message, description and attached answer, in place; returns the error. */
export function maskErrorCpr<E>(error: E): E {
	const e = error as { message?: unknown; description?: unknown; errorResponse?: unknown; context?: unknown };
	if (e && typeof e === 'object') {
		if (typeof e.message === 'string') e.message = maskCpr(e.message);
		if (typeof e.description === 'string') e.description = maskCpr(e.description);
		// What Penneo answered, kept on the error for the execution log.
		if (e.errorResponse && typeof e.errorResponse === 'object') e.errorResponse = safeOutput(e.errorResponse);
		if (e.context && typeof e.context === 'object') e.context = safeOutput(e.context);
	}
	return error;
}

/**
 * Everything a Penneo node outputs passes here: sensitive keys masked, the given id numbers scrubbed, and any CPR
 * number in either written form masked in every string.
 */
export function safeOutput<T>(value: T, sensitive: readonly string[] = []): T {
	const masked = redact(value, sensitive);
	const walk = (v: unknown, depth: number): unknown => {
		if (depth > 20) return v;
		if (typeof v === 'string') return maskCpr(v);
		if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
		if (v && typeof v === 'object' && !Buffer.isBuffer(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, depth + 1)]));
		return v;
	};
	return walk(masked, 0) as T;
}

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

/** The shared client, and `single`: the same without retries of its own (the job checks space their retries ≥ 5 s). */
export type PenneoClient = ApiClient & { single: ApiClient };

/** Creates the client once per execution: credentials are read once, not per item. */
export async function penneoClient(ctx: ApiContext): Promise<PenneoClient> {
	const credentials = await ctx.getCredentials(PENNEO.credentialType);
	const app = penneoHosts(credentials).app;
	const single = new ApiClient(ctx, penneoProvider, PENNEO.credentialType, app, credentials, { ...DEFAULT_RETRY, maxAttempts: 1 });
	return Object.assign(new ApiClient(ctx, penneoProvider, PENNEO.credentialType, app, credentials), { single });
}

/**
 * Names Penneo's numeric statuses: `statusName` of the case file, and for each signer `signed` (true/false, or null
 * when the sources' readings of its code disagree) and the signing request's `statusMeaning` in both readings.
 * National id numbers never reach the output.
 */
export function nameStatuses(caseFile: IDataObject): IDataObject {
	const out: IDataObject = { ...caseFile };
	const status = Number(out.status);
	if (typeof out.status === 'number') out.statusName = CASE_FILE_STATUS[out.status] ?? `unknown (${out.status})`;
	if (Array.isArray(out.signers)) {
		out.signers = (out.signers as IDataObject[]).map((signer) => {
			const s: IDataObject = { ...signer };
			for (const key of Object.keys(s)) if (/^(socialSecurityNumber\w*|ssn)$/i.test(key) && s[key]) s[key] = MASK;
			const request = s.signingRequest as IDataObject | undefined;
			if (request && typeof request === 'object' && typeof request.status === 'number') {
				const postman = SIGNING_REQUEST_STATUS.postman[request.status] ?? 'unknown';
				const sdk = SIGNING_REQUEST_STATUS.sdk[request.status] ?? 'unknown';
				s.signingRequest = { ...request, statusMeaning: postman === sdk ? postman : `${postman} (Penneo Postman collection) or ${sdk} (Penneo SDKs)` };
			}
			s.signed = signerSigned(status, signer);
			return s;
		});
	}
	return out;
}

/**
 * The case file id and the signers' signing links from a completed job: `result.data.caseFile.id` [C] and
 * `result.data.signingLinks[]` `{name, role, signingLink}` [3P]; links on `result.data.caseFile.signers[]` are read
 * only when that list is absent (an older answer shape).
 */
export function jobOutcome(job: IDataObject): IDataObject {
	const data = ((job.result as IDataObject | undefined)?.data ?? undefined) as IDataObject | undefined;
	const caseFile = data?.caseFile as IDataObject | undefined;
	if (!caseFile) return {};
	if (Array.isArray(data?.signingLinks)) {
		const signingLinks = (data.signingLinks as IDataObject[]).map((l) => ({ name: l.name ?? null, role: l.role ?? null, link: l.signingLink ?? l.link ?? null }));
		return { caseFileId: caseFile.id, signingLinks };
	}
	const signers = Array.isArray(caseFile.signers) ? (caseFile.signers as IDataObject[]) : [];
	const signingLinks = signers.map((s) => {
		const request = (s.signingRequest ?? {}) as IDataObject;
		return { name: s.name ?? null, role: s.role ?? null, link: s.signingLink ?? request.link ?? s.link ?? null } as IDataObject;
	});
	return { caseFileId: caseFile.id, signingLinks };
}
