import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { PollEvent } from '../shared/polling';
import { newest, pollEvents, toMs } from '../shared/polling';
import { listSessionPage, listSessions } from './actions/signingSession/getMany.operation';
import type { SignicatClient } from './transport';
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
	/**
	 * Provider time (ms) no open session, and no session created later, is older than: the sessions whose state
	 * can still change all sit in the window from here.
	 */
	openFrom?: number;
	/** The oldest open session when `openFrom` was read: once it ends, the next poll moves the window. */
	oldestOpenId?: string;
	/** Window start read after the last poll's list (the oldest open one had ended); used from the poll after. */
	nextOpenFrom?: number;
	/** Sessions in a listed final state known in the window: id → creation time (ms). */
	finals?: Record<string, number>;
	/** Sessions in any other final state (a state this node does not list): id → creation time (ms). */
	otherFinals?: Record<string, number>;
	/** When the whole window was last read (n8n clock, ms). */
	fullReadAt?: number;
}

/** Final states the list can be filtered by: a session enters this list once, when it ends, and stays. */
export const FINAL_STATES = SIGNICAT.states.filter((s) => !(SIGNICAT.openStates as readonly string[]).includes(s));
/** First page of the final-state list: small, since a poll with nothing new needs only its total. */
export const FIRST_PAGE = 100;
/** The whole window is read at least this often, to reconcile what the counts cannot see (deleted sessions). */
export const FULL_READ_EVERY_MS = 24 * 3600_000;
const LOOKBACK_MS = 5 * 60_000;

const createdMs = (s: IDataObject) => toMs(s[SIGNICAT.fields.createdAt]);
const isFinal = (s: IDataObject) => ((s.lifecycle as IDataObject) ?? {}).stateIsFinal === true;
const stateOf = (s: IDataObject) => String(((s.lifecycle as IDataObject) ?? {}).state ?? '');

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
		const everyState = choices.includes('stateChanged');
		return await pollEvents(this, {
			lookbackMs: LOOKBACK_MS,
			emit: wanted(choices),
			fetch: async (since, { manual }) => {
				if (manual) {
					const page = await listSessionPage(client, { sort: '-createdAt', states: sampleStates(choices) }, 0, 10);
					return { events: page.data.map(sessionEvent) };
				}
				const now = Date.now();
				const counted =
					!everyState &&
					staticData.initialized === true &&
					staticData.finals !== undefined &&
					staticData.openFrom !== undefined &&
					now - (staticData.fullReadAt ?? 0) < FULL_READ_EVERY_MS;
				if (counted) {
					const result = await readNewFinals(client, staticData, since, now);
					if (result) return result;
				}
				return await readWindow(client, staticData, since, now, everyState);
			},
		});
	}
}

/**
 * Reads every session of the window (used by "State Changed", on activation, and once a day otherwise).
 * Signicat has no "changed since" filter: the window starts at the oldest session still open (the only ones
 * whose state can change) or at the newest seen, whichever is older.
 */
async function readWindow(client: SignicatClient, staticData: WindowState, since: number | undefined, now: number, everyState: boolean) {
	let openFrom = staticData.openFrom;
	if (staticData.initialized !== true) {
		const oldestOpen = await listSessionPage(client, { sort: '+createdAt', states: SIGNICAT.openStates }, 0, 1);
		openFrom = createdMs(oldestOpen.data[0] ?? {});
	}
	const from = Math.min(since ?? now, openFrom ?? Number.POSITIVE_INFINITY);
	const sessions = await listSessions(undefined, client, { createdDateFrom: new Date(from).toISOString(), sort: '+createdAt' }, { returnAll: true, limit: 0 });
	const open = sessions.filter((s) => !isFinal(s));
	const oldestOpen = open.reduce<IDataObject | undefined>((a, s) => (a && (createdMs(a) ?? 0) <= (createdMs(s) ?? 0) ? a : s), undefined);
	// Every request has succeeded: nothing after this point can fail, so the window may move.
	if (everyState) {
		// The next poll reads every session created since the newest seen anyway: the open ones bound the window.
		if (oldestOpen) staticData.openFrom = createdMs(oldestOpen);
		else delete staticData.openFrom;
		delete staticData.finals;
		delete staticData.otherFinals;
		delete staticData.oldestOpenId;
		delete staticData.nextOpenFrom;
		delete staticData.fullReadAt;
		const events = sessions.map(sessionEvent);
		return { events, newestTime: newest(...events.map((e) => e.time)) };
	}
	// Later polls read only final sessions: sessions created after this read must still fall in the window.
	const bound = now - LOOKBACK_MS;
	const oldestOpenTime = oldestOpen ? createdMs(oldestOpen) : undefined;
	staticData.openFrom = Math.min(oldestOpenTime ?? bound, bound);
	staticData.oldestOpenId = oldestOpenTime !== undefined && oldestOpenTime <= bound ? String(oldestOpen!.id) : undefined;
	if (staticData.oldestOpenId === undefined) delete staticData.oldestOpenId;
	delete staticData.nextOpenFrom;
	const known = staticData.finals;
	const knownOther = staticData.otherFinals ?? {};
	const finals: Record<string, number> = {};
	const otherFinals: Record<string, number> = {};
	const fresh: IDataObject[] = [];
	for (const s of sessions) {
		if (!isFinal(s)) continue;
		const id = String(s.id);
		const listed = (FINAL_STATES as readonly string[]).includes(stateOf(s));
		(listed ? finals : otherFinals)[id] = createdMs(s) ?? from;
		if (!known || !(id in known || id in knownOther)) fresh.push(s);
	}
	staticData.finals = finals;
	staticData.otherFinals = otherFinals;
	staticData.fullReadAt = now;
	const events = fresh.map(sessionEvent);
	return { events, newestTime: newest(...sessions.map(createdMs)) };
}

/**
 * A poll for final states: sessions only ever join the list of final sessions, so its total minus the final
 * sessions already known in the window is exactly how many are new. The first page (newest first) answers
 * whether anything is new, and reading stops once every new one was found. Returns undefined when the list
 * is shorter than what is known (sessions were deleted): the caller then reads the whole window.
 */
async function readNewFinals(client: SignicatClient, staticData: WindowState, since: number | undefined, now: number) {
	const previousFrom = staticData.openFrom!;
	const from = Math.min(since ?? now, previousFrom);
	const inWindow = (entries: Record<string, number>) => Object.fromEntries(Object.entries(entries).filter(([, t]) => t >= from));
	const known = inWindow(staticData.finals ?? {});
	const knownCount = Object.keys(known).length;
	const query = { states: FINAL_STATES, createdDateFrom: new Date(from).toISOString(), sort: '-createdAt' };
	const found = new Map<string, IDataObject>();
	let offset = 0;
	let limit = FIRST_PAGE;
	for (;;) {
		const page = await listSessionPage(client, query, offset, limit);
		if (page.total !== undefined && page.total < knownCount) return undefined;
		for (const s of page.data) {
			const id = String(s.id);
			if (!(id in known)) found.set(id, s);
		}
		if (page.total !== undefined && found.size >= page.total - knownCount) break;
		if (page.data.length < limit) break;
		offset += page.data.length;
		limit = SIGNICAT.limits.listLimitMax;
		if (offset > SIGNICAT.limits.listOffsetMax) break;
	}
	const fresh = [...found.values()];
	// A window start read at an earlier poll holds for every poll after the one that followed it: sessions that
	// ended between that read and this poll's list were still open then, so none of them is older.
	const openFrom = Math.max(previousFrom, staticData.nextOpenFrom ?? previousFrom);
	let oldestOpenId = staticData.oldestOpenId;
	let nextOpenFrom: number | undefined;
	if (fresh.length > 0 && (oldestOpenId === undefined || found.has(oldestOpenId))) {
		// The oldest open session ended: read the new oldest one, used from the poll after next.
		const oldest = (await listSessionPage(client, { sort: '+createdAt', states: SIGNICAT.openStates }, 0, 1)).data[0];
		const bound = Date.now() - LOOKBACK_MS;
		const oldestTime = oldest ? createdMs(oldest) : undefined;
		nextOpenFrom = Math.min(oldestTime ?? bound, bound);
		oldestOpenId = oldest && oldestTime !== undefined && oldestTime <= bound ? String(oldest.id) : undefined;
	}
	// Every request has succeeded: nothing after this point can fail, so the window may move.
	for (const s of fresh) known[String(s.id)] = createdMs(s) ?? from;
	staticData.finals = known;
	staticData.otherFinals = inWindow(staticData.otherFinals ?? {});
	staticData.openFrom = openFrom;
	if (nextOpenFrom !== undefined) staticData.nextOpenFrom = nextOpenFrom;
	else delete staticData.nextOpenFrom;
	if (oldestOpenId !== undefined) staticData.oldestOpenId = oldestOpenId;
	else delete staticData.oldestOpenId;
	const events = fresh.map(sessionEvent);
	return { events, newestTime: newest(...events.map((e) => e.time)) };
}
