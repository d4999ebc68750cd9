/**
 * The provider-neutral e-signature contract: what the "E-Signature" node and trigger ask of each provider, in one
 * vocabulary. Each provider implements it in `nodes/<Provider>/esign.ts` on top of its own operations and trigger
 * logic (no second implementation of any request or any polling). The neutral node checks a choice against the
 * provider's capabilities before any request.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';

export const ESIGN_PROVIDERS = ['nextsign', 'signicat', 'penneo', 'optimaite', 'easyink'] as const;
export type ESignProvider = (typeof ESIGN_PROVIDERS)[number];

/** An envelope's state, whatever the provider calls it (case, session, case file, envelope). */
export type EnvelopeStatus = 'draft' | 'sent' | 'in_progress' | 'completed' | 'declined' | 'expired' | 'voided';
/** A signer's state. `unknown` when the provider does not say (or the sources disagree). */
export type SignerStatus = 'pending' | 'viewed' | 'signed' | 'declined' | 'unknown';

export interface SignerInput {
	name: string;
	email: string;
	/** E.164 or the provider's documented format; only where the provider supports it. */
	phone?: string;
	/** National id number (CPR, personnummer, …); only where the provider supports it. Never output or logged. */
	nationalId?: string;
}

export interface SendInput {
	/** The input item's binary fields, one document each, in order. */
	binaryPropertyNames: string[];
	title: string;
	message?: string;
	signers: SignerInput[];
	/** Left out: the provider's default. */
	signingOrder?: 'sequential' | 'parallel';
	/** ISO 8601 date-time. */
	dueDate?: string;
	/** Values of this provider's "Provider Options" collection (see `ESignAdapter.sendOptions`). */
	providerOptions: IDataObject;
}

export interface NeutralSigner {
	name?: string;
	email?: string;
	status: SignerStatus;
	/** Where this signer signs, when the provider returns a link. */
	signingUrl?: string;
	/** ISO time, when known. */
	signedAt?: string;
}

export interface NeutralEnvelope {
	provider: ESignProvider;
	/** The id every other neutral operation takes (case id, session id, case file id, envelope id, session id). */
	envelopeId: string;
	status: EnvelopeStatus;
	signers: NeutralSigner[];
	/** The provider's own answer, secrets and national ids masked. */
	providerResponse: IDataObject;
}

export type NeutralEventName = 'signer.signed' | 'completed' | 'declined' | 'expired';

export interface NeutralEvent {
	provider: ESignProvider;
	envelopeId: string;
	event: NeutralEventName;
	/** For `signer.signed`. */
	signer?: NeutralSigner;
	/** ISO time the provider gives for it, when it gives one. */
	occurredAt?: string;
	/** The provider trigger's own event item, masked. */
	providerEvent: IDataObject;
}

/** What a provider can honour. The neutral node rejects other choices before any request, naming provider and field. */
export interface Capabilities {
	sequentialOrder: boolean;
	parallelOrder: boolean;
	nationalId: boolean;
	phone: boolean;
	dueDate: boolean;
	message: boolean;
	multipleDocuments: boolean;
	/** How Cancel works: voiding keeps a record, deleting removes it; false: not possible through the API. */
	cancel: 'void' | 'delete' | false;
	/** Whether a separate audit trail / signing evidence document can be downloaded. */
	auditTrail: boolean;
	/** The neutral events the provider's trigger can fire dependably. */
	events: Record<NeutralEventName, boolean>;
	/** Most signers per envelope, when the provider documents a limit. */
	maxSigners?: number;
}

export interface ESignAdapter {
	provider: ESignProvider;
	/** As users know it: "NextSign". */
	displayName: string;
	/** The provider's credential type, e.g. `nextSignApi`. */
	credentialType: string;
	capabilities: Capabilities;
	/** Fields of the Send for Signature "Provider Options" collection shown for this provider. */
	sendOptions: INodeProperties[];
	/** Fields of the trigger's "Provider Options" collection (what to watch: cases, folder…), if any. */
	triggerOptions?: INodeProperties[];
	send(ctx: IExecuteFunctions, itemIndex: number, input: SendInput): Promise<NeutralEnvelope>;
	getStatus(ctx: IExecuteFunctions, itemIndex: number, envelopeId: string): Promise<NeutralEnvelope>;
	/** One output item per file, the file in `binaryPropertyName`. */
	download(
		ctx: IExecuteFunctions,
		itemIndex: number,
		envelopeId: string,
		what: 'signed' | 'auditTrail',
		binaryPropertyName: string,
	): Promise<INodeExecutionData[]>;
	cancel(ctx: IExecuteFunctions, itemIndex: number, envelopeId: string, reason?: string): Promise<IDataObject>;
	/**
	 * One poll of the provider's own trigger logic for the chosen neutral events, with the same guarantees (first
	 * activation fires nothing, each event once, bounded state). `null` when nothing is new.
	 */
	poll(ctx: IPollFunctions, events: NeutralEventName[], providerOptions: IDataObject): Promise<NeutralEvent[] | null>;
}
