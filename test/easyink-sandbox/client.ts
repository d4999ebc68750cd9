/**
 * A tiny HTTP client for the EasyInk emulator tests: the sandbox is started in-process, requests go over real HTTP.
 * Paths come from the emulator's own reading of the documents (never from the node's path table).
 */
import { makePdf } from '../../sandbox/server';
import { emulatorState, Sandbox, startSandbox } from '../../sandbox/index';
import { EASYINK_SANDBOX_PREFIXES, EASYINK_SANDBOX_ROUTES as R, EASYINK_SANDBOX_TOKENS, type EasyInkState } from '../../sandbox/providers/easyink';

const fill = (pattern: string, params: Record<string, string>) => pattern.replace(/:([A-Za-z]+)/g, (_, k: string) => encodeURIComponent(params[k]));

/** The emulator's paths, by what they do. */
export const P = {
	drafts: () => R.draftCreate.path,
	draft: (id: string) => fill(R.draftGet.path, { id }),
	draftConvert: (id: string) => fill(R.draftConvert.path, { id }),
	draftDocuments: (id: string) => fill(R.documentUpload.path, { id }),
	draftDocument: (id: string, documentId: string) => fill(R.documentDownload.path, { id, documentId }),
	draftAttachments: (id: string) => fill(R.attachmentUpload.path, { id }),
	draftAttachment: (id: string, attachmentId: string) => fill(R.attachmentDownload.path, { id, attachmentId }),
	draftParticipants: (id: string) => fill(R.participantAdd.path, { id }),
	draftParticipantMe: (id: string) => fill(R.participantAddMe.path, { id }),
	draftParticipant: (id: string, participantId: string) => fill(R.participantUpdate.path, { id, participantId }),
	oneByOne: (id: string) => fill(R.orderOneByOne.path, { id }),
	allAtOnce: (id: string) => fill(R.orderAllAtOnce.path, { id }),
	draftSignatureFields: (id: string) => fill(R.fieldAdd.path, { id }),
	draftSignatureField: (id: string, signatureFieldId: string) => fill(R.fieldRemove.path, { id, signatureFieldId }),
	draftSignatureFieldOptions: (id: string, signatureFieldId: string) => fill(R.fieldOptions.path, { id, signatureFieldId }),
	draftSignatureFieldPlacement: (id: string, signatureFieldId: string) => fill(R.fieldPlacement.path, { id, signatureFieldId }),
	sessions: () => R.search.path,
	sessionStatistics: () => R.statistics.path,
	session: (id: string) => fill(R.sessionGet.path, { id }),
	sessionStart: (id: string) => fill(R.sessionStart.path, { id }),
	sessionVoid: (id: string) => fill(R.sessionVoid.path, { id }),
	sessionDuplicate: (id: string) => fill(R.sessionDuplicate.path, { id }),
	sessionRecreate: (id: string) => fill(R.sessionRecreate.path, { id }),
	sessionParticipant: (id: string, participantId: string) => fill(R.sessionParticipant.path, { id, participantId }),
	sessionDocument: (id: string, documentId: string) => fill(R.sessionDocument.path, { id, documentId }),
	sessionAttachment: (id: string, attachmentId: string) => fill(R.sessionAttachment.path, { id, attachmentId }),
	sessionSignedDocument: (id: string, documentId: string) => fill(R.signedDocument.path, { id, documentId }),
	sessionAllInOneDocument: (id: string) => fill(R.allInOne.path, { id }),
};

export interface Res {
	status: number;
	headers: Headers;
	body: any;
	bytes: Buffer;
}

export function useEasyInk() {
	const ctx = {} as {
		sandbox: Sandbox;
		state: EasyInkState;
		token: string;
		/** API call (JSON body unless FormData is given). */
		api(method: string, path: string, body?: unknown, token?: string | null): Promise<Res>;
		identity(method: string, path: string, init?: RequestInit): Promise<Res>;
		control(path: string, body?: unknown): Promise<Res>;
		/** A draft with one PDF document (processed at once), the given participants (each with one signature field), ready to convert. */
		draftWith(people: Array<Record<string, unknown>>): Promise<{ id: string; documentId: string; participantIds: string[] }>;
		/** Converts and starts a draft. */
		start(id: string): Promise<void>;
	};
	beforeAll(async () => {
		ctx.sandbox = await startSandbox(0);
		ctx.state = emulatorState<EasyInkState>(ctx.sandbox, EASYINK_SANDBOX_PREFIXES.api);
	});
	afterAll(async () => ctx.sandbox?.stop());
	beforeEach(() => {
		ctx.sandbox.reset();
		ctx.token = EASYINK_SANDBOX_TOKENS.accessToken;
	});

	const read = async (r: Response): Promise<Res> => {
		const bytes = Buffer.from(await r.arrayBuffer());
		let body: unknown = bytes.toString('utf8');
		if ((r.headers.get('content-type') ?? '').includes('json') && bytes.length) body = JSON.parse(bytes.toString('utf8'));
		return { status: r.status, headers: r.headers, body, bytes };
	};

	ctx.api = async (method, path, body, token) => {
		const headers: Record<string, string> = {};
		const tok = token === undefined ? ctx.token : token;
		if (tok) headers.authorization = `Bearer ${tok}`;
		let payload: FormData | string | undefined;
		if (body instanceof FormData) payload = body;
		else if (body !== undefined) {
			headers['content-type'] = 'application/json';
			payload = JSON.stringify(body);
		}
		return read(await fetch(`${ctx.sandbox.url(EASYINK_SANDBOX_PREFIXES.api)}${path}`, { method, headers, body: payload }));
	};
	ctx.identity = async (method, path, init = {}) =>
		read(await fetch(`${ctx.sandbox.url(EASYINK_SANDBOX_PREFIXES.identity)}${path}`, { method, redirect: 'manual', ...init }));
	ctx.control = async (path, body) =>
		read(
			await fetch(`${ctx.sandbox.origin}/_control/${EASYINK_SANDBOX_PREFIXES.api}${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body ?? {}),
			}),
		);
	ctx.draftWith = async (people) => {
		const id = (await ctx.api('POST', P.drafts(), { subject: 'Employment Agreement - John Smith' })).body as string;
		const documentId = (await ctx.api('POST', P.draftDocuments(id), pdfForm(makePdf('Contract'), 'Employment Contract.pdf'))).body as string;
		expect((await ctx.control(`/sessions/${id}/ready`)).status).toBe(200);
		const participantIds: string[] = [];
		for (const p of people) {
			const r = await ctx.api('POST', P.draftParticipants(id), p);
			expect(r.status).toBe(200);
			participantIds.push(r.body);
			const f = await ctx.api('POST', P.draftSignatureFields(id), signatureField(r.body, documentId));
			expect(f.status).toBe(200);
		}
		return { id, documentId, participantIds };
	};
	ctx.start = async (id) => {
		expect((await ctx.api('POST', P.draftConvert(id))).status).toBe(204);
		expect((await ctx.api('POST', P.sessionStart(id))).status).toBe(204);
	};
	return ctx;
}

export function pdfForm(content: Buffer, fileName: string, type = 'application/pdf', field = 'fileContent'): FormData {
	const form = new FormData();
	form.append(field, new Blob([content], { type }), fileName);
	return form;
}

export const john = { firstName: 'John', lastName: 'Smith', email: 'john.smith@example.com', deliveryMethods: ['Email'], language: 'English' };
export const maria = { firstName: 'Maria', lastName: 'Lopez', phone: '2025551234', deliveryMethods: ['Sms'], language: 'Spanish' };

export function signatureField(participantId: string, documentId: string, placement: Record<string, unknown> = {}) {
	return {
		participantId,
		documentId,
		field: {
			type: 'Signature',
			placement: { page: 1, positionX: 100, positionY: 200, sizeX: 200, sizeY: 50, ...placement },
			options: { isRequired: true, forType: 'Signature' },
		},
	};
}
