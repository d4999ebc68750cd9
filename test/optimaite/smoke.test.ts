import { makePdf } from '../../sandbox/server';
import { emulatorState } from '../../sandbox/index';
import type { OptimaiteState } from '../../sandbox/providers/optimaite';
import { fileItem, node, single, trigger, useEnv } from '../helpers';

const CASE = '550e8400-e29b-41d4-a716-446655440000';
const env = useEnv((s) => ({ optimaiteApi: { apiKey: 'opt_test_sandbox', environment: 'custom', baseUrl: `${s.url('optimaite')}/api/v1` } }));

test('smoke: upload then trigger', async () => {
	const n = node('optimaite', { resource: 'document', operation: 'upload', caseId: CASE, binaryPropertyName: 'data' }, { optimaiteApi: 'c1' });
	const result = await env.engine.run(single(n), [fileItem(makePdf('hello'))]);
	const docId = result.output('Node')[0].json.id as string;
	const t = trigger(env.engine, node('optimaiteTrigger', { watch: 'cases', caseIds: CASE, events: ['completed', 'signerSigned'] }, { optimaiteApi: 'c1' }, 'Trigger'));
	console.log(await t.poll());
	const create = node('optimaite', { resource: 'envelope', operation: 'create', caseId: CASE, title: 'T', documentIds: docId, signers: { signer: [{ name: 'A', email: 'a@x.io' }] } }, { optimaiteApi: 'c1' });
	const r2 = await env.engine.run(single(create));
	console.log(r2.output('Node'), r2.error());
	emulatorState<OptimaiteState>(env.sandbox, 'optimaite').sign(r2.output('Node')[0].json.id as string);
	console.log(JSON.stringify(await t.poll()).slice(0, 500));
	console.log(await t.poll());
	console.log(JSON.stringify(await t.poll('manual')).slice(0, 300));
});
