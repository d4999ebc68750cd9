/**
 * Every Penneo host and path in one place: a corrected path is a one-line change.
 * Marks as in REFERENCE.md: [C] confirmed by Penneo's own material, [3P] third-party, [G] guess.
 * Kept free of imports so the credential can use it too.
 */
export const PENNEO = {
	credentialType: 'penneoApi',
	docsUrl: 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#penneo',
	hosts: {
		// [C]
		production: { app: 'https://app.penneo.com', oauth: 'https://login.penneo.com' },
		// [C]
		sandbox: { app: 'https://sandbox.penneo.com', oauth: 'https://sandbox.oauth.penneo.cloud' },
	},
	paths: {
		// [C] OAuth "API keys grant"
		token: '/oauth/token',
		// [C] source document
		createCaseFile: '/send/api/v1/casefiles/20251022/create',
		// [C] public (no auth), ≤ 20 checks a minute per job, ≥ 5 s apart
		jobStatus: '/send/api/v1/queue/public/status',
		// [C]
		caseFile: (id: string | number) => `/api/v3/casefiles/${encodeURIComponent(String(id))}`,
		// [C]/[3P] list with status/date filters
		caseFiles: '/api/v1/casefiles',
		// [C]
		deleteCaseFile: (id: string | number) => `/api/v1/casefiles/${encodeURIComponent(String(id))}`,
		// [C] Accept: application/pdf
		documentContent: (id: string | number) => `/api/v3/documents/${encodeURIComponent(String(id))}/content`,
	},
	/** Query parameter names of the case file list [G: limit is [C], offset is a guess]. */
	listQuery: { limit: 'limit', offset: 'offset', maxPageSize: 100 },
	/** The token lives 10 minutes [C]. */
	tokenLifetimeSeconds: 600,
} as const;

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
