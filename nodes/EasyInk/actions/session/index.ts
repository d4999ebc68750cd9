import type { INodeProperties } from 'n8n-workflow';

import * as createAndSend from './createAndSend.operation';
import * as exists from './exists.operation';
import * as get from './get.operation';
import * as getStatistics from './getStatistics.operation';
import * as search from './search.operation';
import * as start from './start.operation';
import * as voidOp from './void.operation';

export const operations = { createAndSend, start, get, exists, void: voidOp, search, getStatistics };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['session'] } },
		options: [
			{ name: 'Check Exists', value: 'exists', description: 'Check whether a signing session exists', action: 'Check whether a signing session exists' },
			{
				name: 'Create and Send',
				value: 'createAndSend',
				description: 'The usual way to send for signature: a session from files and participants, with signature fields, sent in one step',
				action: 'Create and send a signing session',
			},
			{ name: 'Get', value: 'get', description: 'Get a session with participants, status and signed documents', action: 'Get a signing session' },
			{ name: 'Get Many', value: 'search', description: 'List sessions, newest first, optionally by status', action: 'Get many signing sessions' },
			{ name: 'Get Statistics', value: 'getStatistics', description: 'Count your sessions by status', action: 'Get signing session statistics' },
			{ name: 'Start', value: 'start', description: 'Send a ready session to its participants', action: 'Start a signing session' },
			{ name: 'Void', value: 'void', description: 'Cancel a started session', action: 'Void a signing session' },
		],
		default: 'createAndSend',
	},
	...createAndSend.description,
	...start.description,
	...get.description,
	...exists.description,
	...voidOp.description,
	...search.description,
	...getStatistics.description,
];
