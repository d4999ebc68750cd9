import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { ApiContext, ApiResponse, Provider, RequestSpec } from '../../shared/transport';
import { ApiClient } from '../../shared/transport';

export interface OptimaiteRequest extends RequestSpec {
	/** The scope this request needs (`documents:write`, …): a 403 names it when Optimaite's answer does not. */
	scope?: string;
}

/** A scope as Optimaite writes them: `cases:read`, `documents:write`, … */
const SCOPE = /\b((?:cases|parties|documents|deadlines|calendar|invoices):(?:read|write|delete))\b/;

/** Extra room on top of one second between an answer and the request ten after it (clocks and timers vary). */
const PACE_MARGIN_MS = 100;

/**
 * The shared client, plus what Optimaite needs on top:
 * - it never sends more requests in any second than the plan's burst limit (10/s on the Standard plan), waiting
 *   with n8n's `sleep` — a trigger reading many cases would otherwise be refused with 429s;
 * - a 403 names the missing scope (from Optimaite's message when it has one, else the scope the request needs);
 * - a 429 recalls the plan's per-minute and per-day limits.
 */
export class OptimaiteClient extends ApiClient {
	/**
	 * When each recent request may have been counted by Optimaite at the latest: its answer's arrival (sending time
	 * until then). Spacing from the answer holds whatever the latency.
	 */
	private readonly starts: Array<{ at: number }> = [];

	private count = 0;

	constructor(
		ctx: ApiContext,
		provider: Provider,
		credentialType: string,
		baseUrl: string,
		credentials: ICredentialDataDecryptedObject,
		/** Most requests started in any second; undefined: no pacing. */
		readonly perSecond?: number,
	) {
		super(ctx, provider, credentialType, baseUrl, credentials);
	}

	/** Requests sent so far by this client (one execution or one poll). */
	get sent(): number {
		return this.count;
	}

	async json<T = IDataObject>(spec: OptimaiteRequest): Promise<T> {
		return (await this.request<T>(spec)).body;
	}

	async request<T = unknown>(spec: OptimaiteRequest): Promise<ApiResponse<T>> {
		const slot = await this.pace();
		this.count += 1;
		try {
			return await super.request<T>(spec);
		} catch (error) {
			throw explain(error, spec);
		} finally {
			if (slot) slot.at = Date.now();
		}
	}

	private async pace(): Promise<{ at: number } | undefined> {
		if (!this.perSecond) return undefined;
		if (this.starts.length >= this.perSecond) {
			const wait = this.starts[this.starts.length - this.perSecond].at + 1000 + PACE_MARGIN_MS - Date.now();
			if (wait > 0) await sleep(wait);
		}
		const slot = { at: Date.now() };
		this.starts.push(slot);
		if (this.starts.length > this.perSecond) this.starts.splice(0, this.starts.length - this.perSecond);
		return slot;
	}
}

function explain(error: unknown, spec: OptimaiteRequest): unknown {
	if (!(error instanceof NodeApiError)) return error;
	if (error.httpCode === '403') {
		const scope = SCOPE.exec(error.message)?.[1] ?? spec.scope;
		if (scope) {
			error.description = `The API key is valid but lacks the "${scope}" scope this needs. In Optimaite (Workspace Settings → API Keys) create a key with ${scope} and the other scopes you use, and paste it into the Optimaite credential.`;
		}
	} else if (error.httpCode === '429') {
		error.description = `${error.description ?? ''} Optimaite's Standard plan allows 60 requests a minute and 10,000 a day for all your workflows together (Professional: 200 and 50,000).`.trim();
	}
	return error;
}
