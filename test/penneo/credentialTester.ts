/**
 * n8n's credential "Test" button, as n8n's CLI runs it (CredentialsTester): a temporary NoOp node whose only
 * property routes the credential's `test` request, executed by n8n-core's RoutingNode with the credential data
 * as typed in the editor. RoutingNode sends it through httpRequestWithAuthentication, so preAuthentication
 * (the token exchange) runs first, exactly as in n8n.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteData,
	INode,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	ITaskDataConnections,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { Engine } from '../../sandbox/engine';

export async function testCredential(
	engine: Engine,
	typeName: string,
	data: ICredentialDataDecryptedObject,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	await engine.load();
	const credentialType = engine.credentialType(typeName);
	const request = credentialType?.test?.request;
	if (!request) throw new Error(`${typeName} has no test request`);
	// n8n's CLI recognises a credential test by this node (parameters.temp === '' on n8n-nodes-base.noOp).
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [typeName]: { id: 'credential-under-test', name: 'Credential under test' } },
	};
	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'noOp',
			group: ['organization'],
			version: 1,
			description: 'No operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: typeName, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request }, default: '' }],
		} as INodeType['description'],
	};
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	// Defaults of untouched fields, as n8n applies them before testing.
	const defaults: ICredentialDataDecryptedObject = {};
	for (const p of credentialType.properties) if (typeof p.default !== 'object') defaults[p.name] = p.default as string;
	const credentials: ICredentialsDecrypted = { id: 'credential-under-test', name: 'Credential under test', type: typeName, data: { ...defaults, ...data } };
	const inputData: ITaskDataConnections = { main: [[{ json: {} }]] };
	const executeData: IExecuteData = { node, data: {}, source: null };
	const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
	const context = new ExecuteContext(workflow, node, engine.additionalData(), 'internal', runExecutionData, 0, inputData.main[0]!, inputData, executeData, []);
	try {
		await new RoutingNode(context, nodeType, credentials).runNode();
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
