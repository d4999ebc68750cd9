/** Bad input: each invalid field gives its exact error (field and item named) and nothing reaches Penneo. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { makePdf } from '../../sandbox/server';
import { fileItem, single } from '../helpers';
import { penneo, usePenneo } from './env';

const env = usePenneo();

const CPR = '0101901234';

const base = (): IDataObject => ({
	resource: 'caseFile',
	operation: 'create',
	title: 'Agreement',
	documents: { document: [{ binaryPropertyName: 'data', title: 'Contract', signable: true, options: {} }] },
	signers: { signer: [{ name: 'Ann Berg', email: 'ann@example.com', role: 'Client_Signer', options: { ssn: CPR, ssnType: 'dk:cpr' } }] },
	ccRecipients: {},
	additionalFields: {},
	waitForCompletion: false,
});

type Edit = (p: IDataObject) => void;
const doc = (p: IDataObject) => ((p.documents as IDataObject).document as IDataObject[])[0];
const signer = (p: IDataObject) => ((p.signers as IDataObject).signer as IDataObject[])[0];
const signerOpt = (values: IDataObject): Edit => (p) => Object.assign(signer(p).options as IDataObject, values);

type Case = [string, Edit, string, INodeExecutionData[]?];

// Required fields left empty are caught by n8n itself; an expression that gives "" reaches the node.
const cases: Case[] = [
	['empty title', (p) => (p.title = '={{ "" }}'), 'Invalid "Title" must not be empty [item 0]'],
	['title over 1024 characters', (p) => (p.title = 'x'.repeat(1025)), 'Invalid "Title" must be at most 1024 characters [item 0]'],
	['a 1 MB title', (p) => (p.title = 'x'.repeat(1024 * 1024)), 'Invalid "Title" must be at most 1024 characters [item 0]'],
	['a 1 MB email text (our limit)', signerOpt({ emailText: 'x'.repeat(1024 * 1024) }), 'Invalid "Email Text" (signer 1) must be at most 10000 characters [item 0]'],
	['a 1 MB email subject (our limit)', signerOpt({ emailSubject: 'x'.repeat(1024 * 1024) }), 'Invalid "Email Subject" (signer 1) must be at most 255 characters [item 0]'],
	['a 1 MB reference (our limit)', (p) => (p.additionalFields = { reference: 'r'.repeat(1024 * 1024) }), 'Invalid "Reference" must be at most 1024 characters [item 0]'],
	['sender name of 1 character', (p) => (p.additionalFields = { senderName: 'A' }), 'Invalid "Sender Name" must be at least 2 characters [item 0]'],
	['sender name over 255', (p) => (p.additionalFields = { senderName: 'A'.repeat(256) }), 'Invalid "Sender Name" must be at most 255 characters [item 0]'],
	['no signers', (p) => (p.signers = {}), 'Invalid "Signers" needs at least 1 entry [item 0]'],
	['no documents', (p) => (p.documents = {}), 'Invalid "Documents" needs at least 1 entry [item 0]'],
	['no signable document', (p) => (doc(p).signable = false), 'Invalid "Documents" needs at least one signable document [item 0]'],
	['empty signer name', (p) => (signer(p).name = ' '), 'Invalid "Name" (signer 1) must not be empty [item 0]'],
	['invalid signer email', (p) => (signer(p).email = 'ann@'), 'Invalid "Email" (signer 1) must be a valid email address [item 0]'],
	['role shorter than 3', (p) => (signer(p).role = 'ab'), 'Invalid "Role" (signer 1) must be at least 3 letters (a–z), digits or underscores, starting with a letter or digit (no spaces: Penneo’s notes forbid them) [item 0]'],
	[
		'role starting with a space',
		(p) => (signer(p).role = ' Client'),
		'Invalid "Role" (signer 1) must be at least 3 letters (a–z), digits or underscores, starting with a letter or digit (no spaces: Penneo’s notes forbid them) [item 0]',
	],
	[
		'role ending with a space',
		(p) => (signer(p).role = 'Client '),
		'Invalid "Role" (signer 1) must be at least 3 letters (a–z), digits or underscores, starting with a letter or digit (no spaces: Penneo’s notes forbid them) [item 0]',
	],
	['signer role with a space (the stricter of Penneo’s two rules)', (p) => (signer(p).role = 'Client Signer'), 'Invalid "Role" (signer 1) must be at least 3 letters (a–z), digits or underscores, starting with a letter or digit (no spaces: Penneo’s notes forbid them) [item 0]'],
	[
		'signer role with a hyphen',
		(p) => (signer(p).role = 'Client-Signer'),
		'Invalid "Role" (signer 1) must be at least 3 letters (a–z), digits or underscores, starting with a letter or digit (no spaces: Penneo’s notes forbid them) [item 0]',
	],
	[
		'document role of no signer',
		(p) => ((doc(p).options as IDataObject).roles = 'Client_Signer, Witness'),
		'Invalid "Roles" (document 1, role 2) "Witness" is not the role of any signer (signer roles: Client_Signer) [item 0]',
	],
	[
		'document role badly formed',
		(p) => ((doc(p).options as IDataObject).roles = 'W!tness'),
		'Invalid "Roles" (document 1, role 1) must be at least 3 letters (a–z), digits or underscores, starting with a letter or digit (no spaces: Penneo’s notes forbid them) [item 0]',
	],
	['unknown signer language', signerOpt({ language: 'es' }), 'Invalid "Language" (signer 1) must be one of: en, da, sv, nl, fr, fi, no, de [item 0]'],
	[
		'unknown case file language',
		(p) => (p.additionalFields = { language: 'pl' }),
		'Invalid "Language" must be one of: en, da, sv, nl, fr, fi, no, de [item 0]',
	],
	['unknown SSN type', signerOpt({ ssnType: 'us:ssn' }), 'Invalid "SSN Type" (signer 1) must be one of: legacy, dk:cpr, se:pin, no:nin, be:nrn, fi:pic, sms [item 0]'],
	['email subject under 5 characters', signerOpt({ emailSubject: 'Sign' }), 'Invalid "Email Subject" (signer 1) must be at least 5 characters [item 0]'],
	['email text under 5 characters', signerOpt({ emailText: 'Hi' }), 'Invalid "Email Text" (signer 1) must be at least 5 characters [item 0]'],
	['reminder subject under 5', signerOpt({ reminderEmailSubject: 'Rem' }), 'Invalid "Reminder Email Subject" (signer 1) must be at least 5 characters [item 0]'],
	['reminder text under 5', signerOpt({ reminderEmailText: 'Rem' }), 'Invalid "Reminder Email Text" (signer 1) must be at least 5 characters [item 0]'],
	['completed subject under 5', signerOpt({ completedEmailSubject: 'Done' }), 'Invalid "Completed Email Subject" (signer 1) must be at least 5 characters [item 0]'],
	['completed text under 5', signerOpt({ completedEmailText: 'Ok' }), 'Invalid "Completed Email Text" (signer 1) must be at least 5 characters [item 0]'],
	['invalid success URL', signerOpt({ successUrl: 'example.com/done' }), 'Invalid "Success URL" (signer 1) must be a valid URL (https://…) [item 0]'],
	['invalid fail URL', signerOpt({ failUrl: 'nope' }), 'Invalid "Fail URL" (signer 1) must be at least 5 characters [item 0]'],
	['reminder interval 0', signerOpt({ reminderInterval: 0 }), 'Invalid "Reminder Interval (Days)" (signer 1) must be at least 1 [item 0]'],
	['negative sign order', (p) => (signer(p).signOrder = -1), 'Invalid "Sign Order" (signer 1) must be at least 0 [item 0]'],
	['signer active time not a date', signerOpt({ activeAt: 'next week' }), 'Invalid "Active At" (signer 1) must be a date and time, e.g. 2026-03-01T12:00:00Z [item 0]'],
	['insecure method unknown', signerOpt({ insecureSigningMethods: ['voice'] }), 'Invalid "Insecure Signing Methods" (signer 1, insecure signing method 1) must be one of: text, draw, image [item 0]'],
	[
		'insecure methods without enabling insecure signing',
		signerOpt({ insecureSigningMethods: ['draw'] }),
		'Invalid "Insecure Signing Methods" (signer 1) need "Enable Insecure Signing" on (Penneo ignores them otherwise) [item 0]',
	],
	['folder ID 0', (p) => (p.additionalFields = { folderId: 0 }), 'Invalid "Folder ID" must be at least 1 [item 0]'],
	['send time not a date', (p) => (p.additionalFields = { sendAt: 'tomorrow' }), 'Invalid "Send At" must be a date and time, e.g. 2026-03-01T12:00:00Z [item 0]'],
	[
		'expiry before sending',
		(p) => (p.additionalFields = { sendAt: '2026-03-01T00:00:00Z', expireAt: '2026-02-01T00:00:00Z' }),
		'Invalid "Expire At" must be after "Send At" [item 0]',
	],
	['invalid CC email', (p) => (p.ccRecipients = { recipient: [{ name: 'CC', email: 'cc-at-example.com' }] }), 'Invalid "Email" (cc recipient 1) must be a valid email address [item 0]'],
	['document title over 1024', (p) => (doc(p).title = 'd'.repeat(1025)), 'Invalid "Title" (document 1) must be at most 1024 characters [item 0]'],
	['negative document order', (p) => ((doc(p).options as IDataObject).documentOrder = -1), 'Invalid "Document Order" (document 1) must be at least 0 [item 0]'],
	[
		'document without its file',
		(p) => (doc(p).binaryPropertyName = 'contract'),
		'Invalid "Input Binary Field" (document 1) has no file: the input item has no binary field "contract" [item 0]',
	],
	[
		'two documents with the same file name',
		(p) => ((p.documents as IDataObject).document = [{ binaryPropertyName: 'data' }, { binaryPropertyName: 'data', signable: false }]),
		'Invalid "File Name" (document 2) "contract.pdf" is also the file name of document 1: give each document its own File Name [item 0]',
	],
	['check interval under 5 s', (p) => Object.assign(p, { waitForCompletion: true, checkInterval: 2 }), 'Invalid "Check Interval (Seconds)" must be at least 5 [item 0]'],
	['timeout over an hour', (p) => Object.assign(p, { waitForCompletion: true, timeout: 7200 }), 'Invalid "Timeout (Seconds)" must be at most 3600 [item 0]'],
];

describe('Case File → Create validation (before any request)', () => {
	// (Rest parameters: jest would take a 4th declared parameter for a `done` callback.)
	test.each(cases)('%s', async (...[, edit, message, input]: Case) => {
		const parameters = structuredClone(base());
		edit(parameters);
		const result = await env.engine.run(single(penneo(parameters)), input ?? [fileItem(makePdf('c'), 'contract.pdf')]);
		const error = result.error()!;
		expect(error.message).toBe(message);
		expect(error.description).toMatch(/run the node again/);
		// Nothing was sent: no token exchange, no API call.
		expect(env.sandbox.requests).toHaveLength(0);
		// The SSN is never echoed, not even when a neighbouring field of the same signer is wrong.
		expect(`${error.message} ${error.description}`).not.toContain(CPR);
	});

	test('an invalid second item stops before its own request (the first item, valid, was sent)', async () => {
		const parameters = base();
		parameters.title = '={{ $json.title }}';
		const result = await env.engine.run(single(penneo(parameters)), [
			fileItem(makePdf('a'), 'contract.pdf', 'application/pdf', { title: 'First' }),
			fileItem(makePdf('b'), 'contract.pdf', 'application/pdf', { title: '' }),
		]);
		expect(result.error()?.message).toBe('Invalid "Title" must not be empty [item 1]');
		const creates = env.sandbox.requestsFor('penneo');
		expect(creates).toHaveLength(1);
		expect(JSON.parse(creates[0].parts![0].value!).caseFile.title).toBe('First');
	});

	test('several problems are listed together in the description', async () => {
		const parameters = base();
		parameters.title = '={{ "" }}';
		signer(parameters).email = 'bad';
		const result = await env.engine.run(single(penneo(parameters)), [fileItem(makePdf('c'))]);
		expect(result.error()?.description).toBe(
			'Fix these fields and run the node again:\n- "Title" must not be empty\n- "Email" (signer 1) must be a valid email address',
		);
	});

	test('an SSN that is not text is refused without echoing what was typed', async () => {
		const parameters = base();
		(signer(parameters).options as IDataObject).ssn = '={{ 123456789012 }}';
		const result = await env.engine.run(single(penneo(parameters)), [fileItem(makePdf('c'))]);
		expect(result.error()?.message).toBe('Invalid "SSN or Phone Number" (signer 1) is not valid [item 0]');
		expect(JSON.stringify(result.error()?.description)).not.toContain('123456789012');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('other operations validate before any request', () => {
	test.each([
		[{ resource: 'caseFile', operation: 'get', caseFileId: 'abc' }, 'Invalid "Case File ID" must be a number (the case file ID shown in Penneo) [item 0]'],
		[{ resource: 'caseFile', operation: 'delete', caseFileId: '={{ "" }}' }, 'Invalid "Case File ID" must not be empty [item 0]'],
		[{ resource: 'caseFile', operation: 'downloadSigned', caseFileId: '12/34' }, 'Invalid "Case File ID" must be a number (the case file ID shown in Penneo) [item 0]'],
		[{ resource: 'caseFile', operation: 'getMany', returnAll: false, limit: 0 }, 'Invalid "Limit" must be at least 1 [item 0]'],
		[{ resource: 'caseFile', operation: 'getMany', filters: { createdAfter: 'yesterday' } }, 'Invalid "Created After" must be a date and time, e.g. 2026-03-01T12:00:00Z [item 0]'],
		[{ resource: 'caseFile', operation: 'getMany', filters: { folderIds: '12, x' } }, 'Invalid "Folder IDs" (folder id 2) must be numbers separated by commas [item 0]'],
		[{ resource: 'job', operation: 'getStatus', uuid: 'job-1', payloadHash: 'abc' }, 'Invalid "Job UUID" must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) [item 0]'],
		[{ resource: 'job', operation: 'getStatus', uuid: '3f1c2a9b-8e4c-4d6a-b5f4-3e2d1c0b9a87', payloadHash: '={{ " " }}' }, 'Invalid "Payload Hash" must not be empty [item 0]'],
	])('%j', async (parameters, message) => {
		const result = await env.engine.run(single(penneo(parameters)));
		expect(result.error()?.message).toBe(message);
		expect(env.sandbox.requests).toHaveLength(0);
	});
});
