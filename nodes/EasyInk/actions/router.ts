import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationHandler } from '../../shared/execute';
import { runForEachItem } from '../../shared/execute';
import type { EasyInkClient } from '../transport';
import { easyInkClient } from '../transport';
import * as attachment from './attachment';
import * as document from './document';
import * as draft from './draft';
import * as participant from './participant';
import * as session from './session';
import * as signatureField from './signatureField';
import * as signedOutput from './signedOutput';
import * as signingOrder from './signingOrder';

export const resources: Record<string, Record<string, { execute: OperationHandler<EasyInkClient> }>> = {
	session: session.operations,
	draft: draft.operations,
	document: document.operations,
	attachment: attachment.operations,
	participant: participant.operations,
	signingOrder: signingOrder.operations,
	signatureField: signatureField.operations,
	signedOutput: signedOutput.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation]?.execute;
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	return await runForEachItem(this, handler, await easyInkClient(this));
}
