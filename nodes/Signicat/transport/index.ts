import type { ICredentialDataDecryptedObject, IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { redact, scrubText } from '../../shared/redact';
import type { ApiContext, ApiResponse, Provider, RequestSpec } from '../../shared/transport';
import { ApiClient } from '../../shared/transport';

/**
 * Every Signicat host, path and field name in one place: a corrected path is a one-line change.
 * Marks as in REFERENCE.md: [C] confirmed by Signicat's own material, [3P] third-party SDKs, [G] our guess.
 */
export const SIGNICAT = {
	credentialType: 'signicatOAuth2Api',
	/** [3P] */
	productionBaseUrl: 'https://api.signicat.com/sign',
	/** [3P] token path; scope [C] */
	productionTokenUrl: 'https://api.signicat.com/auth/open/connect/token',
	scope: 'signicat-api',
	docsUrl: 'https://developer.signicat.com/docs/electronic-signing/sign-api-v2/',
	paths: {
		/** [3P] raw body, Content-Type = the file's MIME type */
		documents: '/documents',
		/** [C] GET returns the file content; DELETE removes it */
		document: (id: string) => `/documents/${encodeURIComponent(id)}`,
		/** [3P] GET / PUT / PATCH */
		documentMetadata: (id: string) => `/documents/${encodeURIComponent(id)}/metadata`,
		documentCollections: '/document-collections',
		documentCollection: (id: string) => `/document-collections/${encodeURIComponent(id)}`,
		/** [C] POST takes and returns an array */
		signingSessions: '/signing-sessions',
		signingSession: (id: string) => `/signing-sessions/${encodeURIComponent(id)}`,
	},
	/** Method of "Update Metadata": PATCH changes only the fields given [3P: SDKs offer PUT and PATCH]. */
	metadataUpdateMethod: 'PATCH' as const,
	fields: {
		/** [G] the captured page lost the signing URL field; signatureUrlTTL/signatureUrlExpiresAt are [C]. */
		signatureUrl: 'signatureUrl',
		/** [G] the list sorts by `createdAt` [C], so the session is assumed to carry it. */
		createdAt: 'createdAt',
	},
	/** [C] limits from the source document. */
	limits: {
		listOffsetMax: 100_000,
		listLimitMax: 1000,
		dueDateMaxDays: 45,
	},
	/** Session states: BLOCKED, READY, REJECTED, SIGNED seen [3P/C]; EXPIRED [G]. `lifecycle.stateIsFinal` [C] decides finality. */
	states: ['BLOCKED', 'READY', 'SIGNED', 'REJECTED', 'EXPIRED'] as const,
	openStates: ['BLOCKED', 'READY'] as const,
	signedState: 'SIGNED',
	rejectedState: 'REJECTED',
	/** [C] */
	packageTypes: ['PADES_CONTAINER'] as const,
	documentActions: ['SIGN'] as const,
	signingFlows: ['AUTHENTICATION_BASED'] as const,
	signerValidations: ['NATIONAL_IDENTIFICATION_NUMBER'] as const,
	/** MIME types the upload accepts (the issue: PDF or text). */
	uploadMimeTypes: ['application/pdf', 'text/plain'] as const,
} as const;

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
