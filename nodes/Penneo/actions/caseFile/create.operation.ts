import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { BinaryInput } from '../../../shared/binary';
import { readBinary } from '../../../shared/binary';
import { multipartBody, multipartFileName } from '../../../shared/multipart';
import type { OperationResult } from '../../../shared/execute';
import { attachLeftBehind } from '../../../shared/execute';
import { compact, params, rows } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { PenneoClient } from '../../transport';
import { idForms, maskCpr, PENNEO, penneoProvider, safeOutput } from '../../transport';
import { waitForJob } from '../common';
import { labels } from './create.description';
import { schema } from './create.schema';

export { description } from './create.description';

/** Empty editor values ("", empty lists) are "not set"; booleans are always kept. */
function clean(obj: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(compact(obj)).filter(([, v]) => !(Array.isArray(v) && v.length === 0))) as IDataObject;
}

/** Roles typed comma-separated or given as an array. */
function roleList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
	if (value === undefined || value === null) return [];
	return String(value)
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}

function withoutExtension(name: string): string {
	return name.replace(/\.[^./\\]+$/, '') || name;
}

/**
 * The file name sent both in the case file JSON (`documents[].name`) and as the `files` part's filename: Penneo matches
 * them character for character, and a multipart layer rewrites names it cannot carry (a path keeps only its last
 * segment, quotes get escaped). Normalised once, here, so both places get the same string: the last path segment,
 * with quotes, backslashes and control characters replaced by "_".
 */
export function penneoFileName(name: string): string {
	const last = name.split(/[\\/]/).filter((part) => part.trim() !== '').pop() ?? '';
	// Character codes rather than a control-character regex (n8n-node lint's no-control-regex).
	return Array.from(last, (c) => (c === '"' || c === '\\' || c.charCodeAt(0) <= 0x1f || c === '\u007f' ? '_' : c))
		.join('')
		.trim();
}

/** A 2xx answer that is not a created job is a failure, in Penneo's words (never a silent "pending"). */
function createdJob(ctx: IExecuteFunctions, body: IDataObject | undefined, i: number, sensitive: string[]): { uuid: string; payloadHash: string; createdAt?: string } {
	const jobs = Array.isArray(body?.jobs) ? (body!.jobs as IDataObject[]) : [];
	const job = jobs[0];
	if (body?.status !== 'error' && job && typeof job.uuid === 'string' && typeof job.payloadHash === 'string') {
		return { uuid: job.uuid, payloadHash: job.payloadHash, createdAt: typeof job.createdAt === 'string' ? job.createdAt : undefined };
	}
	const said = penneoProvider.parseError(body ?? {}).message;
	throw new NodeApiError(ctx.getNode(), safeOutput((body ?? {}) as IDataObject, sensitive) as never, {
		message: maskCpr(`Penneo did not create the case file${said ? `: ${said}` : body?.status === 'error' ? ' (status "error")' : ' (its answer has no job)'}`),
		description:
			'Penneo answered without a creation job, so nothing is being created. Fix what the message names and run the node again; if it names nothing, look for the case file in Penneo first.',
		itemIndex: i,
	});
}

/** A document of the case file: the input item's binary field it comes from, and its Penneo fields. */
export interface CreateDocumentInput {
	binaryPropertyName: string;
	/** Empty: the file name without its extension. */
	title?: string;
	signable?: boolean;
	/** Empty: the binary's own file name. */
	fileName?: string;
	/** Typed comma-separated or given as an array. */
	roles?: unknown;
	documentOrder?: number;
	metaData?: string;
}

/** Everything Case File → Create and Send sends, before validation (editor values, or the E-Signature adapter's). */
export interface CreateInput {
	title: unknown;
	documents: CreateDocumentInput[];
	/** One object per signer, its option groups already merged (name, email, role, …, ssn, ssnType, …). */
	signers: IDataObject[];
	ccRecipients: IDataObject[];
	additionalFields: IDataObject;
	waitForCompletion: boolean;
	checkInterval: number;
	timeout: number;
}

/**
 * Case File → Create and Send for one item: validates everything before any request, uploads the case file
 * (`POST /send/api/v1/casefiles/20251022/create`, multipart `data` + `files`), and with `waitForCompletion` waits for
 * the creation job. Returns the job (`uuid`, `payloadHash`) or, when it completed, `caseFileId` and `signingLinks`.
 */
export async function createCaseFile(ctx: IExecuteFunctions, client: PenneoClient, i: number, raw: CreateInput): Promise<IDataObject> {
	const binaries = ctx.getInputData()[i]?.binary ?? {};
	const documents = raw.documents.map((d) => {
		const property = String(d.binaryPropertyName ?? 'data').trim();
		const binary = binaries[property];
		// penneoFileName is already what a multipart part can carry; multipartFileName only turns a name that is
		// nothing but a path ('..') into a file name, so the JSON and the part always say the same.
		const name = multipartFileName(penneoFileName(String(d.fileName || binary?.fileName || `${String(d.title || 'document')}.pdf`)), 'document.pdf');
		return clean({
			binaryPropertyName: property,
			hasFile: !!binary,
			title: String(d.title ?? '').trim() || withoutExtension(name),
			name,
			signable: d.signable !== false,
			roles: roleList(d.roles),
			documentOrder: d.documentOrder,
			metaData: d.metaData,
		});
	});
	const input = { ...raw, documents, signers: raw.signers.map(clean), ccRecipients: raw.ccRecipients.map(clean), additionalFields: clean(raw.additionalFields ?? {}) };
	const p = validate(ctx, schema, input, i, labels);
	// National id numbers, in every written form: scrubbed from anything that can reach an error or the output.
	const sensitive = p.signers.flatMap((s) => (s.ssn ? idForms(s.ssn) : []));

	const caseFile: IDataObject = clean({
		title: p.title,
		...p.additionalFields,
		signers: p.signers.map(({ ssn, ...s }) => clean({ ...s, socialSecurityNumberPlain: ssn })),
		ccRecipients: p.ccRecipients.length ? p.ccRecipients : undefined,
		documents: p.documents.map((d) => clean({ title: d.title, name: d.name, signable: d.signable, roles: d.roles, documentOrder: d.documentOrder, metaData: d.metaData })),
	});
	const payload = JSON.stringify({ caseFile });

	const files: Array<{ name: string; input: BinaryInput }> = [];
	for (const d of p.documents) files.push({ name: d.name, input: await readBinary(ctx, i, d.binaryPropertyName, d.name) });

	const created = await client.json<IDataObject>({
		method: 'POST',
		url: PENNEO.paths.createCaseFile,
		itemIndex: i,
		timeout: 30 * 60_000,
		sensitive,
		appliedHint: `Penneo may have created it: look in Penneo for the case file "${p.title}"${p.additionalFields.reference ? ` (reference ${p.additionalFields.reference})` : ''} before running the node again.`,
		// The same name as documents[].name (penneoFileName); every send reads the files again from n8n's store.
		body: async () =>
			await multipartBody([
				{ field: 'data', value: payload },
				...files.map((f) => ({ field: 'files', file: f.input, fileName: f.name, contentType: f.input.mimeType })),
			]),
	});
	const job = createdJob(ctx, created, i, sensitive);
	const submitted: IDataObject = { message: created?.message as string | undefined, uuid: job.uuid, payloadHash: job.payloadHash, createdAt: job.createdAt };
	if (!p.waitForCompletion) return safeOutput({ jobStatus: 'pending', ...submitted }, sensitive);
	try {
		const done = await waitForJob(ctx, client, job, { intervalSeconds: p.checkInterval, timeoutSeconds: p.timeout }, i);
		return safeOutput({ caseFileId: done.caseFileId, signingLinks: done.signingLinks, jobStatus: done.jobStatus, uuid: job.uuid, payloadHash: job.payloadHash }, sensitive);
	} catch (error) {
		throw attachLeftBehind(error, { uuid: job.uuid, payloadHash: job.payloadHash });
	}
}

/** A signer row of the editor: its option groups (version 2) or its one options list (version 1) merged into it. */
export function signerFromRow(row: IDataObject): IDataObject {
	const { options, security, notifications, ...rest } = row;
	return { ...rest, ...((security ?? {}) as IDataObject), ...((notifications ?? {}) as IDataObject), ...((options ?? {}) as IDataObject) };
}

export async function execute(this: IExecuteFunctions, i: number, client: PenneoClient): Promise<OperationResult> {
	const raw = params(this, i, { title: '', documents: {}, signers: {}, ccRecipients: {}, additionalFields: {}, waitForCompletion: true, checkInterval: 5, timeout: 120 });
	return await createCaseFile(this, client, i, {
		title: raw.title,
		documents: rows(raw.documents, 'document').map((d) => {
			const options = (d.options ?? {}) as IDataObject;
			return {
				binaryPropertyName: String(d.binaryPropertyName ?? 'data'),
				title: d.title as string | undefined,
				signable: d.signable as boolean | undefined,
				fileName: options.fileName as string | undefined,
				roles: options.roles,
				documentOrder: options.documentOrder as number | undefined,
				metaData: options.metaData as string | undefined,
			};
		}),
		signers: rows(raw.signers, 'signer').map(signerFromRow),
		ccRecipients: rows(raw.ccRecipients, 'recipient'),
		additionalFields: (raw.additionalFields ?? {}) as IDataObject,
		waitForCompletion: raw.waitForCompletion as boolean,
		checkInterval: raw.checkInterval as number,
		timeout: raw.timeout as number,
	});
}
