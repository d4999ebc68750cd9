import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { PollEvent } from '../shared/polling';
import { newest, pollEvents, toMs } from '../shared/polling';
import { listSessionPage, listSessions } from './actions/signingSession/getMany.operation';
import { publicSession, SIGNICAT, signicatClient } from './transport';

export const SIGNICAT_EVENTS = ['signed', 'rejected', 'final', 'stateChanged'] as const;
type EventChoice = (typeof SIGNICAT_EVENTS)[number];

/** A session's current state is one event, keyed by session and state: each fires once. */
export function sessionEvent(session: IDataObject): PollEvent {
	const id = String(session.id);
	const lifecycle = (session.lifecycle as IDataObject) ?? {};
	const state = String(lifecycle.state ?? 'UNKNOWN');
	const output = (session.output as IDataObject) ?? {};
	const resultDocumentIds = [
		...((output.signatures as IDataObject[]) ?? []).map((s) => s.resultDocumentId),
		...((output.packages as IDataObject[]) ?? []).map((p) => p.resultDocumentId),
	].filter((d): d is string => typeof d === 'string' && d !== '');
	return {
		key: `${id}:state:${state}`,
		time: toMs(session[SIGNICAT.fields.createdAt]),
		json: {
			event: `session.${state.toLowerCase()}`,
			sessionId: id,
			state,
			stateIsFinal: lifecycle.stateIsFinal === true,
			title: session.title,
			externalReference: session.externalReference ?? null,
			createdAt: session[SIGNICAT.fields.createdAt],
			resultDocumentIds,
			session: publicSession(session),
		},
	};
}

function wanted(choices: EventChoice[]) {
	return (event: PollEvent) => {
		if (choices.includes('stateChanged')) return true;
		if (choices.includes('final') && event.json.stateIsFinal === true) return true;
		if (choices.includes('signed') && event.json.state === SIGNICAT.signedState) return true;
		return choices.includes('rejected') && event.json.state === SIGNICAT.rejectedState;
	};
}

/** States a "Fetch Test Event" asks for, so the sample matches the chosen events. */
function sampleStates(choices: EventChoice[]): string[] {
	if (choices.includes('stateChanged')) return [];
	if (choices.includes('final')) return SIGNICAT.states.filter((s) => !(SIGNICAT.openStates as readonly string[]).includes(s));
	const out: string[] = [];
	if (choices.includes('signed')) out.push(SIGNICAT.signedState);
	if (choices.includes('rejected')) out.push(SIGNICAT.rejectedState);
	return out;
}

interface WindowState {
	initialized?: boolean;
	/** Creation time (ms) of the oldest session that was still open at the last poll. */
	openFrom?: number;
}

export class SignicatTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Signicat Trigger',
		name: 'signicatTrigger',
		icon: { light: 'file:../../icons/signicat.svg', dark: 'file:../../icons/signicat.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Signicat signing sessions are signed, rejected, finished or change state',
		defaults: { name: 'Signicat Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'signicatOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Session Reached a Final State', value: 'final', description: 'Signed, rejected, expired or any other final state' },
					{ name: 'Session Rejected', value: 'rejected', description: 'The signer rejected the session' },
					{ name: 'Session Signed', value: 'signed', description: 'The signer signed; the signed documents can be downloaded' },
					{ name: 'Session State Changed', value: 'stateChanged', description: 'Any new state, including the first state of a new session' },
				],
				default: ['signed'],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const choices = this.getNodeParameter('events', []) as EventChoice[];
		if (!choices.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event in "Events"');
		const client = await signicatClient(this);
		const staticData = this.getWorkflowStaticData('node') as WindowState & IDataObject;
		return await pollEvents(this, {
			emit: wanted(choices),
			fetch: async (since, { manual }) => {
				if (manual) {
					const page = await listSessionPage(client, { sort: '-createdAt', states: sampleStates(choices) }, 0, 10);
					return { events: page.data.map(sessionEvent) };
				}
				// Signicat has no "changed since" filter: read the sessions created since the oldest one still open
				// (they are the only ones whose state can change) or since the newest seen, whichever is older.
				let openFrom = staticData.openFrom;
				if (staticData.initialized !== true) {
					const oldestOpen = await listSessionPage(client, { sort: '+createdAt', states: SIGNICAT.openStates }, 0, 1);
					openFrom = toMs(oldestOpen.data[0]?.[SIGNICAT.fields.createdAt]);
				}
				const from = Math.min(since ?? Date.now(), openFrom ?? Number.POSITIVE_INFINITY);
				const sessions = await listSessions(
					undefined,
					client,
					{ createdDateFrom: new Date(from).toISOString(), sort: '+createdAt' },
					{ returnAll: true, limit: 0 },
				);
				const stillOpen = sessions.filter((s) => ((s.lifecycle as IDataObject) ?? {}).stateIsFinal !== true);
				const openTimes = stillOpen.map((s) => toMs(s[SIGNICAT.fields.createdAt])).filter((t): t is number => t !== undefined);
				// Every request has succeeded: nothing after this point can fail, so the window may move.
				if (openTimes.length) staticData.openFrom = Math.min(...openTimes);
				else delete staticData.openFrom;
				const events = sessions.map(sessionEvent);
				return { events, newestTime: newest(...events.map((e) => e.time)) };
			},
		});
	}
}
