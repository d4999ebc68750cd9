/** The Signicat emulator is an independent reading of Signicat's docs: no node code in its imports, a source on every route. */
import { emulatorFor, expectIndependentEmulator } from '../sandbox-rules';

describe('Signicat sandbox rules', () => {
	test('imports nothing from nodes/ or credentials/, and every route names its source', () => {
		expectIndependentEmulator('signicat');
	});

	test('the emulator is split by resource and serves every documented path', () => {
		const routes = emulatorFor('signicat').routes.map((r) => `${r.method} ${r.pattern}`);
		expect(routes).toEqual([
			'POST /auth/open/connect/token',
			'POST /sign/documents',
			'GET /sign/documents/:documentId',
			'DELETE /sign/documents/:documentId',
			'GET /sign/documents/:documentId/metadata',
			'PATCH /sign/documents/:documentId/metadata',
			'PUT /sign/documents/:documentId/metadata',
			'POST /sign/document-collections',
			'GET /sign/document-collections/:documentCollectionId',
			'DELETE /sign/document-collections/:documentCollectionId',
			'POST /sign/signing-sessions',
			'GET /sign/signing-sessions',
			'GET /sign/signing-sessions/:sessionId',
			'DELETE /sign/signing-sessions/:sessionId',
		]);
	});
});
