/**
 * The IPC contract over Electron IPC: one ipcMain.handle per call, each going through the same
 * dispatchIpcCall as the browser shell, accepted only from the app's own frame; core events forwarded.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { electronChannel, ipcCalls, type IpcCallName } from '../../../shared/ipc';
import { dispatchIpcCall, type IpcCallResult } from '../../core/ipcHandlers';
import type { KioskCore } from '../../core/kioskCore';
import { createLogger } from '../../core/log';
import { isAppUrl } from './appProtocol';

const log = createLogger('electron-ipc');

export function bridgeIpc(core: KioskCore, getWindow: () => BrowserWindow | undefined): () => void {
  const names = Object.keys(ipcCalls) as IpcCallName[];
  for (const name of names) {
    ipcMain.handle(electronChannel.call(name), async (event: IpcMainInvokeEvent, input: unknown): Promise<IpcCallResult> => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isAppUrl(frameUrl)) {
        log.warn(`refused ${name} from a frame outside the app: ${frameUrl.slice(0, 200)}`);
        return { ok: false, error: { code: 'forbidden', message: 'calls are accepted only from the kiosk app' } };
      }
      return dispatchIpcCall(core, name, input);
    });
  }
  const unsubscribe = core.events.onAny((name, payload) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(electronChannel.event(name), payload);
  });
  return () => {
    unsubscribe();
    for (const name of names) ipcMain.removeHandler(electronChannel.call(name));
  };
}
