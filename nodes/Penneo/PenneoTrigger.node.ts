import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { PollEvent } from '../shared/polling';
import { newest, pollEvents, toMs } from '../shared/polling';
import { getCaseFile } from './actions/caseFile/get.operation';
import { listCaseFiles } from './actions/caseFile/getMany.operation';
import { CASE_FILE_STATUS, nameStatuses, penneoClient } from './transport';

export const PENNEO_EVENTS = {
	completed: 'caseFile.completed',
	rejected: 'caseFile.rejected',
	expired: 'caseFile.expired',
	signerSigned: 'signer.signed',
} as const;

type EventChoice = keyof typeof PENNEO_EVENTS;

/** Internal marker: "this version of the case file was read" (never fires). */
const VERSION = 'caseFile.version';
/** How long after a change a case file is read again on every poll before its version counts as read. */
const SETTLED_AFTER_MS = 60_000;

/** Case file statuses that fire: 5 completed, 2 rejected, 7 expired. */
const STATUS_EVENTS: Record<number, EventChoice> = { 5: 'completed', 2: 'rejected', 7: 'expired' };
const SIGNED = 3;

/** When Penneo last changed the case file (ms). */
function changedAt(caseFile: IDataObject): number | undefined {
	return newest(
		toMs(caseFile.updated ?? caseFile.updatedAt),
		toMs(caseFile.completed ?? caseFile.completedAt),
		toMs(caseFile.created ?? caseFile.createdAt),
	);
}

/** The status event of a case file, when its status is one that fires. */
export function statusEvent(caseFile: IDataObject): PollEvent | undefined {
	const status = Number(caseFile.status);
	const choice = STATUS_EVENTS[status];
	if (!choice) return undefined;
	const named = nameStatuses(caseFile);
	return {
		key: `${String(caseFile.id)}:status:${status}`,
		time: status === 5 ? (toMs(caseFile.completed ?? caseFile.completedAt) ?? changedAt(caseFile)) : changedAt(caseFile),
		json: { event: PENNEO_EVENTS[choice], caseFileId: caseFile.id, title: caseFile.title, status: CASE_FILE_STATUS[status], caseFile: named },
	};
}

/** One event per signer whose signing request is signed. */
export function signerEvents(caseFile: IDataObject): PollEvent[] {
	const named = nameStatuses(caseFile);
	const signers = (named.signers as IDataObject[] | undefined) ?? [];
	return signers
		.filter((s) => Number((s.signingRequest as IDataObject | undefined)?.status) === SIGNED)
		.map((signer) => {
			const request = signer.signingRequest as IDataObject;
			return {
				key: `${String(caseFile.id)}:signer:${String(signer.id)}:signed`,
				time: newest(toMs(request.signedAt), toMs(request.updated)) ?? changedAt(caseFile),
				json: { event: PENNEO_EVENTS.signerSigned, caseFileId: caseFile.id, title: caseFile.title, signer, caseFile: named },
			};
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
					{ name: 'Signer Signed', value: 'signerSigned', description: 'One signer has signed (reads each changed case file once)' },
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
		return await pollEvents(this, {
			emit: (event) => event.json.event !== VERSION && choices.some((c) => PENNEO_EVENTS[c] === event.json.event),
			fetch: async (since, { manual, lastSeen }) => {
				// `since` never reaches back past the first activation's window (pollEvents keeps that floor).
				const from = since;
				// Only what changed since the last poll: one request when nothing is new.
				const changed = await listCaseFiles(
					client,
					{ sort: '-updated', updatedAfter: from !== undefined && !manual ? Math.floor(from / 1000) : undefined },
					{ returnAll: !manual, limit: 10 },
				);
				const events: PollEvent[] = [];
				for (const listed of changed) {
					const status = statusEvent(listed);
					if (status) events.push(status);
					if (!wantSigners || Number(listed.status) === 0) continue;
					// The list has no signers: read the case file itself, once per change of it.
					const version: PollEvent = { key: `${String(listed.id)}:version:${String(changedAt(listed))}`, time: changedAt(listed), json: { event: VERSION } };
					events.push(version);
					// Penneo's times are whole seconds: a version is only settled once it was read well after its second
					// (with room for clock skew), so a change in the same second as an earlier read is never missed.
					const readAt = lastSeen(version.key);
					const changed = changedAt(listed);
					if (!manual && typeof readAt === 'number' && changed !== undefined && readAt - changed > SETTLED_AFTER_MS) continue;
					events.push(...signerEvents(await getCaseFile(client, String(listed.id))));
				}
				return { events, newestTime: newest(...changed.map(changedAt)) };
			},
		});
	}
}
