/** Test helpers: a sandbox and an n8n engine per test file, and small builders for workflows and items. */
import type { IBinaryData, IConnections, IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import path from 'node:path';

import { Engine, TriggerRunner } from '../sandbox/engine';
import { Sandbox, startSandbox } from '../sandbox/index';

export const PACKAGE_DIR = path.resolve(__dirname, '..');

export interface TestEnv {
	sandbox: Sandbox;
	engine: Engine;
}

/** Starts the sandbox on a random port and an engine with the given credentials (pointing at it). */
export function useEnv(credentials: (sandbox: Sandbox) => Record<string, IDataObject>): TestEnv {
	const env = {} as TestEnv;
	beforeAll(async () => {
		env.sandbox = await startSandbox(0);
		env.engine = new Engine({ packageDir: PACKAGE_DIR, credentials: credentials(env.sandbox) as never });
		await env.engine.load();
	});
	afterAll(async () => {
		await env.sandbox?.stop();
	});
	beforeEach(() => {
		env.sandbox.reset();
		env.engine.credentialsHelper.store = credentials(env.sandbox) as never;
	});
	return env;
}

/** A node of this package, as the editor exports it. */
export function node(type: string, parameters: IDataObject, credentials: Record<string, string> = {}, name = 'Node'): INode {
	return {
		id: `id-${name}`,
		name,
		type: `n8n-nodes-esign.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: Object.fromEntries(Object.entries(credentials).map(([k, v]) => [k, { id: v, name: v }])),
	};
}

/** A one-node workflow whose node receives `input` items. */
export function single(n: INode): { nodes: INode[]; connections: IConnections } {
	return { nodes: [n], connections: {} };
}

/** An input item with a binary file in `data` (n8n's default in-memory binary mode). */
export function fileItem(content: Buffer, fileName = 'contract.pdf', mimeType = 'application/pdf', json: IDataObject = {}, property = 'data'): INodeExecutionData {
	const binary: IBinaryData = {
		data: content.toString('base64'),
		mimeType,
		fileName,
		fileExtension: fileName.split('.').pop(),
		fileSize: String(content.length),
	};
	return { json, binary: { [property]: binary } };
}

export function trigger(engine: Engine, n: INode): TriggerRunner {
	return new TriggerRunner(engine, n);
}

/** The file behind an output binary property. */
export function binaryContent(item: INodeExecutionData, property = 'data'): Buffer {
	const b = item.binary?.[property];
	if (!b) throw new Error(`no binary property ${property}`);
	return Buffer.from(b.data, 'base64');
}

declare const N8N_ENGINE: { workflow: string; core: string } | undefined;

/**
 * Major version of the n8n engine this jest project runs (`n8n-1` or `n8n-2`, see jest.config.js), for the few
 * assertions about what n8n itself does differently (its own messages, its own token bookkeeping).
 */
export const N8N_MAJOR = Number((typeof N8N_ENGINE === 'object' && N8N_ENGINE ? N8N_ENGINE.workflow : '2').split('.')[0]);
