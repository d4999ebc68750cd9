import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { PollEvent } from '../shared/polling';
import { newest, pollEvents, toMs } from '../shared/polling';
import { redact } from '../shared/redact';
import type { CaseStatus } from './actions/case/getMany.operation';
import { listCases } from './actions/case/getMany.operation';
import { getCases } from './actions/case/getSeveral.operation';
import { nextSignClient } from './transport';

/** Event names as NextSign's own webhooks call them. */
export const NEXTSIGN_EVENTS = {
	caseCreated: 'case_created',
	caseSigned: 'case_signed',
	caseDenied: 'case_denied',
	recipientSigned: 'recipient_signed',
} as const;

type EventChoice = keyof typeof NEXTSIGN_EVENTS;

function caseSummary(c: IDataObject): IDataObject {
	return { caseId: String(c._id ?? c.id), title: c.title, folder: c.folder, createdAt: c.createdAt, updatedAt: c.updatedAt };
}

/** One event per signed recipient of a case (key: case + recipient, so each fires once). */
export function recipientEvents(c: IDataObject): PollEvent[] {
	const caseId = String(c._id ?? c.id);
	const recipients = Array.isArray(c.recipients) ? (c.recipients as IDataObject[]) : [];
	const out: PollEvent[] = [];
	recipients.forEach((r, index) => {
		if (r.signed !== 'signed') return;
		const who = String(r._id ?? r.uid ?? r.email ?? index);
		out.push({
			key: `${caseId}:recipient:${who}:signed`,
			time: toMs(r.signedAt) ?? toMs(c.updatedAt),
			json: redact({
				event: NEXTSIGN_EVENTS.recipientSigned,
				...caseSummary(c),
				state: c.state,
				recipient: r,
				case: c,
			}),
		});
	});
	return out;
}

export class NextSignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NextSign Trigger',
		name: 'nextSignTrigger',
		icon: { light: 'file:../../icons/nextsign.svg', dark: 'file:../../icons/nextsign.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when NextSign cases are created, signed or denied, or a recipient signs',
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
					{ name: 'Case Denied', value: 'caseDenied', description: 'A recipient refused to sign' },
					{ name: 'Case Signed', value: 'caseSigned', description: 'Every recipient has signed' },
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
		const client = await nextSignClient(this);
		if (!client.company) throw new NodeOperationError(this.getNode(), 'The NextSign credential has no company ID');
		const staticData = this.getWorkflowStaticData('node') as IDataObject;
		const firstRun = staticData.initialized !== true;
		const wanted = new Set(events.map((e) => NEXTSIGN_EVENTS[e]));

		return await pollEvents(this, {
			emit: (event) => wanted.has(event.json.event as (typeof NEXTSIGN_EVENTS)[EventChoice]),
			// Recipient keys are read again only when their case changes: remember them for a long time.
			retentionMs: 400 * 24 * 3600_000,
			maxKeys: 100_000,
			// `cases/get` cannot filter by date: each poll lists the cases (one request per 100) and only cases
			// changed within the window (cursor minus look-back) make events; details are read only for cases
			// whose `updatedAt` was not seen before, so a poll with nothing new is one list request per list.
			fetch: async (since, { manual }) => {
				const seen = (staticData.seen ?? {}) as Record<string, number>;
				const inWindow = (time: unknown) => manual || since === undefined || (toMs(time) ?? Infinity) >= since;
				const options = manual ? { returnAll: false, limit: 20 } : { returnAll: true, limit: 0 };
				const list = async (status?: CaseStatus) => await listCases(client, { status, folder }, options);
				const found: PollEvent[] = [];
				const times: Array<number | undefined> = [];

				if (wanted.has('case_created') || wanted.has('recipient_signed')) {
					const all = await list();
					times.push(...all.map((c) => newest(toMs(c.updatedAt), toMs(c.createdAt))));
					for (const c of all) {
						if (!inWindow(c.createdAt)) continue;
						found.push({ key: `${String(c._id)}:created`, time: toMs(c.createdAt), json: { event: NEXTSIGN_EVENTS.caseCreated, ...caseSummary(c) } });
					}
					if (wanted.has('recipient_signed')) {
						// A case version (id + updatedAt) is remembered like an event that never fires: unchanged cases
						// are not read again. The first activation reads every case once, so recipients who signed
						// before it never fire later.
						const version = (c: IDataObject) => `${String(c._id)}:version:${String(c.updatedAt)}`;
						const changed = all.filter((c) => firstRun || manual || (inWindow(c.updatedAt) && !(version(c) in seen)));
						const ids = (manual ? changed.slice(0, 10) : changed).map((c) => String(c._id));
						if (ids.length) for (const c of await getCases(client, ids)) found.push(...recipientEvents(c));
						for (const c of changed) found.push({ key: version(c), time: toMs(c.updatedAt), json: { event: 'case_version' } });
					}
				}
				for (const [status, event] of [
					['signed', NEXTSIGN_EVENTS.caseSigned],
					['denied', NEXTSIGN_EVENTS.caseDenied],
				] as const) {
					if (!wanted.has(event)) continue;
					const cases = await list(status);
					times.push(...cases.map((c) => toMs(c.updatedAt)));
					for (const c of cases) {
						if (!inWindow(c.updatedAt)) continue;
						found.push({ key: `${String(c._id)}:${status}`, time: toMs(c.updatedAt), json: { event, ...caseSummary(c), state: status } });
					}
				}
				return { events: found, newestTime: newest(...times) };
			},
		});
	}
}
