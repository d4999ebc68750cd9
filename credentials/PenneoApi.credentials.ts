import { createHash, randomBytes } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { PENNEO, penneoAuthHeader, penneoHosts } from '../nodes/Penneo/transport/hosts';

/**
 * The three values of Penneo's API keys grant. `digest` = base64(SHA-1(raw nonce bytes + created_at + API secret)),
 * computed over the raw nonce bytes (not their base64 text).
 */
export function penneoKeyDigest(apiSecret: string, nonceBytes: Buffer = randomBytes(20), createdAt = new Date()) {
	// ISO 8601 in UTC, whole seconds.
	const created = createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
	const digest = createHash('sha1')
		.update(Buffer.concat([nonceBytes, Buffer.from(created, 'utf8'), Buffer.from(apiSecret, 'utf8')]))
		.digest('base64');
	return { nonce: nonceBytes.toString('base64'), created_at: created, digest };
}

interface TokenFailure {
	response?: { status?: number; statusCode?: number; data?: unknown; body?: unknown };
	cause?: TokenFailure;
}

/** Penneo's answer to a refused token request, in its own words (never the secrets that were sent). */
function describeTokenFailure(error: TokenFailure): { status?: number; reason: string } | undefined {
	let current: TokenFailure | undefined = error;
	for (let depth = 0; current && depth < 4; depth++) {
		const res = current.response;
		if (res && (res.status ?? res.statusCode)) {
			let body: unknown = res.data ?? res.body;
			if (Buffer.isBuffer(body)) body = body.toString('utf8');
			if (typeof body === 'string') {
				try {
					body = JSON.parse(body);
				} catch {
					/* plain text */
				}
			}
			const b = (body ?? {}) as Record<string, unknown>;
			const reason = [b.error, b.error_description ?? b.message].filter((v) => typeof v === 'string' && v).join(': ');
			return { status: res.status ?? res.statusCode, reason: reason || (typeof body === 'string' ? body.slice(0, 200) : '') };
		}
		current = current.cause;
	}
	return undefined;
}

/** What to check for a refused token request, by what Penneo answered (OAuth error codes). */
function whatToCheck(failure: { status?: number; reason: string }): string {
	const reason = failure.reason.toLowerCase();
	if (failure.status === 401 || reason.includes('invalid_client')) return 'check the Client ID and Client Secret (Penneo support issues them per environment)';
	if (/created_at|clock|time|expired/.test(reason)) return 'check that this computer’s clock is correct (Penneo refuses a token request whose time is off)';
	if (reason.includes('invalid_grant') || /key|digest|secret/.test(reason)) return 'check the API Key and API Secret (they belong to the Penneo user and to this environment)';
	return 'check the Environment and the four keys';
}

/** In words: n8n replaces a message that names a Node.js error code with its own generic one, dropping the host. */
const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'name lookup failed',
	ETIMEDOUT: 'timed out',
	ECONNRESET: 'connection closed',
	EHOSTUNREACH: 'host unreachable',
};

function networkCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 4; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

export class PenneoApi implements ICredentialType {
	name = 'penneoApi';

	displayName = 'Penneo API';

	documentationUrl = 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#penneo';

	icon = { light: 'file:../icons/penneo.svg', dark: 'file:../icons/penneo.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Session Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'app.penneo.com and login.penneo.com' },
				{ name: 'Sandbox', value: 'sandbox', description: 'sandbox.penneo.com and sandbox.oauth.penneo.cloud' },
				{ name: 'Custom Hosts', value: 'custom', description: 'Other hosts, e.g. a proxy in front of Penneo' },
			],
			default: 'production',
			description: 'Penneo issues separate OAuth clients and API keys for production and sandbox',
		},
		{
			displayName: 'App URL',
			name: 'appUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://penneo-proxy.example.com',
			description: 'Base URL of the Penneo application host (without /api)',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'OAuth URL',
			name: 'oauthUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://penneo-login-proxy.example.com',
			description: 'Base URL of the Penneo OAuth host (without /oauth/token)',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'OAuth client ID issued by Penneo support for this environment',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'OAuth client secret issued together with the client ID',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Penneo user’s API key (Penneo → user settings → API keys)',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret of that API key. It is never sent: it only signs each token request.',
		},
	];

	/** Penneo's API keys grant: a fresh nonce and digest for every token (the token lives 10 minutes). */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { oauth } = penneoHosts(credentials);
		const signed = penneoKeyDigest(String(credentials.apiSecret ?? ''));
		let response: { access_token?: string };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${oauth}${PENNEO.paths.token}`,
				headers: { Accept: 'application/json' },
				body: {
					grant_type: 'api_keys',
					client_id: credentials.clientId,
					client_secret: credentials.clientSecret,
					key: credentials.apiKey,
					...signed,
				},
				json: true,
			})) as { access_token?: string };
		} catch (error) {
			const failure = describeTokenFailure(error as TokenFailure);
			if (!failure) {
				// No answer at all: a wrong host, or no network. The credential test shows only the message, so it says what to check.
				const code = networkCode(error);
				if (!code) throw error;
				const e = new Error(`Penneo's login host ${oauth} could not be reached (${NETWORK_WORDS[code] ?? 'no answer'}): check the Environment${credentials.environment === 'custom' ? ' and the OAuth URL' : ''}`) as Error & { description?: string };
				e.description = 'The token request never got an answer. Check the host and that this n8n can reach it (proxy, firewall).';
				throw e;
			}
			const e = new Error(
				`Penneo refused the API key login (${failure.status}${failure.reason ? `: ${failure.reason}` : ''}): ${whatToCheck(failure)}`,
			) as Error & { description?: string };
			e.description =
				'Open the Penneo credential and check the environment, the OAuth client ID and secret, and the API key and secret (they belong to one environment: sandbox keys do not work in production). The computer’s clock must be correct, because Penneo rejects a token request whose time is off.';
			throw e;
		}
		if (!response?.access_token) throw new Error('Penneo answered the token request without an access token');
		return { accessToken: response.access_token };
	}

	/**
	 * The token goes in `X-Auth-Token` on the Send API and in `Authorization: Bearer` everywhere else (Penneo's
	 * Postman collections, sdk-php): the one place that decides it, by the request's URL.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const url = `${String((requestOptions as { baseURL?: string }).baseURL ?? '')}${String(requestOptions.url ?? '')}`;
		return { ...requestOptions, headers: { ...requestOptions.headers, ...penneoAuthHeader(url, String(credentials.accessToken ?? '')) } };
	}

	/** A real token exchange (n8n runs preAuthentication before testing), then a call that needs the token. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.environment === "custom" ? String($credentials.appUrl).replace(/\\/+$/, "") : $credentials.environment === "sandbox" ? "${PENNEO.hosts.sandbox.app}" : "${PENNEO.hosts.production.app}"}}`,
			url: PENNEO.paths.caseFiles,
			headers: { [PENNEO.listPaging.header]: 'true' },
			qs: { [PENNEO.listPaging.page]: 1, [PENNEO.listPaging.perPage]: 1 },
		},
	};
}
