/**
 * One description per provider for the cross-provider transport tests (redirects, timeouts, oversized answers,
 * a 401 in the middle of an upload, masking): the credential pointing at the sandbox, the secrets that must
 * never leak, and a read, a write and an upload as a user configures them in the editor.
 */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { Engine } from '../../sandbox/engine';
import { startSandbox } from '../../sandbox/index';
import { Sandbox } from '../../sandbox/server';
import type { RecordedRequest } from '../../sandbox/server';
import { PACKAGE_DIR, fileItem, node } from '../helpers';

export interface Operation {
	parameters: IDataObject;
	/** Sandbox prefix of the host this operation's request goes to, when it is not the provider's API host. */
	prefix?: string;
	/** Method and a substring of the path below the sandbox prefix that this operation's request has. */
	method: string;
	path: string;
}

export interface UploadOperation extends Operation {
	/** Size of the file as the provider received it (the multipart file part, or the raw body). */
	fileSize(request: RecordedRequest): number | undefined;
}

export interface ProviderCase {
	name: string;
	/** Node type, e.g. `optimaite`. */
	type: string;
	credentialType: string;
	/** Sandbox prefix of the API host (where the operations below go). */
	prefix: string;
	/** Sandbox prefix of the token host, when it differs from the API's. */
	tokenPrefix?: string;
	credentials(sandbox: Sandbox): IDataObject;
	/** Values of the credential that must never appear in an error, a log line or an item. */
	secrets(sandbox: Sandbox): string[];
	read: Operation;
	/** A create: not safe to repeat. */
	write: Operation & { input?: () => INodeExecutionData[] };
	/** A create, for the timeout tests. */
	timedWrite: Operation & { input?: () => INodeExecutionData[] };
	upload: UploadOperation;
	/** Runs before the upload (EasyInk uploads to a draft): returns parameters to merge in. */
	prepareUpload?(engine: Engine, sandbox: Sandbox): Promise<IDataObject>;
	/** Makes the provider refuse the current token (control route); undefined for static API keys. */
	expireToken?(sandbox: Sandbox): Promise<void>;
}

const partSize = (name: string) => (r: RecordedRequest) => r.parts?.find((p) => p.name === name && p.filename !== undefined)?.size;

async function control(sandbox: Sandbox, path: string, body: unknown = {}): Promise<void> {
	const res = await fetch(`${sandbox.origin}/_control/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (res.status >= 300) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
}

export const CASE = '550e8400-e29b-41d4-a716-446655440000';
export const UUID = '00000000-0000-4000-8000-00000000abcd';

export const PROVIDERS: ProviderCase[] = [
	{
		name: 'Optimaite',
		type: 'optimaite',
		credentialType: 'optimaiteApi',
		prefix: 'optimaite',
		credentials: (s) => ({ apiKey: 'opt_test_sandbox', environment: 'custom', baseUrl: `${s.url('optimaite')}/api/v1` }),
		secrets: () => ['opt_test_sandbox'],
		read: { parameters: { resource: 'case', operation: 'get', caseId: CASE }, method: 'GET', path: `/api/v1/cases/${CASE}` },
		write: {
			parameters: { resource: 'document', operation: 'upload', caseId: CASE, binaryPropertyName: 'data' },
			input: () => [fileItem(Buffer.from('%PDF-1.4 write'), 'write.pdf')],
			method: 'POST',
			path: '/api/v1/documents',
		},
		timedWrite: {
			parameters: { resource: 'envelope', operation: 'create', caseId: CASE, title: 'Contract', documentIds: 'doc_1', signers: { signer: [{ name: 'A', email: 'a@example.com' }] } },
			method: 'POST',
			path: '/signing-envelopes',
		},
		upload: {
			parameters: { resource: 'document', operation: 'upload', caseId: CASE, binaryPropertyName: 'data' },
			method: 'POST',
			path: '/api/v1/documents',
			fileSize: partSize('file'),
		},
	},
	{
		name: 'NextSign',
		type: 'nextSign',
		credentialType: 'nextSignApi',
		prefix: 'nextsign',
		credentials: (s) => ({
			apiKey: 'ns_test_key',
			companyId: 'acme-company',
			environment: 'custom',
			caseBaseUrl: `${s.url('nextsign')}/api/v2`,
			fileBaseUrl: `${s.url('nextsign-files')}/v3`,
		}),
		secrets: () => ['ns_test_key'],
		read: { parameters: { resource: 'case', operation: 'get', caseId: 'case-1' }, method: 'GET', path: '/case/case-1/get' },
		write: {
			parameters: {
				resource: 'case',
				operation: 'create',
				title: 'Lease',
				documents: { document: [{ source: 'binary', binaryPropertyName: 'data' }] },
				recipients: { recipient: [{ name: 'Ann Berg', email: 'ann@example.com' }] },
			},
			input: () => [fileItem(Buffer.from('%PDF-1.4 write'), 'write.pdf')],
			method: 'POST',
			path: '/case/create',
		},
		timedWrite: {
			parameters: {
				resource: 'form',
				operation: 'submit',
				formId: 'form-lease',
				tags: { tag: [{ tag: 'tenant_name', value: 'Mia' }] },
				recipients: { recipient: [{ name: 'Mia', email: 'mia@example.com' }] },
			},
			method: 'POST',
			path: '/submit',
		},
		upload: {
			parameters: { resource: 'document', operation: 'upload', binaryPropertyName: 'data' },
			prefix: 'nextsign-files',
			method: 'POST',
			path: '/file/upload',
			fileSize: partSize('file'),
		},
	},
	{
		name: 'Penneo',
		type: 'penneo',
		credentialType: 'penneoApi',
		prefix: 'penneo',
		tokenPrefix: 'penneo-auth',
		credentials: (s) => ({
			environment: 'custom',
			appUrl: s.url('penneo'),
			oauthUrl: s.url('penneo-auth'),
			clientId: 'sandbox-client',
			clientSecret: 'sandbox-client-secret',
			apiKey: 'sandbox-api-key',
			apiSecret: 'sandbox-api-secret',
		}),
		secrets: () => ['sandbox-client-secret', 'sandbox-api-key', 'sandbox-api-secret'],
		read: { parameters: { resource: 'caseFile', operation: 'get', caseFileId: '4242' }, method: 'GET', path: '/api/v1/casefiles/4242' },
		write: {
			parameters: {
				resource: 'caseFile',
				operation: 'create',
				title: 'Lease',
				documents: { document: [{ binaryPropertyName: 'data' }] },
				signers: { signer: [{ name: 'Ann Berg', email: 'ann@example.com' }] },
				waitForCompletion: false,
			},
			input: () => [fileItem(Buffer.from('%PDF-1.4 write'), 'write.pdf')],
			method: 'POST',
			path: '/create',
		},
		timedWrite: {
			parameters: {
				resource: 'caseFile',
				operation: 'create',
				title: 'Lease',
				documents: { document: [{ binaryPropertyName: 'data' }] },
				signers: { signer: [{ name: 'Ann Berg', email: 'ann@example.com' }] },
				waitForCompletion: false,
			},
			input: () => [fileItem(Buffer.from('%PDF-1.4 timed'), 'timed.pdf')],
			method: 'POST',
			path: '/create',
		},
		upload: {
			parameters: {
				resource: 'caseFile',
				operation: 'create',
				title: 'Lease',
				documents: { document: [{ binaryPropertyName: 'data' }] },
				signers: { signer: [{ name: 'Ann Berg', email: 'ann@example.com' }] },
				waitForCompletion: false,
			},
			method: 'POST',
			path: '/create',
			fileSize: partSize('files'),
		},
		expireToken: (s) => control(s, 'penneo/tokens/expire'),
	},
	{
		name: 'Signicat',
		type: 'signicat',
		credentialType: 'signicatOAuth2Api',
		prefix: 'signicat',
		credentials: (s) => ({
			environment: 'custom',
			customAccessTokenUrl: `${s.url('signicat')}/auth/open/connect/token`,
			baseUrl: `${s.url('signicat')}/sign`,
			clientId: 'sandbox-client',
			clientSecret: 'sandbox-secret-123',
		}),
		secrets: () => ['sandbox-secret-123'],
		read: { parameters: { resource: 'signingSession', operation: 'get', sessionId: UUID }, method: 'GET', path: `/sign/signing-sessions/${UUID}` },
		write: {
			parameters: { resource: 'document', operation: 'upload', binaryPropertyName: 'data' },
			input: () => [fileItem(Buffer.from('%PDF-1.4 write'), 'write.pdf')],
			method: 'POST',
			path: '/sign/documents',
		},
		timedWrite: {
			parameters: {
				resource: 'signingSession',
				operation: 'create',
				define: 'fields',
				title: 'Lease',
				documents: { document: [{ documentId: UUID, action: 'SIGN', documentCollectionId: UUID }] },
				identityProviders: 'mitid',
			},
			method: 'POST',
			path: '/sign/signing-sessions',
		},
		upload: {
			parameters: { resource: 'document', operation: 'upload', binaryPropertyName: 'data' },
			method: 'POST',
			path: '/sign/documents',
			fileSize: (r) => (r.path === '/sign/documents' ? r.size : undefined),
		},
		expireToken: (s) => control(s, 'signicat/tokens/expire'),
	},
	{
		name: 'EasyInk',
		type: 'easyInk',
		credentialType: 'easyInkOAuth2Api',
		prefix: 'easyink',
		tokenPrefix: 'easyink-identity',
		credentials: (s) => ({
			environment: 'custom',
			apiUrl: s.url('easyink'),
			identityUrl: s.url('easyink-identity'),
			clientId: 'n8n-easyink-sandbox',
			clientSecret: 'easyink-sandbox-secret',
			// What n8n stores once the user clicked "Connect" (the sandbox issues these two at start-up).
			oauthTokenData: { access_token: 'easyink-sandbox-access-token', refresh_token: 'easyink-sandbox-refresh-token', token_type: 'Bearer' },
		}),
		secrets: () => ['easyink-sandbox-secret', 'easyink-sandbox-access-token', 'easyink-sandbox-refresh-token'],
		read: { parameters: { resource: 'session', operation: 'getStatistics' }, method: 'GET', path: '/api/signingSessions/statistics' },
		write: { parameters: { resource: 'draft', operation: 'create', subject: 'Lease' }, method: 'POST', path: '/api/signingSessionDrafts' },
		timedWrite: { parameters: { resource: 'draft', operation: 'create', subject: 'Lease' }, method: 'POST', path: '/api/signingSessionDrafts' },
		upload: {
			parameters: { resource: 'document', operation: 'upload', binaryPropertyName: 'data' },
			method: 'POST',
			path: '/documents',
			fileSize: partSize('fileContent'),
		},
		prepareUpload: async (engine) => {
			const r = await engine.run({ nodes: [easyInkNode({ resource: 'draft', operation: 'create', subject: 'Upload' })], connections: {} });
			const id = r.output('EasyInk')[0]?.json.signingSessionId;
			if (typeof id !== 'string') throw new Error(`no draft: ${r.error()?.message}`);
			return { sessionId: id };
		},
		expireToken: (s) => control(s, 'easyink/tokens/expire'),
	},
];

function easyInkNode(parameters: IDataObject): INode {
	return node('easyInk', parameters, { easyInkOAuth2Api: 'cred' }, 'EasyInk');
}

/** The provider's node with these parameters, named after the provider. */
export function providerNode(p: ProviderCase, parameters: IDataObject, extra: Partial<INode> = {}): INode {
	return { ...node(p.type, parameters, { [p.credentialType]: 'cred' }, p.name), ...extra };
}

/** Every credential of the five, pointing at this sandbox. */
export function allCredentials(sandbox: Sandbox): Record<string, IDataObject> {
	return Object.fromEntries(PROVIDERS.map((p) => [p.credentialType, p.credentials(sandbox)]));
}

export interface TransportEnv {
	sandbox: Sandbox;
	/** Another origin (another port): whatever reaches it is recorded and answered 404. */
	other: Sandbox;
	engine: Engine;
}

/** A sandbox with the five providers, another origin, and an engine with every credential pointing at the sandbox. */
export function useTransportEnv(options: { binaryMode?: 'default' | 'filesystem'; storagePath?: string } = {}): TransportEnv {
	const env = {} as TransportEnv;
	beforeAll(async () => {
		env.sandbox = await startSandbox(0);
		env.other = new Sandbox([]);
		await env.other.start(0);
		env.engine = new Engine({ packageDir: PACKAGE_DIR, credentials: allCredentials(env.sandbox) as never, ...options });
		await env.engine.load();
	});
	afterAll(async () => {
		await env.sandbox?.stop();
		await env.other?.stop();
	});
	beforeEach(async () => {
		env.sandbox.reset();
		env.other.reset();
		env.engine.credentialsHelper.store = allCredentials(env.sandbox) as never;
		// EasyInk documents no refresh token; the sandbox can act as a client that has them (so a 401 can be renewed).
		await control(env.sandbox, 'easyink/settings', { issueRefreshTokens: true });
	});
	return env;
}

/** Runs one node of the provider; `input` defaults to one empty item. */
export async function runProvider(env: TransportEnv, p: ProviderCase, parameters: IDataObject, input?: INodeExecutionData[], extra: Partial<INode> = {}) {
	const result = await env.engine.run({ nodes: [providerNode(p, parameters, extra)], connections: {} }, input);
	return { result, out: result.output(p.name), error: result.error(p.name) ?? result.error() };
}

/** The recorded requests of the provider's API host matching an operation. */
export function requestsOf(env: TransportEnv, p: ProviderCase, op: Operation): RecordedRequest[] {
	return env.sandbox.requestsFor(op.prefix ?? p.prefix).filter((r) => r.method === op.method && r.path.includes(op.path));
}
