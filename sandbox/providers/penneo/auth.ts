/**
 * Penneo's OAuth host and the two ways the app host reads the token (PUBLIC-DOCS.md §3):
 * - `X-Auth-Token: <jwt>` on the Send API only (`/send/api/…`; Postman request 2: "specific to the send endpoint");
 * - `Authorization: Bearer <jwt>` everywhere else (`/api/v1`, `/api/v3`, `/webhook/api`; Postman requests 4–6,
 *   sdk-php ApiKeysMiddleware). A request that carries only the other header is refused with 401.
 */
import crypto from 'node:crypto';

import { bearer, json, type Route, type SandboxRequest, type SandboxResponse } from '../../server';
import { unknownKeys } from '../../strict';
import { expectedDigest, PENNEO_SANDBOX_CREDENTIALS, type PenneoState } from './state';

/** 401 body on the app host [G: no source shows one; the 400 body of the Send API has message + statusCode]. */
const unauthorized = (message: string): SandboxResponse => json(401, { message, statusCode: 401 });

function check(state: PenneoState, req: SandboxRequest, token: string | undefined, header: string): SandboxResponse | undefined {
	if (!token) return unauthorized(`JWT Token not found (send it as ${header})`);
	const known = state.tokens.get(token);
	if (!known) return unauthorized('Invalid JWT Token');
	if (known.expiresAt <= req.now) return unauthorized('Expired JWT Token');
	return undefined;
}

/** The Send API reads `X-Auth-Token` (and only that). */
export function sendApiAuth(state: PenneoState, req: SandboxRequest): SandboxResponse | undefined {
	const token = req.headers['x-auth-token'];
	return check(state, req, typeof token === 'string' && token ? token : undefined, 'X-Auth-Token');
}

/** Every other app route reads `Authorization: Bearer` (and only that). */
export function bearerAuth(state: PenneoState, req: SandboxRequest): SandboxResponse | undefined {
	return check(state, req, bearer(req), 'Authorization: Bearer');
}

const GRANT_KEYS = ['grant_type', 'client_id', 'client_secret', 'key', 'nonce', 'created_at', 'digest'];

export function authRoutes(state: PenneoState): Route[] {
	return [
		{
			method: 'POST',
			pattern: '/oauth/token',
			source: 'PUBLIC-DOCS.md §3 API-keys grant (Penneo-api-postman penneo-api.postman_collection.json request 1)',
			handler: (req) => {
				const b = (req.json ?? {}) as Record<string, string>;
				const c = PENNEO_SANDBOX_CREDENTIALS;
				const extra = unknownKeys(b, GRANT_KEYS);
				if (extra.length) return json(400, { error: 'invalid_request', error_description: `Unknown parameter: ${extra.join(', ')}` });
				if (b.grant_type !== 'api_keys') return json(400, { error: 'unsupported_grant_type', error_description: 'grant_type must be api_keys' });
				if (b.client_id !== c.clientId || b.client_secret !== c.clientSecret) return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
				if (b.key !== c.apiKey) return json(400, { error: 'invalid_grant', error_description: 'Unknown API key' });
				if (!b.nonce || !b.created_at || !b.digest) return json(400, { error: 'invalid_request', error_description: 'nonce, created_at and digest are required' });
				const created = Date.parse(b.created_at);
				if (!/(Z|[+-]00:?00)$/.test(b.created_at) || Number.isNaN(created))
					return json(400, { error: 'invalid_grant', error_description: 'created_at must be an ISO 8601 time in UTC' });
				if (Math.abs(req.now - created) > state.maxClockSkewSeconds * 1000) return json(400, { error: 'invalid_grant', error_description: 'created_at is too old or in the future' });
				if (expectedDigest(b.nonce, b.created_at, c.apiSecret) !== b.digest) return json(400, { error: 'invalid_grant', error_description: 'Invalid digest' });
				if (state.usedNonces.has(b.nonce)) return json(400, { error: 'invalid_grant', error_description: 'Nonce already used' });
				state.usedNonces.add(b.nonce);
				const payload = Buffer.from(JSON.stringify({ sub: b.key, iat: Math.floor(req.now / 1000) })).toString('base64url');
				const token = `eyJhbGciOiJSUzI1NiJ9.${payload}.${crypto.randomBytes(24).toString('base64url')}`;
				state.tokens.set(token, { key: b.key, expiresAt: req.now + state.tokenLifetimeSeconds * 1000 });
				return json(200, { access_token: token, token_type: 'bearer', expires_in: state.tokenLifetimeSeconds });
			},
		},
	];
}
