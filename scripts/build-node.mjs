#!/usr/bin/env node
/**
 * Bundles the Node side of the browser shell (src/main/launch/browserShell.main.ts: the kiosk core, the shell, the
 * embedded cloud it may start) into out/main/browser-shell.mjs with esbuild, so that `npm start` runs plain Node on
 * one file instead of loading ~500 TypeScript modules through tsx (issue 12: cold start). Packages stay imports,
 * resolved from node_modules (native modules among them). Run by scripts/start.mjs when the bundle is missing or
 * older than src/ or package.json; `node scripts/build-node.mjs` builds it by hand.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const NODE_BUNDLE = join(root, 'out/main/browser-shell.mjs');
const ENTRY = join(root, 'src/main/launch/browserShell.main.ts');

/** The newest modification time (ms) of any file under `dir` (what a staleness check compares with its output). */
export function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** true when the bundle is missing or a source (src/, except the renderer's, or package.json) is newer than it */
export function nodeBundleStale() {
  if (!existsSync(NODE_BUNDLE)) return true;
  const built = statSync(NODE_BUNDLE).mtimeMs;
  const sources = ['src/main', 'src/shared', 'src/platform', 'src/cloud'].map((d) => newestMtime(join(root, d)));
  return Math.max(statSync(join(root, 'package.json')).mtimeMs, ...sources) > built;
}

export async function buildNodeBundle() {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [ENTRY],
    outfile: NODE_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return NODE_BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildNodeBundle();
  console.log(`[build-node] ${NODE_BUNDLE}`);
}
