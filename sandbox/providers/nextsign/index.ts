/**
 * NextSign emulator: an independent reading of NextSign's public docs (nextsign-case-create.txt, PUBLIC-DOCS.md §4,
 * REFERENCE.md NextSign). It imports nothing from the package's nodes or credentials.
 *
 * Three hosts, each under its own prefix, sharing one state:
 * - `nextsign`         → the v2 case host (`https://www.nextsign.dk`): `/api/v2/{company}/…` cases and forms, and
 *                        `/api/v2/document/convert`;
 * - `nextsign-files`   → the v3 file host (`https://api.nextsign.dk`): `/v3/company/{company}/file/…`;
 * - `nextsign-storage` → the object storage the presigned URLs point at (no API key: the URL's signature).
 * A path sent to the wrong host finds no route and gets a 404, as it would in production.
 *
 * Resources: `case-create.ts`, `cases.ts` (list, get, get multiple, delete), `forms.ts`, `files.ts` (upload,
 * presigned URLs, storage), `convert.ts`; `http.ts` holds the key check, the rate limit and the error shapes;
 * `state.ts` the memory and what recipients and time do; `control.ts` the sandbox's own routes.
 */
import type { ProviderEmulator } from '../../server';
import { caseCreateRoutes } from './case-create';
import { caseRoutes } from './cases';
import { controlRoutes } from './control';
import { convertRoutes } from './convert';
import { fileRoutes, storageRoutes } from './files';
import { formRoutes } from './forms';
import { NextSignState } from './state';

export { DOCX, NEXTSIGN_INLINE_LIMIT, NEXTSIGN_KEYS, NEXTSIGN_SCHEMAS, NextSignState } from './state';
export type { ListOrder, NextSignForm, StoredFile } from './state';

export type NextSignEmulator = ProviderEmulator & { state: NextSignState };

export function nextSignEmulators(state = new NextSignState()): NextSignEmulator[] {
	const reset = () => state.reset();
	return [
		{
			prefixes: ['nextsign'],
			state,
			reset,
			routes: [...convertRoutes(state), ...caseCreateRoutes(state), ...caseRoutes(state), ...formRoutes(state)],
			control: controlRoutes(state),
		},
		{ prefixes: ['nextsign-files'], state, reset, routes: fileRoutes(state) },
		{ prefixes: ['nextsign-storage'], state, reset, routes: storageRoutes(state) },
	];
}
