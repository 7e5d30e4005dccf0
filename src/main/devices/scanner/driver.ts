/**
 * A serial / USB-COM QR scanner: line-delimited scans over a ByteTransport, emitted as `scan` events. A scanner
 * configured without a suffix is handled by `idleFlushMs` (a scan ends after that much silence). The transport is
 * reopened after it closes (unplugged) every `reconnectMs` until `stop()`.
 */
import { ReconnectingLink } from '../transport/reconnectingLink';
import { Listeners, type ByteTransport } from '../transport/transport';
import { ScanLineParser, type ScanLineOptions } from './codec';
import { HidPosAssembler } from './hidPos';

export type ScannerStatus = 'disconnected' | 'connecting' | 'ready' | 'error';

export interface ScannerState {
  status: ScannerStatus;
  address: string;
  detail?: string;
}

export interface Scan {
  text: string;
  at: Date;
}

export interface ScannerOptions extends ScanLineOptions {
  transport: ByteTransport;
  /**
   * 'lines' (default): serial / USB-COM text with a suffix. 'hid-pos': every chunk is one HID-POS input report
   * (a HidTransport over usage page 0x8C), starting with its report ID.
   */
  framing?: 'lines' | 'hid-pos';
  /** end a suffix-less scan after this much silence; 0 = wait for the suffix only (default) */
  idleFlushMs?: number;
  /** reopen after the port closed, default 1000 ms; 0 = never */
  reconnectMs?: number;
}

type Events = { state: [ScannerState]; scan: [Scan] };

export class ScannerDriver {
  private readonly transport: ByteTransport;
  private readonly parserOptions: ScanLineOptions;
  private parser: ScanLineParser;
  private readonly framing: 'lines' | 'hid-pos';
  private hidPos: HidPosAssembler;
  private readonly idleFlushMs: number;
  private readonly link: ReconnectingLink;
  private readonly events: { [K in keyof Events]: Listeners<Events[K]> } = { state: new Listeners(), scan: new Listeners() };
  private stateValue: ScannerState;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: ScannerOptions) {
    this.transport = opts.transport;
    this.parserOptions = { suffix: opts.suffix, maxLength: opts.maxLength, encoding: opts.encoding };
    this.parser = new ScanLineParser(this.parserOptions);
    this.framing = opts.framing ?? 'lines';
    this.hidPos = new HidPosAssembler({ maxLength: opts.maxLength, encoding: opts.encoding });
    this.idleFlushMs = opts.idleFlushMs ?? 0;
    this.stateValue = { status: 'disconnected', address: this.transport.address };
    this.link = new ReconnectingLink(this.transport, opts.reconnectMs ?? 1000, {
      setState: (status, detail) => this.setState(status, detail),
      onData: (chunk) => this.onData(chunk),
      onOpen: () => {
        this.parser = new ScanLineParser(this.parserOptions);
        this.hidPos.reset();
      },
    });
  }

  get state(): ScannerState {
    return this.stateValue;
  }

  get stats(): { scans: number; overlong: number; empty: number; ignoredReports: number } {
    const h = this.hidPos.stats;
    const l = this.parser.stats;
    return { scans: l.scans + h.scans, overlong: l.overlong + h.overlong, empty: l.empty, ignoredReports: h.ignoredReports };
  }

  on<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): () => void {
    return this.events[event].add(listener);
  }

  async start(): Promise<void> {
    await this.link.start();
  }

  async stop(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    await this.link.stop();
  }

  private emitAll(texts: string[]): void {
    for (const text of texts) this.events.scan.emit({ text, at: new Date() });
  }

  private onData(chunk: Uint8Array): void {
    if (this.framing === 'hid-pos') {
      const scan = this.hidPos.push(chunk);
      if (scan) this.emitAll([scan.text]);
      return;
    }
    this.emitAll(this.parser.push(chunk));
    if (this.idleFlushMs > 0) {
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
      if (this.parser.pendingBytes > 0)
        this.idleTimer = setTimeout(() => {
          this.idleTimer = undefined;
          this.emitAll(this.parser.flush());
        }, this.idleFlushMs);
    }
  }

  private setState(status: ScannerStatus, detail?: string): void {
    const prev = this.stateValue;
    if (prev.status === status && prev.detail === detail) return;
    this.stateValue = { status, address: this.transport.address, ...(detail === undefined ? {} : { detail }) };
    this.events.state.emit(this.stateValue);
  }
}
