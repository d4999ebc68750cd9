/**
 * One poll of the Optimaite Trigger's logic with explicit settings. The Optimaite Trigger and the E-Signature
 * adapter both call it; each node keeps its own static data (`pollEvents`' fields and `optimaite`, see watch.ts).
 */
import type { IDataObject, INode, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { PollEvent } from '../../shared/polling';
import { newest, pollEvents, toMs } from '../../shared/polling';
import { listCases } from '../actions/case/getMany.operation';
import { listEnvelopes } from '../actions/envelope/getMany.operation';
import { simplifyEvent } from '../actions/simplify';
import type { OptimaiteClient } from '../transport';
import { optimaiteClient } from '../transport';
import type { EventChoice } from './events';
import { envelopeEvents, OPTIMAITE_EVENTS, wanted } from './events';
import type { WatchedCase } from './watch';
import { planPoll, readWatchState, STATE_KEY } from './watch';

/** More active cases than this cannot be watched by polling within Optimaite's rate limits. */
const MAX_ACTIVE_CASES = 1000;
/** How long a case missing from the active list is still known (it may be back in the next listing). */
const ACTIVE_GRACE_MS = 24 * 3600_000;
/** Provider clocks may differ from n8n's: facts this much older than a case's watch start still count as new. */
const CLOCK_TOLERANCE_MS = 60_000;
/** Cases a "Fetch Test Event" reads. */
export const MANUAL_CASES = 5;

export type Watch = 'cases' | 'allActive';

export interface OptimaitePollSettings {
	watch: Watch;
	/** The cases to watch under "Specific Cases". */
	caseIds: string[];
	/** At least one. */
	events: EventChoice[];
	/** Most requests one poll sends (at least 1). */
	maxRequests: number;
	/** Items in the simplified shape (trigger version 2 with Simplify on). */
	simplify?: boolean;
}

const isNotFound = (error: unknown): error is NodeApiError => error instanceof NodeApiError && error.httpCode === '404';

function explainMissingCase(error: unknown, caseId: string): unknown {
	if (isNotFound(error)) {
		error.description = `Case ${caseId} in "Case IDs" does not exist in this Optimaite workspace (a test key sees only test data): remove it or correct it.`;
	}
	return error;
}

/** A case's envelopes; undefined when an active case vanished (deleted) since it was listed. */
async function readCase(client: OptimaiteClient, caseId: string, fromActiveList: boolean): Promise<IDataObject[] | undefined> {
	try {
		return await listEnvelopes(client, caseId);
	} catch (error) {
		if (fromActiveList && isNotFound(error)) return undefined;
		throw explainMissingCase(error, caseId);
	}
}

/**
 * Reads the watched cases' envelopes within the request budget and fires each new fact once (see watch.ts for the
 * budget and the no-history rules). `null` when nothing is new — also for a "Fetch Test Event" with nothing to show
 * (the trigger then says so: `noTestEventError`).
 */
export async function pollOptimaite(ctx: IPollFunctions, settings: OptimaitePollSettings): Promise<INodeExecutionData[][] | null> {
	const events = [...new Set(settings.events)].filter((e): e is EventChoice => e in OPTIMAITE_EVENTS);
	const { watch } = settings;
	const maxRequests = Math.max(1, Math.floor(Number(settings.maxRequests)) || 5);
	if (!events.length) throw new NodeOperationError(ctx.getNode(), 'Choose at least one event in "Events"');
	const caseIdsParam = watch === 'cases' ? [...new Set(settings.caseIds.map((c) => c.trim()).filter(Boolean))] : [];
	if (watch === 'cases' && !caseIdsParam.length) {
		throw new NodeOperationError(ctx.getNode(), 'Enter at least one case ID in "Case IDs", or choose "All Active Cases"');
	}
	const client = await optimaiteClient(ctx);
	const manual = ctx.getMode() === 'manual';
	const scopeSettings = JSON.stringify({ watch, events: [...events].sort() });
	const staticData = ctx.getWorkflowStaticData('node');
	const now = Date.now();
	const { state } = readWatchState(staticData, scopeSettings, now);

	// Which cases there are to watch (reading the active list counts against the budget).
	let watched: WatchedCase[];
	if (watch === 'cases') watched = caseIdsParam.map((id) => ({ id }));
	else {
		const active = await listCases(ctx.getNode(), client, { status: 'active' }, { returnAll: true, limit: 0 });
		if (active.length > MAX_ACTIVE_CASES) {
			throw new NodeOperationError(ctx.getNode(), `Optimaite has ${active.length} active cases, more than the ${MAX_ACTIVE_CASES} this trigger can watch by polling`, {
				description: 'Reading them all would take longer than Optimaite’s rate limits allow. Choose "Specific Cases" and list the cases to watch.',
			});
		}
		// A case created after the trigger started watching holds only new envelopes.
		watched = active.map((c) => ({ id: String(c.id), isNew: (toMs(c.created_at) ?? 0) > state.startedAt - CLOCK_TOLERANCE_MS }));
	}
	const plan = planPoll(state, watched, manual ? MANUAL_CASES : maxRequests - client.sent, now, watch === 'allActive' ? ACTIVE_GRACE_MS : 0);

	const result = await pollEvents(ctx, {
		emit: wanted(events),
		scope: { settings: scopeSettings, ids: plan.scopeIds },
		// Optimaite has no envelope feed or time filter: read each chosen case's envelopes.
		fetch: async (_since, mode) => {
			const found: PollEvent[] = [];
			const gone: string[] = [];
			for (const caseId of plan.read) {
				const envelopes = await readCase(client, caseId, watch === 'allActive');
				// Under "All Active Cases" a case may be deleted between the list and its reading.
				if (!envelopes) {
					gone.push(caseId);
					continue;
				}
				const since = plan.firstReadSince[caseId];
				for (const event of envelopes.flatMap((envelope) => envelopeEvents(envelope, caseId))) {
					const { at, ...pollEvent } = event;
					// A first reading fires nothing old: pollEvents skips the unseen events of a newly listed scope id.
					// Facts dated after the case started being watched are not old, nor anything in a new case.
					const old = since !== undefined && since !== 0 && !(at !== undefined && at >= since - CLOCK_TOLERANCE_MS);
					found.push(old ? { ...pollEvent, scopeId: caseId } : pollEvent);
				}
			}
			if (!mode.manual) {
				const known = Object.fromEntries(Object.entries(plan.next.known).filter(([id]) => !gone.includes(id)));
				staticData[STATE_KEY] = { ...plan.next, known } as unknown as IDataObject;
			}
			return { events: found, newestTime: newest(...found.map((e) => e.time)) };
		},
	});
	if (!result || !settings.simplify) return result;
	return result.map((items) => items.map((item) => ({ ...item, json: simplifyEvent(item.json) })));
}

const EVENT_NAMES: Record<EventChoice, string> = {
	completed: 'completed envelope',
	declined: 'declined envelope',
	expired: 'expired envelope',
	signerSigned: 'signature',
	statusChanged: 'envelope',
};

/** "Fetch Test Event" found nothing to show: say what was looked at and what to do (n8n's way, not an empty panel). */
export function noTestEventError(node: INode, settings: Pick<OptimaitePollSettings, 'watch' | 'events'>): NodeOperationError {
	// With "Envelope Status Changed" any envelope would do.
	const names = settings.events.includes('statusChanged') ? [EVENT_NAMES.statusChanged] : [...new Set(settings.events.map((e) => EVENT_NAMES[e]).filter(Boolean))];
	const what = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : (names[0] ?? 'event');
	const where = settings.watch === 'cases' ? 'the watched cases' : 'the active cases';
	const hint = settings.events.includes('statusChanged')
		? 'Send an envelope in one of them and fetch again.'
		: 'Send an envelope in one of them and let it reach that state, or add "Envelope Status Changed" to "Events" (a sent envelope is enough) and fetch again.';
	return new NodeOperationError(node, `No ${what} in ${where} yet`, {
		description: `Fetch Test Event shows the newest matching event from ${where} (it reads at most ${MANUAL_CASES} of them). ${hint}`,
	});
}
