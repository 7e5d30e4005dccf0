/**
 * The Electron shell: one locked-down kiosk window over the same kiosk core the browser host runs.
 * Environment: PASSDESK_DATA_DIR (default <userData>/data), PASSDESK_CLOUD_URL, PASSDESK_KIOSK=0 for a
 * normal window while developing. Arguments: --enrol <code> --name <kiosk name> enrols before the UI opens.
 * Build layout: out/main/electron-main.js (this), out/preload/index.cjs, out/renderer/.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactText } from '../../shared/mask';
import { createKioskCore, type KioskCore } from '../core/kioskCore';
import { createLogger } from '../core/log';
import { APP_URL, registerAppScheme, serveRenderer } from './appProtocol';
import { hardenElectron } from './hardening';
import { bridgeIpc } from './ipcBridge';

const log = createLogger('electron');
const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = process.env.PASSDESK_RENDERER_DIR ?? join(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');
const kioskMode = process.env.PASSDESK_KIOSK !== '0';

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

let core: KioskCore | undefined;
let win: BrowserWindow | undefined;
let unbridge: (() => void) | undefined;

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1080,
    height: 1920,
    kiosk: kioskMode,
    fullscreen: kioskMode,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !kioskMode,
    },
  });
  w.once('ready-to-show', () => w.show());
  w.webContents.on('render-process-gone', (_e, details) => {
    log.error(`renderer gone (${details.reason}); reloading`);
    if (!w.isDestroyed()) void w.loadURL(APP_URL);
  });
  void w.loadURL(APP_URL);
  return w;
}

async function start(): Promise<void> {
  hardenElectron();
  serveRenderer(rendererDir);
  const dataDir = process.env.PASSDESK_DATA_DIR ?? join(app.getPath('userData'), 'data');
  const cloudUrl = process.env.PASSDESK_CLOUD_URL;
  core = await createKioskCore({ dataDir, host: 'electron', ...(cloudUrl ? { cloudUrl } : {}) });
  const code = argValue('--enrol');
  if (code !== undefined && !core.identity()) {
    await core.enrol({ code, name: argValue('--name') ?? core.settings().kioskName });
  }
  unbridge = bridgeIpc(core, () => win);
  win = createWindow();
  win.on('closed', () => {
    win = undefined;
  });
}

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.whenReady().then(start).catch((err: unknown) => {
    log.error('the kiosk failed to start', err);
    dialog.showErrorBox('Passdesk', redactText(`The kiosk failed to start: ${err instanceof Error ? err.message : String(err)}`));
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    unbridge?.();
    const closing = core;
    core = undefined;
    void closing.close().finally(() => app.quit());
  });
}
