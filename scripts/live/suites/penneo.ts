/**
 * Penneo's live contract suite: Penneo's **sandbox** environment only (sandbox.penneo.com + sandbox.oauth.penneo.cloud,
 * or our own sandbox with --sandbox). It creates two case files of its own (titles and reference carry a run tag, the
 * signers are `live-contract-…@example.com` and "Sign On Meeting" is on, so Penneo emails no signer), reads, lists,
 * downloads and polls, judges every entry of PENNEO_GUESSES, and deletes what it created. It never changes anything
 * it did not create; the lists it reads are narrowed by the run tag where Penneo lets them be.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { PENNEO_GUESSES } from '../../../nodes/Penneo/transport/hosts';
import type { Env, LiveContext, LiveSuite } from '../framework';
import { packageNode } from '../framework';
import type { Exchange } from '../proxy';

const V = {
	clientId: 'ESIGN_LIVE_PENNEO_CLIENT_ID',
	clientSecret: 'ESIGN_LIVE_PENNEO_CLIENT_SECRET',
	apiKey: 'ESIGN_LIVE_PENNEO_API_KEY',
	apiSecret: 'ESIGN_LIVE_PENNEO_API_SECRET',
	appUrl: 'ESIGN_LIVE_PENNEO_APP_URL',
	oauthUrl: 'ESIGN_LIVE_PENNEO_OAUTH_URL',
};
const SANDBOX = { app: 'https://sandbox.penneo.com', oauth: 'https://sandbox.oauth.penneo.cloud' };

const appOf = (env: Env) => (env[V.appUrl] || SANDBOX.app).replace(/\/+$/, '');
const oauthOf = (env: Env) => (env[V.oauthUrl] || SANDBOX.oauth).replace(/\/+$/, '');

/** Penneo's sandbox hosts (https), or a loopback host (our own sandbox). Anything else may be production. */
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

/** What the steps share within one run (reset by the first step). */
interface RunState {
	tag: string;
	startedAt: number;
	proxyApp?: string;
	caseFileId?: number;
	secondId?: number;
	documentId?: number;
	trigger?: ReturnType<LiveContext['trigger']>;
}
const run: RunState = { tag: '', startedAt: 0 };

const locator = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });
const rowsOf = (e: Exchange | undefined): IDataObject[] => (Array.isArray(e?.responseBody) ? (e!.responseBody as IDataObject[]) : []);
const queryOf = (e: Exchange) => new URLSearchParams(e.query.replace(/^\?/, ''));
const lists = (ctx: LiveContext) => ctx.exchanges.filter((e) => e.method === 'GET' && e.path === '/api/v1/casefiles');
const last = <T>(list: readonly T[]) => list[list.length - 1];

function need<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
	return value;
}

async function getMany(ctx: LiveContext, filters: IDataObject, limit = 100): Promise<{ items: INodeExecutionData[]; exchange: Exchange }> {
	const items = await ctx.runNode('penneo', { resource: 'caseFile', operation: 'getMany', returnAll: false, limit, filters });
	return { items, exchange: last(lists(ctx)) };
}

const ids = (items: INodeExecutionData[]) => items.map((i) => Number(i.json.caseFileId));

async function deleteCaseFile(ctx: LiveContext, id: number) {
	await ctx.runNode('penneo', { resource: 'caseFile', operation: 'delete', caseFileId: locator(id) });
}

/** The sandbox's signer action (only with --sandbox): the next signer in sign order signs. */
async function sandboxSign(ctx: LiveContext, id: number) {
	const res = await fetch(`${need(ctx.sandboxServer, 'the sandbox').origin}/_control/penneo/casefiles/${id}/sign`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
	if (!res.ok) throw new Error(`the sandbox's sign route answered ${res.status}: ${await res.text()}`);
}

const signers = () => ({
	signer: [
		{ name: 'live-contract signer A', email: 'live-contract-a@example.com', role: 'Live_Signer', signOrder: 0 },
		{ name: 'live-contract signer B', email: 'live-contract-b@example.com', signOrder: 1 },
	],
});

export const penneoSuite: LiveSuite = {
	provider: 'penneo',
	displayName: 'Penneo',
	env: [
		{ name: V.clientId, what: 'OAuth client ID Penneo support issued for the sandbox environment', secret: true },
		{ name: V.clientSecret, what: 'Its client secret', secret: true },
		{ name: V.apiKey, what: 'API key of a Penneo sandbox user', secret: true },
		{ name: V.apiSecret, what: 'That API key’s secret', secret: true },
		{ name: V.appUrl, what: `App host (default ${SANDBOX.app}; only Penneo's sandbox is accepted)`, optional: true },
		{ name: V.oauthUrl, what: `OAuth host (default ${SANDBOX.oauth}; only Penneo's sandbox is accepted)`, optional: true },
	],
	assertTestEnvironment(env) {
		if (!testHost(appOf(env), SANDBOX.app)) throw new Error(`${V.appUrl} must be Penneo's sandbox (${SANDBOX.app}): ${appOf(env)} may be production`);
		if (!testHost(oauthOf(env), SANDBOX.oauth)) throw new Error(`${V.oauthUrl} must be Penneo's sandbox (${SANDBOX.oauth}): ${oauthOf(env)} may be production`);
	},
	describeEnvironment: (env) => `${appOf(env)} with OAuth at ${oauthOf(env)}`,
	upstreams: (env) => ({ penneo: appOf(env), 'penneo-auth': oauthOf(env) }),
	sandboxEnv: (sandbox) => ({
		[V.clientId]: 'sandbox-client',
		[V.clientSecret]: 'sandbox-client-secret',
		[V.apiKey]: 'sandbox-api-key',
		[V.apiSecret]: 'sandbox-api-secret',
		[V.appUrl]: sandbox.url('penneo'),
		[V.oauthUrl]: sandbox.url('penneo-auth'),
	}),
	credentials(env, proxy) {
		// The 401 probe sends its own requests through the same recording proxy.
		run.proxyApp = proxy('penneo');
		return {
			penneoApi: {
				environment: 'custom',
				appUrl: proxy('penneo'),
				oauthUrl: proxy('penneo-auth'),
				clientId: env[V.clientId]!,
				clientSecret: env[V.clientSecret]!,
				apiKey: env[V.apiKey]!,
				apiSecret: env[V.apiSecret]!,
			},
		};
	},
	guesses: PENNEO_GUESSES,
	steps: [
		{
			name: 'Credential test (a real token exchange, then a list of one)',
			async run(ctx) {
				Object.assign(run, { tag: `live-contract-${Date.now().toString(36)}`, startedAt: Date.now(), caseFileId: undefined, secondId: undefined, documentId: undefined, trigger: undefined });
				const result = await ctx.testCredential('penneoApi');
				if (result.status !== 'OK') throw new Error(result.message);
			},
		},
		{
			name: 'Penneo Trigger: first poll (remembers what exists, fires nothing)',
			async run(ctx) {
				run.trigger = ctx.trigger('penneoTrigger', { events: ['completed', 'rejected', 'expired', 'signerSigned'] });
				const first = await run.trigger.poll();
				if (first.error) throw first.error;
				if (first.items) throw new Error(`the first poll fired ${first.items.length} item(s)`);
			},
		},
		{
			name: 'Case File → Create and Send, waiting for the creation job (two signers, Sign On Meeting: no emails to signers)',
			async run(ctx) {
				const [created] = await ctx.runNode(
					'penneo',
					{
						resource: 'caseFile',
						operation: 'create',
						title: `${run.tag} contract`,
						documents: { document: [{ binaryPropertyName: 'data', title: 'Live contract', signable: true, options: {} }] },
						signers: signers(),
						additionalFields: { reference: run.tag, signOnMeeting: true },
						waitForCompletion: true,
						checkInterval: 5,
						timeout: 120,
					},
					[ctx.pdf(`${run.tag}.pdf`)],
				);
				run.caseFileId = Number(created.json.caseFileId);
				if (!run.caseFileId) throw new Error(`no case file ID in ${JSON.stringify(created.json)}`);
				const id = run.caseFileId;
				ctx.created('case file', String(id), () => deleteCaseFile(ctx, id));
				ctx.judge('create.roles', 'confirmed', `a signer with role "Live_Signer" was accepted (case file ${id}); roles with spaces are refused by the node and were not sent`);
				const job = last(ctx.exchanges.filter((e) => e.path === '/send/api/v1/queue/public/status' && e.status === 200));
				const data = ((job?.responseBody as IDataObject | undefined)?.result as IDataObject | undefined)?.data as IDataObject | undefined;
				const links = data?.signingLinks;
				if (Array.isArray(links) && links.every((l) => l && typeof l === 'object' && 'signingLink' in l && 'name' in l && 'role' in l)) {
					ctx.judge('job.signingLinks', 'confirmed', `result.data.signingLinks: ${links.length} × {${Object.keys(links[0] ?? {}).join(', ')}}`);
				} else if (job) {
					ctx.judge('job.signingLinks', 'refuted', `result.data keys: ${Object.keys(data ?? {}).join(', ') || '(none)'}; signingLinks: ${JSON.stringify(links ?? null).slice(0, 200)}`);
				}
			},
		},
		{
			name: 'Case File → Create and Send at our maximum lengths, without waiting; Job → Get Status until done',
			async run(ctx) {
				const long = (n: number, start = 'live-contract ') => (start + 'x'.repeat(n)).slice(0, n);
				const [submitted] = await ctx.runNode(
					'penneo',
					{
						resource: 'caseFile',
						operation: 'create',
						title: `${run.tag} limits`,
						documents: { document: [{ binaryPropertyName: 'data', title: 'Limits', signable: true, options: { metaData: long(1024) } }] },
						signers: {
							signer: [
								{
									name: long(255),
									email: 'live-contract-c@example.com',
									security: { vatin: long(255, 'DK') },
									notifications: { emailSubject: long(255), emailText: long(10_000), reminderEmailSubject: long(255), reminderEmailText: long(10_000) },
									options: { onBehalfOf: long(255) },
								},
							],
						},
						additionalFields: { reference: long(1024, 'live-contract-reference-'), metaData: long(1024), signOnMeeting: true },
						waitForCompletion: false,
					},
					[ctx.pdf(`${run.tag}-limits.pdf`)],
				).catch((error: Error & { description?: string }) => {
					ctx.judge('limits.ours', 'refuted', `the create was refused: ${error.message}`);
					throw error;
				});
				const { uuid, payloadHash } = submitted.json as { uuid: string; payloadHash: string };
				let job: IDataObject = {};
				for (let check = 0; check < 12; check++) {
					[{ json: job }] = await ctx.runNode('penneo', { resource: 'job', operation: 'getStatus', uuid, payloadHash });
					if (['completed', 'failed', 'aborted_duplicated'].includes(String(job.jobStatus))) break;
					await new Promise((resolve) => setTimeout(resolve, 5000));
				}
				if (job.jobStatus === 'completed') {
					run.secondId = Number(job.caseFileId);
					const id = run.secondId;
					ctx.created('case file', String(id), () => deleteCaseFile(ctx, id));
					ctx.judge('limits.ours', 'confirmed', `case file ${id} created with every field at our maximum length`);
				} else if (job.jobStatus === 'failed') {
					ctx.judge('limits.ours', 'refuted', `the creation job failed: ${String(job.errorMessage)}`);
				} else {
					throw new Error(`job ${uuid} is still ${String(job.jobStatus)} after a minute`);
				}
			},
		},
		{
			name: 'Case File → Get (simplified, then Penneo’s answer)',
			async run(ctx) {
				const id = need(run.caseFileId, 'the case file');
				const [simple] = await ctx.runNode('penneo', { resource: 'caseFile', operation: 'get', caseFileId: locator(id) });
				if (simple.json.caseFileId !== id || simple.json.title !== `${run.tag} contract`) throw new Error(`read back ${JSON.stringify(simple.json).slice(0, 300)}`);
				if ((simple.json.signers as IDataObject[]).length !== 2) throw new Error('expected the two signers');
				const [raw] = await ctx.runNode('penneo', { resource: 'caseFile', operation: 'get', caseFileId: locator(id), simplify: false });
				run.documentId = Number(((raw.json.documents as IDataObject[] | undefined) ?? [])[0]?.id);
			},
		},
		{
			name: 'The signers sign (our sandbox’s control route; Penneo’s sandbox needs a person with an eID)',
			async run(ctx) {
				const id = need(run.caseFileId, 'the case file');
				if (!ctx.sandbox) ctx.skip('signing in Penneo’s sandbox needs a person (eID or the signing page), so this run leaves the case files unsigned');
				await sandboxSign(ctx, id);
				const [raw] = await ctx.runNode('penneo', { resource: 'caseFile', operation: 'get', caseFileId: locator(id), simplify: false });
				const first = ((raw.json.signers as IDataObject[]) ?? []).find((s) => s.name === 'live-contract signer A');
				const code = Number((first?.signingRequest as IDataObject | undefined)?.status);
				if (code === 3 || code === 4) ctx.judge('signer.statusCodes', 'confirmed', `after one signature the signer's code was ${code}: ${code === 3 ? "Penneo's Postman collection" : "Penneo's SDKs"} read it right`);
				else ctx.judge('signer.statusCodes', 'refuted', `after one signature the signer's code was ${JSON.stringify(code)}`);
				await sandboxSign(ctx, id);
			},
		},
		{
			name: 'Penneo Trigger: the next poll',
			async run(ctx) {
				const trigger = need(run.trigger, 'the activated trigger');
				const next = await trigger.poll();
				if (next.error) throw next.error;
				// Whether updatedAfter really narrows the list is judged with Get Many's filters below.
				const used = lists(ctx).filter((e) => queryOf(e).has('updatedAfter'));
				if (!used.length) throw new Error('the trigger did not read the list with updatedAfter');
				if (ctx.sandbox) {
					const completed = (next.items ?? []).filter((i) => i.json.event === 'caseFile.completed' && i.json.caseFileId === run.caseFileId);
					if (completed.length !== 1) throw new Error(`expected the case file's completion once, got ${JSON.stringify((next.items ?? []).map((i) => i.json.event))}`);
				}
			},
		},
		{
			name: 'Case File → Download Signed Documents (live: as they are now)',
			async run(ctx) {
				const id = need(run.caseFileId, 'the case file');
				const items = await ctx.runNode('penneo', { resource: 'caseFile', operation: 'downloadSigned', caseFileId: locator(id), binaryPropertyName: 'data', onlyCompleted: ctx.sandbox });
				const content = ctx.exchanges.filter((e) => /^\/api\/v3\/documents\/\d+\/content$/.test(e.path));
				const answer = last(content);
				const binary = items[0]?.binary?.data;
				const pdf = binary ? Buffer.from(binary.data, 'base64').subarray(0, 5).toString('latin1') === '%PDF-' : false;
				if (answer && answer.status < 300 && pdf) ctx.judge('document.json', 'confirmed', `answered ${answer.status} ${answer.responseHeaders['content-type'] ?? ''}; a PDF came out`);
				else if (answer) ctx.judge('document.json', 'refuted', `answered ${answer.status} ${answer.responseHeaders['content-type'] ?? ''} ${JSON.stringify(answer.responseBody ?? '').slice(0, 200)}`);
				if (items.length !== 1 || !pdf) throw new Error(`expected one PDF, got ${items.length} item(s)`);
			},
		},
		{
			name: 'Case File → Get Many: paging (x-paginate, Link rel="next") and per_page 100',
			async run(ctx) {
				need(run.secondId, 'the second case file');
				const one = await getMany(ctx, { title: run.tag }, 1);
				if (one.items.length !== 1) throw new Error(`Limit 1 gave ${one.items.length} items`);
				if (one.exchange.requestHeaders['x-paginate'] !== 'true') throw new Error('the list was read without x-paginate');
				if (!/rel="?next"?/.test(one.exchange.responseHeaders.link ?? '')) throw new Error(`two case files match, but the first page of one has no rel="next" Link (${one.exchange.responseHeaders.link ?? 'no Link header'})`);
				const hundred = await getMany(ctx, { title: run.tag }, 100);
				if (hundred.exchange.status < 300 && queryOf(hundred.exchange).get('per_page') === '100') ctx.judge('list.maxPerPage', 'confirmed', `per_page=100 → ${hundred.exchange.status}`);
				const rows = rowsOf(hundred.exchange).filter((r) => r.id === run.caseFileId || r.id === run.secondId);
				if (rows.length && rows.every((r) => Array.isArray(r.signers))) ctx.judge('list.signers', 'confirmed', `rows carry signers (${rows.map((r) => (r.signers as unknown[]).length).join(', ')})`);
				else if (rows.length) ctx.judge('list.signers', 'refuted', `row keys: ${Object.keys(rows[0]).join(', ')}`);
			},
		},
		{
			name: 'Case File → Get Many: every filter narrows the list (status, title, reference, folder, created/completed/updated after)',
			async run(ctx) {
				const first = need(run.caseFileId, 'the case file');
				const second = need(run.secondId, 'the second case file');
				const future = new Date(Date.now() + 24 * 3600_000).toISOString();
				const before = new Date(run.startedAt - 3600_000).toISOString();
				const ours = [first, second].sort();
				const wrong: string[] = [];
				const expectIds = async (what: string, filters: IDataObject, expected: number[]) => {
					const { items } = await getMany(ctx, filters);
					const got = ids(items).sort();
					if (JSON.stringify(got) !== JSON.stringify([...expected].sort())) wrong.push(`${what}: expected [${expected.join(', ')}], got ${got.length > 10 ? `${got.length} case files` : `[${got.join(', ')}]`}`);
				};
				await expectIds('title', { title: run.tag }, ours);
				await expectIds('reference', { title: run.tag, reference: run.tag }, [first]);
				await expectIds('createdAfter (an hour before the run)', { title: run.tag, createdAfter: before }, ours);
				await expectIds('createdAfter (tomorrow)', { createdAfter: future }, []);
				await expectIds('completedAfter (tomorrow)', { completedAfter: future }, []);
				await expectIds('folderIds (a folder that does not exist)', { title: run.tag, folderIds: '999999999' }, []);
				// The second case file is never signed: pending (1) on both environments.
				const { items: pending } = await getMany(ctx, { title: run.tag, status: 1 });
				if (!ids(pending).includes(second) || pending.some((i) => i.json.statusCode !== 1)) wrong.push(`status 1: got ${JSON.stringify(pending.map((i) => [i.json.caseFileId, i.json.statusCode]))}`);
				ctx.judge('list.filters', wrong.length ? 'refuted' : 'confirmed', wrong.length ? wrong.join('; ') : 'each filter returned exactly the case files it should');

				const updated: string[] = [];
				const { items: recent } = await getMany(ctx, { title: run.tag, updatedAfter: before });
				if (JSON.stringify(ids(recent).sort()) !== JSON.stringify(ours)) updated.push(`an hour before the run: [${ids(recent).join(', ')}]`);
				const { items: none } = await getMany(ctx, { updatedAfter: future });
				if (none.length) updated.push(`tomorrow: ${none.length} case files`);
				ctx.judge('list.updatedAfter', updated.length ? 'refuted' : 'confirmed', updated.length ? updated.join('; ') : 'updatedAfter returned only case files changed after it');
			},
		},
		{
			name: 'Case File from the list (the editor’s From List: title search, newest first)',
			async run(ctx) {
				const node = { ...packageNode('penneo', { resource: 'caseFile', operation: 'get', caseFileId: { __rl: true, mode: 'list', value: '' } }, { penneoApi: 'live-penneoApi' }), typeVersion: 2 };
				const found = await ctx.engine.listSearch(node, 'searchCaseFiles', run.tag);
				const values = found.results.map((r) => Number(r.value));
				if (!values.includes(need(run.caseFileId, 'the case file')) || !values.includes(need(run.secondId, 'the second case file'))) throw new Error(`the list did not show both case files: ${JSON.stringify(found.results)}`);
				const answer = last(lists(ctx).filter((e) => queryOf(e).get('sort') === '-created'));
				const created = rowsOf(answer).map((r) => Number(r.created));
				if (answer && created.length >= 2 && created.every((c) => Number.isFinite(c))) {
					const newestFirst = created.every((c, i) => i === 0 || created[i - 1] >= c);
					ctx.judge('list.sortCreated', newestFirst ? 'confirmed' : 'refuted', `created of the rows in order: ${created.join(', ')}`);
				} else if (answer) {
					// Rows without "created": the later-made case file must come first.
					const order = rowsOf(answer).map((r) => Number(r.id));
					const newestFirst = order.indexOf(run.secondId!) < order.indexOf(run.caseFileId!);
					ctx.judge('list.sortCreated', newestFirst ? 'confirmed' : 'refuted', `ids in order: ${order.join(', ')} (${run.secondId} was made after ${run.caseFileId})`);
				}
			},
		},
		{
			name: 'An invalid token is answered 401 (app host: list, case file, document content; Send API)',
			async run(ctx) {
				const base = need(run.proxyApp, 'the proxy');
				const id = need(run.caseFileId, 'the case file');
				const probes: Array<[string, RequestInit & { path: string }]> = [
					['GET case file', { path: `/api/v1/casefiles/${id}`, headers: { Authorization: 'Bearer live-contract-invalid-token', Accept: 'application/json' } }],
					['GET document content', { path: `/api/v3/documents/${need(run.documentId, 'the document')}/content`, headers: { Authorization: 'Bearer live-contract-invalid-token', Accept: 'application/pdf' } }],
					// No case file in the body: nothing could be created even if the token were taken.
					['POST create (Send API)', { path: '/send/api/v1/casefiles/20251022/create', method: 'POST', headers: { 'X-Auth-Token': 'live-contract-invalid-token', Accept: 'application/json' } }],
				];
				const answers: string[] = [];
				for (const [what, { path, ...init }] of probes) {
					const res = await fetch(`${base}${path}`, init);
					answers.push(`${what} → ${res.status}`);
					await res.arrayBuffer();
				}
				const all401 = answers.every((a) => a.endsWith('→ 401'));
				ctx.judge('error.401', all401 ? 'confirmed' : 'refuted', answers.join('; '));
			},
		},
	],
};
