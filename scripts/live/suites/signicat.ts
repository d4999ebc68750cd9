/**
 * Signicat's live contract suite: a Signicat **sandbox account** (its own API client; sandbox accounts use the
 * production host, so the account kind must be stated: `ESIGN_LIVE_SIGNICAT_ACCOUNT=sandbox`). Everything it makes
 * (documents, document collections, signing sessions, all titled "n8n live contract …") is deleted at the end; it
 * reads lists of the account but changes nothing it did not create. If a created session's signing link is not on a
 * `*.sandbox.signicat.com` host the account is not a sandbox: the suite stops and deletes what it made.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeType } from 'n8n-workflow';

import { SIGNICAT, SIGNICAT_GUESSES } from '../../../nodes/Signicat/transport';
import type { TriggerRunner } from '../../../sandbox/engine';
import type { LiveContext, LiveSuite, Verdict } from '../framework';
import { packageNode } from '../framework';

const CLIENT_ID = 'ESIGN_LIVE_SIGNICAT_CLIENT_ID';
const CLIENT_SECRET = 'ESIGN_LIVE_SIGNICAT_CLIENT_SECRET';
const ACCOUNT = 'ESIGN_LIVE_SIGNICAT_ACCOUNT';
const IDP = 'ESIGN_LIVE_SIGNICAT_IDENTITY_PROVIDER';
const BASE = 'ESIGN_LIVE_SIGNICAT_BASE_URL';
const TOKEN = 'ESIGN_LIVE_SIGNICAT_TOKEN_URL';
const PRODUCTION_BASE = 'https://api.signicat.com/sign';
const PRODUCTION_TOKEN = 'https://api.signicat.com/auth/open/connect/token';
const TOKEN_PATH = '/connect/token';
const CREDENTIAL = 'signicatOAuth2Api';
const SANDBOX_HOST = /(^|\.)sandbox\.signicat\.com$/i;

/** What one run of the suite made and learnt (steps share it; a run never sees another's). */
interface Run {
	title: string;
	idp: string;
	sessionId?: string;
	documentId?: string;
	collectionId?: string;
	/** An open session made by a probe (the expiry probe moves its deadline). */
	openProbeSessionId?: string;
	trigger?: TriggerRunner;
	/** Set when the suite must not go on (not a sandbox account): every later step is skipped. */
	stopped?: string;
}

const runs = new WeakMap<LiveContext, Run>();

function run(ctx: LiveContext): Run {
	let r = runs.get(ctx);
	if (!r) {
		r = { title: `n8n live contract ${new Date().toISOString()}`, idp: ctx.env[IDP] || 'mitid' };
		runs.set(ctx, r);
	}
	if (r.stopped) ctx.skip(r.stopped);
	return r;
}

type NodeError = Error & { httpCode?: string; description?: string; context?: IDataObject };

const text = (e: NodeError) => [e.message, e.description].filter(Boolean).join(' — ');

/** Deletes with the Signicat node; gone already (404) counts as deleted. */
async function remove(ctx: LiveContext, parameters: IDataObject): Promise<void> {
	try {
		await ctx.runNode('signicat', parameters);
	} catch (error) {
		if ((error as NodeError).httpCode !== '404') throw error;
	}
}

function rememberSession(ctx: LiveContext, id: string) {
	ctx.created('signing session', id, () => remove(ctx, { resource: 'signingSession', operation: 'delete', sessionId: { __rl: true, mode: 'id', value: id } }));
}

function rememberDocument(ctx: LiveContext, id: string) {
	ctx.created('document', id, () => remove(ctx, { resource: 'document', operation: 'delete', documentId: id }));
}

function rememberCollection(ctx: LiveContext, id: string) {
	ctx.created('document collection', id, () => remove(ctx, { resource: 'documentCollection', operation: 'delete', documentCollectionId: id }));
}

/** Where a Signicat sandbox account's signing links point; against our sandbox, its own origin. */
function checkSigningHost(ctx: LiveContext, r: Run, signatureUrl: unknown): void {
	if (typeof signatureUrl !== 'string') return;
	const host = new URL(signatureUrl).host;
	const ok = ctx.sandbox ? host === new URL(ctx.sandboxServer!.origin).host : SANDBOX_HOST.test(new URL(signatureUrl).hostname);
	if (ok) return;
	r.stopped = `stopped: the signing link's host ${host} is not a Signicat sandbox host (*.sandbox.signicat.com), so this may be a production account; everything made is deleted`;
	throw new Error(r.stopped);
}

/**
 * A raw request with the Signicat credential, through n8n's engine (OAuth2 as n8n does it): only for the probes
 * whose request our own node refuses before sending (a session without a document collection, a partial set of
 * redirect URLs) — what Signicat answers to those settles the guess.
 */
class RawProbe implements INodeType {
	description = {
		displayName: 'Signicat Raw Probe',
		name: 'signicatRawProbe',
		group: ['output'],
		version: 1,
		description: 'Live contract probe',
		defaults: { name: 'Raw' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: CREDENTIAL, required: true }],
		properties: [{ displayName: 'Request', name: 'request', type: 'json', default: '{}' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const request = JSON.parse(String(this.getNodeParameter('request', 0))) as { method: 'POST'; path: string; body: unknown };
		const credentials = await this.getCredentials(CREDENTIAL);
		const base = String(credentials.baseUrl).replace(/\/+$/, '');
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, {
			method: request.method,
			url: `${base}${request.path}`,
			body: request.body as IDataObject,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; body: unknown };
		return [[{ json: { status: response.statusCode, body: response.body as IDataObject } }]];
	}
}

const RAW_TYPE = 'live.signicatRawProbe';
const registered = new WeakSet<object>();

async function raw(ctx: LiveContext, path: string, body: unknown): Promise<{ status: number; body: IDataObject | IDataObject[] }> {
	if (!registered.has(ctx.engine)) {
		ctx.engine.registerNodeType(RAW_TYPE, new RawProbe());
		registered.add(ctx.engine);
	}
	const node: INode = {
		id: 'live-raw',
		name: 'Raw',
		type: RAW_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { request: JSON.stringify({ method: 'POST', path, body }) },
		credentials: { [CREDENTIAL]: { id: `live-${CREDENTIAL}`, name: `live-${CREDENTIAL}` } },
	};
	const result = await ctx.engine.run({ nodes: [node], connections: {} });
	const error = result.error();
	if (error) throw error;
	const [item] = result.output('Raw');
	return item.json as { status: number; body: IDataObject };
}

/** One session in Signicat's shape on the run's document, with `extra` on top. */
function session(r: Run, label: string, extra: IDataObject = {}): IDataObject {
	return {
		title: `${r.title} — ${label}`,
		documents: [{ documentCollectionId: r.collectionId, documentId: r.documentId, action: 'SIGN' }],
		signingSetup: [{ identityProviders: [{ idpName: r.idp }], signingFlow: 'AUTHENTICATION_BASED' }],
		...extra,
	};
}

/**
 * Creates sessions with the Signicat node (Create, Using JSON). Created: each is remembered for the cleanup and
 * returned. Refused by Signicat with 400: the error's text, which names the fields Signicat found invalid.
 */
async function create(ctx: LiveContext, sessions: IDataObject[]): Promise<{ created: IDataObject[] } | { refused: string }> {
	try {
		const items = await ctx.runNode('signicat', { resource: 'signingSession', operation: 'create', define: 'json', sessionsJson: JSON.stringify(sessions), simplify: false });
		const created = items.map((i) => i.json);
		for (const s of created) if (typeof s.id === 'string') rememberSession(ctx, s.id);
		return { created };
	} catch (error) {
		const e = error as NodeError;
		if (e.httpCode === '400' || e.httpCode === '422') return { refused: text(e) };
		throw error;
	}
}

/** A verdict from a create: accepted → confirmed; refused naming `field` → refuted; refused for something else → not reached. */
function judgeCreate(ctx: LiveContext, guessId: string, result: { created: IDataObject[] } | { refused: string }, field: RegExp, what: string) {
	if ('created' in result) return ctx.judge(guessId, 'confirmed', `${what}: created (${result.created.length} session(s))`);
	const verdict: Verdict = field.test(result.refused) ? 'refuted' : 'not reached';
	ctx.judge(guessId, verdict, `${what}: ${result.refused.slice(0, 300)}`);
}

const sessionRef = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** The Identity Providers picker: the name itself when the list has it, else "Other" with the name. */
const identityProviders = (idp: string): IDataObject =>
	SIGNICAT.identityProviders.some((p) => p.value === idp) ? { identityProviders: [idp] } : { identityProviders: ['other'], otherIdentityProviders: idp };

export const signicatSuite: LiveSuite = {
	provider: 'signicat',
	displayName: 'Signicat',
	env: [
		{ name: CLIENT_ID, what: 'Client ID of an API client of your Signicat **sandbox** account (Sign API access)' },
		{ name: CLIENT_SECRET, what: 'Its client secret', secret: true },
		{ name: ACCOUNT, what: 'Must be `sandbox`: sandbox accounts use the production host, so the suite needs to be told' },
		{ name: IDP, what: 'An identity provider enabled in the account (idpName; default `mitid`)', optional: true },
		{ name: BASE, what: `Sign API base URL (default ${PRODUCTION_BASE})`, optional: true },
		{ name: TOKEN, what: `Token URL (default ${PRODUCTION_TOKEN})`, optional: true },
	],
	assertTestEnvironment(env) {
		if (env[ACCOUNT] !== 'sandbox')
			throw new Error(`${ACCOUNT} must be "sandbox": Signicat sandbox and production accounts share api.signicat.com, so the suite only runs when told the client belongs to a sandbox account`);
		const token = env[TOKEN] ?? PRODUCTION_TOKEN;
		if (!token.endsWith(TOKEN_PATH)) throw new Error(`${TOKEN} must end with ${TOKEN_PATH}`);
	},
	describeEnvironment: (env) => `Signicat sandbox account at ${env[BASE] ?? PRODUCTION_BASE}`,
	upstreams: (env) => ({
		signicat: env[BASE] ?? PRODUCTION_BASE,
		'signicat-auth': (env[TOKEN] ?? PRODUCTION_TOKEN).slice(0, -TOKEN_PATH.length),
	}),
	sandboxEnv: (sandbox) => ({
		[CLIENT_ID]: 'sandbox-client',
		[CLIENT_SECRET]: 'sandbox-secret-123',
		[ACCOUNT]: 'sandbox',
		[BASE]: `${sandbox.url('signicat')}/sign`,
		[TOKEN]: `${sandbox.url('signicat')}/auth/open${TOKEN_PATH}`,
	}),
	credentials: (env, proxy) => ({
		[CREDENTIAL]: {
			environment: 'custom',
			baseUrl: proxy('signicat'),
			customAccessTokenUrl: `${proxy('signicat-auth')}${TOKEN_PATH}`,
			clientId: env[CLIENT_ID]!,
			clientSecret: env[CLIENT_SECRET]!,
		},
	}),
	guesses: SIGNICAT_GUESSES,
	steps: [
		{
			name: 'Credential test',
			async run(ctx) {
				run(ctx);
				const result = await ctx.testCredential(CREDENTIAL);
				if (result.status !== 'OK') throw new Error(result.message);
			},
		},
		{
			name: 'Signicat Trigger: activation (Signed, Expired) fires nothing',
			async run(ctx) {
				const r = run(ctx);
				r.trigger = ctx.trigger('signicatTrigger', { events: ['signed', 'expired'] });
				const first = await r.trigger.poll();
				if (first.error) throw first.error;
				if (first.items) throw new Error(`the first poll fired ${first.items.length} event(s): it must only remember what exists`);
			},
		},
		{
			name: 'Signing Session → Send Document for Signing (upload, file name, collection, session)',
			async run(ctx) {
				const r = run(ctx);
				let out: IDataObject;
				try {
					[{ json: out }] = await ctx.runNode(
						'signicat',
						{ resource: 'signingSession', operation: 'send', binaryPropertyName: 'data', title: r.title, ...identityProviders(r.idp) },
						[ctx.pdf('live-contract.pdf')],
					);
				} catch (error) {
					const left = ((error as NodeError).context?.leftBehind ?? {}) as IDataObject;
					if (typeof left.documentCollectionId === 'string') rememberCollection(ctx, left.documentCollectionId);
					if (typeof left.documentId === 'string') rememberDocument(ctx, left.documentId);
					throw error;
				}
				r.documentId = String(out.documentId);
				r.collectionId = String(out.documentCollectionId);
				r.sessionId = String(out.sessionId);
				// Removed in reverse: the session, then its collection, then the document.
				rememberDocument(ctx, r.documentId);
				rememberCollection(ctx, r.collectionId);
				rememberSession(ctx, r.sessionId);
				ctx.judge(
					'field.signatureUrl',
					typeof out.signatureUrl === 'string' ? 'confirmed' : 'refuted',
					typeof out.signatureUrl === 'string' ? 'the create answer has signatureUrl' : `no signatureUrl in the create answer (fields: ${Object.keys(out).join(', ')})`,
				);
				checkSigningHost(ctx, r, out.signatureUrl);
				ctx.judgePath('paths', 'POST', /^\/documents$/);
				ctx.judgePath('paths', 'PATCH', /^\/documents\/[^/]+\/metadata$/);
				ctx.judgePath('paths', 'POST', /^\/document-collections$/);
				ctx.judgePath('paths', 'POST', /^\/signing-sessions$/);
			},
		},
		{
			name: 'Signing Session → Get (By ID and From List), Document → Get Metadata',
			async run(ctx) {
				const r = run(ctx);
				const sessionId = r.sessionId ?? ctx.skip('no session was created');
				const [{ json: got }] = await ctx.runNode('signicat', { resource: 'signingSession', operation: 'get', sessionId: sessionRef(sessionId), simplify: false });
				const state = (got.lifecycle as IDataObject | undefined)?.state;
				if (state !== 'READY' && state !== 'BLOCKED') throw new Error(`a new session should be open, it is ${String(state)}`);
				ctx.judgePath('paths', 'GET', /^\/signing-sessions\/[^/]+$/);
				const picker = { ...packageNode('signicat', { resource: 'signingSession', operation: 'get', sessionId: { __rl: true, mode: 'list', value: '' } }, { [CREDENTIAL]: `live-${CREDENTIAL}` }), typeVersion: 2 };
				const listed = await ctx.engine.listSearch(picker, 'searchSessions', r.title);
				if (!listed.results.some((x) => x.value === sessionId)) throw new Error('the new session is not in the From List search by its title');
				ctx.judgePath('paths', 'GET', /^\/signing-sessions$/);
				const [{ json: meta }] = await ctx.runNode('signicat', { resource: 'document', operation: 'getMetadata', documentId: r.documentId });
				ctx.judgePath('paths', 'GET', /^\/documents\/[^/]+\/metadata$/);
				ctx.judge(
					'upload.filename',
					meta.filename === 'live-contract.pdf' ? 'confirmed' : 'refuted',
					`uploaded without ?filename=, then PATCH …/metadata: the metadata file name is ${JSON.stringify(meta.filename)}`,
				);
			},
		},
		{
			name: 'Probes: session fields not confirmed by a Signicat source (one session each, deleted at the end)',
			async run(ctx) {
				const r = run(ctx);
				if (!r.sessionId || !r.documentId) ctx.skip('no document to build sessions on');
				const contact = await create(ctx, [session(r, 'signer contact', { signer: { email: 'live-contract@example.com', mobile: '+4700000000' } })]);
				judgeCreate(ctx, 'session.signer.contact', contact, /signer/i, 'signer.email and signer.mobile');
				const sender = await create(ctx, [session(r, 'sender display name', { senderDisplayName: 'n8n live contract' })]);
				judgeCreate(ctx, 'session.senderDisplayName', sender, /senderDisplayName/i, 'senderDisplayName');
				if ('created' in sender) r.openProbeSessionId = String(sender.created[0].id);
				const languages = ['ca', 'es', 'et', 'fo', 'fr', 'it', 'nl'];
				const ui = await create(ctx, languages.map((language) => session(r, `language ${language}`, { ui: { language } })));
				judgeCreate(ctx, 'session.ui.language', ui, /language/i, `ui.language ${languages.join(', ')}`);
				const params = await create(ctx, [session(r, 'additional parameters', { signingSetup: [{ identityProviders: [{ idpName: r.idp }], signingFlow: 'AUTHENTICATION_BASED', additionalParameters: { sbid_flow: 'QR' } }] })]);
				judgeCreate(ctx, 'session.signingSetup.additionalParameters', params, /additionalParameters/i, 'additionalParameters as a map of strings');
				const pki = await create(ctx, [session(r, 'PKI signing', { signingSetup: [{ identityProviders: [{ idpName: 'nbid' }], signingFlow: 'PKISIGNING', vendor: 'NBID' }] })]);
				judgeCreate(ctx, 'session.signingFlow.pkisigning', pki, /signingFlow/i, 'signingFlow PKISIGNING');
				judgeCreate(ctx, 'session.signingSetup.vendor', pki, /vendor/i, 'vendor NBID');
				const names = await create(ctx, [session(r, 'identity provider names', { signingSetup: [{ identityProviders: ['mitid', 'nbid', 'sbid', 'ftn', 'samleikin'].map((idpName) => ({ idpName })), signingFlow: 'AUTHENTICATION_BASED' }] })]);
				judgeCreate(ctx, 'session.identityProviders.names', names, /idpName|identityProviders/i, 'idpName mitid, nbid, sbid, ftn, samleikin');
				const redirect = { success: 'https://example.com/live-contract/success', cancel: 'https://example.com/live-contract/cancel', error: 'https://example.com/live-contract/error' };
				const all = await create(ctx, [session(r, 'redirect URLs', { redirectSettings: redirect })]);
				// Our node refuses a partial set before sending; what Signicat says to one is asked directly.
				const partial = await raw(ctx, '/signing-sessions', [session(r, 'one redirect URL', { redirectSettings: { success: redirect.success } })]);
				if (partial.status >= 200 && partial.status < 300)
					for (const s of partial.body as IDataObject[]) if (typeof s.id === 'string') rememberSession(ctx, s.id);
				if (!('created' in all)) judgeCreate(ctx, 'session.redirectSettings', all, /redirect/i, 'success, cancel and error');
				else if (partial.status >= 200 && partial.status < 300) ctx.judge('session.redirectSettings', 'refuted', 'a session with only a success redirect URL was created: the three are not required together');
				else ctx.judge('session.redirectSettings', /redirect/i.test(JSON.stringify(partial.body)) ? 'confirmed' : 'not reached', `all three accepted; only success → ${partial.status} ${JSON.stringify(partial.body).slice(0, 200)}`);
				// Without its collection: Signicat must refuse it if the collection is required.
				const bare = await raw(ctx, '/signing-sessions', [{ ...session(r, 'no collection'), documents: [{ documentId: r.documentId, action: 'SIGN' }] }]);
				if (bare.status >= 200 && bare.status < 300) {
					for (const s of bare.body as IDataObject[]) if (typeof s.id === 'string') rememberSession(ctx, s.id);
					ctx.judge('session.documents.documentCollectionId', 'refuted', 'a session whose document names no documentCollectionId was created');
				} else {
					const named = /documentCollectionId/i.test(JSON.stringify(bare.body));
					ctx.judge('session.documents.documentCollectionId', named ? 'confirmed' : 'not reached', `without documentCollectionId → ${bare.status} ${JSON.stringify(bare.body).slice(0, 200)}`);
				}
			},
		},
		{
			name: 'Probe: a document to view beside one to sign (second upload and collection, then deleted with the node)',
			async run(ctx) {
				const r = run(ctx);
				if (!r.sessionId || !r.documentId) ctx.skip('no document to build sessions on');
				const [{ json: second }] = await ctx.runNode('signicat', { resource: 'document', operation: 'upload', binaryPropertyName: 'data' }, [ctx.pdf('live-contract-annex.pdf')]);
				const annexId = String(second.documentId);
				rememberDocument(ctx, annexId);
				const [{ json: collection }] = await ctx.runNode('signicat', { resource: 'documentCollection', operation: 'create', documentIds: `${r.documentId}, ${annexId}` });
				const collectionId = String(collection.id);
				rememberCollection(ctx, collectionId);
				const view = await create(ctx, [
					{
						...session(r, 'view'),
						documents: [
							{ documentCollectionId: collectionId, documentId: r.documentId, action: 'SIGN' },
							{ documentCollectionId: collectionId, documentId: annexId, action: 'VIEW' },
						],
					},
				]);
				judgeCreate(ctx, 'session.documents.action.view', view, /action/i, 'a document with action VIEW');
				await ctx.runNode('signicat', { resource: 'documentCollection', operation: 'get', documentCollectionId: collectionId });
				ctx.judgePath('paths', 'GET', /^\/document-collections\/[^/]+$/);
				if ('created' in view) await remove(ctx, { resource: 'signingSession', operation: 'delete', sessionId: sessionRef(String(view.created[0].id)) });
				await remove(ctx, { resource: 'documentCollection', operation: 'delete', documentCollectionId: collectionId });
				await remove(ctx, { resource: 'document', operation: 'delete', documentId: annexId });
				ctx.judgePath('paths', 'DELETE', /^\/document-collections\/[^/]+$/);
				ctx.judgePath('paths', 'DELETE', /^\/documents\/[^/]+$/);
			},
		},
		{
			name: 'Signer signs (the sandbox’s control route; a real sandbox account needs a person with a test e-ID)',
			async run(ctx) {
				const r = run(ctx);
				const sessionId = r.sessionId ?? ctx.skip('no session was created');
				if (!ctx.sandbox)
					ctx.skip('signing needs a person: open the session’s signing link and sign with a test e-ID of the identity provider; the steps that need a signed session are skipped');
				const res = await fetch(`${ctx.sandboxServer!.origin}/_control/signicat/sessions/${sessionId}/sign`, { method: 'POST' });
				if (!res.ok) throw new Error(`the sandbox could not sign: ${res.status} ${await res.text()}`);
				if (r.openProbeSessionId) {
					// The deadline of another open session passes, 10 minutes ago (beyond the trigger's 5-minute margin).
					const expired = await fetch(`${ctx.sandboxServer!.origin}/_control/signicat/sessions/${r.openProbeSessionId}/expire`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ secondsAgo: 600 }),
					});
					if (!expired.ok) throw new Error(`the sandbox could not pass the deadline: ${expired.status}`);
				}
			},
		},
		{
			name: 'Signicat Trigger: one poll',
			async run(ctx) {
				const r = run(ctx);
				const watcher = r.trigger ?? ctx.skip('the trigger was not activated');
				const polled = await watcher.poll();
				if (polled.error) throw polled.error;
				const events = (polled.items ?? []).map((i) => i.json);
				const signed = events.find((e) => e.event === 'session.signed' && e.sessionId === r.sessionId);
				if (!ctx.sandbox) {
					ctx.judge('trigger.outputAtSigned', 'not reached', 'no session of this run was signed (signing needs a person)');
					ctx.judge('trigger.expired', 'not reached', 'needs an open session 5 minutes past its due date (at least a few minutes of waiting)');
					return;
				}
				if (!signed) throw new Error(`the signed session did not fire (fired: ${events.map((e) => `${e.event} ${e.sessionId}`).join(', ') || 'nothing'})`);
				const results = (signed.resultDocumentIds as string[] | undefined) ?? [];
				ctx.judge('trigger.outputAtSigned', results.length ? 'confirmed' : 'refuted', `the first poll after signing read ${results.length} result document(s)`);
				const expired = events.find((e) => e.event === 'session.expired' && e.sessionId === r.openProbeSessionId);
				ctx.judge('trigger.expired', expired ? 'confirmed' : 'refuted', expired ? 'an open session past its due date fired session.expired' : 'an open session 10 minutes past its due date did not fire');
				const again = await watcher.poll();
				if (again.items?.some((i) => i.json.sessionId === r.sessionId)) throw new Error('the signed session fired twice');
			},
		},
		{
			name: 'Signing Session → Download Signed Documents (one item per file)',
			async run(ctx) {
				const r = run(ctx);
				const sessionId = r.sessionId ?? ctx.skip('no session was created');
				if (!ctx.sandbox) ctx.skip('the session is not signed (signing needs a person)');
				const items = await ctx.runNode('signicat', { resource: 'signingSession', operation: 'downloadSigned', sessionId: sessionRef(sessionId), include: 'signatures' });
				if (!items.length || items.some((i) => !i.binary?.data)) throw new Error('expected one item per signed file, each with its file in "data"');
				ctx.judgePath('paths', 'GET', /^\/documents\/[^/]+$/);
			},
		},
		{
			name: 'Signing Session → Get Many (Return All over offset pages, both documented sorts)',
			async run(ctx) {
				const r = run(ctx);
				const byCreation = await ctx.runNode('signicat', { resource: 'signingSession', operation: 'getMany', returnAll: true, filters: { titleContains: r.title }, sort: '-createdAt' });
				if (r.sessionId && !byCreation.some((i) => i.json.sessionId === r.sessionId)) throw new Error('the session of this run is not listed');
				let sortError: NodeError | undefined;
				try {
					await ctx.runNode('signicat', { resource: 'signingSession', operation: 'getMany', returnAll: false, limit: 5, sort: '+dueDate' });
				} catch (error) {
					sortError = error as NodeError;
				}
				if (!sortError) ctx.judge('list.sort', 'confirmed', 'sort=-createdAt and sort=+dueDate both answered 200');
				else if (sortError.httpCode === '400') ctx.judge('list.sort', 'refuted', `sort=+dueDate → ${text(sortError).slice(0, 200)}`);
				else throw sortError;
			},
		},
		{
			name: 'Signing Session → Delete (then Get answers 404)',
			async run(ctx) {
				const r = run(ctx);
				const sessionId = r.sessionId ?? ctx.skip('no session was created');
				await ctx.runNode('signicat', { resource: 'signingSession', operation: 'delete', sessionId: sessionRef(sessionId) });
				ctx.judgePath('paths', 'DELETE', /^\/signing-sessions\/[^/]+$/);
				try {
					await ctx.runNode('signicat', { resource: 'signingSession', operation: 'get', sessionId: sessionRef(sessionId) });
				} catch (error) {
					if ((error as NodeError).httpCode === '404') return;
					throw error;
				}
				throw new Error('the deleted session can still be read');
			},
		},
	],
};
