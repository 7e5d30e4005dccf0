/**
 * The preload of the kiosk window: exposes window.passdesk (PassdeskApi) over ipcRenderer.
 * It runs sandboxed, where only `electron` may be required at run time, so it imports only TYPES from
 * src/shared plus the import-free ./channels; the build bundles it into one CommonJS file (out/preload/index.cjs).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { IpcCallName, IpcError, IpcEventName, IpcEventPayload, IpcInput, IpcOutput, PassdeskApi } from '../shared/ipc';
import { callChannel, eventChannel, isEventName } from './channels';

type CallResult = { ok: true; output: unknown } | { ok: false; error: IpcError };

const api: PassdeskApi = {
  async call<N extends IpcCallName>(name: N, input: IpcInput<N>): Promise<IpcOutput<N>> {
    const result = (await ipcRenderer.invoke(callChannel(name), input)) as CallResult;
    // Reject with the plain { code, message } object: contextBridge clones plain objects, but an Error crossing it
    // keeps only its message, so a custom `code` would be lost (the renderer's toIpcCallError rebuilds the error).
    if (!result.ok) throw { code: result.error.code, message: result.error.message } satisfies IpcError;
    return result.output as IpcOutput<N>;
  },
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void {
    if (!isEventName(event)) throw new TypeError(`unknown event ${String(event)}`);
    const channel = eventChannel(event);
    // never hand the renderer the IpcRendererEvent (it carries `sender`)
    const wrapped = (_e: IpcRendererEvent, payload: IpcEventPayload<E>) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('passdesk', api);
