import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as attachment from './actions/attachment';
import * as document from './actions/document';
import * as draft from './actions/draft';
import * as participant from './actions/participant';
import { router } from './actions/router';
import * as session from './actions/session';
import * as signatureField from './actions/signatureField';
import * as signedOutput from './actions/signedOutput';
import * as signingOrder from './actions/signingOrder';
import { listSearch } from './methods/listSearch';

export class EasyInk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'EasyInk',
		name: 'easyInk',
		icon: { light: 'file:../../icons/easyink.svg', dark: 'file:../../icons/easyink.dark.svg' },
		group: ['output'],
		// Version 2: records picked from lists (resource locators), Simplify, Get Many. Version 1 keeps its free-text
		// IDs and raw answers, so saved workflows run as they did.
		version: [1, 2],
		defaultVersion: 2,
		documentationUrl: 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#easyink',
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send documents for e-signature with EasyInk and collect the signed files',
		defaults: { name: 'EasyInk' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'easyInkOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Attachment', value: 'attachment' },
					{ name: 'Document', value: 'document' },
					{ name: 'Draft', value: 'draft' },
					{ name: 'Participant', value: 'participant' },
					{ name: 'Signature Field', value: 'signatureField' },
					{ name: 'Signed Output', value: 'signedOutput' },
					{ name: 'Signing Order', value: 'signingOrder' },
					{ name: 'Signing Session', value: 'session' },
				],
				default: 'session',
			},
			...session.description,
			...draft.description,
			...document.description,
			...attachment.description,
			...participant.description,
			...signingOrder.description,
			...signatureField.description,
			...signedOutput.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
