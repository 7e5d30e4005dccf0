#!/usr/bin/env node
/**
 * `npm run dist [-- <electron-builder arguments>]`: the release build.
 * 1. the renderer (Vite: out/renderer), 2. the Electron main and preload bundles (scripts/build-electron.mjs),
 * 3. the staged app (scripts/release/stageApp.mjs: out/app), 4. electron-builder with electron-builder.yml, which
 * rebuilds the native modules for Electron, packs out/app into resources/app.asar (native addons unpacked beside it)
 * and flips the Electron fuses (scripts/release/afterPack.mjs). Without arguments: this platform's installers in dist/
 * (needs the network for the Electron download and headers); e.g. `npm run dist -- --linux dir` for an unpacked app.
 * The release test runs `--linux dir -c.electronDist=<a stand-in> -c.npmRebuild=false` (no download).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from '../build-node.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const step = (what, args) => {
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[dist] ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  console.log(`[dist] ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

// the renderer is rebuilt when older than its sources (as `npm start` does): npm test has just built it, and the
// end-to-end tests read out/renderer while the release test runs
const rendererIndex = join(root, 'out/renderer/index.html');
const rendererStale =
  !existsSync(rendererIndex) ||
  Math.max(newestMtime(join(root, 'src/renderer')), newestMtime(join(root, 'src/shared')), statSync(join(root, 'vite.renderer.config.ts')).mtimeMs) >
    statSync(rendererIndex).mtimeMs;

const builderArgs = process.argv.slice(2);
if (rendererStale) step('renderer', [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn']);
else console.log('[dist] renderer: out/renderer is newer than its sources');
step('electron bundles', [join(root, 'scripts/build-electron.mjs')]);
// electron-builder's target flags → the platform and arch whose prebuilt binaries the staged app keeps
const platform = builderArgs.includes('--linux')
  ? 'linux'
  : builderArgs.includes('--win')
    ? 'win32'
    : builderArgs.includes('--mac')
      ? 'darwin'
      : process.platform;
const arch =
  { x64: 'x64', arm64: 'arm64', ia32: 'ia32', armv7l: 'arm' }[['x64', 'arm64', 'ia32', 'armv7l'].find((a) => builderArgs.includes(`--${a}`)) ?? ''] ??
  process.arch;
step('staged app', [join(root, 'scripts/release/stageApp.mjs'), '--platform', platform, '--arch', arch]);
step('electron-builder', [join(root, 'node_modules/electron-builder/cli.js'), '--config', 'electron-builder.yml', ...builderArgs]);
