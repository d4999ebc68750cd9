/**
 * Envelope → Download Signed Documents against a sandbox that answers only documented fields: the envelope list
 * has no documents and no signed document id, so the signed copy is found among the case's documents.
 */
import { makePdf } from '../../sandbox/server';
import { binaryContent, single } from '../helpers';
import { CASE, OTHER_CASE, optimaite, optimaiteEnv, sentEnvelope, state } from './env';

const env = optimaiteEnv();

const download = (envelopeId: string, caseId = CASE, binaryPropertyName?: string) =>
	env.engine.run(single(optimaite({ resource: 'envelope', operation: 'downloadSigned', caseId, envelopeId, ...(binaryPropertyName ? { binaryPropertyName } : {}) })));

describe('Optimaite → Signing Envelope → Download Signed Documents', () => {
	test('one item per signed PDF, the file in binary "data", found the documented way', async () => {
		const s = state(env);
		const sent = Date.now() - 600_000;
		const a = s.storeDocument(CASE, 'agreement.pdf', 'application/pdf', makePdf('a'), sent);
		const b = s.storeDocument(CASE, 'annex.pdf', 'application/pdf', makePdf('b'), sent);
		const e = s.createEnvelope({ caseId: CASE, title: 'Agreement', documentIds: [a.id, b.id], signers: [{ name: 'A', email: 'a@example.com' }] }, sent);
		s.sign(e.id);
		const result = await download(e.id);
		expect(result.error()).toBeUndefined();
		const items = result.output('Optimaite');
		expect(items).toHaveLength(2);
		const [first, second] = e.signed_document_ids.map((id) => s.documents.get(id)!);
		expect(items.map((i) => i.json)).toEqual([
			{ caseId: CASE, envelopeId: e.id, envelopeTitle: 'Agreement', completedAt: e.completed_at, documentId: first.id, fileName: 'agreement_signed.pdf', mimeType: 'application/pdf', fileSize: first.size_bytes },
			{ caseId: CASE, envelopeId: e.id, envelopeTitle: 'Agreement', completedAt: e.completed_at, documentId: second.id, fileName: 'annex_signed.pdf', mimeType: 'application/pdf', fileSize: second.size_bytes },
		]);
		expect(binaryContent(items[0]).equals(first.content)).toBe(true);
		expect(items[1].binary?.data).toMatchObject({ fileName: 'annex_signed.pdf', mimeType: 'application/pdf' });
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(env.sandbox.requestsFor('optimaite').map((r) => `${r.method} ${r.path}${r.search}`)).toEqual([
			`GET /api/v1/cases/${CASE}/signed-documents`,
			`GET /api/v1/documents?case_id=${CASE}&limit=100`,
			`GET /api/v1/documents/${first.id}/download`,
			`GET /api/v1/documents/${second.id}/download`,
		]);
	});

	test('the copy is found by when it appeared, not by its name; other PDFs of the case are left alone', async () => {
		const s = state(env);
		const t0 = Date.now() - 3_600_000;
		s.storeDocument(CASE, 'earlier-scan.pdf', 'application/pdf', makePdf('old'), t0 - 60_000);
		const first = sentEnvelope(env, CASE, ['a@example.com'], 'first.pdf', t0);
		s.sign(first.id, undefined, t0 + 60_000);
		// The next contract is uploaded (and sent) ten minutes later: not a signed copy of the first.
		const second = sentEnvelope(env, CASE, ['b@example.com'], 'second.pdf', t0 + 600_000);
		s.sign(second.id, undefined, t0 + 660_000);
		// Renamed in Optimaite after signing: the name no longer says which envelope it came from.
		const secondCopy = s.documents.get(second.signed_document_ids[0])!;
		secondCopy.filename = 'Vertrag unterschrieben.pdf';
		s.storeDocument(CASE, 'later-letter.pdf', 'application/pdf', makePdf('later'), t0 + 3 * 3_600_000);

		const a = await download(first.id);
		expect(a.output('Optimaite').map((i) => i.json.documentId)).toEqual(first.signed_document_ids);
		const b = await download(second.id);
		expect(b.output('Optimaite').map((i) => [i.json.documentId, i.json.fileName])).toEqual([[secondCopy.id, 'Vertrag unterschrieben.pdf']]);
	});

	test('the limit of what the documented API allows: another PDF added to the case within 5 minutes is taken too', async () => {
		const s = state(env);
		const e = sentEnvelope(env, CASE, ['a@example.com'], 'a.pdf', Date.now() - 120_000);
		s.sign(e.id, undefined, Date.now() - 60_000);
		const extra = s.storeDocument(CASE, 'unrelated.pdf', 'application/pdf', makePdf('x'), Date.now() - 30_000);
		const result = await download(e.id);
		expect(result.output('Optimaite').map((i) => i.json.documentId)).toEqual([...e.signed_document_ids, extra.id]);
	});

	test('a list across several pages is read to its end', async () => {
		const s = state(env);
		for (let i = 0; i < 230; i++) s.storeDocument(CASE, `old-${i}.pdf`, 'application/pdf', makePdf('x'), Date.now() - 86_400_000);
		const e = sentEnvelope(env);
		s.sign(e.id);
		const result = await download(e.id);
		expect(result.output('Optimaite').map((i) => i.json.documentId)).toEqual(e.signed_document_ids);
		expect(env.sandbox.requestsFor('optimaite').filter((r) => r.path === '/api/v1/documents').map((r) => r.query.cursor === undefined)).toEqual([true, false, false]);
	});

	test('an envelope that is not completed is a clear error, and nothing is downloaded', async () => {
		const e = sentEnvelope(env);
		const result = await download(e.id);
		expect(result.error()?.message).toBe(`Envelope ${e.id} is sent, not completed: it has no signed documents yet`);
		expect(result.error()?.description).toMatch(/Run this after the Optimaite Trigger fires "Envelope Completed"/);
		expect(env.sandbox.requestsFor('optimaite')).toHaveLength(1);
	});

	test('an envelope of another case is named as such', async () => {
		const e = sentEnvelope(env, OTHER_CASE);
		const result = await download(e.id, CASE);
		expect(result.error()?.message).toBe(`Envelope ${e.id} is not one of the signing envelopes of case ${CASE}`);
	});

	test('a copy still being produced: an error that says to run again, then it works', async () => {
		state(env).options.signedDocumentDelayMs = 1500;
		const e = sentEnvelope(env);
		state(env).sign(e.id);
		const early = await download(e.id);
		expect(early.error()?.message).toBe(`No signed PDF of envelope ${e.id} (completed ${state(env).envelopes.get(e.id)!.completed_at}) is among the documents of case ${CASE} yet`);
		expect(early.error()?.description).toMatch(/it may still be processing\. Run the node again in a minute \(or turn on "Retry On Fail"/);
		await new Promise((r) => setTimeout(r, 1600));
		const later = await download(e.id);
		expect(later.output('Optimaite').map((i) => i.json.documentId)).toEqual(e.signed_document_ids);
	});

	test('two envelopes completing at the same moment with nameless copies: an error instead of a guess', async () => {
		const s = state(env);
		const at = Date.now() - 60_000;
		const a = sentEnvelope(env, CASE, ['a@example.com'], 'a.pdf', at - 1000);
		const b = sentEnvelope(env, CASE, ['b@example.com'], 'b.pdf', at - 1000);
		s.sign(a.id, undefined, at);
		s.sign(b.id, undefined, at + 2000);
		for (const id of [...a.signed_document_ids, ...b.signed_document_ids]) s.documents.get(id)!.filename = 'signed.pdf';
		const result = await download(a.id);
		expect(result.error()?.message).toBe(`The signed documents of envelope ${a.id} cannot be told apart from those of envelope ${b.id}`);
		// a's own copy came before b completed; b's copy could be either's.
		expect(result.error()?.description).toBe(
			`Both completed within 10 s in case ${CASE}, and the copies' names do not say which is which: signed.pdf (${b.signed_document_ids[0]}). Download the right one with Document → Download.`,
		);
	});

	test('the output field can be named', async () => {
		const e = sentEnvelope(env);
		state(env).sign(e.id);
		const result = await download(e.id, CASE, 'signed');
		expect(Object.keys(result.output('Optimaite')[0].binary ?? {})).toEqual(['signed']);
	});
});
