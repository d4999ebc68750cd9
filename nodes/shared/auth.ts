import type { IAuthenticateRuleResponseCode, ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * A credential's `authenticate` that puts one credential field in one header. A function rather than a generic
 * `={{$credentials…}}` template: n8n runs its expression engine on a template for every request, which measured as
 * most of the per-call overhead (BENCHMARKS.md).
 */
export function headerAuthentication(header: string, field: string, prefix = '') {
	return async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: { ...requestOptions.headers, [header]: `${prefix}${String(credentials[field] ?? '')}` },
	});
}

/**
 * For a credential's `test`: its request carries `disableFollowRedirect: true` (n8n otherwise follows a redirect
 * and puts the credential back on the redirected request, even to another host), and these rules name the cause
 * when the API answers with a redirect. n8n applies them when its request error keeps the answer (2.x); n8n 1.x
 * shows its own "Request failed with status code 302".
 */
export const REDIRECT_RULES: IAuthenticateRuleResponseCode[] = [301, 302, 303, 307, 308].map((value) => ({
	type: 'responseCode',
	properties: {
		value,
		message: `The API answered with a redirect (${value}), which is not followed so that the credential is not sent to another address: check the base URL`,
	},
}));
