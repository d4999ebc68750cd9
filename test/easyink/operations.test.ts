/** Every EasyInk operation through n8n's engine against the sandbox: the exact request and what n8n gets back. */
import type { IDataObject } from 'n8n-workflow';
import { makePdf } from '../../sandbox/server';
import { EASYINK_ME } from '../../sandbox/providers/easyink';
import { binaryContent, fileItem } from '../helpers';
import { UUID, control, runOp, seedSession, useEasyInkEnv } from './env';

const env = useEasyInkEnv();
const run = (p: IDataObject, input?: Parameters<typeof runOp>[2], extra?: Parameters<typeof runOp>[3]) => runOp(env, p, input, extra);
const line = (r: { method: string; path: string; status?: number }) => `${r.method} ${r.path} ${r.status}`;

const ann = { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', deliveryMethods: ['Email'], language: 'English' };

async function draftWithDocAndParticipant() {
	const d = (await run({ resource: 'draft', operation: 'create', subject: 'Lease' })).json.signingSessionId as string;
	const doc = (await run({ resource: 'document', operation: 'upload', sessionId: d, binaryPropertyName: 'data' }, [fileItem(makePdf('lease'), 'Lease.pdf')])).json.documentId as string;
	const p = (await run({ resource: 'participant', operation: 'add', sessionId: d, ...ann })).json.participantId as string;
	await control(env.sandbox, `/sessions/${d}/ready`); // EasyInk has processed the upload
	return { d, doc, p };
}

describe('Draft', () => {
	test('create, get, update, check exists, delete', async () => {
		const created = await run({ resource: 'draft', operation: 'create', subject: 'Employment Agreement - John Smith' });
		const id = created.json.signingSessionId;
		expect(id).toMatch(UUID);
		expect(created.json).toEqual({ signingSessionId: id, subject: 'Employment Agreement - John Smith', status: 'Draft' });
		expect(created.reqs.map(line)).toEqual(['POST /api/signingSessionDrafts 200']);
		expect(created.reqs[0].body).toEqual({ subject: 'Employment Agreement - John Smith' });
		expect(created.reqs[0].headers['content-type']).toMatch(/application\/json/);

		const got = await run({ resource: 'draft', operation: 'get', sessionId: id });
		expect(got.reqs.map(line)).toEqual([`GET /api/signingSessionDrafts/${id} 200`]);
		expect(got.json).toMatchObject({ signingSessionId: id, subject: 'Employment Agreement - John Smith', isLocked: false, documents: [], participants: [] });

		const updated = await run({ resource: 'draft', operation: 'update', sessionId: id, updateFields: { reminderFrequency: 'Weekly' } });
		expect(updated.reqs.map(line)).toEqual([`GET /api/signingSessionDrafts/${id} 200`, `PUT /api/signingSessionDrafts/${id} 204`]);
		expect(updated.reqs[1].body).toEqual({ subject: 'Employment Agreement - John Smith', reminderFrequency: 'Weekly' });
		expect(updated.json).toEqual({ signingSessionId: id, subject: 'Employment Agreement - John Smith', reminderFrequency: 'Weekly' });
		const both = await run({ resource: 'draft', operation: 'update', sessionId: id, updateFields: { subject: 'New', reminderFrequency: 'Daily' } });
		expect(both.reqs.map(line)).toEqual([`PUT /api/signingSessionDrafts/${id} 204`]);
		expect(env.state.sessions.get(id)).toMatchObject({ subject: 'New', reminderFrequency: 'Daily' });

		expect((await run({ resource: 'draft', operation: 'exists', sessionId: id })).json).toEqual({ signingSessionId: id, exists: true });
		const del = await run({ resource: 'draft', operation: 'delete', sessionId: id });
		expect(del.reqs.map(line)).toEqual([`DELETE /api/signingSessionDrafts/${id} 204`]);
		expect(del.json).toEqual({ signingSessionId: id, deleted: true });
		const gone = await run({ resource: 'draft', operation: 'exists', sessionId: id });
		expect(gone.reqs.map(line)).toEqual([`HEAD /api/signingSessionDrafts/${id} 404`]);
		expect(gone.json).toEqual({ signingSessionId: id, exists: false });
	});

	test('duplicate a session, recreate and void, convert to ready to start', async () => {
		const s = await seedSession(env.sandbox, 'Pending', 'Original', [{ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' }]);
		const dup = await run({ resource: 'draft', operation: 'duplicate', sessionId: s.signingSessionId, subject: 'Copy' });
		expect(dup.reqs.map(line)).toEqual([`POST /api/signingSessions/${s.signingSessionId}/duplicated 200`]);
		expect(dup.reqs[0].body).toEqual({ subject: 'Copy' });
		expect(dup.json).toMatchObject({ duplicatedFrom: s.signingSessionId, status: 'Draft' });
		expect(env.state.sessions.get(dup.json.signingSessionId)!.subject).toBe('Copy');
		expect(env.state.sessions.get(s.signingSessionId)!.status).toBe('Pending');

		const conv = await run({ resource: 'draft', operation: 'convert', sessionId: dup.json.signingSessionId });
		expect(conv.reqs.map(line)).toEqual([`POST /api/signingSessionDrafts/${dup.json.signingSessionId}/converted 204`]);
		expect(conv.json).toEqual({ signingSessionId: dup.json.signingSessionId, status: 'ReadyToStart' });

		const rec = await run({ resource: 'draft', operation: 'recreate', sessionId: s.signingSessionId, voidReason: 'Wrong salary' });
		expect(rec.reqs.map(line)).toEqual([`POST /api/signingSessions/${s.signingSessionId}/recreated 200`]);
		expect(rec.reqs[0].body).toEqual({ subject: null, voidReason: 'Wrong salary' });
		expect(rec.json).toMatchObject({ recreatedFrom: s.signingSessionId, voidedSessionId: s.signingSessionId, status: 'Draft' });
		expect(env.state.sessions.get(s.signingSessionId)).toMatchObject({ status: 'Voided', voidReason: 'Wrong salary' });
		expect(env.state.sessions.get(rec.json.signingSessionId)!.subject).toBe('Original');
	});
});

describe('Document and Attachment', () => {
	test('upload (multipart fileContent), download the original to binary, remove', async () => {
		const d = (await run({ resource: 'draft', operation: 'create', subject: 'Docs' })).json.signingSessionId;
		const pdf = makePdf('Employment contract');
		const up = await run({ resource: 'document', operation: 'upload', sessionId: d, binaryPropertyName: 'contract' }, [fileItem(pdf, 'Employment Contract.pdf', 'application/pdf', {}, 'contract')]);
		expect(up.reqs.map(line)).toEqual([`POST /api/signingSessionDrafts/${d}/documents 200`]);
		expect(up.reqs[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(up.reqs[0].parts).toEqual([{ name: 'fileContent', filename: 'Employment Contract.pdf', contentType: 'application/pdf', size: pdf.length, value: undefined }]);
		expect(up.json).toEqual({ signingSessionId: d, documentId: expect.stringMatching(UUID), fileName: 'Employment Contract.pdf', mimeType: 'application/pdf' });

		// EasyInk processes an upload for a while: a download before then is refused.
		const early = await run({ resource: 'document', operation: 'download', stage: 'draft', sessionId: d, documentId: up.json.documentId, binaryPropertyName: 'original' });
		expect(early.error!.message).toBe('EasyInk rejected the request (400): Document processing is in progress. Try again later. (ValidationError)');
		await control(env.sandbox, `/sessions/${d}/ready`);
		const down = await run({ resource: 'document', operation: 'download', stage: 'draft', sessionId: d, documentId: up.json.documentId, binaryPropertyName: 'original' });
		expect(down.reqs.map(line)).toEqual([`GET /api/signingSessionDrafts/${d}/documents/${up.json.documentId} 200`]);
		expect(down.out[0].binary!.original).toMatchObject({ fileName: 'Employment Contract.pdf', mimeType: 'application/pdf' });
		expect(binaryContent(down.out[0], 'original')).toEqual(pdf);
		expect(down.json).toEqual({ signingSessionId: d, documentId: up.json.documentId, fileName: 'Employment Contract.pdf', mimeType: 'application/pdf', fileSize: pdf.length });

		const rm = await run({ resource: 'document', operation: 'remove', sessionId: d, documentId: up.json.documentId });
		expect(rm.reqs.map(line)).toEqual([`DELETE /api/signingSessionDrafts/${d}/documents/${up.json.documentId} 204`]);
		expect(env.state.sessions.get(d)!.documents).toHaveLength(0);
	});

	test('a started session’s original document and attachments download from the session', async () => {
		const { d, doc, p } = await draftWithDocAndParticipant();
		const handbook = makePdf('Handbook');
		const att = await run({ resource: 'attachment', operation: 'upload', sessionId: d, binaryPropertyName: 'data' }, [fileItem(handbook, 'Employee Handbook.pdf')]);
		expect(att.reqs.map(line)).toEqual([`POST /api/signingSessionDrafts/${d}/attachments 200`]);
		expect(att.reqs[0].parts![0]).toMatchObject({ name: 'fileContent', filename: 'Employee Handbook.pdf', contentType: 'application/pdf' });
		const attachmentId = att.json.attachmentId;
		await control(env.sandbox, `/sessions/${d}/ready`);
		const draftDown = await run({ resource: 'attachment', operation: 'download', stage: 'draft', sessionId: d, attachmentId });
		expect(draftDown.reqs.map(line)).toEqual([`GET /api/signingSessionDrafts/${d}/attachments/${attachmentId} 200`]);
		expect(binaryContent(draftDown.out[0])).toEqual(handbook);

		await run({ resource: 'signatureField', operation: 'add', sessionId: d, participantId: p, documentId: doc });
		await run({ resource: 'draft', operation: 'convert', sessionId: d });
		await run({ resource: 'session', operation: 'start', sessionId: d });
		const sessDown = await run({ resource: 'attachment', operation: 'download', stage: 'session', sessionId: d, attachmentId });
		expect(sessDown.reqs.map(line)).toEqual([`GET /api/signingSessions/${d}/attachments/${attachmentId} 200`]);
		expect(sessDown.out[0].binary!.data).toMatchObject({ fileName: 'Employee Handbook.pdf', mimeType: 'application/pdf' });
		const docDown = await run({ resource: 'document', operation: 'download', stage: 'session', sessionId: d, documentId: doc });
		expect(docDown.reqs.map(line)).toEqual([`GET /api/signingSessions/${d}/documents/${doc} 200`]);
		expect(binaryContent(docDown.out[0])).toEqual(makePdf('lease'));

		const d2 = (await run({ resource: 'draft', operation: 'create', subject: 'Att' })).json.signingSessionId;
		const a2 = (await run({ resource: 'attachment', operation: 'upload', sessionId: d2 }, [fileItem(handbook, 'H.pdf')])).json.attachmentId;
		const rm = await run({ resource: 'attachment', operation: 'remove', sessionId: d2, attachmentId: a2 });
		expect(rm.reqs.map(line)).toEqual([`DELETE /api/signingSessionDrafts/${d2}/attachments/${a2} 204`]);
		expect(rm.json).toEqual({ signingSessionId: d2, attachmentId: a2, removed: true });
	});
});

describe('Participant and Signing Order', () => {
	test('add, add me, update, remove, sequential and parallel order', async () => {
		const d = (await run({ resource: 'draft', operation: 'create', subject: 'People' })).json.signingSessionId;
		const add = await run({ resource: 'participant', operation: 'add', sessionId: d, firstName: 'Maria', middleName: 'J', lastName: 'Lopez', phone: '2025551234', deliveryMethods: ['Sms', 'Email'], email: 'maria@example.com', language: 'Spanish' });
		expect(add.reqs.map(line)).toEqual([`POST /api/signingSessionDrafts/${d}/participants 200`]);
		expect(add.reqs[0].body).toEqual({ firstName: 'Maria', middleName: 'J', lastName: 'Lopez', email: 'maria@example.com', phone: '2025551234', deliveryMethods: ['Sms', 'Email'], language: 'Spanish' });
		const maria = add.json.participantId;
		expect(maria).toMatch(UUID);

		const me = await run({ resource: 'participant', operation: 'addMe', sessionId: d });
		expect(me.reqs.map(line)).toEqual([`POST /api/signingSessionDrafts/${d}/participants/me 200`]);
		expect(me.json).toMatchObject({ signingSessionId: d, participantId: expect.stringMatching(UUID), firstName: EASYINK_ME.firstName, email: EASYINK_ME.email, deliveryMethods: null });

		const upd = await run({ resource: 'participant', operation: 'update', sessionId: d, participantId: me.json.participantId, firstName: 'Sandra', lastName: 'Box', email: 'sandra@example.com', deliveryMethods: ['Email'], language: 'English' });
		expect(upd.reqs.map(line)).toEqual([`PUT /api/signingSessionDrafts/${d}/participants/${me.json.participantId} 204`]);
		expect(upd.reqs[0].body).toEqual({ firstName: 'Sandra', middleName: null, lastName: 'Box', email: 'sandra@example.com', phone: null, deliveryMethods: ['Email'], language: 'English' });

		const seq = await run({ resource: 'signingOrder', operation: 'setSequential', sessionId: d, participantIds: `${me.json.participantId}, ${maria}` });
		expect(seq.reqs.map(line)).toEqual([`PUT /api/signingSessionDrafts/${d}/signingOrder/oneByOne 204`]);
		expect(seq.reqs[0].body).toEqual({ participantsOrder: [me.json.participantId, maria] });
		expect(seq.json).toEqual({ signingSessionId: d, signingOrder: 'OneByOne', participantsOrder: [me.json.participantId, maria] });
		const missing = await run({ resource: 'signingOrder', operation: 'setSequential', sessionId: d, participantIds: maria });
		expect(missing.error!.message).toBe(`EasyInk rejected the request (400): There are some participants missed in signing order definition: ${me.json.participantId} (ValidationError)`);
		expect(missing.error!.description).toMatch(/^EasyInk sets the signing order only while the session is a Draft \(not after Convert to Ready to Start or Start\)\. The order must list every participant of the draft once\. /);

		const par = await run({ resource: 'signingOrder', operation: 'setParallel', sessionId: d });
		expect(par.reqs.map(line)).toEqual([`PUT /api/signingSessionDrafts/${d}/signingOrder/allAtOnce 204`]);
		expect(par.reqs[0].body).toBeUndefined(); // "This request does not require a body" [C]
		expect(par.reqs[0].size).toBe(0);
		expect(env.state.sessions.get(d)!.signingOrder).toEqual({ type: 'AllAtOnce', participantsOrder: null });

		const rm = await run({ resource: 'participant', operation: 'remove', sessionId: d, participantId: maria });
		expect(rm.reqs.map(line)).toEqual([`DELETE /api/signingSessionDrafts/${d}/participants/${maria} 204`]);
		expect(env.state.sessions.get(d)!.participants.map((p) => p.id)).toEqual([me.json.participantId]);
	});

	test('update delivery of a participant in a started session', async () => {
		const s = await seedSession(env.sandbox, 'Pending', 'Active', [{ firstName: 'Ann', lastName: 'Lee', email: 'ann@old.example' }]);
		const pid = s.participants[0].participantId;
		const r = await run({ resource: 'participant', operation: 'updateDelivery', sessionId: s.signingSessionId, participantId: pid, deliveryMethods: ['Email', 'Sms'], email: 'ann@new.example', phone: '2025550000' });
		expect(r.reqs.map(line)).toEqual([`PUT /api/signingSessions/${s.signingSessionId}/participants/${pid} 204`]);
		expect(r.reqs[0].body).toEqual({ deliveryMethods: ['Email', 'Sms'], email: 'ann@new.example', phone: '2025550000' });
		expect(env.state.sessions.get(s.signingSessionId)!.participants[0]).toMatchObject({ email: 'ann@new.example', phone: '2025550000' });

		await control(env.sandbox, `/sessions/${s.signingSessionId}/open`, { participantId: pid });
		const late = await run({ resource: 'participant', operation: 'updateDelivery', sessionId: s.signingSessionId, participantId: pid, deliveryMethods: ['Email'], email: 'ann@x.example' });
		expect(late.error!.message).toBe("EasyInk rejected the request (400): Delivery method can't be changed because the participant has already used the signing link (ValidationError)");
		expect(late.error!.description).toMatch(/^EasyInk changes the contact only for a participant who is still Pending and has not opened their signing link; /);
	});
});

describe('Signature Field', () => {
	test('add, update options, update position, remove (with dependants)', async () => {
		const { d, doc, p } = await draftWithDocAndParticipant();
		const add = await run({ resource: 'signatureField', operation: 'add', sessionId: d, participantId: p, documentId: doc, fieldType: 'Signature', page: 1, positionX: 395, positionY: 92.5, sizeX: 200, sizeY: 50, isRequired: true });
		expect(add.reqs.map(line)).toEqual([`POST /api/signingSessionDrafts/${d}/signatureFields 200`]);
		expect(add.reqs[0].body).toEqual({
			participantId: p,
			documentId: doc,
			field: { type: 'Signature', placement: { page: 1, positionX: 395, positionY: 92.5, sizeX: 200, sizeY: 50 }, options: { isRequired: true, forType: 'Signature' } },
		});
		const fid = add.json.signatureFieldId;
		expect(fid).toMatch(UUID);

		const opt = await run({ resource: 'signatureField', operation: 'updateOptions', sessionId: d, signatureFieldId: fid, fieldType: 'Signature', isRequired: false });
		expect(opt.reqs.map(line)).toEqual([`PUT /api/signingSessionDrafts/${d}/signatureFields/${fid}/options 204`]);
		expect(opt.reqs[0].body).toEqual({ isRequired: false, forType: 'Signature' });
		const wrong = await run({ resource: 'signatureField', operation: 'updateOptions', sessionId: d, signatureFieldId: fid, fieldType: 'Date', isRequired: false });
		expect(wrong.error!.message).toBe('EasyInk rejected the request (400): Field options must target the field type (ValidationError)');

		const pos = await run({ resource: 'signatureField', operation: 'updatePosition', sessionId: d, signatureFieldId: fid, page: 1, positionX: 10, positionY: 20, sizeX: 30, sizeY: 0.1 });
		expect(pos.reqs.map(line)).toEqual([`PUT /api/signingSessionDrafts/${d}/signatureFields/${fid}/placement 204`]);
		expect(pos.reqs[0].body).toEqual({ page: 1, positionX: 10, positionY: 20, sizeX: 30, sizeY: 0.1 });
		expect(env.state.sessions.get(d)!.fields[0]).toMatchObject({ placement: { page: 1, positionX: 10, positionY: 20, sizeX: 30, sizeY: 0.1 }, options: { isRequired: false } });

		// A date field that depends on the signature goes with it.
		const session = env.state.sessions.get(d)!;
		session.fields.push({ ...session.fields[0], id: '11111111-2222-4333-8444-555555555555', type: 'Date', dependsOn: fid, options: { isRequired: false, forType: 'Date' } });
		const rm = await run({ resource: 'signatureField', operation: 'remove', sessionId: d, signatureFieldId: fid });
		expect(rm.reqs.map(line)).toEqual([`DELETE /api/signingSessionDrafts/${d}/signatureFields/${fid} 200`]);
		expect(rm.json).toEqual({ signingSessionId: d, signatureFieldId: fid, removedSignatureFieldIds: [fid, '11111111-2222-4333-8444-555555555555'] });
	});
});

describe('Signing Session', () => {
	test('start, get, check exists, void, statistics', async () => {
		const { d, doc, p } = await draftWithDocAndParticipant();
		await run({ resource: 'signatureField', operation: 'add', sessionId: d, participantId: p, documentId: doc });
		const early = await run({ resource: 'session', operation: 'start', sessionId: d });
		expect(early.error!.message).toBe('EasyInk rejected the request (404): The specified signing session ID was not found. (NotFound)');
		await run({ resource: 'draft', operation: 'convert', sessionId: d });
		const start = await run({ resource: 'session', operation: 'start', sessionId: d });
		expect(start.reqs.map(line)).toEqual([`POST /api/signingSessions/${d}/started 204`]);
		expect(start.json).toEqual({ signingSessionId: d, started: true });

		const got = await run({ resource: 'session', operation: 'get', sessionId: d });
		expect(got.reqs.map(line)).toEqual([`GET /api/signingSessions/${d} 200`]);
		expect(got.json).toMatchObject({ signingSessionId: d, subject: 'Lease', status: 'Pending', participants: [{ participantId: p, status: 'Pending' }] });
		expect((await run({ resource: 'session', operation: 'exists', sessionId: d })).json).toEqual({ signingSessionId: d, exists: true });
		const none = await run({ resource: 'session', operation: 'exists', sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6' });
		expect(none.reqs.map(line)).toEqual(['HEAD /api/signingSessions/3fa85f64-5717-4562-b3fc-2c963f66afa6 404']);
		expect(none.json.exists).toBe(false);

		const stats = await run({ resource: 'session', operation: 'getStatistics' });
		expect(stats.reqs.map(line)).toEqual(['GET /api/signingSessions/statistics 200']);
		expect(stats.json).toMatchObject({ inProgressCount: 1, draftsCount: 0 });

		const v = await run({ resource: 'session', operation: 'void', sessionId: d, reason: 'Sent by mistake' });
		expect(v.reqs.map(line)).toEqual([`POST /api/signingSessions/${d}/voided 204`]);
		expect(v.reqs[0].body).toEqual({ reason: 'Sent by mistake' });
		expect(v.json).toEqual({ signingSessionId: d, status: 'Voided', reason: 'Sent by mistake' });
		expect(env.state.sessions.get(d)!.status).toBe('Voided');
		const again = await run({ resource: 'session', operation: 'void', sessionId: d, reason: 'Twice' });
		expect(again.error!.message).toBe('EasyInk rejected the request (400): The session is already in Voided status. (ValidationError)');
		expect(again.error!.description).toMatch(/^A session can be voided once, while participants can still sign .* Voiding cannot be undone\. /);
	});

	test('search: statuses filter (both statuses honoured), sorting, Limit and Return All over page indexes', async () => {
		for (let i = 0; i < 5; i++) await seedSession(env.sandbox, 'InProgress', `Running ${i}`);
		await seedSession(env.sandbox, 'Pending', 'Sent, nobody signed'); // no search filter names Pending
		await seedSession(env.sandbox, 'Finished', 'Done');
		await seedSession(env.sandbox, 'Draft', 'Draft only');

		const limited = await run({ resource: 'session', operation: 'search', statuses: ['InProgress', 'Finished'], limit: 3, options: { pageSize: 2, sortBy: 'subject', sortDirection: 'asc' } });
		expect(limited.out.map((o) => o.json.subject)).toEqual(['Done', 'Running 0', 'Running 1']);
		expect(limited.reqs.map((r) => r.query)).toEqual([
			{ pageIndex: '0', pageSize: '2', statuses: 'Finished', 'sorting.properties[0].propertyName': 'subject', 'sorting.properties[0].isDescending': 'false' },
			{ pageIndex: '1', pageSize: '2', statuses: 'Finished', 'sorting.properties[0].propertyName': 'subject', 'sorting.properties[0].isDescending': 'false' },
		]);
		expect(limited.reqs.map((r) => new URLSearchParams(r.search).getAll('statuses'))).toEqual([
			['InProgress', 'Finished'],
			['InProgress', 'Finished'],
		]);

		const all = await run({ resource: 'session', operation: 'search', statuses: ['InProgress', 'Finished'], returnAll: true, options: { pageSize: 2 } });
		expect(all.out).toHaveLength(6);
		expect(all.out.map((o) => o.json.subject)).toEqual(['Done', 'Running 4', 'Running 3', 'Running 2', 'Running 1', 'Running 0']);
		expect(all.reqs.map((r) => r.query.pageIndex)).toEqual(['0', '1', '2']);
		expect(all.out[0].json).toEqual({ id: expect.stringMatching(UUID), isBulk: false, subject: 'Done', created: expect.any(String), status: 'Finished', currentUserNeedToSign: false, hasNotificationErrors: false, canBeDeleted: false });

		const everything = await run({ resource: 'session', operation: 'search', returnAll: true });
		expect(everything.out).toHaveLength(8);
		expect(everything.reqs).toHaveLength(1);
		expect(everything.reqs[0].query).toMatchObject({ pageIndex: '0', pageSize: '100' });
	});
});

describe('Signed Output', () => {
	async function finished() {
		const s = await seedSession(env.sandbox, 'Pending', 'Employment Agreement', [{ firstName: 'John', lastName: 'Smith', email: 'john@example.com' }]);
		env.state.settings.signedDocumentDelayMs = 60_000;
		await control(env.sandbox, `/sessions/${s.signingSessionId}/sign`);
		const view = (await run({ resource: 'session', operation: 'get', sessionId: s.signingSessionId })).json;
		return { id: s.signingSessionId as string, signedId: view.signedDocuments[0].signedDocumentId as string };
	}

	test('while EasyInk prepares the copy: without waiting the download fails with advice; waiting reads processingStatus (bounded, with backoff)', async () => {
		const { id, signedId } = await finished();
		const now = await run({ resource: 'signedOutput', operation: 'downloadSigned', sessionId: id, documentId: signedId });
		expect(now.reqs.map(line)).toEqual([`GET /api/signingSessions/${id}/signedDocuments/${signedId} 400`]);
		expect(now.error!.message).toBe('EasyInk rejected the request (400): Document processing is in progress. Try again later. (ValidationError)');
		expect(now.error!.description).toMatch(/^If EasyInk is still preparing the file \(for a while after the last signature\), turn on "Wait While Processing"\. /);

		setTimeout(() => void control(env.sandbox, `/sessions/${id}/ready`), 2500);
		const waited = await run({ resource: 'signedOutput', operation: 'downloadSigned', sessionId: id, documentId: signedId, binaryPropertyName: 'signed', options: { waitWhileProcessing: true, maxWaitSeconds: 30 } });
		expect(waited.error).toBeUndefined();
		// The session's processingStatus decides (1 s, then 2 s): the third look finds the copy "Ready", then one download.
		expect(waited.reqs.map(line)).toEqual([
			`GET /api/signingSessions/${id} 200`,
			`GET /api/signingSessions/${id} 200`,
			`GET /api/signingSessions/${id} 200`,
			`GET /api/signingSessions/${id}/signedDocuments/${signedId} 200`,
		]);
		expect(waited.out[0].binary!.signed).toMatchObject({ fileName: 'Contract - John Smith (Signed).pdf', mimeType: 'application/pdf' });
		expect(binaryContent(waited.out[0], 'signed').subarray(0, 5).toString()).toBe('%PDF-');
		expect(waited.json).toMatchObject({ signingSessionId: id, signedDocumentId: signedId, checks: 3 });
	}, 20_000);

	test('waiting gives up after Max Wait with a clear message; an unknown copy or an unfinished session is said at once', async () => {
		const { id, signedId } = await finished();
		const r = await run({ resource: 'signedOutput', operation: 'downloadSigned', sessionId: id, documentId: signedId, options: { waitWhileProcessing: true, maxWaitSeconds: 3 } });
		expect(r.error!.message).toBe(`EasyInk was still preparing signed document ${signedId} of session ${id} after 3 s (status "InProgress")`);
		expect(r.error!.description).toBe('Checked 3 times. Run the node again later, or raise "Max Wait (Seconds)".');
		expect(r.reqs.map((q) => q.path)).toEqual([`/api/signingSessions/${id}`, `/api/signingSessions/${id}`, `/api/signingSessions/${id}`]);

		const other = '11111111-2222-4333-8444-555555555555';
		const wrong = await run({ resource: 'signedOutput', operation: 'downloadSigned', sessionId: id, documentId: other, options: { waitWhileProcessing: true } });
		expect(wrong.error!.message).toBe(`Session ${id} has no signed document ${other}`);
		expect(wrong.reqs).toHaveLength(1);
		const running = await seedSession(env.sandbox, 'Pending', 'Not yet');
		const early = await run({ resource: 'signedOutput', operation: 'downloadAllInOne', sessionId: running.signingSessionId, options: { waitWhileProcessing: true } });
		expect(early.error!.message).toBe(`Session ${running.signingSessionId} is Pending: the all-in-one document exists once it is Finished`);
		expect(early.reqs).toHaveLength(1);
	}, 20_000);

	test('all-in-one document of a finished session to binary', async () => {
		const { id } = await finished();
		await control(env.sandbox, `/sessions/${id}/ready`);
		const r = await run({ resource: 'signedOutput', operation: 'downloadAllInOne', sessionId: id, binaryPropertyName: 'all' });
		expect(r.reqs.map(line)).toEqual([`GET /api/signingSessions/${id}/allInOneDocument 200`]);
		expect(r.out[0].binary!.all).toMatchObject({ fileName: 'Employment Agreement - All Signatures.pdf', mimeType: 'application/pdf' });
		expect(r.json).toMatchObject({ signingSessionId: id, fileName: 'Employment Agreement - All Signatures.pdf', mimeType: 'application/pdf' });

		env.state.settings.allInOneFails = true;
		const failed = await run({ resource: 'signedOutput', operation: 'downloadAllInOne', sessionId: id, options: { waitWhileProcessing: true } });
		expect(failed.error!.message).toBe('EasyInk rejected the request (400): All-in-one document compilation failed. (ValidationError)');
		expect(failed.reqs.map(line)).toEqual([`GET /api/signingSessions/${id} 200`, `GET /api/signingSessions/${id}/allInOneDocument 400`]);
	});
});
