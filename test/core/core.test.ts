import { fileNameFromDisposition } from '../../nodes/shared/binary';
import { collectPages, cursorPage, indexPage, offsetPage } from '../../nodes/shared/pagination';
import { maskId, redact, scrubText } from '../../nodes/shared/redact';
import { parseRetryAfter } from '../../nodes/shared/transport';

describe('redaction', () => {
	test('masks secrets and id numbers by key, at any depth, and leaves the rest', () => {
		const input = {
			access_token: 'eyJhbGciOi',
			client_secret: 's3cr3t',
			recipients: [{ name: 'Ann', cpr: '0101901234', cprNumber: '0101901234', needsCpr: true }],
			signer: { ssn: '19900101-1234', ssnType: 'se:pin', nationalIdentificationNumber: '01019012345' },
			headers: { Authorization: 'Bearer abc', 'X-Auth-Token': 'jwt' },
			title: 'Contract',
		};
		expect(redact(input)).toEqual({
			access_token: '***',
			client_secret: '***',
			recipients: [{ name: 'Ann', cpr: '***', cprNumber: '***', needsCpr: true }],
			signer: { ssn: '***', ssnType: 'se:pin', nationalIdentificationNumber: '***' },
			headers: { Authorization: '***', 'X-Auth-Token': '***' },
			title: 'Contract',
		});
	});

	test('scrubs known sensitive values inside free text', () => {
		expect(scrubText('CPR 0101901234 is invalid for 0101901234', ['0101901234'])).toBe('CPR *** is invalid for ***');
		expect(redact({ message: 'bad cpr 0101901234' }, ['0101901234'])).toEqual({ message: 'bad cpr ***' });
		expect(maskId('0101901234', 0)).toBe('**********');
	});
});

describe('Retry-After', () => {
	test('delta seconds and HTTP dates', () => {
		expect(parseRetryAfter('30')).toBe(30);
		expect(parseRetryAfter('1.5')).toBe(1.5);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});
});

describe('Content-Disposition', () => {
	test('prefers filename*, falls back to filename', () => {
		expect(fileNameFromDisposition(`attachment; filename="a.pdf"; filename*=UTF-8''K%C3%B8benhavn%20aftale.pdf`)).toBe('København aftale.pdf');
		expect(fileNameFromDisposition('attachment; filename="signed contract.pdf"')).toBe('signed contract.pdf');
		expect(fileNameFromDisposition('inline; filename=plain.pdf')).toBe('plain.pdf');
		expect(fileNameFromDisposition(undefined)).toBeUndefined();
	});
});

describe('pagination', () => {
	const data = Array.from({ length: 23 }, (_, i) => i);
	const asked: Array<[number, number]> = [];
	const byOffset = async (offset: number, size: number) => {
		asked.push([offset, size]);
		return offsetPage(data.slice(offset, offset + size), offset, size, data.length);
	};
	beforeEach(() => (asked.length = 0));

	test('Return All reads every page with the largest page size', async () => {
		expect(await collectPages(0, byOffset, { returnAll: true, limit: 0, maxPageSize: 10 })).toEqual(data);
		expect(asked).toEqual([[0, 10], [10, 10], [20, 10]]);
	});

	test('a limit asks for no more than needed', async () => {
		expect(await collectPages(0, byOffset, { returnAll: false, limit: 12, maxPageSize: 10 })).toEqual(data.slice(0, 12));
		expect(asked).toEqual([[0, 10], [10, 2]]);
	});

	test('page index and cursor shapes', async () => {
		const pages = [[1, 2], [3, 4], [5]];
		expect(await collectPages(0, async (i, size) => indexPage(pages[i] ?? [], i, size), { returnAll: true, limit: 0, maxPageSize: 2 })).toEqual([1, 2, 3, 4, 5]);
		const cursors: Record<string, { items: number[]; next: string | null }> = { start: { items: [1], next: 'b' }, b: { items: [2], next: '' } };
		expect(await collectPages<number, string | null>('start', async (c) => cursorPage(cursors[c ?? 'start'].items, cursors[c ?? 'start'].next), { returnAll: true, limit: 0, maxPageSize: 1 })).toEqual([1, 2]);
	});
});
