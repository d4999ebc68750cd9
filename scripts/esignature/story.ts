/**
 * The main job's last step (`npm start`): the two E-Signature example workflows, unchanged but for "Provider" and
 * the credential, against each wired provider's sandbox:
 *   activate the trigger (fires nothing) → Send for Signature → the signer signs through the sandbox's control
 *   route → the trigger fires Completed once (and nothing on the next poll) → the signed PDF downloaded as binary.
 * One summary line per provider.
 */
import type { IDataObject, INode, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Engine } from '../../sandbox/engine';
import { TriggerRunner } from '../../sandbox/engine';
import type { Sandbox } from '../../sandbox/index';
import { makePdf } from '../../sandbox/server';
import { control, forProvider, neutralProvider } from './providers';

export const NEUTRAL_SEND = 'esignature-send-for-signature.json';
export const NEUTRAL_FILE = 'esignature-file-signed-document.json';

export interface NeutralOutcome {
	provider: string;
	ok: boolean;
	summary: string;
}

type Workflow = IWorkflowBase & { nodes: INode[] };

class Failed extends Error {}

function check(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Failed(message);
}

const errorText = (e?: { message: string; description?: string | null }) => (e ? `${e.message}${e.description ? ` — ${e.description}` : ''}` : '');
const fired = (items: INodeExecutionData[] | null | undefined) => (items ? `${items.length} item(s)` : 'nothing');

/** Runs the neutral story for one provider; prints its steps, returns its summary line. */
export async function runNeutralStory(engine: Engine, sandbox: Sandbox, provider: string, examplesDir: string): Promise<NeutralOutcome> {
	const p = neutralProvider(provider);
	const read = (file: string) => forProvider(JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8')) as Workflow, provider);
	const say = (text: string) => console.log(`      ${text}`);
	const started = Date.now();
	const before = sandbox.requests.length;
	console.log(`\n  E-Signature with ${p.displayName} ("Provider" = ${p.provider}, credential ${p.credentialType})`);
	try {
		const send = read(NEUTRAL_SEND);
		const file = read(NEUTRAL_FILE);
		const triggerNode = file.nodes.find((n) => n.type.endsWith('eSignatureTrigger'));
		check(triggerNode, `examples/${NEUTRAL_FILE} has no E-Signature Trigger`);
		const downloadNode = file.nodes.find((n) => n !== triggerNode)!;

		const trigger = new TriggerRunner(engine, triggerNode);
		const first = await trigger.poll();
		check(!first.error && !first.items, first.error ? errorText(first.error) : `the first poll fired ${fired(first.items)}`);
		say('trigger activated: fired nothing');

		const pdf = makePdf('Employment Agreement - John Smith');
		const run = await engine.run(send, [
			{
				// caseId: the case Optimaite files the envelope in (its Provider Options read it); the others ignore it.
				json: { title: 'Employment Agreement - John Smith', signerName: 'John Smith', signerEmail: 'john.smith@example.com', caseId: '550e8400-e29b-41d4-a716-446655440000' },
				binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'employment-agreement.pdf', fileExtension: 'pdf', fileSize: String(pdf.length) } },
			},
		]);
		check(!run.error(), errorText(run.error()));
		const sent = run.output('Send for Signature')[0]?.json as IDataObject | undefined;
		check(sent?.envelopeId, 'Send for Signature returned no envelope');
		const id = String(sent.envelopeId);
		const signers = (sent.signers ?? []) as Array<{ email?: string; status?: string }>;
		say(`sent: envelope ${id} is ${String(sent.status)}; signers: ${signers.map((s) => `${s.email} (${s.status})`).join(', ')}`);

		for (const signer of signers) {
			const c = p.control('sign', id, { email: signer.email });
			await control(sandbox, c.route, c.body);
			say(`POST /_control/${c.route}  ${signer.email} signed`);
		}

		const hit = await trigger.poll();
		check(!hit.error, errorText(hit.error));
		check(hit.items?.length === 1, `expected one "completed" event, the trigger fired ${fired(hit.items)}`);
		const event = hit.items[0].json;
		check(event.event === 'completed' && event.envelopeId === id, `expected "completed" for ${id}, got "${String(event.event)}" for ${String(event.envelopeId)}`);
		const again = await trigger.poll();
		check(!again.error && !again.items, `the next poll fired again: ${fired(again.items)}`);
		say(`trigger fired "completed" once for ${id}; next poll fired nothing`);

		const download = await engine.run(file, hit.items, downloadNode.name);
		check(!download.error(), errorText(download.error()));
		const binary = download.output(downloadNode.name)[0]?.binary?.data;
		check(binary, `"${downloadNode.name}" returned no binary "data"`);
		const bytes = Buffer.from(binary.data, 'base64');
		check(bytes.subarray(0, 5).toString() === '%PDF-', `${binary.fileName} is not a PDF`);
		say(`downloaded: ${binary.fileName} (${binary.mimeType}, ${bytes.length} bytes, starts with %PDF-)`);

		const requests = sandbox.requests.slice(before).filter((r) => p.prefixes.includes(r.prefix)).length;
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		return { provider: p.displayName, ok: true, summary: `completed fired once for ${id}; signed PDF ${binary.fileName} (${bytes.length} bytes); ${requests} requests; ${seconds} s` };
	} catch (error) {
		const e = error as Error;
		console.error(`\n      E-Signature with ${p.displayName} FAILED: ${e instanceof Failed ? e.message : (e.stack ?? e.message)}`);
		return { provider: p.displayName, ok: false, summary: `failed: ${e.message.split(' — ')[0]}` };
	}
}
