import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { PollEvent } from '../shared/polling';
import { pollEvents } from '../shared/polling';
import type { NextSignClient } from './transport';
import { nextSignClient } from './transport';
import type { EventChoice, EventName } from './trigger/events';
import { createdEvent, endingEvent, NEXTSIGN_EVENTS, recipientEvents } from './trigger/events';
import { casesById, listPage } from './trigger/lists';
import { pollCases } from './trigger/poll';
import { readState, writeState } from './trigger/state';

export { NEXTSIGN_EVENTS, recipientEvents } from './trigger/events';

export class NextSignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NextSign Trigger',
		name: 'nextSignTrigger',
		icon: { light: 'file:../../icons/nextsign.svg', dark: 'file:../../icons/nextsign.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when NextSign cases are created, signed, denied or expire, or a recipient signs',
		defaults: { name: 'NextSign Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nextSignApi', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Case Created', value: 'caseCreated', description: 'A new case appears' },
					{ name: 'Case Denied', value: 'caseDenied', description: 'A recipient refused to sign (the case is listed as denied)' },
					{ name: 'Case Expired', value: 'caseExpired', description: 'A case’s availability ran out before it was signed (reads each open case once, then at its expiry date)' },
					{ name: 'Case Signed', value: 'caseSigned', description: 'Every recipient has signed (the case is listed as signed)' },
					{ name: 'Recipient Signed', value: 'recipientSigned', description: 'One recipient has signed (reads the changed cases’ details)' },
				],
				default: ['caseSigned'],
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add filter',
				default: {},
				options: [{ displayName: 'Folder', name: 'folder', type: 'string', default: '', placeholder: 'Default', description: 'Only cases in this folder' }],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as EventChoice[];
		if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event in "Events"');
		const folder = String((this.getNodeParameter('filters', {}) as IDataObject).folder ?? '').trim() || undefined;
		return await pollNextSign(this, { events, folder });
	}
}

/** What a NextSign poll watches: the trigger's fields as explicit values. */
export interface NextSignPollSettings {
	events: EventChoice[];
	/** Only cases in this folder. */
	folder?: string;
}

/**
 * One poll of the NextSign Trigger's logic (used by the NextSign Trigger and the E-Signature adapter; each node keeps
 * its own static data): the first activation and any change of `settings` fire nothing; every event fires once.
 */
export async function pollNextSign(ctx: IPollFunctions, settings: NextSignPollSettings): Promise<INodeExecutionData[][] | null> {
	const folder = settings.folder?.trim() || undefined;
	const client = await nextSignClient(ctx);
	if (!client.company) throw new NodeOperationError(ctx.getNode(), 'The NextSign credential has no company ID');
	const wanted = new Set<EventName>(settings.events.map((e) => NEXTSIGN_EVENTS[e]).filter(Boolean));
	const staticData = ctx.getWorkflowStaticData('node') as IDataObject;
	const { state, reset } = readState(staticData);
	if (reset && staticData.initialized === true) ctx.logger?.warn?.('The NextSign Trigger’s saved open cases were unreadable: this poll rebuilds them and fires no signature, ending or expiry.');

	const result = await pollEvents(ctx, {
		// What decides what is watched or fires: a change is a new baseline (nothing from before it fires).
		scope: { settings: JSON.stringify({ events: [...wanted].sort(), folder: folder ?? '' }) },
		emit: (event) => wanted.has(event.json.event as EventName) && event.json.__quiet !== true,
		// Recipient and ending keys are read again only when their case changes: remember them for a long time.
		retentionMs: 400 * 24 * 3600_000,
		maxKeys: 100_000,
		fetch: async (since, mode) => {
			if (mode.manual) return { events: await sample(client, wanted, folder) };
			return await pollCases({ client, folder, wanted, state, quiet: mode.baseline || reset, now: Date.now() }, since ?? Date.now(), mode);
		},
	});
	// Only a poll that succeeded gets here: a failed one leaves every saved field as it was.
	if (ctx.getMode() !== 'manual') writeState(staticData, state);
	return result;
}

/** "Fetch Test Event": a few recent cases of each chosen kind, nothing remembered. */
async function sample(client: NextSignClient, wanted: Set<EventName>, folder: string | undefined): Promise<PollEvent[]> {
	const found: PollEvent[] = [];
	if (wanted.has(NEXTSIGN_EVENTS.caseCreated)) for (const c of await listPage(client, { folder }, 20, 0)) found.push(createdEvent(c.entry));
	for (const [status, event] of [
		['signed', NEXTSIGN_EVENTS.caseSigned],
		['denied', NEXTSIGN_EVENTS.caseDenied],
	] as const) {
		if (!wanted.has(event) && !(status === 'signed' && wanted.has(NEXTSIGN_EVENTS.recipientSigned))) continue;
		const listed = await listPage(client, { status, folder }, 10, 0);
		if (wanted.has(event)) for (const c of listed) found.push(endingEvent(c.entry, status));
		if (status === 'signed' && wanted.has(NEXTSIGN_EVENTS.recipientSigned) && listed.length) {
			for (const d of (await casesById(client, listed.slice(0, 3).map((c) => c.id), true)).values()) found.push(...recipientEvents(d, 'signed'));
		}
	}
	if (wanted.has(NEXTSIGN_EVENTS.caseExpired)) {
		const open = await listPage(client, { status: 'pending', folder }, 20, 0);
		for (const d of (await casesById(client, open.map((c) => c.id), false)).values()) {
			if (((d.settings as IDataObject | undefined)?.availability as IDataObject | undefined)?.isExpired === true) found.push(endingEvent(d, 'expired', d));
		}
	}
	return found;
}
