/**
 * `POST /api/v2/{company}/case/create` — nextsign-case-create.txt (request fields, recipient and document fields,
 * signing schemas, the 3.5 MB rule, the example answer and its validation error). Forms submit builds its case
 * with the same recipient rules ("follows the same pattern as Case Create").
 */
import { randomBytes } from 'node:crypto';

import { json, makePdf, newId, type Route, type SandboxRequest, type SandboxResponse } from '../../server';
import { authorize, refuse, strictBody, strictTypes, validationError } from './http';
import { DOCX, NEXTSIGN_INLINE_LIMIT, NEXTSIGN_SCHEMAS, type NextSignState, type Obj } from './state';

const CASE_FIELDS = ['title', 'referenceId', 'folder', 'autoSend', 'customMessage', 'message', 'user_email', 'emailtemplate', 'settings', 'signingSchemas', 'recipients', 'documents'];
const RECIPIENT_FIELDS = ['name', 'email', 'signing', 'group', 'order', 'needsCpr', 'cpr', 'signingSchema', 'redirectUrl', 'phone', 'position', 'type', 'template', 'message', 'eboks'];
/** "e-Boks delivery payload such as kvhx, address, and name". */
const EBOKS_FIELDS = ['kvhx', 'address', 'name'];
const DOCUMENT_FIELDS = ['name', 'file', 'fileIsBlob', 'signObligated', 'documentMustBeRead', 'signatories'];
/** The settings of the example request. */
const SETTINGS_FIELDS = ['reminders', 'lang', 'deletion', 'availability', 'template'];
const SETTINGS_SUB: Record<string, string[]> = {
	reminders: ['send', 'amount', 'daysBetween'],
	deletion: ['autoDelete', 'days'],
	availability: ['unlimited', 'days'],
};

/** Recipient rules shared by case create and forms submit; returns the problems (documented error shape). */
export function checkRecipients(list: unknown): SandboxResponse | string[] {
	if (!Array.isArray(list) || list.length === 0) return ['Missing recipients'];
	const problems: string[] = [];
	for (const [i, r] of (list as Obj[]).entries()) {
		const where = `recipients[${i}]`;
		const strict =
			strictBody(r, RECIPIENT_FIELDS, where) ??
			strictTypes(r, { name: 'string', email: 'string', signing: 'boolean', group: 'number', order: 'number', needsCpr: 'boolean', cpr: 'string', signingSchema: 'string', redirectUrl: 'string', phone: 'string', position: 'string', type: 'string', template: 'string', message: 'string', eboks: 'object' }, where) ??
			(r.eboks !== undefined ? strictBody(r.eboks, EBOKS_FIELDS, `${where}.eboks`) : undefined);
		if (strict) return strict;
		if (typeof r.name !== 'string' || !r.name) problems.push(`Recipient ${i + 1}: missing name`);
		const type = r.type ?? 'email';
		// "Supported values are email, phone, and eboks".
		if (!['email', 'phone', 'eboks'].includes(String(type))) return refuse(`${where}.type: unknown value ${String(type)} (email, phone or eboks)`);
		if (type === 'email' && (typeof r.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(r.email))) problems.push(`Recipient ${i + 1}: a valid email is required for email delivery`);
		if (type === 'phone' && !r.phone) problems.push(`Recipient ${i + 1}: phone is required for phone delivery`);
		if (type === 'eboks' && !r.eboks) problems.push(`Recipient ${i + 1}: eboks payload is required for eboks delivery`);
		if (r.signingSchema !== undefined && !NEXTSIGN_SCHEMAS.includes(String(r.signingSchema))) return refuse(`${where}.signingSchema: unknown value ${String(r.signingSchema)}`);
		if (r.needsCpr === true && !r.cpr) problems.push(`Recipient ${i + 1}: cpr is required when needsCpr is true`);
		if (r.redirectUrl !== undefined && !/^https?:\/\//.test(String(r.redirectUrl))) problems.push(`Recipient ${i + 1}: invalid redirectUrl`);
	}
	return problems;
}

function checkSettings(settings: unknown): SandboxResponse | undefined {
	const top = strictBody(settings, SETTINGS_FIELDS, 'settings');
	if (top) return top;
	for (const [key, fields] of Object.entries(SETTINGS_SUB)) {
		const sub = (settings as Obj)[key];
		if (sub !== undefined) {
			const problem = strictBody(sub, fields, `settings.${key}`);
			if (problem) return problem;
		}
	}
	return undefined;
}

/** The case object of the example answer, built from a create (or submit) request. */
export function buildCase(req: SandboxRequest, body: Obj, documents: Obj[]): Obj {
	const now = new Date(req.now).toISOString();
	const id = newId('c');
	const settings = (body.settings ?? {}) as Obj;
	const availability = (settings.availability ?? {}) as Obj;
	const days = Number(availability.days ?? 30);
	// autoSend has no documented default: the emulator reads an omitted autoSend as "do not send" [G].
	const sent = body.autoSend === true;
	const recipients = ((body.recipients as Obj[]) ?? []).map((r, index) => {
		const token = randomBytes(12).toString('base64url');
		return {
			group: r.group ?? r.order ?? 0,
			name: r.name,
			needsCpr: Boolean(r.needsCpr),
			redirectUrl: r.redirectUrl ?? '',
			position: r.position ?? '',
			// NextSign answers with the CPR encrypted (CryptoJS "Salted__" text), never the plain value.
			cpr: r.cpr ? `U2FsdGVkX1${randomBytes(24).toString('base64')}` : '',
			email: r.email ?? '',
			phone: r.phone ?? '',
			sort: index,
			template: r.template ?? '',
			type: r.type ?? 'email',
			signing: r.signing !== false,
			signed: 'pending',
			signingToken: token,
			signingSchema: r.signingSchema ?? '',
			smsEmailVerification: { attempts: 0 },
			signer: { signer_type: 'recipient', identity: { confirmed: false, cprIsMatch: false } },
			message: { enable: Boolean(r.message), content: r.message ?? '' },
			uid: randomBytes(6).toString('base64url'),
			_id: newId('r'),
			emailSent: sent && r.type !== 'phone' ? [now] : [],
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
			availability: { unlimited: Boolean(availability.unlimited), days, expiration: new Date(req.now + days * 86_400_000).toISOString(), isExpired: false },
			reminders: { send: true, amount: 2, daysBetween: 3, ...((settings.reminders as Obj) ?? {}) },
			template: settings.template ?? 1,
			lang: settings.lang ?? 'da',
			allowedRoles: [],
			allowAPI: false,
			allowRecipientsViewOthers: true,
		},
		recipients,
		integrations: { microsoft: { status: false }, uniconta: { status: false } },
		errorEmailSent: false,
		reminders: { allSigned: false, createdAt: now },
		documents,
		roles: ['admin', 'standard'],
		message: body.message ?? '',
		customMessage: Boolean(body.customMessage),
		autoSend: sent,
		reminderAutoSend: true,
		attachFiles: true,
		source: { type: 'api' },
		state: 'open',
		_id: id,
		tags: [],
		errors: [],
		otherDocuments: [],
		signedDocuments: [],
		logs: [],
		createdAt: now,
		updatedAt: now,
		__v: 0,
		id,
	};
}

/** documents[] of a create request → the stored documents (as the example answer shows them), or an error. */
function takeDocuments(state: NextSignState, req: SandboxRequest, list: unknown): Obj[] | SandboxResponse {
	if (!Array.isArray(list) || list.length === 0) return validationError(400, 'Missing documents');
	const company = req.params.company;
	let inlineText = 0;
	const decoded: Array<{ doc: Obj; content: Buffer; type: string }> = [];
	for (const [i, doc] of (list as Obj[]).entries()) {
		const where = `documents[${i}]`;
		const strict = strictBody(doc, DOCUMENT_FIELDS, where) ?? strictTypes(doc, { name: 'string', file: 'string', fileIsBlob: 'boolean', signObligated: 'boolean', documentMustBeRead: 'boolean', signatories: 'array' }, where);
		if (strict) return strict;
		if (typeof doc.name !== 'string' || !doc.name) return validationError(400, `Document ${i + 1}: missing name`);
		if (typeof doc.file !== 'string' || !doc.file) return validationError(400, `Document ${i + 1}: missing file`);
		if (doc.fileIsBlob === true) {
			const text = doc.file.replace(/^data:[^;]+;base64,/, '');
			if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 === 1) return validationError(400, `Document ${i + 1}: file is not valid base64`);
			inlineText += text.length;
			decoded.push({ doc, content: Buffer.from(text, 'base64'), type: /\.docx$/i.test(doc.name) ? DOCX : 'application/pdf' });
		} else if (/^https?:\/\//.test(doc.file)) {
			// "Omit [fileIsBlob] when using an uploaded file URL": a URL is a hosted or uploaded file.
			const path = state.pathOf(doc.file);
			if (path !== undefined) {
				const stored = state.files.get(path);
				if (!stored || stored.company !== company) return validationError(400, `Document ${i + 1}: the file URL could not be fetched`);
				decoded.push({ doc, content: stored.content, type: stored.type });
			} else decoded.push({ doc, content: makePdf(`Hosted: ${doc.name}`), type: 'application/pdf' });
		} else return validationError(400, `Document ${i + 1}: file must be a URL, or base64 with fileIsBlob: true`);
	}
	// [G] the refusal itself (the document says to upload first; what happens otherwise is not documented).
	if (inlineText > NEXTSIGN_INLINE_LIMIT)
		return validationError(413, 'Request entity too large', 'Documents over 3.5 MB in total must be uploaded with Document Upload and passed as URLs');
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
}

/** The notices of the example answer, for what the request left out. */
export function noticesFor(body: Obj): Obj[] {
	const notices: Obj[] = [{ message: 'No user id provided, adding the email.', using: 'u-api' }, { message: 'No user name provided' }, { message: 'No roles provided - default roles used', using: ['admin', 'standard'] }];
	if (!body.emailtemplate) notices.push({ message: 'No email template provided - using default' });
	return notices;
}

function createCase(state: NextSignState, req: SandboxRequest): SandboxResponse {
	const body = req.json as Obj | undefined;
	const strict =
		strictBody(body, CASE_FIELDS) ??
		strictTypes(body as Obj, { title: 'string', referenceId: 'string', folder: 'string', autoSend: 'boolean', customMessage: 'boolean', message: 'string', user_email: 'string', emailtemplate: 'string', settings: 'object', signingSchemas: 'array', recipients: 'array', documents: 'array' });
	if (strict) return strict;
	const b = body as Obj;
	if (typeof b.title !== 'string' || !b.title.trim()) return validationError(400, 'Missing title');
	if (b.settings === undefined) return validationError(400, 'Missing settings');
	const settings = checkSettings(b.settings);
	if (settings) return settings;
	const unknownSchemas = ((b.signingSchemas as unknown[]) ?? []).filter((s) => !NEXTSIGN_SCHEMAS.includes(String(s)));
	if (unknownSchemas.length) return refuse(`signingSchemas: unknown value ${unknownSchemas.join(', ')}`);
	const recipients = checkRecipients(b.recipients);
	if (!Array.isArray(recipients)) return recipients;
	if (recipients.length) return validationError(400, ...recipients);
	const documents = takeDocuments(state, req, b.documents);
	if (!Array.isArray(documents)) return documents;
	const c = buildCase(req, b, documents);
	state.cases.set(String(c._id), c);
	return json(200, { data: c, notices: noticesFor(b) });
}

export function caseCreateRoutes(state: NextSignState): Route[] {
	return [
		{
			method: 'POST',
			pattern: '/api/v2/:company/case/create',
			source: 'nextsign-case-create.txt (Request Body, Recipient/Document Fields, Example Response) = https://docs.nextsign.dk/docs/case-create',
			handler: (req) => authorize(state, req) ?? createCase(state, req),
		},
	];
}
