import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { binaryOutput } from '../../../shared/descriptions';
import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { EasyInkClient } from '../../transport';
import { withHint } from '../../transport';
import { idLabels, sessionIdField, uuid } from '../common';
import { downloadFile } from '../files';
import { NOT_READY_HINT, WAIT_LABELS, waitForOutput, waitOptionsField, waitSchema } from './common';

const show = { resource: ['signedOutput'], operation: ['downloadAllInOne'] };

export const description: INodeProperties[] = [
	...sessionIdField(show, 'A finished signing session'),
	binaryOutput(show),
	waitOptionsField(show),
];

const schema = z.object({ sessionId: uuid(), binaryPropertyName: z.string().trim().min(1), options: waitSchema });

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { sessionId: '', binaryPropertyName: 'data', options: {} }), i, {
		sessionId: idLabels(this).session,
		binaryPropertyName: 'Put Output File in Field',
		...WAIT_LABELS,
	});
	return await downloadAllInOne(this, client, i, {
		sessionId: p.sessionId,
		binaryPropertyName: p.binaryPropertyName,
		waitSeconds: p.options.waitWhileProcessing ? (p.options.maxWaitSeconds ?? 60) : undefined,
	});
}

/**
 * The all-in-one document of a finished session as one item, the file in `binaryPropertyName`. With `waitSeconds`,
 * reads the session first and waits (growing pauses) until EasyInk reports the document ready.
 */
export async function downloadAllInOne(
	ctx: IExecuteFunctions,
	client: EasyInkClient,
	i: number,
	o: { sessionId: string; binaryPropertyName: string; waitSeconds?: number },
): Promise<INodeExecutionData> {
	const json: IDataObject = { signingSessionId: o.sessionId };
	if (o.waitSeconds !== undefined) {
		const node = ctx.getNode();
		json.checks = await waitForOutput(node, client, o.sessionId, i, o.waitSeconds, 'the all-in-one document', (session) => {
			// "Only available after the session is finished": waiting for signatures is not what this option is for.
			if (session.status !== 'Finished')
				throw new NodeOperationError(node, `Session ${o.sessionId} is ${String(session.status)}: the all-in-one document exists once it is Finished`, {
					itemIndex: i,
					description: 'Download it after everyone has signed, e.g. from the EasyInk Trigger\'s "Session Finished" event.',
				});
			const allInOne = session.allInOneDocument as IDataObject | null | undefined;
			return allInOne ? String(allInOne.status ?? '') : undefined;
		});
	}
	const download = async () => await downloadFile(ctx, client, 'allInOneDocumentDownload', { id: o.sessionId }, i, o.binaryPropertyName, `${o.sessionId}-all-in-one.pdf`, json);
	return o.waitSeconds !== undefined ? await download() : await withHint(NOT_READY_HINT, download);
}
