import type { IDataObject } from 'n8n-workflow';

import type { ApiContext, Provider } from '../../shared/transport';
import { ApiClient } from '../../shared/transport';

/**
 * Every NextSign host and path in one place: a corrected path is a one-line change.
 * Two hosts that must never be swapped: cases and forms live on the v2 case host
 * (`https://www.nextsign.dk/api/v2`), files on the v3 file host (`https://api.nextsign.dk/v3`).
 */
export const NEXTSIGN = {
	credentialType: 'nextSignApi',
	docsUrl: 'https://www.nextsign.dk/api',
	environments: {
		// [C]
		production: { caseBaseUrl: 'https://www.nextsign.dk/api/v2', fileBaseUrl: 'https://api.nextsign.dk/v3' },
		// [C] case host; [G] file host (undocumented for the test environment — use "Custom" if it differs)
		test: { caseBaseUrl: 'https://test.nextsign.dk/api/v2', fileBaseUrl: 'https://test.nextsign.dk/v3' },
	},
	/** Paths below the v2 case host. [C] */
	cases: {
		create: (company: string) => `/${enc(company)}/case/create`,
		list: (company: string) => `/${enc(company)}/cases/get`,
		get: (company: string, caseId: string) => `/${enc(company)}/case/${enc(caseId)}/get`,
		getSeveral: (company: string, caseIds: string[]) => `/${enc(company)}/cases/${caseIds.map(enc).join(',')}/get`,
		form: (company: string, formId: string) => `/${enc(company)}/forms/${enc(formId)}/get`,
		formTags: (company: string, formId: string) => `/${enc(company)}/forms/${enc(formId)}/tags/get`,
		formSubmit: (company: string, formId: string) => `/${enc(company)}/forms/${enc(formId)}/submit`,
	},
	/** Paths below the v3 file host. [C] */
	files: {
		upload: (company: string) => `/company/${enc(company)}/file/upload`,
		presignedUrl: (company: string) => `/company/${enc(company)}/file/view-presigned-url`,
	},
	/**
	 * Above this combined size (bytes) documents are uploaded to the file host first and referenced by URL
	 * instead of being sent as base64 ("more than 3.5 MB" [C]; decimal megabytes, the stricter reading).
	 */
	inlineLimitBytes: 3_500_000,
	/** Largest page `cases/get` serves (its default). [C] */
	maxPageSize: 100,
	/** Ids per `cases/{ids}/get` request. [G] */
	idsPerRequest: 50,
	/** Signing methods the API accepts. [C] */
	signingSchemas: [
		'urn:grn:authn:dk:mitid:substantial',
		'urn:grn:authn:dk:mitid:low',
		'urn:grn:authn:dk:mitid:business',
		'urn:grn:authn:se:bankid',
		'draw-cpr',
		'draw',
		'sms-email',
	],
} as const;

function enc(value: string): string {
	return encodeURIComponent(value);
}

export type SigningSchema = (typeof NEXTSIGN.signingSchemas)[number];

/** Reads `{"errors":[{"message", "description", "error", "code"}], "notices": []}` and `{"message": …}`. */
export const nextSignProvider: Provider = {
	name: 'NextSign',
	parseError(body: unknown) {
		if (typeof body === 'string') return { message: body.slice(0, 300) || undefined };
		if (!body || typeof body !== 'object') return {};
		const b = body as { errors?: unknown; message?: unknown };
		if (Array.isArray(b.errors) && b.errors.length) {
			const list = b.errors as Array<{ message?: unknown; description?: unknown; error?: unknown; code?: unknown }>;
			const first = list[0];
			const message = [first.message, first.description].filter((v) => typeof v === 'string' && v).join(': ');
			const details = list
				.slice(1)
				.map((e) => [e.message, e.description].filter((v) => typeof v === 'string' && v).join(': '))
				.filter(Boolean);
			return { message: message || undefined, details: details.length ? details : undefined };
		}
		if (typeof b.message === 'string') return { message: b.message };
		return {};
	},
	hints: {
		400: 'Check the fields named in the message and run the node again.',
		401: 'NextSign did not accept the API key: open the NextSign credential, paste the API key from NextSign (Settings → API), check the company ID and environment (test keys only work on the test environment), then click "Test".',
		403: 'The API key is not allowed to act for this company: check the company ID in the credential.',
		404: 'Check the ID: it does not exist in this NextSign company (the test environment has its own data).',
		413: 'The request is too large for NextSign: documents over 3.5 MB in total must be uploaded first (the node does this itself for binary and base64 documents).',
	},
};

export interface NextSignClient {
	/** Client for the v2 case host (cases and forms). */
	cases: ApiClient;
	/** Client for the v3 file host (uploads and presigned download URLs). */
	files: ApiClient;
	company: string;
}

export function nextSignHosts(credentials: IDataObject): { caseBaseUrl: string; fileBaseUrl: string } {
	const env = String(credentials.environment ?? 'production');
	if (env === 'custom') {
		return {
			caseBaseUrl: trimUrl(credentials.caseBaseUrl) || NEXTSIGN.environments.production.caseBaseUrl,
			fileBaseUrl: trimUrl(credentials.fileBaseUrl) || NEXTSIGN.environments.production.fileBaseUrl,
		};
	}
	return env === 'test' ? { ...NEXTSIGN.environments.test } : { ...NEXTSIGN.environments.production };
}

function trimUrl(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/** Creates both clients once per execution: credentials are read once, not per item. */
export async function nextSignClient(ctx: ApiContext): Promise<NextSignClient> {
	const credentials = await ctx.getCredentials(NEXTSIGN.credentialType);
	const { caseBaseUrl, fileBaseUrl } = nextSignHosts(credentials);
	return {
		cases: new ApiClient(ctx, nextSignProvider, NEXTSIGN.credentialType, caseBaseUrl, credentials),
		files: new ApiClient(ctx, nextSignProvider, NEXTSIGN.credentialType, fileBaseUrl, credentials),
		company: String(credentials.companyId ?? '').trim(),
	};
}
