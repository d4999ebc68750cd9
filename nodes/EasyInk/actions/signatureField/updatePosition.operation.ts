import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call } from '../../transport';
import { PLACEMENT_LABELS, draftIdField, idField, idLabels, placementFields, placementSchema, uuid } from '../common';

const show = { resource: ['signatureField'], operation: ['updatePosition'] };

export const description: INodeProperties[] = [
	...draftIdField(show),
	idField('signatureFieldId', 'Signature Field ID', show, 'ID of the field to move or resize'),
	...placementFields(show),
];

const schema = z.object({ sessionId: uuid(), signatureFieldId: uuid() }).and(placementSchema);

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', signatureFieldId: '', page: 1, positionX: 100, positionY: 100, sizeX: 200, sizeY: 50 }), i, {
		sessionId: idLabels(this).draft,
		signatureFieldId: 'Signature Field ID',
		...PLACEMENT_LABELS,
	});
	const placement = { page: p.page, positionX: p.positionX, positionY: p.positionY, sizeX: p.sizeX, sizeY: p.sizeY };
	await call(client, 'signatureFieldUpdatePosition', { id: p.sessionId, signatureFieldId: p.signatureFieldId }, { itemIndex: i, body: placement, safety: 'read' });
	return { signingSessionId: p.sessionId, signatureFieldId: p.signatureFieldId, placement };
}
