/**
 * The pass printer over any ByteTransport: serial / USB-COM, TCP 9100, USB printer class. Sends jobs in chunks,
 * reads the paper sensor with DLE EOT 4 (a timeout means "unknown": many USB-only printers never answer) and
 * refuses to print when the sensor says the paper is out. The transport is opened on demand, so a network
 * printer that dropped the connection is reconnected by the next job.
 */
import { SerialTransport } from '../transport/serialTransport';
import { TcpTransport } from '../transport/tcpTransport';
import { Listeners, type ByteTransport } from '../transport/transport';
import { StatusReplyReader, parsePaperStatus, statusRequest, type PaperStatus } from './status';
import { UsbPrinterTransport } from './usbPrinterTransport';
import { messageOf } from '../../../shared/errorText';
import { IpcCallError } from '../../../shared/errorCodes';

export type PrinterStatus = 'disconnected' | 'connecting' | 'ready' | 'busy' | 'error';

export interface PrinterState {
  status: PrinterStatus;
  address: string;
  paper: PaperStatus['paper'];
  detail?: string;
}

export interface PrintResult {
  bytes: number;
  /** the paper sensor after the job */
  paper: PaperStatus;
}

export interface EscPosPrinterOptions {
  transport: ByteTransport;
  /** wait this long for a DLE EOT reply, default 500 ms */
  statusTimeoutMs?: number;
  /** bytes per write, default 4096 */
  chunkSize?: number;
  /** check the paper before printing and refuse when it is out, default true */
  checkPaper?: boolean;
  /**
   * while started, re-read the paper sensor this often when idle, so reloaded paper, a low roll or an unplugged
   * printer shows on the status screen before the next visitor's pass; default 5000 ms, 0 turns it off
   */
  watchIntervalMs?: number;
}

export type PrinterFault = 'paper_out' | 'not_connected' | 'write_failed';
const deskCodeOf = { paper_out: 'paper_out', not_connected: 'printer_unavailable', write_failed: 'printer_failed' } as const;

/** A print that did not go through: one of the desk's coded errors (`code`), with the printer's own `fault`. */
export class PrinterError extends IpcCallError<(typeof deskCodeOf)[PrinterFault]> {
  constructor(
    readonly fault: PrinterFault,
    message: string,
  ) {
    super(deskCodeOf[fault], message);
    this.name = 'PrinterError';
  }
}

type Events = { state: [PrinterState] };

const PAPER_DETAIL: Record<PaperStatus['paper'], string | undefined> = {
  ok: undefined,
  near_end: 'paper low',
  out: 'no paper',
  unknown: undefined,
};

export class EscPosPrinter {
  private readonly transport: ByteTransport;
  private readonly statusTimeoutMs: number;
  private readonly chunkSize: number;
  private readonly checkPaper: boolean;
  private readonly watchIntervalMs: number;
  private watchTimer: ReturnType<typeof setTimeout> | undefined;
  private pending = 0;
  private readonly reader = new StatusReplyReader();
  private readonly events: { [K in keyof Events]: Listeners<Events[K]> } = { state: new Listeners() };
  private unsubs: (() => void)[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private stateValue: PrinterState;
  private stopped = false;

  constructor(opts: EscPosPrinterOptions) {
    this.transport = opts.transport;
    this.statusTimeoutMs = opts.statusTimeoutMs ?? 500;
    this.chunkSize = Math.max(1, opts.chunkSize ?? 4096);
    this.checkPaper = opts.checkPaper ?? true;
    this.watchIntervalMs = Math.max(0, opts.watchIntervalMs ?? 5000);
    this.stateValue = { status: 'disconnected', address: this.transport.address, paper: 'unknown' };
  }

  get state(): PrinterState {
    return this.stateValue;
  }

  on<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): () => void {
    return this.events[event].add(listener);
  }

  /** Opens the transport and reads the paper sensor; failures leave the state `disconnected` (retried per job). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.serial(async () => {
      try {
        await this.ensureOpen();
        this.showPaper((await this.readPaper()).paper);
      } catch (e) {
        this.setState('disconnected', 'unknown', (e as Error).message);
      }
    });
    this.scheduleWatch();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.watchTimer);
    this.watchTimer = undefined;
    await this.queue.catch(() => undefined);
    this.detach();
    await this.transport.close().catch(() => undefined);
    this.setState('disconnected', this.stateValue.paper, 'stopped');
  }

  /** DLE EOT 4 → paper state ('unknown' when the printer does not answer). */
  paperStatus(): Promise<PaperStatus> {
    return this.readStatus(false);
  }

  private readStatus(quiet: boolean): Promise<PaperStatus> {
    return this.serial(async () => {
      await this.ensureOpen(quiet);
      const p = await this.readPaper();
      this.showPaper(p.paper);
      return p;
    });
  }

  /** Sends a job (e.g. from renderPassJob). Rejects with PrinterError('paper_out') when the sensor says so. */
  print(job: Uint8Array): Promise<PrintResult> {
    return this.serial(async () => {
      try {
        await this.ensureOpen();
      } catch (e) {
        this.setState('disconnected', 'unknown', (e as Error).message);
        throw new PrinterError('not_connected', `printer ${this.transport.address}: ${(e as Error).message}`);
      }
      if (this.checkPaper) {
        const before = await this.readPaper().catch((e: unknown) => {
          throw this.writeFailed(e);
        });
        if (before.paper === 'out') {
          this.showPaper('out');
          throw new PrinterError('paper_out', 'the printer is out of paper');
        }
      }
      this.setState('busy', this.stateValue.paper);
      try {
        for (let o = 0; o < job.length; o += this.chunkSize) await this.transport.write(job.subarray(o, o + this.chunkSize));
      } catch (e) {
        throw this.writeFailed(e);
      }
      // the job is out; a status request that cannot be sent after it leaves the paper unknown and the printer
      // in error (never `busy`) until the idle watch or the next job reads the sensor again
      let paper: PaperStatus;
      try {
        paper = await this.readPaper();
        this.showPaper(paper.paper);
      } catch (e) {
        paper = { paper: 'unknown' };
        if (this.stateValue.status === 'busy') this.setState('error', 'unknown', (e as Error).message);
      }
      return { bytes: job.length, paper };
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    this.pending++;
    const run = this.queue.then(fn).finally(() => this.pending--);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** One idle status read per interval; skipped while a job or another status read is queued. */
  private scheduleWatch(): void {
    if (this.watchIntervalMs === 0 || this.stopped) return;
    clearTimeout(this.watchTimer);
    this.watchTimer = setTimeout(() => {
      // stop() clears this timer, so it only fires while started
      this.watchTimer = undefined;
      const poll =
        this.pending > 0
          ? Promise.resolve()
          : this.readStatus(true).catch((e: unknown) => {
              if (!this.stopped) this.setState('disconnected', 'unknown', (e as Error).message);
            });
      void poll.then(() => this.scheduleWatch());
    }, this.watchIntervalMs);
    this.watchTimer.unref();
  }

  /** `quiet`: a watch retry does not flash 'connecting' on the status screen every interval */
  private async ensureOpen(quiet = false): Promise<void> {
    if (this.transport.isOpen) return;
    if (this.stopped) throw new PrinterError('not_connected', 'printer stopped');
    if (!quiet) this.setState('connecting', this.stateValue.paper);
    await this.transport.open();
    this.detach();
    this.unsubs.push(
      this.transport.onData((chunk) => this.reader.push(chunk)),
      this.transport.onClose((err) => {
        this.detach();
        while (this.reader.outstanding > 0) this.reader.cancelOldest();
        if (!this.stopped) this.setState('disconnected', 'unknown', err ? err.message : 'connection closed');
      }),
    );
  }

  private detach(): void {
    for (const u of this.unsubs) u();
    this.unsubs = [];
  }

  /** The printer in `error` with the transport's message, and the PrinterError('write_failed') to throw. */
  private writeFailed(e: unknown): PrinterError {
    const message = messageOf(e);
    this.setState('error', this.stateValue.paper, message);
    return new PrinterError('write_failed', `printer ${this.transport.address}: ${message}`);
  }

  /** DLE EOT 4 and its reply; a request that cannot be sent is forgotten, so a later reply meets its own request. */
  private async readPaper(): Promise<PaperStatus> {
    const reply = this.reader.expect();
    try {
      await this.transport.write(statusRequest(4));
    } catch (e) {
      this.reader.cancelOldest();
      throw e;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.statusTimeoutMs);
    });
    const b = await Promise.race([reply, timeout]);
    clearTimeout(timer);
    if (b === undefined) this.reader.cancelOldest();
    return parsePaperStatus(b);
  }

  /** the state a paper sensor reading means: out of paper is an error, anything else (low, unknown) is ready */
  private showPaper(paper: PaperStatus['paper']): void {
    this.setState(paper === 'out' ? 'error' : 'ready', paper);
  }

  private setState(status: PrinterStatus, paper: PaperStatus['paper'], detail = PAPER_DETAIL[paper]): void {
    const prev = this.stateValue;
    if (prev.status === status && prev.paper === paper && prev.detail === detail) return;
    this.stateValue = { status, address: this.transport.address, paper, ...(detail === undefined ? {} : { detail }) };
    this.events.state.emit(this.stateValue);
  }
}

export interface PrinterSinkSettings {
  kind: 'none' | 'escpos-serial' | 'escpos-tcp' | 'escpos-usb' | 'system';
  /** serial port path, or USB VID:PID for escpos-usb */
  port?: string;
  /** host[:port] for escpos-tcp (port 9100 by default) */
  host?: string;
  baudRate?: number;
}

/** The transport for an ESC/POS printer setting, or undefined for 'none' / 'system' / missing addresses. */
export function createPrinterTransport(s: PrinterSinkSettings): ByteTransport | undefined {
  switch (s.kind) {
    case 'escpos-serial':
      return s.port ? new SerialTransport(s.port, s.baudRate ?? 9600) : undefined;
    case 'escpos-tcp':
      return s.host ? TcpTransport.fromAddress(s.host, 9100) : undefined;
    case 'escpos-usb':
      return UsbPrinterTransport.fromAddress(s.port);
    default:
      return undefined;
  }
}

/** Probes a transport for an ESC/POS printer: DLE EOT 4 must come back with the fixed status bits. */
export async function probePrinter(transport: ByteTransport, timeoutMs = 400): Promise<boolean> {
  const printer = new EscPosPrinter({ transport, statusTimeoutMs: timeoutMs });
  try {
    return (await printer.paperStatus()).paper !== 'unknown';
  } catch {
    return false;
  } finally {
    await printer.stop();
  }
}
