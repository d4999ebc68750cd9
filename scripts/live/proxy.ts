/**
 * A recording reverse proxy for the live contract checks: the credentials point at `http://127.0.0.1:<port>/<prefix>`,
 * and each request goes on to the provider's test environment (or to our sandbox with `--sandbox`) unchanged. Every
 * exchange is kept — masked — so a probe can say what the provider answered, and the answers become fixtures.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

import { maskText, maskValue } from './mask';

export interface Exchange {
	prefix: string;
	method: string;
	/** Path below the upstream base URL. */
	path: string;
	query: string;
	requestHeaders: Record<string, string>;
	requestBody?: unknown;
	status: number;
	responseHeaders: Record<string, string>;
	/** Parsed JSON (masked), a text excerpt, or `{ bytes: n, type }` for files. */
	responseBody?: unknown;
}

const KEPT_RESPONSE_HEADERS = ['content-type', 'content-disposition', 'location', 'retry-after', 'link', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];
const DROPPED_REQUEST_HEADERS = new Set(['host', 'connection', 'content-length', 'accept-encoding']);

function decode(body: Buffer, type: string | undefined, secrets: readonly string[]): unknown {
	if (!body.length) return undefined;
	if (type && /json/.test(type)) {
		try {
			return maskValue(JSON.parse(body.toString('utf8')), secrets);
		} catch {
			/* fall through */
		}
	}
	if (type && /^text\/|x-www-form-urlencoded/.test(type)) return maskText(body.toString('utf8').slice(0, 2000), secrets);
	return { bytes: body.length, type: type ?? 'unknown' };
}

export class RecordingProxy {
	readonly exchanges: Exchange[] = [];
	private server?: http.Server;
	origin = '';

	constructor(
		/** prefix → upstream base URL (`https://test.nextsign.dk/api/v2`). */
		private readonly routes: Record<string, string>,
		/** Values never to be written anywhere (API keys, secrets, tokens). */
		private readonly secrets: readonly string[],
	) {}

	url(prefix: string): string {
		if (!this.routes[prefix]) throw new Error(`No upstream for ${prefix}`);
		return `${this.origin}/${prefix}`;
	}

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => {
			this.forward(req, res).catch((error: Error) => {
				if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ proxyError: maskText(error.message, this.secrets) }));
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections?.();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const incoming = new URL(req.url ?? '/', 'http://proxy');
		const [, prefix, ...rest] = incoming.pathname.split('/');
		const base = this.routes[prefix];
		if (!base) {
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ proxyError: `no upstream for /${prefix}` }));
			return;
		}
		const path = '/' + rest.join('/');
		const target = new URL(base.replace(/\/+$/, '') + path + incoming.search);
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const body = Buffer.concat(chunks);
		const headers: Record<string, string> = {};
		for (const [k, v] of Object.entries(req.headers)) if (!DROPPED_REQUEST_HEADERS.has(k) && v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
		if (body.length) headers['content-length'] = String(body.length);
		const client = target.protocol === 'https:' ? https : http;
		const upstream = await new Promise<http.IncomingMessage>((resolve, reject) => {
			const r = client.request(target, { method: req.method, headers }, resolve);
			r.on('error', reject);
			r.end(body);
		});
		const answer: Buffer[] = [];
		for await (const c of upstream) answer.push(c as Buffer);
		const responseBody = Buffer.concat(answer);
		const responseHeaders: Record<string, string> = {};
		for (const name of KEPT_RESPONSE_HEADERS) {
			const v = upstream.headers[name];
			if (v !== undefined) responseHeaders[name] = maskText(Array.isArray(v) ? v.join(', ') : v, this.secrets);
		}
		this.exchanges.push({
			prefix,
			method: req.method ?? 'GET',
			path,
			query: maskText(incoming.search, this.secrets),
			requestHeaders: maskValue(headers, this.secrets) as Record<string, string>,
			requestBody: decode(body, req.headers['content-type'], this.secrets),
			status: upstream.statusCode ?? 0,
			responseHeaders,
			responseBody: decode(responseBody, upstream.headers['content-type'], this.secrets),
		});
		const out: Record<string, string | string[]> = {};
		for (const [k, v] of Object.entries(upstream.headers)) if (v !== undefined && k !== 'transfer-encoding' && k !== 'connection') out[k] = v;
		out['content-length'] = String(responseBody.length);
		res.writeHead(upstream.statusCode ?? 502, out);
		res.end(responseBody);
	}
}
