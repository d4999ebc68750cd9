/**
 * Every Penneo host and path in one place: a corrected path is a one-line change.
 * Marks as in REFERENCE.md: [C] confirmed by Penneo's own material (docs site, Postman collections, SDKs),
 * [3P] third-party, [G] guess. Kept free of imports (but a type) so the credential can use it too.
 */
import type { Guess } from '../../shared/guesses';

export const PENNEO = {
	credentialType: 'penneoApi',
	docsUrl: 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#penneo',
	hosts: {
		// [C] Penneo-api-postman README
		production: { app: 'https://app.penneo.com', oauth: 'https://login.penneo.com' },
		// [C]
		sandbox: { app: 'https://sandbox.penneo.com', oauth: 'https://sandbox.oauth.penneo.cloud' },
	},
	paths: {
		// [C] OAuth "API keys grant"
		token: '/oauth/token',
		// [C] source document; X-Auth-Token
		createCaseFile: '/send/api/v1/casefiles/20251022/create',
		// [C] public (no auth), ≤ 20 checks a minute per job, ≥ 5 s apart
		jobStatus: '/send/api/v1/queue/public/status',
		// [C] Penneo's Postman collection, request 4 (Bearer)
		caseFile: (id: string | number) => `/api/v1/casefiles/${encodeURIComponent(String(id))}`,
		// [C] list; paging x-paginate + Link (sdk-net); filters [3P]
		caseFiles: '/api/v1/casefiles',
		// [C] Postman request 6
		deleteCaseFile: (id: string | number) => `/api/v1/casefiles/${encodeURIComponent(String(id))}`,
		// [C] Postman request 5: Accept application/pdf (the docs site also describes a JSON answer with base64)
		documentContent: (id: string | number) => `/api/v3/documents/${encodeURIComponent(String(id))}/content`,
	},
	/** The list's paging [C: sdk-net]: request header `x-paginate: true`, query `page` (from 1) and `per_page`. */
	listPaging: { header: 'x-paginate', page: 'page', perPage: 'per_page', maxPerPage: 100 },
	/** The token lives 10 minutes [C]. */
	tokenLifetimeSeconds: 600,
} as const;

/** Paths of the Send API, the only ones that take `X-Auth-Token` [C: Postman request 2, send-api.json]. */
const SEND_API = /\/send\/api\//;

/**
 * The header that carries the session token for a URL [C: PUBLIC-DOCS.md §3]: `X-Auth-Token` on the Send API
 * (`/send/api/…`), `Authorization: Bearer` on every other call (`/api/v1`, `/api/v3`, `/webhook/api`).
 */
export function penneoAuthHeader(url: string, token: string): Record<string, string> {
	return SEND_API.test(url) ? { 'X-Auth-Token': token } : { Authorization: `Bearer ${token}` };
}

/** What the Penneo nodes still assume without a Penneo source (README "Not yet confirmed against the live API"). */
export const PENNEO_GUESSES: readonly Guess[] = [
	{ id: 'list.filters', what: 'The case file list filters status, title (contains), reference, folderIds, createdAfter and completedAfter (Unix seconds) narrow the list — seen only in a community skill; Get Many and From List (title) send them', mark: '3P' },
	{ id: 'list.updatedAfter', what: 'updatedAfter (Unix seconds) narrows the list to case files changed after that time (the trigger reads only that window)', mark: '3P' },
	{ id: 'list.signers', what: 'List rows carry signers with their signing request (a community script reads them); when absent the trigger reads each changed case file', mark: '3P' },
	{ id: 'list.maxPerPage', what: 'per_page up to 100 is accepted (no source gives a limit)', mark: 'G' },
	{ id: 'list.sortCreated', what: 'sort=-created puts the newest case files first (From List and Fetch Test Event)', mark: '3P' },
	{ id: 'job.signingLinks', what: 'A completed job carries result.data.signingLinks[] as {name, role, signingLink} (community script; the docs site says links come from the job)', mark: '3P' },
	{ id: 'signer.statusCodes', what: 'A signed signer’s signing request code is 3 (Postman’s reading) or 4 (the SDKs’); until one is known, the trigger fires Signer Signed only on facts both readings agree on', mark: 'G' },
	{ id: 'error.401', what: 'An invalid or expired token is answered 401 on every host, so n8n renews it and repeats the request (Postman: "if requests fail with 401, get a new token"; the OpenAPI copy shows a 400 for a malformed token on create)', mark: 'G' },
	{ id: 'document.json', what: 'With Accept: application/pdf the content endpoint answers the PDF; a JSON answer (docs site) is read as base64', mark: 'G' },
	{ id: 'create.roles', what: 'Roles of letters, digits and underscores (e.g. Client_Signer) are accepted; the node refuses spaces before sending (the stricter of the document\'s two rules)', mark: 'G' },
	{ id: 'limits.ours', what: 'Penneo accepts our own maximum lengths where it documents none: email subjects 255, email texts 10,000, names, on-behalf-of and VAT number 255, reference and metadata 1,024 characters', mark: 'G' },
];

export interface PenneoHosts {
	app: string;
	oauth: string;
}

/** App and OAuth hosts of the credential's environment (custom hosts for the local sandbox). */
export function penneoHosts(credentials: Record<string, unknown>): PenneoHosts {
	const env = String(credentials.environment ?? 'production');
	if (env === 'custom') {
		const trim = (v: unknown) => String(v ?? '').trim().replace(/\/+$/, '');
		return { app: trim(credentials.appUrl), oauth: trim(credentials.oauthUrl) };
	}
	return env === 'sandbox' ? { ...PENNEO.hosts.sandbox } : { ...PENNEO.hosts.production };
}
