/**
 * What the overhead benchmark compares the package with: n8n's bare `httpRequest` helper, and "the floor" — a
 * bench-only node with the real node's parameters that sends the profile's hand-made requests through n8n's
 * authenticated helper. Used by `run.ts` and `profile-overhead.ts`.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INode, INodeExecutionData, INodeType } from 'n8n-workflow';

import type { Engine } from '../sandbox/engine';
import type { BenchProfile } from './profile';

export function workflow(nodes: INode[]) {
	const trigger: INode = { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const all = [trigger, ...nodes];
	const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }> = {};
	for (let i = 0; i < all.length - 1; i++) connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	return { nodes: all, connections };
}

/** n8n's bare httpRequest helper, from a real node execution context. */
export async function bareHelper(engine: Engine) {
	const { PollContext } = await import('n8n-core');
	const { Workflow } = await import('n8n-workflow');
	const node: INode = { id: 'x', name: 'x', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} };
	const wf = new Workflow({ id: 'bare', nodes: [node], connections: {}, active: false, nodeTypes: engine.nodeTypes });
	const context = new PollContext(wf, node, engine.additionalData(), 'internal', 'manual' as never);
	return (options: IHttpRequestOptions) => context.helpers.httpRequest(options);
}

/**
 * The floor: what any n8n node must pay for the same work. A bench-only node with the create/get nodes' parameters
 * (so n8n evaluates the same expressions per item) that sends the profile's hand-made requests through n8n's
 * authenticated helper — none of this package's code in between. node ÷ floor is this package's own cost.
 */
export function referenceNodes(
	profile: BenchProfile,
	origin: string,
	ctx: IDataObject,
	credentialType: string,
	properties: INodeType['description']['properties'],
): INodeType {
	return {
		description: {
			displayName: 'Bench Reference',
			name: 'benchReference',
			group: ['transform'],
			version: 1,
			description: 'Reference node for the overhead benchmark',
			defaults: { name: 'Bench Reference' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType, required: true }],
			// The real node's parameters, so n8n resolves exactly the same ones per item.
			properties: [...properties, { displayName: 'Role', name: '__role', type: 'string', default: '' }],
		} as unknown as INodeType['description'],
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = this.getInputData();
			const role = this.getNodeParameter('__role', 0) as string;
			const out: INodeExecutionData[] = [];
			for (let i = 0; i < items.length; i++) {
				for (const name of Object.keys(this.getNode().parameters)) if (name !== '__role') this.getNodeParameter(name, i);
				const n = Number(items[i].json.n ?? i);
				const created = (items[i].json.__raw ?? items[i].json) as IDataObject;
				const spec = role === 'create' ? profile.bareCreate(origin, ctx, n) : profile.bareGet(origin, ctx, created);
				const headers = Object.fromEntries(
					Object.entries(spec.headers ?? {}).filter(([k]) => !/^(authorization|x-auth-token)$/i.test(k)),
				);
				const json = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
					...spec,
					headers,
					json: true,
				} as IHttpRequestOptions)) as IDataObject;
				// Keep the raw answer (some providers answer a create with a bare id string) for the get.
				out.push({ json: { __raw: json, n }, pairedItem: { item: i } });
			}
			return [out];
		},
	};
}

