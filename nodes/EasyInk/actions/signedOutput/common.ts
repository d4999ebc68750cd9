import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

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
				description: 'Whether to wait and try again (with growing pauses) while EasyInk is still preparing the file, instead of failing at once',
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
