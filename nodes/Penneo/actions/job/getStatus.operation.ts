import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { PenneoClient } from '../../transport';
import { checkJob, jobRef } from '../common';
import { penneoSimplifyField, simplifyJob, wantsSimplify } from '../simplify';

const show = { resource: ['job'], operation: ['getStatus'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Job UUID',
		name: 'uuid',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 3f1c2a9b-8e4c-4d6a-b5f4-3e2d1c0b9a87',
		description:
			'Comes from the output of Case File → Create and Send: its "uuid" field (with "Wait for Completion" off, or in the error when waiting timed out). Drag it here from the input panel.',
		displayOptions: { show },
	},
	{
		displayName: 'Payload Hash',
		name: 'payloadHash',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 9b74c9897bac770ffc029102a200c5de',
		description:
			'Comes from the output of Case File → Create and Send: its "payloadHash" field, next to the UUID (with "Wait for Completion" off, or in the error when waiting timed out). Penneo asks for both. Drag it here from the input panel.',
		displayOptions: { show },
	},
	penneoSimplifyField(show),
];

export async function execute(this: IExecuteFunctions, i: number, client: PenneoClient): Promise<OperationResult> {
	const p = validate(this, jobRef, params(this, i, { uuid: '', payloadHash: '' }), i, { uuid: 'Job UUID', payloadHash: 'Payload Hash' });
	const job = await checkJob(client, p, i);
	return wantsSimplify(this, i) ? simplifyJob(job) : job;
}
