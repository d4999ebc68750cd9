import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

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
