/** `npm run sandbox [-- --port N]`: serves every provider emulator until stopped. */
import { startSandbox } from './index';

async function main() {
	const portArg = process.argv.indexOf('--port');
	const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.SANDBOX_PORT ?? 4010);
	const sandbox = await startSandbox(port);
	const lines = sandbox.emulators.flatMap((e) => e.prefixes.map((p) => `  ${p.padEnd(16)} ${sandbox.url(p)}`));
	console.log(`e-signature sandbox listening on ${sandbox.origin}\n${lines.join('\n')}`);
	console.log(`  control          ${sandbox.origin}/_control/ (requests, faults, reset, clock, <provider>/…)`);
	const stop = async () => {
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
