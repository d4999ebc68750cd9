/**
 * NextSign's live contract suite: NextSign's **test** environment only (https://test.nextsign.dk for cases, forms and
 * convert; its file host, by default on the same host, or one given explicitly — never www.nextsign.dk or
 * api.nextsign.dk), or our own sandbox with --sandbox. It uploads one file and creates two cases of its own (titles
 * carry a run tag; recipients are `live-contract-…@example.com`), reads, lists, downloads and polls, judges every entry
 * of NEXTSIGN_GUESSES, and deletes the cases it created. It never changes anything it did not create.
 */
import type { IDataObject } from 'n8n-workflow';

import { NEXTSIGN_GUESSES } from '../../../nodes/NextSign/transport';
import type { Env, LiveContext, LiveSuite } from '../framework';
import { packageNode } from '../framework';
import type { Exchange } from '../proxy';

const V = {
	apiKey: 'ESIGN_LIVE_NEXTSIGN_API_KEY',
	companyId: 'ESIGN_LIVE_NEXTSIGN_COMPANY_ID',
	caseUrl: 'ESIGN_LIVE_NEXTSIGN_CASE_URL',
	fileUrl: 'ESIGN_LIVE_NEXTSIGN_FILE_URL',
	formId: 'ESIGN_LIVE_NEXTSIGN_FORM_ID',
};
const TEST_HOST = 'https://test.nextsign.dk';
/** NextSign's production hosts (docs/versioning): never accepted. */
const PRODUCTION = ['www.nextsign.dk', 'nextsign.dk', 'api.nextsign.dk'];

const caseOf = (env: Env) => (env[V.caseUrl] || TEST_HOST).replace(/\/+$/, '');
const fileOf = (env: Env) => (env[V.fileUrl] || TEST_HOST).replace(/\/+$/, '');

function parse(url: string): URL | undefined {
	try {
		return new URL(url);
	} catch {
		return undefined;
	}
}
const loopback = (u: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);

/** What the steps share within one run (reset by the first step). */
interface RunState {
	tag: string;
	uploadedUrl?: string;
	caseId?: string;
	secondId?: string;
	formCaseId?: string;
	trigger?: ReturnType<LiveContext['trigger']>;
}
const run: RunState = { tag: '' };

const locator = (id: string) => ({ __rl: true, mode: 'id', value: id });
const last = <T>(list: readonly T[]) => list[list.length - 1];
const bodyOf = (e: Exchange | undefined): IDataObject => (e?.responseBody && typeof e.responseBody === 'object' ? (e.responseBody as IDataObject) : {});

function need<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
	return value;
}

async function rawCase(ctx: LiveContext, id: string): Promise<IDataObject> {
	const [item] = await ctx.runNode('nextSign', { resource: 'case', operation: 'get', caseId: locator(id), simplify: false });
	return item.json;
}

/** The sandbox's recipient actions (only with --sandbox). */
async function control(ctx: LiveContext, path: string) {
	const res = await fetch(`${need(ctx.sandboxServer, 'the sandbox').origin}/_control/nextsign/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	if (!res.ok) throw new Error(`the sandbox's control route ${path} answered ${res.status}: ${await res.text()}`);
}

const recipients = (tag: string) => ({
	recipient: [
		{ name: `${tag} recipient A`, email: 'live-contract-a@example.com', type: 'email', group: 0 },
		{ name: `${tag} recipient B`, email: 'live-contract-b@example.com', type: 'email', group: 1 },
	],
});

async function deleteCase(ctx: LiveContext, id: string) {
	await ctx.runNode('nextSign', { resource: 'case', operation: 'delete', caseId: locator(id) });
}

export const nextSignSuite: LiveSuite = {
	provider: 'nextsign',
	displayName: 'NextSign',
	env: [
		{ name: V.apiKey, what: 'API key of a NextSign test-environment user (test.nextsign.dk → Settings → API)', secret: true },
		{ name: V.companyId, what: 'That user’s company ID' },
		{ name: V.caseUrl, what: `Case host (default ${TEST_HOST}; only NextSign's test environment is accepted)`, optional: true },
		{ name: V.fileUrl, what: `File host (default ${TEST_HOST}; any https host except NextSign's production hosts, given explicitly)`, optional: true },
		{ name: V.formId, what: 'A form of the test company (Form → Submit is skipped without it)', optional: true },
	],
	assertTestEnvironment(env) {
		const c = parse(caseOf(env));
		if (!c || !(loopback(c) || (c.protocol === 'https:' && c.hostname === new URL(TEST_HOST).hostname)))
			throw new Error(`${V.caseUrl} must be NextSign's test environment (${TEST_HOST}): ${caseOf(env)} may be production`);
		const f = parse(fileOf(env));
		if (!f || !(loopback(f) || (f.protocol === 'https:' && !PRODUCTION.includes(f.hostname))))
			throw new Error(`${V.fileUrl} must be NextSign's test file host (https, not ${PRODUCTION.join(' or ')}): ${fileOf(env)} may be production`);
		if (!env[V.companyId]?.trim()) throw new Error(`${V.companyId} is empty`);
	},
	describeEnvironment: (env) => `${caseOf(env)} (cases) and ${fileOf(env)} (files)`,
	upstreams: (env) => ({ nextsign: caseOf(env), 'nextsign-files': fileOf(env) }),
	sandboxEnv: (sandbox) => ({
		[V.apiKey]: 'ns_test_key',
		[V.companyId]: 'acme-company',
		[V.caseUrl]: sandbox.url('nextsign'),
		[V.fileUrl]: sandbox.url('nextsign-files'),
		[V.formId]: 'form-lease',
	}),
	credentials: (env, proxy) => ({
		nextSignApi: {
			apiKey: env[V.apiKey]!,
			companyId: env[V.companyId]!,
			environment: 'custom',
			caseBaseUrl: `${proxy('nextsign')}/api/v2`,
			fileBaseUrl: `${proxy('nextsign-files')}/v3`,
		},
	}),
	guesses: NEXTSIGN_GUESSES,
	steps: [
		{
			name: 'Credential test (a list of one case)',
			async run(ctx) {
				Object.assign(run, { tag: `live-contract-${Date.now().toString(36)}`, uploadedUrl: undefined, caseId: undefined, secondId: undefined, formCaseId: undefined, trigger: undefined });
				const result = await ctx.testCredential('nextSignApi');
				if (result.status !== 'OK') throw new Error(result.message);
			},
		},
		{
			name: 'NextSign Trigger: first poll (remembers what exists, fires nothing)',
			async run(ctx) {
				run.trigger = ctx.trigger('nextSignTrigger', { events: ['caseSigned', 'caseDenied', 'recipientSigned'], filters: {} });
				const first = await run.trigger.poll();
				if (first.error) throw first.error;
				if (first.items) throw new Error(`the first poll fired ${first.items.length} item(s)`);
			},
		},
		{
			name: 'Document → Upload (the v3 file host)',
			async run(ctx) {
				const [uploaded] = await ctx.runNode('nextSign', { resource: 'document', operation: 'upload', binaryPropertyName: 'data', options: {} }, [ctx.pdf(`${run.tag}.pdf`)]);
				ctx.judgePath('host.testFiles', 'POST', /^\/v3\/company\/[^/]+\/file\/upload$/);
				const answer = last(ctx.exchanges.filter((e) => e.method === 'POST' && /\/file\/upload$/.test(e.path)));
				const keys = Object.keys(bodyOf(answer));
				if (typeof uploaded.json.url === 'string' && /^https?:\/\//.test(uploaded.json.url)) {
					run.uploadedUrl = uploaded.json.url;
					ctx.judge('upload.answer', 'confirmed', `answered ${answer?.status} with {${keys.join(', ')}}`);
				} else ctx.judge('upload.answer', 'refuted', `answered ${answer?.status} with {${keys.join(', ')}}`);
			},
		},
		{
			name: 'Case → Create and Send: the uploaded file by URL with its signatories, and an inline file (two recipients, groups 0 and 1)',
			async run(ctx) {
				const url = need(run.uploadedUrl, 'the uploaded file');
				const [created] = await ctx.runNode(
					'nextSign',
					{
						resource: 'case',
						operation: 'create',
						title: `${run.tag} contract`,
						documents: {
							document: [
								{ source: 'url', url, name: `${run.tag}.pdf`, signatories: 'live-contract-a@example.com, live-contract-b@example.com' },
								{ source: 'binary', binaryPropertyName: 'data' },
							],
						},
						recipients: recipients(run.tag),
						autoSend: true,
						additionalFields: { referenceId: run.tag },
					},
					[ctx.pdf(`${run.tag}-inline.pdf`)],
				);
				run.caseId = String(created.json.caseId);
				const id = run.caseId;
				ctx.created('case', id, () => deleteCase(ctx, id));
				ctx.judge('document.signatories', 'confirmed', `a document with signatories listed by email was accepted (case ${id})`);
				const [second] = await ctx.runNode(
					'nextSign',
					{ resource: 'case', operation: 'create', title: `${run.tag} second`, documents: { document: [{ source: 'binary', binaryPropertyName: 'data' }] }, recipients: recipients(run.tag), autoSend: true },
					[ctx.pdf(`${run.tag}-second.pdf`)],
				);
				run.secondId = String(second.json.caseId);
				const secondId = run.secondId;
				ctx.created('case', secondId, () => deleteCase(ctx, secondId));
			},
		},
		{
			name: 'Case → Get (simplified) and Case → Get Several',
			async run(ctx) {
				const id = need(run.caseId, 'the case');
				const second = need(run.secondId, 'the second case');
				const [simple] = await ctx.runNode('nextSign', { resource: 'case', operation: 'get', caseId: locator(id) });
				if (simple.json.caseId !== id || (simple.json.recipients as IDataObject[]).length !== 2) throw new Error(`read back ${JSON.stringify(simple.json).slice(0, 300)}`);
				const several = await ctx.runNode('nextSign', { resource: 'case', operation: 'getSeveral', caseIds: `${id}, ${second}` });
				ctx.judgePath('getSeveral.batch', 'GET', /^\/api\/v2\/[^/]+\/cases\/[^/]+,[^/]+\/get$/);
				const answer = last(ctx.exchanges.filter((e) => e.method === 'GET' && /\/cases\/[^/]+,[^/]+\/get$/.test(e.path)));
				const cases = (bodyOf(answer).cases as IDataObject[] | undefined) ?? [];
				const full = cases.length === 2 && cases.every((c) => Array.isArray(c.recipients) && c.settings && typeof c.settings === 'object');
				ctx.judge('getSeveral.full', full ? 'confirmed' : 'refuted', `${cases.length} case(s); keys of the first: ${Object.keys(cases[0] ?? {}).slice(0, 20).join(', ')}`);
				if (several.length !== 2) throw new Error(`Get Several gave ${several.length} item(s)`);
			},
		},
		{
			name: 'Case → Get Many: pages of one, then 100 (and the list’s order)',
			async run(ctx) {
				const lists = () => ctx.exchanges.filter((e) => e.method === 'GET' && /^\/api\/v2\/[^/]+\/cases\/get$/.test(e.path));
				const two = await ctx.runNode('nextSign', { resource: 'case', operation: 'getMany', returnAll: false, limit: 2, filters: {} });
				if (two.length !== 2) throw new Error(`Limit 2 gave ${two.length} item(s)`);
				await ctx.runNode('nextSign', { resource: 'case', operation: 'getMany', returnAll: false, limit: 100, filters: {} });
				const page = last(lists());
				const rows = (bodyOf(page).cases as IDataObject[] | undefined) ?? [];
				ctx.judge('list.pageSize', page && page.status < 300 && rows.length <= 100 ? 'confirmed' : 'refuted', `limit=100 → ${page?.status}, ${rows.length} case(s)`);
				const created = rows.map((r) => Date.parse(String(r.createdAt)));
				const updated = rows.map((r) => Date.parse(String(r.updatedAt)));
				const sorted = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] >= x);
				const ours = rows.findIndex((r) => r._id === run.secondId);
				const newestFirst = (sorted(created) || sorted(updated)) && ours >= 0 && ours < rows.findIndex((r) => r._id === run.caseId);
				ctx.judge('list.order', newestFirst ? 'confirmed' : 'refuted', `by creation: ${sorted(created)}, by update: ${sorted(updated)}; the later case at ${ours}, the earlier at ${rows.findIndex((r) => r._id === run.caseId)}`);
			},
		},
		{
			name: 'The recipients sign (our sandbox’s control route; NextSign’s test environment needs a person with MitID)',
			async run(ctx) {
				const id = need(run.caseId, 'the case');
				if (!ctx.sandbox) ctx.skip('signing in NextSign’s test environment needs a person (MitID test user or the signing page), so this run leaves its cases unsigned');
				await control(ctx, `cases/${id}/sign`);
				const half = await rawCase(ctx, id);
				const a = ((half.recipients as IDataObject[]) ?? []).find((r) => r.email === 'live-contract-a@example.com');
				const b = ((half.recipients as IDataObject[]) ?? []).find((r) => r.email === 'live-contract-b@example.com');
				const told = a?.signed !== 'pending' && typeof a?.signed === 'string' && b?.signed === 'pending';
				ctx.judge('recipient.signed', told ? 'confirmed' : 'refuted', `after one signature: A "${String(a?.signed)}", B "${String(b?.signed)}"`);
				await control(ctx, `cases/${id}/sign`);
				const done = await rawCase(ctx, id);
				const entries = (done.signedDocuments as IDataObject[] | undefined) ?? [];
				const good = entries.length > 0 && entries.every((e) => [e.document_id, e.file, e.url].some((v) => typeof v === 'string' && /^https?:\/\//.test(v)));
				ctx.judge('document.signedDocuments', good ? 'confirmed' : 'refuted', `${entries.length} entr(ies) with keys ${Object.keys(entries[0] ?? {}).join(', ')}`);
			},
		},
		{
			name: 'NextSign Trigger: the next poll',
			async run(ctx) {
				const trigger = need(run.trigger, 'the activated trigger');
				const next = await trigger.poll();
				if (next.error) throw next.error;
				if (ctx.sandbox) {
					const signed = (next.items ?? []).filter((i) => i.json.event === 'case_signed' && i.json.caseId === run.caseId);
					if (signed.length !== 1) throw new Error(`expected the case's signing once, got ${JSON.stringify((next.items ?? []).map((i) => [i.json.event, i.json.caseId]))}`);
				}
			},
		},
		{
			name: 'Document → Download Signed (one item per signed file)',
			async run(ctx) {
				const id = need(run.caseId, 'the case');
				if (!ctx.sandbox) ctx.skip('the case is not signed in the test environment (see the signing step)');
				const items = await ctx.runNode('nextSign', { resource: 'document', operation: 'downloadSigned', caseId: locator(id), binaryPropertyName: 'data' });
				const pdfs = items.filter((i) => i.binary?.data && Buffer.from(i.binary.data.data, 'base64').subarray(0, 5).toString('latin1') === '%PDF-');
				if (!items.length || pdfs.length !== items.length) throw new Error(`expected signed PDFs, got ${items.length} item(s), ${pdfs.length} PDF(s)`);
			},
		},
		{
			name: 'A case expires (our sandbox’s control route; the test environment cannot be made to wait)',
			async run(ctx) {
				const id = need(run.secondId, 'the second case');
				if (!ctx.sandbox) ctx.skip('a case expires only after its availability (a day at least), longer than this run');
				await control(ctx, `cases/${id}/expire`);
				const c = await rawCase(ctx, id);
				const availability = ((c.settings as IDataObject | undefined)?.availability ?? {}) as IDataObject;
				ctx.judge('case.expired', availability.isExpired === true ? 'confirmed' : 'refuted', `settings.availability after expiry: ${JSON.stringify(availability)}`);
			},
		},
		{
			name: 'Document → Convert (the uploaded file; the result downloaded through a presigned URL)',
			async run(ctx) {
				const url = need(run.uploadedUrl, 'the uploaded file');
				const items = await ctx.runNode('nextSign', { resource: 'document', operation: 'convert', documents: { document: [{ source: 'url', url, name: `${run.tag}.pdf` }] }, tags: {}, download: true, binaryPropertyName: 'data' }).catch(
					(error: Error) => {
						ctx.judge('convert.output', 'refuted', `convert or its download failed: ${error.message}`);
						throw error;
					},
				);
				const pdf = items.some((i) => i.binary?.data && Buffer.from(i.binary.data.data, 'base64').subarray(0, 5).toString('latin1') === '%PDF-');
				ctx.judge('convert.output', pdf ? 'confirmed' : 'refuted', `${items.length} converted file(s); ${pdf ? 'downloaded as PDF through view-presigned-url' : 'no PDF came out'}`);
			},
		},
		{
			name: 'Form → Submit (the form named by ESIGN_LIVE_NEXTSIGN_FORM_ID)',
			async run(ctx) {
				const formId = ctx.env[V.formId];
				if (!formId) ctx.skip(`${V.formId} is not set`);
				const [listed] = await ctx.runNode('nextSign', { resource: 'form', operation: 'getTags', formId });
				const tags = ((listed?.json.tags as IDataObject[] | undefined) ?? []).map((json) => ({ json }));
				const [out] = await ctx.runNode('nextSign', {
					resource: 'form',
					operation: 'submit',
					formId,
					tags: { tag: tags.map((t) => ({ tag: t.json.tag, type: t.json.type === 'number' || t.json.type === 'date' ? t.json.type : 'text', value: t.json.type === 'number' ? '1' : t.json.type === 'date' ? '2030-01-01' : run.tag })) },
					recipients: { recipient: [{ name: `${run.tag} form recipient`, email: 'live-contract-a@example.com' }] },
					additionalFields: { title: `${run.tag} form` },
					simplify: false,
				});
				const answer = last(ctx.exchanges.filter((e) => e.method === 'POST' && /\/forms\/[^/]+\/submit$/.test(e.path)));
				const contract = (bodyOf(answer).contract ?? {}) as IDataObject;
				if (typeof contract._id === 'string' && contract._id) {
					run.formCaseId = contract._id;
					const id = run.formCaseId;
					ctx.created('case', id, () => deleteCase(ctx, id));
					ctx.judge('submit.answer', 'confirmed', `answered {${Object.keys(bodyOf(answer)).join(', ')}} with contract._id`);
				} else ctx.judge('submit.answer', 'refuted', `answered ${answer?.status} {${Object.keys(bodyOf(answer)).join(', ')}}; contract keys: ${Object.keys(contract).join(', ')}`);
				if (out.json.caseId !== run.formCaseId) throw new Error(`the node put ${String(out.json.caseId)} at the top, NextSign answered ${String(run.formCaseId)}`);
			},
		},
		{
			name: 'Case from the list (the editor’s From List) finds the suite’s cases by their run tag',
			async run(ctx) {
				const node = { ...packageNode('nextSign', { resource: 'case', operation: 'get', caseId: { __rl: true, mode: 'list', value: '' } }, { nextSignApi: 'live-nextSignApi' }), typeVersion: 2 };
				const found = await ctx.engine.listSearch(node, 'searchCases', run.tag);
				const values = found.results.map((r) => r.value);
				if (!values.includes(need(run.caseId, 'the case')) || !values.includes(need(run.secondId, 'the second case'))) throw new Error(`the first page did not show both cases: ${JSON.stringify(found.results).slice(0, 300)}`);
			},
		},
	],
};
