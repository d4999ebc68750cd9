/**
 * Runs a provider's E-Signature adapter (`nodes/<Provider>/esign.ts`) through n8n's engine before (and beside) the
 * E-Signature node: a test action node whose execute calls one adapter method per item, and a test trigger whose poll
 * calls `adapter.poll`, both with the provider's credential, so adapter tests see real requests against the sandbox.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeType, IPollFunctions } from 'n8n-workflow';

import type { ESignAdapter, NeutralEventName, SendInput } from '../nodes/shared/esign';
import type { Engine, TriggerRunner } from '../sandbox/engine';
import { TriggerRunner as Runner } from '../sandbox/engine';

export type AdapterCall =
	| { op: 'send'; input: SendInput }
	| { op: 'getStatus'; envelopeId: string }
	| { op: 'download'; envelopeId: string; what?: 'signed' | 'auditTrail'; binaryPropertyName?: string }
	| { op: 'cancel'; envelopeId: string; reason?: string };

const description = (name: string, trigger: boolean, credentialType: string) =>
	({
		displayName: name,
		name,
		group: [trigger ? 'trigger' : 'output'],
		version: 1,
		description: 'Adapter test node',
		defaults: { name },
		...(trigger ? { polling: true, inputs: [] } : { inputs: ['main'] }),
		outputs: ['main'],
		// n8n's getCredentials() refuses a credential the node type does not declare.
		credentials: [{ name: credentialType, required: true }],
		properties: [
			{ displayName: 'Call', name: 'call', type: 'json', default: '{}' },
			{ displayName: 'Events', name: 'events', type: 'json', default: '[]' },
			{ displayName: 'Options', name: 'options', type: 'json', default: '{}' },
		],
	}) as unknown as INodeType['description'];

const parse = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** Registers the two test nodes for `adapter` on `engine`; returns builders for workflows and triggers. */
export function adapterHarness(engine: Engine, adapter: ESignAdapter, credentialId = 'cred-1') {
	const actionType = `test.esign_${adapter.provider}`;
	const triggerType = `test.esignTrigger_${adapter.provider}`;
	class ActionNode implements INodeType {
		description = description(actionType, false, adapter.credentialType);
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const out: INodeExecutionData[] = [];
			const items = this.getInputData();
			for (let i = 0; i < items.length; i++) {
				const call = parse<AdapterCall>(this.getNodeParameter('call', i));
				if (call.op === 'send') out.push({ json: (await adapter.send(this, i, call.input)) as unknown as IDataObject, pairedItem: { item: i } });
				else if (call.op === 'getStatus') out.push({ json: (await adapter.getStatus(this, i, call.envelopeId)) as unknown as IDataObject, pairedItem: { item: i } });
				else if (call.op === 'download') out.push(...(await adapter.download(this, i, call.envelopeId, call.what ?? 'signed', call.binaryPropertyName ?? 'data')));
				else out.push({ json: await adapter.cancel(this, i, call.envelopeId, call.reason), pairedItem: { item: i } });
			}
			return [out];
		}
	}
	class TriggerNode implements INodeType {
		description = description(triggerType, true, adapter.credentialType);
		async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
			const events = parse<NeutralEventName[]>(this.getNodeParameter('events'));
			const options = parse<IDataObject>(this.getNodeParameter('options'));
			const found = await adapter.poll(this, events, options);
			return found && found.length ? [found.map((e) => ({ json: e as unknown as IDataObject }))] : null;
		}
	}
	engine.registerNodeType(actionType, new ActionNode());
	engine.registerNodeType(triggerType, new TriggerNode());
	const credentials = { [adapter.credentialType]: { id: credentialId, name: credentialId } };
	return {
		/** A one-node workflow calling the adapter once per input item (use `={{ … }}` in `call` for per-item values). */
		action(call: AdapterCall | string, name = 'Adapter'): { nodes: INode[]; connections: Record<string, never> } {
			const node: INode = {
				id: `id-${name}`,
				name,
				type: actionType,
				typeVersion: 1,
				position: [0, 0],
				parameters: { call: typeof call === 'string' ? call : JSON.stringify(call) },
				credentials,
			};
			return { nodes: [node], connections: {} };
		},
		/** The adapter's poll, run as n8n runs a polling trigger. */
		trigger(events: NeutralEventName[], options: IDataObject = {}): TriggerRunner {
			const node: INode = {
				id: 'id-AdapterTrigger',
				name: 'AdapterTrigger',
				type: triggerType,
				typeVersion: 1,
				position: [0, 0],
				parameters: { events: JSON.stringify(events), options: JSON.stringify(options) },
				credentials,
			};
			return new Runner(engine, node);
		},
	};
}
