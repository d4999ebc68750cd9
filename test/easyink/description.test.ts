/** What the n8n editor shows for EasyInk: conventions reviewers, no-code users and AI agents rely on. */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { EasyInkOAuth2Api } from '../../credentials/EasyInkOAuth2Api.credentials';
import { EasyInk } from '../../nodes/EasyInk/EasyInk.node';
import { EasyInkTrigger } from '../../nodes/EasyInk/EasyInkTrigger.node';

const node = new EasyInk().description;

test('usable as a tool, resource/operation UI, every operation of the issue with an action', () => {
	expect(node.usableAsTool).toBe(true);
	const ops = node.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) => (p.options as Array<{ value: string; action?: string }>).map((o) => {
			expect(o.action).toBeTruthy();
			return `${String(p.displayOptions?.show?.resource)}:${o.value}`;
		}));
	expect(ops.sort()).toEqual(
		[
			'session:createAndSend', 'session:start', 'session:get', 'session:exists', 'session:void', 'session:search', 'session:getStatistics',
			'draft:create', 'draft:get', 'draft:update', 'draft:delete', 'draft:exists', 'draft:duplicate', 'draft:recreate', 'draft:convert',
			'document:upload', 'document:download', 'document:remove',
			'attachment:upload', 'attachment:download', 'attachment:remove',
			'participant:add', 'participant:addMe', 'participant:update', 'participant:updateDelivery', 'participant:remove',
			'signingOrder:setSequential', 'signingOrder:setParallel',
			'signatureField:add', 'signatureField:updateOptions', 'signatureField:updatePosition', 'signatureField:remove',
			'signedOutput:downloadSigned', 'signedOutput:downloadAllInOne',
		].sort(),
	);
	// Create and Send is what a no-code user sees first.
	expect(node.properties.find((p) => p.name === 'resource')?.default).toBe('session');
	expect(node.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'session')?.default).toBe('createAndSend');
});

test('booleans start "Whether"; display names are Title Case; every parameter belongs to one operation', () => {
	const nested = node.properties.flatMap((p) =>
		p.type === 'collection' ? ((p.options ?? []) as INodeProperties[]) : p.type === 'fixedCollection' ? ((p.options as INodePropertyCollection[]).flatMap((o) => o.values) as INodeProperties[]) : [],
	);
	const all = [...node.properties, ...nested];
	for (const p of all.filter((x) => x.type === 'boolean')) expect(`${p.name}: ${p.description}`).toMatch(/^\w+: Whether /);
	for (const p of all.filter((x) => x.type !== 'notice')) expect(p.displayName).toMatch(/^([A-Z0-9(][\w()’'-]*)( (to|in|on|of|and|or|a|per|the|[A-Z0-9(][\w()’'-]*))*$/);
	for (const p of node.properties.filter((x) => !['resource', 'operation'].includes(x.name))) {
		expect(p.displayOptions?.show?.resource).toHaveLength(1);
		expect(p.displayOptions?.show?.operation).toHaveLength(1);
	}
});

test('the credential is OAuth2 with PKCE and the three environments; the trigger offers the six events', () => {
	const cred = new EasyInkOAuth2Api();
	expect([cred.name, cred.displayName, cred.constructor.name]).toEqual(['easyInkOAuth2Api', 'EasyInk OAuth2 API', 'EasyInkOAuth2Api']);
	expect(cred.extends).toEqual(['oAuth2Api']);
	const byName = Object.fromEntries(cred.properties.map((p) => [p.name, p]));
	expect(byName.grantType).toMatchObject({ type: 'hidden', default: 'pkce' });
	expect(byName.scope).toMatchObject({ type: 'hidden', default: 'openid hermes_api hermes_idp profile' });
	expect((byName.environment.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['production', 'staging', 'custom']);
	const trigger = new EasyInkTrigger().description;
	expect(trigger.polling).toBe(true);
	const events = trigger.properties.find((p) => p.name === 'events');
	expect((events?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(['declined', 'expired', 'participantSigned', 'sessionFinished', 'started', 'voided']);
	expect(trigger.properties.find((p) => p.name === 'simplify')).toMatchObject({ type: 'boolean', default: true });
});
