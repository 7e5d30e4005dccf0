/**
 * Issue 12, item 4: the release build, inspected. `npm run dist -- --linux dir` (scripts/release/dist.mjs) runs once
 * with a stand-in Electron distribution (tests/support/release/standInElectron.ts: no Electron binary can be
 * downloaded here) and without the rebuild for Electron's ABI (it downloads Electron's headers), so the native
 * modules are the project's own Node builds; then the packed app is opened:
 * - resources/app.asar holds the bundled main, preload and renderer, and no TypeScript, tests, source maps, docs,
 *   benchmarks or coverage; its node_modules holds only the native packages and what they load at run time, which
 *   load from an extracted copy (nothing missing) and are all the main bundle requires besides Node and Electron;
 * - only native addons are unpacked, every one of them is, and the whole is at most 50 MB;
 * - the afterPack step flipped the fuses in the packaged binary (the stand-in carries a real fuse wire).
 */
import { extractAll, getRawHeader } from '@electron/asar';
import type { DirectoryRecord, FileRecord } from '@electron/asar/lib/disk';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSES } from '../../../../../scripts/release/afterPack.mjs';
import { isForeignPrebuild, NATIVE_PACKAGES, runtimeClosure } from '../../../../../scripts/release/stageApp.mjs';
import { DEFAULT_WIRE, writeStandInElectron } from '../../../../support/release/standInElectron';

const root = fileURLToPath(new URL('../../../../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'passdesk-release-'));
const appOut = join(work, 'dist/linux-unpacked');
const asarFile = join(appOut, 'resources/app.asar');
const unpackedDir = join(appOut, 'resources/app.asar.unpacked');
const MB = 1024 * 1024;

/** Every file of the archive: `path` without the leading slash, `unpacked` when it lives in app.asar.unpacked. */
function archiveFiles(dir: DirectoryRecord, prefix = ''): { path: string; unpacked: boolean }[] {
  return Object.entries(dir.files).flatMap(([name, entry]) => {
    const path = prefix ? `${prefix}/${name}` : name;
    if ('files' in entry) return archiveFiles(entry, path);
    // the header leaves `unpacked` out of packed files
    return [{ path, unpacked: (entry as Partial<FileRecord>).unpacked ?? false }];
  });
}

/** The files under `dir`, relative to it, `/`-separated. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split('\\').join('/'));
}
const sizeOf = (path: string): number =>
  statSync(path).isDirectory() ? filesUnder(path).reduce((sum, f) => sum + statSync(join(path, f)).size, 0) : statSync(path).size;

let files: { path: string; unpacked: boolean }[] = [];
let buildSeconds = 0;

beforeAll(() => {
  const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  const standIn = writeStandInElectron(join(work, 'electron-dist'), electronVersion);
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'scripts/release/dist.mjs'),
      '--linux',
      'dir',
      `-c.electronDist=${standIn}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${join(work, 'dist')}`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
  );
  buildSeconds = (Date.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`npm run dist failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  files = archiveFiles(getRawHeader(asarFile).header);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the release build (linux dir, stand-in Electron)', () => {
  it('builds in CI time and packs the bundled main, preload and renderer', () => {
    expect(buildSeconds).toBeLessThan(240);
    const paths = new Set(files.map((f) => f.path));
    for (const p of ['package.json', 'out/main/electron-main.cjs', 'out/preload/index.cjs', 'out/renderer/index.html']) expect(paths).toContain(p);
    const manifest = JSON.parse(readFileSync(join(root, 'out/app/package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };
    expect(manifest.main).toBe('out/main/electron-main.cjs');
    expect(Object.keys(manifest.dependencies).sort()).toEqual([...NATIVE_PACKAGES].sort());
    // every script and stylesheet the renderer's page loads is in the archive
    const html = readFileSync(join(root, 'out/app/out/renderer/index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => `out/renderer/${m[1]!}`);
    expect(assets.length).toBeGreaterThan(0);
    for (const a of assets) expect(paths).toContain(a);
  });

  it('holds no TypeScript or C sources, tests, source maps, docs, benchmarks or coverage', () => {
    const banned = files
      .map((f) => f.path)
      .filter(
        (p) =>
          /\.(ts|tsx|mts|cts|map|md|markdown|c|cc|cpp|h|hpp|gyp|gypi)$/i.test(p) ||
          p.split('/').some((part) => /^(tests?|__tests__|docs?|bench|benchmarks?|coverage|examples?|\.github)$/.test(part)),
      );
    expect(banned).toEqual([]);
  });

  it('ships only the native packages and what they load: no development-only, renderer-only or bundled package', () => {
    // electron-builder lays node_modules out again (it may nest or hoist otherwise than npm did): compare packages
    const nameOf = (dir: string) => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string }).name;
    const allowed = new Set([...runtimeClosure(root)].map(nameOf));
    const shipped = new Set(
      files.map((f) => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/@][^/]*)\/package\.json$/.exec(f.path)?.[1]).filter((p): p is string => p !== undefined),
    );
    expect([...shipped].filter((p) => !allowed.has(p))).toEqual([]);
    for (const natives of NATIVE_PACKAGES) expect(shipped).toContain(natives);
    const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const name of [...Object.keys(project.devDependencies), 'react', 'react-dom', 'zustand', 'fastify', 'kysely', 'zod', 'pg']) {
      expect(shipped, name).not.toContain(name);
    }
    // the renderer-only packages are build-time only (Vite bundles them)
    for (const name of ['react', 'react-dom', 'zustand', 'pinyin-pro', '@mediapipe/tasks-vision']) expect(project.dependencies).not.toHaveProperty(name);
  });

  it('requires nothing at run time beyond Node, Electron and the shipped natives, and they all load', () => {
    const extracted = join(work, 'extracted');
    extractAll(asarFile, extracted);
    const bundle = readFileSync(join(extracted, 'out/main/electron-main.cjs'), 'utf8');
    // a require inside a string is code that ajv generates for standalone validators, never run here
    const required = new Set([...bundle.matchAll(/(?<![`'"])\brequire\("([^"]+)"\)/g)].map((m) => m[1]!));
    const builtins = new Set(builtinModules);
    const unexpected = [...required].filter((m) => !builtins.has(m.replace(/^node:/, '')) && !['electron', 'pg-native', ...NATIVE_PACKAGES].includes(m));
    expect(unexpected).toEqual([]);
    // the natives (Node builds here: no rebuild for Electron) load from the extracted app with nothing missing
    const load = `for (const m of ${JSON.stringify(NATIVE_PACKAGES)}) require(require('node:path').join(${JSON.stringify(extracted)}, 'node_modules', m));
const Database = require(require('node:path').join(${JSON.stringify(extracted)}, 'node_modules', 'better-sqlite3'));
process.stdout.write(String(new Database(':memory:').prepare('select 6 * 7 as x').get().x));`;
    const r = spawnSync(process.execPath, ['-e', load], { cwd: tmpdir(), encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('42');
  }, 60_000);

  it('unpacks the native addons and nothing else, and weighs at most 50 MB', () => {
    const unpacked = files.filter((f) => f.unpacked).map((f) => f.path);
    expect(unpacked.length).toBeGreaterThanOrEqual(NATIVE_PACKAGES.length);
    expect(unpacked.filter((p) => !p.endsWith('.node'))).toEqual([]);
    expect(files.filter((f) => f.path.endsWith('.node') && !f.unpacked)).toEqual([]);
    expect(filesUnder(unpackedDir).sort()).toEqual(unpacked.sort());
    const total = sizeOf(asarFile) + sizeOf(unpackedDir);
    console.log(
      `[release] app.asar ${(sizeOf(asarFile) / MB).toFixed(1)} MB + unpacked ${(sizeOf(unpackedDir) / MB).toFixed(1)} MB; built in ${buildSeconds.toFixed(1)} s`,
    );
    expect(total).toBeLessThanOrEqual(50 * MB);
  });

  it('flips the fuses of the packaged binary in afterPack, as configured', async () => {
    expect(FUSES).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    const binary = join(appOut, 'passdesk');
    expect(existsSync(binary)).toBe(true);
    const wire = await getCurrentFuseWire(binary);
    const read = (o: FuseV1Options) => String.fromCharCode(wire[o] as number);
    // the stand-in started from Electron's defaults (RunAsNode, NODE_OPTIONS and inspect on, the rest off) …
    expect(DEFAULT_WIRE).toBe('10110001');
    // … and the packaged binary carries our configuration
    expect(read(FuseV1Options.RunAsNode)).toBe('0');
    expect(read(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(read(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(read(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(read(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(read(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    expect(read(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe('0');
    expect(read(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('0');
  });

  it("keeps only the target platform's prebuilt addons", () => {
    expect(isForeignPrebuild('linux-x64', 'linux', 'x64')).toBe(false);
    expect(isForeignPrebuild('HID_hidraw-linux-x64', 'linux', 'x64')).toBe(false);
    expect(isForeignPrebuild('darwin-x64+arm64', 'darwin', 'arm64')).toBe(false);
    expect(isForeignPrebuild('HID-linux-x64-musl', 'linux', 'x64')).toBe(true);
    expect(isForeignPrebuild('win32-x64', 'linux', 'x64')).toBe(true);
    expect(isForeignPrebuild('linux-arm64', 'linux', 'x64')).toBe(true);
    const addons = files.filter((f) => f.path.endsWith('.node')).map((f) => f.path);
    expect(addons.filter((p) => /(win32|darwin|android|arm64|musl)/.test(p))).toEqual([]);
  });
});

describe('start at boot, restart after a crash (packaging/)', () => {
  const builder = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
  const productName = /^productName: (.+)$/m.exec(builder)?.[1];
  const executableName = /^executableName: (.+)$/m.exec(builder)?.[1];

  it('the systemd user unit runs the installed executable and restarts it after any exit, without a start limit', () => {
    const unit = readFileSync(join(root, 'packaging/linux/passdesk-kiosk.service'), 'utf8');
    // electron-builder's deb installs to /opt/<productName>/<executableName>
    expect(unit).toMatch(new RegExp(`^ExecStart=/opt/${productName!}/${executableName!}$`, 'm'));
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(/^StartLimitIntervalSec=0$/m);
    expect(unit).toMatch(/^WantedBy=graphical-session\.target$/m);
  });

  it('the Windows task starts the watchdog at logon, which runs the installed executable again after it exits', () => {
    const task = readFileSync(join(root, 'packaging/windows/PassdeskKiosk.xml'), 'utf8');
    const watchdog = readFileSync(join(root, 'packaging/windows/passdesk-kiosk.ps1'), 'utf8');
    expect(task).toContain('<LogonTrigger>');
    expect(task).toContain('<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>');
    expect(task).toContain(`C:\\Program Files\\${productName!}\\passdesk-kiosk.ps1`);
    // electron-builder names the Windows executable after the product; the NSIS installer puts it in Program Files
    expect(watchdog).toContain(`$env:ProgramFiles\\${productName!}\\${productName!}.exe`);
    expect(watchdog).toMatch(/while \(\$true\)[\s\S]*Start-Process[\s\S]*-Wait/);
  });
});
