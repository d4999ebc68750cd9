/**
 * Records picked from lists: the shared resource locator (From List / By ID / By URL) and the version gate that keeps
 * saved workflows of an earlier node version (a free-text id) working, through n8n's engine and its LoadOptionsContext.
 */
import type { IExecuteFunctions, ILoadOptionsFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { resourceLocator, searchResults, sinceVersion } from '../../nodes/shared/locator';
import { params } from '../../nodes/shared/params';
import { Engine } from '../../sandbox/engine';
import { node, PACKAGE_DIR, single } from '../helpers';

const CASES = [
	{ id: 'c-1', name: 'Lease Smith' },
	{ id: 'c-2', name: 'NDA Jensen' },
	{ id: 'c-3', name: 'Lease Hansen' },
];

class PickerNode implements INodeType {
	description = {
		displayName: 'Picker',
		name: 'picker',
		group: ['output'],
		version: [1, 2],
		defaultVersion: 2,
		description: 'Reads a case id',
		defaults: { name: 'Picker' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			...sinceVersion(
				2,
				{ displayName: 'Case ID', name: 'caseId', type: 'string', default: '', required: true, displayOptions: { show: { resource: ['case'] } } },
				resourceLocator({
					displayName: 'Case',
					name: 'caseId',
					show: { resource: ['case'] },
					searchListMethod: 'searchCases',
					idPlaceholder: 'e.g. c-1',
					url: { placeholder: 'e.g. https://app.example.com/cases/c-1', regex: 'https?://app\\.example\\.com/cases/([^/?#]+)(?:[/?#].*)?' },
				}),
			),
			{ displayName: 'Resource', name: 'resource', type: 'options', options: [{ name: 'Case', value: 'case' }], default: 'case' },
		],
	} as unknown as INodeType['description'];

	methods = {
		listSearch: {
			async searchCases(this: ILoadOptionsFunctions, filter?: string, token?: string) {
				const start = Number(token ?? 0);
				const page = CASES.slice(start, start + 2);
				return searchResults(page, (c) => ({ name: c.name, value: c.id, url: `https://app.example.com/cases/${c.id}` }), filter, start + 2 < CASES.length ? String(start + 2) : undefined);
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((_item, i) => ({ json: { caseId: params(this, i, { caseId: '' }).caseId } }))];
	}
}

const engine = new Engine({ packageDir: PACKAGE_DIR });
engine.registerNodeType('test.picker', new PickerNode());

function picker(typeVersion: number, caseId: unknown) {
	return { ...node('picker', { resource: 'case', caseId } as never), type: 'test.picker', typeVersion };
}

async function read(typeVersion: number, caseId: unknown, input = [{ json: { id: 'c-9' } }]) {
	const result = await engine.run(single(picker(typeVersion, caseId)), input);
	expect(result.error()).toBeUndefined();
	return result.output('Node').map((i) => i.json.caseId);
}

describe('resource locator', () => {
	test('a saved version-1 workflow keeps its free-text id; version 2 reads every mode', async () => {
		expect(await read(1, 'c-1')).toEqual(['c-1']);
		expect(await read(2, { __rl: true, mode: 'list', value: 'c-2', cachedResultName: 'NDA Jensen' })).toEqual(['c-2']);
		expect(await read(2, { __rl: true, mode: 'id', value: 'c-3' })).toEqual(['c-3']);
		expect(await read(2, { __rl: true, mode: 'url', value: 'https://app.example.com/cases/c-3?tab=signers' })).toEqual(['c-3']);
	});

	test('expressions still work, in both versions', async () => {
		expect(await read(1, '={{ $json.id }}')).toEqual(['c-9']);
		expect(await read(2, { __rl: true, mode: 'id', value: '={{ $json.id }}' })).toEqual(['c-9']);
	});

	test('a URL of another site is refused with the field named', async () => {
		const result = await engine.run(single(picker(2, { __rl: true, mode: 'url', value: 'https://elsewhere.example/x' })), [{ json: {} }]);
		expect(result.error()?.message).toMatch(/Case/);
	});

	test('From List comes first, and the list searches and pages', async () => {
		const desc = new PickerNode().description.properties.find((p) => p.type === 'resourceLocator')!;
		expect(desc.modes!.map((m) => m.name)).toEqual(['list', 'id', 'url']);
		expect(desc.default).toEqual({ mode: 'list', value: '' });
		const first = await engine.listSearch(picker(2, ''), 'searchCases');
		expect(first).toEqual({
			results: [
				{ name: 'Lease Smith', value: 'c-1', url: 'https://app.example.com/cases/c-1' },
				{ name: 'NDA Jensen', value: 'c-2', url: 'https://app.example.com/cases/c-2' },
			],
			paginationToken: '2',
		});
		const next = await engine.listSearch(picker(2, ''), 'searchCases', undefined, first.paginationToken);
		expect(next.results.map((r) => r.value)).toEqual(['c-3']);
		expect((await engine.listSearch(picker(2, ''), 'searchCases', 'lease')).results.map((r) => r.value)).toEqual(['c-1']);
	});
});
