import { SerialPort } from 'serialport';
import { ListeningTransport, type ByteTransport } from './transport';

/** A serial port (real, USB-COM, or a socat pseudo-terminal) through the real `serialport` bindings. */
export class SerialTransport extends ListeningTransport implements ByteTransport {
  private port: SerialPort | undefined;

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
        port.on('close', (e?: Error | null) => this.closed.emit(e ?? undefined));
        port.on('error', () => {
          /* reported through close */
        });
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

  close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (!port?.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}
