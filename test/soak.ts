/**
 * Trigger soak: many events spread over many polls, with provider clock skew and n8n restarts from the saved
 * state between polls. Asserts zero missed and zero duplicated events.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { TriggerRunner } from '../sandbox/engine';
import type { Sandbox } from '../sandbox/server';

export interface SoakOptions {
	runner: TriggerRunner;
	sandbox: Sandbox;
	/** Events in all, spread evenly over `polls`. */
	total: number;
	polls: number;
	/** Makes `count` new events happen in the sandbox; returns the keys the trigger must report for them. */
	happen(count: number, poll: number): string[] | Promise<string[]>;
	/** The key of one fired item (same form as `happen` returns). */
	keyOf(item: INodeExecutionData): string;
	/** Restart n8n (reload static data from the saved copy) before every k-th poll. */
	restartEvery?: number;
	/** Provider clock offsets (ms) cycled through poll by poll. */
	skewMs?: number[];
}

export async function soak(o: SoakOptions): Promise<{ expected: string[]; fired: string[]; duplicates: string[]; missed: string[] }> {
	const first = await o.runner.poll();
	if (first.error) throw first.error;
	const expected: string[] = [];
	const fired: string[] = [];
	const perPoll = Math.ceil(o.total / o.polls);
	let happened = 0;
	for (let p = 0; p < o.polls; p++) {
		if (o.skewMs?.length) o.sandbox.clockSkewMs = o.skewMs[p % o.skewMs.length];
		const count = Math.min(perPoll, o.total - happened);
		happened += count;
		if (count > 0) expected.push(...(await o.happen(count, p)));
		if (o.restartEvery && p % o.restartEvery === o.restartEvery - 1) o.runner.restart();
		const result = await o.runner.poll();
		if (result.error) throw result.error;
		fired.push(...(result.items ?? []).map(o.keyOf));
	}
	// One more poll with nothing new: late items must still arrive, nothing may repeat.
	const last = await o.runner.poll();
	if (last.error) throw last.error;
	fired.push(...(last.items ?? []).map(o.keyOf));
	o.sandbox.clockSkewMs = 0;
	const seen = new Set<string>();
	const duplicates = fired.filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
	const missed = expected.filter((k) => !seen.has(k));
	return { expected, fired, duplicates, missed };
}
