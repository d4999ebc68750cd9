import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { OperationResult } from '../../../shared/execute';
import { params } from '../../../shared/params';
import { validate } from '../../../shared/validation';
import type { OptimaiteClient } from '../../transport';
import { OPTIMAITE } from '../../transport';
import { caseIdField, id } from '../common';

export const description: INodeProperties[] = [caseIdField({ resource: ['case'], operation: ['get'] })];

const schema = z.object({ caseId: id('Case ID') });

export async function execute(this: IExecuteFunctions, i: number, client: OptimaiteClient): Promise<OperationResult> {
	const p = validate(this, schema, params(this, i, { caseId: '' }), i, { caseId: 'Case ID' });
	return await client.json({ method: 'GET', url: OPTIMAITE.paths.case(p.caseId), itemIndex: i, scope: 'cases:read' });
}
