import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { PollEvent } from '../shared/polling';
import { compact } from '../shared/params';
import { newest, pollEvents, toMs } from '../shared/polling';
import { redact } from '../shared/redact';
import type { CaseStatus } from './actions/case/getMany.operation';
import { listCases } from './actions/case/getMany.operation';
import { getCases } from './actions/case/getSeveral.operation';
import type { NextSignClient } from './transport';
import { NEXTSIGN, nextSignClient } from './transport';

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
		const needStatus = wanted.has('case_signed') || wanted.has('case_denied') || wanted.has('recipient_signed');
		/** Open cases after this poll (id → updatedAt); saved only when the poll succeeds. */
		let nextOpen: Record<string, string> | undefined;

		const result = await pollEvents(this, {
			emit: (event) => wanted.has(event.json.event as (typeof NEXTSIGN_EVENTS)[EventChoice]),
			// Recipient keys are read again only when their case changes: remember them for a long time.
			retentionMs: 400 * 24 * 3600_000,
			maxKeys: 100_000,
			fetch: async (since, { manual }) => {
				if (manual) return await sample(client, wanted, folder);
				const found: PollEvent[] = [];
				const times: Array<number | undefined> = [];

				// New cases: `cases/get` lists newest first, so reading stops at the first page that reaches past
				// `since` (one request when nothing is new). A page out of that order is never trusted: then every
				// page is read.
				const recent = await casesSince(client, folder, since);
				times.push(...recent.map((c) => newest(toMs(c.updatedAt), toMs(c.createdAt))));
				for (const c of recent) {
					found.push({ key: `${String(c._id)}:created`, time: toMs(c.createdAt), json: { event: NEXTSIGN_EVENTS.caseCreated, ...caseSummary(c) } });
				}
				if (!needStatus) return { events: found, newestTime: newest(...times) };

				// Status changes: `cases/get` can neither filter nor sort by update time, so the trigger keeps the
				// open (pending) cases and reads that list, which only holds cases still waiting for signatures.
				// A case that left it was signed, denied or expired; a case whose updatedAt moved may have a new
				// signature. Only those cases' details are read.
				const pending = await listCases(client, { status: 'pending', folder }, { returnAll: true, limit: 0 });
				times.push(...pending.map((c) => toMs(c.updatedAt)));
				const open = (staticData.open ?? {}) as Record<string, string>;
				const pendingNow = new Map(pending.map((c) => [String(c._id), String(c.updatedAt)]));
				const toRead = new Set<string>();
				if (firstRun) {
					// Remember who has signed already, so those signatures never fire later.
					if (wanted.has('recipient_signed')) for (const c of pending) if (c.updatedAt !== c.createdAt) toRead.add(String(c._id));
				} else {
					for (const id of Object.keys(open)) if (!pendingNow.has(id)) toRead.add(id);
					if (wanted.has('recipient_signed'))
						for (const c of pending) {
							const id = String(c._id);
							const before = open[id] ?? String(c.createdAt);
							if (String(c.updatedAt) !== before) toRead.add(id);
						}
					// Created and finished between two polls (or created between the two list reads): seen for the
					// first time, and not open. A case seen before was open then (so it is in `open`) or already read.
					const seen = (staticData.seen ?? {}) as Record<string, number>;
					for (const c of recent) {
						const id = String(c._id);
						if (!pendingNow.has(id) && !(id in open) && !(`${id}:created` in seen)) toRead.add(id);
					}
				}
				nextOpen = Object.fromEntries(pendingNow);
				for (const c of await casesById(client, [...toRead])) {
					const id = String(c._id ?? c.id);
					times.push(toMs(c.updatedAt));
					found.push(...recipientEvents(c));
					if (c.state === 'signed' || c.state === 'denied') {
						const event = c.state === 'signed' ? NEXTSIGN_EVENTS.caseSigned : NEXTSIGN_EVENTS.caseDenied;
						found.push({ key: `${id}:${c.state}`, time: toMs(c.updatedAt), json: { event, ...caseSummary(c), state: c.state } });
					} else if (c.state === 'open' && !pendingNow.has(id)) nextOpen[id] = String(c.updatedAt);
				}
				return { events: found, newestTime: newest(...times) };
			},
		});
		if (nextOpen) staticData.open = nextOpen;
		return result;
	}
}

/** Cases created at or after `since`, newest first; every page when the list is not in that order. */
async function casesSince(client: NextSignClient, folder: string | undefined, since: number | undefined): Promise<IDataObject[]> {
	const size = NEXTSIGN.maxPageSize;
	const out: IDataObject[] = [];
	let previous: number | undefined;
	for (let index = 0; index < 10_000; index++) {
		const page = await listPage(client, { folder }, size, index);
		const created = page.map((c) => toMs(c.createdAt) ?? NaN);
		const ordered = created.every((t, i) => !Number.isNaN(t) && t <= (i === 0 ? (previous ?? Infinity) : created[i - 1]));
		out.push(...page.filter((c) => since === undefined || (toMs(c.createdAt) ?? Infinity) >= since));
		if (page.length < size) break;
		if (ordered && since !== undefined && created[created.length - 1] < since) break;
		previous = ordered ? created[created.length - 1] : undefined;
	}
	return out;
}

/** Details of these cases; ids NextSign no longer has (deleted) are left out instead of failing the poll. */
async function casesById(client: NextSignClient, ids: string[]): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (let start = 0; start < ids.length; start += NEXTSIGN.idsPerRequest) {
		// NextSign answers 404 "Cases not found" when none of the ids exists any more; other errors fail the poll.
		const gone = (error: unknown) => error instanceof NodeApiError && error.httpCode === '404';
		const found = await getCases(client, ids.slice(start, start + NEXTSIGN.idsPerRequest)).catch(async (error: unknown) =>
			gone(error) ? [] : await Promise.reject(error),
		);
		out.push(...found);
	}
	return out;
}

/** "Fetch Test Event": a few recent cases of each chosen kind, nothing remembered. */
async function sample(client: NextSignClient, wanted: Set<string>, folder: string | undefined) {
	const found: PollEvent[] = [];
	const recent = await listPage(client, { folder }, 20, 0);
	if (wanted.has('case_created'))
		for (const c of recent) found.push({ key: `${String(c._id)}:created`, time: toMs(c.createdAt), json: { event: NEXTSIGN_EVENTS.caseCreated, ...caseSummary(c) } });
	if (wanted.has('recipient_signed')) {
		const ids = recent.filter((c) => c.updatedAt !== c.createdAt).slice(0, 10).map((c) => String(c._id));
		for (const c of await casesById(client, ids)) found.push(...recipientEvents(c));
	}
	for (const [status, event] of [
		['signed', NEXTSIGN_EVENTS.caseSigned],
		['denied', NEXTSIGN_EVENTS.caseDenied],
	] as const) {
		if (!wanted.has(event)) continue;
		for (const c of await listPage(client, { status, folder }, 20, 0))
			found.push({ key: `${String(c._id)}:${status}`, time: toMs(c.updatedAt), json: { event, ...caseSummary(c), state: status } });
	}
	return { events: found };
}

/** One page of `cases/get` (zero-based page `index`). */
async function listPage(client: NextSignClient, filters: { status?: CaseStatus; folder?: string }, limit: number, index: number): Promise<IDataObject[]> {
	const body = await client.cases.json<IDataObject>({
		method: 'GET',
		url: NEXTSIGN.cases.list(client.company),
		qs: compact({ status: filters.status, folder: filters.folder || undefined, limit, index }),
	});
	return (body.cases as IDataObject[]) ?? [];
}
