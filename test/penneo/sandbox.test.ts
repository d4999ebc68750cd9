/** The Penneo emulator on its own: it follows Penneo's documents, not the node's guesses. */
import { penneoKeyDigest } from '../../credentials/PenneoApi.credentials';
import { makePdf } from '../../sandbox/server';
import { CREDS, state, usePenneo } from './env';

const env = usePenneo();

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

async function create(form: FormData, auth?: string) {
	const res = await fetch(`${env.sandbox.url('penneo')}/send/api/v1/casefiles/20251022/create`, {
		method: 'POST',
		headers: auth ? { 'X-Auth-Token': auth } : {},
		body: form,
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function form(caseFile: unknown, files: Record<string, Buffer>, dataAsFile = false): FormData {
	const f = new FormData();
	const data = JSON.stringify({ caseFile });
	if (dataAsFile) f.append('data', new Blob([data], { type: 'application/json' }), 'data.json');
	else f.append('data', data);
	for (const [name, content] of Object.entries(files)) f.append('files', new Blob([content], { type: 'application/pdf' }), name);
	return f;
}

const minimal = { title: 'Simple Agreement', signers: [{ name: 'John Doe', email: 'john@example.com' }], documents: [{ title: 'Agreement Document', name: 'agreement.pdf' }] };

test('the documented minimal example is accepted and answered with a job', async () => {
	const res = await create(form(minimal, { 'agreement.pdf': makePdf('a') }), await token());
	expect(res.status).toBe(201);
	expect(res.body).toMatchObject({ status: 'handled', message: 'Job created', jobs: [{ uuid: expect.any(String), payloadHash: expect.any(String) }] });
});

test('the app refuses calls without a token or with an unknown one', async () => {
	expect(await create(form(minimal, { 'agreement.pdf': makePdf('a') }))).toEqual({ status: 401, body: { message: 'JWT Token not found', code: 401 } });
	expect((await create(form(minimal, { 'agreement.pdf': makePdf('a') }), 'forged')).body).toEqual({ message: 'Invalid JWT Token', code: 401 });
	const t = await token();
	state(env).expireTokens();
	expect((await create(form(minimal, { 'agreement.pdf': makePdf('a') }), t)).body).toEqual({ message: 'Expired JWT Token', code: 401 });
});

test.each([
	['data sent as a file instead of a string', form(minimal, { 'agreement.pdf': makePdf('a') }, true), 'The field data (the case file JSON as a string) is required', undefined],
	[
		'a document whose file was not uploaded',
		form(minimal, { 'other.pdf': makePdf('a') }),
		'Validation failed',
		[
			{ property: 'caseFile.documents[0].name', message: 'No uploaded file is named "agreement.pdf".' },
			{ property: 'files', message: 'The file "other.pdf" is not named by any document.' },
		],
	],
	[
		'a document role no signer has, a short email text, a bad language',
		form(
			{ ...minimal, language: 'es', signers: [{ name: 'John', role: 'Client Signer', emailText: 'Hi' }], documents: [{ title: 'A', name: 'agreement.pdf', roles: ['Company Signer'] }] },
			{ 'agreement.pdf': makePdf('a') },
		),
		'Validation failed',
		[
			{ property: 'caseFile.language', message: 'Invalid language.' },
			{ property: 'caseFile.signers[0].emailText', message: 'emailText must be at least 5 characters long.' },
			{ property: 'caseFile.documents[0].roles[0]', message: 'No signer has the role "Company Signer".' },
		],
	],
	[
		'no signable document',
		form({ ...minimal, documents: [{ title: 'A', name: 'agreement.pdf', signable: false }] }, { 'agreement.pdf': makePdf('a') }),
		'Validation failed',
		[{ property: 'caseFile.documents', message: 'At least 1 signable document is required.' }],
	],
])('refuses %s with 400', async (_label, body, message, errors) => {
	const res = await create(body, await token());
	expect(res.status).toBe(400);
	expect(res.body).toEqual(errors ? { message, errors } : { message });
	expect(state(env).jobs.size).toBe(0);
});

test('job status: 404 for an unknown job or a wrong payload hash, 429 beyond 20 checks a minute', async () => {
	const res = await create(form(minimal, { 'agreement.pdf': makePdf('a') }), await token());
	const job = (res.body.jobs as Array<{ uuid: string; payloadHash: string }>)[0];
	const check = (body: unknown) =>
		fetch(`${env.sandbox.url('penneo')}/send/api/v1/queue/public/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	expect((await check({ uuid: job.uuid, payloadHash: 'wrong' })).status).toBe(404);
	const statuses: number[] = [];
	for (let i = 0; i < 21; i++) statuses.push((await check(job)).status);
	expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
	const limited = await check(job);
	expect(limited.status).toBe(429);
	expect(limited.headers.get('retry-after')).toBe('5');
});
