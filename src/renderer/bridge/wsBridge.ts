/**
 * PassdeskApi over the browser shell's WebSocket (see WsClientMessage / WsServerMessage in the contract):
 * hello with the per-launch secret → ready → calls and events. Every frame from the server is validated,
 * every call's output is validated against ipcCalls[name].output and every event payload against
 * ipcEvents[name]. The socket reconnects with exponential backoff; calls made while disconnected wait for
 * the connection (up to their timeout), calls in flight when it drops fail with `ipc_disconnected`.
 */
import {
  IpcCallError,
  ipcCalls,
  ipcEvents,
  isIpcEventName,
  WsServerMessage,
  type IpcCallName,
  type IpcEventName,
  type IpcEventPayload,
  type IpcInput,
  type IpcOutput,
  type PassdeskApi,
  type WsClientMessage,
} from '../../shared/ipc';
import type { ConnectionSource, ConnectionState } from './connectionState';
import { bridgeErrorCode, toIpcCallError } from './ipcErrors';
import type { SocketConnection, SocketFactory } from './socket';
import { checkedOutput } from './validatingApi';

export interface WsBridgeOptions {
  url: string;
  secret: string;
  socketFactory: SocketFactory;
  /** how long a call may wait for a connection plus its answer */
  callTimeoutMs?: number;
  /** how long to wait for `ready` after the socket opens */
  helloTimeoutMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  /** where protocol problems are reported (frames that fail validation); console.warn by default */
  onProtocolError?: (problem: string) => void;
  /** for tests: randomness of the backoff jitter */
  random?: () => number;
}

export interface WsBridge extends PassdeskApi {
  connection: ConnectionSource;
  /** stops reconnecting and fails every waiting call */
  close(): void;
}

type Timer = ReturnType<typeof setTimeout>;

interface PendingCall {
  name: IpcCallName;
  frame: string;
  sent: boolean;
  resolve(output: unknown): void;
  reject(error: IpcCallError): void;
  timer: Timer;
}

const DEFAULTS = { callTimeoutMs: 30_000, helloTimeoutMs: 5_000, backoff: { initialMs: 300, maxMs: 10_000 } };

/** Exponential backoff with up to 25 % jitter: 300 ms, 600 ms, 1.2 s … capped at maxMs. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + 0.25 * random()));
}

export function createWsBridge(options: WsBridgeOptions): WsBridge {
  const callTimeoutMs = options.callTimeoutMs ?? DEFAULTS.callTimeoutMs;
  const helloTimeoutMs = options.helloTimeoutMs ?? DEFAULTS.helloTimeoutMs;
  const backoff = options.backoff ?? DEFAULTS.backoff;
  const random = options.random ?? Math.random;
  const reportProblem = options.onProtocolError ?? ((problem: string) => console.warn(`[passdesk ipc] ${problem}`));

  const pending = new Map<number, PendingCall>();
  const eventListeners = new Map<IpcEventName, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();

  let state: ConnectionState = { status: 'connecting', attempt: 0 };
  let socket: SocketConnection | null = null;
  let ready = false;
  let closed = false;
  let nextCallId = 1;
  let helloTimer: Timer | null = null;
  let retryTimer: Timer | null = null;

  const setState = (next: ConnectionState): void => {
    if (next.status === state.status && next.attempt === state.attempt) return;
    state = next;
    for (const listener of connectionListeners) listener(state);
  };

  const sendFrame = (message: WsClientMessage): void => {
    socket?.send(JSON.stringify(message));
  };

  const flushWaitingCalls = (): void => {
    for (const call of pending.values()) {
      if (call.sent) continue;
      call.sent = true;
      socket?.send(call.frame);
    }
  };

  const settle = (id: number): PendingCall | undefined => {
    const call = pending.get(id);
    if (!call) return undefined;
    clearTimeout(call.timer);
    pending.delete(id);
    return call;
  };

  const failSentCalls = (): void => {
    for (const [id, call] of pending) {
      if (!call.sent) continue;
      settle(id);
      call.reject(new IpcCallError(bridgeErrorCode.disconnected, `connection lost during ${call.name}`));
    }
  };

  const clearHelloTimer = (): void => {
    if (helloTimer !== null) clearTimeout(helloTimer);
    helloTimer = null;
  };

  const scheduleReconnect = (): void => {
    if (closed || retryTimer !== null) return;
    const attempt = state.attempt + 1;
    setState({ status: 'reconnecting', attempt });
    retryTimer = setTimeout(
      () => {
        retryTimer = null;
        connect();
      },
      backoffDelay(attempt, backoff.initialMs, backoff.maxMs, random),
    );
  };

  const handleResult = (message: Extract<WsServerMessage, { type: 'result' }>): void => {
    const call = settle(message.id);
    if (!call) {
      reportProblem(`result for unknown call id ${message.id}`);
      return;
    }
    if (!message.ok) {
      call.reject(new IpcCallError(message.error.code, message.error.message));
      return;
    }
    try {
      call.resolve(checkedOutput(call.name, message.output, reportProblem));
    } catch (error) {
      call.reject(toIpcCallError(error));
    }
  };

  const handleEvent = (message: Extract<WsServerMessage, { type: 'event' }>): void => {
    if (!isIpcEventName(message.name)) {
      reportProblem(`unknown event ${message.name}`);
      return;
    }
    const parsed = ipcEvents[message.name].safeParse(message.payload);
    if (!parsed.success) {
      reportProblem(`${message.name}: payload does not match the contract: ${parsed.error.message}`);
      return;
    }
    for (const listener of eventListeners.get(message.name) ?? []) {
      try {
        listener(parsed.data);
      } catch (error) {
        reportProblem(`${message.name} listener threw: ${String(error)}`);
      }
    }
  };

  const handleFrame = (data: unknown): void => {
    if (typeof data !== 'string') {
      reportProblem('binary frame ignored');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      reportProblem('frame is not JSON');
      return;
    }
    const parsed = WsServerMessage.safeParse(json);
    if (!parsed.success) {
      reportProblem(`frame does not match the contract: ${parsed.error.message}`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        if (ready) return;
        ready = true;
        clearHelloTimer();
        setState({ status: 'connected', attempt: 0 });
        flushWaitingCalls();
        return;
      case 'result':
        handleResult(message);
        return;
      case 'event':
        handleEvent(message);
        return;
    }
  };

  function connect(): void {
    if (closed) return;
    ready = false;
    let current: SocketConnection | null = null;
    const isCurrent = (): boolean => current !== null && socket === current;
    current = options.socketFactory(options.url, {
      onOpen: () => {
        if (!isCurrent()) return;
        sendFrame({ type: 'hello', secret: options.secret });
        helloTimer = setTimeout(() => {
          reportProblem('no ready after hello');
          current?.close(4000);
        }, helloTimeoutMs);
      },
      onMessage: (data) => {
        if (isCurrent()) handleFrame(data);
      },
      onClose: () => {
        if (!isCurrent()) return;
        clearHelloTimer();
        socket = null;
        ready = false;
        failSentCalls();
        scheduleReconnect();
      },
      onError: () => {
        // A close always follows an error; reconnecting happens there.
      },
    });
    socket = current;
  }

  const call = <N extends IpcCallName>(name: N, input: IpcInput<N>): Promise<IpcOutput<N>> =>
    new Promise<IpcOutput<N>>((resolve, reject) => {
      if (closed) {
        reject(new IpcCallError(bridgeErrorCode.unavailable, 'bridge closed'));
        return;
      }
      const checkedInput = ipcCalls[name].input.safeParse(input);
      if (!checkedInput.success) {
        reject(new IpcCallError(bridgeErrorCode.badInput, `${name}: ${checkedInput.error.message}`));
        return;
      }
      const id = nextCallId++;
      const frame = JSON.stringify({ type: 'call', id, name, input: checkedInput.data } satisfies WsClientMessage);
      const timer = setTimeout(() => {
        const waiting = settle(id);
        if (!waiting) return;
        waiting.reject(
          waiting.sent
            ? new IpcCallError(bridgeErrorCode.timeout, `${name} timed out`)
            : new IpcCallError(bridgeErrorCode.unavailable, `${name}: not connected to the kiosk core`),
        );
      }, callTimeoutMs);
      const entry: PendingCall = {
        name,
        frame,
        sent: false,
        // The output was validated against ipcCalls[name].output before it is resolved.
        resolve: (output) => resolve(output as IpcOutput<N>),
        reject,
        timer,
      };
      pending.set(id, entry);
      if (ready && socket) {
        entry.sent = true;
        socket.send(frame);
      }
    });

  const on = <E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): (() => void) => {
    // Payloads are validated against ipcEvents[event] before listeners run.
    const untyped = listener as (payload: unknown) => void;
    const listeners = eventListeners.get(event) ?? new Set<(payload: unknown) => void>();
    listeners.add(untyped);
    eventListeners.set(event, listeners);
    return () => {
      listeners.delete(untyped);
    };
  };

  const close = (): void => {
    closed = true;
    clearHelloTimer();
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    const last = socket;
    socket = null;
    ready = false;
    last?.close(1000);
    for (const [id, waiting] of pending) {
      settle(id);
      waiting.reject(new IpcCallError(bridgeErrorCode.unavailable, 'bridge closed'));
    }
  };

  connect();

  return {
    call,
    on,
    close,
    connection: {
      current: () => state,
      subscribe: (listener) => {
        connectionListeners.add(listener);
        return () => {
          connectionListeners.delete(listener);
        };
      },
    },
  };
}
