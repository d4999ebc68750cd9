/**
 * Masking for what the live checks write down (reports, fixtures): secrets by key and by value, national id numbers,
 * and personal data of real people (names, emails, phone numbers) — test signers made by the suite
 * (`live-contract…@example.com`) are kept so the fixtures stay readable.
 */
import { MASK, redact, scrubText } from '../../nodes/shared/redact';

const PERSONAL_KEY = /^(name|full_?name|first_?name|last_?name|user_?name|sender_?name|signer_?name|e_?mail|user_?email|sender_?email|phone|phone_?number|mobile|address)$/i;
const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
const CPR = /\b\d{6}-?\d{4}\b/g;
const OURS = /live-contract/i;

export function maskText(text: string, secrets: readonly string[]): string {
	return scrubText(text, secrets)
		.replace(EMAIL, (m) => (OURS.test(m) || /@example\.(com|org|net)$/i.test(m) ? m : '***@***'))
		.replace(CPR, MASK)
		.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${MASK}`);
}

export function maskValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
	if (depth === 0) value = redact(value, secrets);
	if (typeof value === 'string') return maskText(value, secrets);
	if (Array.isArray(value)) return value.map((v) => maskValue(v, secrets, depth + 1));
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
			out[k] = PERSONAL_KEY.test(k) && typeof v === 'string' && v !== '' && !OURS.test(v) ? MASK : maskValue(v, secrets, depth + 1);
		}
		return out;
	}
	return value;
}
