import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { EasyInkClient } from '../../transport';
import { EASYINK_PROCESSING } from '../../transport';
import type { Probe } from '../files';
import { waitUntilReady } from '../files';
import { getSession } from '../session/get.operation';

export function waitOptionsField(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Wait While Processing',
				name: 'waitWhileProcessing',
				type: 'boolean',
				default: false,
				description:
					'Whether to read the session first and wait (with growing pauses) until EasyInk reports the file ready, instead of downloading at once (EasyInk prepares signed files for a while after the last signature)',
			},
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 600 },
				default: 60,
				description: 'Longest time to wait for the file, at most 600 seconds',
				displayOptions: { show: { waitWhileProcessing: [true] } },
			},
		],
	};
}

export const waitSchema = z.object({
	waitWhileProcessing: z.boolean().optional(),
	maxWaitSeconds: z.number().min(1).max(600).optional(),
});

export const WAIT_LABELS = { waitWhileProcessing: 'Wait While Processing', maxWaitSeconds: 'Max Wait (Seconds)' };

/** Put in front of a refused download made without waiting. */
export const NOT_READY_HINT = 'If EasyInk is still preparing the file (for a while after the last signature), turn on "Wait While Processing".';

/** First pause while waiting for a signed file (doubling up to 30 s). */
export const FIRST_DELAY_MS = 1000;

/**
 * Waits until the session reports the file ready: `find` picks the file's processing status from the session (its
 * documented `processingStatus` / `status`), or throws when waiting cannot help (wrong id, session not finished).
 * A status naming a failure ends the wait at once.
 */
export async function waitForOutput(
	node: INode,
	client: EasyInkClient,
	sessionId: string,
	itemIndex: number,
	maxWaitSeconds: number,
	what: string,
	find: (session: IDataObject) => string | undefined,
): Promise<number> {
	const probe = async (): Promise<Probe<true>> => {
		const session = await getSession(client, sessionId, itemIndex);
		const status = find(session) ?? '(not listed yet)';
		if (status === EASYINK_PROCESSING.outputReady) return { ready: true, value: true };
		if (EASYINK_PROCESSING.failed.test(status))
			throw new NodeOperationError(node, `EasyInk could not prepare ${what} of session ${sessionId} (status "${status}")`, {
				itemIndex,
				description: 'Waiting will not help: look at the session in EasyInk, or ask EasyInk support.',
			});
		return { ready: false, status };
	};
	const { attempts } = await waitUntilReady(probe, { maxWaitSeconds, firstDelayMs: FIRST_DELAY_MS }, (status, n) =>
		new NodeOperationError(node, `EasyInk was still preparing ${what} of session ${sessionId} after ${maxWaitSeconds} s (status "${status}")`, {
			itemIndex,
			description: `Checked ${n} times. Run the node again later, or raise "Max Wait (Seconds)".`,
		}),
	);
	return attempts;
}
