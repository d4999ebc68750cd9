/**
 * EasyInk's live contract suite: EasyInk's **staging** environment only (api-staging.easyink.io +
 * identity-staging.easyink.io, or our own sandbox with --sandbox). The access token comes from an interactive staging
 * sign-in (EasyInk documents no client-credentials grant). The suite makes three drafts of its own (subjects carry a
 * run tag, every participant is `live-contract-…@example.com`, so no person is invited), takes them through every
 * operation, reads, lists, downloads and polls, judges every entry of EASYINK_GUESSES, and at the end deletes its
 * drafts and voids its sessions that are still running. It never changes anything it did not create.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { createHash, randomBytes } from 'node:crypto';

import { EASYINK_GUESSES } from '../../../nodes/EasyInk/transport/paths';
import type { Env, LiveContext, LiveSuite } from '../framework';
import { packageNode } from '../framework';
import type { Exchange } from '../proxy';

const V = {
	token: 'ESIGN_LIVE_EASYINK_TOKEN',
	clientId: 'ESIGN_LIVE_EASYINK_CLIENT_ID',
	redirectUri: 'ESIGN_LIVE_EASYINK_REDIRECT_URI',
	apiUrl: 'ESIGN_LIVE_EASYINK_API_URL',
	identityUrl: 'ESIGN_LIVE_EASYINK_IDENTITY_URL',
};
const STAGING = { api: 'https://api-staging.easyink.io', identity: 'https://identity-staging.easyink.io' };
const SCOPE = 'openid hermes_api hermes_idp profile';
/** Our sandbox's client and standing token (sandbox/providers/easyink/state.ts): a connected credential there. */
const SANDBOX_CLIENT = { clientId: 'n8n-easyink-sandbox', clientSecret: 'easyink-sandbox-secret', token: 'easyink-sandbox-access-token' };
const CREDENTIAL = 'easyInkOAuth2Api';

const apiOf = (env: Env) => (env[V.apiUrl] || STAGING.api).replace(/\/+$/, '');
const identityOf = (env: Env) => (env[V.identityUrl] || STAGING.identity).replace(/\/+$/, '');

/** EasyInk's staging hosts (https), or a loopback host (our own sandbox). Anything else may be production. */
function testHost(url: string, expected: string): boolean {
	let u: URL;
	try {
		u = new URL(url);
	} catch {
		return false;
	}
	if (['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return true;
	return u.protocol === 'https:' && u.hostname === new URL(expected).hostname;
}

/** The token variable holds the access token, or the whole JSON answer of /connect/token (then its keys are judged). */
function tokenOf(env: Env): { accessToken: string; answer?: IDataObject } {
	const raw = String(env[V.token] ?? '').trim();
	if (raw.startsWith('{')) {
		const answer = JSON.parse(raw) as IDataObject;
		return { accessToken: String(answer.access_token ?? ''), answer };
	}
	return { accessToken: raw };
}

/** What the steps share within one run (reset by the first step). */
interface RunState {
	tag: string;
	proxyIdentity?: string;
	/** Built step by step, then started, then recreated (voided). */
	stepDraft?: string;
	stepParticipant?: string;
	stepDocument?: string;
	stepAttachment?: string;
	/** Made with Create and Send; signed in our sandbox. */
	session?: string;
	/** The drafts Recreate and Duplicate made. */
	recreated?: string;
	duplicated?: string;
	trigger?: ReturnType<LiveContext['trigger']>;
}
const run: RunState = { tag: '' };

const locator = (id: string) => ({ __rl: true, mode: 'id', value: id });
const last = <T>(list: readonly T[]) => list[list.length - 1];
const searches = (ctx: LiveContext) => ctx.exchanges.filter((e) => e.method === 'GET' && e.path === '/api/signingSessions');
const rowsOf = (e: Exchange | undefined): IDataObject[] => (((e?.responseBody as IDataObject | undefined)?.items as IDataObject[] | undefined) ?? []);
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

function need<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
	return value;
}

const op = async (ctx: LiveContext, resource: string, operation: string, parameters: IDataObject = {}, input?: INodeExecutionData[]) =>
	await ctx.runNode('easyInk', { resource, operation, ...parameters }, input);
const one = async (ctx: LiveContext, resource: string, operation: string, parameters: IDataObject = {}, input?: INodeExecutionData[]) =>
	(await op(ctx, resource, operation, parameters, input))[0].json;

/** Draft → Get, EasyInk's answer. */
const readDraft = async (ctx: LiveContext, id: string) => await one(ctx, 'draft', 'get', { sessionId: locator(id), simplify: false });
/** Signing Session → Get, EasyInk's answer. */
const readSession = async (ctx: LiveContext, id: string) => await one(ctx, 'session', 'get', { sessionId: locator(id), simplify: false });

/** Removes what the suite made: a draft is deleted, a running session voided, an ended one left as it is. */
async function removeOwn(ctx: LiveContext, id: string) {
	const [exists] = await op(ctx, 'draft', 'exists', { sessionId: locator(id) });
	if (exists.json.exists) {
		await op(ctx, 'draft', 'delete', { sessionId: locator(id) });
		return;
	}
	const [found] = await op(ctx, 'session', 'exists', { sessionId: locator(id) });
	if (found.json.exists !== true) return; // removed already (e.g. by Draft → Delete)
	const session = await readSession(ctx, id);
	if (['Pending', 'InProgress'].includes(String(session.status))) await op(ctx, 'session', 'void', { sessionId: locator(id), reason: 'n8n-nodes-esign live contract check: cleanup' });
}

/** Reads the draft until every document is processed; judges what the statuses and pages said. */
async function waitForProcessing(ctx: LiveContext, id: string): Promise<IDataObject> {
	const seen = new Set<string>();
	for (let attempt = 0; attempt < 60; attempt++) {
		const draft = await readDraft(ctx, id);
		const documents = (draft.documents as IDataObject[] | null) ?? [];
		for (const d of documents) seen.add(String(d.status));
		if (documents.length && documents.every((d) => d.status === 'ProcessingReady')) {
			ctx.judge('status.documentProcessing', 'confirmed', `document statuses seen: ${[...seen].join(', ')}`);
			const pages = documents.map((d) => (Array.isArray(d.pages) ? d.pages.length : -1));
			// Our PDF has one page.
			ctx.judge('draft.pages', pages.every((n) => n === 1) ? 'confirmed' : 'refuted', `pages entries per processed document: ${pages.join(', ')} (the PDF has 1 page)`);
			return draft;
		}
		if ([...seen].some((s) => /fail|error|invalid/i.test(s))) {
			ctx.judge('status.documentProcessing', 'refuted', `document statuses seen: ${[...seen].join(', ')}`);
			throw new Error(`EasyInk could not process the upload: ${[...seen].join(', ')}`);
		}
		await sleep(1000);
	}
	throw new Error(`the documents of ${id} were still processing after a minute (statuses: ${[...seen].join(', ')})`);
}

/** The sandbox's participant action (only with --sandbox): the next participant in order signs. */
async function sandboxSign(ctx: LiveContext, id: string, action: 'sign' | 'decline' = 'sign') {
	const res = await fetch(`${need(ctx.sandboxServer, 'the sandbox').origin}/_control/easyink/sessions/${id}/${action}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
	if (!res.ok) throw new Error(`the sandbox's ${action} route answered ${res.status}: ${await res.text()}`);
}

const signer = (letter: string) => ({ firstName: 'Live', lastName: `Contract ${letter.toUpperCase()}`, email: `live-contract-${letter}@example.com`, deliveryMethods: ['Email'], language: 'English' });

export const easyInkSuite: LiveSuite = {
	provider: 'easyink',
	displayName: 'EasyInk',
	env: [
		{
			name: V.token,
			what: 'An access token from a staging sign-in (identity-staging.easyink.io), or the whole JSON answer of its /connect/token (then whether it carries a refresh token is judged)',
			secret: true,
		},
		{ name: V.clientId, what: 'The staging client ID (with the redirect URI: judges whether the authorize step takes n8n’s callback URL)', optional: true },
		{ name: V.redirectUri, what: 'n8n’s OAuth Redirect URL as the credential shows it (e.g. https://n8n.example.com/rest/oauth2-credential/callback)', optional: true },
		{ name: V.apiUrl, what: `API host (default ${STAGING.api}; only EasyInk's staging is accepted)`, optional: true },
		{ name: V.identityUrl, what: `Identity host (default ${STAGING.identity}; only EasyInk's staging is accepted)`, optional: true },
	],
	assertTestEnvironment(env) {
		if (!testHost(apiOf(env), STAGING.api)) throw new Error(`${V.apiUrl} must be EasyInk's staging (${STAGING.api}): ${apiOf(env)} may be production`);
		if (!testHost(identityOf(env), STAGING.identity)) throw new Error(`${V.identityUrl} must be EasyInk's staging (${STAGING.identity}): ${identityOf(env)} may be production`);
		let token: { accessToken: string };
		try {
			token = tokenOf(env);
		} catch {
			throw new Error(`${V.token} starts with "{" but is not JSON: paste the access token or the whole /connect/token answer`);
		}
		if (!token.accessToken) throw new Error(`${V.token} has no access token (access_token)`);
	},
	describeEnvironment: (env) => `${apiOf(env)} with identity at ${identityOf(env)} (a staging sign-in's token)`,
	upstreams: (env) => ({ easyink: apiOf(env), 'easyink-identity': identityOf(env) }),
	sandboxEnv: (sandbox) => ({
		[V.token]: SANDBOX_CLIENT.token,
		[V.clientId]: SANDBOX_CLIENT.clientId,
		[V.redirectUri]: 'http://localhost:5678/rest/oauth2-credential/callback',
		[V.apiUrl]: sandbox.url('easyink'),
		[V.identityUrl]: sandbox.url('easyink-identity'),
	}),
	credentials(env, proxy) {
		// The sign-in probes send their own requests through the same recording proxy.
		run.proxyIdentity = proxy('easyink-identity');
		return {
			[CREDENTIAL]: {
				environment: 'custom',
				apiUrl: proxy('easyink'),
				identityUrl: proxy('easyink-identity'),
				clientId: env[V.clientId] ?? '',
				clientSecret: '',
				oauthTokenData: { access_token: tokenOf(env).accessToken, token_type: 'Bearer' },
			},
		};
	},
	guesses: EASYINK_GUESSES,
	steps: [
		{
			name: 'Credential test (the statistics of the signed-in user)',
			async run(ctx) {
				Object.assign(run, {
					tag: `live-contract-${Date.now().toString(36)}`,
					stepDraft: undefined,
					stepParticipant: undefined,
					stepDocument: undefined,
					stepAttachment: undefined,
					session: undefined,
					recreated: undefined,
					duplicated: undefined,
					trigger: undefined,
				});
				const result = await ctx.testCredential(CREDENTIAL);
				ctx.judgePath('path.statistics', 'GET', /^\/api\/signingSessions\/statistics$/);
				if (result.status !== 'OK') throw new Error(result.message);
				await op(ctx, 'session', 'getStatistics');
			},
		},
		{
			name: 'Sign-in: the authorize step takes n8n’s callback URL; the token answer (live: the one pasted) has no refresh token',
			async run(ctx) {
				const clientId = ctx.env[V.clientId];
				const redirectUri = ctx.env[V.redirectUri];
				let probed = false;
				if (clientId && redirectUri) {
					probed = true;
					const verifier = randomBytes(32).toString('base64url');
					const query = new URLSearchParams({
						client_id: clientId,
						response_type: 'code',
						redirect_uri: redirectUri,
						scope: SCOPE,
						state: run.tag,
						code_challenge: createHash('sha256').update(verifier).digest('base64url'),
						code_challenge_method: 'S256',
					});
					// Not followed: a redirect to the sign-in page (or, in our sandbox, back with a code) means the URL was taken.
					const res = await fetch(`${need(run.proxyIdentity, 'the proxy')}/connect/authorize?${query}`, { redirect: 'manual' });
					const location = res.headers.get('location') ?? '';
					await res.arrayBuffer();
					const refused = res.status !== 302 || /error|invalid/i.test(location);
					ctx.judge('auth.redirect', refused ? 'refuted' : 'confirmed', `authorize with redirect_uri ${redirectUri} → ${res.status} ${location.replace(/([?&](code|state)=)[^&]+/g, '$1…').slice(0, 200)}`);
					if (ctx.sandbox && !refused) {
						// Our sandbox signs in at once: the code is exchanged as n8n would (straight to the sandbox, so that its
						// client secret and the new token are not among the recorded exchanges).
						const code = new URL(location).searchParams.get('code') ?? '';
						const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier, client_id: clientId, client_secret: SANDBOX_CLIENT.clientSecret });
						const token = await fetch(`${need(ctx.sandboxServer, 'the sandbox').url('easyink-identity')}/connect/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
						const answer = (await token.json()) as IDataObject;
						if (!token.ok) throw new Error(`the sandbox's token endpoint answered ${token.status}: ${JSON.stringify(answer)}`);
						ctx.judge('auth.noRefresh', answer.refresh_token ? 'refuted' : 'confirmed', `token answer keys: ${Object.keys(answer).join(', ')}`);
					}
				}
				const pasted = tokenOf(ctx.env).answer;
				if (!ctx.sandbox && pasted) {
					ctx.judge('auth.noRefresh', pasted.refresh_token ? 'refuted' : 'confirmed', `token answer keys: ${Object.keys(pasted).join(', ')}`);
				} else if (!ctx.sandbox && !probed) {
					ctx.skip(`set ${V.clientId} and ${V.redirectUri} (authorize probe) and paste the whole token answer into ${V.token} (refresh token) to judge the sign-in`);
				}
			},
		},
		{
			name: 'EasyInk Trigger: first poll (remembers what exists, fires nothing)',
			async run(ctx) {
				run.trigger = ctx.trigger('easyInkTrigger', { events: ['started', 'participantSigned', 'sessionFinished', 'declined', 'voided', 'expired'] });
				const first = await run.trigger.poll();
				if (first.error) throw first.error;
				if (first.items) throw new Error(`the first poll fired ${first.items.length} item(s)`);
				ctx.judgePath('path.search', 'GET', /^\/api\/signingSessions$/);
			},
		},
		{
			name: 'A draft step by step: document, attachment, participants (Add Me, update, remove), signature fields (options, placement, remove), update, check exists',
			async run(ctx) {
				const created = await one(ctx, 'draft', 'create', { subject: `${run.tag} step by step` });
				const id = String(created.signingSessionId);
				run.stepDraft = id;
				ctx.created('draft (step by step)', id, () => removeOwn(ctx, id));
				const at = (rest = '') => new RegExp(`^/api/signingSessionDrafts/${id}${rest}$`);

				const document = await one(ctx, 'document', 'upload', { sessionId: locator(id), binaryPropertyName: 'data' }, [ctx.pdf(`${run.tag}.pdf`)]);
				run.stepDocument = String(document.documentId);
				const attachment = await one(ctx, 'attachment', 'upload', { sessionId: locator(id), binaryPropertyName: 'data' }, [ctx.pdf(`${run.tag}-attachment.pdf`)]);
				run.stepAttachment = String(attachment.attachmentId);
				const spare = await one(ctx, 'attachment', 'upload', { sessionId: locator(id), binaryPropertyName: 'data' }, [ctx.pdf(`${run.tag}-spare.pdf`)]);
				const draft = await waitForProcessing(ctx, id);
				ctx.judgePath('path.draft', 'GET', at());

				const [original] = await op(ctx, 'document', 'download', { stage: 'draft', sessionId: locator(id), documentId: locator(run.stepDocument), binaryPropertyName: 'data' });
				if (!original.binary?.data) throw new Error('Document → Download Original gave no file');
				ctx.judgePath('path.documentItem', 'GET', at(`/documents/${run.stepDocument}`));
				// The attachment is processed like a document; its download is retried while EasyInk refuses it for that.
				let fetched: INodeExecutionData | undefined;
				for (let attempt = 0; attempt < 30 && !fetched; attempt++) {
					fetched = await op(ctx, 'attachment', 'download', { stage: 'draft', sessionId: locator(id), attachmentId: run.stepAttachment, binaryPropertyName: 'data' }).then(
						(items) => items[0],
						async (error: Error) => {
							if (attempt === 29) throw error;
							await sleep(1000);
							return undefined;
						},
					);
				}
				await op(ctx, 'attachment', 'remove', { sessionId: locator(id), attachmentId: String(spare.attachmentId) });
				ctx.judgePath('path.attachments', 'POST', at('/attachments'));
				ctx.judgePath('path.attachments', 'GET', at(`/attachments/${run.stepAttachment}`));
				ctx.judgePath('path.attachments', 'DELETE', at(`/attachments/${String(spare.attachmentId)}`));

				const added = await one(ctx, 'participant', 'add', { sessionId: locator(id), ...signer('a') });
				run.stepParticipant = String(added.participantId);
				const me = await one(ctx, 'participant', 'addMe', { sessionId: locator(id), simplify: false });
				ctx.judgePath('path.participantMe', 'POST', at('/participants/me'));
				await op(ctx, 'participant', 'update', { sessionId: locator(id), participantId: locator(run.stepParticipant), ...signer('a'), middleName: 'Updated' });
				await op(ctx, 'participant', 'remove', { sessionId: locator(id), participantId: locator(String(me.participantId)) });
				ctx.judgePath('path.draftParticipant', 'PUT', at(`/participants/${run.stepParticipant}`));
				ctx.judgePath('path.draftParticipant', 'DELETE', at(`/participants/${String(me.participantId)}`));

				// One field of each type besides Signature; the first one's options and placement are changed, then all removed.
				const fieldIds: string[] = [];
				for (const fieldType of ['Initials', 'Date', 'Text']) {
					const field = await one(ctx, 'signatureField', 'add', { sessionId: locator(id), participantId: locator(run.stepParticipant), documentId: locator(run.stepDocument), fieldType, page: 1, positionY: 100 + fieldIds.length * 60 });
					fieldIds.push(String(field.signatureFieldId));
				}
				ctx.judge('fieldType.others', 'confirmed', 'a field of each type Initials, Date and Text was added (each answered 2xx)');
				const fieldId = fieldIds[0];
				await op(ctx, 'signatureField', 'updateOptions', { sessionId: locator(id), signatureFieldId: fieldId, fieldType: 'Initials', isRequired: false });
				await op(ctx, 'signatureField', 'updatePosition', { sessionId: locator(id), signatureFieldId: fieldId, page: 1, positionX: 120, positionY: 300 });
				for (const removed of fieldIds) await op(ctx, 'signatureField', 'remove', { sessionId: locator(id), signatureFieldId: removed });
				ctx.judgePath('path.signatureFields', 'POST', at('/signatureFields'));
				ctx.judgePath('path.signatureFields', 'DELETE', at(`/signatureFields/${fieldId}`));
				ctx.judgePath('path.signatureFieldOptions', 'PUT', at(`/signatureFields/${fieldId}/options`));
				ctx.judgePath('path.signatureFieldPlacement', 'PUT', at(`/signatureFields/${fieldId}/placement`));
				await op(ctx, 'signatureField', 'add', { sessionId: locator(id), participantId: locator(run.stepParticipant), documentId: locator(run.stepDocument), fieldType: 'Signature', page: 1 });

				// A second document, removed again.
				const extra = await one(ctx, 'document', 'upload', { sessionId: locator(id), binaryPropertyName: 'data' }, [ctx.pdf(`${run.tag}-extra.pdf`)]);
				await waitForProcessing(ctx, id);
				await op(ctx, 'document', 'remove', { sessionId: locator(id), documentId: locator(String(extra.documentId)) });
				ctx.judgePath('path.documentItem', 'DELETE', at(`/documents/${String(extra.documentId)}`));

				await op(ctx, 'draft', 'update', { sessionId: locator(id), updateFields: { subject: `${run.tag} step by step (updated)`, reminderFrequency: 'Never' } });
				ctx.judgePath('path.draft', 'PUT', at());
				const [exists] = await op(ctx, 'draft', 'exists', { sessionId: locator(id) });
				if (exists.json.exists !== true) throw new Error(`Draft → Check Exists said ${JSON.stringify(exists.json)}`);
				ctx.judgePath('path.draft', 'HEAD', at());
				const reread = await readDraft(ctx, id);
				if (reread.subject !== `${run.tag} step by step (updated)`) throw new Error(`the update did not change the subject: ${String(reread.subject)} (was ${String(draft.subject)})`);
			},
		},
		{
			name: 'The step-by-step draft: convert, start, read as a session (original document and attachment)',
			async run(ctx) {
				const id = need(run.stepDraft, 'the step-by-step draft');
				await op(ctx, 'draft', 'convert', { sessionId: locator(id) });
				ctx.judgePath('path.convert', 'POST', new RegExp(`^/api/signingSessionDrafts/${id}/converted$`));
				await op(ctx, 'session', 'start', { sessionId: locator(id) });
				ctx.judgePath('path.start', 'POST', new RegExp(`^/api/signingSessions/${id}/started$`));
				const session = await readSession(ctx, id);
				if (!['Pending', 'InProgress'].includes(String(session.status))) throw new Error(`started, the session is ${String(session.status)}`);
				const [exists] = await op(ctx, 'session', 'exists', { sessionId: locator(id) });
				if (exists.json.exists !== true) throw new Error(`Signing Session → Check Exists said ${JSON.stringify(exists.json)}`);
				ctx.judgePath('path.session', 'GET', new RegExp(`^/api/signingSessions/${id}$`));
				ctx.judgePath('path.session', 'HEAD', new RegExp(`^/api/signingSessions/${id}$`));
				const documentId = String(((session.documents as IDataObject[] | null) ?? [])[0]?.documentId ?? need(run.stepDocument, 'the document'));
				await op(ctx, 'document', 'download', { stage: 'session', sessionId: locator(id), documentId: locator(documentId), binaryPropertyName: 'data' });
				ctx.judgePath('path.sessionDocument', 'GET', new RegExp(`^/api/signingSessions/${id}/documents/${documentId}$`));
				const attachmentId = String(((session.attachments as IDataObject[] | null) ?? [])[0]?.attachmentId ?? need(run.stepAttachment, 'the attachment'));
				await op(ctx, 'attachment', 'download', { stage: 'session', sessionId: locator(id), attachmentId, binaryPropertyName: 'data' });
				ctx.judgePath('path.sessionAttachment', 'GET', new RegExp(`^/api/signingSessions/${id}/attachments/${attachmentId}$`));
			},
		},
		{
			name: 'Signing Session → Create and Send (two signers one after another, example.com addresses)',
			async run(ctx) {
				const [created] = await op(
					ctx,
					'session',
					'createAndSend',
					{
						subject: `${run.tag} create and send`,
						binaryPropertyNames: 'data',
						participants: { participant: [signer('b'), signer('c')] },
						fieldMode: 'lastPage',
						signingOrder: 'sequential',
						options: { processingTimeoutSeconds: 120 },
						simplify: false,
					},
					[ctx.pdf(`${run.tag}-send.pdf`)],
				);
				const id = String(created.json.signingSessionId ?? '');
				if (!id) throw new Error(`no session ID in ${JSON.stringify(created.json).slice(0, 300)}`);
				run.session = id;
				ctx.created('session (Create and Send)', id, () => removeOwn(ctx, id));
				const session = await readSession(ctx, id);
				if (session.status !== 'Pending') throw new Error(`sent, the session is ${String(session.status)}`);
			},
		},
		{
			name: 'Signing Session → Get Many: no filter returns a Pending session; newest first by created; two pages of one',
			async run(ctx) {
				const id = need(run.session, 'the Create and Send session');
				const older = need(run.stepDraft, 'the step-by-step session');
				const pending = await readSession(ctx, id);
				const all = ['Draft', 'ReadyToStart', 'InProgress', 'NeedToSign', 'Finished', 'Declined', 'Voided', 'Expired', 'NeedsAction'];
				if (pending.status === 'Pending') {
					await op(ctx, 'session', 'search', { statuses: all, returnAll: false, limit: 100, options: { sortBy: 'created', sortDirection: 'desc' }, simplify: false });
					const rows = rowsOf(last(searches(ctx)));
					const found = rows.some((r) => r.id === id);
					ctx.judge('search.pendingFilter', found ? 'refuted' : 'confirmed', found ? `session ${id} (Pending) was returned by the filter ${all.join(', ')}` : `every filter at once (${all.join(', ')}) left out session ${id}, which is Pending`);
				}
				const newest = await op(ctx, 'session', 'search', { returnAll: false, limit: 2, options: { sortBy: 'created', sortDirection: 'desc', pageSize: 1 }, simplify: false });
				const pages = searches(ctx).slice(-2);
				const indexes = pages.map((e) => new URLSearchParams(e.query.replace(/^\?/, '')).get('pageIndex'));
				if (newest.length !== 2 || indexes.join(',') !== '0,1') throw new Error(`Limit 2 with pages of 1 read pages ${indexes.join(', ')} and gave ${newest.length} items`);
				const firstTwo = pages.flatMap(rowsOf);
				if (firstTwo[0]?.id === firstTwo[1]?.id) throw new Error('pages 0 and 1 returned the same session');
				// Newest first: the session made last is at the top (unless someone made one in between), created descending.
				await op(ctx, 'session', 'search', { returnAll: false, limit: 100, options: { sortBy: 'created', sortDirection: 'desc' }, simplify: false });
				const rows = rowsOf(last(searches(ctx)));
				const times = rows.map((r) => Date.parse(String(r.created)));
				const descending = times.every((t, i) => Number.isFinite(t) && (i === 0 || times[i - 1] >= t));
				const order = rows.map((r) => String(r.id));
				const oursInOrder = order.includes(id) && order.includes(older) && order.indexOf(id) < order.indexOf(older);
				ctx.judge('query.sorting', descending && oursInOrder ? 'confirmed' : 'refuted', `sorting.properties[0] created desc: ${rows.length} rows, created descending: ${descending}, our newer session first: ${oursInOrder}`);
				ctx.judge('search.created', descending && oursInOrder ? 'confirmed' : 'refuted', `created of the first rows: ${rows.slice(0, 3).map((r) => String(r.created)).join(', ')}`);
			},
		},
		{
			name: 'The participants sign (our sandbox’s control route; EasyInk’s staging needs a person on the signing page)',
			async run(ctx) {
				const id = need(run.session, 'the Create and Send session');
				if (!ctx.sandbox) ctx.skip('signing on staging needs a person on the signing page, so this run leaves the session unsigned (voided at the end)');
				await sandboxSign(ctx, id);
				const half = await readSession(ctx, id);
				const statuses = ((half.participants as IDataObject[] | null) ?? []).map((p) => String(p.status));
				if (statuses[0] !== 'Signed' || statuses[1] === 'Signed') throw new Error(`after one signature the participants are ${statuses.join(', ')}`);
				await sandboxSign(ctx, id);
			},
		},
		{
			name: 'EasyInk Trigger: the next poll',
			async run(ctx) {
				const trigger = need(run.trigger, 'the activated trigger');
				const next = await trigger.poll();
				if (next.error) throw next.error;
				const events = (next.items ?? []).map((i) => `${String(i.json.event)}:${String(i.json.signingSessionId)}`);
				for (const expected of [`session.started:${need(run.session, 'the session')}`, `session.started:${need(run.stepDraft, 'the step-by-step session')}`]) {
					if (events.filter((e) => e === expected).length !== 1) throw new Error(`expected ${expected} once, got ${JSON.stringify(events)}`);
				}
				if (ctx.sandbox && events.filter((e) => e === `session.finished:${run.session}`).length !== 1) throw new Error(`expected the session's finish once, got ${JSON.stringify(events)}`);
				if ((await trigger.poll()).items) throw new Error('the poll after fired again');
			},
		},
		{
			name: 'Signed Output → Download Signed Document and Download All-in-One Document, waiting while EasyInk prepares them',
			async run(ctx) {
				const id = need(run.session, 'the Create and Send session');
				const session = await readSession(ctx, id);
				if (session.status !== 'Finished') ctx.skip(`the session is ${String(session.status)}: signed files exist once it is Finished`);
				const wait = { waitWhileProcessing: true, maxWaitSeconds: 120 };
				const signedId = String(((session.signedDocuments as IDataObject[] | null) ?? [])[0]?.signedDocumentId ?? '');
				if (!signedId) throw new Error(`a finished session without signedDocuments: ${JSON.stringify(session).slice(0, 300)}`);
				const signed = await op(ctx, 'signedOutput', 'downloadSigned', { sessionId: locator(id), documentId: locator(signedId), binaryPropertyName: 'data', options: wait });
				const all = await op(ctx, 'signedOutput', 'downloadAllInOne', { sessionId: locator(id), binaryPropertyName: 'data', options: wait });
				const pdf = (items: INodeExecutionData[]) => items.length === 1 && Buffer.from(items[0].binary?.data?.data ?? '', 'base64').subarray(0, 5).toString('latin1') === '%PDF-';
				if (!pdf(signed) || !pdf(all)) throw new Error('expected one PDF from each download');
				ctx.judgePath('path.signedDocument', 'GET', new RegExp(`^/api/signingSessions/${id}/signedDocuments/${signedId}$`));
				ctx.judgePath('path.allInOne', 'GET', new RegExp(`^/api/signingSessions/${id}/allInOneDocument$`));
				const after = await readSession(ctx, id);
				const copy = String(((after.signedDocuments as IDataObject[] | null) ?? [])[0]?.processingStatus);
				const combined = String((after.allInOneDocument as IDataObject | null)?.status);
				ctx.judge('status.outputProcessing', copy === 'Ready' && combined === 'Ready' ? 'confirmed' : 'refuted', `after the downloads: signed copy ${copy}, all-in-one ${combined}`);
			},
		},
		{
			name: 'Draft → Duplicate and Recreate (the step-by-step session is voided by Recreate); the Voided and Finished filters',
			async run(ctx) {
				const stepped = need(run.stepDraft, 'the step-by-step session');
				const sent = need(run.session, 'the Create and Send session');
				const duplicate = await one(ctx, 'draft', 'duplicate', { sessionId: locator(sent), subject: `${run.tag} duplicate` });
				run.duplicated = String(duplicate.signingSessionId);
				ctx.created('draft (duplicate)', run.duplicated, () => removeOwn(ctx, need(run.duplicated, 'the duplicate')));
				ctx.judgePath('path.duplicate', 'POST', new RegExp(`^/api/signingSessions/${sent}/duplicated$`));
				const recreated = await one(ctx, 'draft', 'recreate', { sessionId: locator(stepped), voidReason: 'n8n-nodes-esign live contract check', subject: `${run.tag} recreated` });
				run.recreated = String(recreated.signingSessionId);
				ctx.created('draft (recreated)', run.recreated, () => removeOwn(ctx, need(run.recreated, 'the recreated draft')));
				ctx.judgePath('path.recreate', 'POST', new RegExp(`^/api/signingSessions/${stepped}/recreated$`));
				const voided = await readSession(ctx, stepped);
				if (voided.status !== 'Voided') throw new Error(`after Recreate the original is ${String(voided.status)}`);

				const wrong: string[] = [];
				const filters: Array<[string, string]> = [['Voided', stepped]];
				if (ctx.sandbox) filters.push(['Finished', sent]);
				for (const [status, ours] of filters) {
					await op(ctx, 'session', 'search', { statuses: [status], returnAll: false, limit: 100, options: { sortBy: 'created', sortDirection: 'desc' }, simplify: false });
					const rows = rowsOf(last(searches(ctx)));
					const others = rows.filter((r) => r.status !== status).map((r) => String(r.status));
					if (others.length) wrong.push(`${status}: also ${[...new Set(others)].join(', ')}`);
					if (!rows.some((r) => r.id === ours)) wrong.push(`${status}: our session ${ours} is missing`);
				}
				ctx.judge('search.finalFilters', wrong.length ? 'refuted' : 'confirmed', wrong.length ? wrong.join('; ') : `${filters.map(([s]) => s).join(' and ')} returned only sessions in that status, ours among them`);
			},
		},
		{
			name: 'A participant declines the duplicate once started (our sandbox’s control route; staging needs a person on the signing page)',
			async run(ctx) {
				const id = need(run.duplicated, 'the duplicate');
				if (!ctx.sandbox) ctx.skip('declining on staging needs a person on the signing page; the duplicate stays a draft (deleted at the end)');
				await op(ctx, 'draft', 'convert', { sessionId: locator(id) });
				await op(ctx, 'session', 'start', { sessionId: locator(id) });
				await sandboxSign(ctx, id, 'decline');
				const declined = await readSession(ctx, id);
				const statuses = ((declined.participants as IDataObject[] | null) ?? []).map((p) => String(p.status));
				ctx.judge('status.participant', statuses[0] === 'Declined' ? 'confirmed' : 'refuted', `session ${String(declined.status)}; participants after the first declined: ${statuses.join(', ')}`);
			},
		},
		{
			name: 'Draft → Delete (the recreated draft); the updates answered without a body',
			async run(ctx) {
				const id = need(run.recreated, 'the recreated draft');
				await op(ctx, 'draft', 'delete', { sessionId: locator(id) });
				ctx.judgePath('path.draft', 'DELETE', new RegExp(`^/api/signingSessionDrafts/${id}$`));
				const [exists] = await op(ctx, 'draft', 'exists', { sessionId: locator(id) });
				if (exists.json.exists !== false) throw new Error(`after Delete, Check Exists said ${JSON.stringify(exists.json)}`);
				const updates = ctx.exchanges.filter((e) => e.method === 'PUT' && e.status >= 200 && e.status < 300);
				const withBody = updates.filter((e) => e.responseBody !== undefined && e.responseBody !== '' && e.responseBody !== null);
				if (updates.length) {
					ctx.judge(
						'answer.emptyBody',
						withBody.length ? 'refuted' : 'confirmed',
						withBody.length ? withBody.map((e) => `PUT ${e.path} → ${e.status} ${JSON.stringify(e.responseBody).slice(0, 100)}`).join('; ') : `${updates.length} updates answered ${[...new Set(updates.map((e) => e.status))].join(', ')} without a body`,
					);
				}
			},
		},
		{
			name: 'Sessions from the list (the editor’s From List: subject search, newest first)',
			async run(ctx) {
				const node = { ...packageNode('easyInk', { resource: 'session', operation: 'get', sessionId: { __rl: true, mode: 'list', value: '' } }, { [CREDENTIAL]: `live-${CREDENTIAL}` }), typeVersion: 2 };
				const found = await ctx.engine.listSearch(node, 'searchSessions', run.tag);
				const values = found.results.map((r) => String(r.value));
				if (!values.includes(need(run.session, 'the session'))) throw new Error(`the list did not show the session: ${JSON.stringify(found.results).slice(0, 300)}`);
			},
		},
	],
};
