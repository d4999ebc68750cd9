import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationHandler } from '../../shared/execute';
import { runForEachItem } from '../../shared/execute';
import type { PenneoClient } from '../transport';
import { maskErrorCpr, penneoClient } from '../transport';
import * as caseFile from './caseFile';
import * as job from './job';

const resources: Record<string, Record<string, { execute: OperationHandler<PenneoClient> }>> = {
	caseFile: caseFile.operations,
	job: job.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation]?.execute;
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	// A CPR number, in either written form, never reaches an error the user sees.
	const masked: OperationHandler<PenneoClient> = async function (this: IExecuteFunctions, i, client) {
		try {
			return await handler.call(this, i, client);
		} catch (error) {
			throw maskErrorCpr(error as NodeOperationError);
		}
	};
	return await runForEachItem(this, masked, await penneoClient(this));
}
