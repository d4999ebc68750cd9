import type {
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { headerAuthentication } from '../nodes/shared/auth';

/**
 * NextSign API key + company id. Two hosts per environment: the v2 case host (cases, forms) and the
 * v3 file host (uploads, presigned download URLs); both are set here and never swapped.
 */
export class NextSignApi implements ICredentialType {
	name = 'nextSignApi';

	displayName = 'NextSign API';

	documentationUrl = 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#nextsign';

	icon = { light: 'file:../icons/nextsign.svg', dark: 'file:../icons/nextsign.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'API key from NextSign (Settings → API). Sent as a bearer token.',
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 65ab12cd34ef56ab78cd90a1',
			description: 'Your NextSign company identifier; it is part of every request path',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'www.nextsign.dk (cases) and api.nextsign.dk (files)' },
				{ name: 'Test', value: 'test', description: 'test.nextsign.dk, with its own users and API keys' },
				{ name: 'Custom URLs', value: 'custom', description: 'Other base URLs (e.g. a proxy in front of NextSign)' },
			],
			default: 'production',
		},
		{
			displayName: 'Case API Base URL',
			name: 'caseBaseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://www.nextsign.dk/api/v2',
			description: 'Base URL of the v2 case host, up to and including /api/v2 (cases and forms)',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'File API Base URL',
			name: 'fileBaseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://api.nextsign.dk/v3',
			description: 'Base URL of the v3 file host, up to and including /v3 (document upload and download)',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	authenticate = headerAuthentication('Authorization', 'apiKey', 'Bearer ');

	/** Lists one case: proves the key, the company id and the case host in one request. */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? ($credentials.caseBaseUrl || "https://www.nextsign.dk/api/v2").replace(/\\/+$/, "") : $credentials.environment === "test" ? "https://test.nextsign.dk/api/v2" : "https://www.nextsign.dk/api/v2"}}',
			url: '={{"/" + encodeURIComponent($credentials.companyId.trim()) + "/cases/get"}}',
			qs: { limit: 1, index: 0 },
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'NextSign refused the API key: check the key (Settings → API) and that it belongs to the chosen environment' } },
			{ type: 'responseCode', properties: { value: 403, message: 'NextSign refused the API key for this company: check the Company ID and the key’s rights' } },
			{ type: 'responseCode', properties: { value: 404, message: 'NextSign does not know this company: check the Company ID (and, for Custom URLs, the Case API Base URL ending in /api/v2)' } },
		],
	};
}
