import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as caseResource from './actions/case';
import * as document from './actions/document';
import * as envelope from './actions/envelope';
import { router } from './actions/router';
import { getCaseDocuments, searchCases, searchDocuments, searchEnvelopes } from './actions/search';
import { OPTIMAITE } from './transport';

export class Optimaite implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Optimaite',
		name: 'optimaite',
		icon: { light: 'file:../../icons/optimaite.svg', dark: 'file:../../icons/optimaite.dark.svg' },
		group: ['output'],
		// 2: cases, documents and envelopes picked from lists, Simplify, one empty signer to start (version 1 kept for saved workflows).
		version: [1, 2],
		defaultVersion: 2,
		documentationUrl: OPTIMAITE.readmeUrl,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Upload documents and send them for signature with Optimaite',
		defaults: { name: 'Optimaite' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'optimaiteApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Case', value: 'case' },
					{ name: 'Document', value: 'document' },
					{ name: 'Signing Envelope', value: 'envelope' },
				],
				default: 'envelope',
			},
			...document.description,
			...caseResource.description,
			...envelope.description,
		],
	};

	methods = { listSearch: { searchCases, searchDocuments, searchEnvelopes }, loadOptions: { getCaseDocuments } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
