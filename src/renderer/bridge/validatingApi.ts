import {
  IpcCallError,
  ipcCalls,
  ipcEvents,
  type IpcCallName,
  type IpcEventName,
  type IpcEventPayload,
  type IpcInput,
  type IpcOutput,
  type PassdeskApi,
} from '../../shared/ipc';
import { bridgeErrorCode, toIpcCallError } from './ipcErrors';

/**
 * A call's output checked against ipcCalls[name].output (by this wrapper and by the WebSocket bridge): the parsed
 * output, or, after reporting the mismatch, an IpcCallError ipc_bad_response thrown.
 */
export function checkedOutput<N extends IpcCallName>(name: N, output: unknown, reportProblem: (problem: string) => void): IpcOutput<N> {
  const parsed = ipcCalls[name].output.safeParse(output);
  if (!parsed.success) {
    reportProblem(`${name}: output does not match the contract: ${parsed.error.message}`);
    throw new IpcCallError(bridgeErrorCode.badResponse, `${name}: output does not match the contract`);
  }
  // validated against ipcCalls[name].output just above
  return parsed.data as IpcOutput<N>;
}

/**
 * Wraps another PassdeskApi (Electron's preload) so its outputs and event payloads are checked against the
 * contract the same way the WebSocket bridge checks them, and its errors arrive as IpcCallError.
 */
export function validatingApi(inner: PassdeskApi, reportProblem: (problem: string) => void): PassdeskApi {
  return {
    async call<N extends IpcCallName>(name: N, input: IpcInput<N>): Promise<IpcOutput<N>> {
      let output: unknown;
      try {
        output = await inner.call(name, input);
      } catch (error) {
        throw toIpcCallError(error);
      }
      return checkedOutput(name, output, reportProblem);
    },
    on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void {
      return inner.on(event, (payload) => {
        const parsed = ipcEvents[event].safeParse(payload);
        if (!parsed.success) {
          reportProblem(`${event}: payload does not match the contract`);
          return;
        }
        // validated against ipcEvents[event] just above
        listener(parsed.data as IpcEventPayload<E>);
      });
    },
  };
}
