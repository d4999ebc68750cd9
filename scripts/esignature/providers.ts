/**
 * The five providers as the E-Signature workflows meet them in the sandbox: the credential n8n would store (pointing
 * at the sandbox), the sandbox prefixes whose requests belong to the provider, and the sandbox's control routes that
 * act as a signer. Shared by the main job (`npm start`) and the E-Signature tests. Nothing here comes from the nodes:
 * the credentials are what a user types, the routes are the sandbox's own (README, each provider's sandbox section).
 */
import type { IDataObject, INode } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/index';
import { EASYINK_SANDBOX_CLIENT, EASYINK_SANDBOX_TOKENS } from '../../sandbox/providers/easyink';
import { PENNEO_SANDBOX_CREDENTIALS } from '../../sandbox/providers/penneo';

export type Provider = 'easyink' | 'nextsign' | 'optimaite' | 'penneo' | 'signicat';
export type SignerAction = 'sign' | 'decline' | 'expire';

export interface NeutralProvider {
	provider: Provider;
	displayName: string;
	credentialType: string;
	/** Sandbox prefixes of the provider's hosts (token hosts included). */
	prefixes: string[];
	credentials(sandbox: Sandbox): IDataObject;
	/** Control route (after `/_control/`) and body that make the envelope's next signer sign, decline, or the envelope expire. */
	control(action: SignerAction, envelopeId: string, signer?: { email?: string }): { route: string; body: IDataObject };
}

const byEmail = (signer?: { email?: string }): IDataObject => (signer?.email ? { email: signer.email } : {});

export const NEUTRAL_PROVIDERS: NeutralProvider[] = [
	{
		provider: 'easyink',
		displayName: 'EasyInk',
		credentialType: 'easyInkOAuth2Api',
		prefixes: ['easyink-identity', 'easyink'],
		credentials: (s) => ({
			environment: 'custom',
			apiUrl: s.url('easyink'),
			identityUrl: s.url('easyink-identity'),
			...EASYINK_SANDBOX_CLIENT,
			// What n8n stores after "Connect" (the sandbox's authorize endpoint signs in automatically).
			oauthTokenData: { access_token: EASYINK_SANDBOX_TOKENS.accessToken, token_type: 'Bearer' },
		}),
		control: (action, id, signer) => ({ route: `easyink/sessions/${id}/${action}`, body: action === 'expire' ? {} : byEmail(signer) }),
	},
	{
		provider: 'nextsign',
		displayName: 'NextSign',
		credentialType: 'nextSignApi',
		prefixes: ['nextsign', 'nextsign-files', 'nextsign-storage'],
		credentials: (s) => ({
			apiKey: 'ns_test_key',
			companyId: 'acme-company',
			environment: 'custom',
			caseBaseUrl: `${s.url('nextsign')}/api/v2`,
			fileBaseUrl: `${s.url('nextsign-files')}/v3`,
		}),
		control: (action, id, signer) => ({ route: `nextsign/cases/${id}/${action === 'decline' ? 'deny' : action}`, body: action === 'expire' ? {} : byEmail(signer) }),
	},
	{
		provider: 'optimaite',
		displayName: 'Optimaite',
		credentialType: 'optimaiteApi',
		prefixes: ['optimaite'],
		credentials: (s) => ({ apiKey: 'opt_test_sandbox', environment: 'custom', baseUrl: `${s.url('optimaite')}/api/v1` }),
		// The neutral envelope ID is "<case id>/<envelope id>" (an Optimaite envelope is read through its case).
		control: (action, id, signer) => ({ route: `optimaite/envelopes/${id.split('/').pop()}/${action}`, body: action === 'sign' ? byEmail(signer) : {} }),
	},
	{
		provider: 'penneo',
		displayName: 'Penneo',
		credentialType: 'penneoApi',
		prefixes: ['penneo-auth', 'penneo'],
		credentials: (s) => ({ environment: 'custom', appUrl: s.url('penneo'), oauthUrl: s.url('penneo-auth'), ...PENNEO_SANDBOX_CREDENTIALS }),
		// The sandbox signs for the next signer in sign order.
		control: (action, id) => ({ route: `penneo/casefiles/${id}/${action === 'decline' ? 'reject' : action}`, body: {} }),
	},
	{
		provider: 'signicat',
		displayName: 'Signicat',
		credentialType: 'signicatOAuth2Api',
		prefixes: ['signicat'],
		credentials: (s) => ({
			environment: 'custom',
			customAccessTokenUrl: `${s.url('signicat')}/auth/open/connect/token`,
			baseUrl: `${s.url('signicat')}/sign`,
			clientId: 'sandbox-client',
			clientSecret: 'sandbox-secret-123',
		}),
		// An expiry is seen by the trigger 5 minutes after the due date: put it 10 minutes back.
		control: (action, id) => ({ route: `signicat/sessions/${id}/${action === 'decline' ? 'reject' : action}`, body: action === 'expire' ? { secondsAgo: 600 } : {} }),
	},
];

export function neutralProvider(provider: string): NeutralProvider {
	const found = NEUTRAL_PROVIDERS.find((p) => p.provider === provider);
	if (!found) throw new Error(`unknown provider ${provider}`);
	return found;
}

/** Every provider's credential, by type (what n8n would have stored). */
export function allCredentials(sandbox: Sandbox): Record<string, IDataObject> {
	return Object.fromEntries(NEUTRAL_PROVIDERS.map((p) => [p.credentialType, p.credentials(sandbox)]));
}

/**
 * The one change that moves an E-Signature workflow to another provider: the "Provider" field and the credential of
 * every E-Signature node. Nothing else in the workflow is touched.
 */
export function forProvider<W extends { nodes: INode[] }>(workflow: W, provider: string): W {
	const p = neutralProvider(provider);
	const copy = structuredClone(workflow);
	for (const n of copy.nodes) {
		if (!/\.eSignature(Trigger)?$/.test(n.type)) continue;
		n.parameters = { ...n.parameters, provider: p.provider };
		n.credentials = { [p.credentialType]: { id: `${p.provider}-cred`, name: `${p.displayName} account` } };
	}
	return copy;
}

/** Calls a sandbox control route over HTTP, as a person acting in the provider's app would. */
export async function control(sandbox: Sandbox, route: string, body: IDataObject = {}): Promise<IDataObject> {
	const res = await fetch(`${sandbox.origin}/_control/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const text = await res.text();
	if (!res.ok) throw new Error(`sandbox control route ${route} answered ${res.status}: ${text}`);
	return (text ? JSON.parse(text) : {}) as IDataObject;
}
