#!/usr/bin/env node
/**
 * `npm start`: run the kiosk.
 * - builds the renderer when out/renderer is missing or older than its sources, and the web app (out/webapp, served by
 *   the cloud under /app/) likewise;
 * - in Electron when its binary is present (bundling the thin shell first),
 * - otherwise in the browser shell (plain Node + the system's Chromium), which is how it runs on a machine where
 *   the Electron binary cannot be downloaded: plain Node on out/main/browser-shell.mjs, bundled with esbuild first
 *   when missing or older than the sources (scripts/build-node.mjs; no tsx at run time: issue 12, cold start).
 * With nothing configured, the launcher starts an embedded cloud API with demo data and enrols the kiosk.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildNodeBundle, newestMtime, nodeBundleStale, NODE_BUNDLE } from './build-node.mjs';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);

const rendererIndex = join(root, 'out/renderer/index.html');
const sourcesChanged =
  !existsSync(rendererIndex) || Math.max(newestMtime(join(root, 'src/renderer')), newestMtime(join(root, 'src/shared'))) > statSync(rendererIndex).mtimeMs;
if (sourcesChanged) {
  console.log('[start] building the renderer…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// the web app the (embedded) cloud serves under /app/: built when missing or older than its sources
const webAppIndex = join(root, 'out/webapp/index.html');
if (!existsSync(webAppIndex) || Math.max(newestMtime(join(root, 'src/webapp')), newestMtime(join(root, 'src/shared'))) > statSync(webAppIndex).mtimeMs) {
  console.log('[start] building the web app…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.webapp.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function electronBinary() {
  if (process.env.PASSDESK_HOST === 'browser') return undefined;
  try {
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

const electron = electronBinary();
let child;
if (electron) {
  console.log('[start] Electron found: bundling the shell');
  const b = spawnSync(process.execPath, [join(root, 'scripts/build-electron.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
  // `electron .` runs package.json's main (out/main/electron-main.cjs) with the repo as app.getAppPath()
  child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit' });
} else {
  console.log('[start] no Electron binary here: running the browser shell');
  if (nodeBundleStale()) {
    console.log('[start] bundling the Node side…');
    await buildNodeBundle();
  }
  child = spawn(process.execPath, [NODE_BUNDLE], { cwd: root, stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
