/**
 * The Penneo emulator on its own: an independent reading of Penneo's docs (it imports no node code, every route names
 * its source), and it refuses what Penneo refuses. Requests here are made by hand, never through the node.
 */
import { penneoKeyDigest } from '../../credentials/PenneoApi.credentials';
import { makePdf } from '../../sandbox/server';
import { expectIndependentEmulator } from '../sandbox-rules';
import { CREDS, seedCaseFile, state, usePenneo } from './env';

const env = usePenneo();
const app = () => env.sandbox.url('penneo');

test('the emulator imports nothing from nodes/ or credentials/, and every route names its source', () => {
	expectIndependentEmulator('penneo');
});

async function token(): Promise<string> {
	const res = await fetch(`${env.sandbox.url('penneo-auth')}/oauth/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ grant_type: 'api_keys', client_id: CREDS.clientId, client_secret: CREDS.clientSecret, key: CREDS.apiKey, ...penneoKeyDigest(CREDS.apiSecret) }),
	});
	const body = (await res.json()) as { access_token: string; expires_in: number };
	expect(body.expires_in).toBe(600);
	return body.access_token;
}

function form(caseFile: unknown, files: Record<string, Buffer>, dataAsFile = false): FormData {
	const f = new FormData();
	const data = JSON.stringify({ caseFile });
	if (dataAsFile) f.append('data', new Blob([data], { type: 'application/json' }), 'data.json');
	else f.append('data', data);
	for (const [name, content] of Object.entries(files)) f.append('files', new Blob([content], { type: 'application/pdf' }), name);
	return f;
}

async function create(body: FormData, headers: Record<string, string>) {
	const res = await fetch(`${app()}/send/api/v1/casefiles/20251022/create`, { method: 'POST', headers, body });
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const minimal = { title: 'Simple Agreement', signers: [{ name: 'John Doe', email: 'john@example.com' }], documents: [{ title: 'Agreement Document', name: 'agreement.pdf' }] };
const files = () => ({ 'agreement.pdf': makePdf('a') });

describe('the token goes where Penneo reads it', () => {
	test('the Send API takes X-Auth-Token only: no token, an unknown one, an expired one or a Bearer header get 401', async () => {
		const t = await token();
		expect((await create(form(minimal, files()), { 'X-Auth-Token': t })).status).toBe(201);
		expect(await create(form(minimal, files()), {})).toEqual({ status: 401, body: { message: 'JWT Token not found (send it as X-Auth-Token)', statusCode: 401 } });
		expect((await create(form(minimal, files()), { Authorization: `Bearer ${t}` })).status).toBe(401);
		expect((await create(form(minimal, files()), { 'X-Auth-Token': 'forged' })).body).toEqual({ message: 'Invalid JWT Token', statusCode: 401 });
		state(env).expireTokens();
		expect((await create(form(minimal, files()), { 'X-Auth-Token': t })).body).toEqual({ message: 'Expired JWT Token', statusCode: 401 });
	});

	test.each([
		['GET', '/api/v1/casefiles'],
		['GET', '/api/v1/casefiles/{id}'],
		['GET', '/api/v3/casefiles/{id}'],
		['DELETE', '/api/v1/casefiles/{id}'],
		['GET', '/api/v3/documents/{doc}/content'],
	])('%s %s takes Authorization: Bearer only: X-Auth-Token alone gets 401', async (method, pattern) => {
		const cf = seedCaseFile(env);
		const path = pattern.replace('{id}', String(cf.id)).replace('{doc}', String(cf.documentIds[0]));
		const t = await token();
		const call = (headers: Record<string, string>) => fetch(`${app()}${path}`, { method, headers: { accept: 'application/pdf, application/json', ...headers } });
		const refused = await call({ 'X-Auth-Token': t });
		expect(refused.status).toBe(401);
		expect(await refused.json()).toEqual({ message: 'JWT Token not found (send it as Authorization: Bearer)', statusCode: 401 });
		expect((await call({ Authorization: `Bearer ${t}` })).status).toBe(200);
	});

	test('the job status endpoint needs no token, answers 404 in the documented shape, and allows 20 checks a minute per job', async () => {
		const res = await create(form(minimal, files()), { 'X-Auth-Token': await token() });
		const { uuid, payloadHash } = (res.body.jobs as Array<{ uuid: string; payloadHash: string }>)[0];
		const job = { uuid, payloadHash };
		const check = (body: unknown) => fetch(`${app()}/send/api/v1/queue/public/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		const wrong = await check({ uuid: job.uuid, payloadHash: 'wrong' });
		expect([wrong.status, await wrong.json()]).toEqual([404, { message: 'Job not found', statusCode: 404 }]);
		expect((await check({ ...job, extra: 1 })).status).toBe(400);
		const statuses: number[] = [];
		for (let i = 0; i < 20; i++) statuses.push((await check(job)).status);
		expect(statuses.every((s) => s === 200)).toBe(true);
		const limited = await check(job);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});

describe('the Send API answers in the documented shapes', () => {
	test('create answers 201 {status, message, jobs}; the completed job carries result.data.caseFile.id, signingLinks and the echoed payload', async () => {
		const res = await create(form({ ...minimal, signers: [{ name: 'John Doe', role: 'Client_Signer', socialSecurityNumberPlain: '0101901234', ssnType: 'dk:cpr' }] }, files()), { 'X-Auth-Token': await token() });
		expect(res).toEqual({ status: 201, body: { status: 'handled', message: 'Job created', jobs: [{ uuid: expect.any(String), payloadHash: expect.stringMatching(/^[0-9a-f]{64}$/), createdAt: expect.any(String) }] } });
		const { uuid, payloadHash } = (res.body.jobs as Array<{ uuid: string; payloadHash: string }>)[0];
		const job = { uuid, payloadHash };
		const answer = (await (await fetch(`${app()}/send/api/v1/queue/public/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(job) })).json()) as Record<string, any>;
		const cf = [...state(env).caseFiles.values()][0];
		expect(Object.keys(answer).sort()).toEqual(['createdAt', 'errorMessage', 'jobStatus', 'maxRetries', 'payload', 'payloadHash', 'result', 'retries', 'type', 'updatedAt', 'uuid']);
		expect(answer.result).toEqual({ data: { caseFile: { id: cf.id }, signingLinks: [{ name: 'John Doe', role: 'Client_Signer', signingLink: cf.signers[0].link }] } });
		// Penneo echoes the payload, SSN included: the reason the node never passes it on.
		expect(answer.payload.caseFile.signers[0].socialSecurityNumberPlain).toBe('0101901234');
	});

	test.each([
		['data sent as a file instead of a string', () => form(minimal, files(), true), 'The field data (the case file JSON as a string) is required once'],
		['a document whose file was not uploaded', () => form(minimal, { 'other.pdf': makePdf('a') }), 'Validation failed: caseFile.documents[0].name: No uploaded file is named "agreement.pdf".; files: The file "other.pdf" is not named by any document.'],
		[
			'files in another order than the documents',
			() => form({ ...minimal, documents: [{ title: 'A', name: 'a.pdf' }, { title: 'B', name: 'b.pdf' }] }, { 'b.pdf': makePdf('b'), 'a.pdf': makePdf('a') }),
			'Validation failed: caseFile.documents[0].name: The files must be uploaded in the order of the documents: file 1 is "b.pdf".; caseFile.documents[1].name: The files must be uploaded in the order of the documents: file 2 is "a.pdf".',
		],
		['an unknown case file key', () => form({ ...minimal, colour: 'blue' }, files()), 'Validation failed: caseFile.colour: This field is not allowed.'],
		['an unknown signer key', () => form({ ...minimal, signers: [{ name: 'John', phone: '+45' }] }, files()), 'Validation failed: caseFile.signers[0].phone: This field is not allowed.'],
		[
			'a role with a space (the stricter of the page’s two rules)',
			() => form({ ...minimal, signers: [{ name: 'John', role: 'Client Signer' }] }, files()),
			'Validation failed: caseFile.signers[0].role: Invalid role format: at least 3 letters, digits or underscores, starting with a letter or digit.',
		],
		[
			'a document role no signer has, a short email text, a bad language',
			() => form({ ...minimal, language: 'es', signers: [{ name: 'John', role: 'Client_Signer', emailText: 'Hi' }], documents: [{ title: 'A', name: 'agreement.pdf', roles: ['Company_Signer'] }] }, files()),
			'Validation failed: caseFile.language: Invalid language.; caseFile.signers[0].emailText: emailText must be at least 5 characters long.; caseFile.documents[0].roles[0]: No signer has the role "Company_Signer".',
		],
		['no signable document', () => form({ ...minimal, documents: [{ title: 'A', name: 'agreement.pdf', signable: false }] }, files()), 'Validation failed: caseFile.documents: At least 1 signable document is required.'],
		['insecure methods without enabling them', () => form({ ...minimal, signers: [{ name: 'John', insecureSigningMethods: ['draw'] }] }, files()), 'Validation failed: caseFile.signers[0].insecureSigningMethods: Requires enableInsecureSigning: true.'],
		['a sender name of 1 character', () => form({ ...minimal, senderName: 'A' }, files()), 'Validation failed: caseFile.senderName: senderName must be 2 to 255 characters long.'],
		['a title over 1024 characters', () => form({ ...minimal, title: 'x'.repeat(1025) }, files()), 'Validation failed: caseFile.title: Title must be 1 to 1024 characters long.'],
	])('refuses %s with 400 {error, message, statusCode}', async (_label, body, message) => {
		const res = await create(body(), { 'X-Auth-Token': await token() });
		expect(res).toEqual({ status: 400, body: { error: 'Bad Request', message, statusCode: 400 } });
		expect(state(env).jobs.size).toBe(0);
	});
});

describe('the case file list', () => {
	test('x-paginate: a JSON array and a Link header with rel="next", "first", "prev" carrying page and per_page', async () => {
		for (let i = 0; i < 25; i++) seedCaseFile(env, { title: `Case ${i}` });
		const t = await token();
		const page = async (n: number) => fetch(`${app()}/api/v1/casefiles?page=${n}&per_page=10`, { headers: { Authorization: `Bearer ${t}`, 'x-paginate': 'true' } });
		const first = await page(1);
		expect(((await first.json()) as unknown[]).length).toBe(10);
		expect(first.headers.get('link')).toBe(`<${app()}/api/v1/casefiles?page=2&per_page=10>; rel="next", <${app()}/api/v1/casefiles?page=1&per_page=10>; rel="first"`);
		const last = await page(3);
		expect(((await last.json()) as unknown[]).length).toBe(5);
		expect(last.headers.get('link')).not.toContain('rel="next"');
		expect(last.headers.get('date')).toBeTruthy();
	});

	test('refuses unknown query parameters, statuses and sort fields (strict where the docs are silent)', async () => {
		const t = await token();
		const get = async (qs: string) => {
			const res = await fetch(`${app()}/api/v1/casefiles?${qs}`, { headers: { Authorization: `Bearer ${t}` } });
			return [res.status, await res.json()];
		};
		expect(await get('colour=blue')).toEqual([400, { message: 'Unknown query parameter: colour', statusCode: 400 }]);
		expect(await get('status=9')).toEqual([400, { message: 'Unknown status 9', statusCode: 400 }]);
		expect(await get('sort=-updated')).toEqual([400, { message: 'Cannot sort by updated', statusCode: 400 }]);
		expect(await get('per_page=101')).toEqual([400, { message: 'per_page must be from 1 to 100', statusCode: 400 }]);
		expect((await get('sort=-created&updatedAfter=0'))[0]).toBe(200);
	});
});
