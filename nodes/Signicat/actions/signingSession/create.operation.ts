import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { sinceVersion } from '../../../shared/locator';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { SignicatClient } from '../../transport';
import { publicSession, SIGNICAT } from '../../transport';
import { NO_LIST_HINT } from '../common';
import { sessionOutput, sessionSimplifyField, wantsSimplified } from './output';
import {
	checkIdentityProviders,
	documentRows,
	identityProvidersFields,
	sensitiveOf,
	sessionFromFields,
	sessionLabels,
	sessionOptions,
	sessionSchema,
	signingFlowField,
	toIsoDate,
} from './session';

const show = { resource: ['signingSession'], operation: ['create'] };
const fieldsShow = { ...show, define: ['fields'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Define Sessions',
		name: 'define',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Using Fields Below', value: 'fields', description: 'One signing session per input item' },
			{ name: 'Using JSON', value: 'json', description: 'One or several sessions per input item, as a JSON array in Signicat’s format' },
		],
		default: 'fields',
		displayOptions: { show },
	},
	{
		displayName: 'Sessions (JSON)',
		name: 'sessionsJson',
		type: 'json',
		default:
			'[\n  {\n    "title": "Rental agreement",\n    "documents": [{ "documentCollectionId": "", "documentId": "", "action": "SIGN" }],\n    "signingSetup": [{ "identityProviders": [{ "idpName": "mitid" }], "signingFlow": "AUTHENTICATION_BASED" }]\n  }\n]',
		required: true,
		description: 'An array of signing sessions (or one session object) exactly as Signicat’s API takes them; all are created in one request',
		displayOptions: { show: { ...show, define: ['json'] } },
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Rental agreement',
		description: 'Session title shown in the signing interface (at most 255 characters)',
		displayOptions: { show: fieldsShow },
	},
	...sinceVersion(2, documentsField(false), documentsField(true)),
	...identityProvidersFields(fieldsShow),
	signingFlowField(fieldsShow),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: fieldsShow },
		options: sessionOptions(),
	},
	sessionSimplifyField(show),
];

/** The Documents list: each row names the document, its collection, then what the signer does with it. */
function documentsField(startWithRow: boolean): INodeProperties {
	return {
		displayName: 'Documents',
		name: 'documents',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add document',
		default: {},
		// Version 2 starts with one empty row: a session needs at least one document.
		...(startWithRow ? { default: { document: [{ documentId: '', documentCollectionId: '', action: 'SIGN' }] } } : {}),
		required: true,
		description: 'Uploaded documents to sign or view in this session (1 to 50), each with the document collection it belongs to',
		displayOptions: { show: fieldsShow },
		options: [
			{
				displayName: 'Document',
				name: 'document',
				values: [
					{
						displayName: 'Document ID',
						name: 'documentId',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'e.g. f05d0dce-a7af-432b-b6b8-e455ab7c0857',
						hint: NO_LIST_HINT.document,
						description: 'ID from Document → Upload',
					},
					{
						displayName: 'Document Collection ID',
						name: 'documentCollectionId',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'e.g. f05d0dce-a7af-432b-b6b8-e455ab7c0853',
						hint: NO_LIST_HINT.collection,
						description: 'Collection the document belongs to (Document Collection → Create); Signicat needs it for every session document',
					},
					{
						displayName: 'Action',
						name: 'action',
						type: 'options',
						options: [
							{ name: 'Sign', value: 'SIGN' },
							{ name: 'View', value: 'VIEW' },
						],
						default: 'SIGN',
						description: 'What the signer does with the document',
					},
				],
			},
		],
	};
}

const schema = z.object({ sessions: z.array(sessionSchema).min(1) });

function parseSessionsJson(ctx: IExecuteFunctions, value: unknown, i: number): IDataObject[] {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = jsonParse(value);
		} catch {
			throw new NodeOperationError(ctx.getNode(), `Invalid "Sessions (JSON)": not valid JSON [item ${i}]`, {
				itemIndex: i,
				description: 'Enter a JSON array of sessions (or one session object), e.g. [{"title": "…", "documents": […], "signingSetup": […]}].',
			});
		}
	}
	const list = Array.isArray(parsed) ? parsed : [parsed];
	return list.map((entry) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return entry as IDataObject;
		const copy = { ...(entry as IDataObject) };
		if (copy.dueDate !== undefined) copy.dueDate = toIsoDate(copy.dueDate) as string;
		return copy;
	});
}

/** Creates sessions in one request (the API takes and answers an array); returns them as Signicat answered, national ids masked. */
export async function createSessions(client: SignicatClient, sessions: IDataObject[], i?: number): Promise<IDataObject[]> {
	const titles = sessions.map((s) => `"${String(s.title)}"`).join(', ');
	const created = await client.json<IDataObject[]>({
		method: 'POST',
		url: SIGNICAT.paths.signingSessions,
		body: sessions,
		itemIndex: i,
		sensitive: sensitiveOf(sessions),
		appliedHint: `Use Signing Session → Get Many with "Title Contains" (${titles}) to check before creating again.`,
	});
	return (Array.isArray(created) ? created : [created]).map((s) => publicSession(s));
}

/** Version 1's output item: the signing URL first (how a workflow sends the signer to sign), then the whole session. */
function v1Output(session: IDataObject): IDataObject {
	return { id: session.id, signatureUrl: session[SIGNICAT.fields.signatureUrl], signatureUrlExpiresAt: session.signatureUrlExpiresAt, ...session };
}

export async function execute(this: IExecuteFunctions, i: number, client: SignicatClient): Promise<OperationResult> {
	const define = this.getNodeParameter('define', i, 'fields') as string;
	let sessions: IDataObject[];
	if (define === 'json') {
		sessions = parseSessionsJson(this, this.getNodeParameter('sessionsJson', i, '[]'), i);
	} else {
		const raw = params(this, i, { title: '', documents: {}, identityProviders: '', signingFlow: 'AUTHENTICATION_BASED', options: {} });
		const identityProviders = checkIdentityProviders(this, i, raw.identityProviders);
		sessions = [
			sessionFromFields({
				title: String(raw.title ?? ''),
				documents: documentRows(raw.documents),
				identityProviders,
				signingFlow: String(raw.signingFlow ?? ''),
				options: (raw.options as IDataObject) ?? {},
			}),
		];
	}
	// A list is checked as a whole ("Title" (session 2)); one session from fields is checked on its own ("Title").
	const valid =
		define === 'json'
			? (validate(this, schema, { sessions }, i, sessionLabels).sessions as IDataObject[])
			: [validate(this, sessionSchema, sessions[0], i, sessionLabels) as IDataObject];
	const created = await createSessions(client, valid, i);
	if (this.getNode().typeVersion < 2) return created.map(v1Output);
	const simplified = wantsSimplified(this, i);
	return created.map((session) => sessionOutput(session, simplified));
}
