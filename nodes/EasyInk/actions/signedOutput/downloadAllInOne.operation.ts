import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { binaryOutput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { sessionIdField, uuid } from '../common';
import { downloadFile } from '../files';
import { WAIT_LABELS, waitOptionsField, waitSchema } from './common';

const show = { resource: ['signedOutput'], operation: ['downloadAllInOne'] };

export const description: INodeProperties[] = [
	sessionIdField(show, 'ID of a finished signing session'),
	binaryOutput(show),
	waitOptionsField(show),
];

const schema = z.object({ sessionId: uuid(), binaryPropertyName: z.string().trim().min(1), options: waitSchema });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', binaryPropertyName: 'data', options: {} }), i, {
		sessionId: 'Session ID',
		binaryPropertyName: 'Put Output File in Field',
		...WAIT_LABELS,
	});
	return await downloadFile(
		this,
		client,
		'allInOneDocumentDownload',
		{ id: p.sessionId },
		i,
		p.binaryPropertyName,
		`${p.sessionId}-all-in-one.pdf`,
		{ signingSessionId: p.sessionId },
		{ wait: p.options.waitWhileProcessing ?? false, maxWaitSeconds: p.options.maxWaitSeconds ?? 60 },
	);
}
