import { allEmulators } from './providers';
import { Sandbox } from './server';

export { Sandbox } from './server';
export type { Fault, RecordedRequest } from './server';

/** Starts every provider emulator in this process (port 0 = a random free port). */
export async function startSandbox(port = 0): Promise<Sandbox> {
	const sandbox = new Sandbox(allEmulators());
	await sandbox.start(port);
	return sandbox;
}

/** An emulator's in-memory state, by prefix (tests act as signers through it). */
export function emulatorState<T>(sandbox: Sandbox, prefix: string): T {
	const emulator = sandbox.emulators.find((e) => e.prefixes.includes(prefix)) as unknown as { state: T } | undefined;
	if (!emulator) throw new Error(`No emulator for ${prefix}`);
	return emulator.state;
}
