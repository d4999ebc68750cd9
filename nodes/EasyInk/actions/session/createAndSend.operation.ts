import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { BinaryInput } from '../../../shared/binary';
import type { OperationResult } from '../../../shared/execute';
import { attachLeftBehind } from '../../../shared/execute';
import { params, rows, splitList } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { EASYINK_PROCESSING, call, callJson } from '../../transport';
import type { Placement } from '../common';
import {
	FIELD_TYPES,
	PARTICIPANT_LABELS,
	PLACEMENT_LABELS,
	REMINDER_FREQUENCIES,
	participantBody,
	participantSchema,
	placementSchema,
	simplifyOn,
	simplifyToggle,
	subject,
} from '../common';
import { createDraft } from '../draft/create.operation';
import { addParticipant } from '../participant/add.operation';
import { addField } from '../signatureField/add.operation';
import { setSequential } from '../signingOrder/setSequential.operation';
import type { Probe } from '../files';
import { readDocumentFile, uploadFile, waitUntilReady } from '../files';
import { getSession } from './get.operation';
import { startSession } from './start.operation';

const show = { resource: ['session'], operation: ['createAndSend'] };

/** Default signature box: 1 inch from the left, stacked upwards from 1 inch above the bottom edge. */
export const DEFAULT_BOX = { positionX: 72, positionY: 72, sizeX: 200, sizeY: 50, gap: 20 };

/** A participant row in the order people fill it, as in Participant → Add: name, contact, delivery, language. */
const PARTICIPANT_ROW: INodeProperties[] = [
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', required: true, placeholder: 'e.g. John' },
	{ displayName: 'Middle Name', name: 'middleName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', required: true, placeholder: 'e.g. Smith' },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Needed for Email delivery' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: 'e.g. 2025551234', description: 'Exactly 10 digits; needed for SMS delivery' },
	{
		displayName: 'Delivery Methods',
		name: 'deliveryMethods',
		type: 'multiOptions',
		options: [
			{ name: 'Email', value: 'Email' },
			{ name: 'SMS', value: 'Sms' },
		],
		default: [],
		description: 'How the signing link is sent; none chosen means by the contacts given (Email, SMS)',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: [
			{ name: 'English', value: 'English' },
			{ name: 'Spanish', value: 'Spanish' },
		],
		default: 'English',
		description: 'Language of the signing page and notifications',
	},
];

/** A field row: who, where, what, then the box — the order a field is thought about. */
const FIELD_ROW: INodeProperties[] = [
	{ displayName: 'Participant Number', name: 'participant', type: 'number', default: 1, typeOptions: { minValue: 1 }, description: "Position of the participant in 'Participants' (1 = first)" },
	{ displayName: 'Document Number', name: 'document', type: 'number', default: 1, typeOptions: { minValue: 1 }, description: "Position of the document in 'Input Binary Fields' (1 = first)" },
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: FIELD_TYPES.map((t) => ({ name: t, value: t })),
		default: 'Signature',
		description: 'What the participant puts in the field',
	},
	{ displayName: 'Page', name: 'page', type: 'number', default: 1, typeOptions: { minValue: 1 }, description: 'Page number, the first page is 1' },
	{ displayName: 'Position X', name: 'positionX', type: 'number', default: 72, description: 'From the left edge, in points' },
	{ displayName: 'Position Y', name: 'positionY', type: 'number', default: 72, description: 'From the BOTTOM edge, in points' },
	{ displayName: 'Width', name: 'sizeX', type: 'number', default: 200 },
	{ displayName: 'Height', name: 'sizeY', type: 'number', default: 50 },
	{ displayName: 'Required', name: 'isRequired', type: 'boolean', default: true, description: 'Whether the participant must fill it' },
];

export const description: INodeProperties[] = [
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Employment Agreement - John Smith',
		description: 'Title participants see in emails and on the signing page (at most 500 characters)',
		displayOptions: { show },
	},
	{
		displayName: 'Input Binary Fields',
		name: 'binaryPropertyNames',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data, appendix',
		description: 'Names of the input binary fields holding the PDF or Word documents to sign, separated by commas; they are added in this order',
		displayOptions: { show },
	},
	{
		displayName: 'Participants',
		name: 'participants',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add participant',
		// One empty row to start with: every session needs a participant.
		default: { participant: [{ firstName: '', lastName: '', email: '' }] },
		required: true,
		description: 'People who sign; with a sequential order they sign in this order',
		displayOptions: { show },
		options: [
			{
				displayName: 'Participant',
				name: 'participant',
				values: PARTICIPANT_ROW,
			},
		],
	},
	{
		displayName: 'Signature Fields',
		name: 'fieldMode',
		type: 'options',
		options: [
			{
				name: 'One Signature per Participant on the Last Page',
				value: 'lastPage',
				description: 'Each participant gets a signature box on the last page of every document, near the bottom-left corner',
			},
			{ name: 'Define Fields', value: 'custom', description: 'Place each field yourself' },
		],
		default: 'lastPage',
		displayOptions: { show },
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add field',
		default: {},
		description: 'Fields to place; positions are in points from the bottom-left corner of the page',
		displayOptions: { show: { ...show, fieldMode: ['custom'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: FIELD_ROW,
			},
		],
	},
	{
		displayName: 'Signing Order',
		name: 'signingOrder',
		type: 'options',
		options: [
			{ name: 'Parallel', value: 'parallel', description: 'Everyone gets the link at once' },
			{ name: 'Sequential', value: 'sequential', description: 'One after another, in the order of "Participants"' },
		],
		default: 'parallel',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Reminder Frequency',
				name: 'reminderFrequency',
				type: 'options',
				options: REMINDER_FREQUENCIES.map((r) => ({ name: r, value: r })),
				default: 'Never',
				description: 'How often participants who have not signed are reminded',
			},
			{
				displayName: 'Max Document Wait (Seconds)',
				name: 'processingTimeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1800 },
				default: 300,
				description:
					'EasyInk processes each uploaded document before fields can be placed and the session converted; the node reads the draft (with growing pauses) until every document is ready, at most this long',
			},
		],
	},
	simplifyToggle(show),
];

const fieldSchema = z
	.object({
		participant: z.number().int().min(1),
		document: z.number().int().min(1),
		type: z.enum(FIELD_TYPES),
		isRequired: z.boolean(),
	})
	.and(placementSchema);

export const createAndSendSchema = z
	.object({
		subject: subject().min(1),
		binaryPropertyNames: z.array(z.string().trim().min(1)).min(1),
		participants: z.array(participantSchema).min(1),
		fieldMode: z.enum(['lastPage', 'custom']),
		fields: z.array(fieldSchema),
		signingOrder: z.enum(['parallel', 'sequential']),
		options: z.object({ reminderFrequency: z.enum(REMINDER_FREQUENCIES).optional(), processingTimeoutSeconds: z.number().min(1).max(1800).optional() }),
	})
	.superRefine((v, ctx) => {
		if (v.fieldMode === 'custom' && v.fields.length === 0)
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['fields'], message: 'needs at least one field (or choose "One Signature per Participant on the Last Page")' });
		v.fields.forEach((f, idx) => {
			if (f.participant > v.participants.length)
				ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['fields', idx, 'participant'], message: `must be between 1 and ${v.participants.length} (the number of participants)` });
			if (f.document > v.binaryPropertyNames.length)
				ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['fields', idx, 'document'], message: `must be between 1 and ${v.binaryPropertyNames.length} (the number of documents)` });
		});
	});

export const labels = {
	subject: 'Subject',
	binaryPropertyNames: 'Input Binary Fields',
	participants: 'Participants',
	...PARTICIPANT_LABELS,
	'participants.firstName': 'First Name',
	fieldMode: 'Signature Fields',
	fields: 'Fields',
	'fields.participant': 'Participant Number',
	'fields.document': 'Document Number',
	'fields.type': 'Type',
	'fields.isRequired': 'Required',
	...PLACEMENT_LABELS,
	signingOrder: 'Signing Order',
	reminderFrequency: 'Reminder Frequency',
	processingTimeoutSeconds: 'Max Document Wait (Seconds)',
};

/**
 * Delivery methods of a participant row. None chosen (an agent or a pasted workflow may leave it out) means the
 * contacts given: Email when there is an email address, SMS when there is a phone number.
 */
function deliveryFor(row: IDataObject): string[] {
	if (Array.isArray(row.deliveryMethods) && row.deliveryMethods.length) return row.deliveryMethods as string[];
	const methods: string[] = [];
	if (typeof row.email === 'string' && row.email.trim()) methods.push('Email');
	if (typeof row.phone === 'string' && row.phone.trim()) methods.push('Sms');
	return methods;
}

/** Pages of each uploaded document, from the draft (EasyInk lists them once it has processed the file). */
function pageCounts(draft: IDataObject): Map<string, number> {
	const out = new Map<string, number>();
	for (const doc of (draft.documents as IDataObject[] | null) ?? []) {
		const pages = doc.pages;
		const count = Array.isArray(pages) ? pages.length : typeof doc.pagesCount === 'number' ? doc.pagesCount : 0;
		if (doc.id && count > 0) out.set(String(doc.id), count);
	}
	return out;
}

/** First pause while waiting for uploaded documents to be processed (doubling, at most 15 s apart). */
export const PROCESSING_FIRST_DELAY_MS = 500;

/**
 * Reads the draft until every uploaded document reports "ProcessingReady" [C] (bounded, growing pauses): fields need
 * the processed pages, and converting a draft whose documents are still processing fails. Answers the ready draft.
 */
export async function waitForDocuments(node: INode, client: EasyInkClient, draftId: string, documentIds: string[], itemIndex: number, maxWaitSeconds: number): Promise<IDataObject> {
	const probe = async (): Promise<Probe<IDataObject>> => {
		const draft = (await call<IDataObject>(client, 'draftGet', { id: draftId }, { itemIndex })).body;
		const listed = new Map(((draft.documents as IDataObject[] | null) ?? []).map((d) => [String(d.id).toLowerCase(), String(d.status ?? '')]));
		const waiting: string[] = [];
		for (const [n, id] of documentIds.entries()) {
			const status = listed.get(id.toLowerCase());
			if (status === EASYINK_PROCESSING.documentReady) continue;
			if (status === undefined || EASYINK_PROCESSING.failed.test(status))
				throw new NodeOperationError(node, `EasyInk could not process document ${n + 1} (${id}) of draft ${draftId}${status ? ` (status "${status}")` : ': it is no longer in the draft'}`, {
					itemIndex,
					description: 'Check that the file is a valid PDF or Word document and upload it again.',
				});
			waiting.push(`document ${n + 1} is "${status}"`);
		}
		return waiting.length ? { ready: false, status: waiting.join(', ') } : { ready: true, value: draft };
	};
	const { value } = await waitUntilReady(probe, { maxWaitSeconds, firstDelayMs: PROCESSING_FIRST_DELAY_MS, maxDelayMs: 15_000 }, (status, n) =>
		new NodeOperationError(node, `EasyInk was still processing the documents of draft ${draftId} after ${maxWaitSeconds} s (${status})`, {
			itemIndex,
			description: `Checked ${n} times. Raise "Max Document Wait (Seconds)", or finish the draft later with Draft → Convert to Ready to Start and Signing Session → Start.`,
		}),
	);
	return value;
}

/** Counts the pages of a PDF held in memory (fallback when EasyInk does not list them). */
export function countPdfPages(file: BinaryInput): number | undefined {
	if (!Buffer.isBuffer(file.data)) return undefined;
	const text = file.data.toString('latin1');
	const matches = text.match(/\/Type\s*\/Page(?!s)/g);
	return matches?.length || undefined;
}

export type CreateAndSendInput = z.infer<typeof createAndSendSchema>;

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const raw = params(this, i, {
		subject: '',
		binaryPropertyNames: 'data',
		participants: {},
		fieldMode: 'lastPage',
		fields: {},
		signingOrder: 'parallel',
		options: {},
	});
	const p = validate(
		this,
		createAndSendSchema,
		{
			...raw,
			binaryPropertyNames: splitList(raw.binaryPropertyNames),
			participants: rows(raw.participants, 'participant').map(participantRow),
			fields: raw.fieldMode === 'custom' ? rows(raw.fields, 'field') : [],
		},
		i,
		labels,
	);
	const result = await createAndSendSession(this, i, client, p);
	if (!simplifyOn(this, i)) return result;
	// Simplified: the ids and what was set up, without the session read back in EasyInk's own shape.
	const { session: _raw, ...simple } = result;
	return simple;
}

/** A participant row as the editor or an agent gives it: English by default, delivery by the contacts given. */
export function participantRow(row: IDataObject): IDataObject {
	return { language: 'English', ...row, deliveryMethods: deliveryFor(row) };
}

/**
 * Create and Send with explicit, validated inputs (the operation and the E-Signature adapter both call it): checks
 * every file first, then creates the draft, uploads, adds participants, waits for processing, places the fields,
 * sets the order and reminders, converts and starts. Answers the ids, and the session read back (`session`).
 */
export async function createAndSendSession(ctx: IExecuteFunctions, i: number, client: EasyInkClient, p: CreateAndSendInput): Promise<IDataObject> {
	// Every file is checked before anything is created in EasyInk.
	const files: BinaryInput[] = [];
	for (const name of p.binaryPropertyNames) files.push(await readDocumentFile(ctx, i, name, 'Input Binary Fields'));

	const draftId = await createDraft(client, p.subject, i);
	const documents: IDataObject[] = [];
	const participants: IDataObject[] = [];
	const signatureFields: IDataObject[] = [];
	let step = 'create the draft';
	try {
		for (const [idx, file] of files.entries()) {
			step = `upload document ${idx + 1} ("${file.fileName}")`;
			const documentId = await uploadFile(client, 'draftDocumentUpload', { id: draftId }, file, i,
				`Get draft ${draftId} and look for "${file.fileName}" among its documents.`);
			documents.push({ documentId, fileName: file.fileName, binaryPropertyName: p.binaryPropertyNames[idx] });
		}
		for (const [idx, participant] of p.participants.entries()) {
			step = `add participant ${idx + 1} (${participant.firstName} ${participant.lastName})`;
			const participantId = await addParticipant(client, draftId, participant, i);
			const body = participantBody(participant);
			participants.push({ participantId, firstName: body.firstName, lastName: body.lastName, email: body.email });
		}

		step = 'wait until EasyInk has processed the documents';
		const draft = await waitForDocuments(ctx.getNode(), client, draftId, documents.map((d) => String(d.documentId)), i, p.options.processingTimeoutSeconds ?? 300);

		let specs: Array<{ participant: number; document: number; type: string; isRequired: boolean; placement: Placement }>;
		if (p.fieldMode === 'custom') {
			specs = p.fields.map((f) => ({
				participant: f.participant,
				document: f.document,
				type: f.type,
				isRequired: f.isRequired,
				placement: { page: f.page, positionX: f.positionX, positionY: f.positionY, sizeX: f.sizeX, sizeY: f.sizeY },
			}));
		} else {
			const counts = pageCounts(draft);
			specs = [];
			documents.forEach((doc, d) => {
				const lastPage = counts.get(String(doc.documentId)) ?? countPdfPages(files[d]) ?? 1;
				p.participants.forEach((_, n) => {
					specs.push({
						participant: n + 1,
						document: d + 1,
						type: 'Signature',
						isRequired: true,
						placement: {
							page: lastPage,
							positionX: DEFAULT_BOX.positionX,
							positionY: DEFAULT_BOX.positionY + n * (DEFAULT_BOX.sizeY + DEFAULT_BOX.gap),
							sizeX: DEFAULT_BOX.sizeX,
							sizeY: DEFAULT_BOX.sizeY,
						},
					});
				});
			});
		}
		for (const [idx, spec] of specs.entries()) {
			step = `add signature field ${idx + 1}`;
			const participantId = String(participants[spec.participant - 1].participantId);
			const documentId = String(documents[spec.document - 1].documentId);
			const signatureFieldId = await addField(client, draftId, { participantId, documentId, type: spec.type, placement: spec.placement, isRequired: spec.isRequired }, i);
			signatureFields.push({ signatureFieldId, participantId, documentId, type: spec.type, page: spec.placement.page });
		}
		if (p.signingOrder === 'sequential' && participants.length > 1) {
			step = 'set the sequential signing order';
			await setSequential(client, draftId, participants.map((x) => String(x.participantId)), i);
		}
		if (p.options.reminderFrequency) {
			step = 'set the reminder frequency';
			await call(client, 'draftUpdate', { id: draftId }, { itemIndex: i, safety: 'read', body: { subject: p.subject, reminderFrequency: p.options.reminderFrequency } });
		}
		step = 'convert the draft to ready to start';
		await callJson(client, 'draftConvert', { id: draftId }, { itemIndex: i });
		step = 'start the session';
		await startSession(client, draftId, i);
	} catch (error) {
		const e = error as Error & { description?: string };
		const startStep = step === 'start the session';
		e.message = `${e.message} — while trying to ${step}; ${startStep ? 'session' : 'draft'} ${draftId} was left behind`;
		e.description = [
			e.description,
			startStep
				? `Session ${draftId} is ready to start but was not started (unless the message above says the request may have been applied): get it with Signing Session → Get, then start it or void it.`
				: `Draft ${draftId} was created but not sent. Fix the problem, then finish it with the Draft operations or delete it with Draft → Delete.`,
		]
			.filter(Boolean)
			.join(' ');
		throw attachLeftBehind(error, {
			leftBehindDraftId: draftId,
			failedStep: step,
			documents,
			participants,
			signatureFields,
		});
	}

	const result: IDataObject = {
		signingSessionId: draftId,
		subject: p.subject,
		status: 'InProgress',
		signingOrder: p.signingOrder === 'sequential' && participants.length > 1 ? 'OneByOne' : 'AllAtOnce',
		documents,
		participants,
		signatureFields,
	};
	// The session was sent: reading it back is a courtesy and must not turn a success into an error.
	try {
		const session = await getSession(client, draftId, i);
		result.status = session.status ?? result.status;
		result.session = session;
	} catch {
		/* keep the ids we already have */
	}
	return result;
}
