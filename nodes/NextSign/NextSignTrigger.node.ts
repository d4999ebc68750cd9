import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { PollEvent } from '../shared/polling';
import { pollEvents } from '../shared/polling';
import type { NextSignClient } from './transport';
import { NEXTSIGN_DOCS_URL, nextSignClient } from './transport';
import { simplifyCase, simplifyRecipient } from './actions/simplify';
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
		// 2: Simplify (version 1 keeps the items it always gave).
		version: [1, 2],
		defaultVersion: 2,
		documentationUrl: NEXTSIGN_DOCS_URL,
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
					{ name: 'Case Created', value: 'caseCreated', description: 'A new case is created' },
					{ name: 'Case Denied', value: 'caseDenied', description: 'A recipient refused to sign' },
					{ name: 'Case Expired', value: 'caseExpired', description: 'A case could no longer be signed because its availability ran out' },
					{ name: 'Case Signed', value: 'caseSigned', description: 'Every recipient has signed' },
					{ name: 'Recipient Signed', value: 'recipientSigned', description: 'One recipient has signed' },
				],
				default: ['caseSigned'],
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add filter',
				default: {},
				options: [{ displayName: 'Folder', name: 'folder', type: 'string', default: '', placeholder: 'e.g. Default', description: 'Only cases in this folder' }],
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to return a simplified version of the response instead of the raw data',
				displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as EventChoice[];
		if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event in "Events"');
		const folder = String((this.getNodeParameter('filters', {}) as IDataObject).folder ?? '').trim() || undefined;
		const found = await pollNextSign(this, { events, folder });
		if (this.getMode() === 'manual' && !found?.[0]?.length) {
			throw new NodeOperationError(this.getNode(), 'No case to show for the chosen events yet', {
				description: `NextSign has no ${events.map((e) => EVENT_NOUNS[e]).join(', or ')}${folder ? ` in folder "${folder}"` : ''} yet. Create or sign a case in NextSign, or choose Case Created, then fetch again.`,
			});
		}
		const simplify = this.getNode().typeVersion >= 2 && this.getNodeParameter('simplify', true) !== false;
		return simplify && found ? [found[0].map((item) => ({ ...item, json: simplifyEvent(item.json) }))] : found;
	}
}

/** What each event looks for, in the words of the "nothing to show" message. */
const EVENT_NOUNS: Record<EventChoice, string> = {
	caseCreated: 'case',
	caseDenied: 'denied case',
	caseExpired: 'expired open case',
	caseSigned: 'signed case',
	recipientSigned: 'signed case with recipients',
};

/** A trigger item with Simplify on: the same names as the action node's simplified case. */
export function simplifyEvent(json: IDataObject): IDataObject {
	const out: IDataObject = { event: json.event, caseId: json.caseId, title: json.title ?? null, folder: json.folder ?? null, createdAt: json.createdAt ?? null, updatedAt: json.updatedAt ?? null };
	if (json.status !== undefined) out.status = json.status;
	if (json.recipient && typeof json.recipient === 'object') out.recipient = simplifyRecipient(json.recipient as IDataObject);
	if (json.case && typeof json.case === 'object') out.case = simplifyCase(json.case as IDataObject);
	return out;
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
