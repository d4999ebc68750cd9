import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { PollEvent } from '../shared/polling';
import { pollEvents } from '../shared/polling';
import { getCaseFile } from './actions/caseFile/get.operation';
import type { ListMeta } from './actions/caseFile/getMany.operation';
import { listCaseFiles } from './actions/caseFile/getMany.operation';
import type { PenneoClient } from './transport';
import { CASE_FILE_STATUS, maskErrorCpr, nameStatuses, penneoClient, safeOutput } from './transport';

export const PENNEO_EVENTS = {
	completed: 'caseFile.completed',
	rejected: 'caseFile.rejected',
	expired: 'caseFile.expired',
	signerSigned: 'signer.signed',
} as const;

type EventChoice = keyof typeof PENNEO_EVENTS;

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

/** One poll: every page of the case files changed in the window, their status and signer events. */
async function pollCaseFiles(ctx: IPollFunctions, client: PenneoClient, choices: EventChoice[], wantSigners: boolean) {
	return await pollEvents(ctx, {
		// Changing the events after activation starts a new baseline: nothing that happened before fires.
		scope: { settings: JSON.stringify([...choices].sort()) },
		emit: (event) => choices.some((c) => PENNEO_EVENTS[c] === event.json.event),
		fetch: async (since, { manual }) => {
			const meta: ListMeta = {};
			// Everything changed since the last poll (minus the look-back), every page: the order of the list does
			// not matter, and rows seen twice (a page shift) are de-duplicated by id.
			const changed = manual
				? await listCaseFiles(client, { sort: '-created' }, { returnAll: false, limit: 10 }, undefined, meta)
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
}

export class PenneoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Penneo Trigger',
		name: 'penneoTrigger',
		icon: { light: 'file:../../icons/penneo.svg', dark: 'file:../../icons/penneo.dark.svg' },
		group: ['trigger'],
		version: 1,
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
						description: 'One signer has signed (as soon as Penneo’s answer says so unambiguously; at the latest when the case file is completed)',
					},
				],
				default: ['completed'],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const choices = this.getNodeParameter('events', []) as EventChoice[];
		if (!choices.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event in "Events"');
		const wantSigners = choices.includes('signerSigned');
		const client = await penneoClient(this);
		try {
			return await pollCaseFiles(this, client, choices, wantSigners);
		} catch (error) {
			throw maskErrorCpr(error as NodeOperationError);
		}
	}
}
