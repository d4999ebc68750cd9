import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationResult } from '../../../shared/execute';
import type { EasyInkClient } from '../../transport';
import { callJson } from '../../transport';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number, client: EasyInkClient): Promise<OperationResult> {
	return await callJson<IDataObject>(client, 'sessionStatistics', {}, { itemIndex: i });
}
