import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { callId } from '../../transport';
import type { Placement } from '../common';
import { FIELD_TYPES, PLACEMENT_LABELS, documentIdField, draftIdField, idLabels, participantIdField, placementFields, placementSchema, uuid } from '../common';

const show = { resource: ['signatureField'], operation: ['add'] };

export const fieldTypeField = (s: Record<string, string[]>): INodeProperties => ({
	displayName: 'Type',
	name: 'fieldType',
	type: 'options',
	options: FIELD_TYPES.map((t) => ({ name: t, value: t })),
	default: 'Signature',
	description: 'What the participant puts in the field',
	displayOptions: { show: s },
});

export const requiredField = (s: Record<string, string[]>): INodeProperties => ({
	displayName: 'Required',
	name: 'isRequired',
	type: 'boolean',
	default: true,
	description: 'Whether the participant must fill the field before the session can finish',
	displayOptions: { show: s },
});

export const description: INodeProperties[] = [
	...draftIdField(show),
	...participantIdField(show, 'The participant who fills the field'),
	...documentIdField(show, 'The document the field is placed on'),
	fieldTypeField(show),
	...placementFields(show),
	requiredField(show),
];

const schema = z
	.object({ sessionId: uuid(), participantId: uuid(), documentId: uuid(), fieldType: z.enum(FIELD_TYPES), isRequired: z.boolean() })
	.and(placementSchema);

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(
		this,
		schema,
		params(this, i, { sessionId: '', participantId: '', documentId: '', fieldType: 'Signature', page: 1, positionX: 100, positionY: 100, sizeX: 200, sizeY: 50, isRequired: true }),
		i,
		{ sessionId: idLabels(this).draft, participantId: idLabels(this).participant, documentId: idLabels(this).document, fieldType: 'Type', isRequired: 'Required', ...PLACEMENT_LABELS },
	);
	const placement = { page: p.page, positionX: p.positionX, positionY: p.positionY, sizeX: p.sizeX, sizeY: p.sizeY };
	const signatureFieldId = await addField(client, p.sessionId, { participantId: p.participantId, documentId: p.documentId, type: p.fieldType, placement, isRequired: p.isRequired }, i);
	return { signingSessionId: p.sessionId, signatureFieldId, participantId: p.participantId, documentId: p.documentId, type: p.fieldType, placement, isRequired: p.isRequired };
}

export interface FieldSpec {
	participantId: string;
	documentId: string;
	type: string;
	placement: Placement;
	isRequired: boolean;
}

export async function addField(client: EasyInkClient, id: string, f: FieldSpec, itemIndex: number): Promise<string> {
	const res = await callId(client, 'signatureFieldAdd', { id }, {
		itemIndex,
		body: {
			participantId: f.participantId,
			documentId: f.documentId,
			field: { type: f.type, placement: f.placement, options: { isRequired: f.isRequired, forType: f.type } },
		},
		appliedHint: `Get draft ${id} and check its signature fields before adding this one again.`,
	});
	return res;
}
