/**
 * The Penneo emulator's in-memory state: tokens, creation jobs, case files, documents and their life cycle.
 * Statuses follow Penneo's docs site (penneo.readme.io "Checking casefile status": 0 new, 1 pending, 2 rejected,
 * 3 deleted, 4 signed, 5 completed, 6 failed, 7 expired, 8 anonymized). Signing request statuses are served in one of
 * the two readings the sources give (PUBLIC-DOCS.md §3): Penneo's Postman collection (default: 0 sent, 1 request
 * opened, 2 opened, 3 signed, 4 rejected) or sdk-php/sdk-net (0 new, 1 pending, 2 rejected, 3 deleted, 4 signed).
 */
import crypto from 'node:crypto';

import { makePdf } from '../../server';

export const PENNEO_SANDBOX_CREDENTIALS = {
	clientId: 'sandbox-client',
	clientSecret: 'sandbox-client-secret',
	apiKey: 'sandbox-api-key',
	apiSecret: 'sandbox-api-secret',
};

/** Case file statuses (penneo.readme.io "Checking casefile status"). */
export const CF = { new: 0, pending: 1, rejected: 2, deleted: 3, signed: 4, completed: 5, failed: 6, expired: 7, anonymized: 8 } as const;

export type SigningScheme = 'postman' | 'sdk';
/** Signing request status codes in each reading. */
export const SIGNING_CODES: Record<SigningScheme, { sent: number; opened: number; signed: number; rejected: number }> = {
	postman: { sent: 0, opened: 1, signed: 3, rejected: 4 },
	sdk: { sent: 0, opened: 1, signed: 4, rejected: 2 },
};

type SignerState = 'sent' | 'opened' | 'signed' | 'rejected';

export interface PenneoSigner {
	id: number;
	name: string;
	email: string | null;
	role: string;
	signOrder: number;
	onBehalfOf: string | null;
	/** Stored, never returned by the API. */
	ssn: string | null;
	ssnType: string | null;
	state: SignerState;
	requestId: number;
	link: string;
	options: Record<string, unknown>;
}

export interface PenneoDocument {
	id: number;
	caseFileId: number;
	title: string;
	name: string;
	signable: boolean;
	content: Buffer;
	signedContent: Buffer | null;
}

export interface PenneoCaseFile {
	id: number;
	title: string;
	status: number;
	/** Unix seconds. */
	created: number;
	/** When anything changed (Unix seconds): read by the `updatedAfter` filter, never shown (no source names a field). */
	changed: number;
	/** When it was completed (Unix seconds): read by `completedAfter`. */
	completedAt: number | null;
	sendAt: number | null;
	expireAt: number | null;
	reference: string | null;
	metaData: string | null;
	folderId: number | null;
	language: string | null;
	settings: Record<string, unknown>;
	signers: PenneoSigner[];
	documentIds: number[];
}

export interface JobPlan {
	/** Checks answered "processing" before the outcome. */
	checksBeforeOutcome: number;
	outcome: 'completed' | 'failed' | 'never';
	errorMessage?: string;
}

export interface PenneoJob {
	uuid: string;
	payloadHash: string;
	jobStatus: 'pending' | 'processing' | 'completed' | 'failed' | 'aborted_duplicated';
	createdAt: string;
	updatedAt: string;
	/** The parsed `data` field: echoed as `payload` by the status endpoint (send-api.json). */
	payload: { caseFile: Record<string, unknown> };
	files: Map<string, Buffer>;
	caseFileId?: number;
	errorMessage?: string;
	/** Sandbox clock (ms) of every status check. */
	checks: number[];
	plan: JobPlan;
}

export class PenneoState {
	tokens = new Map<string, { expiresAt: number; key: string }>();
	/** Token lifetime in seconds (10 minutes: Postman collection). */
	tokenLifetimeSeconds = 600;
	/** How far `created_at` may be from the server clock [G: Penneo says only that a wrong clock is refused]. */
	maxClockSkewSeconds = 300;
	usedNonces = new Set<string>();
	caseFiles = new Map<number, PenneoCaseFile>();
	documents = new Map<number, PenneoDocument>();
	jobs = new Map<string, PenneoJob>();
	jobPlan: JobPlan = { checksBeforeOutcome: 0, outcome: 'completed' };
	/** Which reading of the signing request codes the API serves. */
	signingScheme: SigningScheme = 'postman';
	/** `link`: x-paginate + Link header (sdk-net); `unpaged`: a server that ignores page/per_page and answers everything. */
	paging: 'link' | 'unpaged' = 'link';
	/** Whether list rows carry signers (a community script reads them there; no Penneo source shows a list row). */
	listWithSigners = true;
	/** Order of the list when no `sort` is given [G: not documented]. */
	defaultOrder: 'id' | '-id' = 'id';
	/** Test hook: runs after each list page is served (page shifts while a client pages). */
	afterListPage?: (page: number) => void;
	private nextId = 1000;

	constructor() {
		this.reset();
	}

	reset() {
		this.tokens.clear();
		this.usedNonces.clear();
		this.caseFiles.clear();
		this.documents.clear();
		this.jobs.clear();
		this.tokenLifetimeSeconds = 600;
		this.jobPlan = { checksBeforeOutcome: 0, outcome: 'completed' };
		this.signingScheme = 'postman';
		this.paging = 'link';
		this.defaultOrder = 'id';
		this.listWithSigners = true;
		this.afterListPage = undefined;
		this.nextId = 1000;
	}

	id() {
		return ++this.nextId;
	}

	expireTokens() {
		for (const t of this.tokens.values()) t.expiresAt = 0;
	}

	/** Turns a completed job's payload into a stored case file (what Penneo's worker does). */
	materialize(job: Pick<PenneoJob, 'payload' | 'files'>, nowMs: number): PenneoCaseFile {
		const cf = job.payload.caseFile as Record<string, any>;
		const now = Math.floor(nowMs / 1000);
		const id = this.id();
		const signers: PenneoSigner[] = (cf.signers as Array<Record<string, any>>).map((s) => {
			const { name, email, role, signOrder, onBehalfOf, socialSecurityNumberPlain, ssnType, ...options } = s;
			return {
				id: this.id(),
				name,
				email: email ?? null,
				role: role ?? 'Signer',
				signOrder: signOrder ?? 0,
				onBehalfOf: onBehalfOf ?? null,
				ssn: socialSecurityNumberPlain ?? null,
				ssnType: ssnType ?? null,
				state: 'sent',
				requestId: this.id(),
				link: `https://sandbox.penneo.com/signing/${crypto.randomUUID()}`,
				options,
			};
		});
		const documentIds = (cf.documents as Array<Record<string, any>>).map((d) => {
			const doc: PenneoDocument = {
				id: this.id(),
				caseFileId: id,
				title: d.title,
				name: d.name,
				signable: d.signable !== false,
				content: job.files.get(d.name) ?? Buffer.alloc(0),
				signedContent: null,
			};
			this.documents.set(doc.id, doc);
			return doc.id;
		});
		const { title, reference, metaData, folderId, sendAt, expireAt, language, signers: _s, documents: _d, ccRecipients: _c, ...settings } = cf;
		const caseFile: PenneoCaseFile = {
			id,
			title,
			status: sendAt && sendAt > now ? CF.new : CF.pending,
			created: now,
			changed: now,
			completedAt: null,
			sendAt: sendAt ?? null,
			expireAt: expireAt ?? null,
			reference: reference ?? null,
			metaData: metaData ?? null,
			folderId: folderId ?? null,
			language: language ?? null,
			settings,
			signers,
			documentIds,
		};
		this.caseFiles.set(id, caseFile);
		return caseFile;
	}

	/** Advances a job at a status check, following its plan. */
	advance(job: PenneoJob, nowMs: number) {
		if (job.jobStatus !== 'pending' && job.jobStatus !== 'processing') return;
		if (job.plan.outcome === 'never' || job.plan.checksBeforeOutcome > 0) {
			if (job.plan.checksBeforeOutcome > 0) job.plan.checksBeforeOutcome--;
			job.jobStatus = 'processing';
			return;
		}
		job.updatedAt = new Date(nowMs).toISOString();
		if (job.plan.outcome === 'failed') {
			job.jobStatus = 'failed';
			job.errorMessage = job.plan.errorMessage ?? 'Document contract.pdf could not be converted: the file is not a valid PDF';
			return;
		}
		job.caseFileId = this.materialize(job, nowMs).id;
		job.jobStatus = 'completed';
	}

	caseFile(id: number): PenneoCaseFile {
		const cf = this.caseFiles.get(Number(id));
		if (!cf || cf.status === CF.deleted) throw new Error(`no case file ${id}`);
		return cf;
	}

	touch(cf: PenneoCaseFile, nowMs: number) {
		cf.changed = Math.floor(nowMs / 1000);
	}

	/** A signer signs (the next one in sign order, or the one given). All signed → completed, documents sealed. */
	sign(caseFileId: number, signerId?: number, nowMs = Date.now()) {
		const cf = this.caseFile(caseFileId);
		if (cf.status !== CF.pending) throw new Error(`case file is ${cf.status}, not pending`);
		const waiting = cf.signers.filter((s) => s.state !== 'signed');
		const order = Math.min(...waiting.map((s) => s.signOrder));
		const signer = signerId ? waiting.find((s) => s.id === Number(signerId)) : waiting.find((s) => s.signOrder === order);
		if (!signer) throw new Error('no signer waiting to sign');
		if (signer.signOrder > order) throw new Error('not this signer’s turn (sign order)');
		signer.state = 'signed';
		this.touch(cf, nowMs);
		if (cf.signers.every((s) => s.state === 'signed')) {
			cf.status = CF.completed;
			cf.completedAt = cf.changed;
			for (const docId of cf.documentIds) {
				const doc = this.documents.get(docId)!;
				doc.signedContent = makePdf(`Signed: ${doc.title}`);
			}
		}
		return this.view(cf);
	}

	open(caseFileId: number, nowMs = Date.now()) {
		const cf = this.caseFile(caseFileId);
		const signer = cf.signers.find((s) => s.state === 'sent');
		if (signer) signer.state = 'opened';
		this.touch(cf, nowMs);
		return this.view(cf);
	}

	reject(caseFileId: number, signerId?: number, nowMs = Date.now()) {
		const cf = this.caseFile(caseFileId);
		if (cf.status !== CF.pending) throw new Error(`case file is ${cf.status}, not pending`);
		const signer = signerId ? cf.signers.find((s) => s.id === Number(signerId)) : cf.signers.find((s) => s.state !== 'signed');
		if (!signer) throw new Error('no signer to reject');
		signer.state = 'rejected';
		cf.status = CF.rejected;
		this.touch(cf, nowMs);
		return this.view(cf);
	}

	expire(caseFileId: number, nowMs = Date.now()) {
		const cf = this.caseFile(caseFileId);
		if (cf.status !== CF.new && cf.status !== CF.pending) throw new Error(`case file is ${cf.status}, cannot expire`);
		cf.status = CF.expired;
		this.touch(cf, nowMs);
		return this.view(cf);
	}

	/**
	 * A case file as `GET /api/v1/casefiles/{id}` answers it: `id`, `status`, `documents[].id`, signers with
	 * `signingRequest.status` (Postman request 4, agent-skill check-status.js); the other fields are the properties of
	 * sdk-php `CaseFile`/`Signer`/`SigningRequest` (times as Unix seconds). Never an SSN.
	 */
	view(cf: PenneoCaseFile) {
		const codes = SIGNING_CODES[this.signingScheme];
		const pick = (keys: string[]) => Object.fromEntries(keys.filter((k) => cf.settings[k] !== undefined).map((k) => [k, cf.settings[k]]));
		return {
			id: cf.id,
			title: cf.title,
			status: cf.status,
			created: cf.created,
			sendAt: cf.sendAt,
			expireAt: cf.expireAt,
			reference: cf.reference,
			metaData: cf.metaData,
			language: cf.language,
			...pick(['visibilityMode', 'sensitiveData', 'disableNotificationsOwner', 'disableEmailAttachments', 'signOnMeeting']),
			documents: cf.documentIds.map((id) => {
				const d = this.documents.get(id)!;
				return { id: d.id, title: d.title };
			}),
			signers: cf.signers.map((s) => ({
				id: s.id,
				name: s.name,
				onBehalfOf: s.onBehalfOf,
				ssnType: s.ssnType ?? 'legacy',
				signingRequest: {
					id: s.requestId,
					email: s.email,
					status: codes[s.state],
					rejectReason: s.state === 'rejected' ? 'Declined by the signer' : null,
				},
			})),
		};
	}

	/** Signing links of a completed job: `result.data.signingLinks[]` `{name, role, signingLink}` (agent-skill send-for-signing.js). */
	signingLinks(cf: PenneoCaseFile) {
		return cf.signers.map((s) => ({ name: s.name, role: s.role, signingLink: s.link }));
	}
}

/** Penneo's digest, computed here independently of the node: SHA-1 over the nonce bytes, created_at, then the secret. */
export function expectedDigest(nonceBase64: string, createdAt: string, secret: string): string {
	const hash = crypto.createHash('sha1');
	hash.update(Buffer.from(nonceBase64, 'base64'));
	hash.update(createdAt, 'utf8');
	hash.update(secret, 'utf8');
	return hash.digest('base64');
}
