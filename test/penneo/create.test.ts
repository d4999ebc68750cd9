import type { INodeExecutionData } from 'n8n-workflow';

import { makePdf } from '../../sandbox/server';
import { fileItem, single } from '../helpers';
import { appRequests, penneo, state, tokenRequests, usePenneo } from './env';

const env = usePenneo();

const CPR = '0101901234';
const contract = makePdf('Main contract');
const terms = makePdf('Terms and conditions, longer text');

/** One input item with two PDFs in two binary fields. */
function twoFiles(): INodeExecutionData {
	const item = fileItem(contract, 'contract.pdf', 'application/pdf', { customer: 'Acme' }, 'contract');
	item.binary!.terms = fileItem(terms, 'terms-v2.pdf').binary!.data;
	return item;
}

/** Every field of the case file document, as a user fills it in the editor. */
const fullParameters = {
	resource: 'caseFile',
	operation: 'create',
	title: 'Commercial Agreement 2025',
	documents: {
		document: [
			{
				binaryPropertyName: 'contract',
				title: 'Main Contract',
				signable: true,
				options: { roles: 'Client_Signer, Company_Signer', documentOrder: 0, metaData: 'Primary contract document' },
			},
			{ binaryPropertyName: 'terms', title: 'Terms and Conditions', signable: false, options: { fileName: 'terms.pdf', metaData: 'Standard T&C attachment', documentOrder: 1 } },
		],
	},
	signers: {
		signer: [
			{
				name: 'John Doe',
				email: 'john@example.com',
				role: 'Client_Signer',
				signOrder: 0,
				options: {
					language: 'en',
					ssn: CPR,
					ssnType: 'dk:cpr',
					vatin: 'DK12345678',
					onBehalfOf: 'Acme Corporation',
					accessControl: true,
					storeAsContact: true,
					successUrl: 'https://example.com/success',
					failUrl: 'https://example.com/failure',
					emailFormat: 'html',
					emailSubject: 'Please sign the commercial agreement',
					emailText: 'Dear John, please review and sign the attached commercial agreement.',
					reminderInterval: 3,
					reminderEmailSubject: 'Reminder: Please sign the commercial agreement',
					reminderEmailText: 'This is a friendly reminder to sign the agreement.',
					completedEmailSubject: 'Thank you for signing',
					completedEmailText: 'The agreement has been completed successfully.',
					activeAt: '2026-03-01T08:00:00Z',
					expireAt: '2026-04-01T08:00:00Z',
					enableInsecureSigning: true,
					insecureSigningMethods: ['draw', 'text'],
				},
			},
			{ name: 'Jane Smith', email: 'jane@example.com', role: 'Company_Signer', signOrder: 1, options: { onBehalfOf: 'Company Ltd', emailFormat: 'text', reminderInterval: 2 } },
		],
	},
	ccRecipients: {
		recipient: [
			{ name: 'John CC', email: 'john.cc@example.com', storeAsContact: false },
			{ name: 'Jane CC', email: 'jane.cc@example.com', storeAsContact: true },
		],
	},
	additionalFields: {
		language: 'da',
		reference: 'CONTRACT-2025-001',
		metaData: 'Q4 Commercial Contract',
		folderId: 42,
		sendAt: '2026-03-01T08:00:00Z',
		expireAt: '2026-05-01T00:00:00Z',
		sensitiveData: false,
		accessControl: true,
		visibilityMode: 1,
		disableNotificationsOwner: true,
		disableEmailAttachments: true,
		signOnMeeting: false,
	},
	waitForCompletion: false,
};

describe('Case File → Create (multipart body)', () => {
	test('sends every field as the documented JSON string in "data" and one "files" part per document', async () => {
		const result = await env.engine.run(single(penneo(fullParameters)), [twoFiles()]);
		expect(result.error()).toBeUndefined();
		const [create] = appRequests(env);
		expect(create).toMatchObject({ method: 'POST', path: '/send/api/v1/casefiles/20251022/create', status: 201 });
		expect(create.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		// The Send API takes the token as X-Auth-Token (and no Authorization header).
		expect(create.headers['x-auth-token']).toBe([...state(env).tokens.keys()][0]);
		expect(create.headers.authorization).toBeUndefined();
		expect(create.parts?.map(({ value: _v, ...p }) => p)).toEqual([
			{ name: 'data', filename: undefined, contentType: undefined, size: expect.any(Number) },
			{ name: 'files', filename: 'contract.pdf', contentType: 'application/pdf', size: contract.length },
			{ name: 'files', filename: 'terms.pdf', contentType: 'application/pdf', size: terms.length },
		]);
		const data = create.parts![0].value!;
		expect(typeof data).toBe('string');
		expect(JSON.parse(data)).toEqual({
			caseFile: {
				title: 'Commercial Agreement 2025',
				language: 'da',
				reference: 'CONTRACT-2025-001',
				metaData: 'Q4 Commercial Contract',
				folderId: 42,
				sendAt: Date.parse('2026-03-01T08:00:00Z') / 1000,
				expireAt: Date.parse('2026-05-01T00:00:00Z') / 1000,
				sensitiveData: false,
				accessControl: true,
				visibilityMode: 1,
				disableNotificationsOwner: true,
				disableEmailAttachments: true,
				signOnMeeting: false,
				signers: [
					{
						name: 'John Doe',
						email: 'john@example.com',
						role: 'Client_Signer',
						signOrder: 0,
						language: 'en',
						socialSecurityNumberPlain: CPR,
						ssnType: 'dk:cpr',
						vatin: 'DK12345678',
						onBehalfOf: 'Acme Corporation',
						accessControl: true,
						storeAsContact: true,
						successUrl: 'https://example.com/success',
						failUrl: 'https://example.com/failure',
						emailFormat: 'html',
						emailSubject: 'Please sign the commercial agreement',
						emailText: 'Dear John, please review and sign the attached commercial agreement.',
						reminderInterval: 3,
						reminderEmailSubject: 'Reminder: Please sign the commercial agreement',
						reminderEmailText: 'This is a friendly reminder to sign the agreement.',
						completedEmailSubject: 'Thank you for signing',
						completedEmailText: 'The agreement has been completed successfully.',
						activeAt: 1772352000,
						expireAt: 1775030400,
						enableInsecureSigning: true,
						insecureSigningMethods: ['draw', 'text'],
					},
					{ name: 'Jane Smith', email: 'jane@example.com', role: 'Company_Signer', signOrder: 1, onBehalfOf: 'Company Ltd', emailFormat: 'text', reminderInterval: 2 },
				],
				ccRecipients: [
					{ name: 'John CC', email: 'john.cc@example.com', storeAsContact: false },
					{ name: 'Jane CC', email: 'jane.cc@example.com', storeAsContact: true },
				],
				documents: [
					{ title: 'Main Contract', name: 'contract.pdf', signable: true, roles: ['Client_Signer', 'Company_Signer'], documentOrder: 0, metaData: 'Primary contract document' },
					{ title: 'Terms and Conditions', name: 'terms.pdf', signable: false, documentOrder: 1, metaData: 'Standard T&C attachment' },
				],
			},
		});
		// Without waiting: the job at once, with what Job → Get Status needs.
		const job = [...state(env).jobs.values()][0];
		const out = result.output('Penneo');
		expect(out).toHaveLength(1);
		expect(out[0].json).toEqual({
			jobStatus: 'pending',
			message: 'Job created',
			uuid: job.uuid,
			payloadHash: job.payloadHash,
			createdAt: job.createdAt,
		});
		expect(out[0].pairedItem).toEqual({ item: 0 });
		// The uploaded bytes are the input files, under the names the documents give.
		expect(job.files.get('contract.pdf')).toEqual(contract);
		expect(job.files.get('terms.pdf')).toEqual(terms);
		expect(JSON.stringify(out)).not.toContain(CPR);
	});

	test('minimal case file: title and file name come from the binary, nothing optional is sent', async () => {
		const n = penneo({
			resource: 'caseFile',
			operation: 'create',
			title: 'Simple Agreement',
			documents: { document: [{ binaryPropertyName: 'data' }] },
			signers: { signer: [{ name: 'John Doe', email: 'john@example.com' }] },
			waitForCompletion: false,
		});
		await env.engine.run(single(n), [fileItem(contract, 'agreement.pdf')]);
		const [create] = appRequests(env);
		expect(JSON.parse(create.parts![0].value!)).toEqual({
			caseFile: {
				title: 'Simple Agreement',
				signers: [{ name: 'John Doe', email: 'john@example.com', signOrder: 0 }],
				documents: [{ title: 'agreement', name: 'agreement.pdf', signable: true }],
			},
		});
		expect(create.parts!.slice(1)).toEqual([{ name: 'files', filename: 'agreement.pdf', contentType: 'application/pdf', size: contract.length, value: undefined }]);
	});

	test('each input item makes its own case file from its own files', async () => {
		const n = penneo({
			resource: 'caseFile',
			operation: 'create',
			title: '={{ "Contract " + $json.customer }}',
			documents: { document: [{ binaryPropertyName: 'data' }] },
			signers: { signer: [{ name: '={{ $json.customer }}', email: '={{ $json.email }}' }] },
			waitForCompletion: false,
		});
		const a = makePdf('A');
		const b = makePdf('B, longer');
		const result = await env.engine.run(single(n), [
			fileItem(a, 'a.pdf', 'application/pdf', { customer: 'Alpha', email: 'alpha@example.com' }),
			fileItem(b, 'b.pdf', 'application/pdf', { customer: 'Beta', email: 'beta@example.com' }),
		]);
		const creates = appRequests(env);
		expect(creates.map((r) => JSON.parse(r.parts![0].value!).caseFile.title)).toEqual(['Contract Alpha', 'Contract Beta']);
		expect(creates.map((r) => r.parts![1])).toEqual([
			expect.objectContaining({ filename: 'a.pdf', size: a.length }),
			expect.objectContaining({ filename: 'b.pdf', size: b.length }),
		]);
		expect(result.output('Penneo').map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(tokenRequests(env)).toHaveLength(1);
	});
});

describe('Case File → Create (Penneo errors)', () => {
	const simple = penneo({
		resource: 'caseFile',
		operation: 'create',
		title: 'Agreement',
		documents: { document: [{ binaryPropertyName: 'data' }] },
		signers: { signer: [{ name: 'John Doe', email: 'john@example.com', options: { ssn: CPR, ssnType: 'dk:cpr' } }] },
		waitForCompletion: false,
	});

	test('a 400 names the fields Penneo rejected, and the SSN it echoed is masked', async () => {
		env.sandbox.addFault({
			prefix: 'penneo',
			path: '/create',
			status: 400,
			body: { message: 'Validation failed', errors: [{ property: 'caseFile.signers[0].socialSecurityNumberPlain', message: `The CPR ${CPR} is not valid.` }] },
		});
		const result = await env.engine.run(single(simple), [fileItem(contract)]);
		const error = result.error()!;
		expect(error.message).toBe('Penneo rejected the request (400): Validation failed caseFile.signers[0].socialSecurityNumberPlain: The CPR *** is not valid.');
		expect(error.description).toBe(
			'Penneo rejected the case file: fix the fields named in the message (roles, languages, email texts, file names) and run the node again.',
		);
		// (The node's own parameters are the workflow's; what the error adds must not carry the number.)
		expect(JSON.stringify({ m: error.message, d: error.description, c: error.context, r: (error as { errorResponse?: unknown }).errorResponse })).not.toContain(CPR);
		expect(appRequests(env)).toHaveLength(1);
	});

	test('a 500 on create is not repeated (it may have been applied) and says how to check', async () => {
		env.sandbox.addFault({ prefix: 'penneo', path: '/create', status: 503, body: { message: 'Service unavailable' } });
		const result = await env.engine.run(single(simple), [fileItem(contract)]);
		const error = result.error()!;
		expect(error.message).toBe('Penneo answered 503 to POST /penneo/send/api/v1/casefiles/20251022/create: Service unavailable');
		expect(error.description).toBe(
			'The request may still have been applied, so it was not sent again (that could create a duplicate). Penneo may have created it: look in Penneo for the case file "Agreement" before running the node again.',
		);
		expect(appRequests(env)).toHaveLength(1);
	});

	test('429 on create is waited out and sent again with the same body (Penneo applied nothing)', async () => {
		env.sandbox.addFault({ prefix: 'penneo', path: '/create', status: 429, retryAfter: '0', body: { message: 'Too many requests' } });
		const result = await env.engine.run(single(simple), [fileItem(contract)]);
		expect(result.error()).toBeUndefined();
		const creates = appRequests(env);
		expect(creates.map((r) => r.status)).toEqual([429, 201]);
		expect(creates[1].parts).toEqual(creates[0].parts);
		expect(state(env).jobs.size).toBe(1);
	});

	test('with Continue On Fail, a failed item reports its error and the next item is still sent', async () => {
		env.sandbox.addFault({ prefix: 'penneo', path: '/create', status: 400, body: { message: 'Validation failed', errors: [{ property: 'files', message: 'The file is not a PDF' }] } });
		const n = { ...simple, continueOnFail: true };
		const result = await env.engine.run(single(n), [fileItem(contract), fileItem(makePdf('second'), 'second.pdf')]);
		const out = result.output('Penneo');
		expect(out[0].json).toMatchObject({ error: 'Penneo rejected the request (400): Validation failed files: The file is not a PDF', httpCode: '400' });
		expect(out[1].json).toMatchObject({ jobStatus: 'pending' });
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Job → Get Status', () => {
	test('a completed job gives the case file ID and the signing links', async () => {
		const created = await env.engine.run(single(penneo(fullParameters)), [twoFiles()]);
		const { uuid, payloadHash } = created.output('Penneo')[0].json as { uuid: string; payloadHash: string };
		env.sandbox.requests.length = 0;
		const result = await env.engine.run(single(penneo({ resource: 'job', operation: 'getStatus', uuid, payloadHash })));
		const [check] = appRequests(env);
		expect(check).toMatchObject({ method: 'POST', path: '/send/api/v1/queue/public/status', body: { uuid, payloadHash }, status: 200 });
		// A public endpoint: no token at all, and so no token exchange for it.
		expect(check.headers['x-auth-token']).toBeUndefined();
		expect(check.headers.authorization).toBeUndefined();
		expect(tokenRequests(env)).toHaveLength(0);
		const cf = [...state(env).caseFiles.values()][0];
		const json = result.output('Penneo')[0].json;
		expect(json).toMatchObject({ uuid, payloadHash, jobStatus: 'completed', caseFileId: cf.id, type: 'casefile_creation', result: { data: { caseFile: { id: cf.id } } } });
		// From result.data.signingLinks[] {name, role, signingLink}.
		expect(json.signingLinks).toEqual([
			{ name: 'John Doe', role: 'Client_Signer', link: cf.signers[0].link },
			{ name: 'Jane Smith', role: 'Company_Signer', link: cf.signers[1].link },
		]);
		// Penneo echoes the submitted case file (with the SSN in plain text) as `payload`: never in the output.
		expect(json).not.toHaveProperty('payload');
		const text = JSON.stringify(result.run.data);
		expect(text).not.toContain(CPR);
		expect(text).not.toContain('010190-1234');
	});

	test('an identical second submission is reported as aborted_duplicated', async () => {
		const first = await env.engine.run(single(penneo(fullParameters)), [twoFiles()]);
		const second = await env.engine.run(single(penneo(fullParameters)), [twoFiles()]);
		const job = second.output('Penneo')[0].json as { uuid: string; payloadHash: string };
		expect(job.uuid).not.toBe(first.output('Penneo')[0].json.uuid);
		const result = await env.engine.run(single(penneo({ resource: 'job', operation: 'getStatus', uuid: job.uuid, payloadHash: job.payloadHash })));
		expect(result.output('Penneo')[0].json).toMatchObject({ jobStatus: 'aborted_duplicated' });
	});

	test('a CPR in any written form never reaches the output: not the echoed payload, not errorMessage', async () => {
		env.sandbox.addFault({
			prefix: 'penneo',
			path: '/queue/public/status',
			status: 200,
			body: {
				uuid: '3f1c2a9b-8e4c-4d6a-b5f4-3e2d1c0b9a87',
				type: 'casefile_creation',
				jobStatus: 'failed',
				result: null,
				payload: { caseFile: { title: 'Lease', signers: [{ name: 'Ann', socialSecurityNumberPlain: '010190-1234', ssnType: 'dk:cpr' }] } },
				payloadHash: 'abc',
				errorMessage: 'Signer Ann: CPR 0101901234 (010190-1234) could not be validated',
				retries: 0,
				maxRetries: 0,
				createdAt: '2026-01-01T00:00:00Z',
				updatedAt: '2026-01-01T00:00:05Z',
			},
		});
		const result = await env.engine.run(single(penneo({ resource: 'job', operation: 'getStatus', uuid: '3f1c2a9b-8e4c-4d6a-b5f4-3e2d1c0b9a87', payloadHash: 'abc' })));
		const json = result.output('Penneo')[0].json;
		expect(json).toMatchObject({ jobStatus: 'failed', errorMessage: 'Signer Ann: CPR ******-**** (******-****) could not be validated' });
		expect(json).not.toHaveProperty('payload');
		const text = JSON.stringify(result.run.data);
		for (const form of ['010190-1234', '0101901234']) expect(text).not.toContain(form);
	});

	test('a CPR that Penneo puts in an error message is masked in both forms', async () => {
		env.sandbox.addFault({ prefix: 'penneo', path: '/api/v1/casefiles', status: 403, body: { message: 'Case file of 010190-1234 / 0101901234 is not yours' } });
		const result = await env.engine.run(single(penneo({ resource: 'caseFile', operation: 'get', caseFileId: '7' })));
		expect(result.error()?.message).toBe('Penneo rejected the request (403): Case file of ******-**** / ******-**** is not yours');
		const error = result.error() as unknown as Record<string, unknown>;
		const shown = JSON.stringify({ m: error.message, d: error.description, r: error.errorResponse, c: error.context });
		for (const form of ['010190-1234', '0101901234']) expect(shown).not.toContain(form);
	});

	test('an unknown job is a clear 404', async () => {
		const result = await env.engine.run(
			single(penneo({ resource: 'job', operation: 'getStatus', uuid: '3f1c2a9b-8e4c-4d6a-b5f4-3e2d1c0b9a87', payloadHash: 'abc' })),
		);
		expect(result.error()?.message).toBe('Penneo rejected the request (404): Job not found');
		expect(result.error()?.description).toContain('Check the ID');
	});
});

describe('Case File → Create (answers that are not a job)', () => {
	const simple = penneo({
		resource: 'caseFile',
		operation: 'create',
		title: 'Agreement',
		documents: { document: [{ binaryPropertyName: 'data' }] },
		signers: { signer: [{ name: 'John Doe', email: 'john@example.com' }] },
		waitForCompletion: false,
	});

	test('a 200 (what Penneo’s Postman test expects) with jobs is a created job, like the 201 of the OpenAPI copy', async () => {
		env.sandbox.addFault({ prefix: 'penneo', path: '/create', status: 200, body: { status: 'handled', message: 'Job created', jobs: [{ uuid: '3f1c2a9b-8e4c-4d6a-b5f4-3e2d1c0b9a87', payloadHash: 'abc', createdAt: '2026-01-01T00:00:00Z' }] } });
		const result = await env.engine.run(single(simple), [fileItem(contract)]);
		expect(result.error()).toBeUndefined();
		expect(result.output('Penneo')[0].json).toEqual({ jobStatus: 'pending', message: 'Job created', uuid: '3f1c2a9b-8e4c-4d6a-b5f4-3e2d1c0b9a87', payloadHash: 'abc', createdAt: '2026-01-01T00:00:00Z' });
	});

	test.each([
		['status "error" with Penneo’s message', { status: 'error', message: 'Folder 42 does not exist', jobs: [] }, 'Penneo did not create the case file: Folder 42 does not exist'],
		['no jobs at all', { status: 'handled', message: 'Job created' }, 'Penneo did not create the case file: Job created'],
		['an empty answer', {}, 'Penneo did not create the case file (its answer has no job)'],
	])('a 2xx with %s is a failure, never a silent "pending"', async (_label, body, message) => {
		env.sandbox.addFault({ prefix: 'penneo', path: '/create', status: 201, body });
		const result = await env.engine.run(single({ ...simple, parameters: { ...simple.parameters, waitForCompletion: true } }), [fileItem(contract)]);
		expect(result.error()?.message).toBe(message);
		expect(result.error()?.description).toContain('nothing is being created');
		// No job check follows.
		expect(appRequests(env).map((r) => r.path)).toEqual(['/send/api/v1/casefiles/20251022/create']);
	});
});

describe('Case File → Create (file names a multipart layer would rewrite)', () => {
	test.each([
		['a path', 'Q1/Lease.pdf', 'Lease.pdf'],
		['a Windows path', 'C:\\contracts\\Lease.pdf', 'Lease.pdf'],
		['quotes', 'Lease "final".pdf', 'Lease _final_.pdf'],
	])('a binary named with %s: the JSON and the part carry the same normalised name, and Penneo accepts it', async (_label, original, sent) => {
		const n = penneo({
			resource: 'caseFile',
			operation: 'create',
			title: 'Lease',
			documents: { document: [{ binaryPropertyName: 'data' }] },
			signers: { signer: [{ name: 'John Doe', email: 'john@example.com' }] },
			waitForCompletion: false,
		});
		const result = await env.engine.run(single(n), [fileItem(contract, original)]);
		expect(result.error()).toBeUndefined();
		const [create] = appRequests(env);
		expect(create.status).toBe(201);
		const data = JSON.parse(create.parts![0].value!);
		expect(data.caseFile.documents[0].name).toBe(sent);
		expect(create.parts![1].filename).toBe(sent);
		expect(data.caseFile.documents[0].title).toBe(sent.replace(/\.pdf$/, ''));
	});

	test('two binaries that normalise to the same name are refused before sending', async () => {
		const n = penneo({
			resource: 'caseFile',
			operation: 'create',
			title: 'Lease',
			documents: { document: [{ binaryPropertyName: 'data' }, { binaryPropertyName: 'other', signable: false }] },
			signers: { signer: [{ name: 'John Doe', email: 'john@example.com' }] },
			waitForCompletion: false,
		});
		const item = fileItem(contract, 'Q1/Lease.pdf');
		item.binary!.other = fileItem(terms, 'Q2/Lease.pdf').binary!.data;
		const result = await env.engine.run(single(n), [item]);
		expect(result.error()?.message).toBe('Invalid "File Name" (document 2) "Lease.pdf" is also the file name of document 1: give each document its own File Name [item 0]');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

test('Sender Name is sent as caseFile.senderName', async () => {
	const n = penneo({
		resource: 'caseFile',
		operation: 'create',
		title: 'Lease',
		documents: { document: [{ binaryPropertyName: 'data' }] },
		signers: { signer: [{ name: 'John Doe', email: 'john@example.com' }] },
		additionalFields: { senderName: 'Acme Legal' },
		waitForCompletion: false,
	});
	const result = await env.engine.run(single(n), [fileItem(contract, 'lease.pdf')]);
	expect(result.error()).toBeUndefined();
	expect(JSON.parse(appRequests(env)[0].parts![0].value!).caseFile).toMatchObject({ title: 'Lease', senderName: 'Acme Legal' });
});
