/**
 * Issue 7, finding 9 (the per-launch secret): the browser shell's URL, whose fragment (#secret=…) opens the kiosk's
 * IPC, was printed on every start, also when Chromium was opened with it and when stdout went to a log. Now it is
 * shown once on a terminal when no browser was opened, and otherwise written only to a 0600 file in the data folder.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kioskUrlNotice } from '../../src/main/launch/kioskUrl';

/** what the child must not inherit from this process (a test passes them in `env` when it means them) */
const UNINHERITED = [
  'DATABASE_URL',
  'PASSDESK_CLOUD_URL',
  'PASSDESK_SIMULATE_DEVICES',
  'PASSDESK_NO_BROWSER',
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'PASSDESK_ENROL_CODE',
];

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Launch {
  output: string;
  dataDir: string;
  dir: string;
  /** what the kiosk-url file held while the kiosk ran (undefined: no file) */
  urlFile: string | undefined;
}

/** Runs the browser shell launcher until it says where the kiosk is, then stops it (SIGTERM). */
async function launch(env: Record<string, string>): Promise<Launch> {
  const dir = mkdtempSync(join(tmpdir(), 'passdesk-launch-'));
  dirs.push(dir);
  const dataDir = join(dir, 'data');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !UNINHERITED.includes(k)));
  const childEnv: NodeJS.ProcessEnv = {
    ...inherited,
    PASSDESK_DATA_DIR: dataDir,
    PASSDESK_PORT: '0',
    PASSDESK_CLOUD_PORT: '0',
    PASSDESK_LOG_LEVEL: 'debug',
    ...env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/launch/browserShell.main.ts'], {
    cwd: process.cwd(),
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let urlFile: string | undefined;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the launcher said nothing about the kiosk URL:\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/\[kiosk\] Passdesk kiosk: .*\n/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => reject(new Error(`the launcher exited:\n${output}`)));
  });
  await new Promise((r) => setTimeout(r, 300)); // anything printed right after
  if (existsSync(join(dataDir, 'kiosk-url'))) {
    urlFile = readFileSync(join(dataDir, 'kiosk-url'), 'utf8');
    expect(statSync(join(dataDir, 'kiosk-url')).mode & 0o777).toBe(0o600);
  }
  child.kill('SIGTERM');
  await exited;
  return { output, dataDir, dir, urlFile };
}

const secretOf = (url: string): string => /#secret=([\w-]+)/.exec(url)?.[1] ?? '';

describe('the per-launch secret', () => {
  it('is not printed when Chromium is opened with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passdesk-chromium-'));
    dirs.push(dir);
    const fake = join(dir, 'chromium');
    writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$@" > '${join(dir, 'args')}'\n`);
    chmodSync(fake, 0o755);
    const run = await launch({ DISPLAY: ':99', PASSDESK_CHROMIUM: fake });
    const appArg = readFileSync(join(dir, 'args'), 'utf8')
      .split('\n')
      .find((a) => a.startsWith('--app='));
    const secret = secretOf(appArg ?? '');
    expect(secret.length).toBeGreaterThan(20);
    expect(run.output).not.toContain(secret);
    expect(run.output).not.toContain('#secret=');
    expect(run.output).toMatch(/Passdesk kiosk: http:\/\/127\.0\.0\.1:\d+\/ \(opened in Chromium\)/);
    expect(run.urlFile).toBeUndefined();
  });

  it('goes to a 0600 file, not to stdout, when no browser is opened and stdout is no terminal', async () => {
    const run = await launch({ PASSDESK_NO_BROWSER: '1' });
    expect(run.urlFile).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#secret=[\w-]{43}\n$/);
    const secret = secretOf(run.urlFile ?? '');
    expect(run.output).not.toContain(secret);
    expect(run.output).not.toContain('#secret=');
    expect(run.output).toContain(join(run.dataDir, 'kiosk-url'));
    expect(existsSync(join(run.dataDir, 'kiosk-url'))).toBe(false); // removed at stop
  });

  it('is shown once, on a terminal, when no browser is opened', () => {
    const url = 'http://127.0.0.1:4780/#secret=abc';
    const origin = 'http://127.0.0.1:4780';
    const shown = kioskUrlNotice({ url, origin, browserOpened: false, interactive: true, dataDir: '/d' });
    expect(shown.lines.filter((l) => l.includes('#secret=abc'))).toHaveLength(1);
    expect(shown.urlFile).toBeUndefined();
    const opened = kioskUrlNotice({ url, origin, browserOpened: true, interactive: true, dataDir: '/d' });
    expect(opened.lines.join('\n')).not.toContain('secret=abc');
  });
});
