/**
 * EasyInk in the n8n editor (issue 14): records picked from lists in node version 2 (searchable and paged, as the
 * editor calls `methods.listSearch`), version 1 kept for saved workflows, Simplify, forms in the order people fill
 * them, documentation links, the credential form and its Test, and Fetch Test Event with nothing to show.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject, INodeExecutionData, INodeProperties, INodePropertyCollection, IWorkflowBase } from 'n8n-workflow';

import { EasyInkOAuth2Api } from '../../credentials/EasyInkOAuth2Api.credentials';
import { EasyInk } from '../../nodes/EasyInk/EasyInk.node';
import { EasyInkTrigger } from '../../nodes/EasyInk/EasyInkTrigger.node';
import { EASYINK_ME } from '../../sandbox/providers/easyink';
import { makePdf } from '../../sandbox/server';
import { binaryContent, fileItem, trigger } from '../helpers';
import { API, CRED, UUID, control, credential, easyInk, easyInkTrigger, easyInkV2, rl, runOp, seedSession, useEasyInkEnv } from './env';

const env = useEasyInkEnv();
const node = new EasyInk().description;
const DOCS = 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#easyink';
const V2 = { typeVersion: 2 };
const api = () => env.sandbox.requestsFor(API);
const line = (r: { method: string; path: string; search?: string }) => `${r.method} ${r.path}${r.search ?? ''}`;
const ann = { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', deliveryMethods: ['Email'], language: 'English' };
const bob = { firstName: 'Bob', lastName: 'Ray', email: 'bob@example.com', deliveryMethods: ['Email'], language: 'English' };
const today = () => new Date().toISOString().slice(0, 10);

/** A draft with one processed document and two participants (through the version 1 node, as before). */
async function draft(subject = 'Lease Smith') {
	const d = (await runOp(env, { resource: 'draft', operation: 'create', subject })).json.signingSessionId as string;
	const doc = (await runOp(env, { resource: 'document', operation: 'upload', sessionId: d }, [fileItem(makePdf('lease'), 'Lease.pdf')])).json.documentId as string;
	const a = (await runOp(env, { resource: 'participant', operation: 'add', sessionId: d, ...ann })).json.participantId as string;
	const b = (await runOp(env, { resource: 'participant', operation: 'add', sessionId: d, ...bob })).json.participantId as string;
	await control(env.sandbox, `/sessions/${d}/ready`);
	return { d, doc, a, b };
}

async function listSearch(parameters: IDataObject, method: string, filter?: string, token?: string) {
	env.sandbox.requests.length = 0;
	return await env.engine.listSearch(easyInkV2(parameters), method, filter, token);
}

describe('versions and links', () => {
	test('the editor adds version 2; version 1 stays for saved workflows; node, trigger and credential link the README section', () => {
		const triggerDescription = new EasyInkTrigger().description;
		expect([node.version, node.defaultVersion]).toEqual([[1, 2], 2]);
		expect([triggerDescription.version, triggerDescription.defaultVersion]).toEqual([[1, 2], 2]);
		expect(node.documentationUrl).toBe(DOCS);
		expect(triggerDescription.documentationUrl).toBe(DOCS);
		expect(new EasyInkOAuth2Api().documentationUrl).toBe(DOCS);
	});

	test('a saved version-1 workflow runs unchanged: free-text IDs, the raw answers, Include Session Details on', async () => {
		const file = (name: string) => JSON.parse(readFileSync(path.join(__dirname, 'v1-workflows', name), 'utf8')) as IWorkflowBase;
		const send = file('easyink-send-for-signature.json');
		const signed = file('easyink-file-signed-document.json');
		expect(send.nodes.concat(signed.nodes).filter((n) => n.type.startsWith('n8n-nodes-esign')).map((n) => n.typeVersion)).toEqual([1, 1, 1]);
		const triggerNode = signed.nodes.find((n) => n.type.endsWith('Trigger'))!;
		const runner = trigger(env.engine, { ...triggerNode, credentials: { [CRED]: { id: 'c', name: 'c' } } });
		expect((await runner.poll()).items).toBeNull();

		const pdf = makePdf('Employment Agreement');
		const run = await env.engine.run(send, [
			{ json: { title: 'Employment Agreement', signerFirstName: 'John', signerLastName: 'Smith', signerEmail: 'john@example.com' }, binary: fileItem(pdf).binary },
		]);
		expect(run.error()).toBeUndefined();
		const sent = run.output('Create and Send')[0].json as Record<string, any>;
		// Version 1's answer: the ids and, as before, the session read back in EasyInk's own shape.
		expect(Object.keys(sent).sort()).toEqual(['documents', 'participants', 'session', 'signatureFields', 'signingOrder', 'signingSessionId', 'status', 'subject']);
		expect(sent.session).toMatchObject({ signingSessionId: sent.signingSessionId, canBeCopied: true, bulkSessionId: null });

		for (const p of sent.participants) await control(env.sandbox, `/sessions/${sent.signingSessionId}/sign`, { email: p.email });
		const hit = await runner.poll();
		expect(hit.items).toHaveLength(1);
		// Include Session Details was on by default in version 1: the event carries the participants.
		expect(hit.items![0].json).toMatchObject({ event: 'session.finished', signingSessionId: sent.signingSessionId, participants: [{ email: 'john@example.com', status: 'Signed' }, { email: 'hr@company.example', status: 'Signed' }] });

		const download = await env.engine.run(signed, hit.items!, 'Download Signed PDF');
		expect(download.error()).toBeUndefined();
		const out = download.output('Download Signed PDF');
		expect(out).toHaveLength(1);
		expect(binaryContent(out[0], 'signed').subarray(0, 5).toString()).toBe('%PDF-');
	});
});

describe('records picked from lists (version 2)', () => {
	const ops: Record<string, string[]> = {
		'session:start': ['sessionId:searchReadySessions'],
		'session:get': ['sessionId:searchSessions'],
		'session:exists': ['sessionId:searchSessions'],
		'session:void': ['sessionId:searchSessions'],
		'draft:get': ['sessionId:searchDrafts'],
		'draft:update': ['sessionId:searchDrafts'],
		'draft:delete': ['sessionId:searchDrafts'],
		'draft:exists': ['sessionId:searchDrafts'],
		'draft:convert': ['sessionId:searchDrafts'],
		'draft:duplicate': ['sessionId:searchSessions'],
		'draft:recreate': ['sessionId:searchSessions'],
		'document:upload': ['sessionId:searchDrafts'],
		'document:download': ['sessionId:searchDrafts', 'sessionId:searchSessions', 'documentId:searchSessionDocuments'],
		'document:remove': ['sessionId:searchDrafts', 'documentId:searchDraftDocuments'],
		'attachment:upload': ['sessionId:searchDrafts'],
		'attachment:download': ['sessionId:searchDrafts', 'sessionId:searchSessions'],
		'attachment:remove': ['sessionId:searchDrafts'],
		'participant:add': ['sessionId:searchDrafts'],
		'participant:addMe': ['sessionId:searchDrafts'],
		'participant:update': ['sessionId:searchDrafts', 'participantId:searchDraftParticipants'],
		'participant:remove': ['sessionId:searchDrafts', 'participantId:searchDraftParticipants'],
		'participant:updateDelivery': ['sessionId:searchSessions', 'participantId:searchSessionParticipants'],
		'signingOrder:setSequential': ['sessionId:searchDrafts'],
		'signingOrder:setParallel': ['sessionId:searchDrafts'],
		'signatureField:add': ['sessionId:searchDrafts', 'participantId:searchDraftParticipants', 'documentId:searchDraftDocuments'],
		'signatureField:updateOptions': ['sessionId:searchDrafts'],
		'signatureField:updatePosition': ['sessionId:searchDrafts'],
		'signatureField:remove': ['sessionId:searchDrafts'],
		'signedOutput:downloadSigned': ['sessionId:searchSessions', 'documentId:searchSignedDocuments'],
		'signedOutput:downloadAllInOne': ['sessionId:searchSessions'],
	};
	const where = (p: INodeProperties) => `${p.displayOptions?.show?.resource}:${p.displayOptions?.show?.operation}`;

	test('every id EasyInk lists is From List (first), By ID or an expression in version 2, and a free-text ID in version 1', () => {
		const locators = node.properties.filter((p) => p.type === 'resourceLocator');
		const found: Record<string, string[]> = {};
		for (const p of locators) {
			(found[where(p)] ??= []).push(`${p.name}:${String(p.modes![0].typeOptions?.searchListMethod)}`);
			expect(p.modes!.map((m) => m.name)).toEqual(['list', 'id']);
			expect(p.default).toEqual({ mode: 'list', value: '' });
			expect(p.displayOptions?.show?.['@version']).toEqual([{ _cnd: { gte: 2 } }]);
			expect(p.modes![1].validation).toEqual([{ type: 'regex', properties: { regex: expect.stringContaining('[0-9a-fA-F]{8}'), errorMessage: expect.stringMatching(/^Not a valid/) } }]);
			// Version 1's field of the same name is a string, shown only before version 2.
			const old = node.properties.filter((o) => o.name === p.name && where(o) === where(p) && o.type === 'string');
			expect(old).toHaveLength(1);
			expect(old[0].displayOptions?.show?.['@version']).toEqual([{ _cnd: { lt: 2 } }]);
		}
		expect(found).toEqual(ops);
		// EasyInk does not document the attachment and signature field models of a draft: those stay IDs.
		expect(node.properties.filter((p) => ['attachmentId', 'signatureFieldId'].includes(p.name)).every((p) => p.type === 'string')).toBe(true);
		expect(locators.map((p) => p.displayName).filter((v, i, a) => a.indexOf(v) === i).sort()).toEqual(['Document', 'Draft', 'Participant', 'Signed Document', 'Signing Session']);
	});

	test('drafts, ready sessions and started sessions come from the session search, newest first, with subject, status and date; the filter narrows them', async () => {
		const lease = await seedSession(env.sandbox, 'Draft', 'Lease Smith');
		const nda = await seedSession(env.sandbox, 'Draft', 'NDA Jensen');
		const ready = await seedSession(env.sandbox, 'ReadyToStart', 'Ready one');
		const running = await seedSession(env.sandbox, 'Pending', 'Running lease');
		const done = await seedSession(env.sandbox, 'Finished', 'Done');

		const drafts = await listSearch({ resource: 'draft', operation: 'get' }, 'searchDrafts');
		expect(drafts).toEqual({
			results: [
				{ name: `NDA Jensen (Draft, ${today()})`, value: nda.signingSessionId },
				{ name: `Lease Smith (Draft, ${today()})`, value: lease.signingSessionId },
			],
		});
		expect(api().map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/api/signingSessions', { pageIndex: '0', pageSize: '100', statuses: 'Draft', 'sorting.properties[0].propertyName': 'created', 'sorting.properties[0].isDescending': 'true' }],
		]);
		expect((await listSearch({}, 'searchDrafts', 'lease')).results.map((r) => r.value)).toEqual([lease.signingSessionId]);
		expect((await listSearch({}, 'searchReadySessions')).results).toEqual([{ name: `Ready one (Ready to Start, ${today()})`, value: ready.signingSessionId }]);
		// Started sessions: the unfiltered search (no filter returns Pending ones), without drafts.
		const started = await listSearch({}, 'searchSessions');
		expect(started.results.map((r) => r.name)).toEqual([`Done (Finished, ${today()})`, `Running lease (Pending, ${today()})`]);
		expect(started.results.map((r) => r.value)).toEqual([done.signingSessionId, running.signingSessionId]);
		expect(api().map((r) => r.query.statuses)).toEqual([undefined]);
		expect((await listSearch({}, 'searchSessions', 'LEASE')).results.map((r) => r.value)).toEqual([running.signingSessionId]);
	});

	test('pages: 100 a page, the next page on scrolling; a page with nothing to show reads on', async () => {
		const older = await seedSession(env.sandbox, 'InProgress', 'Older running');
		for (let n = 0; n < 101; n++) await seedSession(env.sandbox, 'Draft', `Draft ${n}`);
		const first = await listSearch({}, 'searchDrafts');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('1');
		const next = await listSearch({}, 'searchDrafts', undefined, first.paginationToken);
		expect(next).toEqual({ results: [{ name: `Draft 0 (Draft, ${today()})`, value: expect.stringMatching(UUID) }] });
		expect(api()[0].query.pageIndex).toBe('1');
		// The newest 100 sessions are drafts: the list of started sessions reads the second page instead of showing none.
		const started = await listSearch({}, 'searchSessions');
		expect(started).toEqual({ results: [{ name: `Older running (In Progress, ${today()})`, value: older.signingSessionId }] });
		expect(api().map((r) => r.query.pageIndex)).toEqual(['0', '1']);
	});

	test('inside the chosen draft: its participants and documents (the draft as EasyInk answers it); nothing chosen says what to do', async () => {
		const { d, doc, a, b } = await draft();
		const people = await listSearch({ resource: 'participant', operation: 'remove', sessionId: rl(d, 'list') }, 'searchDraftParticipants');
		expect(people).toEqual({ results: [{ name: 'Ann Lee (ann@example.com)', value: a }, { name: 'Bob Ray (bob@example.com)', value: b }] });
		expect(api().map(line)).toEqual([`GET /api/signingSessionDrafts/${d}`]);
		expect((await listSearch({ resource: 'participant', operation: 'update', sessionId: rl(d) }, 'searchDraftParticipants', 'bob')).results.map((r) => r.value)).toEqual([b]);
		expect(await listSearch({ resource: 'signatureField', operation: 'add', sessionId: rl(d) }, 'searchDraftDocuments')).toEqual({ results: [{ name: 'Lease', value: doc }] });
		// Document → Download Original of a draft lists the draft's documents.
		expect((await listSearch({ resource: 'document', operation: 'download', stage: 'draft', sessionId: rl(d) }, 'searchSessionDocuments')).results).toEqual([{ name: 'Lease', value: doc }]);

		await expect(listSearch({ resource: 'participant', operation: 'remove' }, 'searchDraftParticipants')).rejects.toThrow('Choose the draft first');
		await expect(listSearch({ resource: 'participant', operation: 'remove', sessionId: rl('={{ $json.draftId }}') }, 'searchDraftParticipants')).rejects.toThrow('The draft is set by an expression');
		expect(api()).toHaveLength(0);
	});

	test('inside the chosen started session: its participants with their status, its documents, its signed copies', async () => {
		const s = await seedSession(env.sandbox, 'InProgress', 'Running', [
			{ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' },
			{ firstName: 'Bob', lastName: 'Ray', email: 'bob@example.com' },
		]);
		const id = s.signingSessionId;
		const people = await listSearch({ resource: 'participant', operation: 'updateDelivery', sessionId: rl(id, 'list') }, 'searchSessionParticipants');
		expect(people.results.map((r) => r.name)).toEqual(['Ann Lee (ann@example.com) — Signed', 'Bob Ray (bob@example.com) — Pending']);
		expect(people.results.map((r) => r.value)).toEqual(s.participants.map((p: IDataObject) => p.participantId));
		expect(api().map(line)).toEqual([`GET /api/signingSessions/${id}`]);
		expect((await listSearch({ resource: 'document', operation: 'download', stage: 'session', sessionId: rl(id) }, 'searchSessionDocuments')).results).toEqual([{ name: 'Contract.pdf', value: s.documents[0].documentId }]);
		const copies = await listSearch({ resource: 'signedOutput', operation: 'downloadSigned', sessionId: rl(id) }, 'searchSignedDocuments');
		expect(copies.results).toEqual([{ name: expect.stringMatching(/ — (Ready|InProgress)$/), value: s.signedDocuments[0].signedDocumentId }]);
	});
});

describe('version 2 runs', () => {
	test('a record picked From List, By ID or by expression is read the same; Simplify (on by default) answers camelCase fields, off the raw answer', async () => {
		const { d, doc, a, b } = await draft();
		const picked = await runOp(env, { resource: 'draft', operation: 'get', sessionId: { ...rl(d, 'list'), cachedResultName: 'Lease Smith (Draft, …)' } }, undefined, V2);
		expect(picked.reqs.map(line)).toEqual([`GET /api/signingSessionDrafts/${d}`]);
		expect(picked.json).toEqual({
			signingSessionId: d,
			subject: 'Lease Smith',
			isLocked: false,
			reminderFrequency: null,
			signingOrder: 'AllAtOnce',
			documents: [{ documentId: doc, title: 'Lease', status: 'ProcessingReady', pageCount: 1 }],
			participants: [
				{ participantId: a, firstName: 'Ann', middleName: null, lastName: 'Lee', email: 'ann@example.com', role: 'Signer', phone: null, deliveryMethods: ['Email'], language: 'English' },
				{ participantId: b, firstName: 'Bob', middleName: null, lastName: 'Ray', email: 'bob@example.com', role: 'Signer', phone: null, deliveryMethods: ['Email'], language: 'English' },
			],
			attachments: [],
			signatureFields: [],
		});
		const raw = await runOp(env, { resource: 'draft', operation: 'get', sessionId: rl(d), simplify: false }, undefined, V2);
		expect(raw.json).toMatchObject({ signingSessionId: d, organizationId: expect.any(String), settingsSetId: expect.any(String), signingOrderSettings: { type: 'AllAtOnce', participantsOrder: null } });
		const byExpression = await runOp(env, { resource: 'draft', operation: 'get', sessionId: rl('={{ $json.id }}') }, [{ json: { id: d } }], V2);
		expect(byExpression.json).toEqual(picked.json);
	});

	test('Signing Session → Get and Get Many: the same names as the trigger (signingSessionId, subject, status, created, participants)', async () => {
		const s = await seedSession(env.sandbox, 'InProgress', 'Running', [
			{ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' },
			{ firstName: 'Bob', lastName: 'Ray', email: 'bob@example.com' },
		]);
		const got = await runOp(env, { resource: 'session', operation: 'get', sessionId: rl(s.signingSessionId, 'list') }, undefined, V2);
		expect(got.reqs.map(line)).toEqual([`GET /api/signingSessions/${s.signingSessionId}`]);
		const [p1, p2] = s.participants as IDataObject[];
		const copy = (s.signedDocuments as IDataObject[])[0];
		expect(got.json).toEqual({
			signingSessionId: s.signingSessionId,
			subject: 'Running',
			status: 'InProgress',
			canBeVoided: true,
			participants: [
				{ participantId: p1.participantId, firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', role: 'Signer', status: 'Signed', signedAt: p1.signedAt },
				{ participantId: p2.participantId, firstName: 'Bob', lastName: 'Ray', email: 'bob@example.com', role: 'Signer', status: 'Pending', signedAt: null },
			],
			documents: [{ documentId: (s.documents as IDataObject[])[0].documentId, title: 'Contract.pdf' }],
			signedDocuments: [{ signedDocumentId: copy.signedDocumentId, title: copy.title, processingStatus: expect.any(String) }],
			signedDocumentIds: [copy.signedDocumentId],
		});

		const many = await runOp(env, { resource: 'session', operation: 'search', returnAll: true }, undefined, V2);
		expect(many.out.map((i) => i.json)).toEqual([{ signingSessionId: s.signingSessionId, subject: 'Running', status: 'InProgress', created: expect.any(String), currentUserNeedToSign: false }]);
		const rawMany = await runOp(env, { resource: 'session', operation: 'search', returnAll: true, simplify: false }, undefined, V2);
		expect(rawMany.out[0].json).toEqual({ id: s.signingSessionId, isBulk: false, subject: 'Running', created: expect.any(String), status: 'InProgress', currentUserNeedToSign: false, hasNotificationErrors: false, canBeDeleted: false });
	});

	test('Create and Send: simplified, the ids without the session read back; Add Me: the participant in camelCase', async () => {
		const sent = await runOp(
			env,
			{ resource: 'session', operation: 'createAndSend', subject: 'NDA', binaryPropertyNames: 'data', participants: { participant: [ann] } },
			[fileItem(makePdf('nda'), 'NDA.pdf')],
			V2,
		);
		expect(sent.error).toBeUndefined();
		expect(Object.keys(sent.json).sort()).toEqual(['documents', 'participants', 'signatureFields', 'signingOrder', 'signingSessionId', 'status', 'subject']);
		expect(sent.json).toMatchObject({ subject: 'NDA', status: 'Pending', participants: [{ participantId: expect.stringMatching(UUID), firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' }] });

		const d = (await runOp(env, { resource: 'draft', operation: 'create', subject: 'Me' })).json.signingSessionId;
		const me = await runOp(env, { resource: 'participant', operation: 'addMe', sessionId: rl(d) }, undefined, V2);
		expect(me.json).toEqual({
			signingSessionId: d,
			participantId: expect.stringMatching(UUID),
			firstName: EASYINK_ME.firstName,
			middleName: null,
			lastName: EASYINK_ME.lastName,
			email: EASYINK_ME.email,
			phone: EASYINK_ME.phone,
			role: expect.any(String),
			deliveryMethods: null,
			language: 'English',
		});
	});

	test('errors name the field as version 2 labels it, before any request', async () => {
		// A typed ID that is not a UUID: n8n itself refuses the node (the "By ID" pattern), as the editor shows it.
		const typed = await env.engine.run({ nodes: [easyInkV2({ resource: 'draft', operation: 'get', sessionId: rl('not-a-uuid') })], connections: {} });
		expect(typed.error()?.message).toBe("The 'EasyInk' node has issues:\n- Not a valid Draft ID");
		// An expression that gives something else: the node's own check, with version 2's label.
		const bad = await runOp(env, { resource: 'draft', operation: 'get', sessionId: rl('={{ $json.id }}') }, [{ json: { id: 'not-a-uuid' } }], V2);
		expect(bad.error?.message).toBe('Invalid "Draft" must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) [item 0]');
		const stage = await runOp(
			env,
			{ resource: 'document', operation: 'download', stage: 'session', sessionId: rl('={{ $json.id }}'), documentId: rl('3fa85f64-5717-4562-b3fc-2c963f66afa6') },
			[{ json: { id: 'x' } }],
			V2,
		);
		expect(stage.error?.message).toBe('Invalid "Signing Session" must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) [item 0]');
		const second = await runOp(
			env,
			{ resource: 'session', operation: 'createAndSend', subject: 'S', participants: { participant: [ann, { ...bob, email: 'bad@' }] } },
			[fileItem(makePdf('x'))],
			V2,
		);
		expect(second.error?.message).toBe('Invalid "Email" (participant 2) must be a valid email address [item 0]');
		const v1 = await runOp(env, { resource: 'draft', operation: 'get', sessionId: 'not-a-uuid' });
		expect(v1.error?.message).toBe('Invalid "Draft ID" must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) [item 0]');
		expect(api()).toHaveLength(0);
	});
});

describe('forms in the order people fill them', () => {
	const participantRow = () => {
		const p = node.properties.find((x) => x.name === 'participants')!;
		return (p.options as INodePropertyCollection[])[0].values;
	};

	test('Create and Send participant rows: name, contact, delivery, language — as Participant → Add; the list starts with one empty row', () => {
		const add = node.properties.filter((p) => p.displayOptions?.show?.operation?.[0] === 'add' && p.displayOptions?.show?.resource?.[0] === 'participant' && p.type !== 'resourceLocator' && p.name !== 'sessionId');
		expect(participantRow().map((v) => v.name)).toEqual(['firstName', 'middleName', 'lastName', 'email', 'phone', 'deliveryMethods', 'language']);
		expect(add.map((p) => p.name)).toEqual(participantRow().map((v) => v.name));
		const participants = node.properties.find((x) => x.name === 'participants')!;
		expect(participants.default).toEqual({ participant: [{ firstName: '', lastName: '', email: '' }] });
		const fieldRow = (node.properties.find((x) => x.name === 'fields')!.options as INodePropertyCollection[])[0].values;
		expect(fieldRow.map((v) => v.name)).toEqual(['participant', 'document', 'type', 'page', 'positionX', 'positionY', 'sizeX', 'sizeY', 'isRequired']);
		expect(fieldRow.find((v) => v.name === 'type')).toMatchObject({ default: 'Signature', options: expect.arrayContaining([{ name: 'Signature', value: 'Signature' }]) });
	});

	test('action names read correctly; Get Many like the other providers (value kept); Create and Send is the default', () => {
		const options = node.properties.filter((p) => p.name === 'operation').flatMap((p) => p.options as Array<{ name: string; value: string; action: string }>);
		const action = (value: string, name?: string) => options.find((o) => o.value === value && (!name || o.name === name))?.action;
		expect(action('updateDelivery')).toBe("Update a participant's delivery in a started session");
		expect(action('updateOptions')).toBe("Update a signature field's options");
		expect(action('updatePosition')).toBe("Update a signature field's position");
		expect(action('downloadAllInOne')).toBe('Download the all-in-one document');
		expect(options.find((o) => o.value === 'search')).toMatchObject({ name: 'Get Many', action: 'Get many signing sessions' });
		expect(options.some((o) => / s /.test(o.action))).toBe(false);
		expect(node.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'session')?.default).toBe('createAndSend');
	});

	test('Simplify is shown from version 2 on, where answers are large', () => {
		const simplify = node.properties.filter((p) => p.name === 'simplify');
		expect(simplify.map(where).sort()).toEqual(['draft:get', 'participant:addMe', 'session:createAndSend', 'session:get', 'session:search']);
		for (const p of simplify) expect(p).toMatchObject({ type: 'boolean', default: true, displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } } });
	});

	function where(p: INodeProperties) {
		return `${p.displayOptions?.show?.resource}:${p.displayOptions?.show?.operation}`;
	}
});

describe('credential form and Test', () => {
	test('no developer placeholders; the Custom Hosts fields are required', () => {
		const cred = new EasyInkOAuth2Api();
		const text = JSON.stringify(cred.properties);
		expect(text).not.toMatch(/127\.0\.0\.1|localhost|sandbox/i);
		for (const name of ['apiUrl', 'identityUrl']) {
			expect(cred.properties.find((p) => p.name === name)).toMatchObject({ required: true, displayOptions: { show: { environment: ['custom'] } }, placeholder: expect.stringMatching(/^e\.g\. https:\/\//) });
		}
	});

	test('a failing Test says what went wrong and what to do', async () => {
		env.engine.setCredentials(CRED, { ...credential(env.sandbox), apiUrl: `${env.sandbox.url(API)}/wrong` } as never);
		expect(await env.engine.testCredential(CRED)).toEqual({
			status: 'Error',
			message: 'No EasyInk API at this address: check Environment (or, for Custom Hosts, that "API URL" is the API base URL, without /api)',
		});
		env.engine.setCredentials(CRED, credential(env.sandbox) as never);
		env.sandbox.addFault({ prefix: API, status: 403, body: { error: { code: 'Forbidden', message: 'Insufficient permissions' } } });
		expect(await env.engine.testCredential(CRED)).toEqual({
			status: 'Error',
			message: 'EasyInk refused the signed-in user: ask your EasyInk administrator for API access (scope hermes_api) for this user',
		});
		expect(await env.engine.testCredential(CRED)).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});

describe('trigger', () => {
	test('version 2: Include Session Details off by default (version 1 keeps it on); descriptions without internals', async () => {
		const props = new EasyInkTrigger().description.properties;
		expect(props.filter((p) => p.name === 'includeDetails').map((p) => [p.default, p.displayOptions?.show?.['@version']])).toEqual([
			[true, [{ _cnd: { lt: 2 } }]],
			[false, [{ _cnd: { gte: 2 } }]],
		]);
		expect(JSON.stringify(props)).not.toMatch(/on every poll|reads each/);

		const two = [{ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' }];
		const v2 = trigger(env.engine, easyInkTrigger({ events: ['started'] }, 'Trigger'));
		const v1 = trigger(env.engine, easyInkTrigger({ events: ['started'] }, 'Trigger', 1));
		await v2.poll();
		await v1.poll();
		await seedSession(env.sandbox, 'Pending', 'Sent', two);
		const [a, b] = [(await v2.poll()).items![0].json, (await v1.poll()).items![0].json];
		expect(a.participants).toBeUndefined();
		expect(b.participants).toEqual([expect.objectContaining({ email: 'ann@example.com', status: 'Pending' })]);
	});

	test('Fetch Test Event with nothing to show says so, n8n’s way; with something, one example', async () => {
		await seedSession(env.sandbox, 'Pending', 'Sent, nobody signed');
		const runner = trigger(env.engine, easyInkTrigger({ events: ['sessionFinished'] }));
		const empty = await runner.poll('manual');
		expect(empty.error?.message).toBe('No recent EasyInk session has had the event "Session Finished" yet');
		expect((empty.error as { description?: string } | undefined)?.description).toBe(
			'Fetch Test Event looks at your 10 newest signing sessions for Session Finished. In EasyInk, have everyone sign one, or add Session Started to the events, then fetch again. Once the workflow is active, the trigger fires for what happens from then on.',
		);
		expect(empty.error?.constructor.name).toBe('NodeOperationError');
		const several = await trigger(env.engine, easyInkTrigger({ events: ['declined', 'voided'] })).poll('manual');
		expect(several.error?.message).toBe('No recent EasyInk session has had any of the chosen events yet');

		await seedSession(env.sandbox, 'Finished', 'Signed');
		const found = await runner.poll('manual');
		expect(found.items).toEqual([{ json: expect.objectContaining({ event: 'session.finished', subject: 'Signed' }) } as INodeExecutionData]);
		// A scheduled poll with nothing new still returns nothing (no error).
		expect((await runner.poll()).error).toBeUndefined();
	});
});

test('old and new nodes sit side by side in one workflow', async () => {
	const { d } = await draft('Side by side');
	const v1 = { ...easyInk({ resource: 'draft', operation: 'get', sessionId: d }, 'Old') };
	const v2 = { ...easyInkV2({ resource: 'draft', operation: 'get', sessionId: rl('={{ $json.signingSessionId }}') }, 'New') };
	const result = await env.engine.run({ nodes: [v1, v2], connections: { Old: { main: [[{ node: 'New', type: 'main', index: 0 }]] } } as never }, undefined, 'Old');
	expect(result.error()).toBeUndefined();
	expect(result.output('Old')[0].json).toHaveProperty('organizationId');
	expect(result.output('New')[0].json).not.toHaveProperty('organizationId');
	expect(result.output('New')[0].json.signingSessionId).toBe(d);
});
