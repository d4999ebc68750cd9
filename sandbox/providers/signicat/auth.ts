/**
 * Signicat's token endpoint and the bearer check in front of every API route.
 * Sources: REFERENCE.md → Signicat (client credentials, scope `signicat-api`, Basic auth or form body) and
 * PUBLIC-DOCS.md §2 (token URL `https://api.signicat.com/auth/open/connect/token` in Signicat's .NET SDK).
 */
import { bearer, json, type Route, type SandboxRequest, type SandboxResponse } from '../../server';
import { problem, SIGNICAT_CLIENTS, SIGNICAT_SCOPE, type SignicatState } from './state';

/** A 401 in the documented error shape when the bearer token is missing, unknown or expired; undefined when valid. */
export function denied(state: SignicatState, req: SandboxRequest): SandboxResponse | undefined {
	if (state.tokenValid(bearer(req), req.now)) return undefined;
	return problem(401, 'unauthorized', 'Unauthorized', 'The access token is missing, invalid or expired.');
}

export function authRoutes(state: SignicatState): Route[] {
	return [
		{
			method: 'POST',
			pattern: '/auth/open/connect/token',
			source: 'PUBLIC-DOCS.md §2 "Token endpoint" (signicat-net Urls.cs); REFERENCE.md → Signicat (client credentials, scope signicat-api)',
			handler: (req) => {
				const form = req.form ?? new URLSearchParams();
				let clientId: string | undefined;
				let secret: string | undefined;
				let method: 'basic' | 'form' | 'none' = 'none';
				const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
				if (basic) {
					const [id, ...rest] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
					clientId = decodeURIComponent(id);
					secret = decodeURIComponent(rest.join(':'));
					method = 'basic';
				} else if (form.get('client_id')) {
					clientId = form.get('client_id') ?? undefined;
					secret = form.get('client_secret') ?? undefined;
					method = 'form';
				}
				const record = { clientId, method, ok: false };
				state.tokenRequests.push(record);
				if (form.get('grant_type') !== 'client_credentials')
					return json(400, { error: 'unsupported_grant_type', error_description: 'Only client_credentials is supported' });
				if (!clientId || SIGNICAT_CLIENTS[clientId] === undefined || SIGNICAT_CLIENTS[clientId] !== secret) return json(401, { error: 'invalid_client' });
				const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
				if (!scopes.includes(SIGNICAT_SCOPE)) return json(400, { error: 'invalid_scope', error_description: `Request scope ${SIGNICAT_SCOPE}` });
				record.ok = true;
				return json(200, { access_token: state.issueToken(clientId, req.now), expires_in: state.tokenLifetime, token_type: 'Bearer', scope: SIGNICAT_SCOPE });
			},
		},
	];
}
