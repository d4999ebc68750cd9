/** Bad input is refused before any request: each failure names the field (editor words) and the item. */
import type { IDataObject } from 'n8n-workflow';

import { EASYINK_SANDBOX_TOKENS } from '../../sandbox/providers/easyink';
import { makePdf } from '../../sandbox/server';
import { fileItem } from '../helpers';
import { runOp, useEasyInkEnv } from './env';

const env = useEasyInkEnv();

const S = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const P = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
const D = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const person = { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', deliveryMethods: ['Email'], language: 'English' };
const addP = (over: IDataObject) => ({ resource: 'participant', operation: 'add', sessionId: S, ...person, ...over });
const field = (over: IDataObject) => ({ resource: 'signatureField', operation: 'add', sessionId: S, participantId: P, documentId: D, ...over });
const UUID_MSG = 'must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)';

const cases: Array<[string, IDataObject, string]> = [
	['subject too long', { resource: 'draft', operation: 'create', subject: 'x'.repeat(501) }, '"Subject" must be at most 500 characters'],
	['subject empty', { resource: 'draft', operation: 'create', subject: '  ' }, '"Subject" must not be empty'],
	['a 1 MB subject (documented limit 500)', { resource: 'draft', operation: 'create', subject: 's'.repeat(1024 * 1024) }, '"Subject" must be at most 500 characters'],
	['a 1 MB duplicate subject', { resource: 'draft', operation: 'duplicate', sessionId: S, subject: 's'.repeat(1024 * 1024) }, '"New Subject" must be at most 500 characters'],
	['a 1 MB void reason (documented limit 1000)', { resource: 'session', operation: 'void', sessionId: S, reason: 'r'.repeat(1024 * 1024) }, '"Reason" must be at most 1000 characters'],
	['a 1 MB first name (documented limit 100)', addP({ firstName: 'n'.repeat(1024 * 1024) }), '"First Name" must be at most 100 characters'],
	['update subject too long', { resource: 'draft', operation: 'update', sessionId: S, updateFields: { subject: 'y'.repeat(501) } }, '"Subject" must be at most 500 characters'],
	['draft id not a UUID', { resource: 'draft', operation: 'get', sessionId: 'abc' }, `"Draft ID" ${UUID_MSG}`],
	['session id not a UUID', { resource: 'session', operation: 'get', sessionId: '3fa85f64/../x' }, `"Session ID" ${UUID_MSG}`],
	['document id not a UUID', { resource: 'document', operation: 'remove', sessionId: S, documentId: 'doc-1' }, `"Document ID" ${UUID_MSG}`],
	['first name empty', addP({ firstName: '   ' }), '"First Name" must not be empty'],
	['first name too long', addP({ firstName: 'a'.repeat(101) }), '"First Name" must be at most 100 characters'],
	['last name too long', addP({ lastName: 'b'.repeat(101) }), '"Last Name" must be at most 100 characters'],
	['middle name too long', addP({ middleName: 'c'.repeat(101) }), '"Middle Name" must be at most 100 characters'],
	['email malformed', addP({ email: 'ann.example.com' }), '"Email" must be a valid email address'],
	['email too long', addP({ email: `${'a'.repeat(250)}@example.com` }), '"Email" must be at most 256 characters'],
	['phone not 10 digits', addP({ phone: '555-0100', deliveryMethods: ['Sms'] }), '"Phone" must be exactly 10 digits (no spaces, dashes or country code)'],
	['SMS without phone', addP({ deliveryMethods: ['Email', 'Sms'] }), '"Phone" is required when "Delivery Methods" include SMS'],
	['Email without email', addP({ email: '', phone: '2025551234', deliveryMethods: ['Email'] }), '"Email" is required when "Delivery Methods" include Email'],
	['no delivery method', addP({ deliveryMethods: [] }), '"Delivery Methods" needs at least 1 entry'],
	['language not offered', addP({ language: 'French' }), '"Language" must be one of: English, Spanish'],
	['delivery update SMS without phone', { resource: 'participant', operation: 'updateDelivery', sessionId: S, participantId: P, deliveryMethods: ['Sms'] }, '"Phone" is required when "Delivery Methods" include SMS'],
	['page 0', field({ page: 0 }), '"Page" must be at least 1'],
	['negative X', field({ positionX: -1 }), '"Position X" must be at least 0'],
	['negative Y', field({ positionY: -0.5 }), '"Position Y" must be at least 0'],
	['width too small', field({ sizeX: 0.05 }), '"Width" must be at least 0.1'],
	['height too small', { resource: 'signatureField', operation: 'updatePosition', sessionId: S, signatureFieldId: D, sizeY: 0 }, '"Height" must be at least 0.1'],
	['void reason empty', { resource: 'session', operation: 'void', sessionId: S, reason: ' ' }, '"Reason" must not be empty'],
	['void reason too long', { resource: 'session', operation: 'void', sessionId: S, reason: 'r'.repeat(1001) }, '"Reason" must be at most 1000 characters'],
	['recreate without reason', { resource: 'draft', operation: 'recreate', sessionId: S, voidReason: '  ' }, '"Void Reason" must not be empty'],
	['page size over 100', { resource: 'session', operation: 'search', options: { pageSize: 101 } }, '"Page Size" must be at most 100'],
	['page size 0', { resource: 'session', operation: 'search', options: { pageSize: 0 } }, '"Page Size" must be at least 1'],
	['order id not a UUID', { resource: 'signingOrder', operation: 'setSequential', sessionId: S, participantIds: `${P}, nope` }, `"Participant IDs in Order" (participant ids in order 2) ${UUID_MSG}`],
	['order lists someone twice', { resource: 'signingOrder', operation: 'setSequential', sessionId: S, participantIds: `${P}, ${P}` }, '"Participant IDs in Order" lists a participant more than once'],
	['wait longer than 600 s', { resource: 'signedOutput', operation: 'downloadAllInOne', sessionId: S, options: { waitWhileProcessing: true, maxWaitSeconds: 601 } }, '"Max Wait (Seconds)" must be at most 600'],
	[
		'create and send: second participant’s email',
		{ resource: 'session', operation: 'createAndSend', subject: 'S', participants: { participant: [person, { ...person, email: 'bad@' }] } },
		'"Email" (participant 2) must be a valid email address',
	],
	[
		'create and send: field for a participant that is not listed',
		{ resource: 'session', operation: 'createAndSend', subject: 'S', participants: { participant: [person] }, fieldMode: 'custom', fields: { field: [{ participant: 2, document: 1, type: 'Signature', page: 1, positionX: 1, positionY: 1, sizeX: 10, sizeY: 10, isRequired: true }] } },
		'"Participant Number" (field 1) must be between 1 and 1 (the number of participants)',
	],
	['create and send: no participants', { resource: 'session', operation: 'createAndSend', subject: 'S', participants: {} }, '"Participants" needs at least 1 entry'],
	['update with nothing to change', { resource: 'draft', operation: 'update', sessionId: S, updateFields: {} }, 'Add "Subject" or "Reminder Frequency" under "Update Fields"'],
];

test.each(cases)('%s', async (_name, parameters, message) => {
	const r = await runOp(env, parameters, [fileItem(makePdf('x'))]);
	expect(r.error?.message).toBe(message.startsWith('Add') ? `${message} [item 0]` : `Invalid ${message} [item 0]`);
	expect(r.reqs).toHaveLength(0);
});

test('the failure names the item it belongs to; earlier items already ran', async () => {
	const r = await runOp(env, { resource: 'draft', operation: 'create', subject: '={{ $json.subject }}' }, [{ json: { subject: 'Fine' } }, { json: { subject: 'z'.repeat(600) } }]);
	expect(r.error?.message).toBe('Invalid "Subject" must be at most 500 characters [item 1]');
	expect(r.error?.description).toBe('Fix "Subject" and run the node again.');
	expect(r.reqs).toHaveLength(1);
});

test('provider errors: message says what happened, description how to fix; inner errors listed; no token anywhere', async () => {
	const notFound = await runOp(env, { resource: 'draft', operation: 'get', sessionId: S });
	expect(notFound.error?.message).toBe('EasyInk rejected the request (404): Signing session draft does not exists (NotFound)');
	expect(notFound.error?.description).toBe(
		'Check the ID: it does not exist in this EasyInk environment, was deleted, or a draft ID was used where a started session is needed (or the other way round).',
	);

	env.sandbox.addFault({
		status: 400,
		body: { error: { code: 'ValidationError', message: 'Validation failed for one or more fields', innerErrors: [{ code: 'RequiredField', message: "The 'email' field is required" }, { code: 'InvalidFormat', message: "The 'phone' field must be a 10-digit phone number" }] } },
	});
	const inner = await runOp(env, addP({}));
	expect(inner.error?.message).toBe(
		"EasyInk rejected the request (400): Validation failed for one or more fields (ValidationError) The 'email' field is required; The 'phone' field must be a 10-digit phone number",
	);

	env.sandbox.addFault({ status: 403, body: { error: { code: 'Forbidden', message: 'Insufficient permissions' } } });
	const forbidden = await runOp(env, { resource: 'session', operation: 'getStatistics' }, undefined, { continueOnFail: true });
	expect(forbidden.json).toEqual({
		error: 'EasyInk rejected the request (403): Insufficient permissions (Forbidden)',
		description: 'The signed-in EasyInk user may not do this: ask your EasyInk administrator for access to this session, or sign in with another user.',
		httpCode: '403',
	});
	// A create answered by something that is not an id (a proxy page) is never taken for one.
	env.sandbox.addFault({ method: 'POST', malformed: true });
	const html = await runOp(env, { resource: 'draft', operation: 'create', subject: 'Lease' });
	expect(html.error?.message).toBe('EasyInk answered POST /api/signingSessionDrafts without the new ID');
	expect(html.error?.description).toBe(
		'Search the drafts (Signing Session → Search with status Draft) for "Lease" before creating it again. A proxy or an outage page may be in the way: check the credential\'s API URL.',
	);
	expect(html.reqs).toHaveLength(1);

	for (const r of [notFound, inner, forbidden]) {
		expect(JSON.stringify(r.error ?? r.out)).not.toContain(EASYINK_SANDBOX_TOKENS.accessToken);
	}
});
