import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as document from './actions/document';
import * as documentCollection from './actions/documentCollection';
import { router } from './actions/router';
import * as signingSession from './actions/signingSession';
import { searchSessions } from './methods';
import { SIGNICAT } from './transport';

export class Signicat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Signicat',
		name: 'signicat',
		icon: { light: 'file:../../icons/signicat.svg', dark: 'file:../../icons/signicat.dark.svg' },
		group: ['output'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Upload documents and get them signed with Signicat Sign API v2',
		documentationUrl: SIGNICAT.readmeUrl,
		defaults: { name: 'Signicat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'signicatOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Document', value: 'document' },
					{ name: 'Document Collection', value: 'documentCollection' },
					{ name: 'Signing Session', value: 'signingSession' },
				],
				default: 'signingSession',
			},
			...signingSession.description,
			...document.description,
			...documentCollection.description,
		],
	};

	methods = { listSearch: { searchSessions } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
