/**
 * What the benchmarks need to know about one provider: credentials pointing at a sandbox, the nodes for
 * "create + get", a large upload, and how to seed objects and events for the polling benchmark.
 * Each provider adds a profile in bench/profiles/<provider>.ts and one line in bench/profiles/index.ts.
 */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import type { Sandbox } from '../sandbox/server';

export interface BareRequest {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	url: string;
	headers?: Record<string, string>;
	body?: unknown;
	qs?: IDataObject;
}

export interface BenchProfile {
	name: string;
	/** Credential type name → data, for a sandbox at `origin` (works for in-process and child sandboxes). */
	credentials(origin: string): Record<string, IDataObject>;
	/** Prepares the sandbox over HTTP (control routes) before "create + get"; returns values the nodes need. */
	prepare?(origin: string): Promise<IDataObject>;
	/**
	 * Input item `n` of the create node (default `{ json: { n } }`), for providers whose create takes a file
	 * in binary `data`.
	 */
	createInput?(ctx: IDataObject, n: number): INodeExecutionData;
	/** Node that creates one object per item, then node that gets it (parameters may use `$json`). */
	createNode(ctx: IDataObject): INode;
	getNode(ctx: IDataObject): INode;
	/** The same two requests, made by hand with n8n's bare httpRequest helper (auth header included). */
	bareCreate(origin: string, ctx: IDataObject, index: number): BareRequest;
	bareGet(origin: string, ctx: IDataObject, created: IDataObject): BareRequest;
	/** Upload node for the large-document benchmark, if the provider takes files; input item carries `data`. */
	uploadNode?(ctx: IDataObject): INode;
	uploadInput?(ctx: IDataObject): IDataObject;
	/** Extra upload sizes (MB) for this provider only, e.g. one below an inline-size limit. */
	extraUploadSizesMb?: number[];
	/** How a file of this size travels (shown beside the size), for providers that switch paths by size. */
	uploadPath?(bytes: number): string;
	/** Polling benchmark (in-process sandbox): seed `n` objects, then add `n` new events. */
	trigger?: {
		node(ctx: IDataObject): INode;
		seed(sandbox: Sandbox, n: number): IDataObject;
		addEvents(sandbox: Sandbox, ctx: IDataObject, n: number): void;
		/** Page size the trigger reads with (for the expected request count). */
		pageSize: number;
		/**
		 * Ways the provider may behave where its docs are silent (e.g. the order of a list), each measured as its own
		 * rows: `setup` prepares the sandbox after seeding; `warmUpEvents` happen (and are polled) before the measured
		 * polls, for a trigger that learns from the answers.
		 */
		variants?: Array<{ name: string; setup(sandbox: Sandbox): void; warmUpEvents?: number }>;
	};
}

export type Items = INodeExecutionData[];
