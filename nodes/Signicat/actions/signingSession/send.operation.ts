import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { binaryInput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { attachLeftBehind } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { SIGNICAT } from '../../transport';
import { metadataSchema, uploadDocument, uploadLabels } from '../document/upload.operation';
import { createSessions } from './create.operation';
import { sessionSimplifyField, simplifySession, wantsSimplified } from './output';
import { checkIdentityProviders, identityProvidersFields, sessionFromFields, sessionLabels, sessionOptions, sessionSchema, signingFlowField } from './session';

const show = { resource: ['signingSession'], operation: ['send'] };

export const description: INodeProperties[] = [
	binaryInput(show, 'Name of the input field that holds the file to sign (PDF or plain text)'),
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'e.g. Rental agreement',
		description: 'Title shown to the signer (at most 255 characters); defaults to the file name',
		displayOptions: { show },
	},
	...identityProvidersFields(show),
	signingFlowField(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', description: 'Name stored with the document (at most 255 characters); defaults to the input file’s name' },
			...sessionOptions(),
		],
	},
	sessionSimplifyField(show),
];

/** A stand-in id for checking the session before anything is uploaded. */
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

const baseSchema = z.object({ binaryPropertyName: z.string().trim().min(1), fileName: metadataSchema.fileName });

/** What "send for signing" needs, whoever asks (this operation, or the E-Signature node through the adapter). */
export interface SendRequest {
	/** The files to sign, in order: an input binary field each, optionally with the file name to store. */
	files: Array<{ binaryPropertyName: string; fileName?: string }>;
	/** Empty: the first file's name without its extension. */
	title?: string;
	identityProviders: string[];
	signingFlow?: string;
	/** The editor's session options (`sessionOptions()` names: dueDate, signerEmail, signText…). */
	options: IDataObject;
}

export interface SendResult {
	/** The created session as Signicat answered it (national ids masked). */
	session: IDataObject;
	documents: Array<{ documentId: string; fileName: string }>;
	documentCollectionId: string;
}

/**
 * Upload → document collection → session, in one step: every file is uploaded (with its file name stored as
 * metadata), one collection holds them all (Signicat needs each session document's collection [3P]), and one
 * session signs them. Everything is checked before the first upload; if a later step fails, the error carries
 * what was left behind (document and collection ids).
 */
export async function sendForSigning(ctx: IExecuteFunctions, client: SignicatClient, i: number, request: SendRequest): Promise<SendResult> {
	const files = request.files.map((f) => {
		const base = validate(ctx, baseSchema, { binaryPropertyName: f.binaryPropertyName, fileName: f.fileName || undefined }, i, uploadLabels);
		const binary = ctx.helpers.assertBinaryData(i, base.binaryPropertyName);
		return { binaryPropertyName: base.binaryPropertyName, fileName: base.fileName || binary.fileName || 'document.pdf' };
	});
	const title = String(request.title ?? '').trim() || files[0].fileName.replace(/\.[^.]+$/, '');
	const session = sessionFromFields({
		title,
		documents: files.map(() => ({ documentId: PLACEHOLDER_ID, action: 'SIGN', documentCollectionId: PLACEHOLDER_ID })),
		identityProviders: request.identityProviders,
		signingFlow: String(request.signingFlow || SIGNICAT.signingFlows[0]),
		options: request.options,
	});
	const checked = validate(ctx, sessionSchema, session, i, sessionLabels) as IDataObject;

	const documents: Array<{ documentId: string; fileName: string }> = [];
	let documentCollectionId: string | undefined;
	try {
		for (const file of files) {
			const document = await uploadDocument(ctx, i, client, file.binaryPropertyName, { fileName: file.fileName });
			documents.push({ documentId: String(document.documentId), fileName: String(document.filename ?? file.fileName) });
		}
		const ids = documents.map((d) => d.documentId).join(', ');
		const collection = await client.json<IDataObject>({
			method: 'POST',
			url: SIGNICAT.paths.documentCollections,
			body: { documents: documents.map((d) => ({ documentId: d.documentId })) },
			itemIndex: i,
			appliedHint: `Document(s) ${ids} are uploaded; an unused document collection is harmless.`,
		});
		documentCollectionId = String(collection.id);
		const [created] = await createSessions(
			client,
			[{ ...checked, documents: documents.map((d) => ({ documentCollectionId, action: 'SIGN', documentId: d.documentId })) }],
			i,
		);
		return { session: created, documents, documentCollectionId };
	} catch (error) {
		// A failed metadata step leaves its uploaded document behind too (the upload says which).
		const left = ((error as { context?: IDataObject }).context?.leftBehind as IDataObject | undefined)?.documentId;
		const ids = [...documents.map((d) => d.documentId), ...(typeof left === 'string' && !documents.some((d) => d.documentId === left) ? [left] : [])];
		const leftBehind: IDataObject = ids.length === 1 ? { documentId: ids[0] } : ids.length ? { documentIds: ids } : {};
		if (documentCollectionId) leftBehind.documentCollectionId = documentCollectionId;
		throw attachLeftBehind(error, leftBehind);
	}
}

/**
 * Upload → document collection → session, for no-code users: returns the signing URL and every id.
 * Version 1 returns its own summary plus the whole session; version 2 the simplified session (Simplify) with the
 * document's ids, or Signicat's whole answer.
 */
export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const raw = params(this, i, { binaryPropertyName: 'data', title: '', identityProviders: '', signingFlow: 'AUTHENTICATION_BASED', options: {} });
	const options = (raw.options as IDataObject) ?? {};
	// The field checks of the upload come first, as they always have.
	validate(this, baseSchema, { binaryPropertyName: raw.binaryPropertyName, fileName: options.fileName || undefined }, i, uploadLabels);
	const identityProviders = checkIdentityProviders(this, i, raw.identityProviders);
	const { session, documents, documentCollectionId } = await sendForSigning(this, client, i, {
		files: [{ binaryPropertyName: String(raw.binaryPropertyName), fileName: (options.fileName as string) || undefined }],
		title: String(raw.title ?? ''),
		identityProviders,
		signingFlow: String(raw.signingFlow || SIGNICAT.signingFlows[0]),
		options,
	});
	const [{ documentId, fileName }] = documents;
	if (this.getNode().typeVersion >= 2) {
		if (!wantsSimplified(this, i)) return session;
		return { ...simplifySession(session), documentId, documentCollectionId, fileName };
	}
	const lifecycle = (session.lifecycle as IDataObject) ?? {};
	return {
		sessionId: session.id,
		signatureUrl: session[SIGNICAT.fields.signatureUrl],
		signatureUrlExpiresAt: session.signatureUrlExpiresAt,
		state: lifecycle.state,
		documentId,
		documentCollectionId,
		fileName,
		title: session.title,
		externalReference: session.externalReference,
		session,
	};
}
