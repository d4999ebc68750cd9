/** Optimaite's live contract suite: an `opt_test_…` key (Optimaite's sandbox data), nothing else is touched. */
import type { LiveSuite } from '../framework';

const KEY = 'ESIGN_LIVE_OPTIMAITE_API_KEY';
const BASE = 'ESIGN_LIVE_OPTIMAITE_BASE_URL';
const PRODUCTION = 'https://api.optimaite.eu/api/v1';

export const optimaiteSuite: LiveSuite = {
	provider: 'optimaite',
	displayName: 'Optimaite',
	env: [
		{ name: KEY, what: 'A workspace API key for sandbox data (`opt_test_…`, never `opt_live_…`)', secret: true },
		{ name: BASE, what: `API base URL (default ${PRODUCTION}; test keys use sandbox data there)`, optional: true },
	],
	assertTestEnvironment(env) {
		if (!String(env[KEY]).startsWith('opt_test_')) throw new Error(`${KEY} must be a test key (opt_test_…): a live key would act on real data`);
	},
	describeEnvironment: (env) => `${env[BASE] ?? PRODUCTION} with an opt_test_ key`,
	upstreams: (env) => ({ optimaite: env[BASE] ?? PRODUCTION }),
	sandboxEnv: (sandbox) => ({ [KEY]: 'opt_test_sandbox', [BASE]: `${sandbox.url('optimaite')}/api/v1` }),
	credentials: (env, proxy) => ({ optimaiteApi: { apiKey: env[KEY]!, environment: 'custom', baseUrl: proxy('optimaite') } }),
	guesses: [],
	steps: [
		{
			name: 'Credential test',
			async run(ctx) {
				const result = await ctx.testCredential('optimaiteApi');
				if (result.status !== 'OK') throw new Error(result.message);
			},
		},
		{
			name: 'Case → Get Many (Limit 1)',
			async run(ctx) {
				const items = await ctx.runNode('optimaite', { resource: 'case', operation: 'getMany', returnAll: false, limit: 1 });
				if (items.length > 1) throw new Error(`asked for 1 case, got ${items.length}`);
			},
		},
	],
};
