import type { IDataObject } from 'n8n-workflow';

import type { Guess } from '../../shared/guesses';
import type { ApiContext, Provider, ProviderErrorInfo, RequestSpec } from '../../shared/transport';
import { ApiClient } from '../../shared/transport';

/**
 * Every NextSign host and path in one place: a corrected path is a one-line change.
 * Two hosts that must never be swapped (docs.nextsign.dk/docs/versioning): cases, forms and document convert live
 * on the v2 case host (`https://www.nextsign.dk/api/v2`), files on the v3 file host (`https://api.nextsign.dk/v3`).
 * Sources: nextsign-case-create.txt and PUBLIC-DOCS.md §4 (each docs.nextsign.dk page); [G] marks a guess.
 */
export const NEXTSIGN = {
	credentialType: 'nextSignApi',
	docsUrl: 'https://docs.nextsign.dk/docs',
	environments: {
		// https://docs.nextsign.dk/docs/versioning
		production: { caseBaseUrl: 'https://www.nextsign.dk/api/v2', fileBaseUrl: 'https://api.nextsign.dk/v3' },
		// https://docs.nextsign.dk/docs/testenv for the case host; [G] the file host (undocumented for the test
		// environment — use "Custom URLs" if it differs)
		test: { caseBaseUrl: 'https://test.nextsign.dk/api/v2', fileBaseUrl: 'https://test.nextsign.dk/v3' },
	},
	/** Paths below the v2 case host. */
	cases: {
		create: (company: string) => `/${enc(company)}/case/create`, // docs/case-create
		list: (company: string) => `/${enc(company)}/cases/get`, // docs/cases
		get: (company: string, caseId: string) => `/${enc(company)}/case/${enc(caseId)}/get`, // docs/case
		getSeveral: (company: string, caseIds: string[]) => `/${enc(company)}/cases/${caseIds.map(enc).join(',')}/get`, // docs/cases-get-multiple
		delete: (company: string, caseId: string) => `/${enc(company)}/case/${enc(caseId)}/delete`, // docs/case-delete (a GET)
		form: (company: string, formId: string) => `/${enc(company)}/forms/${enc(formId)}/get`, // docs/forms-get
		formTags: (company: string, formId: string) => `/${enc(company)}/forms/${enc(formId)}/tags/get`, // docs/forms-tags
		formSubmit: (company: string, formId: string) => `/${enc(company)}/forms/${enc(formId)}/submit`, // docs/forms-submit
		convert: () => '/document/convert', // docs/documents-convert: no company in the path
	},
	/** Paths below the v3 file host. */
	files: {
		upload: (company: string) => `/company/${enc(company)}/file/upload`, // docs/documents-upload
		presignedUrl: (company: string) => `/company/${enc(company)}/file/view-presigned-url`, // docs/documents
	},
	/**
	 * "If the combined size of the documents in a case is more than 3.5 MB, upload the files first" (case-create).
	 * Safe for both readings (the files, or the request that carries them): the node measures the base64 text it
	 * would send, which is larger than the files, against decimal megabytes.
	 */
	inlineLimitBytes: 3_500_000,
	/** `cases/get` page size: its documented default; no largest value is documented [G]. */
	maxPageSize: 100,
	/** Ids per `cases/{ids}/get` request: no maximum documented [G]. */
	idsPerRequest: 50,
	/** The documented success values of the v2 answers (`status`). */
	success: { list: 'company_found', get: 'case_found', getSeveral: 'cases_found', delete: 'removed', submit: 'OK' },
	/**
	 * Our own limits where NextSign documents none: a title or message larger than this is refused before sending
	 * (generous on purpose; NextSign may be stricter).
	 */
	limits: { title: 1_000, message: 10_000 },
	/** The case-create document's "Signing Schemas". */
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

/** The README's NextSign section (the nodes' and the credential's Docs link). */
export const NEXTSIGN_DOCS_URL = 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#nextsign';

/** What the NextSign nodes still assume without a NextSign source (the README's "Not yet confirmed" list). */
export const NEXTSIGN_GUESSES: readonly Guess[] = [
	{ id: 'host.testFiles', what: 'The test environment’s v3 file host is https://test.nextsign.dk/v3 (only the v2 host is documented).', mark: 'G' },
	{ id: 'list.pageSize', what: 'cases/get serves at most 100 cases a page (100 is the documented default; no maximum is documented).', mark: 'G' },
	{
		id: 'list.order',
		what: 'cases/get lists newest first (by creation or by last update; the order is undocumented). The trigger checks the order of every page it reads and reads every page when it cannot tell.',
		mark: 'G',
	},
	{ id: 'getSeveral.batch', what: 'cases/{ids}/get takes 50 ids in one request (no maximum is documented).', mark: 'G' },
	{
		id: 'getSeveral.full',
		what: 'cases/{ids}/get returns whole case objects (recipients, settings) like case/{id}/get; a case returned without recipients is read on its own.',
		mark: 'G',
	},
	{
		id: 'recipient.signed',
		what: 'A recipient whose `signed` is no longer "pending" (the only documented value) in a case still pending or signed has signed; in a denied case only the value "signed" counts.',
		mark: 'G',
	},
	{ id: 'case.expired', what: 'settings.availability.isExpired turns true once a case passes settings.availability.expiration (both fields are documented; when it turns is not).', mark: 'G' },
	{
		id: 'submit.answer',
		what: 'Forms submit answers {status: "OK", message, contract: {…the case…}} with the case id in contract._id ("status": "OK" and contract.recipients[] are documented; the rest of the example is cut off).',
		mark: 'G',
	},
	{ id: 'document.signatories', what: 'documents[].signatories lists the signing recipients by email (the field is documented only as "Selected signatories").', mark: 'G' },
	{ id: 'document.signedDocuments', what: 'A case’s signedDocuments[] entries carry the stored file URL in document_id, file or url, and a name (the example shows an empty list).', mark: 'G' },
	{
		id: 'convert.output',
		what: 'Document → Convert: a converted documents[].file URL is a stored document that view-presigned-url accepts (used to download it); files from binary fields are uploaded to the file host first, since convert takes URLs.',
		mark: 'G',
	},
	{ id: 'upload.answer', what: 'File upload answers {url} (documented: "returns a url"); nothing else is read from it.', mark: 'G' },
];

function enc(value: string): string {
	return encodeURIComponent(value);
}

export type SigningSchema = (typeof NEXTSIGN.signingSchemas)[number];

const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** The HTTP status an error in a body stands for: its own `code`, else what its message says. */
function statusOf(code: unknown, message: string | undefined): number {
	if (typeof code === 'number' && code >= 400 && code < 600) return code;
	if (message && /not[\s-]?found|missing-url|unknown case/i.test(message)) return 404;
	if (message && /server error|internal/i.test(message)) return 500;
	return 400;
}

/** The error shapes of NextSign's docs: `{errors:[{code, message, description, error}]}`, `{message}`, `{error}`, `{status:{code, message}}`. */
function readError(body: unknown): ProviderErrorInfo | undefined {
	if (typeof body === 'string') return body ? { message: body.slice(0, 300) } : undefined;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const b = body as { errors?: unknown; error?: unknown; message?: unknown; status?: unknown };
	if (Array.isArray(b.errors) && b.errors.length) {
		const list = b.errors as Array<{ message?: unknown; description?: unknown; code?: unknown }>;
		const line = (e: (typeof list)[number]) => [text(e.message), text(e.description)].filter(Boolean).join(': ');
		const message = line(list[0]) || text(b.message);
		const details = list.slice(1).map(line).filter(Boolean);
		return { message, details: details.length ? details : undefined, status: statusOf(list[0].code, message) };
	}
	if (b.status && typeof b.status === 'object') {
		const s = b.status as { code?: unknown; message?: unknown };
		if (typeof s.code === 'number' && s.code !== 200) return { message: text(s.message), status: statusOf(s.code, text(s.message)) };
	}
	if (text(b.error)) return { message: text(b.error), status: statusOf(undefined, text(b.error)) };
	if (text(b.message)) return { message: text(b.message), status: statusOf(undefined, text(b.message)) };
	return undefined;
}

/**
 * "Older v2 endpoints can return application-level errors inside successful HTTP responses — check the body, not only
 * the status" (docs/versioning): every NextSign answer is checked against what its request expects (`spec.expect`):
 * `status:<value>` (a documented success status), `field:<name>` (the documented answer carries it), `list:<name>`
 * (it carries that list), `array` (a bare list), `convert` (status.code 200); several joined by `;`. Without one,
 * only an error body (`errors[]`, `error`) fails.
 */
function bodyError(body: unknown, spec: RequestSpec): ProviderErrorInfo | undefined {
	const expects = (spec.expect ?? '').split(';').filter(Boolean);
	if (!expects.length) {
		const found = !Array.isArray(body) && body && typeof body === 'object' ? (body as IDataObject) : undefined;
		return found && ((Array.isArray(found.errors) && found.errors.length) || (typeof found.error === 'string' && found.error)) ? readError(body) : undefined;
	}
	for (const expect of expects) {
		const problem = check(body, expect);
		if (problem) return problem;
	}
	return undefined;
}

/** One expectation (see `bodyError`); an error body is reported in its own words first. */
function check(body: unknown, expect: string): ProviderErrorInfo | undefined {
	const shape = (message: string) => readError(body) ?? { message, status: 502 };
	if (expect === 'array') return Array.isArray(body) ? undefined : shape('NextSign answered without the expected list');
	if (Array.isArray(body)) return { message: 'NextSign answered with a list where an object was expected', status: 502 };
	const b = (body && typeof body === 'object' ? body : {}) as IDataObject;
	if (Array.isArray(b.errors) && b.errors.length) return readError(body);
	if (expect === 'convert') {
		const status = b.status as IDataObject | undefined;
		return status && status.code === 200 && Array.isArray(b.documents) ? undefined : shape('NextSign answered without the converted documents');
	}
	if (expect.startsWith('status:')) {
		const wanted = expect.slice('status:'.length);
		if (b.status === wanted) return undefined;
		return shape(`NextSign answered with status "${String(b.status ?? '(none)')}" instead of "${wanted}"`);
	}
	if (expect.startsWith('list:')) {
		const field = expect.slice('list:'.length);
		return Array.isArray(b[field]) ? undefined : shape(`NextSign answered without the list "${field}"`);
	}
	if (expect.startsWith('field:')) {
		const field = expect.slice('field:'.length);
		return b[field] !== undefined && b[field] !== null && b[field] !== '' ? undefined : shape(`NextSign answered without "${field}"`);
	}
	return undefined;
}

export const nextSignProvider: Provider = {
	name: 'NextSign',
	parseError: (body) => readError(body) ?? {},
	bodyError,
	hints: {
		400: 'Check the fields named in the message and run the node again.',
		401: 'NextSign did not accept the API key: open the NextSign credential, paste an API key from NextSign (Dashboard → Config → API Keys), check the company ID and environment (test keys only work on the test environment), then click "Test".',
		403: 'The API key is not allowed to act for this company: check the company ID in the credential.',
		404: 'Check the ID: it does not exist in this NextSign company (the test environment has its own data).',
		413: 'The request is too large for NextSign: documents over 3.5 MB in total must be uploaded first (the node does this itself for binary and base64 documents).',
		502: 'NextSign’s answer did not have the documented shape: check the credential’s base URLs (a proxy may be in the way), then try again.',
	},
};

export interface NextSignClient {
	/** Client for the v2 case host (cases, forms, document convert). */
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
