import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { binaryInput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { attachLeftBehind } from '../../../shared/execute';
import { params, splitList } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { SIGNICAT } from '../../transport';
import { metadataSchema, uploadDocument, uploadLabels } from '../document/upload.operation';
import { createSessions } from './create.operation';
import { identityProvidersField, identityProvidersSchema, sessionFromFields, sessionLabels, sessionOptions, sessionSchema, signingFlowField } from './session';

const show = { resource: ['signingSession'], operation: ['send'] };

export const description: INodeProperties[] = [
	binaryInput(show, 'Name of the input field that holds the file to sign (PDF or plain text)'),
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'Rental agreement',
		description: 'Title shown to the signer (at most 255 characters); defaults to the file name',
		displayOptions: { show },
	},
	identityProvidersField(show),
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
];

/** A stand-in id for checking the session before anything is uploaded. */
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

const baseSchema = z.object({ binaryPropertyName: z.string().trim().min(1), fileName: metadataSchema.fileName });

/**
 * Upload → document collection → session, for no-code users: returns the signing URL and every id. Signicat
 * needs each session document's collection [3P], so a collection holding just this document is created.
 * Everything is validated before the upload; if a later step fails, the error carries what was left behind.
 */
export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const raw = params(this, i, { binaryPropertyName: 'data', title: '', identityProviders: '', signingFlow: 'AUTHENTICATION_BASED', options: {} });
	const options = (raw.options as IDataObject) ?? {};
	const base = validate(this, baseSchema, { binaryPropertyName: raw.binaryPropertyName, fileName: options.fileName || undefined }, i, uploadLabels);
	validate(this, identityProvidersSchema, { identityProviders: splitList(raw.identityProviders) }, i, sessionLabels);
	const binary = this.helpers.assertBinaryData(i, base.binaryPropertyName);
	const fileName = base.fileName || binary.fileName || 'document.pdf';
	const title = String(raw.title ?? '').trim() || fileName.replace(/\.[^.]+$/, '');
	const session = sessionFromFields({
		title,
		documents: [{ documentId: PLACEHOLDER_ID, action: 'SIGN', documentCollectionId: PLACEHOLDER_ID }],
		identityProviders: raw.identityProviders,
		signingFlow: String(raw.signingFlow || SIGNICAT.signingFlows[0]),
		options,
	});
	const checked = validate(this, sessionSchema, session, i, sessionLabels) as IDataObject;

	const document = await uploadDocument(this, i, client, base.binaryPropertyName, { fileName });
	const documentId = String(document.documentId);
	let documentCollectionId: string | undefined;
	try {
		const collection = await client.json<IDataObject>({
			method: 'POST',
			url: SIGNICAT.paths.documentCollections,
			body: { documents: [{ documentId }] },
			itemIndex: i,
			appliedHint: `Document ${documentId} is uploaded; an unused document collection is harmless.`,
		});
		documentCollectionId = String(collection.id);
		const [created] = await createSessions(client, [{ ...checked, documents: [{ documentCollectionId, action: 'SIGN', documentId }] }], i);
		const lifecycle = (created.lifecycle as IDataObject) ?? {};
		return {
			sessionId: created.id,
			signatureUrl: created[SIGNICAT.fields.signatureUrl],
			signatureUrlExpiresAt: created.signatureUrlExpiresAt,
			state: lifecycle.state,
			documentId,
			documentCollectionId,
			fileName: document.filename ?? fileName,
			title: created.title,
			externalReference: created.externalReference,
			session: created,
		};
	} catch (error) {
		throw attachLeftBehind(error, documentCollectionId ? { documentId, documentCollectionId } : { documentId });
	}
}
