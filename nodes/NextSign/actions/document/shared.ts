import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { binaryItem, headerValue } from '../../../shared/binary';
import type { NextSignClient } from '../../transport';
import { NEXTSIGN } from '../../transport';

/** "…/case/1777625676406-Lejekontrakt.pdf?X-Amz-…" → "Lejekontrakt.pdf". */
export function storedFileName(url: string, fallback = 'document.pdf'): string {
	try {
		const last = new URL(url).pathname.split('/').filter(Boolean).pop();
		if (!last) return fallback;
		return decodeURIComponent(last).replace(/^\d{10,}-/, '') || fallback;
	} catch {
		return fallback;
	}
}

/** A presigned URL's query (X-Amz-…) is not part of the stored document URL. */
export function storedUrl(url: string): string {
	try {
		const u = new URL(url);
		if ([...u.searchParams.keys()].some((k) => k.toLowerCase().startsWith('x-amz-'))) return `${u.origin}${u.pathname}`;
		return url;
	} catch {
		return url;
	}
}

/**
 * Downloads a stored NextSign document: asks the v3 file host for a presigned URL, then fetches the file
 * from it without the API key (the presigned URL carries its own authorization and lives up to an hour).
 */
export async function downloadStored(
	ctx: IExecuteFunctions,
	client: NextSignClient,
	itemIndex: number,
	url: string,
	binaryPropertyName: string,
	json: IDataObject = {},
	name?: string,
): Promise<INodeExecutionData> {
	const presigned = await client.files.json<IDataObject>({
		method: 'POST',
		url: NEXTSIGN.files.presignedUrl(client.company),
		body: { url },
		itemIndex,
		// It only signs a URL: safe to repeat.
		safety: 'read',
		expect: 'field:signedUrl',
	});
	const signedUrl = String(presigned.signedUrl);
	const res = await client.files.request<Buffer>({
		method: 'GET',
		url: signedUrl,
		binary: true,
		noAuth: true,
		itemIndex,
		timeout: 30 * 60_000,
	});
	const headers = { ...res.headers };
	const type = headerValue(headers, 'content-type');
	if ((!type || type.startsWith('application/octet-stream') || type.startsWith('binary/')) && typeof presigned.type === 'string' && presigned.type.includes('/')) {
		for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-type') delete headers[k];
		headers['content-type'] = presigned.type;
	}
	// The storage's Content-Disposition name wins; otherwise the document's name, then the URL's file name.
	return await binaryItem(ctx, itemIndex, binaryPropertyName, res.body, headers, name ?? storedFileName(url), { url, ...json });
}
