import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { splitList } from '../shared/params';
import type { PollEvent } from '../shared/polling';
import { newest, pollEvents, toMs } from '../shared/polling';
import { listCases } from './actions/case/getMany.operation';
import { listEnvelopes } from './actions/envelope/getMany.operation';
import type { OptimaiteClient } from './transport';
import { optimaiteClient } from './transport';
import type { EventChoice } from './trigger/events';
import { envelopeEvents, wanted } from './trigger/events';
import type { WatchedCase } from './trigger/watch';
import { planPoll, readWatchState, STATE_KEY } from './trigger/watch';

export { envelopeEvents, OPTIMAITE_EVENTS } from './trigger/events';

/** More active cases than this cannot be watched by polling within Optimaite's rate limits. */
const MAX_ACTIVE_CASES = 1000;
/** How long a case missing from the active list is still known (it may be back in the next listing). */
const ACTIVE_GRACE_MS = 24 * 3600_000;
/** Provider clocks may differ from n8n's: facts this much older than a case's watch start still count as new. */
const CLOCK_TOLERANCE_MS = 60_000;
/** Cases a "Fetch Test Event" reads. */
const MANUAL_CASES = 5;

const isNotFound = (error: unknown): error is NodeApiError => error instanceof NodeApiError && error.httpCode === '404';

/** A case's envelopes; undefined when an active case vanished (deleted) since it was listed. */
async function readCase(client: OptimaiteClient, caseId: string, fromActiveList: boolean): Promise<IDataObject[] | undefined> {
	try {
		return await listEnvelopes(client, caseId);
	} catch (error) {
		if (fromActiveList && isNotFound(error)) return undefined;
		throw explainMissingCase(error, caseId);
	}
}

function explainMissingCase(error: unknown, caseId: string): unknown {
	if (isNotFound(error)) {
		error.description = `Case ${caseId} in "Case IDs" does not exist in this Optimaite workspace (a test key sees only test data): remove it or correct it.`;
	}
	return error;
}

export class OptimaiteTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Optimaite Trigger',
		name: 'optimaiteTrigger',
		icon: { light: 'file:../../icons/optimaite.svg', dark: 'file:../../icons/optimaite.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Optimaite signing envelopes are signed, completed, declined or expire',
		defaults: { name: 'Optimaite Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'optimaiteApi', required: true }],
		properties: [
			{
				displayName:
					'Optimaite has no webhooks: each poll costs one request per case it reads (plus one per 100 active cases for "All Active Cases"). The Standard plan allows 10,000 requests a day for all your workflows: polling every minute with 7 requests uses all of it.',
				name: 'costNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				options: [
					{ name: 'Specific Cases', value: 'cases', description: 'Only the cases listed below (one request per case)' },
					{
						name: 'All Active Cases',
						value: 'allActive',
						description: 'Every case whose status is active (one request per 100 active cases, plus one per case read)',
					},
				],
				default: 'cases',
			},
			{
				displayName: 'Case IDs',
				name: 'caseIds',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000',
				description: 'IDs of the cases to watch, separated by commas. A case added later fires only for what happens after it was added.',
				displayOptions: { show: { watch: ['cases'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Envelope Completed', value: 'completed', description: 'All signers have signed' },
					{ name: 'Envelope Declined', value: 'declined', description: 'A signer declined to sign' },
					{ name: 'Envelope Expired', value: 'expired', description: 'The signing deadline passed' },
					{ name: 'Envelope Status Changed', value: 'statusChanged', description: 'Any new status (sent, in progress, completed, …)' },
					{ name: 'Signer Signed', value: 'signerSigned', description: 'One signer has signed' },
				],
				default: ['completed'],
			},
			{
				displayName: 'Max Requests per Poll',
				name: 'maxRequests',
				type: 'number',
				default: 5,
				typeOptions: { minValue: 1, maxValue: 200 },
				description:
					'Most requests one poll sends; keep it below your plan’s per-minute limit (Standard 60). With more cases than that, the cases take turns: each is read every ⌈cases ÷ this⌉ polls, so events are delayed, never lost. Requests are also spaced to the plan’s per-second limit.',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const watch = this.getNodeParameter('watch', 'cases') as string;
		const events = this.getNodeParameter('events', []) as EventChoice[];
		const maxRequests = Math.max(1, Math.floor(Number(this.getNodeParameter('maxRequests', 5)) || 5));
		if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event in "Events"');
		const caseIdsParam = watch === 'cases' ? [...new Set(splitList(this.getNodeParameter('caseIds', '')))] : [];
		if (watch === 'cases' && !caseIdsParam.length) {
			throw new NodeOperationError(this.getNode(), 'Enter at least one case ID in "Case IDs", or choose "All Active Cases"');
		}
		const client = await optimaiteClient(this);
		const manual = this.getMode() === 'manual';
		const settings = JSON.stringify({ watch, events: [...events].sort() });
		const staticData = this.getWorkflowStaticData('node');
		const now = Date.now();
		const { state } = readWatchState(staticData, settings, now);

		// Which cases there are to watch (reading the active list counts against the budget).
		let watched: WatchedCase[];
		if (watch === 'cases') watched = caseIdsParam.map((id) => ({ id }));
		else {
			const active = await listCases(this.getNode(), client, { status: 'active' }, { returnAll: true, limit: 0 });
			if (active.length > MAX_ACTIVE_CASES) {
				throw new NodeOperationError(this.getNode(), `Optimaite has ${active.length} active cases, more than the ${MAX_ACTIVE_CASES} this trigger can watch by polling`, {
					description: 'Reading them all would take longer than Optimaite’s rate limits allow. Choose "Specific Cases" and list the cases to watch.',
				});
			}
			// A case created after the trigger started watching holds only new envelopes.
			watched = active.map((c) => ({ id: String(c.id), isNew: (toMs(c.created_at) ?? 0) > state.startedAt - CLOCK_TOLERANCE_MS }));
		}
		const plan = planPoll(state, watched, manual ? MANUAL_CASES : maxRequests - client.sent, now, watch === 'allActive' ? ACTIVE_GRACE_MS : 0);

		return await pollEvents(this, {
			emit: wanted(events),
			scope: { settings, ids: plan.scopeIds },
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
	}
}
