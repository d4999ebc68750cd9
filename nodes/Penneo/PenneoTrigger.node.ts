import type { IDataObject, INode, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { PollEvent } from '../shared/polling';
import { pollEvents } from '../shared/polling';
import { simplifyField } from '../shared/simplify';
import { simplifyCaseFile, simplifySigner } from './actions/simplify';
import { getCaseFile } from './actions/caseFile/get.operation';
import type { ListMeta } from './actions/caseFile/getMany.operation';
import { listCaseFiles } from './actions/caseFile/getMany.operation';
import { CASE_FILE_STATUS, maskErrorCpr, nameStatuses, PENNEO, penneoClient, safeOutput } from './transport';

export const PENNEO_EVENTS = {
	completed: 'caseFile.completed',
	rejected: 'caseFile.rejected',
	expired: 'caseFile.expired',
	signerSigned: 'signer.signed',
} as const;

export type EventChoice = keyof typeof PENNEO_EVENTS;

/** Case file statuses that fire [C: docs site]: 5 completed, 2 rejected, 7 expired. */
const STATUS_EVENTS: Record<number, EventChoice> = { 5: 'completed', 2: 'rejected', 7: 'expired' };

/** The status event of a case file, when its status is one that fires (once per case file and status). */
export function statusEvent(caseFile: IDataObject): PollEvent | undefined {
	const status = Number(caseFile.status);
	const choice = STATUS_EVENTS[status];
	if (!choice) return undefined;
	return {
		key: `${String(caseFile.id)}:status:${status}`,
		json: safeOutput({ event: PENNEO_EVENTS[choice], caseFileId: caseFile.id, title: caseFile.title, status: CASE_FILE_STATUS[status], caseFile: nameStatuses(caseFile) }),
	};
}

/**
 * One event per signer known to have signed — from facts Penneo's sources agree on (`signerSigned` in the transport):
 * a signed or completed case file, code 4 in a pending case file, or a signed timestamp. A signature whose code the
 * sources read differently fires at the latest when the case file is completed.
 */
export function signerEvents(caseFile: IDataObject): PollEvent[] {
	const named = nameStatuses(caseFile);
	return ((named.signers as IDataObject[] | undefined) ?? [])
		.filter((s) => s.signed === true)
		.map((signer) => ({
			key: `${String(caseFile.id)}:signer:${String(signer.id)}:signed`,
			json: safeOutput({ event: PENNEO_EVENTS.signerSigned, caseFileId: caseFile.id, title: caseFile.title, signer, caseFile: named }),
		}));
}

export interface PenneoPollSettings {
	/** The events that fire (at least one). */
	events: EventChoice[];
	/** Items in the simplified shape (trigger version 2 with Simplify on): `event` plus the case file's simplified fields. */
	simplify?: boolean;
}

/** An event item in the simplified shape: the same field names as Case File → Get with Simplify. */
function simplifyEvent(json: IDataObject): IDataObject {
	const out: IDataObject = { event: json.event, ...simplifyCaseFile((json.caseFile ?? {}) as IDataObject) };
	if (json.signer) out.signer = simplifySigner(json.signer as IDataObject);
	return out;
}

/**
 * One poll of the Penneo Trigger's logic with explicit settings (the Penneo Trigger and the E-Signature adapter both
 * call it; each node keeps its own static data): every page of the case files changed in the window, their status
 * and signer events, each once. `null` when nothing is new (also for "Fetch Test Event" with nothing to show).
 */
export async function pollPenneo(ctx: IPollFunctions, settings: PenneoPollSettings): Promise<INodeExecutionData[][] | null> {
	const choices = [...new Set(settings.events)].filter((c): c is EventChoice => c in PENNEO_EVENTS);
	if (!choices.length) throw new NodeOperationError(ctx.getNode(), 'Choose at least one event in "Events"');
	const wantSigners = choices.includes('signerSigned');
	try {
		const client = await penneoClient(ctx);
		const result = await pollEvents(ctx, {
			// Changing the events after activation starts a new baseline: nothing that happened before fires.
			scope: { settings: JSON.stringify([...choices].sort()) },
			emit: (event) => choices.some((c) => PENNEO_EVENTS[c] === event.json.event),
			fetch: async (since, { manual }) => {
				const meta: ListMeta = {};
				// Everything changed since the last poll (minus the look-back), every page: the order of the list does
				// not matter, and rows seen twice (a page shift) are de-duplicated by id.
				const changed = manual
					? await listCaseFiles(client, { sort: '-created' }, { returnAll: false, limit: TEST_EVENT_SAMPLE }, undefined, meta)
					: await listCaseFiles(client, { updatedAfter: since !== undefined ? Math.floor(since / 1000) : undefined }, { returnAll: true, limit: 0 }, undefined, meta);
				const events: PollEvent[] = [];
				for (const listed of changed) {
					const status = statusEvent(listed);
					if (status) events.push(status);
					if (Array.isArray(listed.signers)) events.push(...signerEvents(listed));
					// Rows without signers: read the case file itself (only when signer events are wanted).
					else if (wantSigners && Number(listed.status) !== 0) events.push(...signerEvents(await getCaseFile(client, String(listed.id))));
				}
				// The next poll reads from Penneo's own clock at this poll (its Date header), never from a record's date:
				// a case file dated in the future cannot move the window.
				return { events, newestTime: meta.serverTime ?? Date.now() };
			},
		});
		if (!result || !settings.simplify) return result;
		return result.map((items) => items.map((item) => ({ ...item, json: simplifyEvent(item.json) })));
	} catch (error) {
		throw maskErrorCpr(error as NodeOperationError);
	}
}

/** How many of the newest case files "Fetch Test Event" looks at. */
export const TEST_EVENT_SAMPLE = 10;

const EVENT_NAMES: Record<EventChoice, string> = {
	completed: 'completed case file',
	rejected: 'rejected case file',
	expired: 'expired case file',
	signerSigned: 'signature',
};

/** "Fetch Test Event" found nothing to show: say what was looked at and what to do (n8n's way, not an empty panel). */
export function noTestEventError(node: INode, choices: EventChoice[]): NodeOperationError {
	const wanted = choices.map((c) => EVENT_NAMES[c]);
	const list = wanted.length > 1 ? `${wanted.slice(0, -1).join(', ')} or ${wanted[wanted.length - 1]}` : wanted[0];
	return new NodeOperationError(node, `No ${list} among your ${TEST_EVENT_SAMPLE} newest Penneo case files yet`, {
		description:
			'Fetch Test Event shows the newest matching event from your latest case files. Send a case file and let it reach that state (in Penneo’s sandbox environment you can sign it yourself), or add another event to "Events" — e.g. "Case File Completed" — and fetch again.',
	});
}

export class PenneoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Penneo Trigger',
		name: 'penneoTrigger',
		icon: { light: 'file:../../icons/penneo.svg', dark: 'file:../../icons/penneo.dark.svg' },
		group: ['trigger'],
		// 2: Simplify (on by default: the same field names as Case File → Get); version 1 keeps its items for saved workflows.
		version: [1, 2],
		defaultVersion: 2,
		documentationUrl: PENNEO.docsUrl,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Penneo case files are completed, rejected or expire, or a signer signs',
		defaults: { name: 'Penneo Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'penneoApi', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Case File Completed', value: 'completed', description: 'Every signer has signed and the documents are sealed' },
					{ name: 'Case File Expired', value: 'expired', description: 'The case file passed its expiry time unsigned' },
					{ name: 'Case File Rejected', value: 'rejected', description: 'A signer rejected the case file' },
					{
						name: 'Signer Signed',
						value: 'signerSigned',
						description: 'A signer has signed. Fires once per signer: as soon as Penneo reports the signature clearly, at the latest when the case file is completed.',
					},
				],
				default: ['completed'],
			},
			{
				...simplifyField({ '@version': [{ _cnd: { gte: 2 } }] }),
				description: 'Whether to return the case file’s main fields (the same as Case File → Get with Simplify) instead of Penneo’s full answer',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as EventChoice[];
		const simplify = this.getNode().typeVersion >= 2 && this.getNodeParameter('simplify', true) !== false;
		const result = await pollPenneo(this, { events, simplify });
		if (!result && this.getMode() === 'manual') throw noTestEventError(this.getNode(), events);
		return result;
	}
}
