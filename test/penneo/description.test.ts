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

describe('version 2 in the editor', () => {
	const README = 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#penneo';
	const trigger = new PenneoTrigger().description;
	const shownIn = (p: INodeProperties, version: number) => {
		const gate = p.displayOptions?.show?.['@version'] as Array<{ _cnd: { lt?: number; gte?: number } }> | undefined;
		if (!gate) return true;
		return gate.some(({ _cnd }) => (_cnd.lt === undefined || version < _cnd.lt) && (_cnd.gte === undefined || version >= _cnd.gte));
	};

	test('both nodes are versions 1 and 2 (2 for new nodes); node, trigger and credential link to the README section', () => {
		for (const d of [node, trigger]) {
			expect(d.version).toEqual([1, 2]);
			expect(d.defaultVersion).toBe(2);
			expect(d.documentationUrl).toBe(README);
		}
		expect(new PenneoApi().documentationUrl).toBe(README);
	});

	test('every case file field is picked From List (first) or By ID in version 2, and stays free text in version 1', () => {
		const fields = node.properties.filter((p) => p.name === 'caseFileId');
		const operations = (version: number) =>
			fields
				.filter((p) => shownIn(p, version))
				.flatMap((p) => (p.displayOptions?.show?.operation as string[]).map((op) => [op, p.type]))
				.sort();
		expect(operations(1)).toEqual([['delete', 'string'], ['downloadSigned', 'string'], ['get', 'string']]);
		expect(operations(2)).toEqual([['delete', 'resourceLocator'], ['downloadSigned', 'resourceLocator'], ['get', 'resourceLocator']]);
		for (const p of fields.filter((f) => f.type === 'resourceLocator')) {
			expect(p.displayName).toBe('Case File');
			expect(p.default).toEqual({ mode: 'list', value: '' });
			// No By URL: no Penneo source shows the web address of a sent case file.
			expect(p.modes?.map((m) => [m.name, m.typeOptions?.searchListMethod])).toEqual([['list', 'searchCaseFiles'], ['id', undefined]]);
		}
		expect(Object.keys(new Penneo().methods.listSearch)).toEqual(['searchCaseFiles']);
	});

	test('Simplify (on) wherever an answer is large, only in version 2; the trigger too', () => {
		const simplify = node.properties.filter((p) => p.name === 'simplify');
		expect(simplify.flatMap((p) => p.displayOptions?.show?.operation as string[]).sort()).toEqual(['get', 'getMany', 'getStatus']);
		for (const p of [...simplify, ...trigger.properties.filter((t) => t.name === 'simplify')]) {
			expect(p.default).toBe(true);
			expect(shownIn(p, 1)).toBe(false);
			expect(shownIn(p, 2)).toBe(true);
		}
	});

	test('a signer row reads name, email, then the rest; version 2 starts with one empty signer and groups the 21 options', () => {
		const signers = node.properties.filter((p) => p.name === 'signers');
		const v1 = signers.find((p) => shownIn(p, 1))!;
		const v2 = signers.find((p) => shownIn(p, 2))!;
		const values = (p: INodeProperties) => ((p.options ?? []) as INodePropertyCollection[])[0].values;
		expect(values(v1).map((v) => v.displayName)).toEqual(['Name', 'Email', 'Role', 'Sign Order', 'Signer Options']);
		expect(values(v2).map((v) => v.displayName)).toEqual(['Name', 'Email', 'Role', 'Sign Order', 'Authentication and Access', 'Notifications', 'Other Options']);
		expect(v2.default).toEqual({ signer: [{ name: '', email: '' }] });
		const flat = ((values(v1).find((v) => v.name === 'options')!.options ?? []) as INodeProperties[]).map((o) => o.name);
		const grouped = values(v2)
			.filter((v) => v.type === 'collection')
			.flatMap((g) => ((g.options ?? []) as INodeProperties[]).map((o) => o.name));
		expect(flat).toHaveLength(21);
		expect([...grouped].sort()).toEqual([...flat].sort());
		expect(values(v2).find((v) => v.name === 'security')!.options!.map((o) => (o as INodeProperties).displayName)).toEqual([
			'Access Control',
			'Active At',
			'Enable Insecure Signing',
			'Expire At',
			'Insecure Signing Methods',
			'SSN or Phone Number',
			'SSN Type',
			'VAT Number',
		]);
		// The documents list (required) starts with one row too.
		expect(node.properties.find((p) => p.name === 'documents')?.default).toEqual({ document: [{ binaryPropertyName: 'data' }] });
	});

	test('the main operation says it sends in one step; Get Status says where the UUID and Payload Hash come from', () => {
		const ops = node.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'caseFile')!;
		const create = (ops.options as Array<{ value: string; name: string; action: string }>).find((o) => o.value === 'create')!;
		expect([ops.default, create.name, create.action]).toEqual(['create', 'Create and Send', 'Create and send a case file']);
		for (const name of ['uuid', 'payloadHash']) expect(node.properties.find((p) => p.name === name)?.description).toMatch(/^Comes from the output of Case File → Create and Send/);
	});

	test('no developer placeholders or wording; examples start with "e.g."', () => {
		const texts = [...all(node.properties), ...all(trigger.properties), ...new PenneoApi().properties].flatMap((p) => [
			p.placeholder,
			p.description,
			...((p.options ?? []) as Array<{ description?: string }>).map((o) => o.description),
		]);
		for (const t of texts.filter((x): x is string => typeof x === 'string')) expect(t).not.toMatch(/127\.0\.0\.1|localhost|local sandbox|\bpoll/i);
		for (const p of [...all(node.properties), ...new PenneoApi().properties]) {
			if (typeof p.placeholder === 'string' && !/^Add /.test(p.placeholder) && !/^Select /.test(p.placeholder)) expect(`${p.name}: ${p.placeholder}`).toMatch(/: e\.g\. /);
		}
	});

	test('the credential’s Custom Hosts fields are required and shown only for Custom Hosts', () => {
		const props = new PenneoApi().properties;
		for (const name of ['appUrl', 'oauthUrl']) {
			expect(props.find((p) => p.name === name)).toMatchObject({ required: true, displayOptions: { show: { environment: ['custom'] } } });
		}
	});
});
