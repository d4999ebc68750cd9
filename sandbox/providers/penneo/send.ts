/**
 * The Send API: case file creation and its job queue (penneo-case-file-create.txt; send-api.json and Postman
 * requests 2–3, PUBLIC-DOCS.md §3). Errors in the documented shapes: 400 `{error, message, statusCode}`,
 * 404 `{message: "Job not found", statusCode: 404}`.
 */
import crypto from 'node:crypto';

import { json, uuid, type Route, type SandboxRequest } from '../../server';
import { unknownKeys } from '../../strict';
import { sendApiAuth } from './auth';
import type { PenneoJob, PenneoState } from './state';
import { validateCaseFile } from './validate';

const badRequest = (message: string) => json(400, { error: 'Bad Request', message, statusCode: 400 });

/** At most 20 status checks a minute per job (send-api.json, Postman request 3). */
const CHECKS_PER_MINUTE = 20;

export function sendRoutes(state: PenneoState): Route[] {
	const create = (req: SandboxRequest) => {
		const denied = sendApiAuth(state, req);
		if (denied) return denied;
		if (!req.parts) return badRequest('Expected multipart/form-data with the fields data and files');
		const dataParts = req.parts.filter((p) => p.name === 'data');
		if (dataParts.length !== 1 || dataParts[0].filename !== undefined) return badRequest('The field data (the case file JSON as a string) is required once');
		const others = req.parts.filter((p) => p.name !== 'data' && p.name !== 'files');
		if (others.length) return badRequest(`Unexpected field ${others[0].name}`);
		const files = req.parts.filter((p) => p.name === 'files');
		if (files.some((f) => f.filename === undefined)) return badRequest('Every files part must be a file with a filename');
		if (!files.length) return badRequest('At least one file is required in files');
		const dataText = dataParts[0].data.toString('utf8');
		let data: unknown;
		try {
			data = JSON.parse(dataText);
		} catch {
			return badRequest('The field data is not valid JSON');
		}
		const problems = validateCaseFile(data, files.map((f) => f.filename!));
		for (const f of files) if (!f.data.length) problems.push(`files: The file "${f.filename}" is empty.`);
		if (problems.length) return badRequest(`Validation failed: ${problems.join('; ')}`);
		const payloadHash = crypto.createHash('sha256').update(dataText).digest('hex');
		const filesHash = crypto.createHash('sha256');
		for (const f of files) filesHash.update(f.data);
		const fingerprint = `${payloadHash}:${filesHash.digest('hex')}`;
		const duplicate = [...state.jobs.values()].some((j) => (j as PenneoJob & { fingerprint?: string }).fingerprint === fingerprint && j.jobStatus !== 'failed');
		const now = new Date(req.now).toISOString();
		const job: PenneoJob & { fingerprint: string } = {
			uuid: uuid(),
			payloadHash,
			fingerprint,
			jobStatus: duplicate ? 'aborted_duplicated' : 'pending',
			createdAt: now,
			updatedAt: now,
			payload: data as PenneoJob['payload'],
			files: new Map(files.map((f) => [f.filename!, f.data])),
			checks: [],
			plan: { ...state.jobPlan },
		};
		state.jobs.set(job.uuid, job);
		return json(201, { status: 'handled', message: 'Job created', jobs: [{ uuid: job.uuid, payloadHash: job.payloadHash, createdAt: job.createdAt }] });
	};

	const status = (req: SandboxRequest) => {
		const b = req.json as { uuid?: unknown; payloadHash?: unknown } | undefined;
		if (!b || typeof b !== 'object') return badRequest('The body must be JSON with uuid and payloadHash');
		const extra = unknownKeys(b, ['uuid', 'payloadHash']);
		if (extra.length) return badRequest(`Unknown field ${extra.join(', ')}`);
		if (typeof b.uuid !== 'string' || typeof b.payloadHash !== 'string') return badRequest('uuid and payloadHash are required');
		const job = state.jobs.get(b.uuid);
		if (!job || job.payloadHash !== b.payloadHash) return json(404, { message: 'Job not found', statusCode: 404 });
		const recent = job.checks.filter((t) => req.now - t < 60_000);
		if (recent.length >= CHECKS_PER_MINUTE) {
			const wait = Math.max(1, Math.ceil((recent[0] + 60_000 - req.now) / 1000));
			return json(429, { message: 'Too many requests: at most 20 status checks a minute per job', statusCode: 429 }, { 'retry-after': String(wait) });
		}
		job.checks.push(req.now);
		state.advance(job, req.now);
		const cf = job.caseFileId ? state.caseFiles.get(job.caseFileId) : undefined;
		return json(200, {
			uuid: job.uuid,
			type: 'casefile_creation',
			jobStatus: job.jobStatus,
			result: cf ? { data: { caseFile: { id: cf.id }, signingLinks: state.signingLinks(cf) } } : null,
			payload: job.payload,
			payloadHash: job.payloadHash,
			errorMessage: job.errorMessage ?? null,
			retries: 0,
			maxRetries: 0,
			createdAt: job.createdAt,
			updatedAt: job.updatedAt,
		});
	};

	return [
		{
			method: 'POST',
			pattern: '/send/api/v1/casefiles/20251022/create',
			source: 'penneo-case-file-create.txt (multipart data + files); send-api.json 201/400, PUBLIC-DOCS.md §3 "Create case file"',
			handler: create,
		},
		{
			method: 'POST',
			pattern: '/send/api/v1/queue/public/status',
			source: 'PUBLIC-DOCS.md §3 "Job status" (send-api.json checkJobStatus, Postman request 3: no auth, 20 a minute per job)',
			handler: status,
		},
	];
}
