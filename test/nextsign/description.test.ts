/** What the n8n editor shows: conventions the reviewers (and no-code users) rely on. */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { NextSignApi } from '../../credentials/NextSignApi.credentials';
import { NextSign } from '../../nodes/NextSign/NextSign.node';
import { NextSignTrigger } from '../../nodes/NextSign/NextSignTrigger.node';

const node = new NextSign().description;

function collectionValues(name: string, operation: string): INodeProperties[] {
	const prop = node.properties.find((p) => p.name === name && (p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation));
	return ((prop?.options as INodePropertyCollection[])[0].values ?? []) as INodeProperties[];
}

test('the node is usable as a tool, with resource/operation UI and every operation', () => {
	expect(node.usableAsTool).toBe(true);
	const ops = node.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) => (p.options as Array<{ value: string }>).map((o) => `${String(p.displayOptions?.show?.resource)}:${o.value}`));
	expect(ops.sort()).toEqual(
		[
			'case:create',
			'case:delete',
			'case:get',
			'case:getMany',
			'case:getSeveral',
			'document:convert',
			'document:download',
			'document:downloadSigned',
			'document:upload',
			'form:get',
			'form:getTags',
			'form:submit',
		].sort(),
	);
});

test('CPR numbers are password fields in Case → Create and Form → Submit; the API key too', () => {
	for (const operation of ['create', 'submit']) {
		const cpr = collectionValues('recipients', operation).find((v) => v.name === 'cpr');
		expect(cpr?.typeOptions?.password).toBe(true);
		expect(cpr?.displayOptions?.show).toEqual({ needsCpr: [true] });
	}
	const key = new NextSignApi().properties.find((p) => p.name === 'apiKey');
	expect(key?.typeOptions?.password).toBe(true);
});

test('booleans start "Whether"; signing methods are only the documented ones', () => {
	const all = [...node.properties, ...collectionValues('recipients', 'create'), ...collectionValues('documents', 'create')];
	const nested = node.properties.flatMap((p) => (p.type === 'collection' ? ((p.options ?? []) as INodeProperties[]) : []));
	for (const p of [...all, ...nested].filter((x) => x.type === 'boolean')) expect(`${p.name}: ${p.description}`).toMatch(/^\w+: Whether /);
	const method = collectionValues('recipients', 'create').find((v) => v.name === 'signingSchema');
	expect((method?.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
		'',
		'urn:grn:authn:dk:mitid:substantial',
		'urn:grn:authn:dk:mitid:low',
		'urn:grn:authn:dk:mitid:business',
		'urn:grn:authn:se:bankid',
		'draw-cpr',
		'draw',
		'sms-email',
	]);
});

test('the trigger offers the five events', () => {
	const events = new NextSignTrigger().description.properties.find((p) => p.name === 'events');
	expect((events?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(['caseCreated', 'caseDenied', 'caseExpired', 'caseSigned', 'recipientSigned']);
});

test('version 1.1 and later show Auto Send as its own field; version 1 keeps it under Additional Fields; 2 is the default', () => {
	expect(node.version).toEqual([1, 1.1, 2]);
	expect(node.defaultVersion).toBe(2);
	const top = node.properties.find((p) => p.name === 'autoSend');
	expect(top).toMatchObject({ type: 'boolean', default: true, displayOptions: { show: { resource: ['case'], operation: ['create'], '@version': [{ _cnd: { gte: 1.1 } }] } } });
	const additional = node.properties.filter((p) => p.name === 'additionalFields' && (p.displayOptions?.show?.operation as string[]).includes('create'));
	expect(additional.map((p) => [p.displayOptions?.show?.['@version'], (p.options as INodeProperties[]).some((o) => o.name === 'autoSend')])).toEqual([
		[[{ _cnd: { lt: 1.1 } }], true],
		[[{ _cnd: { gte: 1.1 } }], false],
	]);
});
