import type { IDataObject } from 'n8n-workflow';

import { emulatorState } from '../../sandbox/index';
import type { OptimaiteState } from '../../sandbox/providers/optimaite';
import { makePdf } from '../../sandbox/server';
import type { BenchProfile } from '../profile';

const CASE = '550e8400-e29b-41d4-a716-446655440000';
const KEY = 'opt_test_sandbox';
const cred = { optimaiteApi: { id: 'bench', name: 'bench' } };

export const optimaiteProfile: BenchProfile = {
	name: 'Optimaite',
	// Enterprise: no request spacing, so the overhead measured is the node's, not the Standard plan's 10 requests a second.
	credentials: (origin) => ({ optimaiteApi: { apiKey: KEY, environment: 'custom', baseUrl: `${origin}/optimaite/api/v1`, plan: 'enterprise' } }),
	async prepare(origin) {
		const form = new FormData();
		form.append('file', new Blob([makePdf('bench')], { type: 'application/pdf' }), 'bench.pdf');
		form.append('case_id', CASE);
		const res = await fetch(`${origin}/optimaite/api/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: form });
		const doc = (await res.json()) as IDataObject;
		return { documentId: doc.id };
	},
	createNode: (ctx) => ({
		id: 'create',
		name: 'Create',
		type: 'n8n-nodes-esign.optimaite',
		typeVersion: 1,
		position: [0, 0],
		credentials: cred,
		parameters: {
			resource: 'envelope',
			operation: 'create',
			caseId: CASE,
			title: '={{ "Contract " + $json.n }}',
			documentIds: String(ctx.documentId),
			signers: { signer: [{ name: 'Bench Signer', email: 'bench@example.com', role: 'signer' }] },
			signingOrder: 'sequential',
			sendEmails: false,
		},
	}),
	getNode: () => ({
		id: 'get',
		name: 'Get',
		type: 'n8n-nodes-esign.optimaite',
		typeVersion: 1,
		position: [200, 0],
		credentials: cred,
		parameters: { resource: 'document', operation: 'get', documentId: '={{ $json.documents[0].document_id }}' },
	}),
	bareCreate: (origin, ctx, n) => ({
		method: 'POST',
		url: `${origin}/optimaite/api/v1/cases/${CASE}/signing-envelopes`,
		headers: { Authorization: `Bearer ${KEY}`, Accept: 'application/json' },
		body: {
			title: `Contract ${n}`,
			document_ids: [ctx.documentId],
			signers: [{ name: 'Bench Signer', email: 'bench@example.com', role: 'signer' }],
			signing_order: 'sequential',
			send_emails: false,
		},
	}),
	bareGet: (origin, _ctx, created) => ({
		method: 'GET',
		url: `${origin}/optimaite/api/v1/documents/${(created.documents as IDataObject[])[0].document_id}`,
		headers: { Authorization: `Bearer ${KEY}`, Accept: 'application/json' },
	}),
	uploadNode: () => ({
		id: 'upload',
		name: 'Upload',
		type: 'n8n-nodes-esign.optimaite',
		typeVersion: 1,
		position: [0, 0],
		credentials: cred,
		parameters: { resource: 'document', operation: 'upload', caseId: CASE, binaryPropertyName: 'data', options: {} },
	}),
	trigger: {
		pageSize: 100,
		node: () => ({
			id: 'trigger',
			name: 'Trigger',
			type: 'n8n-nodes-esign.optimaiteTrigger',
			typeVersion: 1,
			position: [0, 0],
			credentials: cred,
			parameters: { watch: 'cases', caseIds: CASE, events: ['completed'] },
		}),
		seed(sandbox, n) {
			const state = emulatorState<OptimaiteState>(sandbox, 'optimaite');
			const doc = state.storeDocument(CASE, 'seed.pdf', 'application/pdf', makePdf('seed'));
			for (let i = 0; i < n; i++) {
				state.createEnvelope({
					id: `env_seed_${i}`,
					caseId: CASE,
					title: `Seed ${i}`,
					documentIds: [doc.id],
					signers: [{ name: 'S', email: 's@example.com' }],
					signingOrder: 'parallel',
					sendEmails: false,
				});
			}
			return { next: 0 };
		},
		addEvents(sandbox, ctx, n) {
			const state = emulatorState<OptimaiteState>(sandbox, 'optimaite');
			const start = Number(ctx.next);
			for (let i = start; i < start + n; i++) state.sign(`env_seed_${i}`);
			ctx.next = start + n;
		},
	},
};
