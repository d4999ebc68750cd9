/**
 * The README's E-Signature section says what the code does: its capability table is each wired adapter's
 * `capabilities` (one row per wired provider, no row for one that is not wired), and it names every wired provider.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ADAPTERS } from '../../nodes/ESignature/adapters';
import type { Capabilities } from '../../nodes/shared/esign';
import { PACKAGE_DIR } from '../helpers';

const readme = readFileSync(path.join(PACKAGE_DIR, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('\n## E-Signature\n'), readme.indexOf('\n## ', readme.indexOf('\n## E-Signature\n') + 5));

const yes = (v: boolean) => (v ? 'yes' : 'no');
function row(name: string, c: Capabilities): string[] {
	return [
		name,
		yes(c.sequentialOrder),
		yes(c.parallelOrder),
		yes(c.nationalId),
		yes(c.phone),
		yes(c.dueDate),
		yes(c.message),
		yes(c.multipleDocuments),
		c.maxSigners === undefined ? 'any' : String(c.maxSigners),
		c.cancel === false ? 'no' : c.cancel,
		yes(c.auditTrail),
		yes(c.events['signer.signed']),
		yes(c.events.completed),
		yes(c.events.declined),
		yes(c.events.expired),
	];
}

test('the capability table is the wired adapters’ capabilities, row for row', () => {
	const table = section.slice(section.indexOf('<!-- capability-table:start -->'), section.indexOf('<!-- capability-table:end -->'));
	const rows = table
		.split('\n')
		.filter((l) => l.startsWith('|'))
		.map((l) => l.slice(1, -1).split('|').map((c) => c.trim()));
	expect(rows[0]).toEqual(['Provider', 'Sequential', 'Parallel', 'National ID', 'Phone', 'Due Date', 'Message', 'Several documents', 'Signers', 'Cancel', 'Audit Trail', 'Signer Signed', 'Completed', 'Declined', 'Expired']);
	expect(rows.slice(2)).toEqual(ADAPTERS.map((a) => row(a.displayName, a.capabilities)));
});

test('the section names every wired provider and links its mapping', () => {
	const wired = /Wired now: ([^.]+)\./.exec(section)?.[1].replace(/\*/g, '');
	expect(wired?.split(/, | and /)).toEqual(ADAPTERS.map((a) => a.displayName));
	for (const a of ADAPTERS) expect(section).toContain(`[${a.displayName}](#${a.provider})`);
});
