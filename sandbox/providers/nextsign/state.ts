/**
 * The NextSign emulator's memory: cases, stored files, forms, the rate limit, and what a recipient does
 * (sign, deny) and what time does (expire). Written from NextSign's public docs (PUBLIC-DOCS.md §4,
 * nextsign-case-create.txt), never from the package's node code.
 *
 * What the docs say about a case, and what this emulator adds where they are silent:
 * - The case object is the one of the case-create example answer (`data`), returned by `case/{id}/get`.
 * - `state` is documented only as `"open"`. A finished case is told apart by what *is* documented: the list filter
 *   `status=signed|denied|pending`, `reminders.allSigned`, `settings.availability.isExpired`, `recipients[].signed`
 *   (documented value `"pending"`). The values this emulator writes once a case ends (`state` `signed` / `denied` /
 *   `expired`, a recipient's `signed` `signed` / `denied`) are its own [G]: a node must not depend on them.
 * - An expired case is still listed as `pending` (it is neither signed nor denied) [G].
 * - Lists are newest first by `createdAt` unless a test asks for `updatedAt` (the order is undocumented) [G].
 */
import { createHmac } from 'node:crypto';

import { makePdf, newId } from '../../server';

export type Obj = Record<string, unknown>;

/** API keys the sandbox accepts, and the company each belongs to. */
export const NEXTSIGN_KEYS: Record<string, string> = {
	ns_test_key: 'acme-company',
	ns_other_key: 'other-company',
};

/** The signing methods of the case-create document ("Signing Schemas"). */
export const NEXTSIGN_SCHEMAS = [
	'urn:grn:authn:dk:mitid:substantial',
	'urn:grn:authn:dk:mitid:low',
	'urn:grn:authn:dk:mitid:business',
	'urn:grn:authn:se:bankid',
	'draw-cpr',
	'draw',
	'sms-email',
];

/**
 * "If the combined size of the documents in a case is more than 3.5 MB, upload the files first" (case-create).
 * The emulator takes the stricter of the two readings: the base64 text sent inline, not the decoded files, and
 * decimal megabytes.
 */
export const NEXTSIGN_INLINE_LIMIT = 3_500_000;

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const STORAGE_SECRET = 'nextsign-sandbox-storage-secret';

export interface StoredFile {
	company: string;
	path: string;
	name: string;
	type: string;
	content: Buffer;
}

/** A form as `forms/{id}/get` documents it, with its tags as `forms/{id}/tags/get` documents them. */
export interface NextSignForm {
	_id: string;
	companyId: string;
	folder: string;
	active: boolean;
	title: string;
	settings: Obj;
	tags: Array<{ name: string; tag: string; value: string; type: string; _id: string; required?: boolean }>;
	recipients: Obj[];
	documents: Array<{ name: string }>;
}

export type ListOrder = 'createdAt' | 'updatedAt';

export class NextSignState {
	cases = new Map<string, Obj>();
	files = new Map<string, StoredFile>();
	forms = new Map<string, NextSignForm>();
	/** 100 requests per minute (docs: rate-limits); off unless a test turns it on. */
	rateLimit = { limit: 100, windowStart: 0, used: 0, enabled: false };
	/** Which timestamp `cases/get` sorts by, newest first (undocumented) [G]. */
	listOrder: ListOrder = 'createdAt';
	origin = '';
	private lastStamp = 0;

	constructor() {
		this.reset();
	}

	reset() {
		this.cases.clear();
		this.seededDenied?.clear();
		this.files.clear();
		this.forms.clear();
		this.rateLimit = { limit: 100, windowStart: 0, used: 0, enabled: false };
		this.listOrder = 'createdAt';
		this.forms.set('form-lease', {
			_id: 'form-lease',
			companyId: 'acme-company',
			folder: 'Default',
			active: true,
			title: 'Lejeaftale (formular)',
			settings: {
				deletion: { autoDelete: true, days: 30 },
				availability: { unlimited: false, days: 10, isExpired: false },
				reminders: { send: true, amount: 2, daysBetween: 3 },
				allowAPI: true,
			},
			tags: [
				{ name: 'Lejers navn', tag: 'tenant_name', value: '', type: 'text', _id: 'tag-tenant', required: true },
				{ name: 'Månedlig leje', tag: 'rent', value: '', type: 'number', _id: 'tag-rent' },
				{ name: 'Indflytning', tag: 'move_in', value: '', type: 'date', _id: 'tag-move-in' },
			],
			recipients: [],
			documents: [{ name: 'Lejekontrakt.pdf' }],
		});
	}

	/** Cases seeded as denied (`seed(…, { state: 'denied' })`), which have no recipient who refused. */
	private seededDenied = new Set<string>();

	/**
	 * Adds a minimal case straight into the state (tests of lists and pages): open, or ended with
	 * `{ state: 'signed' }` (then `reminders.allSigned` is true) or `{ state: 'denied' }`.
	 */
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
			settings: { availability: { unlimited: false, days: 30, expiration: new Date(at + 30 * 86_400_000).toISOString(), isExpired: false } },
			reminders: { allSigned: false, createdAt: t },
			recipients: [],
			documents: [],
			signedDocuments: [],
			autoSend: true,
			createdAt: t,
			updatedAt: t,
			...extra,
		};
		if (extra.state === 'signed' && extra.reminders === undefined) (c.reminders as Obj).allSigned = true;
		if (extra.state === 'denied') this.seededDenied.add(id);
		this.cases.set(id, c);
		return c;
	}

	/** `signed`, `denied` or `pending`: what the list filter `status` matches (never read from `state`). */
	statusOf(c: Obj): 'signed' | 'denied' | 'pending' {
		const recipients = (c.recipients as Obj[] | undefined) ?? [];
		if (recipients.some((r) => r.signed === 'denied') || this.seededDenied.has(String(c._id))) return 'denied';
		if ((c.reminders as Obj | undefined)?.allSigned === true) return 'signed';
		return 'pending';
	}

	storedUrl(path: string): string {
		return `${this.origin}/nextsign-storage${path}`;
	}

	store(company: string, folder: 'case' | 'signed' | 'upload' | 'converted', name: string, type: string, content: Buffer, now: number): StoredFile {
		// "<ms timestamp>-<name>", as in the documented stored URLs; the timestamp is kept unique per file.
		this.lastStamp = Math.max(now, this.lastStamp + 1);
		const path = `/${company}/${folder}/${this.lastStamp}-${name}`;
		const file = { company, path, name, type, content };
		this.files.set(path, file);
		return file;
	}

	/** Path of a stored URL of this sandbox (presigned or not), or undefined for any other URL. */
	pathOf(url: string): string | undefined {
		const prefix = `${this.origin}/nextsign-storage`;
		if (!this.origin || !url.startsWith(prefix)) return undefined;
		return decodeURIComponent(new URL(url).pathname.slice('/nextsign-storage'.length));
	}

	/** An S3-style presigned URL for a stored file (X-Amz-… query), valid `expires` seconds. */
	presign(path: string, now: number, expires = 3600): string {
		const date = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
		const q = new URLSearchParams({
			'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
			'X-Amz-Date': date,
			'X-Amz-Expires': String(expires),
			'X-Amz-Signature': storageSignature(path, date, expires),
			'X-Amz-SignedHeaders': 'host',
		});
		return `${this.storedUrl(path.split('/').map(encodeURIComponent).join('/'))}?${q.toString()}`;
	}

	/** Acts as the next recipient (lowest pending group first), or the one with this email. */
	sign(caseId: string, email: string | undefined, now: number): Obj {
		const c = this.openCase(caseId);
		const recipients = c.recipients as Obj[];
		const pending = recipients.filter((r) => r.signing && r.signed === 'pending');
		const lowest = Math.min(...pending.map((r) => Number(r.group)));
		const recipient = email ? pending.find((r) => r.email === email) : pending.find((r) => Number(r.group) === lowest);
		if (!recipient) throw new Error('no pending signing recipient');
		if (Number(recipient.group) !== lowest) throw new Error(`not this recipient's turn (group ${String(recipient.group)} waits for group ${lowest})`);
		recipient.signed = 'signed';
		const signer = (recipient.signer ?? {}) as Obj;
		recipient.signer = { ...signer, identity: { confirmed: true, cprIsMatch: Boolean(recipient.needsCpr) } };
		touch(c, now);
		if (recipients.every((r) => !r.signing || r.signed === 'signed')) {
			c.state = 'signed';
			(c.reminders as Obj).allSigned = true;
			c.signedDocuments = ((c.documents as Obj[]) ?? []).map((d) => {
				const name = String(d.name).replace(/\.(pdf|docx)$/i, '') + '_signed.pdf';
				const file = this.store(String(c.user_company), 'signed', name, 'application/pdf', makePdf(`Signed: ${String(c.title)}`), now);
				return { name, file: this.storedUrl(file.path), document_id: this.storedUrl(file.path), _id: newId('sd') };
			});
		}
		return c;
	}

	deny(caseId: string, email: string | undefined, now: number): Obj {
		const c = this.openCase(caseId);
		const recipients = c.recipients as Obj[];
		const recipient = recipients.find((r) => r.signing && r.signed === 'pending' && (!email || r.email === email));
		if (!recipient) throw new Error('no pending signing recipient');
		recipient.signed = 'denied';
		c.state = 'denied';
		touch(c, now);
		return c;
	}

	/** The availability runs out: `settings.availability.isExpired` (documented) turns true. */
	expire(caseId: string, now: number): Obj {
		const c = this.openCase(caseId);
		const availability = ((c.settings as Obj).availability ?? {}) as Obj;
		(c.settings as Obj).availability = { ...availability, isExpired: true, expiration: new Date(now).toISOString() };
		c.state = 'expired';
		touch(c, now);
		return c;
	}

	private openCase(caseId: string): Obj {
		const c = this.cases.get(caseId);
		if (!c) throw new Error(`no case ${caseId}`);
		if (this.statusOf(c) !== 'pending' || ((c.settings as Obj).availability as Obj | undefined)?.isExpired === true)
			throw new Error(`case ${caseId} has ended`);
		if (c.autoSend === false) throw new Error(`case ${caseId} was never sent (autoSend false): nobody was invited`);
		return c;
	}
}

/** A change moves `updatedAt` forward (never to the same millisecond twice). */
export function touch(c: Obj, now: number) {
	c.updatedAt = new Date(Math.max(now, Date.parse(String(c.updatedAt)) + 1)).toISOString();
}

export function storageSignature(path: string, date: string, expires: number): string {
	return createHmac('sha256', STORAGE_SECRET).update(`${path}\n${date}\n${expires}`).digest('hex');
}
