/**
 * The E-Signature node and trigger as n8n's package loader loads them from dist/: one Provider field listing the wired
 * providers, only the chosen provider's credential shown, each provider's own options shown only for it, the national
 * ID a password field, n8n's conventions (usable as a tool, polling trigger, documentation link).
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { ADAPTERS } from '../../nodes/ESignature/adapters';
import { useESignature, WIRED } from './env';

const env = useESignature();
const DOCS = 'https://github.com/n8n-nodes-esign/n8n-nodes-esign#e-signature';

function described(name: string): INodeTypeDescription {
	const loaded = env.engine.packageLoader.nodeTypes[name];
	expect(loaded).toBeDefined();
	return (loaded.type as { description: INodeTypeDescription }).description;
}

const find = (props: INodeProperties[], name: string) => props.find((p) => p.name === name)!;

describe.each(['eSignature', 'eSignatureTrigger'])('%s', (name) => {
	test('Provider lists every wired provider by name; only the chosen provider’s credential is shown', () => {
		const d = described(name);
		const provider = find(d.properties, 'provider');
		// The first field (after the poll times n8n adds to a polling trigger).
		expect(d.properties.filter((p) => p.name !== 'pollTimes')[0]).toBe(provider);
		expect(provider).toMatchObject({ displayName: 'Provider', type: 'options', noDataExpression: true });
		expect(provider.options).toEqual(ADAPTERS.map((a) => ({ name: a.displayName, value: a.provider })));
		expect(WIRED).toContain(provider.default);
		expect(d.credentials).toEqual(ADAPTERS.map((a) => ({ name: a.credentialType, required: true, displayOptions: { show: { provider: [a.provider] } } })));
		expect([d.documentationUrl, d.codex?.resources?.primaryDocumentation?.[0]?.url]).toEqual([DOCS, DOCS]);
	});

	test('each provider’s own options, shown only when it is chosen', () => {
		const d = described(name);
		const trigger = name === 'eSignatureTrigger';
		for (const a of ADAPTERS) {
			const own = trigger ? a.triggerOptions : a.sendOptions;
			const collection = d.properties.find((p) => p.name === `${a.provider}${trigger ? 'TriggerOptions' : 'Options'}`);
			if (!own?.length) {
				expect(collection).toBeUndefined();
				continue;
			}
			expect(collection).toMatchObject({ displayName: 'Provider Options', type: 'collection', default: {} });
			expect(collection!.displayOptions!.show!.provider).toEqual([a.provider]);
			if (!trigger) expect(collection!.displayOptions!.show!.operation).toEqual(['send']);
			expect((collection!.options as INodeProperties[]).map((o) => o.name)).toEqual(own.map((o) => o.name));
		}
	});
});

test('E-Signature: usable as a tool, the four operations, National ID a password field', () => {
	const d = described('eSignature');
	expect(d).toMatchObject({ displayName: 'E-Signature', usableAsTool: true, group: ['output'] });
	expect(find(d.properties, 'operation').options!.map((o) => ('name' in o ? o.name : ''))).toEqual(['Cancel', 'Download Signed Document', 'Get Status', 'Send for Signature']);
	const signer = (find(d.properties, 'signers').options as Array<{ values: INodeProperties[] }>)[0].values;
	expect(signer.map((v) => v.displayName)).toEqual(['Name', 'Email', 'Phone', 'National ID']);
	expect(find(signer, 'nationalId').typeOptions).toEqual({ password: true });
	const options = (find(d.properties, 'options').options as INodeProperties[]).map((o) => o.displayName);
	expect(options).toEqual(['Due Date', 'Message', 'Signing Order']);
});

test('E-Signature Trigger: polling, the four neutral events', () => {
	const d = described('eSignatureTrigger');
	expect(d).toMatchObject({ displayName: 'E-Signature Trigger', polling: true, inputs: [] });
	expect(find(d.properties, 'events').options!.map((o) => ('value' in o ? o.value : ''))).toEqual(['completed', 'declined', 'expired', 'signer.signed']);
});
