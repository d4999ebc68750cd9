import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as caseResource from './actions/case';
import * as document from './actions/document';
import * as form from './actions/form';
import { getFormTags, searchCases } from './actions/case/search';
import { router } from './actions/router';
import { NEXTSIGN_DOCS_URL } from './transport';

export class NextSign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NextSign',
		name: 'nextSign',
		icon: { light: 'file:../../icons/nextsign.svg', dark: 'file:../../icons/nextsign.dark.svg' },
		group: ['output'],
		// 1.1: Case → Create's Auto Send is a field of its own, always sent. 2: cases picked from a list, Form → Submit's
		// tags from the chosen form, Simplify, recipient rows in the order people fill them (earlier versions kept).
		version: [1, 1.1, 2],
		defaultVersion: 2,
		documentationUrl: NEXTSIGN_DOCS_URL,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send documents for signing with NextSign (MitID, BankID) and download the signed files',
		defaults: { name: 'NextSign' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nextSignApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Case', value: 'case' },
					{ name: 'Document', value: 'document' },
					{ name: 'Form', value: 'form' },
				],
				default: 'case',
			},
			...caseResource.description,
			...document.description,
			...form.description,
		],
	};

	methods = { listSearch: { searchCases }, loadOptions: { getFormTags } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
