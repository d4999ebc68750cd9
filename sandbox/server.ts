/**
 * The provider sandbox: local emulators of the five e-signature APIs in one HTTP server.
 * Each provider lives under its own route prefix (`/optimaite/...`, `/penneo/...`), with in-memory
 * state, the documented validation and error bodies, and authentication that rejects wrong credentials.
 * `/_control/...` lets tests and the main job act as a signer, inject faults and read recorded requests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { parseMultipart, type MultipartPart } from './multipart';

export interface SandboxRequest {
	method: string;
	/** Path below the provider prefix, without the query string. */
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	raw: Buffer;
	/** Parsed JSON body, when the body is JSON. */
	json?: unknown;
	/** Parsed form (urlencoded) body. */
	form?: URLSearchParams;
	/** Multipart parts, when the body is multipart/form-data. */
	parts?: MultipartPart[];
	params: Record<string, string>;
	/** The sandbox's clock (ms), including any skew set through the control API. */
	now: number;
	/** This server's base URL (http://127.0.0.1:port). */
	origin: string;
}

export interface SandboxResponse {
	status: number;
	headers?: Record<string, string>;
	json?: unknown;
	body?: Buffer | string;
}

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
	method: string;
	/** Path pattern below the prefix, with `:name` parameters, e.g. `/api/v1/cases/:caseId`. */
	pattern: string;
	/**
	 * Where this route comes from, in one line: the provider document and section, or a public URL
	 * (`PUBLIC-DOCS.md §2`, `signicat-sign-api-v2.txt "Create signing session"`, `https://docs.nextsign.dk/docs/cases`).
	 * A route that follows a guess says `[G]` (and why). Every provider route must have one
	 * (test/sandbox-rules.ts checks it); control routes are the sandbox's own and need none.
	 */
	source?: string;
	handler: Handler;
}

/** One emulated provider: a route prefix, its routes, its signer actions, and a reset. */
export interface ProviderEmulator {
	/** Route prefix without slashes: `optimaite`. Several prefixes may share one emulator (API + token host). */
	prefixes: string[];
	routes: Route[];
	/** Signer/time actions under `/_control/<prefix>/...` (sign, decline, expire…). */
	control?: Route[];
	reset(): void;
}

export interface RecordedRequest {
	prefix: string;
	method: string;
	path: string;
	/** Query parameters; a repeated parameter keeps its last value (see `search` for all of them). */
	query: Record<string, string>;
	/** The query string as sent (`?a=1&a=2`, or '' when there is none). */
	search: string;
	headers: http.IncomingHttpHeaders;
	/** JSON body, text body, or multipart parts (file contents replaced by their size). */
	body?: unknown;
	parts?: Array<{ name: string; filename?: string; contentType?: string; size: number; value?: string }>;
	size: number;
	status?: number;
}

export interface Fault {
	prefix?: string;
	method?: string;
	/** Substring or /regex/ matched against the path below the prefix. */
	path?: string;
	/** Answer with this status (e.g. 429, 503) instead of handling the request. */
	status?: number;
	retryAfter?: string;
	/**
	 * Body of the fault's answer. `$header:<name>` in any string is replaced by that request header's value
	 * (a provider echoing the credential it was sent, e.g. `"Invalid token $header:authorization"`).
	 */
	body?: unknown;
	/** Delay before answering (ms). */
	delayMs?: number;
	/** Cut the connection after sending part of the real response body. */
	cut?: boolean;
	/** Answer 200 with a body that is not JSON. */
	malformed?: boolean;
	/** Answer with a redirect to this URL (absolute, or a path on the sandbox): `status` defaults to 302. */
	redirect?: string;
	/**
	 * Answer `status` (or the redirect) as soon as the request's headers arrive, before its body is read — as a
	 * server that refuses an upload part-way (an expired token) — then read and discard the rest of the body.
	 */
	beforeBody?: boolean;
	/** Answer 200 with a valid JSON body of (at least) this many bytes. */
	oversizedBytes?: number;
	/** With `oversizedBytes`: no Content-Length (a chunked answer, its size known only once read). */
	chunked?: boolean;
	/** How many requests it applies to (default 1). */
	times?: number;
}

interface CompiledRoute extends Route {
	regex: RegExp;
	keys: string[];
}

function compile(route: Route): CompiledRoute {
	const keys: string[] = [];
	const source = route.pattern
		.split('/')
		.map((seg) => {
			if (seg.startsWith(':')) {
				keys.push(seg.slice(1));
				return '([^/]+)';
			}
			return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { ...route, regex: new RegExp(`^${source}/?$`), keys };
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): SandboxResponse => ({
	status,
	json: body,
	headers,
});

export class Sandbox {
	private server?: http.Server;
	private readonly routes = new Map<string, CompiledRoute[]>();
	private readonly control = new Map<string, CompiledRoute[]>();
	readonly requests: RecordedRequest[] = [];
	private faults: Fault[] = [];
	/** Milliseconds added to the real clock (simulates a provider clock ahead of/behind n8n's). */
	clockSkewMs = 0;
	/** Keep the body of recorded requests (turned off for large-file benchmarks). */
	recordBodies = true;
	origin = '';

	constructor(readonly emulators: ProviderEmulator[]) {
		for (const emulator of emulators) {
			for (const prefix of emulator.prefixes) {
				this.routes.set(prefix, emulator.routes.filter((r) => !r.pattern.startsWith('@')).map(compile));
			}
			const first = emulator.prefixes[0];
			this.control.set(first, (emulator.control ?? []).map(compile));
		}
	}

	now(): number {
		return Date.now() + this.clockSkewMs;
	}

	async start(port = 0, host = '127.0.0.1'): Promise<string> {
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent) {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ error: { code: 'SANDBOX_ERROR', message: error.message } }));
				} else res.destroy();
			});
		});
		this.server.keepAliveTimeout = 1000;
		await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
		const address = this.server.address() as AddressInfo;
		this.origin = `http://${host}:${address.port}`;
		return this.origin;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections?.();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	/** Base URL of one provider prefix, e.g. `url('optimaite')` → `http://127.0.0.1:1234/optimaite`. */
	url(prefix: string): string {
		return `${this.origin}/${prefix}`;
	}

	reset(): void {
		for (const e of this.emulators) e.reset();
		this.requests.length = 0;
		this.faults = [];
		this.clockSkewMs = 0;
	}

	addFault(fault: Fault): void {
		this.faults.push({ times: 1, ...fault });
	}

	clearFaults(): void {
		this.faults = [];
	}

	/** Recorded requests of one prefix (control calls are not recorded). */
	requestsFor(prefix: string): RecordedRequest[] {
		return this.requests.filter((r) => r.prefix === prefix);
	}

	private takeFault(prefix: string, method: string, path: string): Fault | undefined {
		const idx = this.faults.findIndex((f) => {
			if (f.prefix && f.prefix !== prefix) return false;
			if (f.method && f.method.toUpperCase() !== method) return false;
			if (f.path) {
				const m = /^\/(.*)\/$/.exec(f.path);
				if (m ? !new RegExp(m[1]).test(path) : !path.includes(f.path)) return false;
			}
			return true;
		});
		if (idx < 0) return undefined;
		const fault = this.faults[idx];
		fault.times = (fault.times ?? 1) - 1;
		if (fault.times <= 0) this.faults.splice(idx, 1);
		return fault;
	}

	private answerFault(fault: Fault, record: RecordedRequest, req: http.IncomingMessage, res: http.ServerResponse, closeAfter?: Promise<void>): void {
		const status = fault.status ?? 302;
		record.status = status;
		const template = JSON.stringify(fault.body ?? { error: { code: 'SANDBOX_FAULT', message: `Injected ${status}` } });
		const body = Buffer.from(
			template.replace(/\$header:([a-z0-9-]+)/gi, (_, name: string) => JSON.stringify(String(req.headers[name.toLowerCase()] ?? '')).slice(1, -1)),
		);
		const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(body.length) };
		if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
		if (fault.redirect) headers.location = fault.redirect;
		res.writeHead(status, headers);
		if (!closeAfter) return void res.end(body);
		res.write(body);
		void closeAfter.then(() => res.end());
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const segments = url.pathname.split('/');
		const isControl = segments[1] === '_control';

		if (isControl) return this.handleControl(req.method ?? 'GET', segments.slice(2), url, await readBody(req), req, res);

		const prefix = segments[1];
		const path = '/' + segments.slice(2).join('/');
		const routes = this.routes.get(prefix);
		const method = (req.method ?? 'GET').toUpperCase();
		const record: RecordedRequest = {
			prefix,
			method,
			path,
			query: Object.fromEntries(url.searchParams.entries()),
			search: url.search,
			headers: req.headers,
			size: 0,
		};
		const fault = this.takeFault(prefix, method, path);
		if (fault?.beforeBody && (fault.status || fault.redirect)) {
			// The answer goes out while the client is still sending. Like a real server's lingering close, the
			// connection stays open until the rest of the body has been read (and dropped).
			this.requests.push(record);
			const done = readBody(req).catch(() => Buffer.alloc(0)); // the client may give up sending once it has the answer
			this.answerFault(fault, record, req, res, done.then(() => undefined));
			record.size = (await done).length;
			return;
		}
		const raw = await readBody(req);
		record.size = raw.length;
		const sreq = this.toRequest(method, path, url, raw, req);
		if (this.recordBodies) {
			if (sreq.parts)
				record.parts = sreq.parts.map((p) => ({
					name: p.name,
					filename: p.filename,
					contentType: p.contentType,
					size: p.data.length,
					value: p.filename === undefined ? p.data.toString('utf8') : undefined,
				}));
			else if (sreq.json !== undefined) record.body = sreq.json;
			else if (sreq.form) record.body = Object.fromEntries(sreq.form.entries());
			else if (raw.length && /^text\//.test(String(req.headers['content-type']))) record.body = raw.toString('utf8');
		}
		this.requests.push(record);

		if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
		if (fault?.status || fault?.redirect) return this.answerFault(fault, record, req, res);
		if (fault?.malformed) {
			record.status = 200;
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('<html>upstream proxy error</html>');
			return;
		}
		if (fault?.oversizedBytes) {
			record.status = 200;
			const pad = 'x'.repeat(1024);
			const count = Math.ceil(fault.oversizedBytes / (pad.length + 3));
			const head = Buffer.from('{"items":[');
			const item = Buffer.from(`"${pad}",`);
			const tail = Buffer.from(`"${pad}"]}`);
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (!fault.chunked) headers['content-length'] = String(head.length + item.length * (count - 1) + tail.length);
			res.writeHead(200, headers);
			res.write(head);
			for (let i = 1; i < count && !res.destroyed; i++) {
				if (!res.write(item)) {
					await new Promise<void>((resolve) => {
						const done = () => (res.off('drain', done), res.off('close', done), resolve());
						res.on('drain', done);
						res.on('close', done);
					});
				}
			}
			res.end(tail);
			return;
		}

		let response: SandboxResponse;
		const match = routes ? findRoute(routes, method, path) : undefined;
		if (!routes) response = json(404, { error: { code: 'NOT_FOUND', message: `No provider at /${prefix}` } });
		else if (!match) response = json(404, { error: { code: 'NOT_FOUND', message: `No route ${method} ${path}` } });
		else {
			sreq.params = match.params;
			response = await match.route.handler(sreq);
		}
		record.status = response.status;
		const body =
			response.json !== undefined ? Buffer.from(JSON.stringify(response.json)) : Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body ?? '');
		const headers: Record<string, string> = { ...(response.headers ?? {}) };
		if (response.json !== undefined && !headers['content-type']) headers['content-type'] = 'application/json; charset=utf-8';
		if (fault?.cut && body.length > 1) {
			headers['content-length'] = String(body.length);
			res.writeHead(response.status, headers);
			res.write(body.subarray(0, Math.floor(body.length / 2)));
			setTimeout(() => res.destroy(), 20);
			return;
		}
		headers['content-length'] = String(body.length);
		res.writeHead(response.status, headers);
		res.end(body);
	}

	private toRequest(method: string, path: string, url: URL, raw: Buffer, req: http.IncomingMessage): SandboxRequest {
		const type = String(req.headers['content-type'] ?? '');
		const sreq: SandboxRequest = {
			method,
			path,
			query: url.searchParams,
			headers: req.headers,
			raw,
			params: {},
			now: this.now(),
			origin: this.origin,
		};
		if (type.includes('application/json') && raw.length) {
			try {
				sreq.json = JSON.parse(raw.toString('utf8'));
			} catch {
				sreq.json = undefined;
			}
		} else if (type.includes('application/x-www-form-urlencoded')) {
			sreq.form = new URLSearchParams(raw.toString('utf8'));
		} else if (type.includes('multipart/form-data')) {
			sreq.parts = parseMultipart(raw, type);
		}
		return sreq;
	}

	private async handleControl(
		method: string,
		segments: string[],
		url: URL,
		raw: Buffer,
		req: http.IncomingMessage,
		res: http.ServerResponse,
	): Promise<void> {
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		const body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
		const [first, ...rest] = segments;
		if (first === 'reset' && method === 'POST') {
			this.reset();
			return send(200, { ok: true });
		}
		if (first === 'requests') {
			if (method === 'DELETE') {
				this.requests.length = 0;
				return send(200, { ok: true });
			}
			const prefix = url.searchParams.get('prefix');
			return send(200, prefix ? this.requestsFor(prefix) : this.requests);
		}
		if (first === 'faults') {
			if (method === 'DELETE') {
				this.clearFaults();
				return send(200, { ok: true });
			}
			this.addFault(body as Fault);
			return send(201, { ok: true });
		}
		if (first === 'clock' && method === 'POST') {
			this.clockSkewMs = Number(body.skewMs ?? 0);
			return send(200, { skewMs: this.clockSkewMs });
		}
		const routes = this.control.get(first);
		const path = '/' + rest.join('/');
		const match = routes ? findRoute(routes, method, path) : undefined;
		if (!match) return send(404, { error: `No control route ${method} /${segments.join('/')}` });
		const sreq = this.toRequest(method, path, url, raw, req);
		sreq.params = match.params;
		const response = await match.route.handler(sreq);
		res.writeHead(response.status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(response.json ?? {}));
	}
}

function findRoute(routes: CompiledRoute[], method: string, path: string) {
	for (const route of routes) {
		if (route.method !== method) continue;
		const m = route.regex.exec(path);
		if (m) {
			const params: Record<string, string> = {};
			route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
			return { route, params };
		}
	}
	return undefined;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Reads `Authorization: Bearer <token>`. */
export function bearer(req: SandboxRequest): string | undefined {
	const h = req.headers.authorization;
	const m = typeof h === 'string' ? /^Bearer\s+(.+)$/i.exec(h) : null;
	return m?.[1];
}

let counter = 0;
/** Short unique ids for sandbox objects. */
export function newId(prefix = ''): string {
	counter += 1;
	return `${prefix}${Date.now().toString(36)}${counter.toString(36).padStart(4, '0')}`;
}

export function uuid(): string {
	return crypto.randomUUID();
}

/** A tiny one-page PDF, used for "signed" documents. */
export function makePdf(text: string): Buffer {
	const content = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let pdf = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((o, i) => {
		offsets.push(pdf.length);
		pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = pdf.length;
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(pdf, 'latin1');
}
