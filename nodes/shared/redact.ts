import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/** Keys whose values are secrets or personal id numbers: never shown in errors, logs or output. */
const SENSITIVE_KEY =
	/(^key$|pass(word)?|secret|token|api[-_]?key|authorization|cookie|digest|nonce|cpr([-_]?(number|no))?|ssn|national[-_]?id(entification)?([-_]?number)?|personal[-_]?(id|number)|pin)$/i;

export const MASK = '***';

export function isSensitiveKey(key: string): boolean {
	return SENSITIVE_KEY.test(key);
}

/** Masks all but the last `keep` characters of an id number (e.g. a CPR): "******1234". */
export function maskId(value: string, keep = 0): string {
	if (!value) return value;
	const visible = keep > 0 ? value.slice(-keep) : '';
	return '*'.repeat(Math.max(value.length - visible.length, 3)) + visible;
}

/** A Danish CPR number in any of its written forms: DDMMYY-XXXX, DDMMYYXXXX, DDMMYY XXXX. */
const CPR = /^(\d{6})[-\s]?(\d{4})$/;

/**
 * Every form in which a sensitive value can come back in a provider's text: as typed, trimmed, a CPR number in all
 * three written forms whichever one was typed, and the value as it appears inside JSON text or a URL.
 * Values shorter than 4 characters are left alone (they would mask ordinary words).
 */
function formsOf(sensitive: readonly string[]): string[] {
	const forms = new Set<string>();
	for (const raw of sensitive) {
		if (typeof raw !== 'string') continue;
		const value = raw.trim();
		if (value.length < 4) continue;
		forms.add(value);
		const cpr = CPR.exec(value);
		if (cpr) for (const sep of ['-', '', ' ']) forms.add(`${cpr[1]}${sep}${cpr[2]}`);
		forms.add(JSON.stringify(value).slice(1, -1));
		forms.add(encodeURIComponent(value));
	}
	// Longest first: a token that contains a shorter secret is masked whole.
	return [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}

function scrubForms(text: string, forms: readonly string[]): string {
	let out = text;
	for (const form of forms) if (out.includes(form)) out = out.split(form).join(MASK);
	return out;
}

/** Replaces every occurrence of the given sensitive strings (tokens, id numbers, in all their forms) in a text. */
export function scrubText(text: string, sensitive: readonly string[] = []): string {
	return scrubForms(text, formsOf(sensitive));
}

function redactForms<T>(value: T, forms: readonly string[], depth: number): T {
	if (depth > 20) return value;
	if (typeof value === 'string') return scrubForms(value, forms) as T;
	if (Array.isArray(value)) return value.map((v) => redactForms(v, forms, depth + 1)) as T;
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const out: IDataObject = {};
		for (const [k, v] of Object.entries(value as IDataObject)) {
			out[k] =
				isSensitiveKey(k) && v !== null && v !== undefined && v !== '' && typeof v !== 'boolean'
					? MASK
					: (redactForms(v, forms, depth + 1) as IDataObject[string]);
		}
		return out as T;
	}
	return value;
}

/**
 * Deep copy of a value with sensitive keys masked and sensitive strings scrubbed.
 * Used on everything that can reach an error, a log line or an output item built by the node.
 */
export function redact<T>(value: T, sensitive: readonly string[] = []): T {
	return redactForms(value, formsOf(sensitive), 0);
}

/**
 * The secrets of a credential as n8n hands it to a node: every field whose name says it is secret (API key,
 * client secret, API secret, session token…) and the tokens n8n keeps for an OAuth2 credential.
 */
export function credentialSecrets(credentials: ICredentialDataDecryptedObject | undefined): string[] {
	const out: string[] = [];
	const collect = (data: unknown) => {
		if (!data || typeof data !== 'object') return;
		for (const [key, value] of Object.entries(data as IDataObject)) {
			if (typeof value === 'string' && isSensitiveKey(key)) out.push(value);
		}
	};
	collect(credentials);
	collect(credentials?.oauthTokenData);
	return out.filter((v) => v.trim().length >= 4);
}

/**
 * Secrets seen by the shared transport during one node run (its credential's, and values a request marked
 * sensitive), so that the item loop can mask an error whatever path it took. Keyed by n8n's execution context
 * object: the entry goes away with it.
 */
const remembered = new WeakMap<object, Set<string>>();

export function rememberSecrets(ctx: object, values: readonly unknown[]): void {
	let set = remembered.get(ctx);
	if (!set) remembered.set(ctx, (set = new Set()));
	for (const v of values) if (typeof v === 'string' && v.trim().length >= 4) set.add(v);
}

export function secretsOf(ctx: object): string[] {
	return [...(remembered.get(ctx) ?? [])];
}

function isPlainData(value: unknown): boolean {
	if (!value || typeof value !== 'object') return false;
	if (Array.isArray(value)) return true;
	const proto = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

/**
 * Masks sensitive values in an error in place: message, description, stack, n8n's `messages`, and the data it
 * carries (`context`, `errorResponse`, a plain-object `cause`; an `Error` cause is scrubbed the same way).
 */
export function scrubError(error: unknown, sensitive: readonly string[]): void {
	const forms = formsOf(sensitive);
	if (!forms.length) return;
	const visit = (value: unknown, depth: number) => {
		if (!value || typeof value !== 'object' || depth > 4) return;
		const e = value as Record<string, unknown>;
		for (const key of ['message', 'description', 'stack']) {
			if (typeof e[key] === 'string') e[key] = scrubForms(e[key] as string, forms);
		}
		if (Array.isArray(e.messages)) e.messages = e.messages.map((m) => (typeof m === 'string' ? scrubForms(m, forms) : m));
		for (const key of ['context', 'errorResponse', 'cause']) {
			const data = e[key];
			if (data instanceof Error) visit(data, depth + 1);
			else if (isPlainData(data)) e[key] = redactForms(data, forms, 0);
		}
	};
	visit(error, 0);
}
