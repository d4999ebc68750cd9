/**
 * Runs workflows and poll triggers through n8n's own engine (n8n-core's WorkflowExecute and PollContext),
 * with this package loaded from `dist/` by n8n-core's package loader, exactly as n8n loads an installed
 * community package. Used by the tests, the main job (`npm start`) and the benchmarks.
 */
import 'reflect-metadata';
import { Container } from '@n8n/di';
import {
	BinaryDataConfig,
	BinaryDataService,
	ExecuteContext,
	ExecutionLifecycleHooks,
	FileLocation,
	LoadOptionsContext,
	PackageDirectoryLoader,
	PollContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	ITaskDataConnections,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import path from 'node:path';
import type { Readable } from 'node:stream';

export const PACKAGE_NAME = 'n8n-nodes-esign';

/**
 * Stand-in for n8n's Manual Trigger (n8n-nodes-base is not a dependency of this package): it passes on the
 * items the run was started with, like pinned trigger data in the editor.
 */
class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow',
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

type StoredCredentials = Record<string, ICredentialDataDecryptedObject>;

export interface EngineOptions {
	/** Project directory whose package.json `n8n` section and `dist/` are loaded. */
	packageDir?: string;
	/** Credential data by credential type name (what the user typed in the editor). */
	credentials?: StoredCredentials;
	/** n8n binary data mode: 'default' keeps files in memory, 'filesystem' on disk. */
	binaryMode?: 'default' | 'filesystem';
	/** Directory for filesystem binary mode. */
	storagePath?: string;
}

/** The credentials helper n8n's CLI provides: applies defaults, resolves `authenticate`, runs `preAuthentication`. */
export class SandboxCredentialsHelper extends ICredentialsHelper {
	/** Every credential update n8n made (OAuth token refreshes, preAuthentication tokens). */
	readonly updates: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];

	constructor(
		private readonly engine: Engine,
		public store: StoredCredentials,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		const type = this.engine.credentialType(name);
		const parents = [...(type?.extends ?? [])];
		for (const p of type?.extends ?? []) parents.push(...this.getParentTypes(p));
		return parents;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.engine.credentialType(typeName);
		const auth = type?.authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		const resolve = (value: unknown) =>
			typeof value === 'string' && value.startsWith('=')
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials } as IDataObject, undefined, '')
				: value;
		if (auth.type === 'generic') {
			for (const [outer, inner] of Object.entries(auth.properties)) {
				const target = ((requestOptions as unknown as IDataObject)[outer] ??= {}) as IDataObject;
				for (const [k, v] of Object.entries(inner as IDataObject)) {
					if (outer === 'auth') (requestOptions as unknown as IDataObject).auth = { ...(target as IDataObject), [k]: resolve(v) } as IDataObject;
					else target[String(resolve(k))] = resolve(v) as string;
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.engine.credentialType(typeName);
		const expirable = type?.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type?.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] === '' || credentials[expirable.name] === undefined || credentialsExpired) {
			const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
			if (output[expirable.name] === undefined) return undefined;
			const updated: ICredentialDataDecryptedObject = { ...credentials, ...output };
			this.store[typeName] = updated;
			this.updates.push({ type: typeName, data: updated });
			return updated;
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.engine.credentialType(typeName);
		if (typeof type?.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string) {
		return this.engine.credentialType(type)?.properties ?? [];
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store[type];
		if (!data) throw new Error(`No credentials of type "${type}" in the sandbox engine`);
		// n8n fills in the defaults of fields the user never touched.
		const withDefaults: ICredentialDataDecryptedObject = {};
		const expressions: ICredentialDataDecryptedObject = {};
		for (const prop of this.getAllProperties(type)) {
			if (prop.default === undefined) continue;
			if (typeof prop.default === 'string' && prop.default.startsWith('=')) expressions[prop.name] = prop.default;
			else withDefaults[prop.name] = prop.default as ICredentialDataDecryptedObject[string];
		}
		const merged = structuredClone({ ...withDefaults, ...data });
		// Like n8n's CLI: expression defaults (hidden fields such as an OAuth2 token URL) resolve against `$self`.
		for (const [name, expression] of Object.entries(expressions)) {
			if (name in data) continue;
			merged[name] = this.resolveSelf(expression as string, merged);
		}
		return merged;
	}

	private resolveSelf(expression: string, self: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject[string] {
		const mockNode: INode = { id: 'cred', name: 'credential', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
		const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: this.engine.nodeTypes });
		return workflow.expression.getComplexParameterValue(mockNode, expression, 'internal', {}, undefined, undefined, self) as ICredentialDataDecryptedObject[string];
	}

	private getAllProperties(type: string) {
		const own = this.engine.credentialType(type)?.properties ?? [];
		const parents = this.getParentTypes(type).flatMap((p) => this.engine.credentialType(p)?.properties ?? []);
		const byName = new Map<string, (typeof own)[number]>();
		for (const p of [...parents, ...own]) byName.set(p.name, p);
		return [...byName.values()];
	}

	async getCredentials(): Promise<never> {
		throw new Error('getCredentials is not used by the sandbox engine');
	}

	async updateCredentials(_node: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.store[type] = { ...data };
		this.updates.push({ type, data });
	}

	async updateCredentialsOauthTokenData(
		_node: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = { ...this.store[type], ...data };
		this.updates.push({ type, data });
	}

	getCredentialsExpressionResolveValues(): ICredentialsExpressionResolveValues {
		return undefined as unknown as ICredentialsExpressionResolveValues;
	}
}

/** Stand-in for n8n's No Op node, the node n8n's credential tester runs credential tests as. */
class NoOp implements INodeType {
	description = {
		displayName: 'No Operation',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'No operation',
		defaults: { name: 'Temp-Node' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export interface RunResult {
	run: IRun;
	/** Output items of a node (first output, first run). */
	output(nodeName: string): INodeExecutionData[];
	/** The error a node ended with, if any. */
	error(nodeName?: string): (Error & { description?: string; httpCode?: string; context?: IDataObject }) | undefined;
}

export class Engine {
	readonly packageDir: string;
	private loader?: PackageDirectoryLoader;
	readonly nodeTypes: INodeTypes;
	readonly credentialsHelper: SandboxCredentialsHelper;
	private binaryReady?: Promise<void>;

	constructor(private readonly options: EngineOptions = {}) {
		this.packageDir = options.packageDir ?? path.resolve(__dirname, '..', runsCompiled(__dirname) ? '..' : '');
		this.credentialsHelper = new SandboxCredentialsHelper(this, { ...(options.credentials ?? {}) });
		const manual = new ManualTrigger();
		this.nodeTypes = {
			getByName: (type: string) => this.nodeType(type),
			getByNameAndVersion: (type: string, version?: number) =>
				NodeHelpers.getVersionedNodeType(this.nodeType(type), version),
			getKnownTypes: () => ({}),
		} as INodeTypes;
		this.builtins.set('n8n-nodes-base.manualTrigger', manual);
		this.builtins.set('n8n-nodes-base.noOp', new NoOp());
	}

	private readonly builtins = new Map<string, INodeType>();

	/** Adds a node type that is not part of the package (benchmarks' reference nodes, n8n built-in stand-ins). */
	registerNodeType(type: string, nodeType: INodeType): void {
		this.builtins.set(type, nodeType);
	}

	/** Loads the package from dist/ with n8n-core's package loader. */
	async load(): Promise<PackageDirectoryLoader> {
		if (!this.loader) {
			const loader = new PackageDirectoryLoader(this.packageDir);
			await loader.loadAll();
			this.loader = loader;
		}
		await this.initBinary();
		return this.loader;
	}

	get packageLoader(): PackageDirectoryLoader {
		if (!this.loader) throw new Error('call engine.load() first');
		return this.loader;
	}

	private async initBinary() {
		this.binaryReady ??= (async () => {
			const config = Container.get(BinaryDataConfig);
			config.mode = this.options.binaryMode ?? 'default';
			config.availableModes = ['default', 'filesystem'];
			if (this.options.storagePath) config.localStoragePath = this.options.storagePath;
			await Container.get(BinaryDataService).init();
		})();
		await this.binaryReady;
	}

	nodeType(type: string): INodeType | IVersionedNodeType {
		const builtin = this.builtins.get(type);
		if (builtin) return builtin;
		const short = type.startsWith(`${PACKAGE_NAME}.`) ? type.slice(PACKAGE_NAME.length + 1) : type;
		const loaded = this.packageLoader.nodeTypes[short];
		if (!loaded) throw new Error(`Unknown node type ${type}`);
		return loaded.type;
	}

	/**
	 * An input item carrying a file, stored the way n8n stores binaries in the engine's mode: inline base64 in
	 * 'default' mode, a file on disk (read back as a stream by the nodes) in 'filesystem' mode.
	 */
	async fileItem(
		content: Buffer | Readable,
		fileName: string,
		mimeType: string,
		json: IDataObject = {},
		property = 'data',
	): Promise<INodeExecutionData> {
		await this.load();
		const binary = await Container.get(BinaryDataService).store(FileLocation.ofExecution('sandbox', 'sandbox-input'), content, {
			data: '',
			mimeType,
			fileName,
			fileExtension: fileName.includes('.') ? fileName.split('.').pop() : undefined,
		});
		return { json, binary: { [property]: binary } };
	}

	/**
	 * What the editor does when a "From List" field opens or its search box changes: n8n-core's LoadOptionsContext
	 * for the node (its current parameters and credentials), then the node type's `methods.listSearch[method]`.
	 */
	async listSearch(node: INode, method: string, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		await this.load();
		const workflow = new Workflow({ id: 'list-search', nodes: [node], connections: {}, active: false, nodeTypes: this.nodeTypes });
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
		const fn = nodeType.methods?.listSearch?.[method];
		if (!fn) throw new Error(`${node.type} has no listSearch method ${method}`);
		// The editor sends the node's current parameters along (a list may depend on another field, e.g. the chosen draft).
		const context = new LoadOptionsContext(workflow, workflow.getNode(node.name)!, { ...this.additionalData(), currentNodeParameters: node.parameters }, '');
		return await fn.call(context, filter, paginationToken);
	}

	/** What the editor does to fill an options list (`methods.loadOptions[method]`). */
	async loadOptions(node: INode, method: string): Promise<INodePropertyOptions[]> {
		await this.load();
		const workflow = new Workflow({ id: 'load-options', nodes: [node], connections: {}, active: false, nodeTypes: this.nodeTypes });
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
		const fn = nodeType.methods?.loadOptions?.[method];
		if (!fn) throw new Error(`${node.type} has no loadOptions method ${method}`);
		const context = new LoadOptionsContext(workflow, workflow.getNode(node.name)!, { ...this.additionalData(), currentNodeParameters: node.parameters }, '');
		return await fn.call(context);
	}

	/**
	 * The editor's credential "Test" button, as n8n's CLI runs it: a temporary No Op node whose only property routes
	 * the credential type's `test.request`, executed by n8n-core's RoutingNode with the credential data (defaults
	 * applied). RoutingNode sends it through httpRequestWithAuthentication, so `preAuthentication` (token grants)
	 * and OAuth2 run first, exactly as in n8n. `data` replaces the stored credential data for this test.
	 */
	async testCredential(type: string, data?: ICredentialDataDecryptedObject): Promise<{ status: 'OK' | 'Error'; message: string }> {
		await this.load();
		const test = this.credentialType(type)?.test;
		const request = test?.request;
		if (!request) throw new Error(`${type} has no test request`);
		if (data) this.setCredentials(type, data);
		// n8n's CLI recognises a credential test by this node (parameters.temp === '' on n8n-nodes-base.noOp).
		const node: INode = {
			id: 'temp',
			name: 'Temp-Node',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [0, 0],
			parameters: { temp: '' },
			credentials: { [type]: { id: 'credential-under-test', name: 'Credential under test' } },
		};
		const tester = new NoOp();
		tester.description = {
			...tester.description,
			credentials: [{ name: type, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request }, default: '' }],
		};
		const nodeTypes: INodeTypes = {
			...this.nodeTypes,
			getByName: (t: string) => (t === node.type ? tester : this.nodeTypes.getByName(t)),
			getByNameAndVersion: (t: string, v?: number) => (t === node.type ? tester : this.nodeTypes.getByNameAndVersion(t, v)),
		};
		const workflow = new Workflow({ id: 'credential-test', nodes: [node], connections: {}, active: false, nodeTypes });
		const decrypted = await this.credentialsHelper.getDecrypted({} as IWorkflowExecuteAdditionalData, node.credentials![type], type);
		const credentials: ICredentialsDecrypted = { id: 'credential-under-test', name: 'Credential under test', type, data: decrypted };
		const input: ITaskDataConnections = { main: [[{ json: {} }]] };
		const executeData: IExecuteData = { node, data: {}, source: null };
		const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
		const context = new ExecuteContext(workflow, node, this.additionalData(), 'internal', runExecutionData, 0, input.main[0]!, input, executeData, []);
		const rules = test?.rules ?? [];
		let response: Awaited<ReturnType<RoutingNode['runNode']>>;
		try {
			response = await new RoutingNode(context, tester, credentials).runNode();
		} catch (error) {
			// As n8n's CLI (CredentialsTester) reports a failed test: an HTTP answer → the credential's rule for its
			// status code, else the status text; a connection error → its code; anything else → the error's message.
			const e = error as Error & { cause?: { response?: { status: number; statusText?: string }; code?: string } };
			const answer = e.cause?.response;
			if (answer) {
				const rule = rules.find((r) => r.type === 'responseCode' && r.properties.value === answer.status);
				if (rule) return { status: 'Error', message: rule.properties.message };
				if (answer.status < 199 || answer.status > 299)
					return { status: 'Error', message: answer.statusText || `Received HTTP status code: ${answer.status}` };
			} else if (e.cause?.code) return { status: 'Error', message: e.cause.code };
			return { status: 'Error', message: e.message };
		}
		for (const rule of rules) {
			if (rule.type !== 'responseSuccessBody') continue;
			const body = response?.[0]?.[0]?.json as IDataObject | undefined;
			const value = rule.properties.key.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as IDataObject)[k] : undefined), body);
			if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
		}
		return { status: 'OK', message: 'Connection successful!' };
	}

	credentialType(name: string): ICredentialType | undefined {
		return this.loader?.credentialTypes[name]?.type;
	}

	setCredentials(type: string, data: ICredentialDataDecryptedObject) {
		this.credentialsHelper.store[type] = { ...data };
	}

	additionalData(hooks?: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentialsHelper,
			hooks,
			executionId: `sandbox-${Date.now()}`,
			restApiUrl: 'http://localhost/rest',
			instanceBaseUrl: 'http://localhost/',
			formWaitingBaseUrl: 'http://localhost/form-waiting',
			webhookBaseUrl: 'http://localhost/webhook',
			webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost/webhook-test',
			currentNodeParameters: undefined,
			executeWorkflow: async () => {
				throw new Error('Sub-workflows are not available in the sandbox engine');
			},
			getRunExecutionData: async () => undefined,
			logAiEvent: () => undefined,
			startRunnerTask: async () => {
				throw new Error('Task runners are not available in the sandbox engine');
			},
			userId: 'sandbox-user',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	/**
	 * Runs a workflow (the JSON the editor exports). `input` seeds the first node's input items, as pinned
	 * data would; without it the start node gets one empty item.
	 */
	async run(workflowJson: Pick<IWorkflowBase, 'nodes' | 'connections'> & Partial<IWorkflowBase>, input?: INodeExecutionData[], startNodeName?: string): Promise<RunResult> {
		await this.load();
		const workflow = new Workflow({
			id: workflowJson.id ?? 'sandbox',
			name: workflowJson.name ?? 'sandbox',
			nodes: workflowJson.nodes,
			connections: workflowJson.connections,
			active: false,
			nodeTypes: this.nodeTypes,
			staticData: workflowJson.staticData,
			settings: workflowJson.settings,
		});
		const hooks = new ExecutionLifecycleHooks('manual', 'sandbox', workflowJson as IWorkflowBase);
		let resolveRun!: (run: IRun) => void;
		const done = { promise: new Promise<IRun>((r) => (resolveRun = r)) };
		hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveRun(fullRunData));
		const start = startNodeName ? workflow.getNode(startNodeName) : workflow.getStartNode();
		if (!start) throw new Error('The workflow has no start node');
		const runExecutionData: IRunExecutionData = {
			startData: {},
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: null,
				nodeExecutionStack: [{ node: start, data: { main: [input ?? [{ json: {} }]] }, source: null } as IExecuteData],
			},
		} as IRunExecutionData;
		const execute = new WorkflowExecute(this.additionalData(hooks), 'manual', runExecutionData);
		try {
			await execute.processRunExecutionData(workflow);
		} catch (error) {
			// n8n refuses to start a workflow whose nodes have issues (e.g. an empty required parameter).
			return wrapRun({ data: { resultData: { runData: {}, error } } } as unknown as IRun);
		}
		const run = await done.promise;
		return wrapRun(run);
	}
}

/** Compiled into dist-dev/sandbox, the project is two levels up; run from the TS sources (jest), one level up. */
function runsCompiled(dir: string): boolean {
	return dir.includes(`${path.sep}dist-dev${path.sep}`);
}

function wrapRun(run: IRun): RunResult {
	return {
		run,
		output(nodeName: string) {
			const task = run.data.resultData.runData[nodeName]?.[0];
			return (task?.data?.main?.[0] ?? []) as INodeExecutionData[];
		},
		error(nodeName?: string) {
			if (nodeName) return run.data.resultData.runData[nodeName]?.[0]?.error as RunResult['error'] extends (...a: never[]) => infer R ? R : never;
			return run.data.resultData.error as ReturnType<RunResult['error']>;
		},
	};
}

export interface PollResult {
	items: INodeExecutionData[] | null;
	error?: Error;
}

/**
 * Runs a poll trigger through n8n's PollContext, keeping the workflow's static data between polls the way
 * n8n does: in memory while active, saved when the poll emits (and at activation), reloaded on restart.
 */
export class TriggerRunner {
	private saved: IDataObject = {};
	private workflow?: Workflow;
	private activated = false;

	constructor(
		private readonly engine: Engine,
		private readonly node: INode,
	) {}

	private build(): Workflow {
		return new Workflow({
			id: 'sandbox-trigger',
			name: 'trigger',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: this.engine.nodeTypes,
			staticData: structuredClone(this.saved),
		});
	}

	/** What n8n has saved in its database for this workflow. */
	get savedStaticData(): IDataObject {
		return structuredClone(this.saved);
	}

	private save(workflow: Workflow) {
		this.saved = JSON.parse(JSON.stringify(workflow.staticData ?? {})) as IDataObject;
		delete this.saved.__dataChanged;
	}

	/** One poll as n8n's scheduler runs it (mode 'trigger'), or a "Fetch Test Event" (mode 'manual'). */
	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<PollResult> {
		await this.engine.load();
		if (mode === 'manual') {
			const workflow = this.build();
			return await this.runPoll(workflow, 'manual', 'manual');
		}
		this.workflow ??= this.build();
		const activation = this.activated ? 'trigger' : 'activate';
		const result = await this.runPoll(this.workflow, 'trigger', activation);
		if (!this.activated || (result.items && result.items.length)) this.save(this.workflow);
		this.activated = true;
		return result;
	}

	/** What n8n would load from its database (e.g. state written by an older version, or damaged). */
	set savedStaticData(data: IDataObject) {
		this.saved = structuredClone(data);
		this.workflow = undefined;
	}

	/**
	 * The user changes the trigger's parameters and saves the active workflow: n8n reloads it with the static data
	 * it saved, and the next poll runs with the new parameters.
	 */
	reconfigure(parameters: INode['parameters']) {
		if (this.workflow) this.save(this.workflow);
		this.node.parameters = parameters;
		this.workflow = undefined;
	}

	/** n8n restarts: the in-memory workflow is gone, static data comes back from the database. */
	restart() {
		this.workflow = undefined;
	}

	/** Deactivating saves the static data (n8n does this on removal). */
	deactivate() {
		if (this.workflow) this.save(this.workflow);
		this.workflow = undefined;
	}

	private async runPoll(workflow: Workflow, mode: WorkflowExecuteMode, activation: 'activate' | 'trigger' | 'manual'): Promise<PollResult> {
		const node = workflow.getNode(this.node.name)!;
		const context = new PollContext(workflow, node, this.engine.additionalData(), mode, activation as never);
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
		try {
			const out = await nodeType.poll!.call(context);
			return { items: out ? out[0] : null };
		} catch (error) {
			return { items: null, error: error as Error };
		}
	}
}
