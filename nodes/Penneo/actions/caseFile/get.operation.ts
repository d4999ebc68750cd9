import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { PenneoClient } from '../../transport';
import { nameStatuses, PENNEO, safeOutput } from '../../transport';
import { caseFileId, caseFileLabel, caseFileLocator } from '../common';
import { penneoSimplifyField, simplifyCaseFile, wantsSimplify } from '../simplify';

const show = { resource: ['caseFile'], operation: ['get'] };

export const description: INodeProperties[] = [...caseFileLocator(show, 'The case file to get'), penneoSimplifyField(show)];

const schema = z.object({ caseFileId });

/** `GET /api/v1/casefiles/{id}` [C: Postman request 4]: Penneo's answer as it is. */
export async function getCaseFile(client: PenneoClient, id: string, itemIndex?: number): Promise<IDataObject> {
	return await client.json<IDataObject>({ method: 'GET', url: PENNEO.paths.caseFile(id), itemIndex });
}

export async function execute(this: IExecuteFunctions, i: number, client: PenneoClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { caseFileId: '' }), i, { caseFileId: caseFileLabel(this) });
	const named = safeOutput(nameStatuses(await getCaseFile(client, p.caseFileId, i)));
	return wantsSimplify(this, i) ? simplifyCaseFile(named) : named;
}
