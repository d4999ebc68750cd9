/**
 * What each wired provider's sandbox must receive for each neutral operation — written from the provider's docs (its
 * README path table and the sandbox's routes), not from the adapters: the neutral tests compare the recorded requests
 * with these lines. Add a provider here when its adapter is wired into `nodes/ESignature/adapters.ts`.
 */
export interface ExpectedRequests {
	/** Sandbox prefixes of the provider's API hosts (not its token host), whose requests are compared. */
	prefixes: string[];
	/** `METHOD /path` lines, query strings left out. */
	send: string[];
	getStatus(id: string): string[];
	download(id: string): RegExp[];
	/** Absent: the provider cannot cancel through its API (the bad-input table proves the refusal). */
	cancel?: (id: string) => string[];
	/** The normalised status of a fresh envelope after Send for Signature, and after Cancel (when still readable). */
	sentStatus: string;
	/** The `method` Cancel reports (the adapter's capability). */
	cancelMethod?: 'void' | 'delete';
	/** Neutral events the trigger fires dependably (from the provider's README capability row). */
	events: string[];
}

export const EXPECTED: Record<string, ExpectedRequests> = {
	penneo: {
		prefixes: ['penneo'],
		// Penneo README path table: create (Send API), then the public creation-job status.
		send: ['POST /send/api/v1/casefiles/20251022/create', 'POST /send/api/v1/queue/public/status'],
		getStatus: (id) => [`GET /api/v1/casefiles/${id}`],
		// The case file (its documents), then each signed document's content.
		download: (id) => [new RegExp(`^GET /api/v1/casefiles/${id}$`), /^GET \/api\/v3\/documents\/\d+\/content$/],
		cancel: (id) => [`DELETE /api/v1/casefiles/${id}`],
		sentStatus: 'sent',
		cancelMethod: 'delete',
		events: ['completed', 'declined', 'expired'],
	},
};
