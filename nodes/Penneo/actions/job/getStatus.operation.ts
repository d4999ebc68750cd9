import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { PenneoClient } from '../../transport';
import { checkJob, jobRef } from '../common';

const show = { resource: ['job'], operation: ['getStatus'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Job UUID',
		name: 'uuid',
		type: 'string',
		default: '',
		required: true,
		placeholder: '3f1c2a9b-8e4c-4d6a-b5f4-3e2d1c0b9a87',
		description: 'UUID of the creation job (returned by Case File → Create)',
		displayOptions: { show },
	},
	{
		displayName: 'Payload Hash',
		name: 'payloadHash',
		type: 'string',
		default: '',
		required: true,
		description: 'Payload hash of the creation job (returned together with the UUID)',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: PenneoClient): Promise<OperationResult> {
	const p = validate(this, jobRef, params(this, i, { uuid: '', payloadHash: '' }), i, { uuid: 'Job UUID', payloadHash: 'Payload Hash' });
	return await checkJob(client, p, i);
}
