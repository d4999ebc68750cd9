/** Shared set-up of the E-Signature tests: every provider's sandbox credential, node builders, the example workflows. */
import type { IDataObject, INode, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ADAPTERS } from '../../nodes/ESignature/adapters';
import { allCredentials, neutralProvider } from '../../scripts/esignature/providers';
import { makePdf } from '../../sandbox/server';
import { node, PACKAGE_DIR, useEnv } from '../helpers';

/** The providers whose adapters are wired into the E-Signature node (all five once they have landed). */
export const WIRED = ADAPTERS.map((a) => a.provider);

export function useESignature() {
	return useEnv((s) => allCredentials(s));
}

export function credentialsOf(provider: string): Record<string, string> {
	const p = neutralProvider(provider);
	return { [p.credentialType]: `${p.provider}-cred` };
}

export function eSignature(provider: string, parameters: IDataObject, name = 'E-Signature'): INode {
	return node('eSignature', { provider, ...parameters }, credentialsOf(provider), name);
}

export function eSignatureTrigger(provider: string, parameters: IDataObject, name = 'E-Signature Trigger'): INode {
	return node('eSignatureTrigger', { provider, ...parameters }, credentialsOf(provider), name);
}

export type Workflow = IWorkflowBase & { nodes: INode[] };

export function example(file: string): Workflow {
	return JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'examples', file), 'utf8')) as Workflow;
}

/** An input item with PDFs in the named binary fields. */
export function pdfItem(json: IDataObject = {}, files: Record<string, string> = { data: 'contract.pdf' }): INodeExecutionData {
	const binary: INodeExecutionData['binary'] = {};
	for (const [property, fileName] of Object.entries(files)) {
		const content = makePdf(fileName);
		binary[property] = { data: content.toString('base64'), mimeType: 'application/pdf', fileName, fileExtension: 'pdf', fileSize: String(content.length) };
	}
	return { json, binary };
}

/** The fields the send example reads from its input item. */
export const CONTRACT = { title: 'Employment Agreement - John Smith', signerName: 'John Smith', signerEmail: 'john.smith@example.com' };
