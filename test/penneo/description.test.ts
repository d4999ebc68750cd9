/** What the n8n editor shows: conventions the reviewers (and no-code users) rely on. */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { PenneoApi } from '../../credentials/PenneoApi.credentials';
import { Penneo } from '../../nodes/Penneo/Penneo.node';
import { PenneoTrigger } from '../../nodes/Penneo/PenneoTrigger.node';

const node = new Penneo().description;

/** Every property, nested ones (collections, fixed collections) included. */
function all(props: INodeProperties[]): INodeProperties[] {
	return props.flatMap((p) => {
		if (p.type === 'collection') return [p, ...all((p.options ?? []) as INodeProperties[])];
		if (p.type === 'fixedCollection') return [p, ...all(((p.options ?? []) as INodePropertyCollection[]).flatMap((o) => o.values))];
		return [p];
	});
}

test('the node is usable as a tool, with resource/operation UI, every operation and an action for each', () => {
	expect(node.usableAsTool).toBe(true);
	expect(node.icon).toEqual({ light: 'file:../../icons/penneo.svg', dark: 'file:../../icons/penneo.dark.svg' });
	const ops = node.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) => (p.options as Array<{ value: string; action?: string }>).map((o) => ({ id: `${String(p.displayOptions?.show?.resource)}:${o.value}`, action: o.action })));
	expect(ops.map((o) => o.id).sort()).toEqual(['caseFile:create', 'caseFile:delete', 'caseFile:downloadSigned', 'caseFile:get', 'caseFile:getMany', 'job:getStatus']);
	for (const op of ops) expect(op.action).toMatch(/^[A-Z]/);
});

test('display names are Title Case, booleans start "Whether", descriptions are sentences', () => {
	const props = all(node.properties);
	const small = new Set(['a', 'an', 'and', 'as', 'at', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'by']);
	for (const p of props) {
		for (const word of p.displayName.replace(/\(.*?\)/g, '').split(/\s+/).filter(Boolean).slice(1))
			if (!small.has(word)) expect(`${p.displayName}: ${word}`).toMatch(/: [A-Z0-9]/);
		if (p.type === 'boolean') expect(`${p.name}: ${p.description}`).toMatch(/^\w+: Whether /);
		if (p.description) expect(p.description).toMatch(/^[A-Z]/);
	}
});

test('the SSN is a password field; the check interval has Penneo’s 5-second minimum', () => {
	const props = all(node.properties);
	expect(props.find((p) => p.name === 'ssn')?.typeOptions?.password).toBe(true);
	expect(props.find((p) => p.name === 'checkInterval')?.typeOptions?.minValue).toBe(5);
});

test('the credential: secrets are passwords, a hidden expirable token, X-Auth-Token on the Send API and Bearer elsewhere, a real test request', async () => {
	const cred = new PenneoApi();
	for (const name of ['clientSecret', 'apiKey', 'apiSecret']) expect(cred.properties.find((p) => p.name === name)?.typeOptions?.password).toBe(true);
	expect(cred.properties.find((p) => p.name === 'accessToken')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
	const send = 'https://app.penneo.com/send/api/v1/casefiles/20251022/create';
	expect(await cred.authenticate({ accessToken: 'jwt-1' }, { url: send, headers: { Accept: 'application/json' } })).toEqual({
		url: send,
		headers: { Accept: 'application/json', 'X-Auth-Token': 'jwt-1' },
	});
	for (const url of ['https://app.penneo.com/api/v1/casefiles/7', 'https://app.penneo.com/api/v3/documents/8/content', 'https://app.penneo.com/webhook/api/v1/subscriptions']) {
		expect(await cred.authenticate({ accessToken: 'jwt-1' }, { url, headers: { Accept: 'application/json' } })).toEqual({ url, headers: { Accept: 'application/json', Authorization: 'Bearer jwt-1' } });
	}
	// The credential test request (baseURL + url, as n8n's RoutingNode sends it) reads with Bearer.
	expect((await cred.authenticate({ accessToken: 'jwt-1' }, { baseURL: 'https://app.penneo.com', url: '/api/v1/casefiles' } as never)).headers).toEqual({ Authorization: 'Bearer jwt-1' });
	expect(cred.test.request.url).toBe('/api/v1/casefiles');
	expect(cred.documentationUrl).toMatch(/^https:\/\//);
	expect(typeof cred.preAuthentication).toBe('function');
});

test('the trigger offers the four events and polls', () => {
	const trigger = new PenneoTrigger().description;
	expect(trigger.polling).toBe(true);
	const events = trigger.properties.find((p) => p.name === 'events');
	expect((events?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(['completed', 'expired', 'rejected', 'signerSigned']);
});
