#!/usr/bin/env node
/**
 * Stages the app electron-builder packs (electron-builder.yml: directories.app = out/app), from what the builds wrote:
 * - out/main/electron-main.cjs and out/preload/index.cjs (scripts/build-electron.mjs: esbuild bundles every pure
 *   JavaScript package the Node side uses, fastify, kysely, zod, pg… into the main bundle);
 * - out/renderer/ (Vite: React, zustand, qrcode… are in its chunks);
 * - a package.json whose only dependencies are the native packages the bundle leaves external (NATIVE_PACKAGES), and
 *   node_modules/ with them and what they load at run time, copied from the project's node_modules, without docs,
 *   tests, type declarations, source maps or the prebuilt binaries of other platforms.
 * The native build inputs (C/C++ sources, binding.gyp) stay in out/app so electron-builder can rebuild the modules for
 * Electron's ABI (npmRebuild); electron-builder.yml's `files` keeps them out of the archive.
 * Usage: node scripts/release/stageApp.mjs [--platform linux] [--arch x64]   (default: this machine's)
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Packages the main bundle loads with require() at run time (native addons: they cannot be bundled). */
export const NATIVE_PACKAGES = ['better-sqlite3', 'serialport', 'usb', 'node-hid', '@node-rs/argon2'];
/** Dependencies used only to install or compile a native package, never loaded by the running app. */
export const INSTALL_ONLY = new Set(['prebuild-install', 'node-addon-api', 'node-gyp']);

/** The directory of package `name` as Node resolves it from `fromDir` (walking up node_modules folders). */
function packageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The packages the natives load at run time: NATIVE_PACKAGES and, recursively, their dependencies and installed
 * optional dependencies (a platform's own build, as usb's @node-usb/usb-linux-x64-gnu), minus INSTALL_ONLY and types.
 * Returns the packages' directories (below the project's node_modules, nested where npm nested a second version).
 */
export function runtimeClosure(projectRoot = root, natives = NATIVE_PACKAGES) {
  const found = new Set();
  const queue = natives.map((name) => ({ name, from: projectRoot, optional: false }));
  while (queue.length > 0) {
    const { name, from, optional } = queue.shift();
    if (INSTALL_ONLY.has(name) || name.startsWith('@types/')) continue;
    const dir = packageDir(name, from);
    if (!dir) {
      if (optional) continue;
      throw new Error(`stage: ${name} (needed by ${relative(projectRoot, from) || 'the app'}) is not installed: run npm ci`);
    }
    if (found.has(dir)) continue;
    found.add(dir);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push({ name: dep, from: dir, optional: false });
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) queue.push({ name: dep, from: dir, optional: true });
  }
  return found;
}

const DROPPED_DIRS = new Set(['test', 'tests', '__tests__', 'doc', 'docs', 'example', 'examples', 'benchmark', 'benchmarks', 'coverage', '.github']);
const DROPPED_FILE = /(\.md|\.markdown|\.map|\.ts|\.mts|\.cts|\.tsbuildinfo)$/i;
/** Build intermediates of a compiled addon: rebuilt by any rebuild, never loaded. */
const BUILD_LEFTOVERS =
  /^build\/(Release|Debug)\/(obj|obj\.target|\.deps)(\/|$)|^build\/(Release|Debug)\/(test_extension\.node|.*\.a)$|^build\/(deps|Makefile|config\.gypi|.*\.mk)(\/|$)/;
/** musl builds (Alpine): the kiosk runs on a glibc distribution, Windows or macOS. */
const MUSL_ADDON = /[.-]musl\.node$/;

/** Whether a `prebuilds/<name>` folder holds another platform's binaries (names: linux-x64, HID-linux-x64, darwin-x64+arm64). */
export function isForeignPrebuild(folder, platform, arch) {
  const m = /(?:^|[-_])(android|darwin|freebsd|linux|openbsd|win32)-([a-z0-9+]+)$/.exec(folder);
  if (!m) return true; // musl, unknown names: not this platform's glibc build
  return m[1] !== platform || !m[2].split('+').includes(arch);
}

function keep(pkgRelative, platform, arch) {
  const parts = pkgRelative.split(sep);
  const name = parts[parts.length - 1];
  // a nested node_modules is staged package by package, as far as the closure reaches
  if (parts[0] === 'node_modules' || parts.some((p) => DROPPED_DIRS.has(p))) return false;
  if (parts[0] === 'prebuilds' && parts.length >= 2 && isForeignPrebuild(parts[1], platform, arch)) return false;
  if (BUILD_LEFTOVERS.test(parts.join('/'))) return false;
  return !DROPPED_FILE.test(name) && !MUSL_ADDON.test(name);
}

/** Writes out/app (see the header); returns the staged package names. */
export function stageApp({ platform = process.platform, arch = process.arch, projectRoot = root } = {}) {
  for (const required of ['out/main/electron-main.cjs', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!existsSync(join(projectRoot, required))) throw new Error(`stage: ${required} is missing: build first (npm run dist builds everything)`);
  }
  const app = join(projectRoot, 'out/app');
  rmSync(app, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  const filter = (src) => !src.endsWith('.map');
  cpSync(join(projectRoot, 'out/main/electron-main.cjs'), join(app, 'out/main/electron-main.cjs'));
  cpSync(join(projectRoot, 'out/preload/index.cjs'), join(app, 'out/preload/index.cjs'));
  cpSync(join(projectRoot, 'out/renderer'), join(app, 'out/renderer'), { recursive: true, filter });

  const project = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  const closure = runtimeClosure(projectRoot);
  const versionOf = (name) => JSON.parse(readFileSync(join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')).version;
  const manifest = {
    name: project.name,
    productName: 'Passdesk',
    version: project.version,
    description: project.description,
    author: 'Passdesk',
    license: 'UNLICENSED',
    private: true,
    main: project.main,
    dependencies: Object.fromEntries(NATIVE_PACKAGES.map((name) => [name, versionOf(name)])),
  };
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const dir of closure) {
    cpSync(dir, join(app, relative(projectRoot, dir)), {
      recursive: true,
      dereference: true,
      filter: (src) => src === dir || keep(relative(dir, src), platform, arch),
    });
  }
  return [...closure].map((dir) => relative(join(projectRoot, 'node_modules'), dir).split(sep).join('/')).sort();
}

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const staged = stageApp({ platform: arg('platform') ?? process.platform, arch: arg('arch') ?? process.arch });
  console.log(`[stage] out/app: the bundles, the renderer and ${staged.length} runtime packages (${staged.join(', ')})`);
}
