import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { NextSignClient } from '../../transport';
import { NEXTSIGN } from '../../transport';
import { caseLabel, caseLocator, id, safeOutput } from '../common';
import { simplifyCase, simplifyToggle, wantsSimplify } from '../simplify';

const show = { resource: ['case'], operation: ['get'] };

export const description: INodeProperties[] = [...caseLocator(show, 'The case to get'), simplifyToggle(show)];

const schema = z.object({ caseId: id('Case ID') });

/** `GET case/{id}/get` → the case object (recipients, state, documents, signedDocuments). */
export async function getCase(client: NextSignClient, caseId: string, itemIndex?: number): Promise<IDataObject> {
	const body = await client.cases.json<IDataObject>({ method: 'GET', url: NEXTSIGN.cases.get(client.company, caseId), itemIndex, expect: `status:${NEXTSIGN.success.get};field:case` });
	return body.case as IDataObject;
}

export async function execute(this: IExecuteFunctions, i: number, client: NextSignClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { caseId: '' }), i, { caseId: caseLabel(this) });
	const c = safeOutput(await getCase(client, p.caseId, i));
	return wantsSimplify(this, i) ? simplifyCase(c) : c;
}
