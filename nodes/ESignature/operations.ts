/**
 * The E-Signature node's operations: read and check the neutral fields, refuse what the provider cannot honour, then
 * hand over to the provider's adapter. No request is made here — every request is the adapter's (and through it the
 * provider node's own operations).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { ESignAdapter, NeutralEnvelope, SendInput } from '../shared/esign';
import type { OperationHandler } from '../shared/execute';
import { rows, splitList } from '../shared/params';
import { redact, scrubText } from '../shared/redact';
import { validate } from '../shared/validation';
import { cancelRefusal, downloadRefusal, LABELS, refusalError, sendRefusal } from './capabilities';
import { optionsName } from './descriptions';

/** A date-time from the editor (text) or an expression (Luxon DateTime, Date) as ISO text. */
function dateText(value: unknown): unknown {
	if (value instanceof Date) return value.toISOString();
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') return (value as { toISO: () => string }).toISO();
	return value;
}

/** Empty text is "not given". */
const optionalText = z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v === null ? undefined : v), z.string().optional());

const sendSchema = z.object({
	binaryPropertyNames: z.array(z.string()).min(1),
	title: z.string().trim().min(1),
	signers: z
		.array(
			z.object({
				name: z.string().trim().min(1),
				email: z.string().trim().email(),
				phone: optionalText,
				nationalId: optionalText,
			}),
		)
		.min(1),
	message: optionalText,
	signingOrder: z.enum(['default', 'sequential', 'parallel']).default('default'),
	dueDate: z.preprocess(
		dateText,
		optionalText
			.refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), 'must be a date and time, e.g. 2026-12-31T17:00:00')
			.refine((v) => v === undefined || Number.isNaN(Date.parse(v)) || Date.parse(v) > Date.now(), 'must be in the future'),
	),
});

const idSchema = z.object({ envelopeId: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().trim().min(1)) });

/** Secrets the user typed (national ids) never reach an error, even if a provider echoes them. */
function scrubbed(error: unknown, sensitive: string[]): unknown {
	if (!sensitive.length || !error || typeof error !== 'object') return error;
	const e = error as { message?: string; description?: string | null; context?: IDataObject };
	if (typeof e.message === 'string') e.message = scrubText(e.message, sensitive);
	if (typeof e.description === 'string') e.description = scrubText(e.description, sensitive);
	if (e.context) e.context = redact(e.context, sensitive);
	return error;
}

const defined = (key: string, value: string | undefined): IDataObject => (value === undefined ? {} : { [key]: value });

/**
 * The normalised result, always in the same shape. After a send, a signer the provider's answer does not name
 * (Signicat returns no signer name) is named from the input, by position, when the answer has one entry per signer.
 */
function envelopeOutput(envelope: NeutralEnvelope, sensitive: string[] = [], sent?: SendInput['signers']): IDataObject {
	const given = sent && sent.length === envelope.signers.length ? sent : undefined;
	const out = {
		provider: envelope.provider,
		envelopeId: String(envelope.envelopeId),
		status: envelope.status,
		signers: envelope.signers.map((s, index) => ({
			// Left out (not undefined) when neither the provider nor the input names the signer.
			...defined('name', s.name ?? given?.[index].name),
			...defined('email', s.email ?? given?.[index].email),
			status: s.status,
			...(s.signingUrl ? { signingUrl: s.signingUrl } : {}),
			...(s.signedAt ? { signedAt: s.signedAt } : {}),
		})),
		providerResponse: envelope.providerResponse,
	};
	return redact(out as unknown as IDataObject, sensitive);
}

/** The neutral send input of one item, checked; nothing is sent when this throws. */
export function sendInput(ctx: IExecuteFunctions, itemIndex: number, adapter: ESignAdapter): SendInput {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const checked = validate(
		ctx,
		sendSchema,
		{
			binaryPropertyNames: splitList(ctx.getNodeParameter('binaryPropertyNames', itemIndex, 'data')),
			title: ctx.getNodeParameter('title', itemIndex, ''),
			signers: rows(ctx.getNodeParameter('signers', itemIndex, {}), 'signer'),
			message: options.message,
			signingOrder: options.signingOrder,
			dueDate: options.dueDate,
		},
		itemIndex,
		LABELS,
	);
	const binary = ctx.getInputData()[itemIndex]?.binary ?? {};
	for (const name of checked.binaryPropertyNames) {
		if (binary[name]) continue;
		const present = Object.keys(binary);
		throw new NodeOperationError(ctx.getNode(), `The input item has no binary field "${name}" (from "${LABELS.binaryPropertyNames}") [item ${itemIndex}]`, {
			itemIndex,
			description: present.length
				? `Its binary fields are: ${present.join(', ')}. Put their names in "${LABELS.binaryPropertyNames}".`
				: 'The item carries no file: put the document in it first (e.g. Read/Write Files from Disk, or HTTP Request with Response Format File).',
		});
	}
	const input: SendInput = {
		binaryPropertyNames: checked.binaryPropertyNames,
		title: checked.title,
		signers: checked.signers.map((s) => ({ name: s.name, email: s.email, ...(s.phone ? { phone: s.phone } : {}), ...(s.nationalId ? { nationalId: s.nationalId } : {}) })),
		providerOptions: ctx.getNodeParameter(optionsName(adapter.provider), itemIndex, {}) as IDataObject,
	};
	if (checked.message) input.message = checked.message;
	if (checked.signingOrder !== 'default') input.signingOrder = checked.signingOrder;
	if (checked.dueDate) input.dueDate = checked.dueDate;
	const refusal = sendRefusal(adapter.capabilities, input);
	if (refusal) throw refusalError(ctx.getNode(), adapter, refusal, itemIndex);
	return input;
}

function envelopeIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return validate(ctx, idSchema, { envelopeId: ctx.getNodeParameter('envelopeId', itemIndex, '') }, itemIndex, LABELS).envelopeId;
}

const send: OperationHandler<ESignAdapter> = async function (this: IExecuteFunctions, itemIndex, adapter) {
	const input = sendInput(this, itemIndex, adapter);
	const sensitive = input.signers.map((s) => s.nationalId).filter((v): v is string => !!v);
	try {
		return envelopeOutput(await adapter.send(this, itemIndex, input), sensitive, input.signers);
	} catch (error) {
		throw scrubbed(error, sensitive);
	}
};

const getStatus: OperationHandler<ESignAdapter> = async function (this: IExecuteFunctions, itemIndex, adapter) {
	return envelopeOutput(await adapter.getStatus(this, itemIndex, envelopeIdOf(this, itemIndex)));
};

const download: OperationHandler<ESignAdapter> = async function (this: IExecuteFunctions, itemIndex, adapter) {
	const files = this.getNodeParameter('files', itemIndex, 'signed') as 'signed' | 'auditTrail' | 'both';
	const envelopeId = envelopeIdOf(this, itemIndex);
	const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!binaryPropertyName) throw new NodeOperationError(this.getNode(), 'Enter a name for "Put Output File in Field"', { itemIndex });
	const refusal = downloadRefusal(adapter.capabilities, files);
	if (refusal) throw refusalError(this.getNode(), adapter, refusal, itemIndex);
	const out: INodeExecutionData[] = [];
	for (const what of files === 'both' ? (['signed', 'auditTrail'] as const) : [files]) {
		for (const item of await adapter.download(this, itemIndex, envelopeId, what, binaryPropertyName)) {
			const file = item.binary?.[binaryPropertyName];
			out.push({
				json: redact({
					provider: adapter.provider,
					envelopeId,
					file: what,
					fileName: file?.fileName,
					mimeType: file?.mimeType,
					providerResponse: item.json,
				}),
				binary: item.binary,
			});
		}
	}
	return out;
};

const cancel: OperationHandler<ESignAdapter> = async function (this: IExecuteFunctions, itemIndex, adapter) {
	const envelopeId = envelopeIdOf(this, itemIndex);
	const refusal = cancelRefusal(adapter.capabilities);
	if (refusal) throw refusalError(this.getNode(), adapter, refusal, itemIndex);
	const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '').trim();
	const answer = await adapter.cancel(this, itemIndex, envelopeId, reason || undefined);
	return redact({ provider: adapter.provider, envelopeId, cancelled: true, method: adapter.capabilities.cancel, providerResponse: answer });
};

export const OPERATIONS: Record<string, OperationHandler<ESignAdapter>> = { send, getStatus, download, cancel };
