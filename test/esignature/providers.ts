/**
 * What each wired provider's sandbox must receive for each neutral operation — written from the provider's README
 * path table and its sandbox's documented routes, not from the adapters: the neutral tests compare the recorded
 * requests (`METHOD /path`, query left out) with these lines. Add a provider here when its adapter is wired into
 * `nodes/ESignature/adapters.ts`.
 */
export type Line = string | RegExp;

export interface ExpectedRequests {
	/** Sandbox prefixes of the provider's API hosts (not its token host), whose requests are compared. */
	prefixes: string[];
	/** Lines left out of the comparison (a token endpoint on the API host). */
	ignore?: RegExp;
	/** Send for Signature of one PDF to one signer; `id` is the envelope ID it returned. */
	send(id: string): Line[];
	getStatus(id: string): Line[];
	/** Download Signed Document (Signed Documents) once the one signer has signed. */
	download(id: string): Line[];
	/** Absent: the provider cannot cancel through its API (the bad-input table proves the refusal). */
	cancel?: (id: string) => Line[];
	/** The `method` Cancel reports (the adapter's capability). */
	cancelMethod?: 'void' | 'delete';
	/** The normalised status of a fresh envelope after Send for Signature. */
	sentStatus: string;
	/** Neutral events the trigger fires dependably (from the provider's README capability row). */
	events: string[];
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `GET /x` repeated one or more times (a provider read until a file is ready). */
const repeated = (line: string) => new RegExp(`^(${esc(line)}\\n)*${esc(line)}$`);

const NEXTSIGN_COMPANY = 'acme-company';
const OPTIMAITE_CASE = '550e8400-e29b-41d4-a716-446655440000';

export const EXPECTED: Record<string, ExpectedRequests> = {
	easyink: {
		prefixes: ['easyink'],
		// EasyInk README path table, Create and Send: draft, document, participant, the draft read until EasyInk has
		// processed the document, a signature field, convert, start, read the session (no PUT: no draft field to change).
		send: (id) => {
			const d = `/api/signingSessionDrafts/${id}`;
			return ['POST /api/signingSessionDrafts', `POST ${d}/documents`, `POST ${d}/participants`, repeated(`GET ${d}`), `POST ${d}/signatureFields`, `POST ${d}/converted`, `POST /api/signingSessions/${id}/started`, `GET /api/signingSessions/${id}`];
		},
		getStatus: (id) => [`GET /api/signingSessions/${id}`],
		// The session read until its document is ready, then the all-in-one document (signatures and audit trail).
		download: (id) => [repeated(`GET /api/signingSessions/${id}`), `GET /api/signingSessions/${id}/allInOneDocument`],
		cancel: (id) => [`POST /api/signingSessions/${id}/voided`],
		cancelMethod: 'void',
		sentStatus: 'sent',
		events: ['signer.signed', 'completed', 'declined', 'expired'],
	},
	nextsign: {
		prefixes: ['nextsign', 'nextsign-files', 'nextsign-storage'],
		// NextSign README path table: the case with its document inline.
		send: () => [`POST /api/v2/${NEXTSIGN_COMPANY}/case/create`],
		getStatus: (id) => [`GET /api/v2/${NEXTSIGN_COMPANY}/case/${id}/get`],
		// The case, then a presigned URL per signed file and the file from the storage host.
		download: (id) => [`GET /api/v2/${NEXTSIGN_COMPANY}/case/${id}/get`, `POST /v3/company/${NEXTSIGN_COMPANY}/file/view-presigned-url`, /^GET \/.+\.pdf$/],
		cancel: (id) => [`GET /api/v2/${NEXTSIGN_COMPANY}/case/${id}/delete`],
		cancelMethod: 'delete',
		sentStatus: 'sent',
		events: ['completed', 'declined', 'expired'],
	},
	optimaite: {
		prefixes: ['optimaite'],
		// Optimaite README path table: upload the document to the case, then the signing envelope.
		send: () => ['POST /api/v1/documents', `POST /api/v1/cases/${OPTIMAITE_CASE}/signing-envelopes`],
		// An envelope is read through its case's signed-documents list.
		getStatus: () => [`GET /api/v1/cases/${OPTIMAITE_CASE}/signed-documents`],
		download: () => [`GET /api/v1/cases/${OPTIMAITE_CASE}/signed-documents`, 'GET /api/v1/documents', /^GET \/api\/v1\/documents\/[^/]+\/download$/],
		sentStatus: 'sent',
		events: ['signer.signed', 'completed', 'declined', 'expired'],
	},
	signicat: {
		prefixes: ['signicat'],
		// The OAuth token endpoint lives on the same sandbox host.
		ignore: /^POST \/auth\//,
		// Signicat README path table, Send Document for Signing: the document, its file name, one collection, one session.
		send: () => [/^POST \/sign\/documents$/, /^PATCH \/sign\/documents\/[^/]+\/metadata$/, 'POST /sign/document-collections', 'POST /sign/signing-sessions'],
		getStatus: (id) => [`GET /sign/signing-sessions/${id}`],
		// The session, then its result documents (the signed document and the package): each one's metadata (the file
		// name), and the content of those that are files to hand out.
		download: (id) => [`GET /sign/signing-sessions/${id}`, /^(GET \/sign\/documents\/[^/\n]+(\/metadata)?\n)*GET \/sign\/documents\/[^/\n]+(\/metadata)?$/],
		// Read first: a signed or rejected session is not deleted (its result would be lost).
		cancel: (id) => [`GET /sign/signing-sessions/${id}`, `DELETE /sign/signing-sessions/${id}`],
		cancelMethod: 'delete',
		sentStatus: 'sent',
		events: ['signer.signed', 'completed', 'declined', 'expired'],
	},
	penneo: {
		prefixes: ['penneo'],
		// Penneo README path table: create (Send API), then the public creation-job status.
		send: () => ['POST /send/api/v1/casefiles/20251022/create', 'POST /send/api/v1/queue/public/status'],
		getStatus: (id) => [`GET /api/v1/casefiles/${id}`],
		// The case file (its documents), then each signed document's content.
		download: (id) => [`GET /api/v1/casefiles/${id}`, /^GET \/api\/v3\/documents\/\d+\/content$/],
		cancel: (id) => [`DELETE /api/v1/casefiles/${id}`],
		cancelMethod: 'delete',
		sentStatus: 'sent',
		events: ['completed', 'declined', 'expired'],
	},
};

/** The recorded lines, joined, against the expected ones (a `repeated` line may stand for several). */
export function expectLines(got: string[], expected: Line[]): void {
	const text = got.join('\n');
	const pattern = expected.map((l) => (typeof l === 'string' ? esc(l) : l.source.replace(/^\^/, '').replace(/\$$/, ''))).join('\\n');
	if (!new RegExp(`^${pattern}$`).test(text)) {
		// Show both lists the way jest shows a difference.
		expect(got).toEqual(expected.map((l) => (typeof l === 'string' ? l : `<${l.source}>`)));
	}
}
