/**
 * The main job (`npm start`): a real workflow through n8n's engine against the sandbox, step by step.
 * upload a PDF → create an envelope → a signer signs in the sandbox → the trigger fires →
 * the signed document is downloaded as binary data.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Engine, TriggerRunner } from '../sandbox/engine';
import { startSandbox } from '../sandbox/index';
import { makePdf } from '../sandbox/server';

const ROOT = path.resolve(__dirname, '..', '..');
const CASE_ID = '550e8400-e29b-41d4-a716-446655440000';

function step(n: number, text: string) {
	console.log(`\n[${n}] ${text}`);
}

function fail(message: string): never {
	console.error(`\nMAIN JOB FAILED: ${message}`);
	process.exit(1);
}

async function control(origin: string, route: string, body: unknown = {}) {
	const res = await fetch(`${origin}/_control/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (!res.ok) fail(`sandbox control ${route} answered ${res.status}: ${await res.text()}`);
	return (await res.json()) as Record<string, unknown>;
}

async function main() {
	const sandbox = await startSandbox(0);
	console.log(`Sandbox (local emulators of the providers) on ${sandbox.origin}`);
	const engine = new Engine({
		packageDir: ROOT,
		credentials: { optimaiteApi: { apiKey: 'opt_test_sandbox', environment: 'custom', baseUrl: `${sandbox.url('optimaite')}/api/v1` } },
	});
	const loader = await engine.load();
	console.log(`Loaded ${Object.keys(loader.nodeTypes).length} nodes and ${Object.keys(loader.credentialTypes).length} credentials from dist/ with n8n-core's package loader`);

	try {
		const sendWorkflow = JSON.parse(readFileSync(path.join(ROOT, 'examples/optimaite-send-for-signature.json'), 'utf8'));
		const fileWorkflow = JSON.parse(readFileSync(path.join(ROOT, 'examples/optimaite-file-signed-document.json'), 'utf8'));

		step(1, 'Activate the "Envelope Completed" trigger (first poll remembers what exists, fires nothing)');
		const triggerNode = fileWorkflow.nodes.find((n: { type: string }) => n.type.endsWith('optimaiteTrigger'));
		const trigger = new TriggerRunner(engine, triggerNode);
		const first = await trigger.poll();
		if (first.error) fail(first.error.message);
		console.log(`    fired: ${first.items ? first.items.length : 'nothing'}`);

		step(2, 'Run "Optimaite: send a contract for signature": upload the PDF, create the envelope');
		const pdf = makePdf('Employment Agreement - John Smith');
		const run = await engine.run(sendWorkflow, [
			{
				json: { caseId: CASE_ID, title: 'Employment Agreement -- Smith', signerName: 'John Smith', signerEmail: 'john.smith@example.com' },
				binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'employment-agreement.pdf', fileExtension: 'pdf', fileSize: String(pdf.length) } },
			},
		]);
		if (run.error()) fail(`${run.error()!.message} — ${run.error()!.description ?? ''}`);
		const uploaded = run.output('Upload Contract')[0].json;
		const envelope = run.output('Send for Signature')[0].json;
		console.log(`    uploaded ${uploaded.filename} (${uploaded.size_bytes} bytes) as ${uploaded.id}`);
		console.log(`    envelope ${envelope.id} "${envelope.title}" is ${envelope.status}, signers: ${(envelope.signers as Array<{ email: string }>).map((s) => s.email).join(', ')}`);

		step(3, 'Poll: nothing signed yet');
		const quiet = await trigger.poll();
		console.log(`    fired: ${quiet.items ? quiet.items.length : 'nothing'}`);

		step(4, 'Both signers sign in the sandbox (acting as the signers)');
		for (const email of ['john.smith@example.com', 'hr@company.example']) {
			const after = await control(sandbox.origin, `optimaite/envelopes/${envelope.id}/sign`, { email });
			console.log(`    ${email} signed → envelope ${after.status}`);
		}

		step(5, 'Poll: the trigger fires "envelope.completed" once');
		const fired = await trigger.poll();
		if (fired.error) fail(fired.error.message);
		if (!fired.items || fired.items.length !== 1) fail(`expected one event, got ${fired.items?.length ?? 0}`);
		const event = fired.items[0].json;
		console.log(`    ${event.event} for ${event.envelopeId}; signed document(s): ${(event.signedDocumentIds as string[]).join(', ')}`);
		const again = await trigger.poll();
		console.log(`    next poll fired: ${again.items ? again.items.length : 'nothing'} (no duplicates)`);

		step(6, 'Run the rest of "Optimaite: file the signed PDF": download it as binary data');
		const download = await engine.run(fileWorkflow, fired.items, 'Download Signed PDF');
		if (download.error()) fail(download.error()!.message);
		const item = download.output('Download Signed PDF')[0];
		const binary = item.binary!.signed;
		const bytes = Buffer.from(binary.data, 'base64');
		if (bytes.subarray(0, 5).toString() !== '%PDF-') fail('the downloaded file is not a PDF');
		console.log(`    binary "signed": ${binary.fileName} (${binary.mimeType}, ${bytes.length} bytes, starts with %PDF-)`);

		const requests = sandbox.requestsFor('optimaite');
		console.log(`\nDone: ${requests.length} requests reached the Optimaite sandbox:`);
		for (const r of requests) console.log(`    ${r.method.padEnd(6)} ${r.path}${Object.keys(r.query).length ? '?' + new URLSearchParams(r.query) : ''} → ${r.status}`);
	} finally {
		await sandbox.stop();
	}
}

main().catch((error: Error) => fail(error.stack ?? error.message));
