import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { fileNameFromDisposition, headerValue } from '../../../shared/binary';
import { binaryOutput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { publicSession, SIGNICAT } from '../../transport';
import { extensionFor, sessionFields } from '../common';
import { fetchDocument } from '../document/download.operation';
import { getSession, sessionIdParam } from './get.operation';

const show = { resource: ['signingSession'], operation: ['downloadSigned'] };
const v1 = [{ _cnd: { lt: 2 } }];
const v2 = [{ _cnd: { gte: 2 } }];

export const description: INodeProperties[] = [
	...sessionFields(show, 'The signed signing session'),
	{
		displayName: 'Put Output Files in Fields Starting With',
		name: 'binaryPrefix',
		type: 'string',
		default: 'signed',
		required: true,
		hint: 'Files go to signed_0, signed_1, … on one output item',
		description: 'Prefix of the output binary fields; each result document gets the prefix plus its position',
		displayOptions: { show: { ...show, '@version': v1 } },
	},
	{
		...binaryOutput({ ...show, '@version': v2 }),
		hint: 'One output item per file, each with its file in this field',
	},
	{
		displayName: 'Include',
		name: 'include',
		type: 'options',
		options: [
			{ name: 'Signed Documents and Packages', value: 'all', description: 'Every result document: one per signed document, plus PAdES packages' },
			{ name: 'Signed Documents Only', value: 'signatures', description: 'One result per signed document' },
			{ name: 'Packages Only', value: 'packages', description: 'Only the PAdES containers' },
		],
		default: 'all',
		displayOptions: { show },
	},
];

export type IncludeChoice = 'all' | 'signatures' | 'packages';

const include = z.enum(['all', 'signatures', 'packages']);
const propertyName = z.string().trim().min(1).regex(/^[A-Za-z_][\w-]*$/, 'must start with a letter or _ and contain only letters, digits, _ and -');

interface ResultRef {
	kind: 'signature' | 'package';
	resultDocumentId: string;
	originalDocumentId?: string;
	type?: string;
}

/** One result document of a signed session, downloaded. */
export interface SignedFile extends ResultRef {
	fileName: string;
	mimeType: string;
	content: Buffer;
}

/** "a.pdf" twice → "a.pdf", "a-2.pdf". */
function unique(name: string, taken: string[]): string {
	if (!taken.includes(name)) return name;
	const dot = name.lastIndexOf('.');
	const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
	for (let k = 2; ; k++) if (!taken.includes(`${stem}-${k}${ext}`)) return `${stem}-${k}${ext}`;
}

function baseName(name: string): string {
	return name.replace(/\.[^.]+$/, '');
}

/**
 * Reads the session and downloads every result document of the chosen kind, named after the original file
 * ("contract.pdf" → "contract-signed.pdf"). Nothing is returned until every file has arrived (no partial result);
 * a session without result documents is a clear error.
 */
export async function fetchSignedFiles(
	ctx: IExecuteFunctions,
	client: SignicatClient,
	i: number,
	sessionId: string,
	what: IncludeChoice,
): Promise<{ session: IDataObject; files: SignedFile[] }> {
	const session = await getSession(client, sessionId, i);
	const lifecycle = (session.lifecycle as IDataObject) ?? {};
	const output = (session.output as IDataObject) ?? {};
	const refs: ResultRef[] = [];
	if (what !== 'packages')
		for (const s of (output.signatures as IDataObject[]) ?? [])
			if (s.resultDocumentId)
				refs.push({ kind: 'signature', resultDocumentId: String(s.resultDocumentId), originalDocumentId: s.originalDocumentId as string, type: s.signatureType as string });
	if (what !== 'signatures')
		for (const pkg of (output.packages as IDataObject[]) ?? [])
			if (pkg.resultDocumentId) refs.push({ kind: 'package', resultDocumentId: String(pkg.resultDocumentId), type: pkg.packageType as string });
	if (!refs.length) {
		throw new NodeOperationError(ctx.getNode(), `Signing session ${sessionId} has no signed documents yet (state ${String(lifecycle.state ?? 'unknown')}) [item ${i}]`, {
			itemIndex: i,
			description:
				lifecycle.state === 'SIGNED'
					? 'The session is signed but Signicat lists no result documents of the chosen kind: choose another "Include" option.'
					: 'Signed documents exist once the session is SIGNED: use the Signicat Trigger (Session Signed) or a Wait node before this step.',
		});
	}
	const files: SignedFile[] = [];
	const title = String(session.title ?? sessionId).replace(/[\\/:*?"<>|]+/g, '_');
	for (const ref of refs) {
		const doc = await fetchDocument(client, ref.resultDocumentId, i);
		let fileName = fileNameFromDisposition(headerValue(doc.headers, 'content-disposition'));
		if (!fileName && typeof doc.metadata.filename === 'string' && doc.metadata.filename) fileName = doc.metadata.filename;
		const mimeType = (headerValue(doc.headers, 'content-type') ?? String(doc.metadata.mimeType ?? 'application/octet-stream')).split(';')[0].trim();
		if (!fileName) {
			let base = ref.kind === 'package' ? `${title}-package` : `${title}-signed`;
			if (ref.kind === 'signature' && ref.originalDocumentId) {
				// The original's own name, when it was stored with one ("contract.pdf" → "contract-signed.pdf").
				const original = await client
					.json<IDataObject>({ method: 'GET', url: SIGNICAT.paths.documentMetadata(ref.originalDocumentId), itemIndex: i })
					.catch(() => undefined);
				if (original && typeof original.filename === 'string' && original.filename) base = `${baseName(original.filename)}-signed`;
			}
			fileName = `${base}.${extensionFor(mimeType)}`;
		}
		fileName = unique(fileName, files.map((f) => f.fileName));
		files.push({ ...ref, fileName, mimeType, content: doc.content });
	}
	return { session, files };
}

/** What an output item tells about its file (the same fields in every version). */
export function fileJson(file: SignedFile): IDataObject {
	return {
		kind: file.kind,
		type: file.type,
		resultDocumentId: file.resultDocumentId,
		originalDocumentId: file.originalDocumentId,
		fileName: file.fileName,
		mimeType: file.mimeType,
		fileSize: file.content.length,
	};
}

/** One output item per file, the file in `binaryPropertyName` (version 2 and the E-Signature node). */
export async function signedFileItems(
	ctx: IExecuteFunctions,
	i: number,
	session: IDataObject,
	files: SignedFile[],
	binaryPropertyName: string,
): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	for (const file of files) {
		items.push({
			json: { sessionId: session.id, title: session.title, externalReference: session.externalReference ?? null, ...fileJson(file) },
			binary: { [binaryPropertyName]: await ctx.helpers.prepareBinaryData(file.content, file.fileName, file.mimeType) },
			pairedItem: { item: i },
		});
	}
	return items;
}

export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const sessionId = sessionIdParam(this, i);
	const version = this.getNode().typeVersion;
	if (version >= 2) {
		const p = validate(this, z.object({ binaryPropertyName: propertyName, include }), params(this, i, { binaryPropertyName: 'data', include: 'all' }), i, {
			binaryPropertyName: 'Put Output File in Field',
			include: 'Include',
		});
		const { session, files } = await fetchSignedFiles(this, client, i, sessionId, p.include);
		return await signedFileItems(this, i, session, files, p.binaryPropertyName);
	}
	// Version 1: every file on one item, in signed_0, signed_1, …
	const p = validate(this, z.object({ binaryPrefix: propertyName, include }), params(this, i, { binaryPrefix: 'signed', include: 'all' }), i, {
		binaryPrefix: 'Put Output Files in Fields Starting With',
		include: 'Include',
	});
	const { session, files } = await fetchSignedFiles(this, client, i, sessionId, p.include);
	const lifecycle = (session.lifecycle as IDataObject) ?? {};
	const binary: IBinaryKeyData = {};
	const described: IDataObject[] = [];
	for (const [n, file] of files.entries()) {
		const property = `${p.binaryPrefix}_${n}`;
		binary[property] = await this.helpers.prepareBinaryData(file.content, file.fileName, file.mimeType);
		described.push({ binaryProperty: property, ...fileJson(file) });
	}
	return {
		json: { sessionId, state: lifecycle.state, title: session.title, externalReference: session.externalReference, files: described, session: publicSession(session) },
		binary,
		pairedItem: { item: i },
	};
}
