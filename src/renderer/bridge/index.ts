/**
 * Which PassdeskApi the renderer talks to: Electron's preload (window.passdesk) when present, otherwise the
 * browser shell's WebSocket at ws://<this host>/ipc, authenticated with the per-launch secret.
 */
import { IpcCallError, WS_PATH, type PassdeskApi } from '../../shared/ipc';
import { browserSocketFactory } from './browserSocket';
import { alwaysConnected, type ConnectionSource, type ConnectionState } from './connectionState';
import { bridgeErrorCode } from './ipcErrors';
import { takeLaunchSecret } from './launchSecret';
import { validatingApi } from './validatingApi';
import { createWsBridge } from './wsBridge';

declare global {
  interface Window {
    passdesk?: PassdeskApi;
  }
}

export interface KioskBridge {
  api: PassdeskApi;
  connection: ConnectionSource;
}

const reportProblem = (problem: string): void => console.warn(`[passdesk ipc] ${problem}`);

/** An api that can never connect (opened without the launch secret): every call fails, plainly. */
function unconnectableBridge(): KioskBridge {
  const state: ConnectionState = { status: 'no_secret', attempt: 0 };
  return {
    api: {
      call: () => Promise.reject(new IpcCallError(bridgeErrorCode.unavailable, 'no launch secret')),
      on: () => () => undefined,
    },
    connection: { current: () => state, subscribe: () => () => undefined },
  };
}

export function resolveKioskBridge(): KioskBridge {
  if (window.passdesk) return { api: validatingApi(window.passdesk, reportProblem), connection: alwaysConnected };

  const secret = takeLaunchSecret({
    location: window.location,
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
    storage: window.sessionStorage,
  });
  if (!secret) return unconnectableBridge();

  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const bridge = createWsBridge({
    url: `${scheme}//${window.location.host}${WS_PATH}`,
    secret,
    socketFactory: browserSocketFactory,
    onProtocolError: reportProblem,
  });
  return { api: bridge, connection: bridge.connection };
}

export type { ConnectionSource, ConnectionState, ConnectionStatus } from './connectionState';
