/**
 * Capability checks: a choice the chosen provider cannot honour is refused before any request, naming the provider
 * and the field as the editor labels it. The capabilities themselves are the adapters' (`adapter.capabilities`): this
 * file only says which choice needs which capability, and how to word the refusal.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Capabilities, ESignAdapter, NeutralEventName, SendInput } from '../shared/esign';

/** Editor labels of the choices the checks name. */
export const LABELS = {
	binaryPropertyNames: 'Input Binary Fields',
	title: 'Title',
	signers: 'Signers',
	name: 'Name',
	email: 'Email',
	phone: 'Phone',
	nationalId: 'National ID',
	dueDate: 'Due Date',
	message: 'Message',
	signingOrder: 'Signing Order',
	envelopeId: 'Envelope ID',
	files: 'Files',
	reason: 'Reason',
	events: 'Events',
} as const;

export const EVENT_NAMES: Record<NeutralEventName, string> = {
	completed: 'Completed',
	declined: 'Declined',
	expired: 'Expired',
	'signer.signed': 'Signer Signed',
};

/** Why a provider refuses a choice. */
export interface Refusal {
	/** The field as the editor labels it, with its place ("National ID" (signer 2)). */
	field: string;
	/** The value chosen, for choices from a list ("Parallel"); absent when any value is refused. */
	choice?: string;
	/** What the provider cannot do, as the end of a sentence. */
	reason: string;
	/** How to go on. */
	fix: string;
}

const quoted = (label: string) => `"${label}"`;

/** The first choice of a send the provider cannot honour, or undefined. */
export function sendRefusal(capabilities: Capabilities, input: SendInput): Refusal | undefined {
	if (input.signingOrder === 'sequential' && !capabilities.sequentialOrder)
		return {
			field: quoted(LABELS.signingOrder),
			choice: 'Sequential',
			reason: capabilities.maxSigners === 1 ? 'it signs one signer per envelope, so there is no order to keep' : 'its signers cannot be made to sign one after another',
			fix: `Set "${LABELS.signingOrder}" to Provider Default.`,
		};
	if (input.signingOrder === 'parallel' && !capabilities.parallelOrder)
		return {
			field: quoted(LABELS.signingOrder),
			choice: 'Parallel',
			reason: capabilities.maxSigners === 1 ? 'it signs one signer per envelope, so there is no order to keep' : 'its signers cannot sign at the same time',
			fix: `Set "${LABELS.signingOrder}" to Provider Default${capabilities.sequentialOrder ? ' or Sequential' : ''}.`,
		};
	if (capabilities.maxSigners !== undefined && input.signers.length > capabilities.maxSigners)
		return {
			field: quoted(LABELS.signers),
			reason: `it takes at most ${capabilities.maxSigners} signer${capabilities.maxSigners === 1 ? '' : 's'} per envelope (${input.signers.length} were given)`,
			fix: 'Send one envelope per signer (split the signers into items), or choose a provider that takes several.',
		};
	if (input.binaryPropertyNames.length > 1 && !capabilities.multipleDocuments)
		return {
			field: quoted(LABELS.binaryPropertyNames),
			reason: `it signs one document per envelope (${input.binaryPropertyNames.length} fields were given)`,
			fix: 'Give one binary field, or merge the documents into one PDF first.',
		};
	const nationalId = input.signers.findIndex((s) => s.nationalId);
	if (nationalId >= 0 && !capabilities.nationalId)
		return {
			field: `${quoted(LABELS.nationalId)} (signer ${nationalId + 1})`,
			reason: 'it takes no national ID number for a signer',
			fix: `Leave "${LABELS.nationalId}" empty for this provider.`,
		};
	const phone = input.signers.findIndex((s) => s.phone);
	if (phone >= 0 && !capabilities.phone)
		return {
			field: `${quoted(LABELS.phone)} (signer ${phone + 1})`,
			reason: 'it takes no phone number for a signer',
			fix: `Leave "${LABELS.phone}" empty for this provider.`,
		};
	if (input.dueDate && !capabilities.dueDate)
		return { field: quoted(LABELS.dueDate), reason: 'it takes no due date', fix: `Remove "${LABELS.dueDate}" from Options.` };
	if (input.message && !capabilities.message)
		return {
			field: quoted(LABELS.message),
			reason: 'it sends no message of yours to the signers',
			fix: `Remove "${LABELS.message}" from Options (send the signing links with your own message instead).`,
		};
	return undefined;
}

export function downloadRefusal(capabilities: Capabilities, files: 'signed' | 'auditTrail' | 'both'): Refusal | undefined {
	if (files !== 'signed' && !capabilities.auditTrail)
		return {
			field: quoted(LABELS.files),
			choice: files === 'both' ? 'Signed Documents and Audit Trail' : 'Audit Trail',
			reason: 'it has no separate audit trail document',
			fix: `Set "${LABELS.files}" to Signed Documents.`,
		};
	return undefined;
}

export function cancelRefusal(capabilities: Capabilities): Refusal | undefined {
	if (capabilities.cancel === false)
		return { field: 'Cancel', reason: 'its API cannot cancel an envelope', fix: 'Cancel the envelope in the provider’s own app.' };
	return undefined;
}

export function eventRefusal(capabilities: Capabilities, events: NeutralEventName[]): Refusal | undefined {
	const refused = events.filter((e) => capabilities.events[e] !== true);
	if (!refused.length) return undefined;
	return {
		field: quoted(LABELS.events),
		choice: refused.map((e) => EVENT_NAMES[e]).join(', '),
		reason: `its trigger cannot fire ${refused.length === 1 ? 'this event' : 'these events'} dependably`,
		fix: `Remove ${refused.map((e) => quoted(EVENT_NAMES[e])).join(' and ')} from "${LABELS.events}".`,
	};
}

/** The refusal as the error users see: `Penneo cannot honour "Signing Order" = Parallel: … [item 0]`. */
export function refusalError(node: INode, adapter: ESignAdapter, refusal: Refusal, itemIndex?: number): NodeOperationError {
	const what = refusal.choice ? `${refusal.field} = ${refusal.choice}` : refusal.field;
	const where = itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
	return new NodeOperationError(node, `${adapter.displayName} cannot honour ${what}: ${refusal.reason}${where}`, {
		...(itemIndex === undefined ? {} : { itemIndex }),
		description: `${refusal.fix} Nothing was sent to ${adapter.displayName}. What each provider can do: the capability table in the README (E-Signature).`,
	});
}

/** "Penneo, Signicat": the providers having a capability, for field descriptions. */
export function providersWith(adapters: readonly ESignAdapter[], has: (c: Capabilities) => boolean): string {
	const names = adapters.filter((a) => has(a.capabilities)).map((a) => a.displayName);
	return names.length ? names.join(', ') : 'none of the providers';
}
