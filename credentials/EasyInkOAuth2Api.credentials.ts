import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * EasyInk: OAuth 2.0 authorization code with PKCE (S256) against EasyInk's identity provider.
 * n8n runs the browser sign-in and keeps the token. EasyInk documents no refresh token (no offline_access scope):
 * when the token's `exp` passes, the nodes ask the user to reconnect (nodes/EasyInk/transport/index.ts); a client
 * that does issue refresh tokens is renewed by n8n after a 401.
 * Hosts are repeated here (credentials cannot share the node's paths table); keep them in step with
 * nodes/EasyInk/transport/paths.ts.
 */
export class EasyInkOAuth2Api implements ICredentialType {
	name = 'easyInkOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'EasyInk OAuth2 API';

	documentationUrl = 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#easyink';

	icon = { light: 'file:../icons/easyink.svg', dark: 'file:../icons/easyink.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'pkce',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'api.easyink.io with identity.easyink.io' },
				{ name: 'Staging', value: 'staging', description: 'api-staging.easyink.io with identity-staging.easyink.io' },
				{ name: 'Custom Hosts', value: 'custom', description: 'Other hosts your EasyInk administrator names (e.g. behind a proxy)' },
			],
			default: 'production',
			description: 'EasyInk environment the client ID belongs to. Production and staging have separate users and clients.',
		},
		{
			displayName:
				'EasyInk issues no refresh token: the connection lasts as long as EasyInk\'s sign-in. When it ends, the EasyInk nodes and trigger say so — then open this credential and click "Reconnect".',
			name: 'connectionNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://easyink-api.example.com',
			description: 'Base URL of the EasyInk API, without /api',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Identity Provider URL',
			name: 'identityUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://easyink-identity.example.com',
			description: 'Base URL of the identity provider; /connect/authorize and /connect/token are added to it',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default:
				'={{$self["environment"] === "staging" ? "https://identity-staging.easyink.io/connect/authorize" : $self["environment"] === "custom" ? String($self["identityUrl"]).replace(/\\/+$/, "") + "/connect/authorize" : "https://identity.easyink.io/connect/authorize"}}',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default:
				'={{$self["environment"] === "staging" ? "https://identity-staging.easyink.io/connect/token" : $self["environment"] === "custom" ? String($self["identityUrl"]).replace(/\\/+$/, "") + "/connect/token" : "https://identity.easyink.io/connect/token"}}',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'openid hermes_api hermes_idp profile',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// EasyInk's token endpoint takes the client id and secret in the form body.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "staging" ? "https://api-staging.easyink.io" : $credentials.environment === "custom" ? String($credentials.apiUrl).replace(/\\/+$/, "") : "https://api.easyink.io"}}',
			url: '/api/signingSessions/statistics',
		},
		// What n8n's credential Test says when EasyInk answers with an error (instead of a bare status text).
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'EasyInk did not accept the sign-in: click "Reconnect" and sign in again (check that Environment matches the client ID: production and staging have separate clients)',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'EasyInk refused the signed-in user: ask your EasyInk administrator for API access (scope hermes_api) for this user' },
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'No EasyInk API at this address: check Environment (or, for Custom Hosts, that "API URL" is the API base URL, without /api)' },
			},
		],
	};
}
