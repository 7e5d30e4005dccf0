/**
 * An ESC/POS printer simulator: captures the bytes it is sent (on a pty and/or a TCP server on 127.0.0.1),
 * decodes them back into text lines, QR payloads, raster images and cuts (one `DecodedJob` per cut, or after
 * `idleFlushMs` of silence for jobs without a cut), and answers DLE EOT n / GS r n with a configurable paper state.
 * A received raster image is the job's `images[i]` (widthDots × rows, packed bits; `imageDot` reads one dot); a
 * malformed raster (zero or oversize, a bad mode, cut off) is in the job's `errors`, never printed.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { createPtyPair } from '../sim/ptyPair';
import { SerialTransport } from '../transport/serialTransport';
import { Listeners, type ByteTransport } from '../transport/transport';
import { EscPosDecoder, JobAssembler, type DecodedJob, type EscPosEvent } from './decoder';
import { paperStatusByte, type PaperState } from './status';

export interface PrinterSimOptions {
  paper?: Exclude<PaperState, 'unknown'>;
  coverOpen?: boolean;
  /** answer DLE EOT at all (many USB-only printers do not), default true */
  answerStatus?: boolean;
  /** emit an uncut job after this much silence, default 500 ms; 0 = never */
  idleFlushMs?: number;
}

export class PrinterSimulator {
  paper: Exclude<PaperState, 'unknown'>;
  coverOpen: boolean;
  answerStatus: boolean;
  readonly jobs: DecodedJob[] = [];
  readonly stats = { bytes: 0, statusReplies: 0, connections: 0 };
  private readonly idleFlushMs: number;
  private readonly jobListeners = new Listeners<[DecodedJob]>();
  private readonly detachers = new Set<() => void>();
  private server: Server | undefined;

  constructor(opts: PrinterSimOptions = {}) {
    this.paper = opts.paper ?? 'ok';
    this.coverOpen = opts.coverOpen ?? false;
    this.answerStatus = opts.answerStatus ?? true;
    this.idleFlushMs = opts.idleFlushMs ?? 500;
  }

  onJob(listener: (job: DecodedJob) => void): () => void {
    return this.jobListeners.add(listener);
  }

  /** resolves with the next completed job */
  nextJob(): Promise<DecodedJob> {
    return new Promise((resolve) => {
      const off = this.onJob((j) => {
        off();
        resolve(j);
      });
    });
  }

  /** The reply byte to a real-time status request. */
  statusReply(command: 'DLE EOT' | 'GS r', n: number): number | undefined {
    if (command === 'GS r') return n === 1 || n === 49 ? (this.paper === 'out' ? 0x0c : this.paper === 'near_end' ? 0x03 : 0x00) : undefined;
    switch (n) {
      case 1:
        return 0x12;
      case 2:
        return 0x12 | (this.coverOpen ? 0x04 : 0) | (this.paper === 'out' ? 0x20 : 0);
      case 3:
        return 0x12;
      case 4:
        return paperStatusByte(this.paper);
      default:
        return undefined;
    }
  }

  /** Serve on an open byte transport (a pty's device end or an accepted socket). Returns a detach function. */
  attach(transport: Pick<ByteTransport, 'write' | 'onData' | 'onClose'>): () => void {
    this.stats.connections++;
    const decoder = new EscPosDecoder();
    const assembler = new JobAssembler();
    let idle: ReturnType<typeof setTimeout> | undefined;
    const finish = (jobs: DecodedJob[]) => {
      for (const j of jobs) {
        this.jobs.push(j);
        this.jobListeners.emit(j);
      }
    };
    const flush = () => {
      idle = undefined;
      // a job that went quiet in the middle of a command (a raster cut short) says so
      const cut = decoder.incomplete();
      if (cut !== undefined) finish(assembler.add([{ type: 'error', message: cut }]));
      const rest = assembler.flush();
      if (rest) finish([rest]);
    };
    const onEvents = (events: EscPosEvent[], bytes: number) => {
      for (const e of events) {
        if (e.type !== 'status' || !this.answerStatus) continue;
        const reply = this.statusReply(e.command, e.n);
        if (reply !== undefined) {
          this.stats.statusReplies++;
          transport.write(Uint8Array.of(reply)).catch(() => undefined);
        }
      }
      finish(assembler.add(events, bytes));
    };
    const offData = transport.onData((chunk) => {
      this.stats.bytes += chunk.length;
      onEvents(decoder.push(chunk), chunk.length);
      if (idle) clearTimeout(idle);
      if (this.idleFlushMs > 0) {
        idle = setTimeout(flush, this.idleFlushMs);
        idle.unref();
      }
    });
    const detach = () => {
      offData();
      offClose();
      if (idle) clearTimeout(idle);
      onEvents(decoder.end(), 0);
      flush();
      this.detachers.delete(detach);
    };
    const offClose = transport.onClose(() => detach());
    this.detachers.add(detach);
    return detach;
  }

  /** A raw TCP server (like port 9100). Resolves with the port it listens on. */
  listenTcp(port = 0, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket: Socket) => {
        const closed = new Listeners<[Error | undefined]>();
        socket.on('error', () => undefined);
        socket.once('close', () => closed.emit(undefined));
        this.attach({
          write: (d) => new Promise<void>((res, rej) => socket.write(d, (e) => (e ? rej(e) : res()))),
          onData: (fn) => {
            const h = (b: Buffer) => fn(new Uint8Array(b));
            socket.on('data', h);
            return () => socket.off('data', h);
          },
          onClose: (fn) => closed.add(fn),
        });
      });
      server.once('error', reject);
      server.listen(port, host, () => {
        this.server = server;
        const a = server.address();
        resolve(typeof a === 'object' && a ? a.port : port);
      });
    });
  }

  async close(): Promise<void> {
    for (const d of [...this.detachers]) d();
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }
}

export interface PrinterOnPty {
  /** the path the kiosk opens */
  path: string;
  sim: PrinterSimulator;
  close(): Promise<void>;
}

/** A simulated printer on a socat pty (optionally sharing a simulator with a TCP server). */
export async function servePrinterOnPty(opts: PrinterSimOptions = {}, sim = new PrinterSimulator(opts)): Promise<PrinterOnPty> {
  const pair = await createPtyPair('printer');
  const device = new SerialTransport(pair.devicePath, 9600);
  await device.open();
  const detach = sim.attach(device);
  return {
    path: pair.hostPath,
    sim,
    close: async () => {
      detach();
      await device.close();
      await pair.close();
    },
  };
}
