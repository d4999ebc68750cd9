/**
 * The shared polling core (`pollEvents`) through n8n's own PollContext, with a test trigger whose feed the test
 * controls: no history on activation, each event once, a cursor that a future-dated record cannot freeze, keys of
 * the current poll never evicted, scope changes without replay, and damaged state reset without a crash or a replay.
 */
import type { IDataObject, INodeExecutionData, INodeType, IPollFunctions } from 'n8n-workflow';

import { pollEvents, type PollEvent } from '../../nodes/shared/polling';
import { Engine } from '../../sandbox/engine';
import { node, PACKAGE_DIR, trigger } from '../helpers';

interface FeedEvent extends PollEvent {
	time: number;
}

/** What the "provider" has; the trigger reads the events at or after `since`. */
const feed: FeedEvent[] = [];
const sinceAsked: Array<number | undefined> = [];
let failNext = false;

class TestTrigger implements INodeType {
	description = {
		displayName: 'Test Trigger',
		name: 'testTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Polls the test feed',
		defaults: { name: 'Test Trigger' },
		polling: true,
		inputs: [],
		outputs: ['main'],
		// n8n keeps only the parameters a node describes.
		properties: [
			{ displayName: 'Settings', name: 'settings', type: 'string', default: '' },
			{ displayName: 'IDs', name: 'ids', type: 'string', default: '' },
			{ displayName: 'Max Keys', name: 'maxKeys', type: 'number', default: 20000 },
		],
	} as unknown as INodeType['description'];

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = this.getNodeParameter('settings', '') as string;
		const ids = this.getNodeParameter('ids', '') as string;
		const maxKeys = this.getNodeParameter('maxKeys', 20_000) as number;
		return await pollEvents(this, {
			maxKeys,
			scope: { settings, ...(ids ? { ids: ids.split(',') } : {}) },
			fetch: async (since) => {
				sinceAsked.push(since);
				if (failNext) {
					failNext = false;
					throw new Error('provider down');
				}
				const inScope = feed.filter((e) => (since === undefined || e.time >= since) && (!ids || !e.scopeId || ids.split(',').includes(e.scopeId)));
				return { events: inScope, newestTime: Math.max(0, ...inScope.map((e) => e.time)) || undefined };
			},
		});
	}
}

const engine = new Engine({ packageDir: PACKAGE_DIR });
engine.registerNodeType('test.testTrigger', new TestTrigger());

function runner(parameters: IDataObject = {}) {
	return trigger(engine, { ...node('testTrigger', parameters), type: 'test.testTrigger' });
}

/** The trigger node's part of what n8n saved (`getWorkflowStaticData('node')`). */
const NODE_KEY = 'node:Node';
function saved(t: ReturnType<typeof runner>): IDataObject {
	return (t.savedStaticData[NODE_KEY] ?? {}) as IDataObject;
}
function load(t: ReturnType<typeof runner>, state: IDataObject) {
	t.savedStaticData = { [NODE_KEY]: state };
}

function add(key: string, time = Date.now(), scopeId?: string) {
	feed.push({ key, time, scopeId, json: { key } });
}

const keys = (items: INodeExecutionData[] | null) => (items ?? []).map((i) => i.json.key);

beforeEach(() => {
	feed.length = 0;
	sinceAsked.length = 0;
	failNext = false;
});

describe('pollEvents', () => {
	test('first activation fires nothing; each later event fires once, oldest first; an error changes nothing', async () => {
		add('old');
		const t = runner();
		expect((await t.poll()).items).toBeNull();
		const t0 = Date.now();
		add('b', t0 + 2);
		add('a', t0 + 1);
		failNext = true;
		expect((await t.poll()).error?.message).toBe('provider down');
		expect(keys((await t.poll()).items)).toEqual(['a', 'b']);
		expect((await t.poll()).items).toBeNull();
	});

	test('a record dated two hours ahead fires once and does not freeze the cursor', async () => {
		const t = runner();
		await t.poll();
		add('future', Date.now() + 2 * 3600_000);
		expect(keys((await t.poll()).items)).toEqual(['future']);
		const cursor = saved(t).cursor as number;
		expect(cursor).toBeLessThanOrEqual(Date.now() + 60_000);
		add('now', Date.now());
		expect(keys((await t.poll()).items)).toEqual(['now']);
		// The reading window never starts after n8n's clock.
		expect(sinceAsked.every((s) => s === undefined || s <= Date.now())).toBe(true);
	});

	test('a cursor already saved in the future (older version) is pulled back to n8n’s clock', async () => {
		const t = runner();
		await t.poll();
		load(t, { ...saved(t), cursor: Date.now() + 5 * 3600_000 });
		add('late', Date.now());
		expect(keys((await t.poll()).items)).toEqual(['late']);
	});

	test('keys read by one poll are never evicted, even beyond the cap', async () => {
		const t = runner({ maxKeys: 10 });
		for (let i = 0; i < 15; i++) add(`e${i}`);
		await t.poll();
		expect(Object.keys(saved(t).seen as object)).toHaveLength(15);
		expect((await t.poll()).items).toBeNull();
		expect((await t.poll()).items).toBeNull();
	});

	test('older keys beyond the cap are forgotten, oldest first', async () => {
		const t = runner({ maxKeys: 3 });
		await t.poll();
		load(t, { ...saved(t), seen: { x1: Date.now() - 3000, x2: Date.now() - 2000, x3: Date.now() - 1000 } });
		add('n1');
		add('n2');
		expect(keys((await t.poll()).items)).toEqual(['n1', 'n2']);
		expect(Object.keys(saved(t).seen as object).sort()).toEqual(['n1', 'n2', 'x3']);
	});

	test('a newly listed id gets a baseline: its history does not fire, its new events do', async () => {
		add('A-old', Date.now(), 'A');
		add('B-old', Date.now(), 'B');
		const t = runner({ ids: 'A' });
		await t.poll();
		t.reconfigure({ ids: 'A,B' });
		add('A-new', Date.now() + 1, 'A');
		expect(keys((await t.poll()).items)).toEqual(['A-new']);
		add('B-new', Date.now() + 2, 'B');
		expect(keys((await t.poll()).items)).toEqual(['B-new']);
	});

	test('changed settings start afresh like an activation; later events fire', async () => {
		const t = runner({ settings: 'folder=1' });
		await t.poll();
		add('other-folder-history');
		t.reconfigure({ settings: 'folder=2' });
		expect((await t.poll()).items).toBeNull();
		add('fresh', Date.now() + 1);
		expect(keys((await t.poll()).items)).toEqual(['fresh']);
	});

	test.each([
		['seen of the wrong type', { initialized: true, seen: 'x', cursor: 1 }],
		['cursor of the wrong type', { initialized: true, seen: {}, cursor: 'yesterday' }],
		['initialized without memory', { initialized: true, cursor: Date.now() - 60_000 }],
		['a scope of the wrong shape', { initialized: true, seen: {}, scope: 'folder' }],
		['initialized of the wrong type', { initialized: 'yes', seen: {} }],
	])('state with %s is reset with a baseline: no crash, no replay', async (_what, damaged) => {
		add('history', Date.now() - 1000);
		const t = runner();
		load(t, damaged as IDataObject);
		const first = await t.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();
		add('after', Date.now() + 1);
		expect(keys((await t.poll()).items)).toEqual(['after']);
	});

	test('seen entries with a bad time are dropped, the rest kept', async () => {
		add('kept');
		const t = runner();
		await t.poll();
		load(t, { ...saved(t), seen: { ...(saved(t).seen as IDataObject), junk: 'x' } });
		add('next', Date.now() + 1);
		expect(keys((await t.poll()).items)).toEqual(['next']);
		expect(Object.keys(saved(t).seen as object).sort()).toEqual(['kept', 'next']);
	});
});
