/** How the renderer is attached to the kiosk core. */
export type ConnectionStatus =
  /** first attempt, nothing shown yet */
  | 'connecting'
  /** hello answered with ready (or Electron's preload is present) */
  | 'connected'
  /** the socket closed; waiting to try again */
  | 'reconnecting'
  /** the page was opened without the per-launch secret: it cannot connect at all */
  | 'no_secret';

export interface ConnectionState {
  status: ConnectionStatus;
  /** failed attempts since the last successful connection */
  attempt: number;
}

export interface ConnectionSource {
  current(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

export const alwaysConnected: ConnectionSource = {
  current: () => ({ status: 'connected', attempt: 0 }),
  subscribe: () => () => undefined,
};
