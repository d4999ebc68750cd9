import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { NeutralEvent, NeutralEventName } from '../shared/esign';
import { redact } from '../shared/redact';
import { adapterFor, ADAPTERS } from './adapters';
import { EVENT_NAMES, eventRefusal, refusalError } from './capabilities';
import { DOCS_URL, providerCredentials, triggerOptionsName, triggerProperties } from './descriptions';

/** The trigger's own field in the node's static data, beside what the provider's trigger logic keeps. */
const WATCHING = 'eSignatureWatching';

const EVENTS = Object.keys(EVENT_NAMES) as NeutralEventName[];

/**
 * What the state in static data was written for: the provider and the credential (another account's history is
 * history too). Anything else there belongs to that provider's trigger logic.
 */
function watching(ctx: IPollFunctions, provider: string, credentialType: string): string {
	const credential = ctx.getNode().credentials?.[credentialType];
	return `${provider}:${credential?.id ?? credential?.name ?? ''}`;
}

/**
 * A new provider or credential starts from nothing, exactly like a first activation: the provider's trigger logic
 * then remembers what exists and fires nothing. Its own fields are never read for another provider (they would
 * mean something else there), and a value of the wrong type or from another version counts as a change.
 */
function claimState(ctx: IPollFunctions, scope: string): void {
	const data = ctx.getWorkflowStaticData('node');
	if (data[WATCHING] === scope) return;
	for (const key of Object.keys(data)) delete data[key];
	data[WATCHING] = scope;
}

function eventOutput(event: NeutralEvent): IDataObject {
	return redact({
		provider: event.provider,
		envelopeId: event.envelopeId,
		event: event.event,
		...(event.signer ? { signer: event.signer } : {}),
		occurredAt: event.occurredAt ?? null,
		providerEvent: event.providerEvent,
	} as unknown as IDataObject);
}

export class ESignatureTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'E-Signature Trigger',
		name: 'eSignatureTrigger',
		icon: { light: 'file:../../icons/esignature.svg', dark: 'file:../../icons/esignature.dark.svg' },
		group: ['trigger'],
		version: 1,
		documentationUrl: DOCS_URL,
		subtitle: '={{$parameter["provider"] + ": " + $parameter["events"].join(", ")}}',
		description: `Starts the workflow when an envelope is completed, declined or expires, or a signer signs, with any of ${ADAPTERS.map((a) => a.displayName).join(', ')}`,
		defaults: { name: 'E-Signature Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: providerCredentials(),
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const provider = this.getNodeParameter('provider') as string;
		const adapter = adapterFor(provider);
		if (!adapter) {
			throw new NodeOperationError(this.getNode(), `Unknown provider "${provider}" in "Provider"`, {
				description: `Choose one of: ${ADAPTERS.map((a) => a.displayName).join(', ')}.`,
			});
		}
		const chosen = [...new Set(this.getNodeParameter('events', []) as string[])];
		const unknown = chosen.filter((e) => !EVENTS.includes(e as NeutralEventName));
		if (!chosen.length || unknown.length) {
			throw new NodeOperationError(this.getNode(), unknown.length ? `Unknown event "${unknown[0]}" in "Events"` : 'Choose at least one event in "Events"', {
				description: `The events are: ${EVENTS.map((e) => EVENT_NAMES[e]).join(', ')}.`,
			});
		}
		const events = chosen as NeutralEventName[];
		const refusal = eventRefusal(adapter.capabilities, events);
		if (refusal) throw refusalError(this.getNode(), adapter, refusal);
		const options = (adapter.triggerOptions?.length ? this.getNodeParameter(triggerOptionsName(provider), {}) : {}) as IDataObject;

		const manual = this.getMode() === 'manual';
		// Fetch Test Event changes nothing the active trigger remembers.
		if (!manual) claimState(this, watching(this, provider, adapter.credentialType));
		const found = await adapter.poll(this, events, options);
		if (found?.length) return [found.map((event) => ({ json: eventOutput(event) }))];
		if (manual) {
			throw new NodeOperationError(this.getNode(), `No ${events.map((e) => `"${EVENT_NAMES[e]}"`).join(' or ')} event in ${adapter.displayName} to show yet`, {
				description: `Fetch Test Event shows the newest matching event ${adapter.displayName} has. Send a test envelope and sign it (or decline it), then fetch again — or activate the workflow: the trigger fires for what happens from then on.`,
			});
		}
		return null;
	}
}
