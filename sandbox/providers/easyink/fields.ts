/** Signature fields of a draft: add, update options, update placement, remove (with dependants). */
import { randomUUID } from 'node:crypto';

import { json, type Route } from '../../server';
import { ENUM, LIMIT, MESSAGE } from './docs';
import { draftLookups, findIn, noContent, processedOrFail } from './drafts';
import { body, check, isObject, isUuid, required, route, validation, type InnerError } from './http';
import { unknownKeys } from '../../strict';
import type { EasyInkField, EasyInkPlacement, EasyInkState } from './state';

const PLACEMENT_KEYS = ['page', 'positionX', 'positionY', 'sizeX', 'sizeY'] as const; // [C]
const FIELD_KEYS = ['type', 'placement', 'options', 'dependsOn'] as const; // type, placement, options [C]; dependsOn [C] named in "Removes a signature field"
const OPTION_KEYS = ['isRequired', 'forType'] as const; // [C] example

function checkPlacement(errors: InnerError[], p: unknown, pageCount?: number) {
	if (!isObject(p)) {
		errors.push(required('placement'));
		return;
	}
	for (const k of unknownKeys(p, PLACEMENT_KEYS)) errors.push({ code: 'UnknownField', message: `Unknown field: placement.${k}` });
	const num = (k: string) => (typeof p[k] === 'number' && Number.isFinite(p[k]) ? (p[k] as number) : undefined);
	const page = num('page');
	if (page === undefined) errors.push(required('page'));
	else if (!Number.isInteger(page) || page < 1) errors.push({ code: 'InvalidValue', message: 'Page number cannot be less than 1' });
	else if (pageCount !== undefined && page > pageCount) errors.push({ code: 'InvalidValue', message: `Page ${page} does not exist: the document has ${pageCount} page(s)` });
	const x = num('positionX');
	const y = num('positionY');
	const w = num('sizeX');
	const h = num('sizeY');
	if (x === undefined) errors.push(required('positionX'));
	else if (x < 0) errors.push({ code: 'InvalidValue', message: MESSAGE.positionX });
	if (y === undefined) errors.push(required('positionY'));
	else if (y < 0) errors.push({ code: 'InvalidValue', message: 'Position on Y-axis cannot be less than 0' });
	if (w === undefined) errors.push(required('sizeX'));
	else if (w < LIMIT.minSize) errors.push({ code: 'InvalidValue', message: 'Width (sizeX) cannot be less than 0.1' });
	if (h === undefined) errors.push(required('sizeY'));
	else if (h < LIMIT.minSize) errors.push({ code: 'InvalidValue', message: 'Height (sizeY) cannot be less than 0.1' });
}

const placementOf = (p: Record<string, unknown>): EasyInkPlacement => ({
	page: p.page as number,
	positionX: p.positionX as number,
	positionY: p.positionY as number,
	sizeX: p.sizeX as number,
	sizeY: p.sizeY as number,
});

export function fieldRoutes(state: EasyInkState): Route[] {
	const { editable } = draftLookups(state);
	return [
		route(state, 'fieldAdd', (req) => {
			const s = editable(req);
			const b = body(req, ['participantId', 'documentId', 'field']);
			const errors: InnerError[] = [];
			const { participantId, documentId, field } = b;
			if (!isUuid(documentId)) errors.push(documentId ? { code: 'InvalidFormat', message: "The 'documentId' field must be a UUID" } : required('documentId'));
			if (participantId !== undefined && participantId !== null && !isUuid(participantId)) errors.push({ code: 'InvalidFormat', message: "The 'participantId' field must be a UUID" });
			if (!isObject(field)) errors.push(required('field'));
			check(errors);
			const f = field as Record<string, unknown>;
			for (const k of unknownKeys(f, FIELD_KEYS)) errors.push({ code: 'UnknownField', message: `Unknown field: field.${k}` });
			const doc = findIn(s.documents, documentId as string, 'Document');
			if (participantId) findIn(s.participants, participantId as string, 'Participant');
			processedOrFail(doc, req.now);
			const type = f.type;
			if (typeof type !== 'string' || !(ENUM.fieldType as readonly string[]).includes(type))
				errors.push(type === undefined ? required('type') : { code: 'InvalidValue', message: `Signature field type '${String(type)}' is not supported` });
			checkPlacement(errors, f.placement, doc.pageCount);
			const options = isObject(f.options) ? f.options : undefined;
			if (options) for (const k of unknownKeys(options, OPTION_KEYS)) errors.push({ code: 'UnknownField', message: `Unknown field: field.options.${k}` });
			if (options && options.forType !== undefined && options.forType !== type) errors.push({ code: 'InvalidValue', message: 'Field options must target the field type' });
			if (f.dependsOn !== undefined && f.dependsOn !== null && !s.fields.some((x) => x.id === f.dependsOn))
				errors.push({ code: 'InvalidValue', message: `Signature field '${String(f.dependsOn)}' (dependsOn) not found` });
			check(errors);
			const created: EasyInkField = {
				id: randomUUID(),
				participantId: (participantId as string | null | undefined) ?? null,
				documentId: doc.id,
				type: type as string,
				placement: placementOf(f.placement as Record<string, unknown>),
				options: { isRequired: options?.isRequired === true, forType: type as string },
				dependsOn: (f.dependsOn as string | null | undefined) ?? null,
			};
			s.fields.push(created);
			return json(200, created.id); // [C] the new id as a JSON string
		}),
		route(state, 'fieldOptions', (req) => {
			const s = editable(req);
			const field = findIn(s.fields, req.params.signatureFieldId, 'Signature field');
			const b = body(req, OPTION_KEYS);
			if (b.forType !== undefined && b.forType !== field.type) return validation('Field options must target the field type');
			if (b.isRequired !== undefined && typeof b.isRequired !== 'boolean') return validation("The 'isRequired' field must be a boolean");
			field.options = { isRequired: b.isRequired === true, forType: field.type };
			return noContent;
		}),
		route(state, 'fieldPlacement', (req) => {
			const s = editable(req);
			const field = findIn(s.fields, req.params.signatureFieldId, 'Signature field');
			const b = body(req, PLACEMENT_KEYS);
			const errors: InnerError[] = [];
			checkPlacement(errors, b, s.documents.find((d) => d.id === field.documentId)?.pageCount);
			check(errors);
			field.placement = placementOf(b);
			return noContent;
		}),
		route(state, 'fieldRemove', (req) => {
			const s = editable(req);
			const field = findIn(s.fields, req.params.signatureFieldId, 'Signature field');
			const removed = [field.id];
			for (let i = 0; i < removed.length; i++) for (const f of s.fields) if (f.dependsOn === removed[i] && !removed.includes(f.id)) removed.push(f.id);
			s.fields = s.fields.filter((f) => !removed.includes(f.id));
			return json(200, removed); // [C] every removed id, dependants included
		}),
	];
}
