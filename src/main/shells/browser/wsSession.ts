/**
 * One renderer connection over the WebSocket: `hello` with the launch secret first (within 5 s, else
 * close 4401), then `call`s go to dispatchIpcCall and every core event is pushed as `event`.
 * Garbage gets an error reply; it never takes the host down.
 */
import type { WebSocket, RawData } from 'ws';
import { sameSecret } from '../../../platform/secrets';
import { WsClientMessage, type WsServerMessage } from '../../../shared/ipc';
import { dispatchIpcCall } from '../../core/ipcHandlers';
import type { KioskCore } from '../../core/kioskCore';
import { createLogger } from '../../core/log';

const log = createLogger('browser-shell');

export const HELLO_TIMEOUT_MS = 5_000;
export const CLOSE_UNAUTHORISED = 4401;

function idOf(raw: unknown): number {
  if (raw !== null && typeof raw === 'object' && 'id' in raw) {
    const id = raw.id;
    if (typeof id === 'number' && Number.isInteger(id)) return id;
  }
  return -1;
}

export function runWsSession(ws: WebSocket, core: KioskCore, secret: string): void {
  let ready = false;
  let unsubscribe: (() => void) | undefined;
  const send = (msg: WsServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const refuse = (why: string) => {
    log.warn(`renderer connection refused: ${why}`);
    ws.close(CLOSE_UNAUTHORISED, why);
  };
  const helloTimer = setTimeout(() => refuse('no hello in time'), HELLO_TIMEOUT_MS);

  ws.on('message', (data: RawData, isBinary: boolean) => {
    let raw: unknown;
    try {
      if (isBinary) throw new Error('binary frame');
      raw = JSON.parse((Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data).toString());
    } catch {
      if (!ready) return refuse('first message must be hello');
      return send({ type: 'result', id: -1, ok: false, error: { code: 'bad_message', message: 'not a JSON text message' } });
    }
    const msg = WsClientMessage.safeParse(raw);
    if (!ready) {
      if (!msg.success || msg.data.type !== 'hello' || !sameSecret(msg.data.secret, secret)) return refuse('bad hello');
      clearTimeout(helloTimer);
      ready = true;
      send({ type: 'ready' });
      unsubscribe = core.events.onAny((name, payload) => send({ type: 'event', name, payload }));
      return;
    }
    if (!msg.success || msg.data.type !== 'call') {
      return send({ type: 'result', id: idOf(raw), ok: false, error: { code: 'bad_message', message: 'expected a call message' } });
    }
    const { id, name, input } = msg.data;
    void dispatchIpcCall(core, name, input).then((result) =>
      send(result.ok ? { type: 'result', id, ok: true, output: result.output } : { type: 'result', id, ok: false, error: result.error }),
    );
  });
  ws.on('error', (err) => log.warn('renderer connection error', err));
  ws.on('close', () => {
    clearTimeout(helloTimer);
    unsubscribe?.();
  });
}
