/** A tiny HTTP client for the EasyInk emulator tests: the sandbox is started in-process, requests go over real HTTP. */
import { makePdf } from '../../sandbox/server';
import { emulatorState, Sandbox, startSandbox } from '../../sandbox/index';
import { EASYINK_SANDBOX_TOKENS, type EasyInkState } from '../../sandbox/providers/easyink';
import { EASYINK_PATHS, EASYINK_SANDBOX_PREFIXES } from '../../nodes/EasyInk/transport/paths';

export { EASYINK_PATHS as P };

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
		/** A draft with one PDF document, the given participants (each with one signature field), ready to convert. */
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
		const id = (await ctx.api('POST', EASYINK_PATHS.drafts(), { subject: 'Employment Agreement - John Smith' })).body as string;
		const documentId = (await ctx.api('POST', EASYINK_PATHS.draftDocuments(id), pdfForm(makePdf('Contract'), 'Employment Contract.pdf'))).body as string;
		const participantIds: string[] = [];
		for (const p of people) {
			const r = await ctx.api('POST', EASYINK_PATHS.draftParticipants(id), p);
			expect(r.status).toBe(200);
			participantIds.push(r.body);
			const f = await ctx.api('POST', EASYINK_PATHS.draftSignatureFields(id), signatureField(r.body, documentId));
			expect(f.status).toBe(200);
		}
		return { id, documentId, participantIds };
	};
	ctx.start = async (id) => {
		expect((await ctx.api('POST', EASYINK_PATHS.draftConvert(id))).status).toBe(204);
		expect((await ctx.api('POST', EASYINK_PATHS.sessionStart(id))).status).toBe(204);
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
