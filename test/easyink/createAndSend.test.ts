/** Signing Session → Create and Send: the one-step flow, its exact requests, and what is left behind on failure. */
import { EASYINK_SANDBOX_ROUTES } from '../../sandbox/providers/easyink';
import { makePdf } from '../../sandbox/server';
import { fileItem, single } from '../helpers';
import { API, UUID, afterAnswer, easyInk, pdfWithPages, useEasyInkEnv } from './env';

const env = useEasyInkEnv();

const participants = {
	participant: [
		{ firstName: 'John', lastName: 'Smith', email: 'john.smith@example.com', deliveryMethods: ['Email'], language: 'English' },
		{ firstName: 'Maria', middleName: 'J', lastName: 'Lopez', phone: '2025551234', deliveryMethods: ['Sms'], language: 'Spanish' },
	],
};

function createAndSend(extra: Record<string, unknown> = {}) {
	return easyInk({
		resource: 'session',
		operation: 'createAndSend',
		subject: 'Employment Agreement - John Smith',
		binaryPropertyNames: 'data, appendix',
		participants,
		...extra,
	});
}

const DOCX = Buffer.from('PK\u0003\u0004 word document');

function twoFiles() {
	const item = fileItem(pdfWithPages(3), 'Contract.pdf');
	const docx = DOCX;
	item.binary!.appendix = {
		...fileItem(docx, 'Appendix.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document').binary!.data,
	};
	return [item];
}

/** EasyInk finishes processing the uploads right after the draft was read `n` times (processing "takes" n reads). */
function processedAfterReads(n: number): () => void {
	env.state.settings.documentProcessingMs = 600_000;
	let reads = 0;
	return afterAnswer(env.sandbox, 'GET', EASYINK_SANDBOX_ROUTES.draftGet.path, (req) => {
		if (++reads === n) env.state.makeReady(req.params.id);
	});
}

test('creates the draft, uploads each file, adds participants, waits until EasyInk has processed the files, places one signature per participant on each last page, then starts it', async () => {
	const undo = processedAfterReads(2);
	const result = await env.engine.run(single(createAndSend({ signingOrder: 'sequential', options: { reminderFrequency: 'Daily' } })), twoFiles());
	undo();
	expect(result.error()).toBeUndefined();
	const out = result.output('EasyInk');
	expect(out).toHaveLength(1);
	const json = out[0].json as Record<string, any>;  
	const id = json.signingSessionId;
	expect(id).toMatch(UUID);

	const reqs = env.sandbox.requestsFor(API);
	const P = `/api/signingSessionDrafts/${id}`;
	expect(reqs.map((r) => `${r.method} ${r.path}`)).toEqual([
		'POST /api/signingSessionDrafts',
		`POST ${P}/documents`,
		`POST ${P}/documents`,
		`POST ${P}/participants`,
		`POST ${P}/participants`,
		// Processing: twice "Processing", then both documents "ProcessingReady" (pauses of 0.5 s, then 1 s).
		`GET ${P}`,
		`GET ${P}`,
		`GET ${P}`,
		`POST ${P}/signatureFields`,
		`POST ${P}/signatureFields`,
		`POST ${P}/signatureFields`,
		`POST ${P}/signatureFields`,
		`PUT ${P}/signingOrder/oneByOne`,
		`PUT ${P}`,
		`POST ${P}/converted`,
		`POST /api/signingSessions/${id}/started`,
		`GET /api/signingSessions/${id}`,
	]);
	expect(reqs.every((r) => r.status! < 300)).toBe(true);
	expect(reqs[0].body).toEqual({ subject: 'Employment Agreement - John Smith' });
	expect(reqs[1].parts).toEqual([{ name: 'fileContent', filename: 'Contract.pdf', contentType: 'application/pdf', size: pdfWithPages(3).length, value: undefined }]);
	expect(reqs[2].parts).toEqual([
		{
			name: 'fileContent',
			filename: 'Appendix.docx',
			contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			size: DOCX.length,
			value: undefined,
		},
	]);
	expect(reqs[3].body).toEqual({ firstName: 'John', middleName: null, lastName: 'Smith', email: 'john.smith@example.com', phone: null, deliveryMethods: ['Email'], language: 'English' });
	expect(reqs[4].body).toEqual({ firstName: 'Maria', middleName: 'J', lastName: 'Lopez', email: null, phone: '2025551234', deliveryMethods: ['Sms'], language: 'Spanish' });

	const [doc1, doc2] = json.documents.map((d: { documentId: string }) => d.documentId);
	const [john, maria] = json.participants.map((p: { participantId: string }) => p.participantId);
	const field = (participantId: string, documentId: string, page: number, positionY: number) => ({
		participantId,
		documentId,
		field: { type: 'Signature', placement: { page, positionX: 72, positionY, sizeX: 200, sizeY: 50 }, options: { isRequired: true, forType: 'Signature' } },
	});
	// Contract.pdf has 3 pages, the converted Word file 1: each participant signs the last page of each, stacked.
	expect(reqs.slice(8, 12).map((r) => r.body)).toEqual([field(john, doc1, 3, 72), field(maria, doc1, 3, 142), field(john, doc2, 1, 72), field(maria, doc2, 1, 142)]);
	expect(reqs[12].body).toEqual({ participantsOrder: [john, maria] });
	expect(reqs[13].body).toEqual({ subject: 'Employment Agreement - John Smith', reminderFrequency: 'Daily' });
	expect(reqs[14].size).toBe(0); // convert and start carry no body
	expect(reqs[15].size).toBe(0);

	expect(json).toMatchObject({
		subject: 'Employment Agreement - John Smith',
		status: 'Pending',
		signingOrder: 'OneByOne',
		documents: [
			{ documentId: doc1, fileName: 'Contract.pdf', binaryPropertyName: 'data' },
			{ documentId: doc2, fileName: 'Appendix.docx', binaryPropertyName: 'appendix' },
		],
		participants: [
			{ participantId: john, firstName: 'John', lastName: 'Smith', email: 'john.smith@example.com' },
			{ participantId: maria, firstName: 'Maria', lastName: 'Lopez', email: null },
		],
	});
	expect(json.signatureFields).toHaveLength(4);
	expect(json.session.participants.map((p: { status: string }) => p.status)).toEqual(['Pending', 'Waiting']);
	const stored = env.state.sessions.get(id)!;
	expect(stored.status).toBe('Pending');
	expect(stored.reminderFrequency).toBe('Daily');
	expect(out[0].binary).toBeUndefined();
});

test('fields can be placed one by one; a parallel order sends no order request', async () => {
	const fields = {
		field: [
			{ participant: 2, document: 1, type: 'Signature', page: 2, positionX: 300, positionY: 40, sizeX: 150, sizeY: 40, isRequired: true },
			{ participant: 1, document: 1, type: 'Initials', page: 1, positionX: 500, positionY: 20, sizeX: 40, sizeY: 20, isRequired: false },
		],
	};
	env.state.settings.documentProcessingMs = 0; // processed by the time the draft is read
	const result = await env.engine.run(single(createAndSend({ binaryPropertyNames: 'data', fieldMode: 'custom', fields })), [fileItem(pdfWithPages(2), 'Contract.pdf')]);
	expect(result.error()).toBeUndefined();
	const json = result.output('EasyInk')[0].json as Record<string, any>;  
	const reqs = env.sandbox.requestsFor(API);
	expect(reqs.map((r) => r.path.replace(json.signingSessionId, ':id'))).toEqual([
		'/api/signingSessionDrafts',
		'/api/signingSessionDrafts/:id/documents',
		'/api/signingSessionDrafts/:id/participants',
		'/api/signingSessionDrafts/:id/participants',
		'/api/signingSessionDrafts/:id',
		'/api/signingSessionDrafts/:id/signatureFields',
		'/api/signingSessionDrafts/:id/signatureFields',
		'/api/signingSessionDrafts/:id/converted',
		'/api/signingSessions/:id/started',
		'/api/signingSessions/:id',
	]);
	const [john, maria] = json.participants.map((p: { participantId: string }) => p.participantId);
	const doc = json.documents[0].documentId;
	expect(reqs[5].body).toEqual({
		participantId: maria,
		documentId: doc,
		field: { type: 'Signature', placement: { page: 2, positionX: 300, positionY: 40, sizeX: 150, sizeY: 40 }, options: { isRequired: true, forType: 'Signature' } },
	});
	expect(reqs[6].body).toEqual({
		participantId: john,
		documentId: doc,
		field: { type: 'Initials', placement: { page: 1, positionX: 500, positionY: 20, sizeX: 40, sizeY: 20 }, options: { isRequired: false, forType: 'Initials' } },
	});
	expect(json.signingOrder).toBe('AllAtOnce');
});

test('a failure midway names the draft left behind; with Continue On Fail its id is in the failed item', async () => {
	// The second participant's request fails on EasyInk's side: a create is never sent twice.
	env.sandbox.addFault({ prefix: API, method: 'POST', path: '/participants', status: 503, times: 99 });
	const result = await env.engine.run(single(createAndSend({ binaryPropertyNames: 'data' })), [fileItem(makePdf('x'), 'Contract.pdf')]);
	const error = result.error('EasyInk')!;
	const draftId = env.sandbox.requestsFor(API)[0] && [...env.state.sessions.keys()][0];
	expect(draftId).toMatch(UUID);
	expect(error.message).toBe(
		`EasyInk answered 503 to POST /easyink/api/signingSessionDrafts/${draftId}/participants: Injected 503 (SANDBOX_FAULT) — while trying to add participant 1 (John Smith); draft ${draftId} was left behind`,
	);
	expect(error.description).toContain(`Draft ${draftId} was created but not sent.`);
	expect(error.description).toContain('it was not sent again');
	expect(env.sandbox.requestsFor(API).filter((r) => r.path.endsWith('/participants'))).toHaveLength(1);

	env.sandbox.reset();
	env.sandbox.addFault({ prefix: API, method: 'POST', path: '/converted', status: 400, body: { error: { code: 'ValidationError', message: 'Session configuration is invalid.' } } });
	const n = { ...createAndSend({ binaryPropertyNames: 'data' }), continueOnFail: true };
	const r2 = await env.engine.run(single(n), [fileItem(makePdf('x'), 'Contract.pdf'), fileItem(makePdf('y'), 'Second.pdf')]);
	const out = r2.output('EasyInk');
	expect(out).toHaveLength(2);
	const failed = out[0].json as Record<string, any>;  
	const ids = [...env.state.sessions.keys()];
	expect(failed.leftBehindDraftId).toBe(ids[0]);
	expect(failed.failedStep).toBe('convert the draft to ready to start');
	expect(failed.error).toBe(
		`EasyInk rejected the request (400): Session configuration is invalid. (ValidationError) — while trying to convert the draft to ready to start; draft ${ids[0]} was left behind`,
	);
	expect(failed.documents).toHaveLength(1);
	expect(failed.participants).toHaveLength(2);
	expect(failed.signatureFields).toHaveLength(2);
	expect(out[0].pairedItem).toEqual({ item: 0 });
	// The second item still ran and was sent.
	expect(out[1].json).toMatchObject({ signingSessionId: ids[1], status: 'Pending' });
	expect(env.state.sessions.get(ids[0])!.status).toBe('Draft');
});

test('files that are not PDF or Word are refused before anything is created', async () => {
	const result = await env.engine.run(single(createAndSend({ binaryPropertyNames: 'data, appendix' })), [
		(() => {
			const item = fileItem(makePdf('x'), 'Contract.pdf');
			item.binary!.appendix = fileItem(Buffer.from('a,b'), 'list.csv', 'text/csv').binary!.data;
			return item;
		})(),
	]);
	expect(result.error('EasyInk')!.message).toBe(
		'Invalid "Input Binary Fields": "list.csv" is text/csv, but EasyInk accepts only PDF or Word files [item 0]',
	);
	const missing = await env.engine.run(single(createAndSend({ binaryPropertyNames: 'data, scan' })), [fileItem(makePdf('x'))]);
	expect(missing.error('EasyInk')!.message).toBe('Invalid "Input Binary Fields": the input item has no binary field "scan" [item 0]');
	expect(env.sandbox.requestsFor(API)).toHaveLength(0);
});

test('a participant row without delivery methods is sent by the contacts it has', async () => {
	const rowsIn = { participant: [{ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' }, { firstName: 'Bo', lastName: 'Ek', phone: '2025550123', deliveryMethods: [] }] };
	const result = await env.engine.run(single(createAndSend({ binaryPropertyNames: 'data', participants: rowsIn })), [fileItem(makePdf('x'), 'Contract.pdf')]);
	expect(result.error()).toBeUndefined();
	const adds = env.sandbox.requestsFor(API).filter((r) => r.path.endsWith('/participants'));
	expect(adds.map((r) => (r.body as { deliveryMethods: string[] }).deliveryMethods)).toEqual([['Email'], ['Sms']]);
});

test('the wait for processing is bounded: a document still processing after "Max Document Wait" fails before any field or convert', async () => {
	env.state.settings.documentProcessingMs = 600_000;
	const result = await env.engine.run(single(createAndSend({ binaryPropertyNames: 'data', options: { processingTimeoutSeconds: 1 } })), [fileItem(makePdf('x'), 'Contract.pdf')]);
	const error = result.error('EasyInk')!;
	const draftId = [...env.state.sessions.keys()][0];
	expect(error.message).toBe(
		`EasyInk was still processing the documents of draft ${draftId} after 1 s (document 1 is "Processing") — while trying to wait until EasyInk has processed the documents; draft ${draftId} was left behind`,
	);
	// Looks at 0 s, 0.5 s and 1 s.
	expect(error.description).toMatch(/^Checked 3 times\. Raise "Max Document Wait \(Seconds\)"/);
	const paths = env.sandbox.requestsFor(API).map((r) => `${r.method} ${r.path.replace(draftId, ':id')}`);
	expect(paths.slice(-4)).toEqual(['POST /api/signingSessionDrafts/:id/participants', 'GET /api/signingSessionDrafts/:id', 'GET /api/signingSessionDrafts/:id', 'GET /api/signingSessionDrafts/:id']);
	expect(paths.some((p) => p.includes('signatureFields') || p.includes('converted'))).toBe(false);
});

test('a document EasyInk cannot process ends the wait at once, naming it', async () => {
	env.state.settings.documentProcessingFails = true;
	const result = await env.engine.run(single(createAndSend({ binaryPropertyNames: 'data' })), [fileItem(makePdf('x'), 'Contract.pdf')]);
	const draftId = [...env.state.sessions.keys()][0];
	const documentId = env.state.sessions.get(draftId)!.documents[0].id;
	expect(result.error('EasyInk')!.message).toBe(
		`EasyInk could not process document 1 (${documentId}) of draft ${draftId} (status "ProcessingFailed") — while trying to wait until EasyInk has processed the documents; draft ${draftId} was left behind`,
	);
	expect(env.sandbox.requestsFor(API).filter((r) => r.method === 'GET')).toHaveLength(1);
});

test('a 1 MB subject is refused before anything is sent, naming the documented limit', async () => {
	const result = await env.engine.run(single(createAndSend({ binaryPropertyNames: 'data', subject: 'x'.repeat(1024 * 1024) })), [fileItem(makePdf('x'), 'Contract.pdf')]);
	expect(result.error('EasyInk')!.message).toBe('Invalid "Subject" must be at most 500 characters [item 0]');
	expect(env.sandbox.requestsFor(API)).toHaveLength(0);
});
