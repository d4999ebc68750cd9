import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { splitList } from '../shared/params';
import type { PollEvent } from '../shared/polling';
import { newest, pollEvents, toMs } from '../shared/polling';
import { listCases } from './actions/case/getMany.operation';
import { listEnvelopes } from './actions/envelope/getMany.operation';
import { optimaiteClient } from './transport';

export const OPTIMAITE_EVENTS = {
	completed: 'envelope.completed',
	declined: 'envelope.declined',
	expired: 'envelope.expired',
	signerSigned: 'signer.signed',
	statusChanged: 'envelope.status_changed',
} as const;

type EventChoice = keyof typeof OPTIMAITE_EVENTS;

/** Every fact about an envelope that can fire once: its status, and each signer who signed. */
export function envelopeEvents(envelope: IDataObject): PollEvent[] {
	const id = String(envelope.id);
	const status = String(envelope.status);
	const signers = (envelope.signers as IDataObject[]) ?? [];
	const signedTimes = signers.map((s) => toMs(s.signed_at));
	const envelopeTime = newest(toMs(envelope.completed_at), ...signedTimes, toMs(envelope.created_at));
	const base = {
		envelopeId: id,
		caseId: envelope.case_id,
		status,
		title: envelope.title,
		signedDocumentIds: ((envelope.documents as IDataObject[]) ?? [])
			.map((d) => d.signed_document_id)
			.filter((d): d is string => typeof d === 'string' && d !== ''),
		envelope,
	};
	// Signer events come before the envelope's status event they led to (same time, stable sort).
	const events: PollEvent[] = [];
	signers.forEach((signer, index) => {
		if (signer.status !== 'signed') return;
		const who = String(signer.id ?? signer.email ?? index);
		events.push({
			key: `${id}:signer:${who}:signed`,
			time: toMs(signer.signed_at),
			json: { event: OPTIMAITE_EVENTS.signerSigned, ...base, signer },
		});
	});
	events.push({ key: `${id}:status:${status}`, time: envelopeTime, json: { event: `envelope.${status}`, ...base } });
	return events;
}

function wanted(choices: EventChoice[]) {
	return (event: PollEvent) => {
		const name = String(event.json.event);
		if (name === OPTIMAITE_EVENTS.signerSigned) return choices.includes('signerSigned');
		if (choices.includes('statusChanged')) return true;
		return choices.some((c) => OPTIMAITE_EVENTS[c] === name);
	};
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
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				options: [
					{ name: 'Specific Cases', value: 'cases', description: 'Only the cases listed below' },
					{ name: 'All Active Cases', value: 'allActive', description: 'Every case whose status is active (one request per case per poll)' },
				],
				default: 'cases',
			},
			{
				displayName: 'Case IDs',
				name: 'caseIds',
				type: 'string',
				default: '',
				required: true,
				placeholder: '550e8400-e29b-41d4-a716-446655440000',
				description: 'IDs of the cases to watch, separated by commas',
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
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const watch = this.getNodeParameter('watch', 'cases') as string;
		const events = this.getNodeParameter('events', []) as EventChoice[];
		if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event in "Events"');
		const caseIdsParam = watch === 'cases' ? splitList(this.getNodeParameter('caseIds', '')) : [];
		if (watch === 'cases' && !caseIdsParam.length) {
			throw new NodeOperationError(this.getNode(), 'Enter at least one case ID in "Case IDs", or choose "All Active Cases"');
		}
		const client = await optimaiteClient(this);
		return await pollEvents(this, {
			emit: wanted(events),
			// Optimaite has no envelope feed or time filter: read the watched cases' envelopes each poll.
			fetch: async (_since, { manual }) => {
				const caseIds =
					watch === 'cases'
						? caseIdsParam
						: (await listCases(client, { status: 'active' }, { returnAll: !manual, limit: 5 })).map((c) => String(c.id));
				const found: PollEvent[] = [];
				for (const caseId of caseIds) {
					for (const envelope of await listEnvelopes(client, caseId)) found.push(...envelopeEvents(envelope));
				}
				return { events: found, newestTime: newest(...found.map((e) => e.time)) };
			},
		});
	}
}
