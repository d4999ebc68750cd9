/**
 * One poll of the EasyInk Trigger with explicit settings: used by the EasyInk Trigger node and by the E-Signature
 * adapter (`nodes/EasyInk/esign.ts`), so both have the same guarantees (`pollEvents`: first activation fires nothing,
 * each event once, bounded and validated memory, a changed event choice is a new baseline). The memory lives in the
 * static data of whichever trigger node polls.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { PollEvent } from '../../shared/polling';
import { pollEvents } from '../../shared/polling';
import { getSession } from '../actions/session/get.operation';
import { searchPage } from '../actions/session/search.operation';
import type { EasyInkClient } from '../transport';
import { easyInkClient } from '../transport';
import { EASYINK_EVENTS, type EventChoice, readChanges } from './read';
import { readMemory, writeMemory } from './state';

export interface EasyInkPollSettings {
	/** The events that fire (at least one). */
	events: EventChoice[];
	/** Read each session that fires (participants, signed document IDs): one more request per event. */
	includeDetails: boolean;
	/** Simplified event items (the same names as the action node's); otherwise the search item and the session. */
	simplify: boolean;
}

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

/** One poll (or, in manual mode, one recent example). `null` when nothing fires. */
export async function pollEasyInk(ctx: IPollFunctions, settings: EasyInkPollSettings): Promise<INodeExecutionData[][] | null> {
	const { events, includeDetails, simplify } = settings;
	const client = await easyInkClient(ctx);
	const staticData = ctx.getWorkflowStaticData('node');
	return await pollEvents(ctx, {
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
