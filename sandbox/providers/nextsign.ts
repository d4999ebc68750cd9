/**
 * NextSign emulator (source: shared/providers/nextsign-case-create.txt and the NextSign part of REFERENCE.md).
 *
 * Three hosts, each under its own prefix:
 * - `nextsign`         → the v2 case host (`https://www.nextsign.dk`): `/api/v2/{company}/…` cases and forms;
 * - `nextsign-files`   → the v3 file host (`https://api.nextsign.dk`): `/v3/company/{company}/file/…`;
 * - `nextsign-storage` → the object storage the presigned URLs point at (no API key: the URL's signature).
 * A request to the wrong host gets a 404, as it would in production.
 *
 * Life cycle: a case is `open` (listed as pending) until every signing recipient has signed (`signed`,
 * with signed documents) or one refuses (`denied`). Control routes act as recipients.
 */
import { createHmac, randomBytes } from 'node:crypto';

import { bearer, json, makePdf, newId, type ProviderEmulator, type SandboxRequest, type SandboxResponse } from '../server';

/** API keys the sandbox accepts, and the company each belongs to. */
export const NEXTSIGN_KEYS: Record<string, string> = {
	ns_test_key: 'acme-company',
	ns_other_key: 'other-company',
};

/** Signing methods the API accepts (source document). */
export const NEXTSIGN_SCHEMAS = [
	'urn:grn:authn:dk:mitid:substantial',
	'urn:grn:authn:dk:mitid:low',
	'urn:grn:authn:dk:mitid:business',
	'urn:grn:authn:se:bankid',
	'draw-cpr',
	'draw',
	'sms-email',
];

/** "more than 3.5 MB" of inline (base64) documents is refused: upload them first. */
export const NEXTSIGN_INLINE_LIMIT = 3_500_000;

const SIGNING_SECRET = 'nextsign-sandbox-storage-secret';

type Obj = Record<string, unknown>;

export interface StoredFile {
	company: string;
	path: string;
	name: string;
	type: string;
	content: Buffer;
}

export interface NextSignForm {
	_id: string;
	company: string;
	title: string;
	tags: Array<{ tag: string; label: string; required: boolean }>;
	documents: Array<{ name: string }>;
}

const errors = (status: number, ...messages: string[]): SandboxResponse =>
	json(status, { errors: messages.map((message) => ({ message })), notices: [] });

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export class NextSignState {
	cases = new Map<string, Obj>();
	files = new Map<string, StoredFile>();
	forms = new Map<string, NextSignForm>();
	/** 100 requests per minute [C]; off unless a test turns it on. */
	rateLimit = { limit: 100, windowStart: 0, used: 0, enabled: false };
	origin = '';
	private lastStamp = 0;

	constructor() {
		this.reset();
	}

	reset() {
		this.cases.clear();
		this.files.clear();
		this.forms.clear();
		this.rateLimit = { limit: 100, windowStart: 0, used: 0, enabled: false };
		this.forms.set('form-lease', {
			_id: 'form-lease',
			company: 'acme-company',
			title: 'Lejeaftale (formular)',
			tags: [
				{ tag: 'tenant_name', label: 'Lejers navn', required: true },
				{ tag: 'rent', label: 'Månedlig leje', required: false },
			],
			documents: [{ name: 'Lejekontrakt.pdf' }],
		});
	}

	/** Adds a minimal open case straight into the state (tests of lists and pages). */
	seed(company: string, title: string, at: number, extra: Obj = {}): Obj {
		const id = newId('c');
		const t = new Date(at).toISOString();
		const c: Obj = {
			_id: id,
			id,
			title,
			folder: 'Default',
			user_company: company,
			state: 'open',
			settings: { availability: { unlimited: false, days: 30, isExpired: false } },
			reminders: { allSigned: false },
			recipients: [],
			documents: [],
			signedDocuments: [],
			createdAt: t,
			updatedAt: t,
			...extra,
		};
		this.cases.set(id, c);
		return c;
	}

	storedUrl(path: string): string {
		return `${this.origin}/nextsign-storage${path}`;
	}

	store(company: string, folder: 'case' | 'signed' | 'upload', name: string, type: string, content: Buffer, now: number): StoredFile {
		// "<ms timestamp>-<name>" as NextSign stores them; the timestamp is kept unique per file.
		this.lastStamp = Math.max(now, this.lastStamp + 1);
		const path = `/${company}/${folder}/${this.lastStamp}-${name}`;
		const file = { company, path, name, type, content };
		this.files.set(path, file);
		return file;
	}

	/** Path of a stored URL of this sandbox, or undefined for any other URL. */
	pathOf(url: string): string | undefined {
		const prefix = `${this.origin}/nextsign-storage`;
		if (!url.startsWith(prefix)) return undefined;
		return decodeURIComponent(new URL(url).pathname.slice('/nextsign-storage'.length));
	}

	presign(path: string, now: number, expires = 3600): string {
		const date = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
		const signature = sign(path, date, expires);
		const q = new URLSearchParams({
			'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
			'X-Amz-Date': date,
			'X-Amz-Expires': String(expires),
			'X-Amz-Signature': signature,
			'X-Amz-SignedHeaders': 'host',
		});
		return `${this.storedUrl(path.split('/').map(encodeURIComponent).join('/'))}?${q.toString()}`;
	}

	/** Acts as the next recipient (lowest pending group first), or the one with this email. */
	sign(caseId: string, email: string | undefined, now: number) {
		const c = this.open(caseId);
		const recipients = c.recipients as Obj[];
		const pending = recipients.filter((r) => r.signing && r.signed === 'pending');
		const lowest = Math.min(...pending.map((r) => Number(r.group)));
		const recipient = email ? pending.find((r) => r.email === email) : pending.find((r) => Number(r.group) === lowest);
		if (!recipient) throw new Error('no pending signing recipient');
		if (Number(recipient.group) !== lowest) throw new Error(`not this recipient's turn (group ${String(recipient.group)} waits for group ${lowest})`);
		recipient.signed = 'signed';
		recipient.signedAt = new Date(now).toISOString();
		(recipient.signer as Obj).identity = { confirmed: true, cprIsMatch: Boolean(recipient.needsCpr) };
		touch(c, now);
		if (recipients.every((r) => !r.signing || r.signed === 'signed')) {
			c.state = 'signed';
			(c.reminders as Obj).allSigned = true;
			c.signedDocuments = (c.documents as Obj[]).map((d) => {
				const name = String(d.name).replace(/\.(pdf|docx)$/i, '') + '_signed.pdf';
				const file = this.store(String(c.user_company), 'signed', name, 'application/pdf', makePdf(`Signed: ${String(c.title)}`), now);
				return { name, file: this.storedUrl(file.path), document_id: this.storedUrl(file.path), _id: newId('sd') };
			});
		}
		return c;
	}

	deny(caseId: string, email: string | undefined, now: number) {
		const c = this.open(caseId);
		const recipients = c.recipients as Obj[];
		const recipient = recipients.find((r) => r.signing && r.signed === 'pending' && (!email || r.email === email));
		if (!recipient) throw new Error('no pending signing recipient');
		recipient.signed = 'denied';
		c.state = 'denied';
		touch(c, now);
		return c;
	}

	expire(caseId: string, now: number) {
		const c = this.open(caseId);
		const availability = (c.settings as Obj).availability as Obj;
		availability.isExpired = true;
		availability.expiration = new Date(now).toISOString();
		c.state = 'expired';
		touch(c, now);
		return c;
	}

	private open(caseId: string): Obj {
		const c = this.cases.get(caseId);
		if (!c) throw new Error(`no case ${caseId}`);
		if (c.state !== 'open') throw new Error(`case is ${String(c.state)}`);
		return c;
	}
}

/** A change moves `updatedAt` forward (never to the same millisecond twice). */
function touch(c: Obj, now: number) {
	c.updatedAt = new Date(Math.max(now, Date.parse(String(c.updatedAt)) + 1)).toISOString();
}

function sign(path: string, date: string, expires: number): string {
	return createHmac('sha256', SIGNING_SECRET).update(`${path}\n${date}\n${expires}`).digest('hex');
}

function fakeEncrypted(): string {
	// NextSign returns the CPR encrypted (CryptoJS "Salted__" prefix); never the plain value.
	return `U2FsdGVkX1${randomBytes(24).toString('base64')}`;
}

function isBase64(text: string): boolean {
	return /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 !== 1;
}

function isAllowedType(type: string, name: string): boolean {
	return ['application/pdf', DOCX, 'pdf', 'docx'].includes(type) || /\.(pdf|docx)$/i.test(name);
}

/**
 * One emulator per host, sharing one state: `nextsign` (v2 case host, with the control routes),
 * `nextsign-files` (v3 file host) and `nextsign-storage` (presigned object storage). A path sent to the
 * wrong host finds no route and gets a 404, as it would in production.
 */
export function nextSignEmulators(state = new NextSignState()): Array<ProviderEmulator & { state: NextSignState }> {
	const all = nextSignEmulator(state);
	const on = (test: (pattern: string) => boolean) => all.routes.filter((r) => test(r.pattern));
	return [
		{ ...all, prefixes: ['nextsign'], routes: on((p) => p.startsWith('/api/v2/')) },
		{ prefixes: ['nextsign-files'], state, reset: () => state.reset(), routes: on((p) => p.startsWith('/v3/')) },
		{ prefixes: ['nextsign-storage'], state, reset: () => state.reset(), routes: on((p) => !p.startsWith('/api/v2/') && !p.startsWith('/v3/')) },
	];
}

function nextSignEmulator(state: NextSignState): ProviderEmulator & { state: NextSignState } {
	/** Bearer API key of this company, and the shared rate limit. */
	const auth = (req: SandboxRequest): SandboxResponse | undefined => {
		state.origin = req.origin;
		const key = bearer(req);
		if (!key) return json(401, { errors: [{ code: 401, message: 'Unauthorized', description: 'Bearer token not found' }] });
		const company = NEXTSIGN_KEYS[key];
		if (!company) return json(401, { errors: [{ code: 401, message: 'Unauthorized', description: 'Invalid API key' }] });
		if (company !== req.params.company)
			return json(403, { errors: [{ code: 403, message: 'Forbidden', description: 'The API key does not belong to this company' }] });
		const rl = state.rateLimit;
		if (rl.enabled) {
			if (req.now - rl.windowStart > 60_000) Object.assign(rl, { windowStart: req.now, used: 0 });
			rl.used += 1;
			if (rl.used > rl.limit) {
				const retry = Math.max(1, Math.ceil((rl.windowStart + 60_000 - req.now) / 1000));
				return json(429, { errors: [{ code: 429, message: 'Too many requests' }] }, { 'retry-after': String(retry) });
			}
		}
		return undefined;
	};

	/** The case object as the create response and `case/{id}/get` show it. */
	const buildCase = (req: SandboxRequest, body: Obj, documents: Obj[], notices: Obj[]): Obj => {
		const now = new Date(req.now).toISOString();
		const id = newId('c');
		const settings = (body.settings ?? {}) as Obj;
		const availability = (settings.availability ?? {}) as Obj;
		const days = Number(availability.days ?? 30);
		const recipients = (body.recipients as Obj[]).map((r, index) => {
			const group = r.group ?? r.order ?? 0;
			const token = randomBytes(12).toString('base64url');
			return {
				group,
				name: r.name,
				needsCpr: Boolean(r.needsCpr),
				redirectUrl: r.redirectUrl ?? '',
				position: r.position ?? '',
				cpr: r.cpr ? fakeEncrypted() : '',
				email: r.email ?? '',
				phone: r.phone ?? '',
				sort: index,
				template: r.template ?? '',
				type: r.type ?? 'email',
				...(r.eboks ? { eboks: r.eboks } : {}),
				signing: r.signing !== false,
				signed: 'pending',
				signingToken: token,
				signingSchema: r.signingSchema ?? '',
				smsEmailVerification: { attempts: 0 },
				signer: { signer_type: 'recipient', identity: { confirmed: false, cprIsMatch: false } },
				message: { enable: Boolean(r.message), content: r.message ?? '' },
				uid: randomBytes(6).toString('base64url'),
				_id: newId('r'),
				emailSent: [],
				log: [],
				emailEvents: [],
				events: [],
				url: `${req.origin}/nextsign/sign/${id}/${index}/${token}`,
			};
		});
		return {
			user: 'u-api',
			nextSignKey: randomBytes(12).toString('base64url'),
			realtime: false,
			user_email: body.user_email ?? 'api@example.com',
			user_company: req.params.company,
			title: body.title,
			referenceId: body.referenceId ?? '',
			bin: false,
			type: 'Simple sign',
			folder: body.folder ?? 'Default',
			folderId: `folder-${String(body.folder ?? 'Default')}`,
			signingSchemas: (body.signingSchemas as string[] | undefined)?.length ? body.signingSchemas : NEXTSIGN_SCHEMAS.slice(0, 6),
			settings: {
				deletion: { autoDelete: false, days: 30, ...((settings.deletion as Obj) ?? {}) },
				availability: {
					unlimited: Boolean(availability.unlimited),
					days,
					expiration: new Date(req.now + days * 86_400_000).toISOString(),
					isExpired: false,
				},
				reminders: { send: true, amount: 2, daysBetween: 3, ...((settings.reminders as Obj) ?? {}) },
				template: settings.template ?? 1,
				lang: settings.lang ?? 'da',
				allowedRoles: [],
				allowAPI: false,
				allowRecipientsViewOthers: true,
			},
			recipients,
			errorEmailSent: false,
			reminders: { allSigned: false, createdAt: now },
			documents,
			message: body.message ?? '',
			customMessage: Boolean(body.customMessage),
			autoSend: body.autoSend !== false,
			emailtemplate: body.emailtemplate ?? '',
			source: { type: 'api' },
			state: 'open',
			_id: id,
			id,
			tags: [],
			errors: [],
			otherDocuments: [],
			signedDocuments: [],
			logs: [],
			createdAt: now,
			updatedAt: now,
			__v: 0,
			notices,
		};
	};

	const validateRecipients = (list: unknown): string[] => {
		if (!Array.isArray(list) || list.length === 0) return ['Missing recipients'];
		const problems: string[] = [];
		(list as Obj[]).forEach((r, i) => {
			if (typeof r.name !== 'string' || !r.name) problems.push(`Recipient ${i + 1}: missing name`);
			const type = r.type ?? 'email';
			if (!['email', 'phone', 'eboks'].includes(String(type))) problems.push(`Recipient ${i + 1}: type must be email, phone or eboks`);
			if (type === 'email' && (typeof r.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(r.email)))
				problems.push(`Recipient ${i + 1}: a valid email is required for email delivery`);
			if (type === 'phone' && !r.phone) problems.push(`Recipient ${i + 1}: phone is required for phone delivery`);
			if (type === 'eboks' && (!r.eboks || typeof r.eboks !== 'object')) problems.push(`Recipient ${i + 1}: eboks payload is required for eboks delivery`);
			if (r.signingSchema !== undefined && r.signingSchema !== '' && !NEXTSIGN_SCHEMAS.includes(String(r.signingSchema)))
				problems.push(`Recipient ${i + 1}: invalid signingSchema ${String(r.signingSchema)}`);
			if (r.cpr !== undefined && !/^\d{10}$/.test(String(r.cpr))) problems.push(`Recipient ${i + 1}: cpr must be 10 digits`);
			if (r.redirectUrl !== undefined && !/^https?:\/\//.test(String(r.redirectUrl))) problems.push(`Recipient ${i + 1}: invalid redirectUrl`);
		});
		return problems;
	};

	const recipientNotices = (list: Obj[]): Obj[] => {
		const notices: Obj[] = [];
		list.forEach((r, i) => {
			if (r.order !== undefined) notices.push({ message: `Recipient ${i + 1}: "order" is a legacy alias, use "group"` });
			if (r.needsCpr && !r.cpr) notices.push({ message: `Recipient ${i + 1}: needsCpr without cpr - the signer cannot complete CPR verification` });
		});
		return notices;
	};

	/** documents[] of a create request → the stored documents, or an error. */
	const takeDocuments = (req: SandboxRequest, list: unknown): Obj[] | SandboxResponse => {
		if (!Array.isArray(list) || list.length === 0) return errors(400, 'Missing documents');
		const company = req.params.company;
		let inline = 0;
		const decoded: Array<{ doc: Obj; content: Buffer; type: string }> = [];
		for (const [i, doc] of (list as Obj[]).entries()) {
			if (typeof doc.name !== 'string' || !doc.name) return errors(400, `Document ${i + 1}: missing name`);
			if (typeof doc.file !== 'string' || !doc.file) return errors(400, `Document ${i + 1}: missing file`);
			if (doc.fileIsBlob === true) {
				const text = doc.file.replace(/^data:[^;]+;base64,/, '');
				if (!isBase64(text)) return errors(400, `Document ${i + 1}: file is not valid base64`);
				const content = Buffer.from(text, 'base64');
				inline += content.length;
				decoded.push({ doc, content, type: /\.docx$/i.test(doc.name) ? DOCX : 'application/pdf' });
			} else if (/^https?:\/\//.test(doc.file)) {
				const path = state.pathOf(doc.file);
				if (path !== undefined) {
					const stored = state.files.get(path);
					if (!stored || stored.company !== company) return errors(400, `Document ${i + 1}: the file URL could not be fetched`);
					decoded.push({ doc, content: stored.content, type: stored.type });
				} else decoded.push({ doc, content: makePdf(`Hosted: ${doc.name}`), type: 'application/pdf' });
			} else return errors(400, `Document ${i + 1}: file must be a URL, or base64 with fileIsBlob: true`);
		}
		if (inline > NEXTSIGN_INLINE_LIMIT)
			return errors(413, 'Request entity too large', 'Documents over 3.5 MB in total must be uploaded with Document Upload and passed as URLs');
		return decoded.map(({ doc, content, type }) => {
			const stored = state.store(company, 'case', String(doc.name), type, content, req.now);
			return {
				name: doc.name,
				file: state.presign(stored.path, req.now),
				document_id: state.storedUrl(stored.path),
				signObligated: doc.signObligated !== false,
				documentMustBeRead: Boolean(doc.documentMustBeRead),
				signatories: Array.isArray(doc.signatories) ? doc.signatories : [],
				_id: newId('d'),
			};
		});
	};

	const publicCase = (c: Obj) => {
		const { notices: _n, ...rest } = c;
		void _n;
		return rest;
	};

	const summary = (c: Obj) => ({ _id: c._id, title: c.title, folder: c.folder, createdAt: c.createdAt, updatedAt: c.updatedAt });

	const createCase = (req: SandboxRequest): SandboxResponse => {
		const body = req.json as Obj | undefined;
		if (!body || typeof body !== 'object') return errors(400, 'Expected a JSON body');
		if (typeof body.title !== 'string' || !body.title.trim()) return errors(400, 'Missing title');
		if (!body.settings || typeof body.settings !== 'object') return errors(400, 'Missing settings');
		const recipientProblems = validateRecipients(body.recipients);
		if (recipientProblems.length) return errors(400, ...recipientProblems);
		if (body.signingSchemas !== undefined) {
			if (!Array.isArray(body.signingSchemas)) return errors(400, 'signingSchemas must be an array');
			const bad = (body.signingSchemas as unknown[]).filter((s) => !NEXTSIGN_SCHEMAS.includes(String(s)));
			if (bad.length) return errors(400, `Invalid signing schema: ${bad.join(', ')}`);
		}
		const documents = takeDocuments(req, body.documents);
		if (!Array.isArray(documents)) return documents;
		const notices: Obj[] = [
			{ message: 'No user id provided, adding the email.', using: 'u-api' },
			{ message: 'No user name provided' },
			{ message: 'No roles provided - default roles used', using: ['admin', 'standard'] },
			...(body.emailtemplate ? [] : [{ message: 'No email template provided - using default' }]),
			...recipientNotices(body.recipients as Obj[]),
		];
		const c = buildCase(req, body, documents, notices);
		state.cases.set(String(c._id), c);
		return json(200, { data: publicCase(c), notices });
	};

	const statusOf = (c: Obj) => (c.state === 'open' ? 'pending' : String(c.state));
	const ofCompany = (req: SandboxRequest) => [...state.cases.values()].filter((c) => c.user_company === req.params.company);

	return {
		prefixes: ['nextsign'],
		state,
		reset: () => state.reset(),
		routes: [
			// ---- v2 case host (prefix `nextsign`)
			{
				method: 'POST',
				pattern: '/api/v2/:company/case/create',
				handler: (req) => auth(req) ?? createCase(req),
			},
			{
				method: 'GET',
				pattern: '/api/v2/:company/cases/get',
				handler: (req) => {
					const denied = auth(req);
					if (denied) return denied;
					const status = req.query.get('status');
					if (status && !['signed', 'denied', 'pending'].includes(status)) return errors(400, 'Invalid status (signed, denied or pending)');
					const limit = Number(req.query.get('limit') ?? 100);
					const index = Number(req.query.get('index') ?? 0);
					if (!Number.isInteger(limit) || limit < 1 || limit > 100) return errors(400, 'limit must be 1 to 100');
					if (!Number.isInteger(index) || index < 0) return errors(400, 'index must be 0 or more');
					const folder = req.query.get('folder');
					const all = ofCompany(req)
						.filter((c) => !status || statusOf(c) === status)
						.filter((c) => !folder || c.folder === folder)
						.sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
					return json(200, { status: 'company_found', cases: all.slice(index * limit, index * limit + limit).map(summary) });
				},
			},
			{
				method: 'GET',
				pattern: '/api/v2/:company/case/:caseId/get',
				handler: (req) => {
					const denied = auth(req);
					if (denied) return denied;
					const c = state.cases.get(req.params.caseId);
					if (!c || c.user_company !== req.params.company) return errors(404, 'Case not found');
					return json(200, { status: 'case_found', case: publicCase(c) });
				},
			},
			{
				method: 'GET',
				pattern: '/api/v2/:company/cases/:ids/get',
				handler: (req) => {
					const denied = auth(req);
					if (denied) return denied;
					const found = req.params.ids
						.split(',')
						.map((id) => state.cases.get(id))
						.filter((c): c is Obj => !!c && c.user_company === req.params.company);
					if (!found.length) return json(404, { message: 'Cases not found' });
					return json(200, { status: 'cases_found', cases: found.map(publicCase) });
				},
			},
			{
				method: 'GET',
				pattern: '/api/v2/:company/forms/:formId/get',
				handler: (req) => {
					const denied = auth(req);
					if (denied) return denied;
					const form = state.forms.get(req.params.formId);
					if (!form || form.company !== req.params.company) return errors(404, 'Form not found');
					return json(200, { status: 'form_found', form: { _id: form._id, title: form.title, documents: form.documents, tags: form.tags } });
				},
			},
			{
				method: 'GET',
				pattern: '/api/v2/:company/forms/:formId/tags/get',
				handler: (req) => {
					const denied = auth(req);
					if (denied) return denied;
					const form = state.forms.get(req.params.formId);
					if (!form || form.company !== req.params.company) return errors(404, 'Form not found');
					return json(200, { status: 'tags_found', tags: form.tags });
				},
			},
			{
				method: 'POST',
				pattern: '/api/v2/:company/forms/:formId/submit',
				handler: (req) => {
					const denied = auth(req);
					if (denied) return denied;
					const form = state.forms.get(req.params.formId);
					if (!form || form.company !== req.params.company) return errors(404, 'Form not found');
					const body = (req.json ?? {}) as Obj;
					const tags = Array.isArray(body.tags) ? (body.tags as Obj[]) : [];
					const known = new Set(form.tags.map((t) => t.tag));
					const unknown = tags.filter((t) => !known.has(String(t.tag))).map((t) => String(t.tag));
					if (unknown.length) return errors(400, `Unknown tag: ${unknown.join(', ')}`);
					const missing = form.tags.filter((t) => t.required && !tags.some((g) => g.tag === t.tag && g.value !== '')).map((t) => t.tag);
					if (missing.length) return errors(400, `Missing required tag: ${missing.join(', ')}`);
					const problems = validateRecipients(body.recipients);
					if (problems.length) return errors(400, ...problems);
					const text = tags.map((t) => `${String(t.tag)}=${String(t.value)}`).join(' ');
					const documents = form.documents.map((d) => {
						const stored = state.store(req.params.company, 'case', d.name, 'application/pdf', makePdf(`${form.title} ${text}`), req.now);
						return { name: d.name, file: state.presign(stored.path, req.now), document_id: state.storedUrl(stored.path), signObligated: true, documentMustBeRead: false, signatories: [], _id: newId('d') };
					});
					const notices = recipientNotices(body.recipients as Obj[]);
					const c = buildCase(req, { title: form.title, settings: {}, recipients: body.recipients }, documents, notices);
					c.tags = tags;
					c.source = { type: 'form', form: form._id };
					state.cases.set(String(c._id), c);
					return json(200, { data: publicCase(c), notices });
				},
			},
			// ---- v3 file host (prefix `nextsign-files`)
			{
				method: 'POST',
				pattern: '/v3/company/:company/file/upload',
				handler: (req) => {
					const denied = auth(req);
					if (denied) return denied;
					let content: Buffer | undefined;
					let name = '';
					let type = '';
					if (req.parts) {
						const file = req.parts.find((p) => p.name === 'file' && p.filename !== undefined);
						content = file?.data;
						name = req.parts.find((p) => p.name === 'name')?.data.toString('utf8') || file?.filename || '';
						type = req.parts.find((p) => p.name === 'type')?.data.toString('utf8') || file?.contentType || '';
					} else if (req.json && typeof req.json === 'object') {
						const b = req.json as Obj;
						if (typeof b.file === 'string' && isBase64(b.file)) content = Buffer.from(b.file, 'base64');
						name = String(b.name ?? '');
						type = String(b.type ?? '');
					} else return errors(400, 'Expected multipart/form-data or JSON');
					if (!content || !content.length) return errors(400, 'Missing file');
					if (!name) return errors(400, 'Missing name');
					if (!isAllowedType(type, name)) return errors(400, 'Only PDF and DOCX files are allowed');
					const stored = state.store(req.params.company, 'upload', name, type.includes('/') ? type : type === 'docx' ? DOCX : 'application/pdf', content, req.now);
					return json(200, { url: state.storedUrl(stored.path), name, type: stored.type, size: content.length });
				},
			},
			{
				method: 'POST',
				pattern: '/v3/company/:company/file/view-presigned-url',
				handler: (req) => {
					const denied = auth(req);
					if (denied) return denied;
					const url = (req.json as Obj | undefined)?.url;
					if (typeof url !== 'string' || !url) return errors(400, 'Missing url');
					const path = state.pathOf(url.split('?')[0]);
					const file = path !== undefined ? state.files.get(path) : undefined;
					if (!file || file.company !== req.params.company) return errors(404, 'File not found');
					return json(200, { key: file.path.slice(1), signedUrl: state.presign(file.path, req.now), type: file.type, cached: false });
				},
			},
			// ---- object storage (prefix `nextsign-storage`): authorised by the presigned URL only, like S3.
			{
				method: 'GET',
				pattern: '/:company/:folder/:file',
				handler: (req) => {
					const xml = (status: number, code: string, message: string): SandboxResponse => ({
						status,
						headers: { 'content-type': 'application/xml' },
						body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
					});
					if (req.headers.authorization)
						return xml(400, 'InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter should be specified');
					const path = `/${req.params.company}/${req.params.folder}/${req.params.file}`;
					const date = req.query.get('X-Amz-Date') ?? '';
					const expires = Number(req.query.get('X-Amz-Expires') ?? 0);
					if (req.query.get('X-Amz-Signature') !== sign(path, date, expires)) return xml(403, 'SignatureDoesNotMatch', 'The request signature does not match');
					const issued = Date.parse(date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
					if (!(issued + expires * 1000 >= req.now)) return xml(403, 'AccessDenied', 'Request has expired');
					const file = state.files.get(path);
					if (!file) return xml(404, 'NoSuchKey', 'The specified key does not exist.');
					return { status: 200, headers: { 'content-type': file.type }, body: file.content };
				},
			},
		],
		control: [
			{ method: 'POST', pattern: '/cases/:id/sign', handler: (req) => act(() => publicCase(state.sign(req.params.id, (req.json as Obj | undefined)?.email as string | undefined, req.now))) },
			{ method: 'POST', pattern: '/cases/:id/deny', handler: (req) => act(() => publicCase(state.deny(req.params.id, (req.json as Obj | undefined)?.email as string | undefined, req.now))) },
			{ method: 'POST', pattern: '/cases/:id/expire', handler: (req) => act(() => publicCase(state.expire(req.params.id, req.now))) },
			{
				method: 'POST',
				pattern: '/rate-limit',
				handler: (req) => {
					Object.assign(state.rateLimit, { enabled: true, used: 0, windowStart: req.now }, req.json ?? {});
					return json(200, state.rateLimit);
				},
			},
		],
	};
}

function act(fn: () => unknown): SandboxResponse {
	try {
		return json(200, fn());
	} catch (e) {
		return json(409, { error: (e as Error).message });
	}
}
