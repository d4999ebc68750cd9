import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as caseFile from './actions/caseFile';
import * as job from './actions/job';
import { searchCaseFiles } from './actions/caseFile/search';
import { router } from './actions/router';
import { PENNEO } from './transport';

export class Penneo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Penneo',
		name: 'penneo',
		icon: { light: 'file:../../icons/penneo.svg', dark: 'file:../../icons/penneo.dark.svg' },
		group: ['output'],
		// 2: case files picked from a list, Simplify, signer options in groups (version 1 kept for saved workflows).
		version: [1, 2],
		defaultVersion: 2,
		documentationUrl: PENNEO.docsUrl,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send documents for signature with Penneo case files and download the signed PDFs',
		defaults: { name: 'Penneo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'penneoApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Case File', value: 'caseFile' },
					{ name: 'Job', value: 'job' },
				],
				default: 'caseFile',
			},
			...caseFile.description,
			...job.description,
		],
	};

	methods = { listSearch: { searchCaseFiles } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
