/**
 * The case file document of `POST /send/api/v1/casefiles/20251022/create`, checked as Penneo's page describes it
 * (penneo-case-file-create.txt; senderName and the file order from send-api.json, PUBLIC-DOCS.md §3). Where the
 * page contradicts itself the stricter reading wins: roles follow its notes ("only alphanumeric characters and
 * underscores (no spaces)"), not its table (which also allows spaces, commas and, for documents, hyphens).
 * Unknown keys are refused (strict reader).
 */
import { unknownKeys } from '../../strict';

const LANGUAGES = ['en', 'da', 'sv', 'nl', 'fr', 'fi', 'no', 'de'];
const SSN_TYPES = ['legacy', 'dk:cpr', 'se:pin', 'no:nin', 'be:nrn', 'fi:pic', 'sms'];
const INSECURE = ['text', 'draw', 'image'];
const ROLE = /^[A-Za-z0-9][A-Za-z0-9_]{2,}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const CASE_FILE_KEYS = [
	'title', 'signers', 'documents', 'ccRecipients', 'language', 'metaData', 'reference', 'folderId', 'sendAt', 'expireAt',
	'sensitiveData', 'accessControl', 'visibilityMode', 'disableNotificationsOwner', 'disableEmailAttachments', 'signOnMeeting', 'senderName',
];
const SIGNER_KEYS = [
	'name', 'email', 'socialSecurityNumberPlain', 'vatin', 'role', 'onBehalfOf', 'signOrder', 'ssnType', 'accessControl', 'successUrl',
	'failUrl', 'language', 'emailFormat', 'emailSubject', 'emailText', 'reminderInterval', 'reminderEmailSubject', 'reminderEmailText',
	'completedEmailSubject', 'completedEmailText', 'activeAt', 'expireAt', 'enableInsecureSigning', 'insecureSigningMethods', 'storeAsContact',
];
const DOCUMENT_KEYS = ['title', 'name', 'signable', 'roles', 'documentOrder', 'metaData'];
const CC_KEYS = ['name', 'email', 'storeAsContact'];
const EMAIL_TEXTS = ['emailSubject', 'emailText', 'reminderEmailSubject', 'reminderEmailText', 'completedEmailSubject', 'completedEmailText'];

type Obj = Record<string, any>;

const isInt = (v: unknown, min: number) => Number.isInteger(v) && (v as number) >= min;
const isUnix = (v: unknown) => v === null || isInt(v, 1);
const isUri = (v: unknown) => {
	if (typeof v !== 'string' || v.length < 5) return false;
	try {
		new URL(v);
		return true;
	} catch {
		return false;
	}
};

/** Problems in `<property>: <message>` form; empty when the case file is accepted. */
export function validateCaseFile(data: unknown, fileNames: string[]): string[] {
	const problems: string[] = [];
	const add = (property: string, message: string) => problems.push(`${property}: ${message}`);
	const unknown = (at: string, value: unknown, keys: string[]) => {
		for (const k of unknownKeys(value, keys)) add(`${at}.${k}`, 'This field is not allowed.');
	};
	if (!data || typeof data !== 'object' || Array.isArray(data)) return ['data: must be a JSON object with a caseFile property.'];
	for (const k of unknownKeys(data, ['caseFile'])) add(k, 'This field is not allowed.');
	const cf = (data as Obj).caseFile as Obj;
	if (!cf || typeof cf !== 'object' || Array.isArray(cf)) return [...problems, 'caseFile: This value is required.'];
	unknown('caseFile', cf, CASE_FILE_KEYS);
	if (typeof cf.title !== 'string' || cf.title.length < 1 || cf.title.length > 1024) add('caseFile.title', 'Title must be 1 to 1024 characters long.');
	if (cf.language !== undefined && cf.language !== null && !LANGUAGES.includes(cf.language)) add('caseFile.language', 'Invalid language.');
	if (cf.folderId !== undefined && !isInt(cf.folderId, 1)) add('caseFile.folderId', 'folderId must be an integer of at least 1.');
	for (const f of ['sendAt', 'expireAt']) if (cf[f] !== undefined && !isUnix(cf[f])) add(`caseFile.${f}`, `${f} must be a Unix timestamp.`);
	if (cf.visibilityMode !== undefined && ![0, 1].includes(cf.visibilityMode)) add('caseFile.visibilityMode', 'visibilityMode must be 0 or 1.');
	for (const f of ['sensitiveData', 'accessControl', 'disableNotificationsOwner', 'disableEmailAttachments', 'signOnMeeting'])
		if (cf[f] !== undefined && typeof cf[f] !== 'boolean') add(`caseFile.${f}`, `${f} must be a boolean.`);
	for (const f of ['metaData', 'reference']) if (cf[f] !== undefined && typeof cf[f] !== 'string') add(`caseFile.${f}`, `${f} must be a string.`);
	if (cf.senderName !== undefined && (typeof cf.senderName !== 'string' || cf.senderName.length < 2 || cf.senderName.length > 255))
		add('caseFile.senderName', 'senderName must be 2 to 255 characters long.');

	const signers: Obj[] = Array.isArray(cf.signers) ? cf.signers : [];
	if (!signers.length) add('caseFile.signers', 'At least 1 signer is required.');
	signers.forEach((s, i) => {
		const at = `caseFile.signers[${i}]`;
		unknown(at, s, SIGNER_KEYS);
		if (typeof s.name !== 'string' || !s.name) add(`${at}.name`, 'Name is required.');
		if (s.email !== undefined && (typeof s.email !== 'string' || !EMAIL.test(s.email))) add(`${at}.email`, 'Invalid email address.');
		if (s.role !== undefined && (typeof s.role !== 'string' || !ROLE.test(s.role))) add(`${at}.role`, 'Invalid role format: at least 3 letters, digits or underscores, starting with a letter or digit.');
		if (s.language !== undefined && s.language !== null && !LANGUAGES.includes(s.language)) add(`${at}.language`, 'Invalid language.');
		if (s.ssnType !== undefined && !SSN_TYPES.includes(s.ssnType)) add(`${at}.ssnType`, 'Invalid ssnType.');
		if (s.emailFormat !== undefined && !['text', 'html'].includes(s.emailFormat)) add(`${at}.emailFormat`, 'emailFormat must be text or html.');
		if (s.signOrder !== undefined && !isInt(s.signOrder, 0)) add(`${at}.signOrder`, 'signOrder must be 0 or more.');
		if (s.reminderInterval !== undefined && !isInt(s.reminderInterval, 1)) add(`${at}.reminderInterval`, 'reminderInterval must be 1 or more.');
		for (const f of EMAIL_TEXTS) if (s[f] !== undefined && (typeof s[f] !== 'string' || s[f].length < 5)) add(`${at}.${f}`, `${f} must be at least 5 characters long.`);
		for (const f of ['successUrl', 'failUrl']) if (s[f] !== undefined && !isUri(s[f])) add(`${at}.${f}`, `${f} must be a valid URI.`);
		for (const f of ['activeAt', 'expireAt']) if (s[f] !== undefined && !isUnix(s[f])) add(`${at}.${f}`, `${f} must be a Unix timestamp.`);
		for (const f of ['accessControl', 'enableInsecureSigning', 'storeAsContact'])
			if (s[f] !== undefined && typeof s[f] !== 'boolean') add(`${at}.${f}`, `${f} must be a boolean.`);
		if (s.insecureSigningMethods !== undefined) {
			if (!Array.isArray(s.insecureSigningMethods) || s.insecureSigningMethods.some((m: unknown) => !INSECURE.includes(m as string)))
				add(`${at}.insecureSigningMethods`, 'Allowed methods: text, draw, image.');
			else if (s.insecureSigningMethods.length && s.enableInsecureSigning !== true)
				add(`${at}.insecureSigningMethods`, 'Requires enableInsecureSigning: true.');
		}
	});

	const cc = cf.ccRecipients ?? [];
	if (!Array.isArray(cc)) add('caseFile.ccRecipients', 'ccRecipients must be an array.');
	else
		cc.forEach((r: Obj, i: number) => {
			unknown(`caseFile.ccRecipients[${i}]`, r, CC_KEYS);
			if (typeof r.name !== 'string' || !r.name) add(`caseFile.ccRecipients[${i}].name`, 'Name is required.');
			if (typeof r.email !== 'string' || !EMAIL.test(r.email)) add(`caseFile.ccRecipients[${i}].email`, 'Invalid email address.');
		});

	const documents: Obj[] = Array.isArray(cf.documents) ? cf.documents : [];
	if (!documents.length) add('caseFile.documents', 'At least 1 document is required.');
	else if (!documents.some((d) => d.signable !== false)) add('caseFile.documents', 'At least 1 signable document is required.');
	const roles = new Set(signers.map((s) => s.role ?? 'Signer'));
	documents.forEach((d, i) => {
		const at = `caseFile.documents[${i}]`;
		unknown(at, d, DOCUMENT_KEYS);
		if (typeof d.title !== 'string' || d.title.length < 1 || d.title.length > 1024) add(`${at}.title`, 'Title must be 1 to 1024 characters long.');
		if (typeof d.name !== 'string' || !d.name) add(`${at}.name`, 'Name is required.');
		else if (!fileNames.includes(d.name)) add(`${at}.name`, `No uploaded file is named "${d.name}".`);
		else if (fileNames[i] !== d.name) add(`${at}.name`, `The files must be uploaded in the order of the documents: file ${i + 1} is "${fileNames[i]}".`);
		if (d.signable !== undefined && typeof d.signable !== 'boolean') add(`${at}.signable`, 'signable must be a boolean.');
		if (d.documentOrder !== undefined && !isInt(d.documentOrder, 0)) add(`${at}.documentOrder`, 'documentOrder must be 0 or more.');
		(Array.isArray(d.roles) ? d.roles : []).forEach((r: unknown, j: number) => {
			if (typeof r !== 'string' || !ROLE.test(r)) add(`${at}.roles[${j}]`, 'Invalid role format: at least 3 letters, digits or underscores, starting with a letter or digit.');
			else if (!roles.has(r)) add(`${at}.roles[${j}]`, `No signer has the role "${r}".`);
		});
	});
	const names = documents.map((d) => d.name);
	for (const f of fileNames) if (!names.includes(f)) add('files', `The file "${f}" is not named by any document.`);
	if (fileNames.length !== documents.length && !problems.some((p) => p.startsWith('files'))) add('files', `${fileNames.length} files for ${documents.length} documents.`);
	return problems;
}
