/** Shared set-up of the E-Signature tests: every provider's sandbox credential, node builders, the example workflows. */
import type { IDataObject, INode, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ADAPTERS } from '../../nodes/ESignature/adapters';
import { allCredentials, neutralProvider } from '../../scripts/esignature/providers';
import { makePdf } from '../../sandbox/server';
import { node, PACKAGE_DIR, useEnv } from '../helpers';

/** A case the Optimaite sandbox has (as in the main job). */
export const OPTIMAITE_CASE = '550e8400-e29b-41d4-a716-446655440000';

/** The providers whose adapters are wired into the E-Signature node (all five once they have landed). */
export const WIRED = ADAPTERS.map((a) => a.provider);

export function useESignature() {
	return useEnv((s) => allCredentials(s));
}

export function credentialsOf(provider: string): Record<string, string> {
	const p = neutralProvider(provider);
	return { [p.credentialType]: `${p.provider}-cred` };
}

/**
 * The send example's "Provider Options" (e.g. Signicat's identity provider, which Signicat requires): a workflow built
 * here carries them all, as the example does, so the same parameters work with every provider.
 */
export function exampleProviderOptions(): IDataObject {
	const send = example('esignature-send-for-signature.json').nodes.find((n) => n.type.endsWith('.eSignature'))!;
	return Object.fromEntries(Object.entries(send.parameters).filter(([k]) => k !== 'options' && k.endsWith('Options'))) as IDataObject;
}

export function eSignature(provider: string, parameters: IDataObject, name = 'E-Signature'): INode {
	const extra = parameters.operation === 'send' ? exampleProviderOptions() : {};
	return node('eSignature', { provider, ...extra, ...parameters }, credentialsOf(provider), name);
}

export function eSignatureTrigger(provider: string, parameters: IDataObject, name = 'E-Signature Trigger'): INode {
	return node('eSignatureTrigger', { provider, ...parameters }, credentialsOf(provider), name);
}

export type Workflow = IWorkflowBase & { nodes: INode[] };

export function example(file: string): Workflow {
	return JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'examples', file), 'utf8')) as Workflow;
}

/** An input item with PDFs in the named binary fields. */
export function pdfItem(fields: IDataObject = {}, files: Record<string, string> = { data: 'contract.pdf' }): INodeExecutionData {
	// Every item carries the Optimaite case the example's Provider Options read.
	const json = { caseId: OPTIMAITE_CASE, ...fields };
	const binary: INodeExecutionData['binary'] = {};
	for (const [property, fileName] of Object.entries(files)) {
		const content = makePdf(fileName);
		binary[property] = { data: content.toString('base64'), mimeType: 'application/pdf', fileName, fileExtension: 'pdf', fileSize: String(content.length) };
	}
	return { json, binary };
}

/** The fields the send example reads from its input item. */
export const CONTRACT = {
	title: 'Employment Agreement - John Smith',
	signerName: 'John Smith',
	signerEmail: 'john.smith@example.com',
	// Optimaite files every envelope in a case (its Provider Options read it); the others ignore it.
	caseId: OPTIMAITE_CASE,
};
