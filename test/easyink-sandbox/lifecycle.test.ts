/** The emulated signing-session life cycle: draft → ready → pending → in progress → finished, and the other ends. */
import { makePdf } from '../../sandbox/server';
import { EASYINK_ME } from '../../sandbox/providers/easyink';
import { john, maria, P, pdfForm, signatureField, useEasyInk } from './client';

const t = useEasyInk();

test('sequential session: signatures in order, signed copies processing then ready, all-in-one at the end', async () => {
	const { id, documentId, participantIds } = await t.draftWith([john, maria]);
	const [johnId, mariaId] = participantIds;
	expect((await t.api('PUT', P.oneByOne(id), { participantsOrder: [mariaId, johnId] })).status).toBe(204);

	const draft = (await t.api('GET', P.draft(id))).body;
	expect(draft).toMatchObject({
		signingSessionId: id,
		subject: 'Employment Agreement - John Smith',
		isLocked: false,
		documents: [{ id: documentId, title: 'Employment Contract', status: 'ProcessingReady' }],
		participants: [
			{ id: johnId, firstName: 'John', email: 'john.smith@example.com', deliveryMethods: ['Email'], role: 'Signer' },
			{ id: mariaId, phone: '2025551234', language: 'Spanish' },
		],
		signingOrderSettings: { type: 'OneByOne', participantsOrder: [mariaId, johnId] },
	});
	expect(draft.signatureFields).toHaveLength(2);

	await t.start(id);
	let session = (await t.api('GET', P.session(id))).body;
	expect(session.status).toBe('Pending');
	expect(session.participants.map((p: { status: string }) => p.status)).toEqual(['Waiting', 'Pending']);
	expect(session.signedDocuments).toEqual([]);
	expect(session.allInOneDocument).toBeNull();

	// One-by-one: John cannot sign before Maria.
	expect((await t.control(`/sessions/${id}/sign`, { participantId: johnId })).status).toBe(409);
	session = (await t.control(`/sessions/${id}/sign`, { participantId: mariaId })).body;
	expect(session.status).toBe('InProgress');
	const mariaCopy = session.signedDocuments[0];
	expect(mariaCopy).toEqual({ signedDocumentId: expect.any(String), title: 'Employment Contract - Maria Lopez (Signed).pdf', processingStatus: 'InProgress' });

	// Processing: "not ready" until the delay passed.
	const notReady = await t.api('GET', P.sessionSignedDocument(id, mariaCopy.signedDocumentId));
	expect(notReady.status).toBe(400);
	expect(notReady.body).toEqual({ error: { code: 'ValidationError', message: 'Document processing is in progress. Try again later.' } });
	t.sandbox.clockSkewMs = 2_000;
	const ready = await t.api('GET', P.sessionSignedDocument(id, mariaCopy.signedDocumentId));
	expect(ready.status).toBe(200);
	expect(ready.headers.get('content-type')).toBe('application/pdf');
	expect(ready.headers.get('content-disposition')).toContain('filename="Employment Contract - Maria Lopez (Signed).pdf"');
	expect(ready.bytes.subarray(0, 5).toString()).toBe('%PDF-');

	session = (await t.control(`/sessions/${id}/sign`)).body; // next in order: John
	expect(session.status).toBe('Finished');
	expect(session.participants.every((p: { status: string; signedAt: string }) => p.status === 'Signed' && p.signedAt)).toBe(true);
	expect(session.allInOneDocument).toEqual({ title: 'Employment Agreement - John Smith - All Signatures.pdf', status: 'InProgress' });
	expect((await t.api('GET', P.sessionAllInOneDocument(id))).body.error.message).toBe('Document processing is in progress. Try again later.');
	expect((await t.control(`/sessions/${id}/ready`)).body.allInOneDocument.status).toBe('Ready');
	const all = await t.api('GET', P.sessionAllInOneDocument(id));
	expect([all.status, all.headers.get('content-disposition')]).toEqual([200, expect.stringContaining('All Signatures.pdf')]);

	// A finished session can be neither voided nor deleted.
	expect((await t.api('POST', P.sessionVoid(id), { reason: 'Too late' })).body.error.message).toBe('A signing session in Finished status cannot be voided');
	expect((await t.api('DELETE', P.draft(id))).body.error.message).toBe('Signing session draft is locked and cannot be removed');
});

test('decline, expire, void, recreate-and-void and duplicate', async () => {
	const declined = await t.draftWith([john]);
	await t.start(declined.id);
	expect((await t.control(`/sessions/${declined.id}/decline`, { reason: 'Wrong salary' })).body.status).toBe('Declined');

	const expired = await t.draftWith([john]);
	await t.start(expired.id);
	expect((await t.control(`/sessions/${expired.id}/expire`)).body.status).toBe('Expired');
	expect((await t.api('POST', P.sessionDuplicate(expired.id), {})).body.error.message).toBe('A signing session in Expired status cannot be duplicated');

	const voided = await t.draftWith([john]);
	await t.start(voided.id);
	expect((await t.api('POST', P.sessionVoid(voided.id), { reason: 'Document contained incorrect information' })).status).toBe(204);
	expect((await t.api('GET', P.session(voided.id))).body).toMatchObject({ status: 'Voided', canBeVoided: false, canBeCopied: false });

	const original = await t.draftWith([john, maria]);
	await t.start(original.id);
	const recreated = await t.api('POST', P.sessionRecreate(original.id), { subject: 'Corrected', voidReason: 'Incorrect salary information' });
	expect(recreated.status).toBe(200);
	expect((await t.api('GET', P.session(original.id))).body.status).toBe('Voided');
	const copy = (await t.api('GET', P.draft(recreated.body))).body;
	expect(copy).toMatchObject({ subject: 'Corrected', isLocked: false });
	expect(copy.participants.map((p: { firstName: string }) => p.firstName)).toEqual(['John', 'Maria']);
	expect(copy.participants[0].id).not.toBe(original.participantIds[0]);
	// The copied fields point at the copied participants and document.
	expect(copy.signatureFields.map((f: { participantId: string }) => f.participantId)).toEqual(copy.participants.map((p: { id: string }) => p.id));
	expect(copy.signatureFields[0].documentId).toBe(copy.documents[0].id);

	const dup = await t.api('POST', P.sessionDuplicate(declined.id), {});
	expect((await t.api('GET', P.draft(dup.body))).body.subject).toBe('Employment Agreement - John Smith');
});

test('search: each status filter matches that status only (no filter finds Pending), NeedToSign, NeedsAction, pages and sorting; statistics', async () => {
	const seed = async (status: string, subject: string, includeMe = false) => (await t.control('/sessions', { status, subject, includeMe })).body;
	await seed('Draft', 'a draft');
	await seed('ReadyToStart', 'b ready');
	await seed('Pending', 'c pending');
	await seed('InProgress', 'd in progress');
	await seed('Pending', 'e me to sign', true);
	await seed('Finished', 'f finished');
	const declined = await seed('Declined', 'g declined');
	await seed('Expired', 'h expired');
	await seed('Voided', 'i voided');

	const search = async (query: string) => (await t.api('GET', `${P.sessions()}?${query}`)).body;
	const subjects = (r: { items: Array<{ subject: string }> }) => r.items.map((i) => i.subject);

	// Newest first by default.
	const page0 = await search('pageSize=4');
	expect(subjects(page0)).toEqual(['i voided', 'h expired', 'g declined', 'f finished']);
	expect(page0).toMatchObject({ totalItemsCount: 9, pagesCount: 3, pageIndex: 0, pageSize: 4 });
	expect(subjects(await search('pageSize=4&pageIndex=2'))).toEqual(['a draft']);
	expect((await search('pageSize=4&pageIndex=3')).items).toEqual([]);

	// The reference lists no "Pending" filter and does not say that InProgress includes it: the strict reader does not.
	expect(subjects(await search('statuses=InProgress'))).toEqual(['d in progress']);
	expect(subjects(await search('pageSize=100')).filter((x) => x.includes('pending') || x.includes('me to sign'))).toEqual(['e me to sign', 'c pending']);
	const needToSign = await search('statuses=NeedToSign');
	expect(needToSign.items).toEqual([expect.objectContaining({ subject: 'e me to sign', currentUserNeedToSign: true, status: 'Pending', isBulk: false })]);
	expect(subjects(await search('statuses=NeedsAction'))).toEqual(['g declined']);
	expect(subjects(await search('statuses=Finished&statuses=Expired'))).toEqual(['h expired', 'f finished']);
	expect(subjects(await search('statuses=Draft&statuses=ReadyToStart&sorting.properties[0].propertyName=subject&sorting.properties[0].isDescending=false'))).toEqual([
		'a draft',
		'b ready',
	]);

	await t.control(`/sessions/${declined.signingSessionId}/notification-error`);
	expect((await t.api('GET', P.sessionStatistics())).body).toEqual({
		sessionsToSignCount: 1,
		draftsCount: 1,
		readyToStartCount: 1,
		inProgressCount: 3,
		needsActionCount: 1,
	});
});

test('draft editing: Add Me, Word upload shown as PDF, attachment, cascades on removal, field repositioning', async () => {
	const { id, documentId, participantIds } = await t.draftWith([john]);
	const me = await t.api('POST', P.draftParticipantMe(id));
	expect(me.body).toMatchObject({ firstName: EASYINK_ME.firstName, email: EASYINK_ME.email, userId: EASYINK_ME.userId, deliveryMethods: null, role: 'Signer' });
	expect((await t.api('POST', P.draftParticipantMe(id))).body.error.message).toBe('The current user is already a participant of this signing session');

	const word = await t.api(
		'POST',
		P.draftDocuments(id),
		pdfForm(Buffer.from('PK\u0003\u0004 docx bytes'), 'Offer Letter.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
	);
	const attachment = await t.api('POST', P.draftAttachments(id), pdfForm(makePdf('Handbook'), 'Employee Handbook.pdf'));
	expect((await t.api('GET', P.draftDocument(id, word.body))).body.error.message).toBe('Document processing is in progress. Try again later.');
	await t.control(`/sessions/${id}/ready`);
	const original = await t.api('GET', P.draftDocument(id, word.body));
	expect([original.status, original.headers.get('content-type')]).toEqual([200, 'application/pdf']);
	expect(original.headers.get('content-disposition')).toContain('filename="Offer Letter.pdf"');

	expect((await t.api('GET', P.draftAttachment(id, attachment.body))).headers.get('content-disposition')).toContain('Employee Handbook.pdf');
	expect((await t.api('DELETE', P.draftAttachment(id, attachment.body))).status).toBe(204);
	expect((await t.api('GET', P.draftAttachment(id, attachment.body))).body.error.message).toBe(`Attachment '${attachment.body}' not found`);

	// Removing a signature field removes the fields that depend on it.
	const signature = (await t.api('POST', P.draftSignatureFields(id), signatureField(me.body.id, documentId))).body;
	const date = (
		await t.api('POST', P.draftSignatureFields(id), {
			participantId: me.body.id,
			documentId,
			field: { type: 'Date', dependsOn: signature, placement: { page: 1, positionX: 320, positionY: 200, sizeX: 80, sizeY: 20 }, options: { forType: 'Date' } },
		})
	).body;
	expect((await t.api('PUT', P.draftSignatureFieldPlacement(id, signature), { page: 1, positionX: 395, positionY: 792, sizeX: 200, sizeY: 50 })).status).toBe(204);
	expect((await t.api('PUT', P.draftSignatureFieldOptions(id, signature), { isRequired: false, forType: 'Signature' })).status).toBe(204);
	let fields = (await t.api('GET', P.draft(id))).body.signatureFields;
	expect(fields.find((f: { id: string }) => f.id === signature)).toMatchObject({ placement: { positionX: 395, positionY: 792 }, options: { isRequired: false } });
	expect((await t.api('DELETE', P.draftSignatureField(id, signature))).body).toEqual([signature, date]);

	// Removing a participant removes their fields; removing the document removes its fields.
	expect((await t.api('DELETE', P.draftParticipant(id, participantIds[0]))).status).toBe(204);
	fields = (await t.api('GET', P.draft(id))).body.signatureFields;
	expect(fields).toEqual([]);
	expect((await t.api('DELETE', P.draftDocument(id, documentId))).status).toBe(204);

	// Convert then refuses: the remaining participant (me) has no fields.
	const convert = await t.api('POST', P.draftConvert(id));
	expect(convert.body.error.message).toBe('Session configuration is invalid. Check that all documents, participants, and fields are configured.');
	expect(convert.body.error.innerErrors).toEqual([{ code: 'NoSignatureFields', message: `Participant '${me.body.id}' has no signature fields` }]);

	expect((await t.api('HEAD', P.draft(id))).status).toBe(200);
	expect((await t.api('DELETE', P.draft(id))).status).toBe(204);
	expect((await t.api('HEAD', P.draft(id))).status).toBe(404);
	expect((await t.api('GET', P.draft(id))).body).toEqual({ error: { code: 'NotFound', message: 'Signing session draft does not exists' } });
});

test('contact can be changed in an active session only for a Pending participant who has not used the signing link', async () => {
	const { id, participantIds } = await t.draftWith([john, maria]);
	const [johnId, mariaId] = participantIds;
	expect((await t.api('PUT', P.oneByOne(id), { participantsOrder: [johnId, mariaId] })).status).toBe(204);
	await t.start(id);
	const change = { deliveryMethods: ['Email', 'Sms'], email: 'john@newcompany.com', phone: '2025550000' };
	expect((await t.api('PUT', P.sessionParticipant(id, johnId), change)).status).toBe(204);
	expect((await t.api('GET', P.session(id))).body.participants[0]).toMatchObject({ email: 'john@newcompany.com' });
	expect(t.state.sessions.get(id)!.participants[0]).toMatchObject({ deliveryMethods: ['Email', 'Sms'], phone: '2025550000' });
	// Maria is not invited yet (one-by-one): not Pending.
	expect((await t.api('PUT', P.sessionParticipant(id, mariaId), { deliveryMethods: ['Email'], email: 'maria@example.com' })).body.error).toEqual({
		code: 'ValidationError',
		message: 'Contact information can only be updated for participants in Pending status.',
	});
	await t.control(`/sessions/${id}/open`, { participantId: johnId });
	expect((await t.api('PUT', P.sessionParticipant(id, johnId), { deliveryMethods: ['Email'], email: 'john@example.com', phone: null })).body.error.message).toBe(
		"Delivery method can't be changed because the participant has already used the signing link",
	);
	// Only the documented body fields.
	expect((await t.api('PUT', P.sessionParticipant(id, johnId), { deliveryMethods: ['Email'], email: 'john@example.com', firstName: 'J' })).body.error.innerErrors).toEqual([
		{ code: 'UnknownField', message: 'Unknown field: firstName' },
	]);
});
