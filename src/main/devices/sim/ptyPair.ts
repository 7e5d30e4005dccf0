/**
 * A pair of connected pseudo-terminals made by socat: a driver opens `devicePath`'s twin (`hostPath`) through
 * `serialport`, a simulator serves on `devicePath`. Needs `socat` (Debian package socat).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** the end the kiosk's driver opens, like /dev/ttyUSB0 */
  hostPath: string;
  /** the end the simulator serves */
  devicePath: string;
  close(): Promise<void>;
}

export async function createPtyPair(name = 'pty', timeoutMs = 5000): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), `passdesk-${name}-`));
  const hostPath = join(dir, 'host');
  const devicePath = join(dir, 'device');
  const child: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (e) => reject(new Error(`socat could not start (apt-get install socat): ${e.message}`))),
  );
  const deadline = Date.now() + timeoutMs;
  const ready = (async () => {
    while (!(existsSync(hostPath) && existsSync(devicePath))) {
      if (child.exitCode !== null) throw new Error(`socat exited: ${stderr.trim()}`);
      if (Date.now() > deadline) throw new Error('socat did not create the pseudo-terminals in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  await Promise.race([ready, spawnError]);
  return {
    hostPath,
    devicePath,
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
