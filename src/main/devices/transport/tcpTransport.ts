import { Socket } from 'node:net';
import { ListeningTransport, type ByteTransport } from './transport';

export interface TcpTransportOptions {
  /** give up connecting after this long (default 3000 ms) */
  connectTimeoutMs?: number;
  /** TCP keep-alive probe delay; 0 disables (default 10 000 ms) */
  keepAliveMs?: number;
}

/**
 * A raw TCP socket (network printers on 9100, serial-to-Ethernet bridges). `address` is `host:port`.
 * `onClose` fires once when the remote end closes or the socket fails; `err` is set on failure.
 */
export class TcpTransport extends ListeningTransport implements ByteTransport {
  readonly address: string;
  private socket: Socket | undefined;

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly options: TcpTransportOptions = {},
  ) {
    super();
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new RangeError(`bad TCP port ${port}`);
    this.address = `${host}:${port}`;
  }

  /** "192.168.1.50:9100" → TcpTransport; a missing port uses `defaultPort`. */
  static fromAddress(address: string, defaultPort = 9100, options?: TcpTransportOptions): TcpTransport {
    const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(address.trim());
    if (!m?.[1]) throw new RangeError(`bad TCP address "${address}" (want host:port)`);
    return new TcpTransport(m[1], m[2] ? Number(m[2]) : defaultPort, options);
  }

  get isOpen(): boolean {
    const s = this.socket;
    return !!s && !s.destroyed && s.readyState === 'open';
  }

  open(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    const timeoutMs = this.options.connectTimeoutMs ?? 3000;
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      let settled = false;
      const timer = setTimeout(() => fail(new Error(`TCP ${this.address}: connect timed out after ${timeoutMs} ms`)), timeoutMs);
      const fail = (e: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        reject(new Error(`TCP ${this.address}: ${e.message}`));
      };
      socket.once('error', fail);
      socket.connect(this.port, this.host, () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.off('error', fail);
        socket.setNoDelay(true);
        const ka = this.options.keepAliveMs ?? 10_000;
        if (ka > 0) socket.setKeepAlive(true, ka);
        this.socket = socket;
        let lastError: Error | undefined;
        socket.on('data', (chunk: Buffer) => this.data.emit(new Uint8Array(chunk)));
        socket.on('error', (e) => (lastError = e));
        socket.once('close', () => {
          if (this.socket === socket) this.socket = undefined;
          this.closed.emit(lastError);
        });
        resolve();
      });
    });
  }

  write(data: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.isOpen) return Promise.reject(new Error(`TCP ${this.address} is not open`));
    return new Promise((resolve, reject) => socket.write(data, (err) => (err ? reject(err) : resolve())));
  }

  close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      // do not wait forever for a half-closed peer
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }
}
