/**
 * The Electron shell: one locked-down kiosk window over the same kiosk core the browser shell runs, prepared
 * the same way (src/main/launch/prepareKiosk: embedded demo cloud when none is configured, enrolment, first sync).
 * Environment: PASSDESK_DATA_DIR (default <userData>/data), PASSDESK_CLOUD_URL, PASSDESK_ENROL_CODE,
 * PASSDESK_KIOSK_NAME, PASSDESK_KIOSK=0 for a normal window while developing. Kiosk mode (full screen, no menu, no
 * closing, no reload or developer-tools keys: ./kioskMode.ts) is left only from the admin screen (admin.exitKioskMode).
 * Build layout (scripts/build-electron.mjs, CommonJS): out/main/electron-main.cjs, out/preload/index.cjs, out/renderer/.
 */
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { join } from 'node:path';
import { redactText } from '../../../shared/mask';
import type { KioskCore } from '../../core/kioskCore';
import { createLogger } from '../../core/log';
import { prepareKiosk, type PreparedKiosk } from '../../launch/prepareKiosk';
import { startupErrorLines } from '../../launch/startupErrorPage';
import { APP_URL, registerAppScheme, serveRenderer } from './appProtocol';
import { hardenElectron } from './hardening';
import { bridgeIpc } from './ipcBridge';
import { allowsWindowClose, blocksKey, initialKioskMode, kioskModeHolds, reassertsFullScreen, type KioskModeState } from './kioskMode';
import type { KioskShellControl } from '../../core/admin/shellCalls';
import { messageOf } from '../../../shared/errorText';

const log = createLogger('electron');
const kioskMode = process.env.PASSDESK_KIOSK !== '0';
// the app root (package.json's folder, or app.asar when packaged): the same in development and installed
const appRoot = () => app.getAppPath();

let prepared: PreparedKiosk | undefined;
let win: BrowserWindow | undefined;
let unbridge: (() => void) | undefined;
let mode: KioskModeState = initialKioskMode(kioskMode);

/** Kiosk mode, left only from the admin screen (admin.exitKioskMode): the window becomes an ordinary one. */
const shellControl: KioskShellControl = {
  exitKioskMode() {
    mode = { ...mode, released: true };
    if (win && !win.isDestroyed()) {
      win.setKiosk(false);
      win.setFullScreen(false);
      win.setAlwaysOnTop(false);
    }
  },
};

/** Holds the window in kiosk mode: no closing, no leaving full screen, no reload or developer-tools keys. */
function holdKioskMode(w: BrowserWindow): void {
  w.on('close', (event) => {
    if (allowsWindowClose(mode)) return;
    event.preventDefault();
    log.warn('refused to close the kiosk window: kiosk mode is left from the admin screen');
  });
  w.on('leave-full-screen', () => {
    if (reassertsFullScreen(mode)) w.setKiosk(true);
  });
  w.webContents.on('before-input-event', (event, input) => {
    if (blocksKey(mode, input)) event.preventDefault();
  });
}

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
  if (kioskModeHolds(mode)) w.setMenu(null);
  holdKioskMode(w);
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
  // no application menu: its accelerators (reload, quit, developer tools) are not the kiosk's
  if (kioskMode) Menu.setApplicationMenu(null);
  serveRenderer(process.env.PASSDESK_RENDERER_DIR ?? join(appRoot(), 'out/renderer'));
  const dataDir = process.env.PASSDESK_DATA_DIR ?? join(app.getPath('userData'), 'data');
  prepared = await prepareKiosk({ ...process.env, PASSDESK_DATA_DIR: dataDir }, 'electron', shellControl);
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
      // a damaged database (src/main/core/db/integrity.ts): the start-up error's words in both languages
      const words = startupErrorLines(err);
      dialog.showErrorBox('Passdesk', words ? words.join('\n') : redactText(`The kiosk failed to start: ${messageOf(err)}`));
      app.exit(1);
    });
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('before-quit', (event) => {
    mode = { ...mode, quitting: true }; // the system (or the app) stops it: the window may close
    if (quitting || !prepared) return;
    event.preventDefault();
    quitting = true;
    unbridge?.();
    const closing = prepared;
    prepared = undefined;
    void closing.close().finally(() => app.quit());
  });
}
