import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { ListeningTransport, type ByteTransport } from './transport';

/** How often an open port's device path is checked (a removed USB adapter takes its /dev node and by-id link). */
const PATH_WATCH_MS = 250;

/** A serial port (real, USB-COM, or a socat pseudo-terminal) through the real `serialport` bindings. */
export class SerialTransport extends ListeningTransport implements ByteTransport {
  private port: SerialPort | undefined;
  private pathWatch: NodeJS.Timeout | undefined;

  constructor(
    readonly address: string,
    readonly baudRate: number,
  ) {
    super();
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path: this.address, baudRate: this.baudRate, autoOpen: false });
      port.open((err) => {
        if (err) return reject(err);
        this.port = port;
        port.on('data', (chunk: Buffer) => this.data.emit(new Uint8Array(chunk)));
        port.on('close', (e?: Error | null) => {
          this.stopPathWatch();
          this.closed.emit(e ?? undefined);
        });
        port.on('error', () => {
          /* reported through close */
        });
        this.watchPath(port);
        resolve();
      });
    });
  }

  write(data: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new Error(`serial port ${this.address} is not open`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(data), (err) => (err ? reject(err) : port.drain((e) => (e ? reject(e) : resolve()))));
    });
  }

  /**
   * The bindings notice a vanished device only when a read fails, and an idle port may not be reading: when the
   * device path (a /dev node or a by-id symlink; not a Windows COM name) goes away, the port is closed as unplugged.
   */
  private watchPath(port: SerialPort): void {
    if (process.platform === 'win32' || !existsSync(this.address)) return;
    this.pathWatch = setInterval(() => {
      if (existsSync(this.address)) return;
      this.stopPathWatch();
      port.removeAllListeners('close');
      port.on('close', () => undefined);
      if (this.port === port) this.port = undefined;
      this.closed.emit(new Error(`${this.address} was removed`));
      if (port.isOpen) port.close(() => undefined);
    }, PATH_WATCH_MS);
    this.pathWatch.unref();
  }

  private stopPathWatch(): void {
    if (this.pathWatch) clearInterval(this.pathWatch);
    this.pathWatch = undefined;
  }

  close(): Promise<void> {
    this.stopPathWatch();
    const port = this.port;
    this.port = undefined;
    if (!port?.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}
