/**
 * What differs per provider in the real-n8n check: the credential n8n stores (pointing at the sandbox), the two
 * example workflows, the item the Manual Trigger hands over, how to read what was sent, how the signers sign
 * (the sandbox's `/_control/…` routes, as scripts/main-job.ts does) and which event the trigger must fire.
 * The node names are not assumed: the send workflow's result is its last node's output.
 */
import { EASYINK_SANDBOX_CLIENT, EASYINK_SANDBOX_TOKENS } from '../../sandbox/providers/easyink';
import { PENNEO_SANDBOX_CREDENTIALS } from '../../sandbox/providers/penneo';

type Json = Record<string, any>;

export interface Sent {
	/** What the signers and the trigger's event refer to (envelope, case, session, case file). */
	id: string;
	/** One line for the log. */
	line: string;
	/** One control-route body per signer. */
	signers: Json[];
}

export interface Provider {
	key: string;
	name: string;
	sendWorkflow: string;
	fileWorkflow: string;
	credentialType: string;
	/** Credential data for a sandbox at `origin` (http://127.0.0.1:port). */
	credential(origin: string): Json;
	/** Fields of the Manual Trigger's item besides the common ones. */
	input?: Json;
	sent(result: Json): Sent;
	/** Control route below `/_control/`. */
	signRoute(id: string): string;
	event: string;
	eventId(event: Json): unknown;
	/** Sandbox prefixes of the trigger's reads (to count its polls). */
	prefixes: string[];
}

export const PROVIDERS: Provider[] = [
	{
		key: 'optimaite',
		name: 'Optimaite',
		sendWorkflow: 'optimaite-send-for-signature.json',
		fileWorkflow: 'optimaite-file-signed-document.json',
		credentialType: 'optimaiteApi',
		credential: (o) => ({ apiKey: 'opt_test_sandbox', environment: 'custom', baseUrl: `${o}/optimaite/api/v1` }),
		input: { caseId: '550e8400-e29b-41d4-a716-446655440000' },
		// The example is version 2 with Simplify: envelopeId (version 1 answered id).
		sent: (e) => ({
			id: String(e.envelopeId ?? e.id),
			line: `envelope ${e.envelopeId ?? e.id} is ${e.status}`,
			signers: (e.signers as Json[]).map((s) => ({ email: s.email })),
		}),
		signRoute: (id) => `optimaite/envelopes/${id}/sign`,
		event: 'envelope.completed',
		eventId: (e) => e.envelopeId,
		prefixes: ['optimaite'],
	},
	{
		key: 'nextsign',
		name: 'NextSign',
		sendWorkflow: 'nextsign-send-for-signature.json',
		fileWorkflow: 'nextsign-file-signed-document.json',
		credentialType: 'nextSignApi',
		credential: (o) => ({
			apiKey: 'ns_test_key',
			companyId: 'acme-company',
			environment: 'custom',
			caseBaseUrl: `${o}/nextsign/api/v2`,
			fileBaseUrl: `${o}/nextsign-files/v3`,
		}),
		sent: (c) => ({
			// Version 2's simplified answer names the id caseId (version 1: _id).
			id: String(c.caseId ?? c._id),
			line: `case ${String(c.caseId ?? c._id)} (documents ${c.documentTransfer})`,
			signers: (c.recipients as Json[]).map((r) => ({ email: r.email })),
		}),
		signRoute: (id) => `nextsign/cases/${id}/sign`,
		event: 'case_signed',
		eventId: (e) => e.caseId,
		prefixes: ['nextsign'],
	},
	{
		key: 'signicat',
		name: 'Signicat',
		sendWorkflow: 'signicat-send-for-signature.json',
		fileWorkflow: 'signicat-file-signed-document.json',
		credentialType: 'signicatOAuth2Api',
		credential: (o) => ({
			environment: 'custom',
			customAccessTokenUrl: `${o}/signicat/auth/open/connect/token`,
			baseUrl: `${o}/signicat/sign`,
			clientId: 'sandbox-client',
			clientSecret: 'sandbox-secret-123',
		}),
		sent: (s) => ({ id: String(s.sessionId), line: `session ${s.sessionId} is ${s.state}`, signers: [{}] }),
		signRoute: (id) => `signicat/sessions/${id}/sign`,
		event: 'session.signed',
		eventId: (e) => e.sessionId,
		prefixes: ['signicat'],
	},
	{
		key: 'penneo',
		name: 'Penneo',
		sendWorkflow: 'penneo-send-for-signature.json',
		fileWorkflow: 'penneo-file-signed-document.json',
		credentialType: 'penneoApi',
		credential: (o) => ({ environment: 'custom', appUrl: `${o}/penneo`, oauthUrl: `${o}/penneo-auth`, ...PENNEO_SANDBOX_CREDENTIALS }),
		sent: (r) => ({
			id: String(r.caseFileId),
			line: `creation job ${r.jobStatus} → case file ${r.caseFileId}`,
			// one signing link per signer (Penneo names it by signer name and role); the sandbox signs for the
			// next signer in sign order
			signers: (r.signingLinks as Json[]).map(() => ({})),
		}),
		signRoute: (id) => `penneo/casefiles/${id}/sign`,
		event: 'caseFile.completed',
		eventId: (e) => e.caseFileId,
		prefixes: ['penneo'],
	},
	{
		key: 'easyink',
		name: 'EasyInk',
		sendWorkflow: 'easyink-send-for-signature.json',
		fileWorkflow: 'easyink-file-signed-document.json',
		credentialType: 'easyInkOAuth2Api',
		credential: (o) => ({
			environment: 'custom',
			apiUrl: `${o}/easyink`,
			identityUrl: `${o}/easyink-identity`,
			...EASYINK_SANDBOX_CLIENT,
			// what n8n stores after "Connect" (the sandbox's authorize page signs in by itself)
			oauthTokenData: { access_token: EASYINK_SANDBOX_TOKENS.accessToken, refresh_token: EASYINK_SANDBOX_TOKENS.refreshToken, token_type: 'Bearer' },
		}),
		sent: (s) => ({
			id: String(s.signingSessionId),
			line: `session ${s.signingSessionId} is ${s.status}`,
			signers: (s.participants as Json[]).map((p) => ({ email: p.email })),
		}),
		signRoute: (id) => `easyink/sessions/${id}/sign`,
		event: 'session.finished',
		eventId: (e) => e.signingSessionId,
		prefixes: ['easyink'],
	},
];

/** The Manual Trigger's item, as scripts/main-job.ts hands it over (the PDF goes in the binary field `data`). */
export const CONTRACT = {
	title: 'Employment Agreement - John Smith',
	reference: 'HR-2026-042',
	signerName: 'John Smith',
	signerFirstName: 'John',
	signerLastName: 'Smith',
	signerEmail: 'john.smith@example.com',
};
