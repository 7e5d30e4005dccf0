/**
 * A serial / USB-COM scanner simulator on a pty: `scan(text)` writes the text and the configured suffix, in one
 * piece or split into small chunks like a slow UART.
 */
import { createPtyPair } from '../sim/ptyPair';
import { SerialTransport } from '../transport/serialTransport';
import type { ByteTransport } from '../transport/transport';

export interface ScannerSimOptions {
  /** bytes written after each scan, default CR */
  suffix?: 'cr' | 'lf' | 'crlf' | 'none' | Uint8Array;
}

const SUFFIX: Record<'cr' | 'lf' | 'crlf' | 'none', number[]> = { cr: [0x0d], lf: [0x0a], crlf: [0x0d, 0x0a], none: [] };

export class ScannerSimulator {
  suffix: NonNullable<ScannerSimOptions['suffix']>;
  private transport: ByteTransport | undefined;

  constructor(opts: ScannerSimOptions = {}) {
    this.suffix = opts.suffix ?? 'cr';
  }

  attach(transport: ByteTransport): void {
    this.transport = transport;
  }

  /** the bytes of one scan */
  encode(text: string | Uint8Array): Uint8Array {
    const body = typeof text === 'string' ? new TextEncoder().encode(text) : text;
    const sfx = typeof this.suffix === 'string' ? SUFFIX[this.suffix] : [...this.suffix];
    return Uint8Array.from([...body, ...sfx]);
  }

  /** Sends a scan; `chunkSize` splits it into several writes. */
  async scan(text: string | Uint8Array, chunkSize = 0): Promise<void> {
    const t = this.transport;
    if (!t?.isOpen) throw new Error('scanner simulator is not attached');
    const bytes = this.encode(text);
    if (chunkSize <= 0) return t.write(bytes);
    for (let o = 0; o < bytes.length; o += chunkSize) await t.write(bytes.subarray(o, o + chunkSize));
  }
}

export interface ScannerOnPty {
  path: string;
  sim: ScannerSimulator;
  close(): Promise<void>;
}

export async function serveScannerOnPty(opts: ScannerSimOptions = {}): Promise<ScannerOnPty> {
  const pair = await createPtyPair('scanner');
  const device = new SerialTransport(pair.devicePath, 9600);
  await device.open();
  const sim = new ScannerSimulator(opts);
  sim.attach(device);
  return {
    path: pair.hostPath,
    sim,
    close: async () => {
      await device.close();
      await pair.close();
    },
  };
}
