/** EasyInk test environment: the sandbox, an engine with the EasyInk OAuth2 credential, and small helpers. */
import type { IDataObject, INode } from 'n8n-workflow';

import { emulatorState } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/index';
import { EASYINK_SANDBOX_CLIENT, EASYINK_SANDBOX_PREFIXES, EASYINK_SANDBOX_TOKENS, type EasyInkState } from '../../sandbox/providers/easyink';
import type { Handler, SandboxRequest, SandboxResponse } from '../../sandbox/server';
import { node, useEnv } from '../helpers';

export const API = EASYINK_SANDBOX_PREFIXES.api;
export const IDP = EASYINK_SANDBOX_PREFIXES.identity;
export const CRED = 'easyInkOAuth2Api';

/**
 * What n8n stores for a connected EasyInk credential (custom hosts pointing at the sandbox). EasyInk documents no
 * refresh token, so by default there is none (pass `refresh_token` to emulate a client that issues them).
 */
export function credential(s: Sandbox, tokens: IDataObject = {}): IDataObject {
	return {
		environment: 'custom',
		apiUrl: s.url(API),
		identityUrl: s.url(IDP),
		clientId: EASYINK_SANDBOX_CLIENT.clientId,
		clientSecret: EASYINK_SANDBOX_CLIENT.clientSecret,
		oauthTokenData: {
			access_token: EASYINK_SANDBOX_TOKENS.accessToken,
			token_type: 'Bearer',
			...tokens,
		},
	};
}

export function useEasyInkEnv() {
	const env = useEnv((s) => ({ [CRED]: credential(s) }));
	Object.defineProperty(env, 'state', { get: () => emulatorState<EasyInkState>(env.sandbox, API) });
	return env as typeof env & { readonly state: EasyInkState };
}

/** The action node at version 1 (a saved workflow of phase 1: free-text IDs, raw answers) unless `typeVersion` says. */
export function easyInk(parameters: IDataObject, name = 'EasyInk', typeVersion = 1): INode {
	return { ...node('easyInk', parameters, { [CRED]: 'easyink-cred' }, name), typeVersion };
}

/** The action node as the editor adds it today (version 2: records from lists, Simplify). */
export function easyInkV2(parameters: IDataObject, name = 'EasyInk'): INode {
	return easyInk(parameters, name, 2);
}

/** The trigger as the editor adds it today (version 2) unless `typeVersion` says (1: Include Session Details on). */
export function easyInkTrigger(parameters: IDataObject, name = 'Trigger', typeVersion = 2): INode {
	return { ...node('easyInkTrigger', parameters, { [CRED]: 'easyink-cred' }, name), typeVersion };
}

/** A resource locator value as the editor saves it. */
export const rl = (value: string, mode: 'list' | 'id' = 'id') => ({ __rl: true, mode, value });

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A PDF with `pages` pages (enough structure for page counting). */
export function pdfWithPages(pages: number, text = 'Contract'): Buffer {
	const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
	let body = `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [${kids}] /Count ${pages} >>\nendobj\n`;
	for (let i = 0; i < pages; i++) body += `${i + 3} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n`;
	return Buffer.from(`${body}% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

/** Calls the sandbox's EasyInk control API (acting as a participant, seeding sessions). */
export async function control(s: Sandbox, path: string, body: unknown = {}): Promise<any> {  
	const r = await fetch(`${s.origin}/_control/${API}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const json = await r.json();
	if (r.status >= 300) throw new Error(`control ${path}: ${JSON.stringify(json)}`);
	return json;
}

/** Seeds a session in a status, with the given participants; returns the session view. */
export async function seedSession(s: Sandbox, status: string, subject = 'Seeded', people: Array<Record<string, unknown>> = []): Promise<any> {  
	return await control(s, '/sessions', { status, subject, participants: people });
}

/** Runs one EasyInk node with the given parameters; returns its output, error and the API requests it made. */
export async function runOp(env: { engine: import('../../sandbox/engine').Engine; sandbox: Sandbox }, parameters: IDataObject, input?: import('n8n-workflow').INodeExecutionData[], extra: Partial<INode> = {}) {
	env.sandbox.requests.length = 0;
	const n = { ...easyInk(parameters), ...extra };
	const result = await env.engine.run({ nodes: [n], connections: {} }, input);
	return {
		out: result.output('EasyInk'),
		json: result.output('EasyInk')[0]?.json as any,  
		error: result.error('EasyInk'),
		reqs: env.sandbox.requestsFor(API),
	};
}

/**
 * Runs `after` each time the sandbox has answered one EasyInk route (to change the sandbox in the middle of a run or
 * of a poll: tokens expiring, documents finishing processing, sessions appearing between two pages). Returns the undo.
 */
export function afterAnswer(s: Sandbox, method: string, pattern: string, after: (req: SandboxRequest, res: SandboxResponse) => void): () => void {
	const routes = (s as unknown as { routes: Map<string, Array<{ method: string; pattern: string; handler: Handler }>> }).routes.get(API)!;
	const route = routes.find((r) => r.method === method && r.pattern === pattern);
	if (!route) throw new Error(`no sandbox route ${method} ${pattern}`);
	const original = route.handler;
	route.handler = async (req) => {
		const res = await original(req);
		after(req, res);
		return res;
	};
	return () => {
		route.handler = original;
	};
}
