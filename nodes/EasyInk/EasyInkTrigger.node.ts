import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { sinceVersion } from '../shared/locator';
import { EASYINK_EVENTS, type EventChoice } from './trigger/read';
import { pollEasyInk } from './trigger/poll';

export { EASYINK_EVENTS, type EventChoice };

const EVENT_NAMES: Record<EventChoice, string> = {
	participantSigned: 'Participant Signed',
	declined: 'Session Declined',
	expired: 'Session Expired',
	sessionFinished: 'Session Finished',
	started: 'Session Started',
	voided: 'Session Voided',
};

/** What to do when "Fetch Test Event" finds nothing for the chosen events. */
const TRY: Record<EventChoice, string> = {
	participantSigned: 'have a participant sign one',
	declined: 'have a participant decline one',
	expired: 'wait until one passes its deadline',
	sessionFinished: 'have everyone sign one',
	started: 'start one (Signing Session → Create and Send)',
	voided: 'void one',
};

const includeDetails = (defaultValue: boolean) => ({
	displayName: 'Include Session Details',
	name: 'includeDetails',
	type: 'boolean' as const,
	default: defaultValue,
	description:
		"Whether to add the session's participants, signed document IDs and all-in-one document status to each event (one more look at EasyInk per event). Without them, an event has the session's ID, subject, status and creation time — enough to download the signed files.",
});

export class EasyInkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'EasyInk Trigger',
		name: 'easyInkTrigger',
		icon: { light: 'file:../../icons/easyink.svg', dark: 'file:../../icons/easyink.dark.svg' },
		group: ['trigger'],
		// Version 2: "Include Session Details" is off by default (version 1 keeps it on, as saved workflows had it).
		version: [1, 2],
		defaultVersion: 2,
		documentationUrl: 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#easyink',
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when EasyInk signing sessions start, are signed, finish, are declined, voided or expire',
		defaults: { name: 'EasyInk Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'easyInkOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Participant Signed', value: 'participantSigned', description: 'A participant signed (once per participant)' },
					{ name: 'Session Declined', value: 'declined', description: 'A participant declined to sign' },
					{ name: 'Session Expired', value: 'expired', description: 'The signing deadline passed' },
					{ name: 'Session Finished', value: 'sessionFinished', description: 'Everyone has signed' },
					{ name: 'Session Started', value: 'started', description: 'Invitations were sent (also when nobody has signed yet)' },
					{ name: 'Session Voided', value: 'voided', description: 'The session was cancelled' },
				],
				default: ['sessionFinished'],
				description: 'When you change the events, the trigger starts afresh: what already happened does not fire',
			},
			...sinceVersion(2, includeDetails(true), includeDetails(false)),
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to return a simplified version of the response instead of the raw data',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as EventChoice[];
		if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event in "Events"');
		const result = await pollEasyInk(this, {
			events,
			simplify: this.getNodeParameter('simplify', true) as boolean,
			includeDetails: this.getNodeParameter('includeDetails', this.getNode().typeVersion < 2) as boolean,
		});
		if (!result && this.getMode() === 'manual') {
			const chosen = events.map((e) => EVENT_NAMES[e]).join(', ');
			const suggestion = events.includes('started') ? '' : ', or add Session Started to the events';
			throw new NodeOperationError(this.getNode(), `No recent EasyInk session has had ${events.length > 1 ? 'any of the chosen events' : `the event "${chosen}"`} yet`, {
				description: `Fetch Test Event looks at your 10 newest signing sessions for ${chosen}. In EasyInk, ${events.map((e) => TRY[e]).join(' or ')}${suggestion}, then fetch again. Once the workflow is active, the trigger fires for what happens from then on.`,
			});
		}
		return result;
	}
}
