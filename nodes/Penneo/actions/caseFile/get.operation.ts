import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { PenneoClient } from '../../transport';
import { nameStatuses, PENNEO, safeOutput } from '../../transport';
import { caseFileId, caseFileIdField } from '../common';

const show = { resource: ['caseFile'], operation: ['get'] };

export const description: INodeProperties[] = [caseFileIdField(show, 'ID of the case file to get')];

const schema = z.object({ caseFileId });

export async function getCaseFile(client: PenneoClient, id: string, itemIndex?: number): Promise<IDataObject> {
	return await client.json<IDataObject>({ method: 'GET', url: PENNEO.paths.caseFile(id), itemIndex });
}

export async function execute(this: IExecuteFunctions, i: number, client: PenneoClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { caseFileId: '' }), i, { caseFileId: 'Case File ID' });
	return safeOutput(nameStatuses(await getCaseFile(client, p.caseFileId, i)));
}
