import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { redact, scrubError, secretsOf } from './redact';

export type OperationResult = IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[] | undefined;

/** One operation of a node: runs for one item and returns what that item produces. */
export type OperationHandler<C> = (this: IExecuteFunctions, itemIndex: number, client: C) => Promise<OperationResult>;

/**
 * Partial results an operation wants the user to see when it fails midway
 * (e.g. the id of a draft it created before the failing step).
 */
export function attachLeftBehind(error: unknown, leftBehind: IDataObject): unknown {
	if (error && typeof error === 'object') {
		const e = error as { context?: IDataObject; description?: string | null };
		e.context = { ...(e.context ?? {}), leftBehind };
	}
	return error;
}

function isExecutionData(value: unknown): value is INodeExecutionData {
	return !!value && typeof value === 'object' && 'json' in value && typeof (value as INodeExecutionData).json === 'object';
}

function toItems(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	if (result === undefined) return [];
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const item = isExecutionData(entry) ? entry : { json: entry as IDataObject };
		return { ...item, pairedItem: { item: itemIndex } };
	});
}

/**
 * The item loop every action node shares: one operation per item, output paired to its input,
 * and with "Continue On Fail" an error item (with anything left behind) while the other items still run.
 */
export async function runForEachItem<C>(
	ctx: IExecuteFunctions,
	handler: OperationHandler<C>,
	client: C,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			out.push(...toItems(await handler.call(ctx, i, client), i));
		} catch (error) {
			const e = error as Error & { context?: IDataObject; description?: string; httpCode?: string };
			// Whatever path the error took, the secrets the transport saw in this run never leave with it.
			const secrets = secretsOf(ctx);
			scrubError(e, secrets);
			if (ctx.continueOnFail()) {
				const json: IDataObject = { error: e.message };
				if (e.description) json.description = e.description;
				if (e.httpCode) json.httpCode = e.httpCode;
				if (e.context?.leftBehind) Object.assign(json, redact(e.context.leftBehind as IDataObject, secrets));
				out.push({ json, pairedItem: { item: i } });
				continue;
			}
			if (e instanceof NodeOperationError || (e as { node?: unknown }).node) {
				if (e.context && e.context.itemIndex === undefined) e.context.itemIndex = i;
				throw e;
			}
			throw new NodeOperationError(ctx.getNode(), e, { itemIndex: i });
		}
	}
	return [out];
}
