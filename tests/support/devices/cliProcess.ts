/**
 * Running the device CLI (`npm run devices -- …`, i.e. tsx src/main/devices/cli.main.ts …) in child processes, as an
 * operator does: this Node with tsx's loader, without npx in front (npx alone cost ~1.2 s a call).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';

export const CLI = 'src/main/devices/cli.main.ts';

export type CliProcess = ChildProcess & { stdout: Readable; stderr: Readable };

/** Starts the CLI with these arguments, its output piped (`detached`: in a process group of its own, see stopDetached). */
export function spawnCli(args: string[], opts: { stdin?: 'ignore' | 'pipe'; detached?: boolean } = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: process.cwd(),
    stdio: [opts.stdin ?? 'ignore', 'pipe', 'pipe'],
    detached: opts.detached ?? false,
  });
  if (child.stdout === null || child.stderr === null) throw new Error('the CLI was started without its output piped');
  return child as CliProcess;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one CLI command to its end and collects its output. */
export function runCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Ends a CLI started with `detached: true` (its whole process group) and waits for it to exit. One that has already
 * ended is left alone, whether it exited (exitCode set) or was ended by a signal (exitCode null, signalCode set): its
 * 'exit' has been and gone, and its group id may be another's by now.
 */
export async function stopDetached(child: ChildProcess | undefined): Promise<void> {
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}
