import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Signicat Sign API v2: OAuth 2.0 client credentials (scope signicat-api) on n8n's OAuth2 credential type.
 * n8n fetches the token on first use, stores it in the credential, reuses it, and fetches a new one when the
 * API answers 401 (expired).
 */
export class SignicatOAuth2Api implements ICredentialType {
	name = 'signicatOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Signicat OAuth2 API';

	documentationUrl = 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#signicat';

	icon = { light: 'file:../icons/signicat.svg', dark: 'file:../icons/signicat.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'https://api.signicat.com (Signicat sandbox accounts use it too, with their own API client)' },
				{ name: 'Custom URL', value: 'custom', description: 'Another host, e.g. a proxy or gateway in front of Signicat' },
			],
			default: 'production',
		},
		{
			displayName: 'Access Token URL',
			name: 'customAccessTokenUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://signicat-gateway.example.com/auth/open/connect/token',
			description: 'Token endpoint of the custom environment (Signicat’s is https://api.signicat.com/auth/open/connect/token)',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default:
				'={{$self["environment"] === "custom" ? $self["customAccessTokenUrl"] : "https://api.signicat.com/auth/open/connect/token"}}',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://signicat-gateway.example.com/sign',
			description: 'Base URL of the Sign API up to and including /sign (Signicat’s is https://api.signicat.com/sign)',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'signicat-api',
		},
		{
			displayName: 'Auth URL',
			name: 'authUrl',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://api.signicat.com/sign"}}',
			url: '/signing-sessions',
			qs: { limit: 1 },
		},
		// What n8n shows when the test request fails with these codes (a refused client ID/secret fails earlier, at
		// the token endpoint, with Signicat's own reason).
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Signicat did not accept the access token: check the Client ID and Client Secret, and that they belong to the environment chosen (a sandbox client only works with its sandbox account)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The API client may not use the Sign API: in the Signicat dashboard give the client access to the Sign API (scope signicat-api)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No Signicat Sign API at this Base URL: it must end with /sign (e.g. https://api.signicat.com/sign)',
				},
			},
		],
	};
}
