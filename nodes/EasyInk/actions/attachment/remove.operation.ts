import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { call } from '../../transport';
import { draftIdField, idField, idLabels, uuid } from '../common';

const show = { resource: ['attachment'], operation: ['remove'] };

export const description: INodeProperties[] = [...draftIdField(show), idField('attachmentId', 'Attachment ID', show, 'ID of the attachment to remove')];

const schema = z.object({ sessionId: uuid(), attachmentId: uuid() });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', attachmentId: '' }), i, { sessionId: idLabels(this).draft, attachmentId: 'Attachment ID' });
	await call(client, 'draftAttachmentRemove', { id: p.sessionId, attachmentId: p.attachmentId }, { itemIndex: i });
	return { signingSessionId: p.sessionId, attachmentId: p.attachmentId, removed: true };
}
