import type {
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { headerAuthentication } from '../nodes/shared/auth';

export class OptimaiteApi implements ICredentialType {
	name = 'optimaiteApi';

	displayName = 'Optimaite API';

	documentationUrl = 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#optimaite';

	icon = { light: 'file:../icons/optimaite.svg', dark: 'file:../icons/optimaite.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'opt_live_…',
			description:
				'Workspace API key from Optimaite (Workspace Settings → API Keys). Keys starting opt_test_ work on sandbox data. Scopes: documents:write to upload and send for signature, documents:read to list envelopes and download, documents:delete to delete, cases:read for cases.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'https://api.optimaite.eu' },
				{ name: 'Custom URL', value: 'custom', description: 'Another base URL, e.g. a proxy in front of Optimaite’s API' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://optimaite-proxy.example.com/api/v1',
			description: 'Base URL of the Optimaite API, up to and including /api/v1',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Plan',
			name: 'plan',
			type: 'options',
			options: [
				{ name: 'Standard', value: 'standard', description: '60 requests a minute, 10,000 a day, 10 a second' },
				{ name: 'Professional', value: 'professional', description: '200 requests a minute, 50,000 a day, 30 a second' },
				{ name: 'Enterprise', value: 'enterprise', description: 'Custom limits: requests are not spaced' },
			],
			default: 'standard',
			description: 'Your Optimaite plan: the nodes space their requests to stay within its per-second limit',
		},
	];

	authenticate = headerAuthentication('Authorization', 'apiKey', 'Bearer ');

	/**
	 * Lists documents: every key that can sign and download the signed PDF may (documents:read), including one that
	 * cannot list cases. A key without documents:read gets a clear "valid key, scope missing" answer.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://api.optimaite.eu/api/v1"}}',
			url: '/documents',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Optimaite did not accept the API key: paste the workspace key (opt_live_… for production, opt_test_… for sandbox data) and check the environment.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No Optimaite API answered at this address: with "Custom URL", check that the Base URL ends with /api/v1 (e.g. https://api.optimaite.eu/api/v1).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message: 'Optimaite’s rate limit was reached (your workflows used the plan’s requests for now): the key could not be checked. Try again in a minute.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API key is valid, but it lacks the documents:read scope this test (and downloading signed documents) needs. Signing needs documents:write, the trigger documents:read, cases cases:read.',
				},
			},
		],
	};
}
