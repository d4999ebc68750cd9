/**
 * Penneo benchmark profile.
 * - Credential: Penneo's API keys grant (preAuthentication → a 10-minute token kept in n8n's credential, sent as
 *   X-Auth-Token on the Send API). The bare comparison gets its own token in `prepare` from the emulated OAuth host,
 *   signing the request with the credential's own digest function, and sends it as X-Auth-Token like the credential does.
 * - "Create + get": Case File → Create without "Wait for Completion" (one multipart request: the case file JSON
 *   in `data` and the PDF in `files`; Penneo answers with the creation job) followed by Job → Get Status for that
 *   job (one POST to the job queue, which is what a workflow does to learn the case file ID). Waiting for the job
 *   inside Create would measure Penneo's 5-second minimum between checks, not our overhead; Case File → Get needs
 *   the case file ID, which only the job status gives. The sandbox completes a job at its first check.
 * - Create takes files, so each input item carries a small PDF in binary `data` (createInput), and the large
 *   document benchmark uploads through the same operation.
 * - Polling: 10,000 pending case files changed a day ago; new events are signatures that complete case files now.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { penneoKeyDigest } from '../../credentials/PenneoApi.credentials';
import { PENNEO } from '../../nodes/Penneo/transport/hosts';
import { emulatorState } from '../../sandbox/index';
import type { PenneoState } from '../../sandbox/providers/penneo';
import { PENNEO_SANDBOX_CREDENTIALS } from '../../sandbox/providers/penneo';
import { makePdf } from '../../sandbox/server';
import type { BenchProfile } from '../profile';

const cred = { penneoApi: { id: 'bench', name: 'bench' } };
const PDF = makePdf('bench');
const FILE_NAME = 'contract.pdf';
const signer = { name: 'Bench Signer', email: 'bench@example.com' };
const app = (origin: string) => `${origin}/penneo`;

/** The case file JSON the node sends for the create parameters below (checked by test/penneo/bench-profile.test.ts). */
export function benchCaseFile(n: number) {
	return {
		caseFile: {
			title: `Contract ${n}`,
			signers: [{ ...signer, signOrder: 0 }],
			documents: [{ title: 'contract', name: FILE_NAME, signable: true }],
		},
	};
}

/** A token from the emulated OAuth host, requested exactly as the credential's preAuthentication does. */
export async function benchToken(origin: string): Promise<string> {
	const c = PENNEO_SANDBOX_CREDENTIALS;
	const res = await fetch(`${origin}/penneo-auth${PENNEO.paths.token}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify({ grant_type: 'api_keys', client_id: c.clientId, client_secret: c.clientSecret, key: c.apiKey, ...penneoKeyDigest(c.apiSecret) }),
	});
	const body = (await res.json()) as IDataObject;
	if (!res.ok || typeof body.access_token !== 'string') throw new Error(`Penneo sandbox token request answered ${res.status}`);
	return body.access_token;
}

const caseFileNode = (id: string, parameters: INodeParameters, x = 0) => ({
	id,
	name: id.charAt(0).toUpperCase() + id.slice(1),
	type: 'n8n-nodes-esign.penneo',
	typeVersion: 1,
	position: [x, 0] as [number, number],
	credentials: cred,
	parameters,
});

const createParameters: INodeParameters = {
	resource: 'caseFile',
	operation: 'create',
	title: '={{ "Contract " + $json.n }}',
	documents: { document: [{ binaryPropertyName: 'data' }] },
	signers: { signer: [signer] },
	waitForCompletion: false,
};

export const penneoProfile: BenchProfile = {
	name: 'Penneo',
	credentials: (origin) => ({
		penneoApi: { environment: 'custom', appUrl: app(origin), oauthUrl: `${origin}/penneo-auth`, ...PENNEO_SANDBOX_CREDENTIALS },
	}),
	async prepare(origin) {
		return { token: await benchToken(origin) };
	},
	createInput: (_ctx, n): INodeExecutionData => ({
		json: { n },
		binary: { data: { data: PDF.toString('base64'), mimeType: 'application/pdf', fileName: FILE_NAME, fileExtension: 'pdf', fileSize: String(PDF.length) } },
	}),
	createNode: () => caseFileNode('create', createParameters),
	getNode: () => caseFileNode('get', { resource: 'job', operation: 'getStatus', uuid: '={{ $json.uuid }}', payloadHash: '={{ $json.payloadHash }}' }, 200),
	bareCreate: (origin, ctx, n) => {
		const form = new FormData();
		form.append('data', JSON.stringify(benchCaseFile(n)));
		form.append('files', new Blob([PDF], { type: 'application/pdf' }), FILE_NAME);
		return {
			method: 'POST',
			url: `${app(origin)}${PENNEO.paths.createCaseFile}`,
			headers: { Accept: 'application/json', 'X-Auth-Token': String(ctx.token) },
			body: form,
		};
	},
	bareGet: (origin, _ctx, created) => {
		const job = (created.jobs as IDataObject[])[0];
		return {
			method: 'POST',
			url: `${app(origin)}${PENNEO.paths.jobStatus}`,
			// Public endpoint: no token (Penneo's docs), as the node sends it.
			headers: { Accept: 'application/json' },
			body: { uuid: job.uuid, payloadHash: job.payloadHash },
		};
	},
	uploadNode: () => caseFileNode('upload', { ...createParameters, title: 'Large document' }),
	trigger: {
		pageSize: PENNEO.listPaging.maxPerPage,
		node: () => ({
			id: 'trigger',
			name: 'Trigger',
			type: 'n8n-nodes-esign.penneoTrigger',
			typeVersion: 1,
			position: [0, 0],
			credentials: cred,
			parameters: { events: ['completed'] },
		}),
		seed(sandbox, n) {
			const state = emulatorState<PenneoState>(sandbox, 'penneo');
			const dayAgo = sandbox.now() - 24 * 3600_000;
			const ids: number[] = [];
			for (let i = 0; i < n; i++) {
				const job = {
					payload: { caseFile: { title: `Seed ${i}`, signers: [{ name: 'Seed Signer', email: 'seed@example.com' }], documents: [{ title: 'Seed', name: 'seed.pdf' }] } },
					files: new Map([['seed.pdf', PDF]]),
				};
				ids.push(state.materialize(job, dayAgo).id);
			}
			return { ids, next: 0 };
		},
		addEvents(sandbox, ctx, n) {
			const state = emulatorState<PenneoState>(sandbox, 'penneo');
			const ids = ctx.ids as number[];
			const start = Number(ctx.next);
			for (let i = start; i < start + n; i++) state.sign(ids[i], undefined, sandbox.now());
			ctx.next = start + n;
		},
	},
};
