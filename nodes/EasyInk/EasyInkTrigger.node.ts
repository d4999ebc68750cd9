import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { PollEvent } from '../shared/polling';
import { pollEvents } from '../shared/polling';
import { getSession } from './actions/session/get.operation';
import { searchPage } from './actions/session/search.operation';
import type { EasyInkClient } from './transport';
import { easyInkClient } from './transport';
import { EASYINK_EVENTS, type EventChoice, readChanges } from './trigger/read';
import { readMemory, writeMemory } from './trigger/state';

export { EASYINK_EVENTS, type EventChoice };

const STARTED = new Set(['Pending', 'InProgress', 'Finished', 'Declined', 'Voided', 'Expired']);
const FINAL: Record<string, string> = {
	Finished: EASYINK_EVENTS.sessionFinished,
	Declined: EASYINK_EVENTS.declined,
	Voided: EASYINK_EVENTS.voided,
	Expired: EASYINK_EVENTS.expired,
};

function wanted(choices: EventChoice[]) {
	const names = new Set(choices.map((c) => EASYINK_EVENTS[c]));
	return (event: PollEvent) => names.has(String(event.json.event) as (typeof EASYINK_EVENTS)[EventChoice]);
}

/** "Fetch Test Event": the newest sessions, the first three read in detail; changes nothing. */
async function sample(client: EasyInkClient, simplify: boolean): Promise<{ events: PollEvent[] }> {
	const items = (await searchPage(client, { sortBy: 'created', descending: true }, 0, 10)).items.filter((i) => STARTED.has(String(i.status)));
	const events: PollEvent[] = [];
	for (const [n, item] of items.entries()) {
		const detail = n < 3 ? await getSession(client, String(item.id)) : undefined;
		const id = String(item.id);
		const base = (event: string): IDataObject =>
			simplify
				? { event, signingSessionId: id, subject: item.subject, status: detail?.status ?? item.status, created: item.created, ...(detail ? { participants: detail.participants } : {}) }
				: { event, signingSessionId: id, session: detail ?? item, searchItem: item };
		const t = Date.parse(String(item.created)) || 0;
		events.push({ key: `${id}:started`, time: t, json: base(EASYINK_EVENTS.started) });
		const final = FINAL[String(item.status)];
		if (final) events.push({ key: `${id}:status`, time: t + 1, json: base(final) });
		for (const p of ((detail?.participants as IDataObject[] | null) ?? []).filter((x) => x.status === 'Signed'))
			events.push({ key: `${id}:${String(p.participantId)}`, time: t, json: { ...base(EASYINK_EVENTS.participantSigned), participant: p } });
	}
	return { events };
}

export class EasyInkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'EasyInk Trigger',
		name: 'easyInkTrigger',
		icon: { light: 'file:../../icons/easyink.svg', dark: 'file:../../icons/easyink.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when EasyInk signing sessions start, are signed, finish, are declined, voided or expire',
		defaults: { name: 'EasyInk Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'easyInkOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Participant Signed', value: 'participantSigned', description: 'A participant signed (once per participant); reads each running session in detail on every poll' },
					{ name: 'Session Declined', value: 'declined', description: 'A participant declined to sign' },
					{ name: 'Session Expired', value: 'expired', description: 'The signing deadline passed' },
					{ name: 'Session Finished', value: 'sessionFinished', description: 'Everyone has signed' },
					{ name: 'Session Started', value: 'started', description: 'Invitations were sent (also when nobody has signed yet)' },
					{ name: 'Session Voided', value: 'voided', description: 'The session was cancelled' },
				],
				default: ['sessionFinished'],
				description: 'Changing the events later starts afresh: the next poll remembers what exists and fires nothing',
			},
			{
				displayName: 'Include Session Details',
				name: 'includeDetails',
				type: 'boolean',
				default: false,
				description:
					'Whether to read each session that fires (participants, signed document IDs), one more request per event. Off, events carry the search result (ID, subject, status, created) — enough to download the signed files.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to return a simplified version of the response instead of the raw data',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as EventChoice[];
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const includeDetails = this.getNodeParameter('includeDetails', false) as boolean;
		if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event in "Events"');
		const client = await easyInkClient(this);
		const staticData = this.getWorkflowStaticData('node');

		return await pollEvents(this, {
			emit: wanted(events),
			// What decides what fires: a change is a new baseline (no history for newly chosen events).
			scope: { settings: JSON.stringify([...events].sort()) },
			fetch: async (_since, mode) => {
				if (mode.manual) return await sample(client, simplify);
				// A baseline (first activation, changed events, damaged state) or a memory that is missing, damaged or
				// from an older version: read everything, remember it, fire nothing.
				const memory = mode.baseline ? undefined : readMemory(staticData);
				const result = await readChanges({
					client,
					memory,
					now: Date.now(),
					watchSigners: events.includes('participantSigned'),
					includeDetails,
					simplify,
					emit: wanted(events),
				});
				// Saved only once everything was read (an error above keeps the previous memory).
				writeMemory(staticData, result.memory);
				return { events: result.events, newestTime: result.newestTime };
			},
		});
	}
}
