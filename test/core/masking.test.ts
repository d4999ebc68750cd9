/**
 * Issue 13 §2: the credential's own secrets (API key, client secret, Penneo's key and secret, access and refresh
 * tokens) are masked wherever a provider echoes them — the error's message, description, stored body, stack, the
 * continue-on-fail item — and CPR numbers are masked in both written forms whichever one the user typed.
 */
import type { IDataObject } from 'n8n-workflow';

import { redact, scrubText } from '../../nodes/shared/redact';
import { fileItem } from '../helpers';
import { PROVIDERS, runProvider, useTransportEnv } from './providers';

const env = useTransportEnv();

/** Everything of an error that n8n shows, stores or logs. */
function exposed(error: unknown): string {
	const e = error as IDataObject & Error;
	return JSON.stringify({
		message: e.message,
		description: e.description,
		stack: e.stack,
		context: e.context,
		messages: e.messages,
		errorResponse: e.errorResponse,
		cause: e.cause,
		httpCode: e.httpCode,
	});
}

/** A provider error that repeats the credential it was sent, in every field a provider's error parser reads. */
function echo(text: string) {
	return {
		message: text,
		title: text,
		detail: text,
		error: { code: 'INVALID_CREDENTIAL', message: text },
		error_description: text,
		errors: [{ message: text, field: 'credential' }],
		raw: text,
	};
}

const ECHOED = 'Invalid credential: Authorization=$header:authorization X-Auth-Token=$header:x-auth-token';

describe.each(PROVIDERS)('$name: the credential echoed back by the provider', (p) => {
	test('a 400 that repeats the sent key or token: masked in message, description, body and stack', async () => {
		// A first call so that OAuth2 and Penneo have a token; the fault then echoes what the node sends.
		await runProvider(env, p, p.read.parameters);
		env.sandbox.addFault({ prefix: p.prefix, method: p.read.method, path: p.read.path, status: 400, body: echo(ECHOED) });
		const { error } = await runProvider(env, p, p.read.parameters);
		expect(error?.message).toMatch(new RegExp(`^${p.name} rejected the request \\(400\\)`));
		const shown = exposed(error);
		expect(shown).toContain('Invalid credential');
		for (const secret of [...p.secrets(env.sandbox), ...sentCredentials(p.prefix)]) expect(shown).not.toContain(secret);
	});

	test('with Continue On Fail the error item carries no secret either', async () => {
		await runProvider(env, p, p.read.parameters);
		env.sandbox.addFault({ prefix: p.prefix, method: p.read.method, path: p.read.path, status: 400, body: echo(ECHOED) });
		const { out } = await runProvider(env, p, p.read.parameters, undefined, { continueOnFail: true });
		expect(out).toHaveLength(1);
		const shown = JSON.stringify(out);
		expect(shown).toContain('Invalid credential');
		for (const secret of [...p.secrets(env.sandbox), ...sentCredentials(p.prefix)]) expect(shown).not.toContain(secret);
	});
});

/** The credential values the sandbox received (tokens issued during the test included), without the scheme. */
function sentCredentials(prefix: string): string[] {
	return env.sandbox
		.requestsFor(prefix)
		.flatMap((r) => [r.headers.authorization, r.headers['x-auth-token']])
		.filter((v): v is string => typeof v === 'string')
		.map((v) => v.replace(/^Bearer /, ''));
}

describe('CPR numbers in both written forms', () => {
	test.each([
		['0101901234', '010190-1234'],
		['010190-1234', '0101901234'],
		['010190-1234', '010190 1234'],
	])('typed %s, echoed as %s: masked', (typed, echoed) => {
		expect(scrubText(`CPR ${echoed} is not valid`, [typed])).toBe('CPR *** is not valid');
		expect(redact({ message: `CPR ${echoed} is not valid`, list: [echoed] }, [typed])).toEqual({ message: 'CPR *** is not valid', list: ['***'] });
	});

	test('other values are not rewritten in other forms', () => {
		expect(scrubText('abc-defg abcdefg', ['abcdefg'])).toBe('abc-defg ***');
	});

	const penneo = PROVIDERS.find((p) => p.name === 'Penneo')!;
	test.each([
		['0101901234', '010190-1234'],
		['010190-1234', '0101901234'],
	])('Penneo: a 400 echoing the CPR (typed %s, echoed %s) shows it nowhere', async (typed, echoed) => {
		env.sandbox.addFault({
			prefix: 'penneo',
			method: 'POST',
			path: '/create',
			status: 400,
			body: { message: `Invalid socialSecurityNumberPlain: ${echoed}`, errors: { socialSecurityNumberPlain: [`${echoed} is not a valid CPR`] } },
		});
		const parameters = {
			...penneo.write.parameters,
			signers: { signer: [{ name: 'Ann Berg', email: 'ann@example.com', options: { ssn: typed, ssnType: 'dk:cpr' } }] },
		};
		const { error } = await runProvider(env, penneo, parameters, [fileItem(Buffer.from('%PDF-1.4 x'), 'x.pdf')]);
		expect(error?.message).toMatch(/^Penneo rejected the request \(400\): Invalid socialSecurityNumberPlain: \*\*\*/);
		const shown = exposed(error);
		for (const form of ['0101901234', '010190-1234']) expect(shown).not.toContain(form);
	});
});
