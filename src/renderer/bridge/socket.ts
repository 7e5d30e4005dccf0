/**
 * The few things the WebSocket bridge needs from a socket. The browser's WebSocket provides them in the app
 * (browserSocket.ts); tests provide them with the `ws` package. Keeps the bridge free of DOM types.
 */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(code: number): void;
  onError(): void;
}

export interface SocketConnection {
  send(text: string): void;
  close(code?: number): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketConnection;
