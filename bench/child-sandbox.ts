/** A sandbox in its own process, so its buffers and CPU do not count in the measured process. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ChildSandbox {
	origin: string;
	stop(): Promise<void>;
	control(route: string, body?: unknown, method?: string): Promise<unknown>;
}

export async function startChildSandbox(): Promise<ChildSandbox> {
	const cli = path.resolve(__dirname, '..', 'sandbox', 'cli.js');
	const child: ChildProcess = spawn(process.execPath, [cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
	const origin = await new Promise<string>((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
			if (m) resolve(m[1]);
		});
		child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
	});
	const control = async (route: string, body?: unknown, method = 'POST') => {
		const res = await fetch(`${origin}/_control/${route}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return await res.json();
	};
	return {
		origin,
		control,
		stop: async () => {
			child.kill('SIGTERM');
			await new Promise((r) => child.once('exit', r));
		},
	};
}
