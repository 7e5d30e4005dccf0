/**
 * The Electron shell: one locked-down kiosk window over the same kiosk core the browser shell runs, prepared
 * the same way (src/main/launch/prepareKiosk: embedded demo cloud when none is configured, enrolment, first sync).
 * Environment: PASSDESK_DATA_DIR (default <userData>/data), PASSDESK_CLOUD_URL, PASSDESK_ENROL_CODE,
 * PASSDESK_KIOSK_NAME, PASSDESK_KIOSK=0 for a normal window while developing.
 * Build layout (scripts/build-electron.mjs, CommonJS): out/main/electron-main.cjs, out/preload/index.cjs, out/renderer/.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { redactText } from '../../../shared/mask';
import type { KioskCore } from '../../core/kioskCore';
import { createLogger } from '../../core/log';
import { prepareKiosk, type PreparedKiosk } from '../../launch/prepareKiosk';
import { APP_URL, registerAppScheme, serveRenderer } from './appProtocol';
import { hardenElectron } from './hardening';
import { bridgeIpc } from './ipcBridge';
import { messageOf } from '../../../shared/errorText';

const log = createLogger('electron');
const kioskMode = process.env.PASSDESK_KIOSK !== '0';
// the app root (package.json's folder, or app.asar when packaged): the same in development and installed
const appRoot = () => app.getAppPath();

let prepared: PreparedKiosk | undefined;
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
      preload: join(appRoot(), 'out/preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // a middle click must not open a link in a new window (electronegativity AUXCLICK_JS_CHECK)
      disableBlinkFeatures: 'Auxclick',
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
  serveRenderer(process.env.PASSDESK_RENDERER_DIR ?? join(appRoot(), 'out/renderer'));
  const dataDir = process.env.PASSDESK_DATA_DIR ?? join(app.getPath('userData'), 'data');
  prepared = await prepareKiosk({ ...process.env, PASSDESK_DATA_DIR: dataDir }, 'electron');
  for (const line of prepared.banner) log.info(line);
  // PASSDESK_SIMULATE_DEVICES=1: place / remove the card from the terminal that started the kiosk
  if (prepared.devices.simulated) (await import('../../launch/simulatorConsole')).attachSimulatorConsole(prepared.devices.simulated);
  const core: KioskCore = prepared.core;
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
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log.error('the kiosk failed to start', err);
      dialog.showErrorBox('Passdesk', redactText(`The kiosk failed to start: ${messageOf(err)}`));
      app.exit(1);
    });
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !prepared) return;
    event.preventDefault();
    quitting = true;
    unbridge?.();
    const closing = prepared;
    prepared = undefined;
    void closing.close().finally(() => app.quit());
  });
}
