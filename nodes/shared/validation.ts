import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

import { isSensitiveKey } from './redact';

/** Editor labels for parameter paths ("signers.email" → "Signers › Email"), used in error messages. */
export type Labels = Record<string, string>;

function humanize(key: string): string {
	const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
	return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** "signers.1.email" → "Signer Email (signer 2)" using the editor's labels. */
export function describePath(path: ReadonlyArray<string | number>, labels: Labels): string {
	const keys = path.filter((p): p is string => typeof p === 'string');
	const positions: string[] = [];
	path.forEach((p, idx) => {
		if (typeof p === 'number') {
			const owner = path[idx - 1];
			const ownerLabel = typeof owner === 'string' ? labels[owner] ?? humanize(owner) : 'Entry';
			positions.push(`${ownerLabel.replace(/s$/, '').toLowerCase()} ${p + 1}`);
		}
	});
	const full = keys.join('.');
	const label = labels[full] ?? (keys.length ? labels[keys[keys.length - 1]] ?? humanize(keys[keys.length - 1]) : 'Value');
	return positions.length ? `"${label}" (${positions.join(', ')})` : `"${label}"`;
}

function issueText(issue: z.ZodIssue): string {
	const last = [...issue.path].reverse().find((p) => typeof p === 'string');
	// Never echo what was typed into a sensitive field.
	if (typeof last === 'string' && isSensitiveKey(last)) {
		// Our own refinement messages never contain the value; zod's built-in ones may.
		if (issue.code === 'custom') return issue.message;
		return issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is required' : 'is not valid';
	}
	switch (issue.code) {
		case 'invalid_type':
			return issue.received === 'undefined' || issue.received === 'null'
				? 'is required'
				: `must be a ${issue.expected}, not a ${issue.received}`;
		case 'too_small':
			if (issue.type === 'string')
				return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
			if (issue.type === 'array') return `needs at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}`;
			return `must be at least ${issue.minimum}`;
		case 'too_big':
			if (issue.type === 'string') return `must be at most ${issue.maximum} characters`;
			if (issue.type === 'array') return `allows at most ${issue.maximum} entries`;
			return `must be at most ${issue.maximum}`;
		case 'invalid_enum_value':
			return `must be one of: ${issue.options.join(', ')}`;
		case 'invalid_string':
			if (issue.validation === 'email') return 'must be a valid email address';
			if (issue.validation === 'url') return 'must be a valid URL (https://…)';
			if (issue.validation === 'uuid') return 'must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)';
			return issue.message;
		default:
			return issue.message;
	}
}

/**
 * Validates node parameters before any request. A failure names the field (in the editor's words)
 * and the item, e.g. `Invalid "Signer Email" (signer 2): must be a valid email address [item 0]`.
 */
export function validate<S extends z.ZodTypeAny>(
	ctx: IExecuteFunctions | IPollFunctions,
	schema: S,
	input: unknown,
	itemIndex: number,
	labels: Labels = {},
): z.infer<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issues = result.error.issues;
	const lines = issues.map((issue) => `${describePath(issue.path, labels)} ${issueText(issue)}`);
	const first = issues[0];
	throw new NodeOperationError(ctx.getNode(), `Invalid ${lines[0]} [item ${itemIndex}]`, {
		itemIndex,
		description:
			lines.length > 1
				? `Fix these fields and run the node again:\n- ${lines.join('\n- ')}`
				: `Fix ${describePath(first.path, labels)} and run the node again.`,
	});
}

/** The last input and result per execution context and schema (see `validateRepeated`). */
const lastParse = new WeakMap<object, Map<z.ZodTypeAny, { input: unknown; data: unknown }>>();

/** Deep equality of parameter values (what JSON can hold), without building any string. */
function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
		return true;
	}
	if (Array.isArray(b)) return false;
	const ka = Object.keys(a);
	if (ka.length !== Object.keys(b).length) return false;
	for (const k of ka) if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
	return true;
}

/**
 * `validate` for parameters that usually repeat from item to item (rows typed in the editor, without expressions):
 * when an item's input equals the previous item's for the same schema in this execution, the earlier result is
 * returned instead of parsing again — the same answer, without zod's cost per field and item. The caller must not
 * change the input or the result.
 */
export function validateRepeated<S extends z.ZodTypeAny>(
	ctx: IExecuteFunctions | IPollFunctions,
	schema: S,
	input: unknown,
	itemIndex: number,
	labels: Labels = {},
): z.infer<S> {
	let perContext = lastParse.get(ctx);
	if (!perContext) lastParse.set(ctx, (perContext = new Map()));
	const last = perContext.get(schema);
	if (last && sameValue(last.input, input)) return last.data as z.infer<S>;
	const data = validate(ctx, schema, input, itemIndex, labels);
	perContext.set(schema, { input, data });
	return data;
}
