/**
 * The create body of one signing session, checked as the sources describe it and refused where it goes
 * beyond them. Sources: signicat-sign-api-v2.txt "Creates a new signing session" (fields, limits, sample) and
 * PUBLIC-DOCS.md §2 (required fields, `signingSetup`, `signingFlow`, `vendor`, `ui.language`, `redirectSettings`,
 * `signer.email/mobile`, `senderDisplayName`, `signatureUrlTTL`, SessionDocument with all three keys required).
 */
import { bool, isObject, oneOf, str, strictKeys, uuidIssue, DATE_TIME } from './checks';
import { packageToIssues } from './collections';
import { DOCUMENT_ACTIONS, LANGUAGES, SIGNING_FLOWS, VENDORS, type Issue, type SignicatState } from './state';

const SESSION_KEYS = [
	'signatureUrlTTL',
	'title',
	'signText',
	'dueDate',
	'documents',
	'externalReference',
	'signingSetup',
	'subsequentTo',
	'packageTo',
	'signer',
	'archive',
	'preAuthentication',
	'ui',
	'redirectSettings',
	'senderDisplayName',
];
const DAY_MS = 86_400_000;

export function sessionIssues(state: SignicatState, s: unknown, i: number, now: number): Issue[] {
	const at = (n: string) => `[${i}].${n}`;
	if (!isObject(s)) return [{ name: `[${i}]`, reason: 'must be an object' }];
	const issues: Issue[] = [];
	strictKeys(s, SESSION_KEYS, `[${i}]`, issues);
	str(s.title, at('title'), issues, { max: 255, required: true });
	str(s.signText, at('signText'), issues, { max: 2048 });
	if (s.externalReference !== null) str(s.externalReference, at('externalReference'), issues, { max: 1024 });
	str(s.senderDisplayName, at('senderDisplayName'), issues);
	if (s.signatureUrlTTL !== undefined) {
		const ttl = s.signatureUrlTTL;
		if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 5 || ttl > 525600)
			issues.push({ name: at('signatureUrlTTL'), reason: 'must be an integer between 5 and 525600' });
	}
	if (s.dueDate !== undefined) {
		const due = typeof s.dueDate === 'string' && DATE_TIME.test(s.dueDate) ? Date.parse(s.dueDate) : NaN;
		if (Number.isNaN(due)) issues.push({ name: at('dueDate'), reason: 'must be a date-time' });
		else if (due <= now) issues.push({ name: at('dueDate'), reason: 'must be in the future' });
		// "Can be a maximum of 45 days into the future from the current date."
		else if (due > now + 45 * DAY_MS) issues.push({ name: at('dueDate'), reason: 'can be a maximum of 45 days into the future' });
	}
	documentIssues(state, s.documents, at('documents'), issues);
	setupIssues(s.signingSetup, at('signingSetup'), issues);
	const sub = s.subsequentTo;
	if (sub !== undefined) {
		if (!Array.isArray(sub) || sub.length > 50) issues.push({ name: at('subsequentTo'), reason: 'must be an array of at most 50 items' });
		else
			sub.forEach((id, j) => {
				if (uuidIssue(id, at(`subsequentTo[${j}]`), issues) && !state.sessions.has(String(id)))
					issues.push({ name: at(`subsequentTo[${j}]`), reason: 'signing session not found' });
			});
	}
	packageToIssues(s.packageTo, at('packageTo'), issues);
	signerIssues(s.signer, at('signer'), issues);
	if (s.archive !== undefined) {
		if (!isObject(s.archive)) issues.push({ name: at('archive'), reason: 'must be an object' });
		else {
			strictKeys(s.archive, ['sendSignatureResultsToArchive', 'sendPackagingResultToArchive', 'retentionPeriod'], at('archive'), issues);
			bool(s.archive.sendSignatureResultsToArchive, at('archive.sendSignatureResultsToArchive'), issues);
			bool(s.archive.sendPackagingResultToArchive, at('archive.sendPackagingResultToArchive'), issues);
			str(s.archive.retentionPeriod, at('archive.retentionPeriod'), issues);
		}
	}
	if (s.preAuthentication !== undefined) {
		if (!isObject(s.preAuthentication)) issues.push({ name: at('preAuthentication'), reason: 'must be an object' });
		else {
			strictKeys(s.preAuthentication, ['enabled'], at('preAuthentication'), issues);
			if (typeof s.preAuthentication.enabled !== 'boolean') issues.push({ name: at('preAuthentication.enabled'), reason: 'must be a boolean' });
		}
	}
	if (s.ui !== undefined) {
		if (!isObject(s.ui)) issues.push({ name: at('ui'), reason: 'must be an object' });
		else {
			strictKeys(s.ui, ['language', 'hideWelcomeScreen', 'minimalTextMode'], at('ui'), issues);
			oneOf(s.ui.language, LANGUAGES, at('ui.language'), issues);
			bool(s.ui.hideWelcomeScreen, at('ui.hideWelcomeScreen'), issues);
			bool(s.ui.minimalTextMode, at('ui.minimalTextMode'), issues);
		}
	}
	if (s.redirectSettings !== undefined) {
		const r = s.redirectSettings;
		if (!isObject(r)) issues.push({ name: at('redirectSettings'), reason: 'must be an object' });
		else {
			// The generated model requires all three once the object is sent; no source names a fourth key.
			strictKeys(r, ['success', 'cancel', 'error'], at('redirectSettings'), issues);
			for (const k of ['success', 'cancel', 'error']) str(r[k], at(`redirectSettings.${k}`), issues, { required: true });
		}
	}
	return issues;
}

function documentIssues(state: SignicatState, docs: unknown, name: string, issues: Issue[]): void {
	if (!Array.isArray(docs) || docs.length < 1 || docs.length > 50) {
		issues.push({ name, reason: 'size must be between 1 and 50' });
		return;
	}
	docs.forEach((d, j) => {
		const n = `${name}[${j}]`;
		if (!isObject(d)) return void issues.push({ name: n, reason: 'must be an object' });
		strictKeys(d, ['documentCollectionId', 'action', 'documentId'], n, issues);
		oneOf(d.action, DOCUMENT_ACTIONS, `${n}.action`, issues, true);
		const docOk = uuidIssue(d.documentId, `${n}.documentId`, issues);
		if (docOk && !state.documents.has(String(d.documentId))) issues.push({ name: `${n}.documentId`, reason: 'document not found' });
		if (d.documentCollectionId === undefined) return void issues.push({ name: `${n}.documentCollectionId`, reason: 'is required' });
		if (!uuidIssue(d.documentCollectionId, `${n}.documentCollectionId`, issues)) return;
		const collection = state.collections.get(String(d.documentCollectionId));
		if (!collection) issues.push({ name: `${n}.documentCollectionId`, reason: 'document collection not found' });
		// [G] A collection groups the documents signed together: a session's document must be one of them.
		else if (docOk && !collection.documents.some((c) => c.documentId === d.documentId))
			issues.push({ name: `${n}.documentId`, reason: 'is not in the document collection' });
	});
}

function setupIssues(setup: unknown, name: string, issues: Issue[]): void {
	// "Array of objects (SigningSetup) = 1 items"
	if (!Array.isArray(setup) || setup.length !== 1) {
		issues.push({ name, reason: 'must contain exactly 1 item' });
		return;
	}
	const one = setup[0];
	const n = `${name}[0]`;
	if (!isObject(one)) return void issues.push({ name: n, reason: 'must be an object' });
	strictKeys(one, ['identityProviders', 'signingFlow', 'additionalParameters', 'vendor'], n, issues);
	const idps = one.identityProviders;
	if (!Array.isArray(idps) || !idps.length) issues.push({ name: `${n}.identityProviders`, reason: 'must list at least one identity provider' });
	else
		idps.forEach((p, k) => {
			if (!isObject(p)) return void issues.push({ name: `${n}.identityProviders[${k}]`, reason: 'must be an object' });
			strictKeys(p, ['idpName'], `${n}.identityProviders[${k}]`, issues);
			str(p.idpName, `${n}.identityProviders[${k}].idpName`, issues, { required: true });
		});
	oneOf(one.signingFlow, SIGNING_FLOWS, `${n}.signingFlow`, issues, true);
	oneOf(one.vendor, VENDORS, `${n}.vendor`, issues);
	const extra = one.additionalParameters;
	if (extra !== undefined && extra !== null) {
		if (!isObject(extra)) issues.push({ name: `${n}.additionalParameters`, reason: 'must be a map of strings' });
		else for (const [k, v] of Object.entries(extra)) if (typeof v !== 'string') issues.push({ name: `${n}.additionalParameters.${k}`, reason: 'must be a string' });
	}
}

function signerIssues(signer: unknown, name: string, issues: Issue[]): void {
	if (signer === undefined) return;
	if (!isObject(signer)) return void issues.push({ name, reason: 'must be an object' });
	strictKeys(signer, ['nationalIdentificationNumber', 'validations', 'email', 'mobile'], name, issues);
	str(signer.nationalIdentificationNumber, `${name}.nationalIdentificationNumber`, issues);
	str(signer.email, `${name}.email`, issues);
	str(signer.mobile, `${name}.mobile`, issues);
	const validations = signer.validations;
	if (validations !== undefined && (!Array.isArray(validations) || validations.some((v) => v !== 'NATIONAL_IDENTIFICATION_NUMBER')))
		issues.push({ name: `${name}.validations`, reason: 'must contain only NATIONAL_IDENTIFICATION_NUMBER' });
	if (Array.isArray(validations) && validations.includes('NATIONAL_IDENTIFICATION_NUMBER') && !signer.nationalIdentificationNumber)
		issues.push({ name: `${name}.nationalIdentificationNumber`, reason: 'is required for NATIONAL_IDENTIFICATION_NUMBER validation' });
}
