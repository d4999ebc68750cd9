import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationHandler } from '../../shared/execute';
import { runForEachItem } from '../../shared/execute';
import type { SignicatClient } from '../transport';
import { signicatClient } from '../transport';
import * as document from './document';
import * as documentCollection from './documentCollection';
import * as signingSession from './signingSession';

const resources: Record<string, Record<string, { execute: OperationHandler<SignicatClient> }>> = {
	document: document.operations,
	documentCollection: documentCollection.operations,
	signingSession: signingSession.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation]?.execute;
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	return await runForEachItem(this, handler, await signicatClient(this));
}
