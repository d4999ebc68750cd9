/**
 * The Optimaite nodes in the editor (node and trigger version 2): records picked from lists (through the editor's
 * listSearch / loadOptions calls), forms, Simplify, Create From Files, documentation links — and version 1 workflows
 * saved before, running unchanged.
 */
import type { INodeProperties } from 'n8n-workflow';

import { makePdf } from '../../sandbox/server';
import { fileItem, single, trigger } from '../helpers';
import { CASE, CLOSED_CASE, OTHER_CASE, optimaite, optimaiteEnv, optimaiteTrigger, sentEnvelope, state } from './env';

const env = optimaiteEnv();

const v2 = (parameters: Record<string, unknown>, name = 'Optimaite') => ({ ...optimaite(parameters, name), typeVersion: 2 });
const v2Trigger = (parameters: Record<string, unknown>) => ({ ...optimaiteTrigger(parameters), typeVersion: 2 });
const pick = (value: string, mode = 'list') => ({ __rl: true, mode, value });
const reads = () => env.sandbox.requestsFor('optimaite').map((r) => `${r.method} ${r.path}${r.search}`);

type Described = { description: { version: number | number[]; defaultVersion?: number; documentationUrl?: string; properties: INodeProperties[] } };
const described = (type: string) => (env.engine.nodeType(`n8n-nodes-esign.${type}`) as unknown as Described).description;
/** The properties the editor shows for `values` in `version` (n8n's own display rules). */
function shown(type: string, version: number, values: Record<string, unknown>): INodeProperties[] {
	return described(type).properties.filter((p) => {
		const show = p.displayOptions?.show ?? {};
		return Object.entries(show).every(([key, allowed]) => {
			if (key === '@version') {
				return (allowed as Array<{ _cnd: { gte?: number; lt?: number } }>).every((c) => (c._cnd.gte === undefined || version >= c._cnd.gte) && (c._cnd.lt === undefined || version < c._cnd.lt));
			}
			return (allowed as unknown[]).includes(values[key]);
		});
	});
}

/** The fields of a form below Resource and Operation (and the trigger's Poll Times). */
const form = (type: string, version: number, values: Record<string, unknown>) =>
	shown(type, version, values).filter((p) => !['resource', 'operation', 'pollTimes'].includes(p.name));

beforeAll(async () => {
	await env.engine.load();
});

describe('Optimaite in the editor (version 2)', () => {
	test('the node and the trigger are versions 1 and 2 (2 for new nodes); node, trigger and credential link to the README section', () => {
		for (const type of ['optimaite', 'optimaiteTrigger']) {
			expect(described(type)).toMatchObject({ version: [1, 2], defaultVersion: 2, documentationUrl: 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#optimaite' });
		}
		expect(env.engine.credentialType('optimaiteApi')?.documentationUrl).toBe('https://github.com/n8n-nodes-esign/n8n-nodes-esign#optimaite');
	});

	test('case, document and envelope are picked From List (first) or By ID; no By URL (no source shows Optimaite’s web addresses)', () => {
		const create = form('optimaite', 2, { resource: 'envelope', operation: 'downloadSigned' });
		for (const name of ['caseId', 'envelopeId']) {
			const field = create.find((p) => p.name === name)!;
			expect(field.type).toBe('resourceLocator');
			expect(field.default).toEqual({ mode: 'list', value: '' });
			expect(field.modes!.map((m) => m.name)).toEqual(['list', 'id']);
		}
		expect(create.map((p) => p.displayName)).toEqual(['Case', 'Envelope', 'Put Output File in Field', expect.stringMatching(/^Optimaite’s API does not link/)]);
		const download = shown('optimaite', 2, { resource: 'document', operation: 'download' }).find((p) => p.name === 'documentId')!;
		expect([download.displayName, download.type, download.modes![0].typeOptions?.searchListMethod]).toEqual(['Document', 'resourceLocator', 'searchDocuments']);
		// Version 1 keeps its text fields.
		expect(form('optimaite', 1, { resource: 'envelope', operation: 'downloadSigned' }).map((p) => [p.displayName, p.type])).toEqual([
			['Case ID', 'string'],
			['Envelope ID', 'string'],
			['Put Output File in Field', 'string'],
			[expect.stringMatching(/^Optimaite’s API/), 'notice'],
		]);
	});

	test('Create: the form in the order it is filled — case, title, documents (multi-pick), signers with one empty row (name, email, role)', () => {
		const fields = form('optimaite', 2, { resource: 'envelope', operation: 'create' });
		expect(fields.map((p) => p.displayName)).toEqual(['Case', 'Title', 'Document Names or IDs', 'Signers', 'Signing Order', 'Send Emails', 'Simplify']);
		const docs = fields.find((p) => p.name === 'documentIds')!;
		expect([docs.type, docs.typeOptions]).toEqual(['multiOptions', { loadOptionsMethod: 'getCaseDocuments', loadOptionsDependsOn: ['caseId.value'] }]);
		const signers = fields.find((p) => p.name === 'signers')!;
		expect(signers.default).toEqual({ signer: [{ name: '', email: '', role: 'signer' }] });
		expect((signers.options![0] as { values: INodeProperties[] }).values.map((v) => v.displayName)).toEqual(['Name', 'Email', 'Role']);
		// Version 1 starts without a row, as saved workflows have it.
		expect(shown('optimaite', 1, { resource: 'envelope', operation: 'create' }).find((p) => p.name === 'signers')!.default).toEqual({});
	});

	test('the one-step send is in the list next to Create, and every action reads as a sentence', () => {
		const ops = shown('optimaite', 2, { resource: 'envelope' }).find((p) => p.name === 'operation')!;
		expect(ops.options!.map((o) => (o as { name: string }).name)).toEqual(['Create', 'Create From Files', 'Download Signed Documents', 'Get Many', 'Promote Documents']);
		expect((ops.options![1] as { action: string; description: string })).toMatchObject({
			action: 'Create a signing envelope from files',
			description: 'In one step: upload files from binary fields to the case and send them for signature',
		});
	});

	test('From List: cases searched by Optimaite (name or file number), 50 a page, the cursor as the next page token', async () => {
		for (let n = 0; n < 55; n++) state(env).addCase({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Lease ${n}`, file_number: `L-${n}` });
		const node = v2({ resource: 'case', operation: 'get', caseId: pick('') });
		const first = await env.engine.listSearch(node, 'searchCases');
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({ name: 'Smith v. Jones -- Employment Dispute (AZ-2026-042)', value: CASE });
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await env.engine.listSearch(node, 'searchCases', undefined, first.paginationToken);
		expect(second.results).toHaveLength(8);
		expect(second.paginationToken).toBeUndefined();
		const found = await env.engine.listSearch(node, 'searchCases', 'AZ-2026-043');
		expect(found.results).toEqual([{ name: 'Supplier NDA (AZ-2026-043)', value: OTHER_CASE }]);
		expect(reads()).toEqual([
			'GET /api/v1/cases?limit=50',
			`GET /api/v1/cases?limit=50&cursor=${first.paginationToken}`,
			'GET /api/v1/cases?search=AZ-2026-043&limit=50',
		]);
	});

	test('From List: documents of the chosen case (or, without a case, of the workspace), narrowed by file name', async () => {
		const a = state(env).storeDocument(CASE, 'lease.pdf', 'application/pdf', makePdf('a'), Date.parse('2026-03-10T08:30:00Z'));
		const b = state(env).storeDocument(OTHER_CASE, 'nda.pdf', 'application/pdf', makePdf('b'), Date.parse('2026-03-11T08:30:00Z'));
		const inCase = await env.engine.listSearch(v2({ resource: 'document', operation: 'upload', caseId: pick(CASE) }), 'searchDocuments');
		expect(inCase.results).toEqual([{ name: 'lease.pdf — 2026-03-10', value: a.id }]);
		const all = await env.engine.listSearch(v2({ resource: 'document', operation: 'get', documentId: pick('') }), 'searchDocuments', 'NDA');
		expect(all.results).toEqual([{ name: 'nda.pdf — 2026-03-11', value: b.id }]);
		expect(reads()).toEqual([`GET /api/v1/documents?case_id=${CASE}&limit=50`, 'GET /api/v1/documents?limit=50']);
	});

	test('the multi-pick of Create lists the chosen case’s documents; without a case, or with an expression, it says what to do', async () => {
		const a = state(env).storeDocument(CASE, 'a.pdf', 'application/pdf', makePdf('a'), Date.parse('2026-03-10T08:30:00Z'));
		state(env).storeDocument(OTHER_CASE, 'other.pdf', 'application/pdf', makePdf('o'));
		const options = await env.engine.loadOptions(v2({ resource: 'envelope', operation: 'create', caseId: pick(CASE, 'id') }), 'getCaseDocuments');
		expect(options).toEqual([{ name: 'a.pdf — 2026-03-10', value: a.id, description: 'application/pdf' }]);
		expect(reads()).toEqual([`GET /api/v1/documents?case_id=${CASE}&limit=100`]);
		await expect(env.engine.loadOptions(v2({ resource: 'envelope', operation: 'create', caseId: pick('') }), 'getCaseDocuments')).rejects.toThrow(
			'Choose the case first: the list shows that case’s documents',
		);
		await expect(env.engine.loadOptions(v2({ resource: 'envelope', operation: 'create', caseId: pick('={{ $json.caseId }}', 'id') }), 'getCaseDocuments')).rejects.toThrow(
			/The case is an expression/,
		);
	});

	test('From List: a case’s envelopes, with title and status, narrowed by title', async () => {
		const e = sentEnvelope(env, CASE, ['a@example.com'], 'lease.pdf');
		sentEnvelope(env, CASE, ['b@example.com'], 'nda.pdf');
		const node = v2({ resource: 'envelope', operation: 'downloadSigned', caseId: pick(CASE), envelopeId: pick('') });
		const found = await env.engine.listSearch(node, 'searchEnvelopes', 'lease');
		expect(found).toEqual({ results: [{ name: 'Envelope for lease.pdf — sent', value: e.id }] });
		expect(reads()).toEqual([`GET /api/v1/cases/${CASE}/signed-documents`]);
	});

	test('Create with picked records sends the documented body; Simplify (on by default) gives the envelope in camelCase, off the raw answer', async () => {
		const a = state(env).storeDocument(CASE, 'a.pdf', 'application/pdf', makePdf('a'));
		const b = state(env).storeDocument(CASE, 'b.pdf', 'application/pdf', makePdf('b'));
		const params = {
			resource: 'envelope',
			operation: 'create',
			caseId: pick(CASE),
			title: 'Lease',
			documentIds: [a.id, b.id],
			signers: { signer: [{ name: 'Ann', email: 'ann@example.com', role: 'signer' }] },
		};
		const result = await env.engine.run(single(v2(params)));
		expect(result.error()).toBeUndefined();
		const [req] = env.sandbox.requestsFor('optimaite');
		expect([req.method, req.path, req.body]).toEqual([
			'POST',
			`/api/v1/cases/${CASE}/signing-envelopes`,
			{ title: 'Lease', document_ids: [a.id, b.id], signers: [{ name: 'Ann', email: 'ann@example.com', role: 'signer' }], signing_order: 'sequential', send_emails: true },
		]);
		const created = [...state(env).envelopes.values()][0];
		expect(result.output('Optimaite')[0].json).toEqual({
			envelopeId: created.id,
			caseId: CASE,
			title: 'Lease',
			status: 'sent',
			signers: [{ signerId: created.signers[0].id, name: 'Ann', email: 'ann@example.com', role: 'signer', status: 'pending', signedAt: null }],
			documents: [
				{ documentId: a.id, fileName: 'a.pdf' },
				{ documentId: b.id, fileName: 'b.pdf' },
			],
			createdAt: created.created_at,
			completedAt: null,
		});
		const raw = await env.engine.run(single(v2({ ...params, simplify: false })));
		expect(Object.keys(raw.output('Optimaite')[0].json).sort()).toEqual(['case_id', 'completed_at', 'created_at', 'documents', 'id', 'signers', 'status', 'title']);
	});

	test('document IDs from an expression still work (an array or comma-separated text)', async () => {
		const a = state(env).storeDocument(CASE, 'a.pdf', 'application/pdf', makePdf('a'));
		const b = state(env).storeDocument(CASE, 'b.pdf', 'application/pdf', makePdf('b'));
		const signers = { signer: [{ name: 'Ann', email: 'ann@example.com' }] };
		const run = (documentIds: unknown) => env.engine.run(single(v2({ resource: 'envelope', operation: 'promote', caseId: pick('={{ $json.c }}', 'id'), documentIds, title: 'Draft', signers })), [{ json: { c: CASE, ids: [a.id, b.id] } }]);
		expect((await run('={{ $json.ids }}')).error()).toBeUndefined();
		expect((await run(`={{ "${a.id}, ${b.id}" }}`)).error()).toBeUndefined();
		expect(env.sandbox.requestsFor('optimaite').map((r) => r.body)).toEqual(Array(2).fill({ case_id: CASE, document_ids: [a.id, b.id], title: 'Draft' }));
	});

	test('validation names the fields as version 2 labels them', async () => {
		// Typed By ID, n8n itself checks the form (a UUID) before running; from an expression, the node does.
		const typed = await env.engine.run(single(v2({ resource: 'envelope', operation: 'getMany', caseId: pick('a b', 'id'), returnAll: true })));
		expect(typed.error()?.message).toMatch(/Not a valid Case ID/);
		const result = await env.engine.run(single(v2({ resource: 'envelope', operation: 'getMany', caseId: pick('={{ "a b" }}', 'id'), returnAll: true })));
		expect(result.error()?.message).toBe('Invalid "Case" must not contain spaces or slashes [item 0]');
		const none = await env.engine.run(single(v2({ resource: 'envelope', operation: 'create', caseId: pick(CASE), title: 'T', documentIds: '={{ [] }}', signers: { signer: [{ name: 'A', email: 'a@example.com' }] } })));
		expect(none.error()?.message).toBe('Invalid "Document Names or IDs" needs at least 1 entry [item 0]');
		const email = await env.engine.run(
			single(v2({ resource: 'envelope', operation: 'create', caseId: pick(CASE), title: 'T', documentIds: ['doc_1'], signers: { signer: [{ name: 'A', email: 'a@example.com' }, { name: 'B', email: 'b@' }] } })),
		);
		expect(email.error()?.message).toBe('Invalid "Email" (signer 2) must be a valid email address [item 0]');
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(0);
	});

	test('Simplify on documents and cases: the fields a workflow needs, the same names everywhere', async () => {
		const pdf = makePdf('x');
		const up = await env.engine.run(single(v2({ resource: 'document', operation: 'upload', caseId: pick(CASE), binaryPropertyName: 'data' })), [fileItem(pdf, 'lease.pdf')]);
		const doc = [...state(env).documents.values()][0];
		expect(up.output('Optimaite')[0].json).toEqual({
			documentId: doc.id,
			fileName: 'lease.pdf',
			mimeType: 'application/pdf',
			sizeBytes: pdf.length,
			status: 'processed',
			caseId: CASE,
			folderId: null,
			parties: [],
			createdAt: doc.created_at,
			updatedAt: doc.updated_at,
		});
		const got = await env.engine.run(single(v2({ resource: 'document', operation: 'get', documentId: pick(doc.id) })));
		expect(got.output('Optimaite')[0].json).toEqual(up.output('Optimaite')[0].json);
		const one = await env.engine.run(single(v2({ resource: 'case', operation: 'get', caseId: pick(CASE) })));
		expect(one.output('Optimaite')[0].json).toEqual({
			caseId: CASE,
			name: 'Smith v. Jones -- Employment Dispute',
			fileNumber: 'AZ-2026-042',
			status: 'active',
			type: 'litigation',
			description: '',
			parties: [],
			staff: [],
			createdAt: '2026-01-05T09:00:00.000Z',
			updatedAt: '2026-01-05T09:00:00.000Z',
		});
		const many = await env.engine.run(single(v2({ resource: 'case', operation: 'getMany', returnAll: true, filters: { status: 'closed' } })));
		expect(many.output('Optimaite').map((i) => [i.json.caseId, i.json.fileNumber])).toEqual([[CLOSED_CASE, 'AZ-2025-007']]);
		const deleted = await env.engine.run(single(v2({ resource: 'document', operation: 'delete', documentId: pick(doc.id, 'id') })));
		expect(deleted.output('Optimaite')[0].json).toEqual({ documentId: doc.id, deleted: true });
	});

	test('Get Many envelopes, simplified: the list’s fields, a completion time from the last signature, unknown fields null', async () => {
		const e = sentEnvelope(env);
		state(env).sign(e.id);
		const result = await env.engine.run(single(v2({ resource: 'envelope', operation: 'getMany', caseId: pick(CASE), returnAll: true })));
		const signedAt = state(env).envelopes.get(e.id)!.signers[0].signed_at;
		expect(result.output('Optimaite')[0].json).toEqual({
			envelopeId: e.id,
			caseId: CASE,
			title: e.title,
			status: 'completed',
			signers: [{ signerId: null, name: 'a', email: null, role: null, status: 'signed', signedAt }],
			documents: null,
			createdAt: null,
			completedAt: signedAt,
		});
	});
});

describe('Signing Envelope → Create From Files', () => {
	const params = (over: Record<string, unknown> = {}) => ({
		resource: 'envelope',
		operation: 'createFromFiles',
		caseId: pick(CASE),
		title: 'Lease',
		binaryPropertyNames: 'data, appendix',
		signers: { signer: [{ name: 'Ann', email: 'ann@example.com', role: 'signer' }] },
		signingOrder: 'sequential',
		...over,
	});
	const input = () => {
		const item = fileItem(makePdf('main'), 'lease.pdf');
		item.binary!.appendix = fileItem(makePdf('appendix'), 'appendix.pdf').binary!.data;
		return [item];
	};

	test('uploads each file to the case, then creates the envelope over them', async () => {
		const result = await env.engine.run(single(v2(params())), input());
		expect(result.error()).toBeUndefined();
		const [up1, up2, create] = env.sandbox.requestsFor('optimaite');
		expect([up1.method, up1.path, up1.parts?.map((p) => [p.name, p.filename ?? p.value])]).toEqual(['POST', '/api/v1/documents', [['file', 'lease.pdf'], ['case_id', CASE]]]);
		expect(up2.parts?.map((p) => [p.name, p.filename ?? p.value])).toEqual([['file', 'appendix.pdf'], ['case_id', CASE]]);
		const [lease, appendix] = [...state(env).documents.values()];
		expect([create.method, create.path, create.body]).toEqual([
			'POST',
			`/api/v1/cases/${CASE}/signing-envelopes`,
			{ title: 'Lease', document_ids: [lease.id, appendix.id], signers: [{ name: 'Ann', email: 'ann@example.com', role: 'signer' }], signing_order: 'sequential', send_emails: true },
		]);
		expect(result.output('Optimaite')[0].json).toMatchObject({ status: 'sent', caseId: CASE, documents: [{ documentId: lease.id, fileName: 'lease.pdf' }, { documentId: appendix.id, fileName: 'appendix.pdf' }] });
	});

	test('a missing binary field is named before anything is sent', async () => {
		const result = await env.engine.run(single(v2(params({ binaryPropertyNames: 'data, contract' }))), input());
		expect(result.error()?.message).toBe('The input item has no file in "contract" (named in "Input Binary Fields") [item 0]');
		expect(result.error()?.description).toBe("The item's binary fields are: data, appendix. Name the fields that hold the files to sign.");
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(0);
	});

	test('when the envelope cannot be created, the uploaded documents are named (and given with Continue On Fail)', async () => {
		const result = await env.engine.run(
			single({ ...v2(params({ signers: { signer: [{ name: 'Ann', email: 'ann@example.com', role: 'cc' }] } })), continueOnFail: true }),
			input(),
		);
		const [lease, appendix] = [...state(env).documents.values()];
		const out = result.output('Optimaite')[0].json;
		expect(out).toMatchObject({ error: expect.stringMatching(/^Optimaite rejected the request \(400\)/), caseId: CASE, uploadedDocumentIds: [lease.id, appendix.id] });
		expect(out.description).toMatch(new RegExp(`Uploaded to case ${CASE} before this failed: lease.pdf \\(${lease.id}\\), appendix.pdf \\(${appendix.id}\\)`));
		expect(state(env).envelopes.size).toBe(0);
	});
});

describe('Optimaite Trigger in the editor (version 2)', () => {
	test('Watch defaults to All Active Cases (version 1 keeps Specific Cases); Case IDs stay a list (n8n has no multi-pick locator)', () => {
		expect(shown('optimaiteTrigger', 2, {}).find((p) => p.name === 'watch')!.default).toBe('allActive');
		expect(shown('optimaiteTrigger', 1, {}).find((p) => p.name === 'watch')!.default).toBe('cases');
		expect(form('optimaiteTrigger', 2, { watch: 'cases' }).map((p) => p.displayName)).toEqual(['', 'Watch', 'Case IDs', 'Events', 'Max Requests per Poll', 'Simplify'].map((n, i) => (i === 0 ? expect.stringMatching(/^Optimaite has no webhooks/) : n)));
		expect(shown('optimaiteTrigger', 1, {}).some((p) => p.name === 'simplify')).toBe(false);
	});

	test('a new trigger watches all active cases and its items are simplified with the same names as Get Many', async () => {
		const runner = trigger(env.engine, v2Trigger({ events: ['completed', 'signerSigned'] }));
		expect((await runner.poll()).items).toBeNull();
		const e = sentEnvelope(env, OTHER_CASE);
		state(env).sign(e.id);
		const fired = (await runner.poll()).items!;
		const signedAt = state(env).envelopes.get(e.id)!.signers[0].signed_at;
		const envelope = { envelopeId: e.id, caseId: OTHER_CASE, title: e.title, status: 'completed', signers: [{ signerId: null, name: 'a', email: null, role: null, status: 'signed', signedAt }], documents: null, createdAt: null, completedAt: signedAt };
		expect(fired.map((i) => i.json)).toEqual([
			{ event: 'signer.signed', ...envelope, signer: { signerId: null, name: 'a', email: null, role: null, status: 'signed', signedAt } },
			{ event: 'envelope.completed', ...envelope },
		]);
		const list = await env.engine.run(single(v2({ resource: 'envelope', operation: 'getMany', caseId: pick(OTHER_CASE), returnAll: true })));
		expect(list.output('Optimaite')[0].json).toEqual(envelope);
		expect(reads().filter((r) => r.startsWith('GET /api/v1/cases?'))).toEqual(['GET /api/v1/cases?status=active&limit=100', 'GET /api/v1/cases?status=active&limit=100']);
	});

	test('Simplify off gives version 1’s items', async () => {
		const runner = trigger(env.engine, v2Trigger({ watch: 'cases', caseIds: CASE, events: ['completed'], simplify: false }));
		await runner.poll();
		const e = sentEnvelope(env);
		state(env).sign(e.id);
		expect((await runner.poll()).items![0].json).toEqual({ event: 'envelope.completed', envelopeId: e.id, caseId: CASE, status: 'completed', title: e.title, envelope: expect.objectContaining({ id: e.id, case_id: CASE }) });
	});

	test('Fetch Test Event with nothing to show says so, n8n’s way; with something, it shows the newest', async () => {
		const runner = trigger(env.engine, v2Trigger({ watch: 'cases', caseIds: CASE, events: ['completed'] }));
		const empty = await runner.poll('manual');
		expect(empty.error?.constructor.name).toBe('NodeOperationError');
		expect(empty.error?.message).toBe('No completed envelope in the watched cases yet');
		expect((empty.error as { description?: string }).description).toBe(
			'Fetch Test Event shows the newest matching event from the watched cases (it reads at most 5 of them). Send an envelope in one of them and let it reach that state, or add "Envelope Status Changed" to "Events" (a sent envelope is enough) and fetch again.',
		);
		const any = await trigger(env.engine, v2Trigger({ events: ['statusChanged', 'declined'] })).poll('manual');
		expect(any.error?.message).toBe('No envelope in the active cases yet');
		const e = sentEnvelope(env);
		state(env).sign(e.id);
		const shown = await runner.poll('manual');
		expect(shown.items!.map((i) => [i.json.event, i.json.envelopeId])).toEqual([['envelope.completed', e.id]]);
		// Fetching changed nothing: the first real poll is still the baseline.
		expect((await runner.poll()).items).toBeNull();
	});
});

describe('version 1 workflows saved before version 2', () => {
	test('run unchanged: the same parameters, the same raw answers', async () => {
		const upload = optimaite({ resource: 'document', operation: 'upload', caseId: '={{ $json.caseId }}', binaryPropertyName: 'data', options: {} }, 'Upload Contract');
		const create = optimaite(
			{
				resource: 'envelope',
				operation: 'create',
				caseId: '={{ $json.case_id }}',
				title: 'Lease',
				documentIds: '={{ $json.id }}',
				signers: { signer: [{ name: 'Ann', email: 'ann@example.com', role: 'signer' }] },
				signingOrder: 'sequential',
				sendEmails: true,
			},
			'Send for Signature',
		);
		const workflow = { nodes: [upload, create], connections: { 'Upload Contract': { main: [[{ node: 'Send for Signature', type: 'main', index: 0 }]] } } };
		const result = await env.engine.run(workflow as never, [fileItem(makePdf('x'), 'lease.pdf', 'application/pdf', { caseId: CASE })], 'Upload Contract');
		expect(result.error()).toBeUndefined();
		expect(Object.keys(result.output('Upload Contract')[0].json).sort()).toEqual(
			['case_id', 'created_at', 'extracted_text_length', 'filename', 'folder_id', 'id', 'mime_type', 'parties', 'size_bytes', 'status', 'updated_at'].sort(),
		);
		expect(result.output('Send for Signature')[0].json).toMatchObject({ id: expect.stringMatching(/^env_/), case_id: CASE, status: 'sent', signers: [{ email: 'ann@example.com' }] });
		// A version-1 trigger without a Watch value watches the listed cases, as before.
		const v1 = await trigger(env.engine, optimaiteTrigger({ events: ['completed'] })).poll();
		expect(v1.error?.message).toBe('Enter at least one case ID in "Case IDs", or choose "All Active Cases"');
	});
});
