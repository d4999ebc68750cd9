import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { NodeApiError } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { z } from 'zod';

import { attachLeftBehind } from '../../shared/execute';
import { resourceLocator, sinceVersion } from '../../shared/locator';
import type { PenneoClient } from '../transport';
import { jobOutcome, PENNEO, safeOutput } from '../transport';

/** Case file ids are positive integers (they go into URL paths). */
export const caseFileId = z.coerce
	.string()
	.trim()
	.min(1)
	.regex(/^[1-9]\d*$/, 'must be a number (the case file ID shown in Penneo)');

export function caseFileIdField(show: Record<string, string[]>, description = 'ID of the Penneo case file'): INodeProperties {
	return {
		displayName: 'Case File ID',
		name: 'caseFileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1234567',
		description,
		displayOptions: { show },
	};
}

/**
 * The case file to act on: version 1 keeps its free-text ID (saved workflows run unchanged); from version 2 on it is
 * picked From List (searchable by title, newest first — `methods.listSearch.searchCaseFiles`) or typed By ID.
 * There is no By URL: no Penneo source shows the web address of a sent case file.
 */
export function caseFileLocator(show: Record<string, string[]>, description: string): INodeProperties[] {
	return sinceVersion(
		2,
		caseFileIdField(show, description),
		resourceLocator({
			displayName: 'Case File',
			name: 'caseFileId',
			show,
			searchListMethod: 'searchCaseFiles',
			description,
			idPlaceholder: 'e.g. 1234567',
			idRegex: '[1-9][0-9]*',
			noun: 'Case File',
		}),
	);
}

/** The case file field's label as the editor shows it in this node version. */
export function caseFileLabel(ctx: IExecuteFunctions): string {
	return ctx.getNode().typeVersion >= 2 ? 'Case File' : 'Case File ID';
}

/** Penneo asks for at least 5 s between checks and at most 20 checks a minute per job. */
export const MIN_CHECK_INTERVAL_SECONDS = 5;

export const jobRef = z.object({
	uuid: z.string().trim().uuid(),
	payloadHash: z.string().trim().min(1),
});

/** Checks of one job that may fail in a row (5xx, 429, dropped connection) before the error is shown. */
export const JOB_CHECK_ATTEMPTS = 4;

/**
 * One answer of the job status endpoint as the node shows it: the fields Penneo documents, without `payload`
 * (Penneo echoes the submitted case file there, signers' SSNs in plain text), plus `caseFileId` and `signingLinks`.
 */
export function jobView(body: IDataObject): IDataObject {
	const { payload: _payload, ...rest } = body;
	return safeOutput({ ...rest, ...jobOutcome(body) });
}

function transient(error: unknown): boolean {
	const code = Number((error as { httpCode?: string }).httpCode);
	return !code || code === 429 || code >= 500;
}

/**
 * One check of a creation job. The endpoint is public (no token, Penneo's docs). The client never retries it on its
 * own: a 5xx, a 429 or a dropped connection is retried here after `spacingMs` (≥ 5 s, Penneo's rule for checks), so
 * checks never come closer than Penneo asks.
 */
export async function checkJob(
	client: PenneoClient,
	job: { uuid: string; payloadHash: string },
	itemIndex: number,
	spacingMs = MIN_CHECK_INTERVAL_SECONDS * 1000,
): Promise<IDataObject> {
	for (let attempt = 1; ; attempt++) {
		try {
			const body = await client.single.json<IDataObject>({
				method: 'POST',
				url: PENNEO.paths.jobStatus,
				body: { uuid: job.uuid, payloadHash: job.payloadHash },
				safety: 'write',
				noAuth: true,
				itemIndex,
			});
			return jobView(body ?? {});
		} catch (error) {
			// The shared client already turned the failure into a NodeApiError (or NodeOperationError).
			const failure = error as NodeApiError;
			if (attempt >= JOB_CHECK_ATTEMPTS || !transient(failure)) throw failure;
			await sleep(spacingMs);
		}
	}
}

export interface WaitOptions {
	intervalSeconds: number;
	timeoutSeconds: number;
}

/**
 * Waits for a creation job: checks every `intervalSeconds` (≥ 5 s, so never above 12 checks a minute) until the
 * job completes, fails or the timeout is reached. The first check comes after the first wait.
 */
export async function waitForJob(
	ctx: IExecuteFunctions,
	client: PenneoClient,
	job: { uuid: string; payloadHash: string },
	options: WaitOptions,
	itemIndex: number,
): Promise<IDataObject> {
	const intervalMs = Math.max(options.intervalSeconds, MIN_CHECK_INTERVAL_SECONDS) * 1000;
	const deadline = Date.now() + options.timeoutSeconds * 1000;
	const leftBehind = { uuid: job.uuid, payloadHash: job.payloadHash };
	let checks = 0;
	for (;;) {
		await sleep(intervalMs);
		checks++;
		let status: IDataObject;
		try {
			status = await checkJob(client, job, itemIndex, intervalMs);
		} catch (error) {
			throw attachLeftBehind(error, leftBehind);
		}
		const jobStatus = String(status.jobStatus ?? '');
		if (jobStatus === 'completed') return { ...status, checks };
		if (jobStatus === 'failed') {
			throw attachLeftBehind(
				new NodeOperationError(ctx.getNode(), `Penneo could not create the case file: ${String(status.errorMessage ?? 'the job failed')}`, {
					itemIndex,
					description: `Job ${job.uuid} failed after the upload. Fix what the message names and run the node again (no case file was created).`,
				}),
				leftBehind,
			);
		}
		if (jobStatus === 'aborted_duplicated') {
			throw attachLeftBehind(
				new NodeOperationError(ctx.getNode(), 'Penneo did not create the case file: the same case file was already submitted (aborted_duplicated)', {
					itemIndex,
					description: 'Penneo recognised an identical submission and kept only the first one. Look for the case file in Penneo (Case File → Get Many with the title or reference) instead of sending it again.',
				}),
				leftBehind,
			);
		}
		if (Date.now() + intervalMs > deadline) {
			throw attachLeftBehind(
				new NodeOperationError(ctx.getNode(), `The Penneo job was still "${jobStatus || 'unknown'}" after ${options.timeoutSeconds} s (${checks} check${checks === 1 ? "" : "s"})`, {
					itemIndex,
					description: `The case file was submitted and Penneo is still processing it: do not send it again. Check later with Job → Get Status (UUID ${job.uuid}, payload hash ${job.payloadHash}), or raise "Timeout (Seconds)".`,
				}),
				leftBehind,
			);
		}
	}
}

/** Unix seconds from a date the editor or an expression gives (ISO text, Date/Luxon, Unix seconds or ms). */
export function toUnixSeconds(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number') return Number.isFinite(value) ? Math.floor(value > 1e12 ? value / 1000 : value) : undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : Math.floor(value.getTime() / 1000);
	const text = String(value).trim();
	if (/^\d+$/.test(text)) return toUnixSeconds(Number(text));
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** A zod field for a date sent to Penneo as Unix seconds. */
export const unixTime = z.unknown().transform((v, ctx) => {
	const seconds = toUnixSeconds(typeof v === 'object' && v !== null && 'toISO' in v ? String((v as { toISO: () => string }).toISO()) : v);
	if (seconds === undefined || seconds < 0) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a date and time, e.g. 2026-03-01T12:00:00Z' });
		return z.NEVER;
	}
	return seconds;
});
