import type { IDataObject } from 'n8n-workflow';

import { emulatorState } from '../../sandbox/index';
import type { NextSignState } from '../../sandbox/providers/nextsign';
import { NEXTSIGN_INLINE_LIMIT } from '../../sandbox/providers/nextsign';
import { makePdf } from '../../sandbox/server';
import type { BenchProfile } from '../profile';

const COMPANY = 'acme-company';
const KEY = 'ns_test_key';
const cred = { nextSignApi: { id: 'bench', name: 'bench' } };
/** A small PDF sent inline (base64, `fileIsBlob`), as most cases are. */
const PDF_BASE64 = makePdf('bench').toString('base64');
const auth = { Authorization: `Bearer ${KEY}`, Accept: 'application/json' };
const recipient = { name: 'Bench Signer', email: 'bench@example.com' };

export const nextSignProfile: BenchProfile = {
	name: 'NextSign',
	credentials: (origin) => ({
		nextSignApi: { apiKey: KEY, companyId: COMPANY, environment: 'custom', caseBaseUrl: `${origin}/nextsign/api/v2`, fileBaseUrl: `${origin}/nextsign-files/v3` },
	}),
	createNode: () => ({
		id: 'create',
		name: 'Create',
		type: 'n8n-nodes-esign.nextSign',
		typeVersion: 1.1,
		position: [0, 0],
		credentials: cred,
		parameters: {
			resource: 'case',
			operation: 'create',
			title: '={{ "Contract " + $json.n }}',
			documents: { document: [{ source: 'base64', base64: PDF_BASE64, name: 'Contract.pdf' }] },
			recipients: { recipient: [recipient] },
		},
	}),
	getNode: () => ({
		id: 'get',
		name: 'Get',
		type: 'n8n-nodes-esign.nextSign',
		typeVersion: 1.1,
		position: [200, 0],
		credentials: cred,
		parameters: { resource: 'case', operation: 'get', caseId: '={{ $json._id }}' },
	}),
	// The body the node sends for the parameters above (checked by test/nextsign/bench-profile.test.ts).
	bareCreate: (origin, _ctx, n) => ({
		method: 'POST',
		url: `${origin}/nextsign/api/v2/${COMPANY}/case/create`,
		headers: auth,
		body: {
			title: `Contract ${n}`,
			autoSend: true,
			settings: {},
			recipients: [{ ...recipient, signing: true, group: 0, type: 'email' }],
			documents: [{ name: 'Contract.pdf', file: PDF_BASE64, fileIsBlob: true, signObligated: true, documentMustBeRead: false }],
		},
	}),
	bareGet: (origin, _ctx, created) => ({
		method: 'GET',
		url: `${origin}/nextsign/api/v2/${COMPANY}/case/${String((created.data as IDataObject)._id)}/get`,
		headers: auth,
	}),
	// Case → Create with the file from binary `data`: while the base64 request stays under 3.5 MB it goes inline;
	// above, the node uploads it to the v3 file host first (streamed) and references the URL.
	uploadNode: () => ({
		id: 'upload',
		name: 'Upload',
		type: 'n8n-nodes-esign.nextSign',
		typeVersion: 1.1,
		position: [0, 0],
		credentials: cred,
		parameters: {
			resource: 'case',
			operation: 'create',
			title: 'Large document',
			documents: { document: [{ source: 'binary', binaryPropertyName: 'data' }] },
			recipients: { recipient: [recipient] },
		},
	}),
	// 2 MB is sent inline (its base64 request stays under 3.5 MB); 10 MB and up are uploaded first.
	extraUploadSizesMb: [2],
	uploadPath: (bytes) => (4 * Math.ceil(bytes / 3) > NEXTSIGN_INLINE_LIMIT ? 'uploaded to the v3 file host, then by URL' : 'inline base64'),
	trigger: {
		pageSize: 100,
		node: () => ({
			id: 'trigger',
			name: 'Trigger',
			type: 'n8n-nodes-esign.nextSignTrigger',
			typeVersion: 1,
			position: [0, 0],
			credentials: cred,
			parameters: { events: ['caseSigned'] },
		}),
		// A company's history: most cases signed long ago, 15 % still waiting for signatures.
		// The pending ones are the oldest, so a new signature lands deep in a list ordered by creation.
		seed(sandbox, n) {
			const state = emulatorState<NextSignState>(sandbox, 'nextsign');
			const start = Date.now() - n * 60_000;
			const pending: string[] = [];
			for (let i = 0; i < n; i++) {
				const open = i < Math.ceil(n * 0.15);
				const c = state.seed(COMPANY, `Case ${i}`, start + i * 60_000, open ? {} : { state: 'signed' });
				if (open) pending.push(String(c._id));
			}
			return { pending };
		},
		addEvents(sandbox, ctx, n) {
			const state = emulatorState<NextSignState>(sandbox, 'nextsign');
			const pending = ctx.pending as string[];
			if (pending.length < n) throw new Error(`only ${pending.length} pending cases left to sign`);
			for (const id of pending.splice(0, n)) {
				const c = state.cases.get(id)!;
				// Listed as signed from now on (the emulator lists by `reminders.allSigned`).
				(c.reminders as IDataObject).allSigned = true;
				c.state = 'signed';
				c.updatedAt = new Date().toISOString();
			}
		},
		// NextSign does not document the order of cases/get: measured both ways. Lists by last update: the trigger learns
		// it from the first change (the warm-up) and then reads the top only; by creation: it reads every open case.
		variants: [
			{ name: 'lists by creation', setup: (sandbox) => void (emulatorState<NextSignState>(sandbox, 'nextsign').listOrder = 'createdAt') },
			{ name: 'lists by update', setup: (sandbox) => void (emulatorState<NextSignState>(sandbox, 'nextsign').listOrder = 'updatedAt'), warmUpEvents: 1 },
		],
	},
};
