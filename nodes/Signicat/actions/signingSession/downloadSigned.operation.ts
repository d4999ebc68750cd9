import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { fileNameFromDisposition, headerValue } from '../../../shared/binary';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { publicSession, SIGNICAT } from '../../transport';
import { extensionFor, sessionIdField, uuidSchema } from '../common';
import { fetchDocument } from '../document/download.operation';
import { getSession } from './get.operation';

const show = { resource: ['signingSession'], operation: ['downloadSigned'] };

export const description: INodeProperties[] = [
	sessionIdField(show, 'ID of the signed signing session'),
	{
		displayName: 'Put Output Files in Fields Starting With',
		name: 'binaryPrefix',
		type: 'string',
		default: 'signed',
		required: true,
		hint: 'Files go to signed_0, signed_1, … on one output item',
		description: 'Prefix of the output binary fields; each result document gets the prefix plus its position',
		displayOptions: { show },
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

const schema = z.object({
	sessionId: uuidSchema(),
	binaryPrefix: z.string().trim().min(1).regex(/^[A-Za-z_][\w-]*$/, 'must start with a letter or _ and contain only letters, digits, _ and -'),
	include: z.enum(['all', 'signatures', 'packages']),
});

interface ResultRef {
	kind: 'signature' | 'package';
	resultDocumentId: string;
	originalDocumentId?: string;
	type?: string;
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

export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', binaryPrefix: 'signed', include: 'all' }), i, {
		sessionId: 'Signing Session ID',
		binaryPrefix: 'Put Output Files in Fields Starting With',
		include: 'Include',
	});
	const session = await getSession(client, p.sessionId, i);
	const lifecycle = (session.lifecycle as IDataObject) ?? {};
	const output = (session.output as IDataObject) ?? {};
	const refs: ResultRef[] = [];
	if (p.include !== 'packages')
		for (const s of (output.signatures as IDataObject[]) ?? [])
			if (s.resultDocumentId)
				refs.push({ kind: 'signature', resultDocumentId: String(s.resultDocumentId), originalDocumentId: s.originalDocumentId as string, type: s.signatureType as string });
	if (p.include !== 'signatures')
		for (const pkg of (output.packages as IDataObject[]) ?? [])
			if (pkg.resultDocumentId) refs.push({ kind: 'package', resultDocumentId: String(pkg.resultDocumentId), type: pkg.packageType as string });
	if (!refs.length) {
		throw new NodeOperationError(this.getNode(), `Signing session ${p.sessionId} has no signed documents yet (state ${String(lifecycle.state ?? 'unknown')}) [item ${i}]`, {
			itemIndex: i,
			description:
				lifecycle.state === 'SIGNED'
					? 'The session is signed but Signicat lists no result documents of the chosen kind: choose another "Include" option.'
					: 'Signed documents exist once the session is SIGNED: use the Signicat Trigger (Session Signed) or a Wait node before this step.',
		});
	}
	const binary: IBinaryKeyData = {};
	const files: IDataObject[] = [];
	const title = String(session.title ?? p.sessionId).replace(/[\\/:*?"<>|]+/g, '_');
	for (const [n, ref] of refs.entries()) {
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
		fileName = unique(fileName, files.map((f) => String(f.fileName)));
		const property = `${p.binaryPrefix}_${n}`;
		binary[property] = await this.helpers.prepareBinaryData(doc.content, fileName, mimeType);
		files.push({ binaryProperty: property, kind: ref.kind, type: ref.type, resultDocumentId: ref.resultDocumentId, originalDocumentId: ref.originalDocumentId, fileName, mimeType, fileSize: doc.content.length });
	}
	return {
		json: { sessionId: p.sessionId, state: lifecycle.state, title: session.title, externalReference: session.externalReference, files, session: publicSession(session) },
		binary,
		pairedItem: { item: i },
	};
}
