/** What Case File → Create accepts, checked before anything is sent (Penneo's documented rules and ours). */
import { z } from 'zod';

import { MIN_CHECK_INTERVAL_SECONDS, unixTime } from '../common';
import { DEFAULT_ROLE, INSECURE_METHODS, LANGUAGES, LIMITS, ROLE, ROLE_RULE, SSN_TYPES } from './create.description';

/** A text with Penneo's minimum and, where Penneo documents no maximum, our own (LIMITS; named in the field's description). */
const optionalText = (min = 1, max: number = LIMITS.name) => z.string().min(min).max(max).optional();
const subject = () => optionalText(5, LIMITS.subject);
const text = () => optionalText(5, LIMITS.text);

const signerSchema = z.object({
	name: z.string().trim().min(1).max(LIMITS.name),
	email: z.string().trim().email().optional(),
	role: z.string().regex(ROLE, ROLE_RULE).optional(),
	signOrder: z.number().int().min(0).optional(),
	language: z.enum(LANGUAGES).optional(),
	ssn: z.string().trim().min(1).optional(),
	ssnType: z.enum(SSN_TYPES).optional(),
	vatin: optionalText(),
	onBehalfOf: optionalText(),
	accessControl: z.boolean().optional(),
	storeAsContact: z.boolean().optional(),
	successUrl: z.string().trim().min(5).url().optional(),
	failUrl: z.string().trim().min(5).url().optional(),
	emailFormat: z.enum(['text', 'html']).optional(),
	emailSubject: subject(),
	emailText: text(),
	reminderInterval: z.number().int().min(1).optional(),
	reminderEmailSubject: subject(),
	reminderEmailText: text(),
	completedEmailSubject: subject(),
	completedEmailText: text(),
	activeAt: unixTime.optional(),
	expireAt: unixTime.optional(),
	enableInsecureSigning: z.boolean().optional(),
	insecureSigningMethods: z.array(z.enum(INSECURE_METHODS)).optional(),
});

const documentSchema = z.object({
	binaryPropertyName: z.string().trim().min(1),
	/** Whether the input item has that binary field. */
	hasFile: z.boolean(),
	title: z.string().trim().min(1).max(1024),
	name: z.string().trim().min(1),
	signable: z.boolean(),
	roles: z.array(z.string().regex(ROLE, ROLE_RULE)).optional(),
	documentOrder: z.number().int().min(0).optional(),
	metaData: optionalText(1, LIMITS.metaData),
});

export const schema = z
	.object({
		title: z.string().trim().min(1).max(1024),
		documents: z.array(documentSchema).min(1),
		signers: z.array(signerSchema).min(1),
		ccRecipients: z.array(z.object({ name: z.string().trim().min(1), email: z.string().trim().email(), storeAsContact: z.boolean().optional() })),
		additionalFields: z.object({
			language: z.enum(LANGUAGES).optional(),
			reference: optionalText(1, LIMITS.reference),
			metaData: optionalText(1, LIMITS.metaData),
			senderName: z.string().trim().min(2).max(255).optional(),
			folderId: z.number().int().min(1).optional(),
			sendAt: unixTime.optional(),
			expireAt: unixTime.optional(),
			sensitiveData: z.boolean().optional(),
			accessControl: z.boolean().optional(),
			visibilityMode: z.union([z.literal(0), z.literal(1)]).optional(),
			disableNotificationsOwner: z.boolean().optional(),
			disableEmailAttachments: z.boolean().optional(),
			signOnMeeting: z.boolean().optional(),
		}),
		waitForCompletion: z.boolean(),
		checkInterval: z.number().min(MIN_CHECK_INTERVAL_SECONDS),
		timeout: z.number().min(MIN_CHECK_INTERVAL_SECONDS).max(3600),
	})
	.superRefine((p, ctx) => {
		p.documents.forEach((d, index) => {
			if (!d.hasFile)
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['documents', index, 'binaryPropertyName'],
					message: `has no file: the input item has no binary field "${d.binaryPropertyName}"`,
				});
		});
		p.signers.forEach((s, index) => {
			if (s.insecureSigningMethods?.length && s.enableInsecureSigning !== true)
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['signers', index, 'insecureSigningMethods'],
					message: 'need "Enable Insecure Signing" on (Penneo ignores them otherwise)',
				});
		});
		if (p.documents.length && !p.documents.some((d) => d.signable))
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['documents'], message: 'needs at least one signable document' });
		const names = new Map<string, number>();
		p.documents.forEach((d, index) => {
			const earlier = names.get(d.name);
			if (earlier !== undefined)
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['documents', index, 'name'],
					message: `"${d.name}" is also the file name of document ${earlier + 1}: give each document its own File Name`,
				});
			else names.set(d.name, index);
		});
		const roles = new Set(p.signers.map((s) => s.role ?? DEFAULT_ROLE));
		p.documents.forEach((d, index) =>
			(d.roles ?? []).forEach((role, r) => {
				if (!roles.has(role))
					ctx.addIssue({
						code: z.ZodIssueCode.custom,
						path: ['documents', index, 'roles', r],
						message: `"${role}" is not the role of any signer (signer roles: ${[...roles].join(', ')})`,
					});
			}),
		);
		const a = p.additionalFields;
		if (a.sendAt !== undefined && a.expireAt !== undefined && a.expireAt <= a.sendAt)
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['additionalFields', 'expireAt'], message: 'must be after "Send At"' });
		if (p.waitForCompletion && p.timeout < p.checkInterval)
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['timeout'], message: 'must be at least the check interval' });
	});

