/**
 * The emulator's documented validation and its strict reading: each bad request → 400/404 with EasyInk's ApiError body,
 * and nothing changes. What the documents do not name (body keys, query parameters, enum values) is refused.
 */
import { makePdf } from '../../sandbox/server';
import { john, maria, P, pdfForm, signatureField, useEasyInk } from './client';

const t = useEasyInk();
const MISSING = '00000000-0000-4000-8000-000000000000';

type Case = [name: string, request: (d: { id: string; documentId: string; johnId: string }) => [string, string, unknown?], status: number, error: Record<string, unknown>];

const vErr = (message: string) => ({ code: 'ValidationError', message });
const unknown = (kind: 'field' | 'parameter', name: string) => ({
	code: 'ValidationError',
	message: 'Validation failed for one or more fields',
	innerErrors: [kind === 'field' ? { code: 'UnknownField', message: `Unknown field: ${name}` } : { code: 'UnknownParameter', message: `Unknown query parameter: ${name}` }],
});
const place = (over: Record<string, unknown>) => (d: { id: string; documentId: string; johnId: string }) =>
	['POST', P.draftSignatureFields(d.id), signatureField(d.johnId, d.documentId, over)] as [string, string, unknown];

const cases: Case[] = [
	['subject over 500', () => ['POST', P.drafts(), { subject: 'x'.repeat(501) }], 400, vErr('Subject cannot exceed 500 characters')],
	['update subject over 500', (d) => ['PUT', P.draft(d.id), { subject: 'x'.repeat(501) }], 400, vErr('Subject cannot exceed 500 characters')],
	['unknown reminder', (d) => ['PUT', P.draft(d.id), { reminderFrequency: 'Hourly' }], 400, vErr("The 'reminderFrequency' field must be one of: Never, Daily, Weekly")],
	['first name missing', (d) => ['POST', P.draftParticipants(d.id), { ...john, firstName: undefined }], 400, vErr("The 'firstName' field is required")],
	['last name over 100', (d) => ['POST', P.draftParticipants(d.id), { ...john, lastName: 'y'.repeat(101) }], 400, vErr("The 'lastName' field must be between 1 and 100 characters")],
	['bad email', (d) => ['POST', P.draftParticipants(d.id), { ...john, email: 'john@' }], 400, vErr("The 'email' field is not a valid email address")],
	['email over 256', (d) => ['POST', P.draftParticipants(d.id), { ...john, email: `${'a'.repeat(250)}@x.io.example` }], 400, vErr("The 'email' field cannot exceed 256 characters")],
	['Email method without email', (d) => ['POST', P.draftParticipants(d.id), { ...john, email: null }], 400, vErr("The 'email' field is required")],
	['Sms method without phone', (d) => ['POST', P.draftParticipants(d.id), { ...maria, phone: null }], 400, vErr("The 'phone' field is required")],
	['phone not 10 digits', (d) => ['POST', P.draftParticipants(d.id), { ...maria, phone: '+12025551234' }], 400, vErr("The 'phone' field must be a 10-digit phone number")],
	['unknown delivery method', (d) => ['POST', P.draftParticipants(d.id), { ...john, deliveryMethods: ['Fax'] }], 400, vErr("Delivery method 'Fax' is not supported. Use Email or Sms")],
	['language', (d) => ['POST', P.draftParticipants(d.id), { ...john, language: 'German' }], 400, vErr("The 'language' field must be one of: English, Spanish")],
	['a role (not in the add request)', (d) => ['POST', P.draftParticipants(d.id), { ...john, role: 'CC' }], 400, unknown('field', 'role')],
	['an unknown draft key', () => ['POST', P.drafts(), { subject: 'S', folder: 'x' }], 400, unknown('field', 'folder')],
	['a body on allAtOnce', (d) => ['PUT', P.allAtOnce(d.id), { type: 'AllAtOnce' }], 400, vErr('This request takes no body')],
	['an unknown placement key', place({ rotation: 90 }), 400, vErr('Unknown field: placement.rotation')],
	['an unknown search parameter', () => ['GET', `${P.sessions()}?updatedAfter=2024-01-01`], 400, unknown('parameter', 'updatedAfter')],
	['an unknown sort property', () => ['GET', `${P.sessions()}?sorting.properties[0].propertyName=updated&sorting.properties[0].isDescending=true`], 400, vErr("Sorting by 'updated' is not supported")],
	['a query on statistics', () => ['GET', `${P.sessionStatistics()}?from=2024`], 400, unknown('parameter', 'from')],
	['a query on a draft', (d) => ['GET', `${P.draft(d.id)}?expand=all`], 400, unknown('parameter', 'expand')],
	[
		'several fields at once',
		(d) => ['POST', P.draftParticipants(d.id), { deliveryMethods: ['Email'] }],
		400,
		{
			code: 'ValidationError',
			message: 'Validation failed for one or more fields',
			innerErrors: [
				{ code: 'RequiredField', message: "The 'firstName' field is required" },
				{ code: 'RequiredField', message: "The 'lastName' field is required" },
				{ code: 'RequiredField', message: "The 'email' field is required" },
			],
		},
	],
	['page 0', place({ page: 0 }), 400, vErr('Page number cannot be less than 1')],
	['page past the end', place({ page: 2 }), 400, vErr('Page 2 does not exist: the document has 1 page(s)')],
	['negative X', place({ positionX: -1 }), 400, vErr('Position on X-axis cannot be less than 0')],
	['negative Y', place({ positionY: -0.5 }), 400, vErr('Position on Y-axis cannot be less than 0')],
	['width under 0.1', place({ sizeX: 0.05 }), 400, vErr('Width (sizeX) cannot be less than 0.1')],
	['height under 0.1', place({ sizeY: 0 }), 400, vErr('Height (sizeY) cannot be less than 0.1')],
	[
		'options for another type',
		(d) => ['POST', P.draftSignatureFields(d.id), { ...signatureField(d.johnId, d.documentId), field: { type: 'Signature', placement: { page: 1, positionX: 1, positionY: 1, sizeX: 1, sizeY: 1 }, options: { forType: 'Date' } } }],
		400,
		vErr('Field options must target the field type'),
	],
	['field on an unknown document', (d) => ['POST', P.draftSignatureFields(d.id), signatureField(d.johnId, MISSING)], 400, vErr(`Document '${MISSING}' not found`)],
	['empty order', (d) => ['PUT', P.oneByOne(d.id), { participantsOrder: [] }], 400, vErr("The 'participantsOrder' field cannot be empty")],
	['void a draft', (d) => ['POST', P.sessionVoid(d.id), { reason: 'r' }], 404, { code: 'NotFound', message: 'The specified signing session ID was not found.' }],
	['page size 101', () => ['GET', `${P.sessions()}?pageSize=101`], 400, vErr('Page size must be between 1 and 100')],
	['page size 0', () => ['GET', `${P.sessions()}?pageSize=0`], 400, vErr('Page size must be between 1 and 100')],
	['page index -1', () => ['GET', `${P.sessions()}?pageIndex=-1`], 400, vErr('Page index must be 0 or greater')],
	['unknown status filter', () => ['GET', `${P.sessions()}?statuses=Pending`], 400, vErr("Status 'Pending' is not supported")],
	['start a draft (not converted)', (d) => ['POST', P.sessionStart(d.id)], 404, { code: 'NotFound', message: 'The specified signing session ID was not found.' }],
	['id not a UUID', () => ['GET', P.draft('12345')], 400, vErr("'12345' is not a valid signingSessionId: a UUID is expected")],
	['unknown draft', () => ['PUT', P.allAtOnce(MISSING)], 404, { code: 'NotFound', message: 'Signing session draft does not exists' }],
	['unknown session', () => ['GET', P.session(MISSING)], 404, { code: 'NotFound', message: 'The specified signing session ID was not found.' }],
];

test.each(cases)('%s', async (_name, request, status, error) => {
	const { id, documentId, participantIds } = await t.draftWith([john]);
	const before = JSON.stringify((await t.api('GET', P.draft(id))).body);
	const [method, path, body] = request({ id, documentId, johnId: participantIds[0] });
	const r = await t.api(method, path, body);
	expect([r.status, r.body]).toEqual([status, { error }]);
	expect(JSON.stringify((await t.api('GET', P.draft(id))).body)).toBe(before);
	expect(t.state.sessions.size).toBe(1);
});

test('uploads: multipart field fileContent, PDF or Word only, not empty', async () => {
	const id = (await t.api('POST', P.drafts(), { subject: 'Uploads' })).body;
	const wrongField = await t.api('POST', P.draftDocuments(id), pdfForm(makePdf('x'), 'a.pdf', 'application/pdf', 'file'));
	expect(wrongField.body).toEqual({ error: { code: 'ValidationError', message: 'Unknown form field: file' } });
	const noFile = new FormData();
	noFile.append('fileContent', 'not a file');
	expect((await t.api('POST', P.draftDocuments(id), noFile)).body).toEqual({ error: { code: 'ValidationError', message: "The 'fileContent' field is required" } });
	expect((await t.api('POST', P.draftDocuments(id), pdfForm(Buffer.from('hello'), 'notes.txt', 'text/plain'))).body.error.message).toBe(
		"Unsupported file format 'text/plain'. Upload a PDF or Word document",
	);
	expect((await t.api('POST', P.draftDocuments(id), pdfForm(Buffer.alloc(0), 'empty.pdf'))).body.error.message).toBe('The uploaded file is empty');
	expect((await t.api('POST', P.draftDocuments(id), { fileContent: 'base64?' })).body.error.message).toBe(
		'The request must be multipart/form-data with a fileContent part',
	);
	expect((await t.api('GET', P.draft(id))).body.documents).toEqual([]);
});

test('an uploaded document is processing for a while: no fields, no download, no convert until it is ProcessingReady', async () => {
	await t.control('/settings', { documentProcessingMs: 60_000 });
	const id = (await t.api('POST', P.drafts(), { subject: 'Processing' })).body;
	const documentId = (await t.api('POST', P.draftDocuments(id), pdfForm(makePdf('x'), 'Contract.pdf'))).body;
	const johnId = (await t.api('POST', P.draftParticipants(id), john)).body;
	expect((await t.api('GET', P.draft(id))).body.documents).toEqual([{ id: documentId, title: 'Contract', blobId: expect.any(String), status: 'Processing', pages: [] }]);
	expect((await t.api('GET', P.draftDocument(id, documentId))).body.error.message).toBe('Document processing is in progress. Try again later.');
	expect((await t.api('POST', P.draftSignatureFields(id), signatureField(johnId, documentId))).body.error.message).toBe('Document processing is in progress. Try again later.');
	expect((await t.api('POST', P.draftConvert(id))).body.error.innerErrors).toEqual([
		{ code: 'DocumentProcessing', message: 'Document processing is in progress. Try again later.' },
		{ code: 'NoSignatureFields', message: `Participant '${johnId}' has no signature fields` },
	]);
	t.sandbox.clockSkewMs = 61_000; // processing over
	expect((await t.api('GET', P.draft(id))).body.documents[0]).toMatchObject({ status: 'ProcessingReady', pages: [{ pageNumber: 1 }] });
	expect((await t.api('POST', P.draftSignatureFields(id), signatureField(johnId, documentId))).status).toBe(200);
	expect((await t.api('POST', P.draftConvert(id))).status).toBe(204);
	// Converted: the draft is locked, and the signing order can no longer change.
	expect((await t.api('POST', P.draftParticipants(id), maria)).body.error.message).toBe('Signing session draft is locked and cannot be modified');
	expect((await t.api('PUT', P.allAtOnce(id))).body.error.message).toBe('Signing order can only be configured while the session is in Draft status.');
});

test('a document whose processing fails is listed as ProcessingFailed and blocks the convert', async () => {
	await t.control('/settings', { documentProcessingFails: true });
	const id = (await t.api('POST', P.drafts(), { subject: 'Broken' })).body;
	const documentId = (await t.api('POST', P.draftDocuments(id), pdfForm(makePdf('x'), 'Broken.pdf'))).body;
	t.sandbox.clockSkewMs = 61_000;
	expect((await t.api('GET', P.draft(id))).body.documents[0]).toMatchObject({ id: documentId, status: 'ProcessingFailed' });
	expect((await t.api('POST', P.draftConvert(id))).body.error.innerErrors).toContainEqual({ code: 'DocumentProcessingFailed', message: 'A document could not be processed' });
});

test('void: the documented errors (reason, already voided, organization policy) and the reason limit', async () => {
	const { id } = await t.draftWith([john]);
	await t.start(id);
	const voidIt = (b: unknown) => t.api('POST', P.sessionVoid(id), b);
	expect((await voidIt({})).body.error).toEqual(vErr('A reason for voiding is required.'));
	expect((await voidIt({ reason: 'r'.repeat(1001) })).body.error).toEqual(vErr("The 'reason' field must be between 1 and 1000 characters"));
	expect((await t.api('POST', P.sessionRecreate(id), { subject: 'New' })).body.error).toEqual(vErr('A reason for voiding is required.'));
	await t.control('/settings', { voidDisabled: true });
	const policy = await voidIt({ reason: 'Wrong salary' });
	expect([policy.status, policy.body.error]).toEqual([403, { code: 'Forbidden', message: 'The session cannot be voided due to organization policy.' }]);
	expect((await t.api('GET', P.session(id))).body.canBeVoided).toBe(false);
	await t.control('/settings', { voidDisabled: false });
	expect((await voidIt({ reason: 'Wrong salary' })).status).toBe(204);
	expect((await voidIt({ reason: 'Again' })).body.error).toEqual(vErr('The session is already in Voided status.'));
});

test('sequential order must name every participant exactly once', async () => {
	const { id, participantIds } = await t.draftWith([john, maria]);
	const [johnId, mariaId] = participantIds;
	expect((await t.api('PUT', P.oneByOne(id), { participantsOrder: [johnId] })).body.error.message).toBe(
		`There are some participants missed in signing order definition: ${mariaId}`,
	);
	expect((await t.api('PUT', P.oneByOne(id), { participantsOrder: [johnId, johnId, mariaId] })).body.error.message).toBe(
		`Participant '${johnId}' appears more than once in the signing order`,
	);
	expect((await t.api('PUT', P.oneByOne(id), { participantsOrder: [johnId, mariaId, MISSING] })).body.error.message).toBe(
		`Participant '${MISSING}' is not part of this signing session`,
	);
	expect((await t.api('GET', P.draft(id))).body.signingOrderSettings).toEqual({ type: 'AllAtOnce', participantsOrder: null });
});

test('signed documents: none before the participant signs; all-in-one only once finished, and its compilation failure', async () => {
	const { id } = await t.draftWith([john, maria]);
	await t.start(id);
	expect((await t.api('GET', P.session(id))).body.signedDocuments).toEqual([]);
	expect((await t.api('GET', P.sessionSignedDocument(id, MISSING))).body.error.message).toBe('Signed document is not available until participant completes signing');
	expect((await t.api('GET', P.sessionAllInOneDocument(id))).body.error.message).toBe('The all-in-one document is available only after the signing session is finished');
	await t.control(`/sessions/${id}/sign`);
	await t.control(`/sessions/${id}/sign`);
	await t.control('/settings', { allInOneFails: true });
	expect((await t.api('GET', P.sessionAllInOneDocument(id))).body.error.message).toBe('All-in-one document compilation failed.');
});
