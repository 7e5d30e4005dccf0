#!/usr/bin/env node
/** Bundles the thin Electron shell (main + sandboxed preload) into out/ with esbuild. Native modules stay external. */
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const external = ['electron', 'better-sqlite3', 'serialport', '@serialport/*', 'usb', 'node-hid', 'pg', 'pg-native'];
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
