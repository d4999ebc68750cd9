/**
 * n8n-core's package loader loads dist/ exactly as n8n loads an installed community package:
 * every node and credential in package.json's `n8n` section resolves, with its icons.
 */
import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeTypeDescription } from 'n8n-workflow';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_DIR } from './helpers';

const pkg = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'));

function iconFiles(icon: unknown, fromFile: string): string[] {
	const list = typeof icon === 'string' ? [icon] : icon && typeof icon === 'object' ? Object.values(icon as Record<string, string>) : [];
	return list.map((i) => path.resolve(path.dirname(fromFile), i.replace(/^file:/, '')));
}

describe('package loading', () => {
	let loader: PackageDirectoryLoader;
	beforeAll(async () => {
		loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
	});

	test('package.json is a community node package', () => {
		expect(pkg.name).toBe('n8n-nodes-esign');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		// No runtime dependencies (n8n's scanner and n8n Cloud refuse them): zod is the one n8n provides.
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
	});

	test('every node in the n8n section loads, with existing light and dark icons', () => {
		const loaded = Object.values(loader.nodeTypes).map((n) => path.resolve(PACKAGE_DIR, n.sourcePath));
		expect(loaded.sort()).toEqual(pkg.n8n.nodes.map((p: string) => path.join(PACKAGE_DIR, p)).sort());
		for (const { type, sourcePath: relative } of Object.values(loader.nodeTypes)) {
			const sourcePath = path.resolve(PACKAGE_DIR, relative);
			const description = (type as { description: INodeTypeDescription }).description;
			// The loader turns `file:` icons into icon URLs; read the declared paths from a fresh instance.
			const Class = require(sourcePath)[path.basename(sourcePath).split(".")[0]] as new () => { description: INodeTypeDescription };
			const icons = iconFiles(new Class().description.icon, sourcePath);
			expect(description.iconUrl ?? description.icon).toBeDefined();
			expect(icons.length).toBeGreaterThan(0);
			for (const file of icons) expect(existsSync(file) ? file : `missing ${file}`).toBe(file);
			for (const cred of description.credentials ?? []) expect(loader.credentialTypes[cred.name]).toBeDefined();
		}
	});

	test('every credential in the n8n section loads, with icons and a test request or test method', () => {
		const loaded = Object.values(loader.credentialTypes).map((c) => path.resolve(PACKAGE_DIR, c.sourcePath));
		expect(loaded.sort()).toEqual(pkg.n8n.credentials.map((p: string) => path.join(PACKAGE_DIR, p)).sort());
		for (const { type, sourcePath: relative } of Object.values(loader.credentialTypes)) {
			const sourcePath = path.resolve(PACKAGE_DIR, relative);
			const cred = type as ICredentialType;
			const Class = require(sourcePath)[path.basename(sourcePath).split(".")[0]] as new () => ICredentialType;
			const declared = new Class();
			expect(declared.test ?? (cred as { testedBy?: unknown }).testedBy).toBeDefined();
			expect(iconFiles(declared.icon, sourcePath).length).toBeGreaterThan(0);
			for (const file of iconFiles(declared.icon, sourcePath)) expect(existsSync(file) ? file : `missing ${file}`).toBe(file);
			expect(cred.documentationUrl).toMatch(/^https:\/\//);
		}
	});

	test('action nodes can be used as AI tools, triggers poll', () => {
		for (const { type } of Object.values(loader.nodeTypes)) {
			const d = (type as { description: INodeTypeDescription }).description;
			if (d.name.endsWith('Trigger')) expect(d.polling).toBe(true);
			else expect(d.usableAsTool).toBe(true);
		}
	});
});
