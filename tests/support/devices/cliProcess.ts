/** Running the device CLI (`npx tsx src/main/devices/cli.main.ts …`) in child processes, as an operator does. */
import { spawn, type ChildProcess } from 'node:child_process';

export const CLI = 'src/main/devices/cli.main.ts';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one CLI command to its end and collects its output. */
export function runCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', CLI, ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Ends a CLI started with `detached: true` (its whole process group, npx and tsx included) and waits for it to exit. */
export async function stopDetached(child: ChildProcess | undefined): Promise<void> {
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}
