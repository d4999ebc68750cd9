/**
 * Penneo behind the provider-neutral E-Signature node and trigger (`nodes/shared/esign.ts`). Every request goes
 * through the Penneo node's own operations (createCaseFile, getCaseFile, downloadSignedDocuments, deleteCaseFile) and
 * every poll through the Penneo Trigger's logic (pollPenneo): there is no second implementation of either.
 * How the neutral fields and statuses map to Penneo's: README, Penneo section, "E-Signature node mapping".
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { Capabilities, EnvelopeStatus, ESignAdapter, NeutralEnvelope, NeutralEvent, NeutralEventName, NeutralSigner, SendInput, SignerStatus } from '../shared/esign';
import { validate } from '../shared/validation';
import { createCaseFile } from './actions/caseFile/create.operation';
import { SSN_TYPES } from './actions/caseFile/create.description';
import { deleteCaseFile } from './actions/caseFile/delete.operation';
import { downloadSignedDocuments } from './actions/caseFile/downloadSigned.operation';
import { getCaseFile } from './actions/caseFile/get.operation';
import { caseFileId, MIN_CHECK_INTERVAL_SECONDS } from './actions/common';
import { isoTime } from './actions/simplify';
import type { EventChoice } from './PenneoTrigger.node';
import { PENNEO_EVENTS, pollPenneo } from './PenneoTrigger.node';
import { maskErrorCpr, nameStatuses, PENNEO, penneoClient, safeOutput } from './transport';

/**
 * Case file status → neutral status [C: penneo.readme.io "Checking casefile status"]. 4 signed and 5 completed both
 * mean every signer signed (the download works for both); 6 failed and 8 anonymized end a case file without a usable
 * signed result, so they read as voided. A pending case file with a signature is in progress.
 */
export const ENVELOPE_STATUS: Record<number, EnvelopeStatus> = {
	0: 'draft',
	1: 'sent',
	2: 'declined',
	3: 'voided',
	4: 'completed',
	5: 'completed',
	6: 'voided',
	7: 'expired',
	8: 'voided',
};

/** Neutral events → the Penneo Trigger's events. */
const EVENT_CHOICE: Record<NeutralEventName, EventChoice> = {
	completed: 'completed',
	declined: 'rejected',
	expired: 'expired',
	'signer.signed': 'signerSigned',
};

const NEUTRAL_EVENT: Record<string, NeutralEventName> = {
	[PENNEO_EVENTS.completed]: 'completed',
	[PENNEO_EVENTS.rejected]: 'declined',
	[PENNEO_EVENTS.expired]: 'expired',
	[PENNEO_EVENTS.signerSigned]: 'signer.signed',
};

export const PENNEO_CAPABILITIES: Capabilities = {
	// signOrder per signer [C: case file document]: 0, 1, 2… one after another; all 0 at the same time.
	sequentialOrder: true,
	parallelOrder: true,
	// socialSecurityNumberPlain + ssnType [C]; a phone goes in the same field with ssnType "sms" [C], so a signer has one or the other.
	nationalId: true,
	phone: true,
	// caseFile.expireAt [C].
	dueDate: true,
	// Each signer's emailText [C] (Penneo has no case-file-wide message).
	message: true,
	multipleDocuments: true,
	// DELETE /api/v1/casefiles/{id} [C: Postman]: removed while new, marked deleted once sent (sdk-php docs).
	cancel: 'delete',
	// No separate audit trail document is documented for the API.
	auditTrail: false,
	events: {
		completed: true,
		declined: true,
		expired: true,
		// Not dependable: Penneo's sources read the signing request codes two ways, so a signature fires at the latest
		// when the case file completes, and one in a case file that is later rejected may never fire (README).
		'signer.signed': false,
	},
};

const SSN_TYPE_NAMES: Record<string, string> = {
	'be:nrn': 'Belgian National Register Number',
	'dk:cpr': 'Danish CPR',
	'fi:pic': 'Finnish Personal Identity Code',
	legacy: 'Legacy',
	'no:nin': 'Norwegian National ID',
	'se:pin': 'Swedish Personal Number',
};

/** The Penneo-only choices of Send for Signature ("Provider Options"). */
export const PENNEO_SEND_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Access Control',
		name: 'accessControl',
		type: 'boolean',
		default: false,
		description: 'Whether each signer’s national ID or phone is validated before they can open the documents',
	},
	{
		displayName: 'Email Subject',
		name: 'emailSubject',
		type: 'string',
		default: '',
		placeholder: 'e.g. Please sign the employment agreement',
		description: 'Subject of the invitation email Penneo sends each signer (at least 5 characters)',
	},
	{
		displayName: 'Folder ID',
		name: 'folderId',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'ID of the Penneo folder to put the case file in',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: [
			{ name: 'Danish', value: 'da' },
			{ name: 'Dutch', value: 'nl' },
			{ name: 'English', value: 'en' },
			{ name: 'Finnish', value: 'fi' },
			{ name: 'French', value: 'fr' },
			{ name: 'German', value: 'de' },
			{ name: 'Norwegian', value: 'no' },
			{ name: 'Swedish', value: 'sv' },
		],
		default: 'en',
		description: 'Language of Penneo’s emails and signing pages',
	},
	{
		displayName: 'National ID Type',
		name: 'ssnType',
		type: 'options',
		options: SSN_TYPES.filter((t) => t !== 'sms').map((value) => ({ name: SSN_TYPE_NAMES[value] ?? value, value })),
		default: 'dk:cpr',
		description: 'What kind of national ID the signers’ National ID fields hold',
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		placeholder: 'e.g. CONTRACT-2026-001',
		description: 'Your reference, shown in Penneo',
	},
	{
		displayName: 'Sender Name',
		name: 'senderName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Acme Legal',
		description: 'Name shown to the signers as the sender (2–255 characters)',
	},
	{
		displayName: 'Sensitive Data',
		name: 'sensitiveData',
		type: 'boolean',
		default: false,
		description: 'Whether signers must prove their identity before they can open the documents',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: MIN_CHECK_INTERVAL_SECONDS, maxValue: 3600 },
		default: 120,
		description: 'How long to wait for Penneo to create the case file (its creation job is checked every 5 seconds)',
	},
];

/** A Penneo error never shows a CPR number, in either written form. */
async function masked<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (error) {
		throw maskErrorCpr(error);
	}
}

function signerStatus(signed: unknown): SignerStatus {
	return signed === true ? 'signed' : signed === false ? 'pending' : 'unknown';
}

/** A case file (statuses named by `nameStatuses`) in the neutral vocabulary. */
export function neutralEnvelope(caseFile: IDataObject): NeutralEnvelope {
	const signers = (Array.isArray(caseFile.signers) ? (caseFile.signers as IDataObject[]) : []).map((s): NeutralSigner => {
		const request = (s.signingRequest ?? {}) as IDataObject;
		const out: NeutralSigner = { name: s.name as string | undefined, email: (request.email ?? s.email) as string | undefined, status: signerStatus(s.signed) };
		const link = request.link ?? s.signingLink;
		if (typeof link === 'string') out.signingUrl = link;
		const signedAt = isoTime(request.signedAt ?? s.signedAt);
		if (signedAt) out.signedAt = signedAt;
		return out;
	});
	let status = ENVELOPE_STATUS[Number(caseFile.status)] ?? 'sent';
	if (status === 'sent' && signers.some((s) => s.status === 'signed')) status = 'in_progress';
	return { provider: 'penneo', envelopeId: String(caseFile.id), status, signers, providerResponse: caseFile };
}

const envelopeIdSchema = z.object({ caseFileId });

function caseFileOf(ctx: IExecuteFunctions, itemIndex: number, envelopeId: string): string {
	return validate(ctx, envelopeIdSchema, { caseFileId: envelopeId }, itemIndex, { caseFileId: 'Envelope ID' }).caseFileId;
}

/** Neutral send input → Case File → Create and Send's input (waiting for the creation job: the case file id is needed). */
export function createInputFrom(ctx: IExecuteFunctions, itemIndex: number, input: SendInput) {
	const o = input.providerOptions ?? {};
	const both = input.signers.findIndex((s) => s.phone && s.nationalId);
	if (both >= 0) {
		throw new NodeOperationError(ctx.getNode(), `Signer ${both + 1} has both a phone and a national ID: Penneo takes one of them`, {
			itemIndex,
			description: 'Penneo validates a signer by national ID or by phone (SMS), in the same field. Keep the one Penneo should check.',
		});
	}
	const sequential = input.signingOrder === 'sequential';
	return {
		title: input.title,
		documents: input.binaryPropertyNames.map((binaryPropertyName) => ({ binaryPropertyName, signable: true })),
		signers: input.signers.map((s, index) => ({
			name: s.name,
			email: s.email,
			signOrder: sequential ? index : undefined,
			ssn: s.nationalId ?? s.phone,
			ssnType: s.nationalId ? (o.ssnType as string | undefined) ?? 'dk:cpr' : s.phone ? 'sms' : undefined,
			accessControl: o.accessControl === true ? true : undefined,
			emailText: input.message,
			emailSubject: o.emailSubject,
		})),
		ccRecipients: [],
		additionalFields: {
			expireAt: input.dueDate,
			language: o.language,
			reference: o.reference,
			folderId: o.folderId,
			senderName: o.senderName,
			sensitiveData: o.sensitiveData,
		} as IDataObject,
		waitForCompletion: true,
		checkInterval: MIN_CHECK_INTERVAL_SECONDS,
		timeout: typeof o.timeout === 'number' ? o.timeout : 120,
	};
}

export const penneoAdapter: ESignAdapter = {
	provider: 'penneo',
	displayName: 'Penneo',
	credentialType: PENNEO.credentialType,
	capabilities: PENNEO_CAPABILITIES,
	sendOptions: PENNEO_SEND_OPTIONS,

	async send(ctx, itemIndex, input) {
		return await masked(async () => {
			const client = await penneoClient(ctx);
			const created = await createCaseFile(ctx, client, itemIndex, createInputFrom(ctx, itemIndex, input));
			const links = Array.isArray(created.signingLinks) ? (created.signingLinks as IDataObject[]) : [];
			const signers = input.signers.map((s, index): NeutralSigner => {
				// Penneo's links name each signer; the same name at the same place first, then the first of that name.
				const link = (links[index]?.name === s.name ? links[index] : links.find((l) => l.name === s.name))?.link;
				return { name: s.name, email: s.email, status: 'pending', ...(typeof link === 'string' ? { signingUrl: link } : {}) };
			});
			return { provider: 'penneo', envelopeId: String(created.caseFileId), status: 'sent', signers, providerResponse: created };
		});
	},

	async getStatus(ctx, itemIndex, envelopeId) {
		return await masked(async () => {
			const id = caseFileOf(ctx, itemIndex, envelopeId);
			const client = await penneoClient(ctx);
			return neutralEnvelope(safeOutput(nameStatuses(await getCaseFile(client, id, itemIndex))));
		});
	},

	async download(ctx, itemIndex, envelopeId, what, binaryPropertyName): Promise<INodeExecutionData[]> {
		return await masked(async () => {
			const id = caseFileOf(ctx, itemIndex, envelopeId);
			if (what === 'auditTrail') {
				throw new NodeOperationError(ctx.getNode(), 'Penneo has no audit trail document to download through its API', {
					itemIndex,
					description: 'Download the signed documents instead: Penneo seals the signatures into them.',
				});
			}
			const client = await penneoClient(ctx);
			return await downloadSignedDocuments(ctx, client, itemIndex, { caseFileId: id, binaryPropertyName, onlyCompleted: true });
		});
	},

	async cancel(ctx, itemIndex, envelopeId) {
		return await masked(async () => {
			const id = caseFileOf(ctx, itemIndex, envelopeId);
			const client = await penneoClient(ctx);
			await deleteCaseFile(client, id, itemIndex);
			// Penneo's delete takes no reason.
			return { provider: 'penneo', envelopeId: id, cancelled: true, how: 'deleted' };
		});
	},

	async poll(ctx: IPollFunctions, events: NeutralEventName[]): Promise<NeutralEvent[] | null> {
		const found = await pollPenneo(ctx, { events: events.map((e) => EVENT_CHOICE[e]).filter(Boolean), simplify: false });
		const items = found?.[0] ?? [];
		if (!items.length) return null;
		return items.map(({ json }) => {
			const caseFile = (json.caseFile ?? {}) as IDataObject;
			const event: NeutralEvent = { provider: 'penneo', envelopeId: String(json.caseFileId), event: NEUTRAL_EVENT[String(json.event)], providerEvent: json };
			if (json.signer) {
				const signer = neutralEnvelope({ ...caseFile, signers: [json.signer] }).signers[0];
				event.signer = signer;
				if (signer.signedAt) event.occurredAt = signer.signedAt;
			}
			return event;
		});
	},
};
