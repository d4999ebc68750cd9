import type {
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { REDIRECT_RULES, headerAuthentication } from '../nodes/shared/auth';

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
				'Workspace API key from Optimaite (Settings → API keys). Keys starting opt_test_ work on sandbox data. Creating envelopes needs the documents:write scope.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'https://api.optimaite.eu' },
				{ name: 'Custom URL', value: 'custom', description: 'Another base URL, e.g. the local sandbox' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010/optimaite/api/v1',
			description: 'Base URL up to and including /api/v1',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	authenticate = headerAuthentication('Authorization', 'apiKey', 'Bearer ');

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://api.optimaite.eu/api/v1"}}',
			url: '/cases',
			qs: { limit: 1 },
			// The credential must not follow a redirect to another host (n8n would send it along).
			disableFollowRedirect: true,
		},
		rules: REDIRECT_RULES,
	};
}
