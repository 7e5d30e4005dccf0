#!/usr/bin/env node
/**
 * Bundles the thin Electron shell (main + sandboxed preload) into out/ with esbuild. Every pure JavaScript package
 * the Node side uses is bundled; only the native packages stay external (scripts/release/stageApp.mjs ships them).
 */
import { build } from 'esbuild';
import { NATIVE_PACKAGES } from './release/stageApp.mjs';

const root = new URL('..', import.meta.url).pathname;
// pg-native: pg's optional native driver, never installed (pg loads it only when asked for pg.native)
const external = ['electron', ...NATIVE_PACKAGES, '@serialport/*', 'pg-native'];
await build({
  entryPoints: [`${root}src/main/shells/electron/main.ts`],
  outfile: `${root}out/main/electron-main.cjs`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external,
  sourcemap: true,
  logLevel: 'warning',
});
await build({
  entryPoints: [`${root}src/preload/index.ts`],
  outfile: `${root}out/preload/index.cjs`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'chrome130',
  external: ['electron'],
  logLevel: 'warning',
});
console.log('[build-electron] out/main/electron-main.cjs, out/preload/index.cjs');
