/**
 * The driver's link to the reader: one request at a time over the transport (command out, matching reply or
 * timeout back), attaching and closing the transport, wakeable sleeps, and the driver's events, state and log.
 * `IdCardReaderDriver` (driver.ts) runs the reconnect and polling loops on top of it.
 */
import { redactText } from '../../../shared/mask';
import { messageOf } from '../../../shared/errorText';
import { Listeners, type ByteTransport } from '../transport/transport';
import { buildCommand, FrameParser, HostCode, parseReply, type ReplyFrame } from './codec';
import { ReaderError, type DriverEvents, type IdCardReaderOptions, type ReaderEvent, type ReaderState } from './readerTypes';
import { cmdName, fitsCommand } from './replyMatching';

interface Pending {
  cmd: number;
  resolve: (r: ReplyFrame) => void;
  reject: (e: ReaderError) => void;
  timer: NodeJS.Timeout;
}

/** Closes a transport, ignoring failures; a port whose device vanished may never call back: do not hang on it. */
export function closeWithin1s(t: ByteTransport): Promise<void> {
  return Promise.race([t.close().catch(() => undefined), new Promise<void>((r) => setTimeout(r, 1000).unref())]);
}

export abstract class ReaderLink {
  protected readonly opts: IdCardReaderOptions;
  private readonly parser = new FrameParser();
  protected readonly listeners: { [K in keyof DriverEvents]: Listeners<DriverEvents[K]> } = {
    card: new Listeners<DriverEvents['card']>(),
    state: new Listeners<DriverEvents['state']>(),
    status: new Listeners<DriverEvents['status']>(),
  };
  protected transport: ByteTransport | undefined;
  private transportSubs: (() => void)[] = [];
  protected pending: Pending | undefined;
  protected running = false;
  protected linkUp = false;
  protected wake: (() => void) | undefined;
  protected current: ReaderState = { status: 'disconnected' };

  constructor(options: IdCardReaderOptions) {
    this.opts = options;
    this.parser.onFrame((frame) => {
      const r = parseReply(frame);
      const p = this.pending;
      if (!r || !p) return;
      if (!fitsCommand(p.cmd, r)) {
        this.log(`ignoring a stray ${frame.bytes.length}-byte reply (SW3 ${r.sw3.toString(16)}) while waiting for ${cmdName(p.cmd)}`);
        return;
      }
      this.settle(p, () => p.resolve(r));
    });
    this.parser.onError((e) => {
      const p = this.pending;
      this.log(`frame error: ${e.message}`);
      if (p && e.code !== 'listener') {
        this.settle(p, () => p.reject(new ReaderError(HostCode.transmissionError, `${cmdName(p.cmd)}: ${e.message}`, 'transmission')));
      }
    });
  }

  // ---- requests -------------------------------------------------------------------------------------

  protected request(cmd: number, timeoutMs: number, data?: Uint8Array): Promise<ReplyFrame> {
    const t = this.transport;
    if (!this.running) return Promise.reject(new ReaderError(HostCode.portUnusable, 'stopped', 'stopped'));
    if (!t || !this.linkUp) return Promise.reject(new ReaderError(HostCode.portUnusable, 'the port is closed', 'disconnected'));
    if (this.pending) return Promise.reject(new ReaderError(HostCode.portUnusable, 'a request is already pending'));
    this.parser.reset();
    return new Promise<ReplyFrame>((resolve, reject) => {
      const p: Pending = {
        cmd,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.parser.reset();
          this.settle(p, () => reject(new ReaderError(HostCode.timeout, `${cmdName(cmd)}: no reply within ${timeoutMs} ms`, 'timeout')));
        }, timeoutMs),
      };
      this.pending = p;
      t.write(buildCommand(cmd, data)).catch((e: unknown) => {
        this.linkUp = false;
        const msg = messageOf(e);
        this.settle(p, () => reject(new ReaderError(HostCode.portUnusable, `write failed: ${msg}`, 'disconnected')));
      });
    });
  }

  protected settle(p: Pending, fn: () => void): void {
    if (this.pending !== p) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    fn();
  }

  protected attach(t: ByteTransport): void {
    this.transport = t;
    this.linkUp = true;
    this.parser.reset();
    this.transportSubs.push(
      t.onData((chunk) => this.parser.push(chunk)),
      t.onClose((err) => {
        if (this.transport !== t) return;
        this.linkUp = false;
        const reason = err ? `port closed: ${err.message}` : 'port closed';
        this.log(reason);
        const p = this.pending;
        if (p) this.settle(p, () => p.reject(new ReaderError(HostCode.portUnusable, reason, 'disconnected')));
        this.wake?.();
      }),
    );
  }

  protected async closeTransport(): Promise<void> {
    const t = this.transport;
    for (const u of this.transportSubs.splice(0)) u();
    this.transport = undefined;
    this.linkUp = false;
    if (t) await closeWithin1s(t);
  }

  protected sleep(ms: number): Promise<void> {
    if (ms <= 0 || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  // ---- events ---------------------------------------------------------------------------------------

  protected emit<K extends keyof DriverEvents>(event: K, ...args: DriverEvents[K]): void {
    try {
      this.listeners[event].emit(...args);
    } catch (e) {
      this.log(`a ${event} listener threw: ${messageOf(e)}`);
    }
  }

  protected emitStatus(e: ReaderEvent): void {
    if (e.type === 'error') this.log(`error ${e.code.toString(16).padStart(2, '0')} during ${e.during}: ${e.meaning}`);
    this.emit('status', e);
  }

  protected setState(s: ReaderState): void {
    if (s.status === this.current.status && s.detail === this.current.detail) return;
    this.current = s;
    this.emit('state', { ...s });
  }

  protected log(line: string): void {
    this.opts.log?.(redactText(`[idcard] ${line}`));
  }
}
