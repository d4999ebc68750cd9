import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params, splitList } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call, withHint } from '../../transport';
import { ORDER_RULE } from './setParallel.operation';
import { draftIdField, idLabels, uuid } from '../common';

const show = { resource: ['signingOrder'], operation: ['setSequential'] };

export const description: INodeProperties[] = [
	...draftIdField(show, 'A session that is still a Draft (not yet converted to ready to start)'),
	{
		displayName: 'Participant IDs in Order',
		name: 'participantIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d, 1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
		description: 'Every participant of the draft, separated by commas: the first signs first, then the next gets the link (EasyInk refuses an order that leaves anyone out)',
		displayOptions: { show },
	},
];

const schema = z.object({
	sessionId: uuid(),
	participantIds: z
		.array(uuid())
		.min(1)
		.refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, 'lists a participant more than once'),
});

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const raw = params(this, i, { sessionId: '', participantIds: '' });
	const p = validate(this, schema, { ...raw, participantIds: splitList(raw.participantIds) }, i, {
		sessionId: idLabels(this).draft,
		participantIds: 'Participant IDs in Order',
	});
	await setSequential(client, p.sessionId, p.participantIds, i);
	return { signingSessionId: p.sessionId, signingOrder: 'OneByOne', participantsOrder: p.participantIds };
}

/** PUT …/signingOrder/oneByOne {participantsOrder} [C]: every participant of the draft, first signer first. */
export async function setSequential(client: EasyInkClient, id: string, participantIds: string[], itemIndex: number) {
	await withHint(
		`${ORDER_RULE} The order must list every participant of the draft once.`,
		async () => await call(client, 'signingOrderSequential', { id }, { itemIndex, body: { participantsOrder: participantIds }, safety: 'read' }),
	);
}
