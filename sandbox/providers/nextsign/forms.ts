/**
 * Forms on the v2 case host: get, tags, submit (PUBLIC-DOCS.md §4 Forms; docs.nextsign.dk/docs/forms-get,
 * /docs/forms-tags, /docs/forms-submit). Their documented errors are bodies only; the emulator answers them inside
 * HTTP 200, as /docs/versioning warns older v2 endpoints may.
 */
import { json, makePdf, newId, type Route, type SandboxRequest, type SandboxResponse } from '../../server';
import { buildCase, checkRecipients } from './case-create';
import { authorize, inside200, refuse, strictBody, strictQuery, strictTypes } from './http';
import type { NextSignForm, NextSignState, Obj } from './state';

const SUBMIT_FIELDS = ['title', 'customMessage', 'message', 'user_name', 'user_email', 'state', 'signingSchemas', 'settings', 'folder', 'tags', 'recipients'];
/** The tag entries of the submit example. */
const TAG_FIELDS = ['tag', 'value', 'type'];

const formNotFound = () => inside200({ errors: [{ code: 400, message: 'Bad Request', description: 'Form not found' }] });

function formOf(state: NextSignState, req: SandboxRequest): NextSignForm | undefined {
	const form = state.forms.get(req.params.formId);
	return form && form.companyId === req.params.company ? form : undefined;
}

/** The form as the forms-get example shows it (tag definitions without the emulator's `required`). */
function publicForm(form: NextSignForm): Obj {
	return { ...form, tags: form.tags.map(({ required: _r, ...tag }) => (void _r, tag)) };
}

function submit(state: NextSignState, req: SandboxRequest, form: NextSignForm): SandboxResponse {
	const body = req.json as Obj | undefined;
	const strict =
		strictBody(body, SUBMIT_FIELDS) ??
		strictTypes(body as Obj, { title: 'string', customMessage: 'boolean', message: 'string', user_name: 'string', user_email: 'string', state: 'string', signingSchemas: 'array', settings: 'object', folder: 'string', tags: 'array', recipients: 'array' });
	if (strict) return strict;
	const b = body as Obj;
	// "Case state such as open": the only state the docs name.
	if (b.state !== undefined && b.state !== 'open') return refuse(`state: unknown value ${String(b.state)} (documented: open)`);
	if (!Array.isArray(b.tags)) return inside200({ errors: [{ message: 'Missing tags' }], notices: [] });
	const problems: string[] = [];
	for (const [i, t] of (b.tags as Obj[]).entries()) {
		const bad = strictBody(t, TAG_FIELDS, `tags[${i}]`);
		if (bad) return bad;
		const known = form.tags.find((f) => f.tag === t.tag);
		if (!known) return refuse(`tags[${i}]: unknown tag ${String(t.tag)}`);
		if (t.type !== undefined && t.type !== known.type) return refuse(`tags[${i}].type: ${String(t.type)}, but the form's tag is ${known.type}`);
		// The submit example sends a number tag's value as a JSON number (4500).
		if (known.type === 'number' && typeof t.value !== 'number') problems.push(`Tag ${known.tag}: value must be a number`);
		if (known.type !== 'number' && t.value !== undefined && typeof t.value !== 'string') problems.push(`Tag ${known.tag}: value must be text`);
	}
	const missing = form.tags.filter((f) => f.required && !(b.tags as Obj[]).some((t) => t.tag === f.tag && t.value !== '' && t.value !== undefined));
	if (missing.length) problems.push(...missing.map((f) => `Missing required tag: ${f.tag}`));
	const recipients = checkRecipients(b.recipients);
	if (!Array.isArray(recipients)) return recipients;
	problems.push(...recipients);
	if (problems.length) return inside200({ errors: problems.map((message) => ({ message })), notices: [] });

	const text = (b.tags as Obj[]).map((t) => `${String(t.tag)}=${String(t.value)}`).join(' ');
	const documents = form.documents.map((d) => {
		const stored = state.store(req.params.company, 'case', d.name, 'application/pdf', makePdf(`${form.title} ${text}`), req.now);
		return { name: d.name, file: state.presign(stored.path, req.now), document_id: state.storedUrl(stored.path), signObligated: true, documentMustBeRead: false, signatories: [], _id: newId('d') };
	});
	// A submitted form is sent (the docs show no autoSend for forms) [G].
	const c = buildCase(req, { ...b, title: b.title ?? form.title, folder: b.folder ?? form.folder, settings: b.settings ?? form.settings, autoSend: true }, documents);
	c.tags = b.tags;
	c.source = { type: 'form', form: form._id };
	state.cases.set(String(c._id), c);
	// "Contract crea…" (the example answer is cut there) [G: the rest]; `contract.recipients[].redirectUrl` is documented.
	return json(200, { status: 'OK', message: 'Contract created', contract: c });
}

export function formRoutes(state: NextSignState): Route[] {
	const withForm = (handler: (req: SandboxRequest, form: NextSignForm) => SandboxResponse) => (req: SandboxRequest) => {
		const denied = authorize(state, req);
		if (denied) return denied;
		const form = formOf(state, req);
		return form ? handler(req, form) : formNotFound();
	};
	return [
		{
			method: 'GET',
			pattern: '/api/v2/:company/forms/:formId/get',
			source: 'PUBLIC-DOCS.md §4 Forms (https://docs.nextsign.dk/docs/forms-get): the bare form object',
			handler: withForm((req, form) => strictQuery(req, []) ?? json(200, publicForm(form))),
		},
		{
			method: 'GET',
			pattern: '/api/v2/:company/forms/:formId/tags/get',
			source: 'REFERENCE.md NextSign "bare array" (https://docs.nextsign.dk/docs/forms-tags): [{name, tag, value, type, _id}]',
			handler: withForm((req, form) => strictQuery(req, []) ?? json(200, (publicForm(form).tags as Obj[]))),
		},
		{
			method: 'POST',
			pattern: '/api/v2/:company/forms/:formId/submit',
			source: 'REFERENCE.md NextSign forms submit fields (https://docs.nextsign.dk/docs/forms-submit); validation errors inside HTTP 200 per /docs/versioning',
			handler: withForm((req, form) => submit(state, req, form)),
		},
	];
}
