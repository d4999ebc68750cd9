import type { ICredentialDataDecryptedObject, IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Guess } from '../../shared/guesses';
import { redact, scrubText } from '../../shared/redact';
import type { ApiContext, ApiResponse, Provider, RequestSpec } from '../../shared/transport';
import { ApiClient } from '../../shared/transport';

/**
 * Every Signicat host, path and field name in one place: a corrected path is a one-line change.
 * Marks as in REFERENCE.md: [C] confirmed by Signicat's own material, [3P] third-party SDKs, [G] our guess.
 */
export const SIGNICAT = {
	credentialType: 'signicatOAuth2Api',
	/** [C] Signicat's .NET SDK (Urls.cs) and the generated SDK */
	productionBaseUrl: 'https://api.signicat.com/sign',
	/** [C] Signicat's .NET SDK (Urls.cs, also on its released main); scope [C] */
	productionTokenUrl: 'https://api.signicat.com/auth/open/connect/token',
	scope: 'signicat-api',
	docsUrl: 'https://developer.signicat.com/docs/electronic-signing/sign-api-v2/',
	/** Our README section: the node's, the trigger's and the credential's documentation link. */
	readmeUrl: 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#signicat',
	paths: {
		/** [3P] raw body, Content-Type = the file's MIME type [C]; no query parameters (see SIGNICAT_GUESSES `upload.filename`) */
		documents: '/documents',
		/** [3P] GET returns the file content [C]; DELETE removes it */
		document: (id: string) => `/documents/${encodeURIComponent(id)}`,
		/** [3P] GET and PATCH (no source shows PUT) */
		documentMetadata: (id: string) => `/documents/${encodeURIComponent(id)}/metadata`,
		/** [3P] */
		documentCollections: '/document-collections',
		documentCollection: (id: string) => `/document-collections/${encodeURIComponent(id)}`,
		/** [3P] path; POST takes and returns an array [C] */
		signingSessions: '/signing-sessions',
		signingSession: (id: string) => `/signing-sessions/${encodeURIComponent(id)}`,
	},
	/** Method of "Update Metadata" [3P: both SDKs use PATCH; no source has PUT]. */
	metadataUpdateMethod: 'PATCH' as const,
	fields: {
		/** [3P] where to send the signer: in both SDKs' session model, missing from the captured example. */
		signatureUrl: 'signatureUrl',
	},
	/** [C] limits from the source document. */
	limits: {
		listOffsetMax: 100_000,
		listLimitMax: 1000,
		dueDateMaxDays: 45,
		title: 255,
		signText: 2048,
		externalReference: 1024,
	},
	/** [C/3P] `lifecycle.state`: exactly these four in both SDKs (there is no EXPIRED); `stateIsFinal` decides finality. */
	states: ['BLOCKED', 'READY', 'REJECTED', 'SIGNED'] as const,
	openStates: ['BLOCKED', 'READY'] as const,
	finalStates: ['REJECTED', 'SIGNED'] as const,
	signedState: 'SIGNED',
	rejectedState: 'REJECTED',
	/** [C] "Sorting field. Default value is -createdAt. E.g., +dueDate": the only two fields any source shows. */
	sorts: ['-createdAt', '+createdAt', '-dueDate', '+dueDate'] as const,
	/** [C] */
	packageTypes: ['PADES_CONTAINER'] as const,
	/** [3P] generated SDK SessionDocument (and Signicat's .NET SDK) */
	documentActions: ['SIGN', 'VIEW'] as const,
	/** [3P] both SDKs */
	signingFlows: ['AUTHENTICATION_BASED', 'PKISIGNING'] as const,
	/** [3P] the SDKs disagree (generated: AUDKENNI, BUYPASS, SBID; Signicat's .NET SDK adds NBID, SMARTID, MOBILEID). */
	vendors: ['AUDKENNI', 'BUYPASS', 'MOBILEID', 'NBID', 'SBID', 'SMARTID'] as const,
	/** [3P] generated enum da…sv; Signicat's .NET SDK adds ca, es, et, fo, fr, it, nl. */
	languages: ['ca', 'da', 'de', 'en', 'es', 'et', 'fi', 'fo', 'fr', 'it', 'nb', 'nl', 'nn', 'sv'] as const,
	/**
	 * Identity providers offered in the editor's list (`signingSetup[].identityProviders[].idpName`). The reference
	 * page types idpName as free text; names seen in Signicat's own material: `nbid` (Norwegian BankID signing guide),
	 * `ftn` (Signicat's .NET SDK example), `samleikin` (Sign API v2 release note). `mitid` and `sbid` [G]: the names Signicat's own Authentication REST
	 * API guides give these eIDs (`allowedProviders: ["mitid"]`, `["sbid"]`, developer.signicat.com/identity-methods/
	 * mitid/integration-guide/auth-api-mitid and sbid/integration-guide/auth-rest-api/redirect); no Sign API v2 page
	 * shows them as idpName. Any other name goes in "Other".
	 */
	identityProviders: [
		{ value: 'mitid', name: 'MitID (Denmark)' },
		{ value: 'nbid', name: 'BankID (Norway)' },
		{ value: 'sbid', name: 'BankID (Sweden)' },
		{ value: 'ftn', name: 'Finnish Trust Network (Finland)' },
		{ value: 'samleikin', name: 'Samleikin (Faroe Islands)' },
	] as const,
	/** [C] */
	signerValidations: ['NATIONAL_IDENTIFICATION_NUMBER'] as const,
	/** [C] "We support both PDFs and plain text documents" (integration guide). */
	uploadMimeTypes: ['application/pdf', 'text/plain'] as const,
} as const;

/**
 * Everything the Signicat nodes still assume without a provider source (REFERENCE.md marks, PUBLIC-DOCS.md §2).
 * The README's "Not yet confirmed" list and the live contract probes read this list.
 */
export const SIGNICAT_GUESSES: readonly Guess[] = [
	{ id: 'paths', mark: '3P', what: 'The API paths (/documents, /documents/{id}/metadata, /document-collections, /signing-sessions…) come from the generated SDK and an unreleased branch of Signicat\'s .NET SDK; the captured reference page lost them.' },
	{ id: 'field.signatureUrl', mark: '3P', what: 'A created session carries signatureUrl (where to send the signer); the captured example shows only signatureUrlTTL and signatureUrlExpiresAt.' },
	{ id: 'session.documents.documentCollectionId', mark: '3P', what: 'Every session document needs its documentCollectionId (required in the OpenAPI-generated model; the integration guide creates a collection first): Send Document for Signing creates one.' },
	{ id: 'session.documents.action.view', mark: '3P', what: 'A session document\'s action may be VIEW as well as SIGN.' },
	{ id: 'session.signingSetup.vendor', mark: '3P', what: 'signingSetup.vendor is one of AUDKENNI, BUYPASS, MOBILEID, NBID, SBID, SMARTID (the two SDKs list different subsets).' },
	{ id: 'session.signingSetup.additionalParameters', mark: '3P', what: 'signingSetup.additionalParameters is a map of strings (e.g. sbid_flow), per identity provider.' },
	{ id: 'session.signingFlow.pkisigning', mark: '3P', what: 'signingSetup.signingFlow may be PKISIGNING as well as AUTHENTICATION_BASED.' },
	{ id: 'session.ui.language', mark: '3P', what: 'ui.language also takes ca, es, et, fo, fr, it, nl (only Signicat\'s unreleased .NET SDK lists them; the generated enum has da, de, en, fi, nb, nn, sv).' },
	{ id: 'session.redirectSettings', mark: '3P', what: 'redirectSettings has exactly success, cancel and error, all three required once sent (generated model); no source names a reject key.' },
	{ id: 'session.signer.contact', mark: '3P', what: 'signer.email and signer.mobile exist (generated SDK only).' },
	{ id: 'session.senderDisplayName', mark: '3P', what: 'senderDisplayName ("the name of the entity that requested the signature") exists; no length limit is documented.' },
	{ id: 'list.sort', mark: 'G', what: 'The list sorts by createdAt and dueDate only (the only fields any source shows); sorting by title was dropped.' },
	{ id: 'trigger.expired', mark: 'G', what: 'No source documents an expired state: "Session Expired" fires when a session that is not final is past its dueDate (plus a 5-minute clock margin).' },
	{ id: 'trigger.outputAtSigned', mark: 'G', what: 'The result documents (output.signatures, output.packages) are listed as soon as the session is SIGNED (no source describes a delay).' },
	{ id: 'session.identityProviders.names', mark: 'G', what: 'The identity provider names of the editor\'s list (mitid, nbid, sbid, ftn, samleikin) are accepted as idpName; nbid, ftn and samleikin appear in Signicat\'s material, mitid and sbid are the names Signicat\'s Authentication REST API guides give those eIDs (allowedProviders), not shown as a Sign API idpName.' },
	{ id: 'upload.filename', mark: 'G', what: 'The upload takes no ?filename= query (only an unreleased .NET SDK branch adds it); the file name is stored with PATCH …/metadata instead.' },
];

interface ProblemBody {
	status?: number;
	title?: string;
	code?: string;
	detail?: string;
	traceId?: string;
	invalidParams?: Array<{ name?: string; reason?: string }>;
	error?: string | { code?: string; message?: string };
	error_description?: string;
}

/** RFC 7807 problem bodies [C]: `{status, title, code, traceId, invalidParams:[{name, reason}], detail}`. */
export const signicatProvider: Provider = {
	name: 'Signicat',
	parseError(body: unknown) {
		if (!body || typeof body !== 'object') return { message: typeof body === 'string' && body ? body.slice(0, 300) : undefined };
		const p = body as ProblemBody;
		const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
		// Gateways in front of the API may answer with another shape: {error: {code, message}} or OAuth's {error, error_description}.
		const nested = p.error && typeof p.error === 'object' ? (p.error as { code?: unknown; message?: unknown }) : undefined;
		const message =
			[text(p.title), text(p.detail)].filter(Boolean).join(': ') || text(p.error_description) || text(nested?.message) || text(p.error);
		const details = Array.isArray(p.invalidParams)
			? p.invalidParams.map((i) => `${i.name ?? 'field'}: ${i.reason ?? 'invalid'}`)
			: undefined;
		return { message, code: text(p.code) ?? text(nested?.code) ?? text(p.error), details };
	},
	hints: {
		400: 'Check the fields named in the message (Signicat lists each invalid field) and run the node again.',
		401: 'Signicat did not accept the access token: open the Signicat credential, check the client ID, client secret and environment (a sandbox client only works against the sandbox account), and click "Test".',
		403: 'The API client is not allowed to do this: in the Signicat dashboard give the client access to the Sign API (scope signicat-api).',
		404: 'Check the ID: it does not exist in this Signicat account, or it was deleted (documents and sessions are removed after their retention time).',
		409: 'The signing session is not in a state that allows this: get it to see its current state.',
		415: 'Signicat accepts PDF or plain-text files only: convert the file, or set "MIME Type" in the options.',
	},
};

const TOKEN_FAILURE = /Failed to acquire OAuth2 access token/i;

/** The shared client, plus a readable error when the token endpoint refuses the client id/secret. */
export class SignicatClient extends ApiClient {
	readonly node: ReturnType<ApiContext['getNode']>;

	constructor(ctx: ApiContext, credentials: ICredentialDataDecryptedObject) {
		super(ctx, signicatProvider, SIGNICAT.credentialType, signicatBaseUrl(credentials), credentials);
		this.node = ctx.getNode();
	}

	async request<T = unknown>(spec: RequestSpec): Promise<ApiResponse<T>> {
		try {
			return await super.request<T>(spec);
		} catch (error) {
			throw this.tokenError(error, spec) ?? error;
		}
	}

	private tokenError(error: unknown, spec: RequestSpec): NodeApiError | undefined {
		// n8n wraps the token endpoint's refusal: NodeApiError → OperationalError → AuthError/ResponseError (body).
		const chain: Array<{ message?: string; body?: unknown; status?: number; cause?: unknown }> = [];
		let current: unknown = error;
		for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
			chain.push(current as (typeof chain)[number]);
			current = (current as { cause?: unknown }).cause;
		}
		if (!chain.some((e) => TOKEN_FAILURE.test(e.message ?? ''))) return undefined;
		const secret = String(this.credentials.clientSecret ?? '');
		const withBody = chain.find((e) => e.body && typeof e.body === 'object');
		const body = (withBody?.body ?? {}) as IDataObject;
		const status = chain.find((e) => typeof e.status === 'number')?.status;
		const reason = [body.error, body.error_description].filter(Boolean).join(': ');
		return new NodeApiError(this.node, redact({ ...body }, [secret]) as JsonObject, {
			message: scrubText(`Signicat refused to issue an access token${reason ? ` (${reason})` : ''}`, [secret]),
			description:
				'Open the Signicat credential and check the client ID and client secret of your API client, and that the environment (or the Access Token URL of a custom environment) matches the account the client belongs to.',
			httpCode: status !== undefined ? String(status) : '401',
			itemIndex: spec.itemIndex,
		});
	}
}

/** Creates the client once per execution: credentials are read once, not per item. */
export async function signicatClient(ctx: ApiContext): Promise<SignicatClient> {
	const credentials = await ctx.getCredentials(SIGNICAT.credentialType);
	return new SignicatClient(ctx, credentials);
}

export function signicatBaseUrl(credentials: IDataObject): string {
	const custom = String(credentials.baseUrl ?? '').trim();
	return credentials.environment === 'custom' && custom ? custom.replace(/\/+$/, '') : SIGNICAT.productionBaseUrl;
}

/** Sessions can carry a signer's national id number: it never reaches an output item. */
export function publicSession<T extends IDataObject>(session: T): T {
	const signer = session?.signer as IDataObject | undefined;
	if (!signer || typeof signer !== 'object' || !signer.nationalIdentificationNumber) return session;
	return { ...session, signer: { ...signer, nationalIdentificationNumber: '***' } };
}
