import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { runForEachItem } from '../shared/execute';
import { adapterFor, ADAPTERS } from './adapters';
import { DOCS_URL, actionProperties, providerCredentials } from './descriptions';
import { OPERATIONS } from './operations';

/**
 * One node for every provider: the same fields and the same normalised output whichever provider is chosen, each
 * operation carried out by that provider's adapter (`nodes/<Provider>/esign.ts`).
 */
export class ESignature implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'E-Signature',
		name: 'eSignature',
		icon: { light: 'file:../../icons/esignature.svg', dark: 'file:../../icons/esignature.dark.svg' },
		group: ['output'],
		version: 1,
		documentationUrl: DOCS_URL,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["provider"]}}',
		description: `Send documents for signature, check their status, download the signed PDFs and cancel, with any of ${ADAPTERS.map((a) => a.displayName).join(', ')}`,
		defaults: { name: 'E-Signature' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: providerCredentials(),
		properties: actionProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const provider = this.getNodeParameter('provider', 0) as string;
		const adapter = adapterFor(provider);
		if (!adapter) {
			throw new NodeOperationError(this.getNode(), `Unknown provider "${provider}" in "Provider"`, {
				description: `Choose one of: ${ADAPTERS.map((a) => a.displayName).join(', ')}.`,
			});
		}
		const operation = this.getNodeParameter('operation', 0) as string;
		const handler = OPERATIONS[operation];
		if (!handler) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
		return await runForEachItem(this, handler, adapter);
	}
}
