import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { binaryOutput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { withHint } from '../../transport';
import { sessionIdField, uuid } from '../common';
import { downloadFile } from '../files';
import { NOT_READY_HINT, WAIT_LABELS, waitForOutput, waitOptionsField, waitSchema } from './common';

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
	const json: IDataObject = { signingSessionId: p.sessionId };
	if (p.options.waitWhileProcessing) {
		const node = this.getNode();
		json.checks = await waitForOutput(node, client, p.sessionId, i, p.options.maxWaitSeconds ?? 60, 'the all-in-one document', (session) => {
			// "Only available after the session is finished": waiting for signatures is not what this option is for.
			if (session.status !== 'Finished')
				throw new NodeOperationError(node, `Session ${p.sessionId} is ${String(session.status)}: the all-in-one document exists once it is Finished`, {
					itemIndex: i,
					description: 'Download it after everyone has signed, e.g. from the EasyInk Trigger\'s "Session Finished" event.',
				});
			const allInOne = session.allInOneDocument as IDataObject | null | undefined;
			return allInOne ? String(allInOne.status ?? '') : undefined;
		});
	}
	const download = async () => await downloadFile(this, client, 'allInOneDocumentDownload', { id: p.sessionId }, i, p.binaryPropertyName, `${p.sessionId}-all-in-one.pdf`, json);
	return p.options.waitWhileProcessing ? await download() : await withHint(NOT_READY_HINT, download);
}
