/**
 * Wait for Completion. Penneo asks for ≥ 5 s between job checks, so each test here waits at least 5 s (the node's
 * documented minimum interval); the sandbox completes jobs at the first check unless told otherwise. Kept to three.
 */
import { makePdf } from '../../sandbox/server';
import { fileItem, single } from '../helpers';
import { appRequests, penneo, state, usePenneo } from './env';

const env = usePenneo();

const create = (extra: Record<string, unknown> = {}) =>
	penneo({
		resource: 'caseFile',
		operation: 'create',
		title: 'Waited Agreement',
		documents: { document: [{ binaryPropertyName: 'data' }] },
		signers: {
			signer: [
				{ name: 'Ann Berg', email: 'ann@example.com' },
				{ name: 'Bo Dahl', email: 'bo@example.com', signOrder: 1 },
			],
		},
		waitForCompletion: true,
		checkInterval: 5,
		timeout: 60,
		...extra,
	});

test('waits ≥ 5 s, checks the job once, and returns the case file ID and signing links', async () => {
	const result = await env.engine.run(single(create()), [fileItem(makePdf('wait'))]);
	expect(result.error()).toBeUndefined();
	const [job] = [...state(env).jobs.values()];
	const cf = state(env).caseFiles.get(job.caseFileId!)!;
	expect(result.output('Penneo')[0].json).toEqual({
		caseFileId: cf.id,
		signingLinks: [
			{ name: 'Ann Berg', role: 'Signer', link: cf.signers[0].link },
			{ name: 'Bo Dahl', role: 'Signer', link: cf.signers[1].link },
		],
		jobStatus: 'completed',
		uuid: job.uuid,
		payloadHash: job.payloadHash,
	});
	expect(appRequests(env).map((r) => `${r.method} ${r.path}`)).toEqual([
		'POST /send/api/v1/casefiles/20251022/create',
		'POST /send/api/v1/queue/public/status',
	]);
	expect(appRequests(env)[1].body).toEqual({ uuid: job.uuid, payloadHash: job.payloadHash });
	expect(appRequests(env)[1].headers['x-auth-token']).toBeUndefined();
	// The first check came at least 5 s after the job was created.
	expect(job.checks).toHaveLength(1);
	expect(job.checks[0] - Date.parse(job.createdAt)).toBeGreaterThanOrEqual(4900);
});

test('a failed job stops with Penneo’s reason and the job reference, and nothing is sent again', async () => {
	await fetch(`${env.sandbox.origin}/_control/penneo/jobs/plan`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ outcome: 'failed', errorMessage: 'Document agreement.pdf is password protected' }),
	});
	const result = await env.engine.run(single({ ...create(), continueOnFail: true }), [fileItem(makePdf('wait'), 'agreement.pdf')]);
	const [job] = [...state(env).jobs.values()];
	expect(result.output('Penneo')[0].json).toEqual({
		error: 'Penneo could not create the case file: Document agreement.pdf is password protected',
		description: `Job ${job.uuid} failed after the upload. Fix what the message names and run the node again (no case file was created).`,
		uuid: job.uuid,
		payloadHash: job.payloadHash,
	});
	expect(appRequests(env).filter((r) => r.path.endsWith('/create'))).toHaveLength(1);
	expect(state(env).caseFiles.size).toBe(0);
});

test('a job still processing at the timeout stops with its UUID and payload hash, without resending', async () => {
	state(env).jobPlan = { checksBeforeOutcome: 0, outcome: 'never' };
	const result = await env.engine.run(single(create({ timeout: 5 })), [fileItem(makePdf('slow'))]);
	const [job] = [...state(env).jobs.values()];
	const error = result.error()!;
	expect(error.message).toBe('The Penneo job was still "processing" after 5 s (1 check)');
	expect(error.description).toBe(
		`The case file was submitted and Penneo is still processing it: do not send it again. Check later with Job → Get Status (UUID ${job.uuid}, payload hash ${job.payloadHash}), or raise "Timeout (Seconds)".`,
	);
	expect(job.checks).toHaveLength(1);
	expect(appRequests(env).filter((r) => r.path.endsWith('/create'))).toHaveLength(1);
});

test('a 503 on a job check is retried after the check interval (≥ 5 s), never sooner, and the SSN never reaches the output', async () => {
	env.sandbox.addFault({ prefix: 'penneo', path: '/queue/public/status', status: 503, body: { message: 'Service unavailable' } });
	const n = create();
	const signers = (n.parameters.signers as { signer: Array<Record<string, unknown>> }).signer;
	signers[0].options = { ssn: '010190-1234', ssnType: 'dk:cpr' };
	const result = await env.engine.run(single(n), [fileItem(makePdf('retry'))]);
	expect(result.error()).toBeUndefined();
	const [job] = [...state(env).jobs.values()];
	expect(appRequests(env).map((r) => `${r.path} ${r.status}`)).toEqual([
		'/send/api/v1/casefiles/20251022/create 201',
		'/send/api/v1/queue/public/status 503',
		'/send/api/v1/queue/public/status 200',
	]);
	// The answered check came one more interval after the failed one: ≥ 10 s after the job was created.
	expect(job.checks).toHaveLength(1);
	expect(job.checks[0] - Date.parse(job.createdAt)).toBeGreaterThanOrEqual(9900);
	const text = JSON.stringify(result.run.data);
	for (const form of ['010190-1234', '0101901234']) expect(text).not.toContain(form);
}, 30_000);
