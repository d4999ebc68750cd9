import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { simplifyField } from '../shared/simplify';
import { simplifySession } from './actions/signingSession/output';
import type { EventChoice } from './poll';
import { pollSessions } from './poll';
import { SIGNICAT } from './transport';

/** What "Fetch Test Event" looked for, in words, when it found nothing. */
const LOOKED_FOR: Record<EventChoice, string> = {
	signed: 'signed',
	rejected: 'rejected',
	final: 'signed or rejected',
	expired: 'still open after its due date',
	stateChanged: '',
};

function nothingToShow(trigger: IPollFunctions, choices: EventChoice[]): NodeOperationError {
	if (choices.includes('stateChanged'))
		return new NodeOperationError(trigger.getNode(), 'No signing session in this Signicat account yet', {
			description: 'Create one (e.g. with the Signicat node: Signing Session → Send Document for Signing), then fetch a test event again.',
		});
	const wanted = [...new Set(choices.map((c) => LOOKED_FOR[c]))].join(', or ');
	return new NodeOperationError(trigger.getNode(), `No signing session that is ${wanted} yet`, {
		description:
			'"Fetch Test Event" shows the newest session matching the chosen events. Have a test session signed (or rejected), or choose "Session State Changed" to test with any session.',
	});
}

export class SignicatTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Signicat Trigger',
		name: 'signicatTrigger',
		icon: { light: 'file:../../icons/signicat.svg', dark: 'file:../../icons/signicat.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Signicat signing sessions are signed, rejected, expire or change state',
		documentationUrl: SIGNICAT.readmeUrl,
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
					{
						name: 'Session Expired',
						value: 'expired',
						description: 'The due date passed and the session was neither signed nor rejected (reported a few minutes after the due date)',
					},
					{ name: 'Session Reached a Final State', value: 'final', description: 'The session was signed or rejected' },
					{ name: 'Session Rejected', value: 'rejected', description: 'The signer rejected the session' },
					{ name: 'Session Signed', value: 'signed', description: 'The signer signed; the signed documents can be downloaded' },
					{ name: 'Session State Changed', value: 'stateChanged', description: 'A new session was created, or a session changed its state' },
				],
				default: ['signed'],
			},
			{
				...simplifyField({ '@version': [{ _cnd: { gte: 2 } }] }),
				hint: 'On: event, sessionId, title, state, stateIsFinal, signatureUrl, signatureUrlExpiresAt, dueDate, externalReference, documentIds, resultDocumentIds. Off: the event and Signicat’s whole session.',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const choices = this.getNodeParameter('events', []) as EventChoice[];
		if (!choices.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event in "Events"');
		const found = await pollSessions(this, { events: choices });
		if (!found) {
			if (this.getMode() === 'manual') throw nothingToShow(this, choices);
			return null;
		}
		const version = this.getNode().typeVersion;
		if (version < 2) return found;
		const simplified = this.getNodeParameter('simplify', true) === true;
		return [
			found[0].map((item) => {
				const session = (item.json.session as IDataObject) ?? {};
				const json = simplified ? { event: item.json.event, ...simplifySession(session) } : { event: item.json.event, ...session };
				return { ...item, json };
			}),
		];
	}
}
