import type { INodeProperties } from 'n8n-workflow';

import * as getStatus from './getStatus.operation';

export const operations = { getStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Check a case file creation job; when completed it gives the case file ID and signing links',
				action: 'Get the status of a creation job',
			},
		],
		default: 'getStatus',
	},
	...getStatus.description,
];
