/**
 * A stand-in Electron distribution for the release test (no Electron binary can be downloaded here): a folder shaped
 * like an unpacked Electron release for Linux, which electron-builder takes as `electronDist`. Its executable is a
 * shell script that refuses to run, followed by a real fuse wire: the sentinel @electron/fuses looks for, version 1,
 * eight fuses at Electron's defaults. So the afterPack step really finds and flips the wire, and the test reads it back.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @electron/fuses' SENTINEL (node_modules/@electron/fuses/dist/constants.js). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's default wire ('1' on, '0' off): RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect arguments
 * on, asar integrity off, only-from-asar off, browser V8 snapshot off, file: protocol extra privileges on.
 */
export const DEFAULT_WIRE = '10110001';

export function writeStandInElectron(dir: string, electronVersion: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const script = '#!/bin/sh\necho "a stand-in for Electron (release test): it runs nothing" >&2\nexit 1\n';
  const wire = Buffer.concat([Buffer.from(`# ${FUSE_SENTINEL}`), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(`${DEFAULT_WIRE}\n`)]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from(script), wire]));
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), electronVersion);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
  for (const f of ['chrome-sandbox', 'chrome_crashpad_handler', 'icudtl.dat', 'resources.pak', 'v8_context_snapshot.bin', 'locales/en-US.pak']) {
    writeFileSync(join(dir, f), '');
  }
  return dir;
}
