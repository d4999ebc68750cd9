/**
 * Found by what it does: every node ships an n8n codex file, loaded by n8n-core's package loader as n8n loads it,
 * so that searching the node panel for "signature", "e-signature", "esign" or "sign" finds every node of the package
 * (n8n's panel matches a node's name and its codex aliases; a plain substring match here is stricter than n8n's fuzzy one).
 */
import { PackageDirectoryLoader } from 'n8n-core';
import type { INodeTypeDescription } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_DIR } from './helpers';

const pkg = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'));

describe('codex (node panel search)', () => {
	let descriptions: INodeTypeDescription[];
	beforeAll(async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		descriptions = Object.values(loader.nodeTypes).map((n) => (n.type as { description: INodeTypeDescription }).description);
	});

	test('every node has a codex with categories, aliases and a documentation link to its README section', () => {
		expect(descriptions).toHaveLength(pkg.n8n.nodes.length);
		for (const d of descriptions) {
			expect(d.codex?.categories?.length).toBeGreaterThan(0);
			expect(d.codex?.alias?.length).toBeGreaterThan(0);
			const doc = d.codex?.resources?.primaryDocumentation?.[0]?.url;
			expect(doc).toMatch(/^https:\/\/github\.com\/n8n-nodes-esign\/n8n-nodes-esign#[a-z-]+$/);
		}
	});

	test.each(['signature', 'e-signature', 'esign', 'sign', 'contract'])('searching "%s" finds every node', (term) => {
		const found = descriptions.filter((d) => [d.displayName, ...(d.codex?.alias ?? [])].some((s) => s.toLowerCase().includes(term)));
		expect(found.map((d) => d.name).sort()).toEqual(descriptions.map((d) => d.name).sort());
	});
});
