import type { SocketFactory } from './socket';

/** The bridge's socket, made of the browser's WebSocket. */
export const browserSocketFactory: SocketFactory = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event: MessageEvent<unknown>) => handlers.onMessage(event.data);
  socket.onclose = (event: CloseEvent) => handlers.onClose(event.code);
  socket.onerror = () => handlers.onError();
  return {
    send: (text) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
    },
    close: (code) => socket.close(code),
  };
};
