/**
 * The main job (`npm start`): for each of the five providers, its two example workflows (examples/) run through
 * n8n's engine against the in-process sandbox, step by step:
 *   activate the trigger (fires nothing) → send a PDF for signature → poll (nothing) → the signers sign through
 *   the sandbox's HTTP control routes → the trigger fires once → the next poll fires nothing → the signed PDF is
 *   downloaded as binary data → the requests the provider's sandbox received.
 * The story is the same for every provider; what differs is data: one `Scenario` per provider below.
 * Then the provider-neutral step (scripts/esignature/story.ts): the two E-Signature examples, changed only in
 * "Provider" and the credential, against every provider whose adapter is wired — one summary line each.
 * Any failure ends the job with exit code 1 and says which provider and step failed.
 */
import type { IDataObject, INode, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Engine, TriggerRunner } from '../sandbox/engine';
import { startSandbox } from '../sandbox/index';
import type { Sandbox } from '../sandbox/index';
import { EASYINK_SANDBOX_CLIENT, EASYINK_SANDBOX_TOKENS } from '../sandbox/providers/easyink';
import { PENNEO_SANDBOX_CREDENTIALS } from '../sandbox/providers/penneo';
import type { Fault } from '../sandbox/server';
import { makePdf } from '../sandbox/server';
import { CASE_FILE_STATUS } from '../nodes/Penneo/transport';
import { ADAPTERS } from '../nodes/ESignature/adapters';
import { allCredentials } from './esignature/providers';
import type { NeutralOutcome } from './esignature/story';
import { NEUTRAL_FILE, NEUTRAL_SEND, runNeutralStory } from './esignature/story';

const ROOT = path.resolve(__dirname, '..', '..');

type Json = IDataObject;
type RunOutput = (node: string) => INodeExecutionData[];

interface Signer {
	/** Who signs, as printed. */
	who: string;
	/** JSON body of the sandbox control route. */
	body: Json;
}

interface Sent {
	/** ID the signers and the trigger refer to (envelope, case, session, case file). */
	id: string;
	/** What the send workflow returned, one printed line each. */
	lines: string[];
	signers: Signer[];
}

/** One provider's version of the story. Everything else is shared. */
interface Scenario {
	provider: string;
	/** Sandbox prefixes whose recorded requests are listed at the end (token hosts included). */
	prefixes: string[];
	/** The two workflows in examples/: send for signature, and trigger → download the signed document. */
	sendWorkflow: string;
	fileWorkflow: string;
	/** What the send workflow does, for the step title. */
	sends: string;
	/** The credentials n8n would store, pointing at the sandbox. */
	credentials(sandbox: Sandbox): Record<string, Json>;
	/** Fields the manual trigger's item carries besides the common ones. */
	input?: Json;
	/** Reads the send workflow's output. */
	sent(output: RunOutput): Sent;
	/** Control route (after `/_control/`) that makes one signer sign. */
	signRoute(id: string): string;
	/** The provider's status in a control route's answer. */
	status(answer: Json): unknown;
	/** The event value the trigger must fire, and the ID it must carry. */
	event: string;
	eventId(event: Json): unknown;
	/** One line about the fired event. */
	describeEvent(event: Json): string;
}

const SIGNER = { name: 'John Smith', email: 'john.smith@example.com' };

const scenarios: Scenario[] = [
	{
		provider: 'Optimaite',
		prefixes: ['optimaite'],
		sendWorkflow: 'optimaite-send-for-signature.json',
		fileWorkflow: 'optimaite-file-signed-document.json',
		sends: 'Signing Envelope → Create From Files (the PDF uploaded to the case, two signers, sequential)',
		credentials: (s) => ({ optimaiteApi: { apiKey: 'opt_test_sandbox', environment: 'custom', baseUrl: `${s.url('optimaite')}/api/v1` } }),
		input: { caseId: '550e8400-e29b-41d4-a716-446655440000' },
		sent(output) {
			// Version 2 with Simplify: the envelope's fields in camelCase.
			const envelope = output('Send for Signature')[0].json;
			const signers = envelope.signers as Array<{ email: string }>;
			const documents = envelope.documents as Array<{ documentId: string; fileName: string }>;
			return {
				id: String(envelope.envelopeId),
				lines: [
					`uploaded ${documents.map((d) => `${d.fileName} as document ${d.documentId}`).join(', ')} to case ${envelope.caseId}`,
					`envelope ${envelope.envelopeId} "${envelope.title}" is ${envelope.status}; signers: ${signers.map((x) => x.email).join(', ')}`,
				],
				signers: signers.map((x) => ({ who: x.email, body: { email: x.email } })),
			};
		},
		signRoute: (id) => `optimaite/envelopes/${id}/sign`,
		status: (a) => a.status,
		event: 'envelope.completed',
		eventId: (e) => e.envelopeId,
		describeEvent: (e) => `"${e.event}" for envelope ${e.envelopeId} "${e.title}" in case ${e.caseId}`,
	},
	{
		provider: 'NextSign',
		prefixes: ['nextsign', 'nextsign-files', 'nextsign-storage'],
		sendWorkflow: 'nextsign-send-for-signature.json',
		fileWorkflow: 'nextsign-file-signed-document.json',
		sends: 'Case → Create with the PDF from the binary field (two recipients, signing groups 0 and 1)',
		credentials: (s) => ({
			nextSignApi: {
				apiKey: 'ns_test_key',
				companyId: 'acme-company',
				environment: 'custom',
				caseBaseUrl: `${s.url('nextsign')}/api/v2`,
				fileBaseUrl: `${s.url('nextsign-files')}/v3`,
			},
		}),
		sent(output) {
			const c = output('Send for Signature')[0].json;
			const recipients = c.recipients as Array<{ email: string; name: string }>;
			return {
				id: String(c.caseId),
				lines: [
					`case ${c.caseId} "${c.title}" (documents sent ${c.documentTransfer}, state ${c.state}); recipients: ${recipients.map((r) => r.email).join(', ')}`,
				],
				signers: recipients.map((r) => ({ who: r.email, body: { email: r.email } })),
			};
		},
		signRoute: (id) => `nextsign/cases/${id}/sign`,
		// What the docs name: `reminders.allSigned` (the undocumented `state` values are not shown).
		status: (a) => ((a.reminders as Json | undefined)?.allSigned === true ? 'every recipient has signed' : 'waiting for the others'),
		event: 'case_signed',
		eventId: (e) => e.caseId,
		describeEvent: (e) => `"${e.event}" for case ${e.caseId} "${e.title}"`,
	},
	{
		provider: 'Signicat',
		prefixes: ['signicat'],
		sendWorkflow: 'signicat-send-for-signature.json',
		fileWorkflow: 'signicat-file-signed-document.json',
		sends: 'Signing Session → Send Document for Signing (upload, document collection, session; MitID picked from the list)',
		credentials: (s) => ({
			signicatOAuth2Api: {
				environment: 'custom',
				customAccessTokenUrl: `${s.url('signicat')}/auth/open/connect/token`,
				baseUrl: `${s.url('signicat')}/sign`,
				clientId: 'sandbox-client',
				clientSecret: 'sandbox-secret-123',
			},
		}),
		sent(output) {
			const s = output('Send Document for Signing')[0].json;
			return {
				id: String(s.sessionId),
				lines: [
					`uploaded ${s.fileName} as document ${s.documentId} in collection ${s.documentCollectionId}`,
					`session ${s.sessionId} "${s.title}" is ${s.state}; signing link: ${s.signatureUrl}`,
				],
				signers: [{ who: 'the signer (MitID)', body: {} }],
			};
		},
		signRoute: (id) => `signicat/sessions/${id}/sign`,
		status: (a) => (a.lifecycle as Json | undefined)?.state,
		event: 'session.signed',
		eventId: (e) => e.sessionId,
		describeEvent: (e) => `"${e.event}" for session ${e.sessionId} "${e.title}"; result document(s): ${(e.resultDocumentIds as string[]).join(', ')}`,
	},
	{
		provider: 'Penneo',
		prefixes: ['penneo-auth', 'penneo'],
		sendWorkflow: 'penneo-send-for-signature.json',
		fileWorkflow: 'penneo-file-signed-document.json',
		sends: 'Case File → Create and Send with Wait for Completion (two signers; Penneo asks ≥ 5 s between job checks)',
		credentials: (s) => ({ penneoApi: { environment: 'custom', appUrl: s.url('penneo'), oauthUrl: s.url('penneo-auth'), ...PENNEO_SANDBOX_CREDENTIALS } }),
		sent(output) {
			const r = output('Create Case File')[0].json;
			// Penneo's job answer names each signer's link by name and role (result.data.signingLinks).
			const links = r.signingLinks as Array<{ name: string; role: string; link: string }>;
			return {
				id: String(r.caseFileId),
				lines: [`creation job ${r.uuid} is ${r.jobStatus} → case file ${r.caseFileId}`, ...links.map((l) => `signing link for ${l.name} (${l.role}): ${l.link}`)],
				// The sandbox signs for the next signer in sign order.
				signers: links.map((l) => ({ who: l.name, body: {} })),
			};
		},
		signRoute: (id) => `penneo/casefiles/${id}/sign`,
		status: (a) => `${CASE_FILE_STATUS[a.status as number] ?? 'status'} (${a.status})`,
		event: 'caseFile.completed',
		eventId: (e) => String(e.caseFileId),
		describeEvent: (e) => `"${e.event}" for case file ${e.caseFileId} "${e.title}" (${e.status})`,
	},
	{
		provider: 'EasyInk',
		prefixes: ['easyink-identity', 'easyink'],
		sendWorkflow: 'easyink-send-for-signature.json',
		fileWorkflow: 'easyink-file-signed-document.json',
		sends: 'Signing Session → Create and Send (draft, upload, participants, signature fields, start)',
		credentials: (s) => ({
			easyInkOAuth2Api: {
				environment: 'custom',
				apiUrl: s.url('easyink'),
				identityUrl: s.url('easyink-identity'),
				...EASYINK_SANDBOX_CLIENT,
				// What n8n stores after "Connect" (the sandbox's authorize endpoint signs in automatically).
				oauthTokenData: { access_token: EASYINK_SANDBOX_TOKENS.accessToken, token_type: 'Bearer' },
			},
		}),
		sent(output) {
			const s = output('Create and Send')[0].json;
			const participants = s.participants as Array<{ email: string }>;
			return {
				id: String(s.signingSessionId),
				lines: [`session ${s.signingSessionId} "${s.subject}" is ${s.status}; participants: ${participants.map((p) => p.email).join(', ')}`],
				signers: participants.map((p) => ({ who: p.email, body: { email: p.email } })),
			};
		},
		signRoute: (id) => `easyink/sessions/${id}/sign`,
		status: (a) => a.status,
		event: 'session.finished',
		eventId: (e) => e.signingSessionId,
		describeEvent: (e) => `"${e.event}" for session ${e.signingSessionId} "${e.subject}"`,
	},
];

// ───────────────────────────── the shared story ─────────────────────────────

class StepFailed extends Error {}

function check(condition: unknown, message: string): asserts condition {
	if (!condition) throw new StepFailed(message);
}

function workflow(file: string): IWorkflowBase & { nodes: INode[] } {
	return JSON.parse(readFileSync(path.join(ROOT, 'examples', file), 'utf8'));
}

function fired(items: INodeExecutionData[] | null | undefined) {
	return items ? `${items.length} item(s)` : 'nothing';
}

async function control(sandbox: Sandbox, route: string, body: Json): Promise<Json> {
	const res = await fetch(`${sandbox.origin}/_control/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const text = await res.text();
	check(res.ok, `sandbox control route ${route} answered ${res.status}: ${text}`);
	return JSON.parse(text) as Json;
}

function errorText(error: { message: string; description?: string | null } | undefined) {
	return error ? `${error.message}${error.description ? ` — ${error.description}` : ''}` : '';
}

interface Outcome {
	provider: string;
	ok: boolean;
	summary: string;
}

async function runScenario(sc: Scenario, engine: Engine, sandbox: Sandbox): Promise<Outcome> {
	const started = Date.now();
	let n = 0;
	let current = '';
	const step = (text: string) => {
		current = text;
		console.log(`\n  [${++n}] ${text}`);
	};
	const say = (text: string) => console.log(`      ${text}`);

	console.log(`\n━━━ ${sc.provider} ━━━  examples/${sc.sendWorkflow} + examples/${sc.fileWorkflow}`);
	try {
		const send = workflow(sc.sendWorkflow);
		const file = workflow(sc.fileWorkflow);
		const triggerNode = file.nodes.find((x) => x.type.endsWith('Trigger'));
		check(triggerNode, `examples/${sc.fileWorkflow} has no trigger node`);
		const downloadNode = file.nodes.find((x) => x !== triggerNode);
		check(downloadNode, `examples/${sc.fileWorkflow} has no download node`);

		step(`Activate the "${triggerNode.name}" trigger (the first poll remembers what exists and fires nothing)`);
		const trigger = new TriggerRunner(engine, triggerNode);
		const first = await trigger.poll();
		check(!first.error, errorText(first.error));
		check(!first.items, `the first poll fired ${fired(first.items)}`);
		say(`fired: ${fired(first.items)}`);

		step(`Run "${send.name}": ${sc.sends}`);
		const pdf = makePdf('Employment Agreement - John Smith');
		const run = await engine.run(send, [
			{
				json: {
					title: 'Employment Agreement - John Smith',
					reference: 'HR-2026-042',
					signerName: SIGNER.name,
					signerFirstName: 'John',
					signerLastName: 'Smith',
					signerEmail: SIGNER.email,
					...sc.input,
				},
				binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'employment-agreement.pdf', fileExtension: 'pdf', fileSize: String(pdf.length) } },
			},
		]);
		check(!run.error(), errorText(run.error()));
		const sent = sc.sent((name) => {
			const items = run.output(name);
			check(items.length > 0, `"${name}" in examples/${sc.sendWorkflow} returned no items`);
			return items;
		});
		for (const line of sent.lines) say(line);

		step('Poll: nothing signed yet');
		const quiet = await trigger.poll();
		check(!quiet.error, errorText(quiet.error));
		check(!quiet.items, `the trigger fired ${fired(quiet.items)} before anyone signed`);
		say(`fired: ${fired(quiet.items)}`);

		step(`${sent.signers.length === 1 ? 'The signer signs' : `The ${sent.signers.length} signers sign`} (the sandbox's control API, over HTTP)`);
		for (const signer of sent.signers) {
			const answer = await control(sandbox, sc.signRoute(sent.id), signer.body);
			say(`POST /_control/${sc.signRoute(sent.id)}  ${signer.who} signed → ${String(sc.status(answer))}`);
		}

		step(`Poll: the trigger fires "${sc.event}" once`);
		const hit = await trigger.poll();
		check(!hit.error, errorText(hit.error));
		check(hit.items?.length === 1, `expected one "${sc.event}" event, the trigger fired ${fired(hit.items)}`);
		const event = hit.items[0].json;
		check(event.event === sc.event && String(sc.eventId(event)) === sent.id, `expected "${sc.event}" for ${sent.id}, got "${event.event}" for ${String(sc.eventId(event))}`);
		say(sc.describeEvent(event));
		const again = await trigger.poll();
		check(!again.error, errorText(again.error));
		check(!again.items, `the next poll fired again: ${fired(again.items)}`);
		say(`next poll fired: ${fired(again.items)} (no duplicates)`);

		step(`Run the rest of "${file.name}": "${downloadNode.name}" downloads the signed PDF as binary data`);
		const download = await engine.run(file, hit.items, downloadNode.name);
		check(!download.error(), errorText(download.error()));
		const items = download.output(downloadNode.name);
		const binaries = items.flatMap((item) => Object.entries(item.binary ?? {}));
		check(binaries.length > 0, `"${downloadNode.name}" returned no binary data`);
		const [property, binary] = binaries[0];
		const bytes = Buffer.from(binary.data, 'base64');
		check(bytes.subarray(0, 5).toString() === '%PDF-', `binary "${property}" (${binary.fileName}) is not a PDF`);
		say(`binary "${property}": ${binary.fileName} (${binary.mimeType}, ${bytes.length} bytes, starts with %PDF-)`);

		const requests = sandbox.requests.filter((r) => sc.prefixes.includes(r.prefix));
		step(`${requests.length} requests reached the ${sc.provider} sandbox`);
		for (const r of requests) {
			const url = `/${r.prefix}${r.path}${r.search}`;
			say(`${r.method.padEnd(6)} ${url.length > 140 ? `${url.slice(0, 139)}…` : url} → ${r.status}`);
		}

		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		return {
			provider: sc.provider,
			ok: true,
			summary: `${sc.event} fired once for ${sent.id}; signed PDF ${binary.fileName} (${bytes.length} bytes); ${requests.length} requests; ${seconds} s`,
		};
	} catch (error) {
		const e = error as Error;
		const reason = e instanceof StepFailed ? e.message : (e.stack ?? e.message);
		console.error(`\n      FAILED at step ${n} (${current}): ${reason}`);
		return { provider: sc.provider, ok: false, summary: `step ${n} failed: ${e.message.split(' — ')[0]}` };
	}
}

/** The whole job must finish well within a minute; if anything hangs, say so and stop. */
const WATCHDOG_MS = 120_000;

/**
 * Arguments: provider names to run only some of them (`npm start -- penneo easyink`), and `--fault '<json>'`
 * to put a sandbox fault in the way (the sandbox's `/_control/faults` body) and see how a failure reads.
 */
function parseArgs(argv: string[]): { selected: Scenario[]; faults: Fault[] } {
	const names: string[] = [];
	const faults: Fault[] = [];
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--fault') {
			const raw = argv[++i];
			try {
				faults.push(JSON.parse(raw ?? '') as Fault);
			} catch {
				throw new StepFailed(`--fault needs a JSON object, e.g. --fault '{"prefix":"signicat","method":"POST","path":"/sign/signing-sessions","status":500}' (got ${raw})`);
			}
		} else names.push(argv[i].toLowerCase());
	}
	const unknown = names.filter((x) => !scenarios.some((sc) => sc.provider.toLowerCase() === x));
	if (unknown.length) throw new StepFailed(`unknown provider ${unknown.join(', ')}; choose from ${scenarios.map((sc) => sc.provider.toLowerCase()).join(', ')}`);
	return { selected: names.length ? scenarios.filter((sc) => names.includes(sc.provider.toLowerCase())) : scenarios, faults };
}

async function main() {
	const started = Date.now();
	const { selected, faults } = parseArgs(process.argv.slice(2));
	setTimeout(() => {
		console.error(`\nMAIN JOB FAILED: still running after ${WATCHDOG_MS / 1000} s`);
		process.exit(1);
	}, WATCHDOG_MS).unref();
	const sandbox = await startSandbox(0);
	console.log(`Sandbox (local emulators of the providers) on ${sandbox.origin}`);
	for (const fault of faults) sandbox.addFault(fault);
	const outcomes: Outcome[] = [];
	const neutral: NeutralOutcome[] = [];
	try {
		const credentials = Object.assign(allCredentials(sandbox), ...scenarios.map((sc) => sc.credentials(sandbox)));
		const engine = new Engine({ packageDir: ROOT, credentials });
		const loader = await engine.load();
		console.log(`Loaded ${Object.keys(loader.nodeTypes).length} nodes and ${Object.keys(loader.credentialTypes).length} credentials from dist/ with n8n-core's package loader`);
		for (const sc of selected) outcomes.push(await runScenario(sc, engine, sandbox));
		// Last: the provider-neutral workflow, the same JSON for every provider whose adapter is wired.
		const wired = ADAPTERS.filter((a) => selected.some((sc) => sc.provider === a.displayName));
		if (wired.length) {
			console.log(`\n━━━ E-Signature: one workflow, every provider ━━━  examples/${NEUTRAL_SEND} + examples/${NEUTRAL_FILE}`);
			console.log(`      wired: ${ADAPTERS.map((a) => a.displayName).join(', ')}; only "Provider" and the credential change`);
			for (const a of wired) neutral.push(await runNeutralStory(engine, sandbox, a.provider, path.join(ROOT, 'examples')));
		}
	} finally {
		await sandbox.stop();
	}

	console.log(`\n━━━ Summary (${((Date.now() - started) / 1000).toFixed(1)} s) ━━━`);
	for (const o of outcomes) console.log(`  ${o.ok ? 'OK    ' : 'FAILED'} ${o.provider.padEnd(10)} ${o.summary}`);
	for (const o of neutral) console.log(`  ${o.ok ? 'OK    ' : 'FAILED'} E-Signature (${o.provider}) ${o.summary}`);
	const failed = [...outcomes.filter((o) => !o.ok).map((o) => o.provider), ...neutral.filter((o) => !o.ok).map((o) => `E-Signature (${o.provider})`)];
	if (failed.length) {
		console.error(`\nMAIN JOB FAILED: ${failed.join(', ')} (see above)`);
		process.exitCode = 1;
	}
}

main().catch((error: Error) => {
	console.error(`\nMAIN JOB FAILED: ${error instanceof StepFailed ? error.message : (error.stack ?? error.message)}`);
	process.exitCode = 1;
});
