/**
 * The kiosk without Electron: prepare the kiosk (embedded cloud + demo data when nothing is configured),
 * serve the renderer and the IPC contract on 127.0.0.1, open Chromium in app/kiosk mode when there is a display,
 * and say where the kiosk is (the URL with its per-launch secret only when no browser was opened: see kioskUrl.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensurePrivateDir } from '../../platform/privateFiles';
import { startBrowserShell } from '../shells/browser/browserShell';
import { announceKioskUrl } from './kioskUrl';
import { prepareKiosk } from './prepareKiosk';
import { attachSimulatorConsole } from './simulatorConsole';
import { messageOf } from '../../shared/errorText';
import { KioskDatabaseDamagedError } from '../core/db/databaseDamage';
import { serveStartupError, startupErrorLines } from './startupErrorPage';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Opens Chromium on the URL; false when there is none to open. */
function openChromium(url: string, profileDir: string, onFailure: () => void): boolean {
  const bin = process.env.PASSDESK_CHROMIUM ?? CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!bin) {
    console.log('[kiosk] no Chromium found to open (apt-get install chromium)');
    return false;
  }
  ensurePrivateDir(profileDir); // the kiosk page's storage
  const args = [
    `--app=${url}`,
    process.env.PASSDESK_WINDOWED ? '--start-maximized' : '--kiosk',
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--use-fake-ui-for-media-stream',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
  const child = spawn(bin, args, { stdio: 'ignore', detached: false });
  // a browser that fails to start must not leave the kiosk's URL unsaid: say it as if none had been opened
  child.on('error', (err) => {
    console.log(`[kiosk] could not open Chromium: ${err.message}`);
    onFailure();
  });
  return true;
}

async function main(): Promise<void> {
  const prepared = await prepareKiosk(process.env, 'browser');
  const shell = await startBrowserShell({
    core: prepared.core,
    rendererDir: resolve('out/renderer'),
    port: Number(process.env.PASSDESK_PORT ?? 4780),
  });
  for (const line of prepared.banner) console.log(`[kiosk] ${line}`);
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const announce = (browserOpened: boolean) =>
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-boolean-literal-compare -- isTTY is undefined, not false, when stdout is not a terminal
    announceKioskUrl({ url: shell.url, origin: shell.origin, browserOpened, interactive: process.stdout.isTTY === true, dataDir: prepared.dataDir }, (line) =>
      console.log(`[kiosk] ${line}`),
    );
  let removeUrlFile: () => void = () => undefined;
  const browserOpened =
    hasDisplay && !process.env.PASSDESK_NO_BROWSER
      ? openChromium(shell.url, join(prepared.dataDir, 'chromium-profile'), () => (removeUrlFile = announce(false)))
      : false;
  removeUrlFile = announce(browserOpened);

  const detachConsole = prepared.devices.simulated ? attachSimulatorConsole(prepared.devices.simulated) : undefined;

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    detachConsole?.();
    removeUrlFile();
    await shell.close();
    await prepared.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** The core refused to start on a damaged database: its start-up error screen, shown like the kiosk, until restarted. */
async function showStartupError(err: KioskDatabaseDamagedError): Promise<void> {
  for (const line of startupErrorLines(err) ?? []) console.error(`[kiosk] ${line}`);
  const { url } = await serveStartupError(err, Number(process.env.PASSDESK_PORT ?? 4780));
  console.log(`[kiosk] the start-up error screen: ${url}`);
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (hasDisplay && !process.env.PASSDESK_NO_BROWSER)
    openChromium(url, join(resolve(process.env.PASSDESK_DATA_DIR ?? 'data'), 'chromium-profile'), () => undefined);
  process.on('SIGINT', () => process.exit(1));
  process.on('SIGTERM', () => process.exit(1));
}

main().catch((err: unknown) => {
  if (err instanceof KioskDatabaseDamagedError) {
    showStartupError(err).catch((e: unknown) => {
      console.error(`[kiosk] could not show the start-up error screen: ${messageOf(e)}`);
      process.exit(1);
    });
    return;
  }
  console.error(`[kiosk] could not start: ${messageOf(err)}`);
  process.exit(1);
});
