import type { INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { sinceVersion } from '../shared/locator';
import { splitList } from '../shared/params';
import { simplifyField } from '../shared/simplify';
import { OPTIMAITE } from './transport';
import type { EventChoice } from './trigger/events';
import type { Watch } from './trigger/poll';
import { noTestEventError, pollOptimaite } from './trigger/poll';

export { envelopeEvents, OPTIMAITE_EVENTS } from './trigger/events';
export { noTestEventError, pollOptimaite } from './trigger/poll';
export type { OptimaitePollSettings } from './trigger/poll';

const watchBase: INodeProperties = {
	displayName: 'Watch',
	name: 'watch',
	type: 'options',
	options: [
		{ name: 'All Active Cases', value: 'allActive', description: 'Every case whose status is active (one request per 100 active cases, plus one per case read)' },
		{ name: 'Specific Cases', value: 'cases', description: 'Only the cases listed below (one request per case)' },
	],
	default: 'allActive',
};

/** The Watch choice, its Case IDs and the request budget: shared with the E-Signature trigger's Optimaite options. */
export const CASE_IDS_FIELD: INodeProperties = {
	displayName: 'Case IDs',
	name: 'caseIds',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 550e8400-e29b-41d4-a716-446655440000, 7d3f1c2a-9b8e-4c6d-a5f4-3e2d1c0b9a87',
	// A resource locator picks one record; n8n has no multi-pick for locators, so the list stays text.
	description: 'IDs of the cases to watch, separated by commas, or an array from an expression. A case added later fires only for what happens after it was added.',
	displayOptions: { show: { watch: ['cases'] } },
};

export const MAX_REQUESTS_FIELD: INodeProperties = {
	displayName: 'Max Requests per Poll',
	name: 'maxRequests',
	type: 'number',
	default: 5,
	typeOptions: { minValue: 1, maxValue: 200 },
	description:
		'The most requests one poll sends; keep it below your plan’s per-minute limit (Standard: 60). With more cases than this, the cases take turns: events are delayed a few polls, never lost.',
};

export class OptimaiteTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Optimaite Trigger',
		name: 'optimaiteTrigger',
		icon: { light: 'file:../../icons/optimaite.svg', dark: 'file:../../icons/optimaite.dark.svg' },
		group: ['trigger'],
		// 2: watches all active cases by default and has Simplify (version 1 keeps Specific Cases and its items).
		version: [1, 2],
		defaultVersion: 2,
		documentationUrl: OPTIMAITE.readmeUrl,
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
					'Optimaite has no webhooks, so the trigger asks Optimaite for each case’s envelopes: one request per case (plus one per 100 active cases for "All Active Cases"). The Standard plan allows 10,000 requests a day for all your workflows: polling every minute with 7 requests uses all of it.',
				name: 'costNotice',
				type: 'notice',
				default: '',
			},
			...sinceVersion(2, { ...watchBase, default: 'cases' }, watchBase),
			CASE_IDS_FIELD,
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
					{ name: 'Signer Signed', value: 'signerSigned', description: 'A signer has signed (once per signer)' },
				],
				default: ['completed'],
			},
			MAX_REQUESTS_FIELD,
			{
				...simplifyField({ '@version': [{ _cnd: { gte: 2 } }] }),
				description: 'Whether to return the envelope’s main fields (the same names as Signing Envelope → Get Many with Simplify) instead of Optimaite’s answer',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const v2 = this.getNode().typeVersion >= 2;
		const watch = this.getNodeParameter('watch', v2 ? 'allActive' : 'cases') as Watch;
		const events = this.getNodeParameter('events', []) as EventChoice[];
		const settings = {
			watch,
			caseIds: watch === 'cases' ? splitList(this.getNodeParameter('caseIds', '')) : [],
			events,
			maxRequests: Number(this.getNodeParameter('maxRequests', 5)),
			simplify: v2 && this.getNodeParameter('simplify', true) !== false,
		};
		const result = await pollOptimaite(this, settings);
		if (!result && this.getMode() === 'manual') throw noTestEventError(this.getNode(), settings);
		return result;
	}
}
