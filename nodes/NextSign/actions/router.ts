import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationHandler } from '../../shared/execute';
import { runForEachItem } from '../../shared/execute';
import type { NextSignClient } from '../transport';
import { nextSignClient } from '../transport';
import * as caseResource from './case';
import * as document from './document';
import * as form from './form';

const resources: Record<string, Record<string, { execute: OperationHandler<NextSignClient> }>> = {
	case: caseResource.operations,
	document: document.operations,
	form: form.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation]?.execute;
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	const client = await nextSignClient(this);
	if (!client.company) {
		throw new NodeOperationError(this.getNode(), 'The NextSign credential has no company ID', {
			description: 'Open the NextSign credential and enter your company identifier (it is part of every request path).',
		});
	}
	return await runForEachItem(this, handler, client);
}
