/**
 * Optimaite's live contract suite: an `opt_test_…` key only (Optimaite's sandbox data; a live key is refused before any
 * request), and one case the maintainer names for it (`ESIGN_LIVE_OPTIMAITE_CASE_ID`). In that case it uploads its own
 * documents (file names carry a run tag), creates envelopes over them with Send Emails off and `live-contract-…@example.com`
 * signers, promotes one into a draft, lists, downloads and polls, judges every entry of OPTIMAITE_GUESSES, and deletes
 * the documents it uploaded. Optimaite's API cannot delete or void an envelope, so the envelopes (never emailed) stay
 * in that case. Nothing else is changed; the only other records it reads are lists.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { OPTIMAITE_GUESSES } from '../../../nodes/Optimaite/transport';
import type { LiveContext, LiveSuite } from '../framework';
import { packageNode } from '../framework';
import type { Exchange } from '../proxy';

const KEY = 'ESIGN_LIVE_OPTIMAITE_API_KEY';
const CASE = 'ESIGN_LIVE_OPTIMAITE_CASE_ID';
const BASE = 'ESIGN_LIVE_OPTIMAITE_BASE_URL';
const PRODUCTION = 'https://api.optimaite.eu/api/v1';
/** The sandbox's own case for the suite (our sandbox seeds it). */
const SANDBOX_CASE = '550e8400-e29b-41d4-a716-446655440000';

interface RunState {
	tag: string;
	caseId: string;
	proxy?: string;
	documentId?: string;
	secondDocumentId?: string;
	envelopeId?: string;
	trigger?: ReturnType<LiveContext['trigger']>;
}
const run: RunState = { tag: '', caseId: '' };

const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const last = <T>(list: readonly T[]) => list[list.length - 1];
const bodyOf = (e: Exchange | undefined): IDataObject => (e?.responseBody && typeof e.responseBody === 'object' ? (e.responseBody as IDataObject) : {});
const rowsOf = (e: Exchange | undefined): IDataObject[] => (Array.isArray(bodyOf(e).data) ? (bodyOf(e).data as IDataObject[]) : []);
const long = (n: number, start: string, end = '') => (start + 'x'.repeat(n)).slice(0, n - end.length) + end;

function need<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
	return value;
}

const signers = (names = ['live-contract signer A', 'live-contract signer B']) => ({
	signer: names.map((name, n) => ({ name, email: `live-contract-${'ab'[n] ?? n}@example.com`, role: 'signer' })),
});

async function upload(ctx: LiveContext, fileName: string): Promise<string> {
	const [doc] = await ctx.runNode('optimaite', { resource: 'document', operation: 'upload', caseId: locator(run.caseId), binaryPropertyName: 'data', options: { fileName } }, [ctx.pdf(fileName)]);
	const id = String(doc.json.documentId ?? '');
	if (!id) throw new Error(`no document ID in ${JSON.stringify(doc.json).slice(0, 300)}`);
	return id;
}

async function deleteDocument(ctx: LiveContext, id: string) {
	await ctx.runNode('optimaite', { resource: 'document', operation: 'delete', documentId: locator(id) });
}

async function createEnvelope(ctx: LiveContext, title: string, documentIds: string[], extra: IDataObject = {}): Promise<INodeExecutionData> {
	const [created] = await ctx.runNode('optimaite', {
		resource: 'envelope',
		operation: 'create',
		caseId: locator(run.caseId),
		title,
		documentIds,
		signers: signers(),
		signingOrder: 'sequential',
		sendEmails: false,
		simplify: false,
		...extra,
	});
	return created;
}

/** The sandbox's signer action (only with --sandbox): the next signer signs. */
async function sandboxSign(ctx: LiveContext, envelopeId: string) {
	const res = await fetch(`${need(ctx.sandboxServer, 'the sandbox').origin}/_control/optimaite/envelopes/${envelopeId}/sign`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
	if (!res.ok) throw new Error(`the sandbox's sign route answered ${res.status}: ${await res.text()}`);
}

/** The sandbox's switch for what the docs leave open (only with --sandbox). */
async function sandboxOptions(ctx: LiveContext, options: IDataObject) {
	const res = await fetch(`${need(ctx.sandboxServer, 'the sandbox').origin}/_control/optimaite/options`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(options),
	});
	if (!res.ok) throw new Error(`the sandbox's options route answered ${res.status}: ${await res.text()}`);
}

export const optimaiteSuite: LiveSuite = {
	provider: 'optimaite',
	displayName: 'Optimaite',
	env: [
		{ name: KEY, what: 'A workspace API key for sandbox data (`opt_test_…`, never `opt_live_…`) with documents:read, documents:write, documents:delete and cases:read', secret: true },
		{ name: CASE, what: 'The ID of a case in that workspace the suite may add documents and (unsent) envelopes to' },
		{ name: BASE, what: `API base URL (default ${PRODUCTION}; test keys use sandbox data there)`, optional: true },
	],
	assertTestEnvironment(env) {
		if (!String(env[KEY]).startsWith('opt_test_')) throw new Error(`${KEY} must be a test key (opt_test_…): a live key would act on real data`);
		if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(env[CASE] ?? ''))) throw new Error(`${CASE} must be the UUID of the case the suite may use`);
		const base = env[BASE];
		if (base && !/^https:\/\//.test(base) && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(base)) throw new Error(`${BASE} must be https (or a loopback address)`);
	},
	describeEnvironment: (env) => `${env[BASE] ?? PRODUCTION} with an opt_test_ key, case ${env[CASE]}`,
	upstreams: (env) => ({ optimaite: env[BASE] ?? PRODUCTION }),
	sandboxEnv: (sandbox) => ({ [KEY]: 'opt_test_sandbox', [CASE]: SANDBOX_CASE, [BASE]: `${sandbox.url('optimaite')}/api/v1` }),
	credentials(env, proxy) {
		run.proxy = proxy('optimaite');
		return { optimaiteApi: { apiKey: env[KEY]!, environment: 'custom', baseUrl: proxy('optimaite') } };
	},
	guesses: OPTIMAITE_GUESSES,
	steps: [
		{
			name: 'Credential test',
			async run(ctx) {
				Object.assign(run, { tag: `live-contract-${Date.now().toString(36)}`, caseId: String(ctx.env[CASE]), documentId: undefined, secondDocumentId: undefined, envelopeId: undefined, trigger: undefined });
				const result = await ctx.testCredential('optimaiteApi');
				if (result.status !== 'OK') throw new Error(result.message);
			},
		},
		{
			name: 'Optimaite Trigger: first poll of the suite’s case (remembers what exists, fires nothing)',
			async run(ctx) {
				run.trigger = ctx.trigger('optimaiteTrigger', { watch: 'cases', caseIds: run.caseId, events: ['completed', 'signerSigned'], maxRequests: 5 });
				const first = await run.trigger.poll();
				if (first.error) throw first.error;
				if (first.items) throw new Error(`the first poll fired ${first.items.length} item(s)`);
			},
		},
		{
			name: 'Document → Upload (two PDFs into the case)',
			async run(ctx) {
				run.documentId = await upload(ctx, `${run.tag}-contract.pdf`);
				const first = run.documentId;
				ctx.created('document', first, () => deleteDocument(ctx, first));
				run.secondDocumentId = await upload(ctx, `${run.tag}-annex.pdf`);
				const second = run.secondDocumentId;
				ctx.created('document', second, () => deleteDocument(ctx, second));
			},
		},
		{
			name: 'Document → Upload at our maximum file name length, then Document → Delete',
			async run(ctx) {
				const id = await upload(ctx, long(255, `${run.tag}-limits-`, '.pdf')).catch((error: Error) => {
					ctx.judge('limit.title', 'refuted', `a 255-character file name was refused: ${error.message}`);
					throw error;
				});
				await deleteDocument(ctx, id);
				const answer = last(ctx.exchanges.filter((e) => e.method === 'DELETE' && e.path === `/documents/${id}`));
				ctx.judge('answer.delete', answer && answer.status < 300 ? 'confirmed' : 'refuted', `DELETE /documents/${id} → ${answer?.status} ${JSON.stringify(answer?.responseBody ?? '').slice(0, 100)}`);
			},
		},
		{
			name: 'Signing Envelope → Create (two signers, sequential, Send Emails off, title and names at our maximum length)',
			async run(ctx) {
				const title = long(255, `${run.tag} contract `);
				const created = await createEnvelope(ctx, title, [need(run.documentId, 'the document')], {
					signers: signers([long(255, 'live-contract signer A '), 'live-contract signer B']),
				}).catch((error: Error) => {
					ctx.judge('limit.title', 'refuted', `a 255-character title and signer name were refused: ${error.message}`);
					throw error;
				});
				run.envelopeId = String(created.json.id ?? '');
				if (!run.envelopeId) throw new Error(`no envelope ID in ${JSON.stringify(created.json).slice(0, 300)}`);
				ctx.judge('limit.title', 'confirmed', `envelope ${run.envelopeId} created with a 255-character title and signer name; a 255-character file name was uploaded`);
				const status = String(created.json.status);
				ctx.judge('status.afterCreate', status === 'sent' ? 'confirmed' : 'refuted', `a created envelope (send_emails false) is "${status}"`);
			},
		},
		{
			name: 'Signing Envelope → Create with signing order "parallel"',
			async run(ctx) {
				const created = await createEnvelope(ctx, `${run.tag} parallel`, [need(run.secondDocumentId, 'the second document')], { signingOrder: 'parallel' }).catch((error: Error) => {
					ctx.judge('value.parallel', 'refuted', `signing_order "parallel" was refused: ${error.message}`);
					return undefined;
				});
				if (created) ctx.judge('value.parallel', 'confirmed', `envelope ${String(created.json.id)} created with signing_order "parallel" (status ${String(created.json.status)})`);
			},
		},
		{
			name: 'Signing Envelope → Create with the roles Approver and CC',
			async run(ctx) {
				// Our sandbox reads the docs strictly (only "signer" is shown): here it is told to take the two roles, as
				// an API that knew them would, so the probe itself is exercised; live, Optimaite decides.
				if (ctx.sandbox) await sandboxOptions(ctx, { extraRoles: ['approver', 'cc'] });
				const created = await createEnvelope(ctx, `${run.tag} roles`, [need(run.secondDocumentId, 'the second document')], {
					signers: {
						signer: [
							{ name: 'live-contract approver', email: 'live-contract-approver@example.com', role: 'approver' },
							{ name: 'live-contract cc', email: 'live-contract-cc@example.com', role: 'cc' },
						],
					},
				}).catch((error: Error & { description?: string }) => {
					ctx.judge('value.role', 'refuted', `roles approver and cc were refused: ${error.message} ${error.description ?? ''}`.trim());
					return undefined;
				});
				if (created) ctx.judge('value.role', 'confirmed', `envelope ${String(created.json.id)} created with roles approver and cc`);
			},
		},
		{
			name: 'Signing Envelope → Promote Documents (a draft)',
			async run(ctx) {
				const [draft] = await ctx.runNode('optimaite', {
					resource: 'envelope',
					operation: 'promote',
					caseId: locator(run.caseId),
					documentIds: [need(run.secondDocumentId, 'the second document')],
					title: `${run.tag} draft`,
					simplify: false,
				});
				const ok = typeof draft.json.id === 'string' && draft.json.status === 'draft';
				ctx.judge('answer.promote', ok ? 'confirmed' : 'refuted', `the answer's fields: ${Object.keys(draft.json).join(', ')}; status ${String(draft.json.status)}`);
			},
		},
		{
			name: 'Signing Envelope → Get Many (the case’s envelope list)',
			async run(ctx) {
				const items = await ctx.runNode('optimaite', { resource: 'envelope', operation: 'getMany', caseId: locator(run.caseId), returnAll: true, simplify: false });
				const answer = last(ctx.exchanges.filter((e) => e.method === 'GET' && e.path === `/cases/${run.caseId}/signed-documents`));
				ctx.judgePath('scope.signedDocuments', 'GET', /^\/cases\/[^/]+\/signed-documents$/);
				const ours = rowsOf(answer).find((r) => r.id === run.envelopeId);
				if (!ours) throw new Error(`the list did not show envelope ${run.envelopeId} (${items.length} envelopes)`);
				const signerRows = Array.isArray(ours.signers) ? (ours.signers as IDataObject[]) : [];
				const usable = typeof ours.title === 'string' && typeof ours.status === 'string' && signerRows.length === 2 && signerRows.every((s) => typeof s.name === 'string' && typeof s.status === 'string' && 'signed_at' in s);
				ctx.judge(
					'list.envelopeShape',
					usable ? 'confirmed' : 'refuted',
					`entry fields: ${Object.keys(ours).join(', ')}; signer fields: ${[...new Set(signerRows.flatMap((s) => Object.keys(s)))].join(', ')}`,
				);
			},
		},
		{
			name: 'The signers sign (our sandbox’s control route; in Optimaite a person signs through the magic link)',
			async run(ctx) {
				const id = need(run.envelopeId, 'the envelope');
				if (!ctx.sandbox) ctx.skip('signing needs a person to open the magic link, and the suite sends no emails: the envelope stays unsigned');
				await sandboxSign(ctx, id);
				await sandboxSign(ctx, id);
			},
		},
		{
			name: 'Optimaite Trigger: the next poll',
			async run(ctx) {
				const next = await need(run.trigger, 'the activated trigger').poll();
				if (next.error) throw next.error;
				if (ctx.sandbox) {
					const ours = (next.items ?? []).filter((i) => i.json.envelopeId === run.envelopeId).map((i) => String(i.json.event)).sort();
					if (JSON.stringify(ours) !== JSON.stringify(['envelope.completed', 'signer.signed', 'signer.signed'])) throw new Error(`expected the completion and two signatures once, got ${JSON.stringify(ours)}`);
				}
			},
		},
		{
			name: 'Signing Envelope → Download Signed Documents',
			async run(ctx) {
				const id = need(run.envelopeId, 'the envelope');
				if (!ctx.sandbox) ctx.skip('the envelope is not signed (see above), so there is no signed copy to find');
				const items = await ctx.runNode('optimaite', { resource: 'envelope', operation: 'downloadSigned', caseId: locator(run.caseId), envelopeId: locator(id), binaryPropertyName: 'data' });
				// The signed copies are stored in the case by the signing: the suite removes them too.
				for (const item of items) {
					const documentId = String(item.json.documentId);
					ctx.created('signed copy', documentId, () => deleteDocument(ctx, documentId));
				}
				const pdf = items.every((i) => i.binary?.data && Buffer.from(i.binary.data.data, 'base64').subarray(0, 5).toString('latin1') === '%PDF-');
				const notOurs = items.every((i) => i.json.documentId !== run.documentId && i.json.documentId !== run.secondDocumentId);
				ctx.judge('signed.match', items.length === 1 && pdf && notOurs ? 'confirmed' : 'refuted', `${items.length} file(s) found for an envelope over one document: ${items.map((i) => `${String(i.json.fileName)} (${String(i.json.documentId)})`).join(', ')}`);
				ctx.judgePath('documents.caseFilter', 'GET', /^\/documents$/);
			},
		},
		{
			name: 'Document from the list (the editor’s From List: the case’s documents)',
			async run(ctx) {
				const node = { ...packageNode('optimaite', { resource: 'document', operation: 'get', caseId: locator(run.caseId), documentId: { __rl: true, mode: 'list', value: '' } }, { optimaiteApi: 'live-optimaiteApi' }), typeVersion: 2 };
				const found = await ctx.engine.listSearch(node, 'searchDocuments', run.tag);
				const values = found.results.map((r) => String(r.value));
				if (!values.includes(need(run.documentId, 'the document')) || !values.includes(need(run.secondDocumentId, 'the second document'))) throw new Error(`the list did not show both documents: ${JSON.stringify(found.results)}`);
				const answer = last(ctx.exchanges.filter((e) => e.method === 'GET' && e.path === '/documents' && e.query.includes('case_id=')));
				const others = rowsOf(answer).filter((d) => d.case_id !== undefined && d.case_id !== run.caseId);
				ctx.judge('documents.caseFilter', answer && answer.status < 300 && !others.length ? 'confirmed' : 'refuted', `GET /documents${answer?.query ?? ''} → ${answer?.status}: ${rowsOf(answer).length} documents, ${others.length} of another case`);
			},
		},
		{
			name: 'Case → Get Many, one a page, and the next page through the cursor (the editor’s From List)',
			async run(ctx) {
				const one = await ctx.runNode('optimaite', { resource: 'case', operation: 'getMany', returnAll: false, limit: 1, filters: {} });
				if (one.length !== 1) throw new Error(`asked for 1 case, got ${one.length}`);
				const answer = last(ctx.exchanges.filter((e) => e.method === 'GET' && e.path === '/cases'));
				const body = bodyOf(answer);
				const cursor = body.next_cursor;
				if (typeof cursor !== 'string' || !cursor) {
					const fields = Object.keys(body).join(', ');
					// With one case only, no answer needs to name a next page.
					const two = await ctx.runNode('optimaite', { resource: 'case', operation: 'getMany', returnAll: false, limit: 2, filters: {} });
					if (two.length < 2) ctx.skip(`the workspace has one case: no second page to read (the answer's fields: ${fields})`);
					ctx.judge('field.cursor', 'refuted', `a page of 1 of several cases has the fields ${fields}, next_cursor ${JSON.stringify(cursor ?? null)}`);
					return;
				}
				const node = { ...packageNode('optimaite', { resource: 'case', operation: 'get', caseId: { __rl: true, mode: 'list', value: '' } }, { optimaiteApi: 'live-optimaiteApi' }), typeVersion: 2 };
				const page = await ctx.engine.listSearch(node, 'searchCases', undefined, cursor);
				const next = last(ctx.exchanges.filter((e) => e.method === 'GET' && e.path === '/cases'));
				const repeated = page.results.some((r) => r.value === one[0].json.caseId);
				ctx.judge('field.cursor', next.status < 300 && page.results.length && !repeated ? 'confirmed' : 'refuted', `next_cursor → GET /cases${next.query} → ${next.status}, ${page.results.length} case(s)${repeated ? ', repeating the first page' : ''}`);
			},
		},
		{
			name: 'An invalid key is answered 401 with the documented error body',
			async run(ctx) {
				const res = await fetch(`${need(run.proxy, 'the proxy')}/documents`, { headers: { Authorization: 'Bearer opt_test_live-contract-invalid', Accept: 'application/json' } });
				const text = await res.text();
				let error: IDataObject | undefined;
				try {
					error = (JSON.parse(text) as IDataObject).error as IDataObject | undefined;
				} catch {
					error = undefined;
				}
				const documented = res.status === 401 && typeof error?.code === 'string' && typeof error?.message === 'string';
				ctx.judge('error.401', documented ? 'confirmed' : 'refuted', `GET /documents with an invalid key → ${res.status} ${text.slice(0, 200)}`);
			},
		},
	],
};
