/** Drafts: create, get, update, delete, exists, convert; their documents and attachments; the signing order. */
import { json, type Route, type SandboxRequest, type SandboxResponse } from '../../server';
import { ENUM, MESSAGE } from './docs';
import { body, check, checkEnum, checkSubject, fail, fieldErrors, isUuid, notFound, required, route, validation, type InnerError } from './http';
import type { EasyInkFile, EasyInkSession, EasyInkState } from './state';
import { canBeDeleted, draftView } from './views';

export const noContent: SandboxResponse = { status: 204 }; // [G] the documents show no success body for updates

const contentDisposition = (name: string) => `attachment; filename="${name.replace(/["\\\r\n]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
export const pdfResponse = (name: string, content: Buffer): SandboxResponse => ({
	status: 200,
	headers: { 'content-type': 'application/pdf', 'content-disposition': contentDisposition(name) }, // [C] Content-Disposition example
	body: content,
});

/** A stored file as a download: refused while processing [C], or when processing failed [G]. */
export function download(f: EasyInkFile, now: number): SandboxResponse {
	if (f.failed) return validation('The document could not be processed');
	if (f.readyAt > now) return validation(MESSAGE.processing);
	return pdfResponse(`${f.fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.pdf`, f.pdf);
}

export function findIn<T extends { id: string }>(list: T[], id: string, what: string): T {
	const item = list.find((x) => x.id === id);
	if (!item) fail(validation(`${what} '${id}' not found`)); // [C] shape of "Document '…' not found"
	return item!;
}

/** Lookups shared by the draft resources. */
export function draftLookups(state: EasyInkState) {
	const any = (req: SandboxRequest): EasyInkSession => {
		const s = state.sessions.get(req.params.id);
		if (!s) fail(notFound(MESSAGE.draftNotFound));
		return s!;
	};
	/** Not started yet (Draft or ReadyToStart): what GET/HEAD of a draft can see. */
	const visible = (req: SandboxRequest) => {
		const s = any(req);
		if (s.status !== 'Draft' && s.status !== 'ReadyToStart') fail(notFound(MESSAGE.draftNotFound));
		return s;
	};
	/** A draft that may still be changed. */
	const editable = (req: SandboxRequest) => {
		const s = any(req);
		if (s.status !== 'Draft') fail(validation(MESSAGE.draftNotEditable));
		return s;
	};
	return { any, visible, editable };
}

export function draftRoutes(state: EasyInkState): Route[] {
	const { any, visible, editable } = draftLookups(state);

	const upload = (req: SandboxRequest, list: (s: EasyInkSession) => EasyInkFile[]) => {
		const s = editable(req);
		if (!req.parts) return validation('The request must be multipart/form-data with a fileContent part');
		const extra = req.parts.filter((p) => p.name !== 'fileContent').map((p) => p.name);
		if (extra.length) return validation(`Unknown form field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}`); // strict
		const file = req.parts.find((p) => p.name === 'fileContent');
		if (!file || file.filename === undefined) return fieldErrors([required('fileContent')])!;
		if (!file.data.length) return validation('The uploaded file is empty');
		if (file.data.length > state.settings.maxFileBytes) return validation(`The file exceeds the maximum size of ${state.settings.maxFileBytes} bytes`);
		const type = (file.contentType ?? '').toLowerCase();
		const name = file.filename || 'document';
		const isPdf = type === 'application/pdf' || /\.pdf$/i.test(name);
		const isWord = type === 'application/msword' || type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' || /\.docx?$/i.test(name);
		if (!isPdf && !isWord) return validation(`Unsupported file format '${type || name}'. Upload a PDF or Word document`); // [C] "PDF or Word"
		if (isPdf && file.data.subarray(0, 5).toString('latin1') !== '%PDF-') return validation('The file is not a valid PDF document');
		const stored = state.storeFile(name, isPdf ? 'application/pdf' : type || 'application/msword', file.data, req.now);
		list(s).push(stored);
		return json(200, stored.id); // [C] answers the new id as a JSON string
	};

	return [
		route(state, 'draftCreate', (req) => {
			// [C] subject; the reference also names an optional object about the creating user whose name and fields were
			// lost from the captured page — the strict reader takes only `subject`.
			const b = body(req, ['subject'], { optional: true });
			const errors: InnerError[] = [];
			checkSubject(errors, b);
			check(errors);
			return json(200, state.newSession((b.subject as string | null | undefined) ?? null, req.now).id);
		}),
		route(state, 'draftGet', (req) => json(200, draftView(visible(req), req.now, state.settings))),
		route(state, 'draftExists', (req) => {
			const s = state.sessions.get(req.params.id);
			return { status: s && (s.status === 'Draft' || s.status === 'ReadyToStart') ? 200 : 404 };
		}),
		route(state, 'draftUpdate', (req) => {
			const s = editable(req);
			const b = body(req, ['subject', 'reminderFrequency']);
			const errors: InnerError[] = [];
			checkSubject(errors, b);
			checkEnum(errors, 'reminderFrequency', b.reminderFrequency, ENUM.reminderFrequency);
			check(errors);
			if ('subject' in b) s.subject = (b.subject as string | null) ?? null;
			if ('reminderFrequency' in b) s.reminderFrequency = (b.reminderFrequency as EasyInkSession['reminderFrequency']) ?? null;
			return noContent;
		}),
		route(state, 'draftDelete', (req) => {
			const s = any(req);
			if (!canBeDeleted(s)) return validation(MESSAGE.draftLocked);
			state.sessions.delete(s.id);
			return noContent;
		}),
		route(state, 'draftConvert', (req) => {
			body(req, []);
			const s = editable(req);
			const problems = state.configurationProblems(s, req.now);
			if (problems.length) return validation(MESSAGE.convertInvalid, problems);
			s.status = 'ReadyToStart';
			return noContent;
		}),
		// ── documents and attachments ──
		route(state, 'documentUpload', (req) => upload(req, (s) => s.documents)),
		route(state, 'documentDownload', (req) => download(findIn(visible(req).documents, req.params.documentId, 'Document'), req.now)),
		route(state, 'documentRemove', (req) => {
			const s = editable(req);
			const doc = findIn(s.documents, req.params.documentId, 'Document');
			s.documents = s.documents.filter((d) => d !== doc);
			s.fields = s.fields.filter((f) => f.documentId !== doc.id); // [C] cascade: its signature fields
			return noContent;
		}),
		route(state, 'attachmentUpload', (req) => upload(req, (s) => s.attachments)),
		route(state, 'attachmentDownload', (req) => download(findIn(visible(req).attachments, req.params.attachmentId, 'Attachment'), req.now)),
		route(state, 'attachmentRemove', (req) => {
			const s = editable(req);
			const a = findIn(s.attachments, req.params.attachmentId, 'Attachment');
			s.attachments = s.attachments.filter((x) => x !== a);
			return noContent;
		}),
		// ── signing order: "only while the session is in Draft status" [C] ──
		route(state, 'orderOneByOne', (req) => {
			const s = any(req);
			if (s.status !== 'Draft') return validation(MESSAGE.orderOnlyDraft);
			const order = body(req, ['participantsOrder']).participantsOrder;
			if (order === undefined || order === null) return fieldErrors([required('participantsOrder')])!;
			if (!Array.isArray(order) || order.length === 0) return validation("The 'participantsOrder' field cannot be empty"); // [C] non-empty
			const seen = new Set<string>();
			for (const id of order) {
				if (!isUuid(id)) return validation(`'${String(id)}' is not a valid participant id: a UUID is expected`);
				if (!s.participants.some((p) => p.id === id)) return validation(`Participant '${id}' is not part of this signing session`);
				if (seen.has(id)) return validation(`Participant '${id}' appears more than once in the signing order`);
				seen.add(id);
			}
			const missing = s.participants.filter((p) => !seen.has(p.id)).map((p) => p.id);
			if (missing.length) return validation(`${MESSAGE.orderMissing}${missing.join(', ')}`); // [C] "must include every participant"
			s.signingOrder = { type: 'OneByOne', participantsOrder: [...(order as string[])] };
			return noContent;
		}),
		route(state, 'orderAllAtOnce', (req) => {
			const s = any(req);
			if (s.status !== 'Draft') return validation(MESSAGE.orderOnlyDraft);
			body(req, []); // [C] "This request does not require a body"
			s.signingOrder = { type: 'AllAtOnce', participantsOrder: null };
			return noContent;
		}),
	];
}

/** Whether a stored document is ready for placing fields (its pages are known). */
export function processedOrFail(doc: EasyInkFile, now: number) {
	if (doc.failed) fail(validation('The document could not be processed'));
	if (doc.readyAt > now) fail(validation(MESSAGE.processing)); // [G] fields need the processed pages
}
