/**
 * The identity provider: `/connect/authorize` (signs in at once and redirects back with a code) and `/connect/token`
 * (authorization_code with the client id and secret in the form body and the PKCE S256 check). EasyInk documents no
 * refresh token and no `offline_access` scope: the token endpoint issues refresh tokens and takes the refresh_token
 * grant only while the setting `issueRefreshTokens` is on (a client EasyInk may have set up that way [G]).
 */
import { createHash, randomBytes } from 'node:crypto';

import { json, type Route, type SandboxRequest } from '../../server';
import { IDENTITY } from './docs';
import type { EasyInkState } from './state';

const oauthError = (error: string, description: string, status = 400) => json(status, { error, error_description: description }); // RFC 6749 §5.2 [G]

function clientFrom(req: SandboxRequest): { id?: string; secret?: string } {
	const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
	if (basic) {
		const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
		return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
	}
	return { id: req.form?.get('client_id') ?? undefined, secret: req.form?.get('client_secret') ?? undefined };
}

export function identityRoutes(state: EasyInkState): Route[] {
	return [
		{
			method: IDENTITY.authorize.method,
			pattern: IDENTITY.authorize.path,
			source: IDENTITY.authorize.source,
			handler: (req) => {
				const q = req.query;
				const clientId = q.get('client_id') ?? '';
				if (!state.clients.has(clientId)) return oauthError('invalid_client', `Unknown client '${clientId}'`);
				if (q.get('response_type') !== 'code') return oauthError('unsupported_response_type', 'response_type must be code');
				const redirectUri = q.get('redirect_uri');
				if (!redirectUri) return oauthError('invalid_request', 'redirect_uri is required');
				const challenge = q.get('code_challenge');
				if (!challenge) return oauthError('invalid_request', 'code challenge required');
				if (q.get('code_challenge_method') !== IDENTITY.codeChallengeMethod) return oauthError('invalid_request', 'Transform algorithm not supported: code_challenge_method must be S256');
				const scope = q.get('scope') ?? '';
				const allowed: readonly string[] = IDENTITY.scopes;
				const unknown = scope.split(' ').filter((s) => s && !allowed.includes(s));
				if (!scope.split(' ').includes('openid') || unknown.length) return oauthError('invalid_scope', `Invalid scope: ${unknown.join(' ') || '(openid missing)'}`);
				const code = randomBytes(24).toString('base64url');
				state.codes.set(code, { clientId, redirectUri, codeChallenge: challenge, scope, expiresAt: req.now + 5 * 60_000 });
				const target = new URL(redirectUri);
				target.searchParams.set('code', code);
				target.searchParams.set('scope', scope);
				const st = q.get('state');
				if (st !== null) target.searchParams.set('state', st);
				return { status: 302, headers: { location: target.toString() } };
			},
		},
		{
			method: IDENTITY.token.method,
			pattern: IDENTITY.token.path,
			source: IDENTITY.token.source,
			handler: (req) => {
				if (!req.form) return oauthError('invalid_request', 'The request body must be application/x-www-form-urlencoded'); // [C] "URL-encoded"
				const client = clientFrom(req);
				const known = client.id ? state.clients.get(client.id) : undefined;
				if (!known || known.secret !== client.secret) return oauthError('invalid_client', 'Client authentication failed', 401);
				const grant = req.form.get('grant_type');
				if (grant === 'authorization_code') {
					const code = req.form.get('code') ?? '';
					const issued = state.codes.get(code);
					state.codes.delete(code); // single use
					if (!issued || issued.expiresAt <= req.now || issued.clientId !== client.id) return oauthError('invalid_grant', 'Invalid, expired or used authorization code');
					if (req.form.get('redirect_uri') !== issued.redirectUri) return oauthError('invalid_grant', 'redirect_uri does not match the one of the authorize request');
					const verifier = req.form.get('code_verifier');
					if (!verifier) return oauthError('invalid_grant', 'code_verifier is required (PKCE)');
					if (createHash('sha256').update(verifier).digest('base64url') !== issued.codeChallenge) return oauthError('invalid_grant', 'Transformed code verifier does not match code challenge');
					return json(200, { ...state.issueTokens(client.id, issued.scope, req.now), id_token: 'sandbox.id.token' }, { 'cache-control': 'no-store' });
				}
				if (grant === 'refresh_token' && state.settings.issueRefreshTokens) {
					const refresh = req.form.get('refresh_token') ?? '';
					const grantOf = state.refreshTokens.get(refresh);
					if (!grantOf || grantOf.clientId !== client.id) return oauthError('invalid_grant', 'Invalid refresh token');
					return json(200, state.issueTokens(client.id, grantOf.scope, req.now, refresh), { 'cache-control': 'no-store' }); // reusable refresh token [G]
				}
				return oauthError('unsupported_grant_type', `Grant type '${grant ?? ''}' is not supported`);
			},
		},
	];
}
