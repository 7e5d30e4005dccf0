/**
 * IdCardReaderDriver: drives a SAM_V ID card reader over any ByteTransport (device-protocols.md §1.10).
 *
 *   start() → open + probe (SAM status at 115200, then 9600) → poll: find (20 01) → select (20 02) → read (30 01)
 *
 * - reports each card once (`card`), again only after the card was taken away (find failed) and put back;
 * - maps SW3 codes to the §1.4 meanings in `status` events of type `error`;
 * - survives unplugging: on a transport close, write failure or repeated timeouts it closes the port and reopens
 *   with exponential backoff until `stop()`.
 *
 * Log lines never contain a full ID number.
 */
import { redactText } from '../../../shared/mask';
import { SerialTransport } from '../transport/serialTransport';
import { Listeners, type ByteTransport } from '../transport/transport';
import {
  buildCommand,
  Cmd,
  FrameParser,
  HostCode,
  parseReadPayload,
  parseReply,
  parseSamId,
  statusMeaning,
  Sw3,
  type ReplyFrame,
  type SamId,
} from './codec';
import type { PhotoDecoder } from './photo';
import { cardKey, decodeCard, decodeUcs2, describeCard, type IdCard } from './textBlock';
import { messageOf } from '../../../shared/errorText';

export type ReaderStatus = 'disconnected' | 'connecting' | 'ready' | 'busy' | 'error';

export interface ReaderState {
  status: ReaderStatus;
  /** person-readable: "card present", the status code's meaning, "retrying in 2 s" */
  detail?: string;
}

/** Fine-grained events, for logs and the device manager. */
export type ReaderEvent =
  | { type: 'connected'; address: string; baudRate: number; samId?: string }
  | { type: 'cardPresent' }
  | { type: 'reading' }
  | { type: 'read'; card: IdCard }
  /**
   * find-card failed after a card had been found: the card was taken away. With readers that "consume" a card
   * after a read (most do, §1.10) this also fires right after a read while the card still lies on the reader.
   */
  | { type: 'cardRemoved' }
  /** `code` is an SW3 code from the reader or a host code (01 port, 02 timeout, 03 transmission, 05 unusable) */
  | { type: 'error'; code: number; meaning: string; during: string }
  | { type: 'disconnected'; reason: string };

export interface DriverEvents {
  card: [IdCard];
  state: [ReaderState];
  status: [ReaderEvent];
}

export interface IdCardReaderTimeouts {
  /** SAM-status probe per baud rate (default 500 ms) */
  probeMs: number;
  /** find and select (spec: 100–800 ms; default 800) */
  findMs: number;
  selectMs: number;
  /** text + photo read (spec: 1–2 s, 3 s with fingerprints; default 3000) */
  readMs: number;
  /** SAM ID, appended address, others (default 1500) */
  otherMs: number;
}

export interface IdCardReaderOptions {
  /** makes a closed transport for a baud rate (non-serial transports ignore the rate) */
  transport: (baudRate: number) => ByteTransport;
  /** probe order (default [115200, 9600], §1.1); pass one entry for USB/TCP */
  baudRates?: number[];
  /** pause between find-card polls (default 250 ms) */
  pollIntervalMs?: number;
  timeouts?: Partial<IdCardReaderTimeouts>;
  /** reopen backoff: first delay, cap and factor (default 250 ms → 5 s, ×2) */
  reconnect?: { initialMs?: number; maxMs?: number; factor?: number };
  /** while the SAM reports a fault (60), re-check its status this often (default 3000 ms) */
  samRecheckMs?: number;
  /** consecutive request timeouts that mean the reader is gone (default 3) */
  maxConsecutiveTimeouts?: number;
  /** consecutive "no card" answers before the last card counts as removed (default 1) */
  removalPolls?: number;
  /** read fingerprints too (`30 10` instead of `30 01`) */
  readFingerprint?: boolean;
  /** ask for the appended address (`30 03`) after each read */
  readAppendedAddress?: boolean;
  /** vendor WLT decoder; without one the card keeps only `photoWlt` */
  photoDecoder?: PhotoDecoder;
  /** log sink; lines are redacted again before they get here */
  log?: (line: string) => void;
}

/** A failed request: `code` is an SW3 or host code (see ReaderEvent.error). */
export class ReaderError extends Error {
  override name = 'ReaderError';
  constructor(
    readonly code: number,
    message: string,
    readonly kind: 'timeout' | 'transmission' | 'disconnected' | 'stopped' | 'status' = 'status',
  ) {
    super(message);
  }
}

interface Pending {
  cmd: number;
  resolve: (r: ReplyFrame) => void;
  reject: (e: ReaderError) => void;
  timer: NodeJS.Timeout;
}

const CMD_NAME: ReadonlyMap<number, string> = new Map([
  [Cmd.resetSam, 'reset SAM'],
  [Cmd.samStatus, 'SAM status'],
  [Cmd.samId, 'SAM ID'],
  [Cmd.findCard, 'find card'],
  [Cmd.selectCard, 'select card'],
  [Cmd.readBase, 'read card'],
  [Cmd.readBaseFp, 'read card + fingerprint'],
  [Cmd.readAppendedAddress, 'read appended address'],
]);
const cmdName = (cmd: number): string => CMD_NAME.get(cmd) ?? `command ${cmd.toString(16)}`;

/** The probe order when none is given (§1.1). */
export const DEFAULT_BAUD_RATES: readonly number[] = [115200, 9600];

/** SW3 codes meaning the SAM itself is unusable: the driver stays in `error` and re-checks the SAM status. */
const isSamFault = (sw3: number): boolean => sw3 === Sw3.samSelfTestFailed || sw3 === Sw3.samNotAuthorised;

/** Closes a transport, ignoring failures; a port whose device vanished may never call back: do not hang on it. */
function closeWithin1s(t: ByteTransport): Promise<void> {
  return Promise.race([t.close().catch(() => undefined), new Promise<void>((r) => setTimeout(r, 1000).unref())]);
}

/**
 * Is `r` a plausible answer to `cmd`? Rejects stale replies to an earlier, timed-out request (a late 1295-byte
 * read reply must not be taken as the answer to find-card).
 */
function fitsCommand(cmd: number, r: ReplyFrame): boolean {
  if (r.sw1 !== 0 || r.sw2 !== 0) return r.data.length === 0;
  switch (r.sw3) {
    case Sw3.findOk:
      return cmd === Cmd.findCard && r.data.length <= 8;
    case Sw3.success:
      switch (cmd) {
        case Cmd.findCard:
          return false;
        case Cmd.selectCard:
          return r.data.length <= 16;
        case Cmd.readBase:
        case Cmd.readBaseFp:
          return r.data.length >= 4;
        case Cmd.samId:
          return r.data.length === 16;
        case Cmd.readAppendedAddress:
          return r.data.length <= 72;
        default:
          return r.data.length === 0;
      }
    default:
      return r.data.length === 0;
  }
}

export class IdCardReaderDriver {
  private readonly opts: IdCardReaderOptions;
  private readonly timeouts: IdCardReaderTimeouts;
  private readonly baudRates: readonly number[];
  private readonly parser = new FrameParser();
  private readonly listeners: { [K in keyof DriverEvents]: Listeners<DriverEvents[K]> } = {
    card: new Listeners<DriverEvents['card']>(),
    state: new Listeners<DriverEvents['state']>(),
    status: new Listeners<DriverEvents['status']>(),
  };
  private transport: ByteTransport | undefined;
  private transportSubs: (() => void)[] = [];
  private pending: Pending | undefined;
  private running = false;
  private linkUp = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private current: ReaderState = { status: 'disconnected' };
  private lastKey: string | undefined;
  private cardPresent = false;
  private connectedBaud: number | undefined;
  private sam: SamId | undefined;
  private lastOpenError: string | undefined;

  constructor(options: IdCardReaderOptions) {
    this.opts = options;
    this.timeouts = { probeMs: 500, findMs: 800, selectMs: 800, readMs: 3000, otherMs: 1500, ...options.timeouts };
    this.baudRates = options.baudRates?.length ? [...options.baudRates] : DEFAULT_BAUD_RATES;
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

  /** A driver for a serial port path (real, USB-COM or pty), probing the default baud rates. */
  static serial(path: string, options: Omit<IdCardReaderOptions, 'transport'> = {}): IdCardReaderDriver {
    return new IdCardReaderDriver({ ...options, transport: (baud) => new SerialTransport(path, baud) });
  }

  get state(): ReaderState {
    return { ...this.current };
  }
  /** the baud rate the reader answered at, while connected */
  get baudRate(): number | undefined {
    return this.connectedBaud;
  }
  /** the SAM ID read at connect (raw bytes + display form) */
  get samId(): SamId | undefined {
    return this.sam;
  }
  get address(): string | undefined {
    return this.transport?.address;
  }

  on<K extends keyof DriverEvents>(event: K, fn: (...args: DriverEvents[K]) => void): () => void {
    return this.listeners[event].add(fn);
  }

  /** Starts connecting and polling in the background; resolves at once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.setState({ status: 'connecting', detail: 'opening the port' });
    this.loop = this.run().catch((e: unknown) => {
      this.log(`driver loop crashed: ${messageOf(e)}`);
      this.setState({ status: 'error', detail: 'internal error' });
    });
  }

  /** Stops polling and closes the port. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    const p = this.pending;
    if (p) this.settle(p, () => p.reject(new ReaderError(HostCode.portUnusable, 'stopped', 'stopped')));
    await this.loop;
    await this.closeTransport();
    this.setState({ status: 'disconnected', detail: 'stopped' });
  }

  /** Forget the last card, so the same card is reported again on its next read. */
  forgetCard(): void {
    this.lastKey = undefined;
  }

  // ---- loop -----------------------------------------------------------------------------------------

  private async run(): Promise<void> {
    const rc = this.opts.reconnect ?? {};
    const initial = rc.initialMs ?? 250;
    const max = rc.maxMs ?? 5000;
    const factor = rc.factor ?? 2;
    let backoff = initial;
    while (this.running) {
      const connected = await this.connect();
      if (!this.running) break;
      if (!connected) {
        await this.sleep(backoff);
        backoff = Math.min(max, backoff * factor);
        continue;
      }
      backoff = initial;
      const reason = await this.pollLoop();
      await this.closeTransport();
      if (!this.running) break;
      this.connectedBaud = undefined;
      this.cardPresent = false;
      this.emitStatus({ type: 'disconnected', reason });
      this.setState({ status: 'disconnected', detail: `${reason}; reconnecting` });
      await this.sleep(backoff);
    }
  }

  /** Opens the transport at each baud rate in turn and probes with SAM status. */
  private async connect(): Promise<boolean> {
    let lastProblem = '';
    for (const baud of this.baudRates) {
      if (!this.running) return false;
      const t = this.opts.transport(baud);
      try {
        await t.open();
      } catch (e) {
        const msg = messageOf(e);
        // the port itself is absent or busy: other baud rates will not help
        if (msg !== this.lastOpenError) this.log(`cannot open ${t.address}: ${msg} (retrying with backoff)`);
        this.lastOpenError = msg;
        this.setState({ status: 'disconnected', detail: `cannot open ${t.address}: ${msg}` });
        return false;
      }
      this.lastOpenError = undefined;
      this.setState({ status: 'connecting', detail: `probing ${t.address} at ${baud} baud` });
      this.attach(t);
      try {
        const r = await this.request(Cmd.samStatus, this.timeouts.probeMs);
        this.connectedBaud = baud;
        this.log(`reader answered at ${baud} baud on ${t.address} (SW3 ${r.sw3.toString(16)})`);
        await this.afterConnect(t.address, baud, r);
        return true;
      } catch (e) {
        if (!this.running) return false;
        lastProblem = messageOf(e);
        this.log(`no SAM_V reply at ${baud} baud on ${t.address}: ${lastProblem}`);
        await this.closeTransport();
      }
    }
    const address = this.opts.transport(this.baudRates[0]!).address;
    this.setState({
      status: 'error',
      detail: `no reply from an ID card reader on ${address} at ${this.baudRates.join(' or ')} baud`,
    });
    this.emitStatus({ type: 'error', code: HostCode.timeout, meaning: `${statusMeaning(HostCode.timeout)} (${lastProblem})`, during: 'probe' });
    return false;
  }

  private async afterConnect(address: string, baud: number, status: ReplyFrame): Promise<void> {
    if (status.sw3 === Sw3.success) {
      try {
        const id = await this.request(Cmd.samId, this.timeouts.otherMs);
        if (id.sw3 === Sw3.success) this.sam = parseSamId(id.data);
      } catch (e) {
        if (e instanceof ReaderError && e.kind === 'stopped') return;
        this.log(`SAM ID not read: ${messageOf(e)}`);
      }
    }
    this.emitStatus({ type: 'connected', address, baudRate: baud, ...(this.sam ? { samId: this.sam.display } : {}) });
    if (status.sw3 === Sw3.success) this.setState({ status: 'ready', detail: 'waiting for a card' });
    else this.reportStatusError(status.sw3, Cmd.samStatus);
  }

  /** Polls until the link goes away (returns the reason) or stop(). */
  private async pollLoop(): Promise<string> {
    let timeouts = 0;
    let noCard = 0;
    const maxTimeouts = this.opts.maxConsecutiveTimeouts ?? 3;
    const removalPolls = this.opts.removalPolls ?? 1;
    let samFault = this.current.status === 'error';
    while (this.running) {
      if (!this.linkUp) return 'the port closed';
      let pause = this.opts.pollIntervalMs ?? 250;
      try {
        if (samFault) {
          const s = await this.request(Cmd.samStatus, this.timeouts.otherMs);
          timeouts = 0;
          if (s.sw3 === Sw3.success) {
            samFault = false;
            this.setState({ status: 'ready', detail: 'waiting for a card' });
          } else {
            this.reportStatusError(s.sw3, Cmd.samStatus);
            await this.sleep(this.opts.samRecheckMs ?? 3000);
            continue;
          }
        }
        const find = await this.request(Cmd.findCard, this.timeouts.findMs);
        timeouts = 0;
        if (find.sw3 === Sw3.findOk) {
          noCard = 0;
          if (!this.cardPresent) {
            this.cardPresent = true;
            this.emitStatus({ type: 'cardPresent' });
          }
          await this.readCard();
          pause = Math.min(pause, 50);
        } else if (find.sw3 === Sw3.findFailed) {
          noCard++;
          if (noCard >= removalPolls && (this.cardPresent || this.lastKey !== undefined)) {
            this.lastKey = undefined;
            if (this.cardPresent) {
              this.cardPresent = false;
              this.emitStatus({ type: 'cardRemoved' });
            }
          }
          this.setState({ status: 'ready', detail: 'waiting for a card' });
        } else {
          this.reportStatusError(find.sw3, Cmd.findCard);
          if (isSamFault(find.sw3)) samFault = true;
        }
      } catch (e) {
        if (!(e instanceof ReaderError)) throw e;
        if (e.kind === 'stopped') break;
        if (e.kind === 'disconnected') return e.message;
        this.emitStatus({ type: 'error', code: e.code, meaning: statusMeaning(e.code), during: e.message });
        if (e.kind === 'timeout') {
          timeouts++;
          if (timeouts >= maxTimeouts) return `no reply to ${timeouts} requests in a row`;
          pause = 0;
        } else {
          // transmission error: the request is simply retried on the next poll
          if (this.current.status === 'busy') this.setState({ status: 'ready', detail: e.message });
        }
      }
      await this.sleep(pause);
    }
    return 'stopped';
  }

  /** After a successful find: select, read, decode, report (once per card). */
  private async readCard(): Promise<void> {
    const sel = await this.request(Cmd.selectCard, this.timeouts.selectMs);
    if (sel.sw3 !== Sw3.success) {
      this.reportStatusError(sel.sw3, Cmd.selectCard, false);
      return;
    }
    this.setState({ status: 'busy', detail: 'reading card' });
    this.emitStatus({ type: 'reading' });
    const cmd = this.opts.readFingerprint ? Cmd.readBaseFp : Cmd.readBase;
    const rd = await this.request(cmd, this.timeouts.readMs);
    if (rd.sw3 !== Sw3.success) {
      this.reportStatusError(rd.sw3, cmd, false);
      return;
    }
    const payload = parseReadPayload(cmd, rd.data);
    if (typeof payload === 'string') {
      this.emitStatus({ type: 'error', code: HostCode.transmissionError, meaning: statusMeaning(HostCode.transmissionError), during: payload });
      this.setState({ status: 'ready', detail: payload });
      return;
    }
    const card = decodeCard(payload.text, payload.photo, payload.fingerprint);
    const key = cardKey(card);
    if (key === this.lastKey) {
      this.log(`same card still on the reader (${describeCard(card)}); not reported again`);
      this.setState({ status: 'ready', detail: 'remove the card' });
      return;
    }
    if (this.opts.readAppendedAddress) {
      try {
        const a = await this.request(Cmd.readAppendedAddress, this.timeouts.otherMs);
        if (a.sw3 === Sw3.success) {
          const addr = decodeUcs2(a.data);
          if (addr) card.appendedAddress = addr;
        }
      } catch (e) {
        if (e instanceof ReaderError && (e.kind === 'stopped' || e.kind === 'disconnected')) throw e;
        card.warnings.push(`appended_address: ${messageOf(e)}`);
      }
    }
    if (this.opts.photoDecoder) {
      const decoder = this.opts.photoDecoder;
      let timer: NodeJS.Timeout | undefined;
      try {
        card.photo = await Promise.race([
          decoder.decode(card.photoWlt),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('timed out after 5 s')), 5000);
          }),
        ]);
      } catch (e) {
        card.warnings.push(`photo.decode: ${decoder.name}: ${redactText(messageOf(e))}`);
      } finally {
        clearTimeout(timer);
      }
    }
    this.lastKey = key;
    this.log(`card read: ${describeCard(card)}`);
    this.emitStatus({ type: 'read', card });
    this.emit('card', card);
    this.setState({ status: 'ready', detail: 'card read' });
  }

  private reportStatusError(sw3: number, cmd: number, sticky = true): void {
    const meaning = statusMeaning(sw3);
    this.emitStatus({ type: 'error', code: sw3, meaning, during: cmdName(cmd) });
    if (sticky && isSamFault(sw3)) this.setState({ status: 'error', detail: meaning });
    else this.setState({ status: 'ready', detail: `${cmdName(cmd)}: ${meaning}` });
  }

  // ---- requests -------------------------------------------------------------------------------------

  private request(cmd: number, timeoutMs: number, data?: Uint8Array): Promise<ReplyFrame> {
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

  private settle(p: Pending, fn: () => void): void {
    if (this.pending !== p) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    fn();
  }

  private attach(t: ByteTransport): void {
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

  private async closeTransport(): Promise<void> {
    const t = this.transport;
    for (const u of this.transportSubs.splice(0)) u();
    this.transport = undefined;
    this.linkUp = false;
    if (t) await closeWithin1s(t);
  }

  private sleep(ms: number): Promise<void> {
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

  private emit<K extends keyof DriverEvents>(event: K, ...args: DriverEvents[K]): void {
    try {
      this.listeners[event].emit(...args);
    } catch (e) {
      this.log(`a ${event} listener threw: ${messageOf(e)}`);
    }
  }

  private emitStatus(e: ReaderEvent): void {
    if (e.type === 'error') this.log(`error ${e.code.toString(16).padStart(2, '0')} during ${e.during}: ${e.meaning}`);
    this.emit('status', e);
  }

  private setState(s: ReaderState): void {
    if (s.status === this.current.status && s.detail === this.current.detail) return;
    this.current = s;
    this.emit('state', { ...s });
  }

  private log(line: string): void {
    this.opts.log?.(redactText(`[idcard] ${line}`));
  }
}

export interface ProbeResult {
  baudRate: number;
  /** SW3 of the SAM-status reply: 90 healthy, 60 self-test failed, … */
  samStatus: number;
  samStatusMeaning: string;
}

/**
 * One-shot detection (for port auto-detection): opens the transport at each baud rate, sends SAM status (11 FF) and
 * waits up to `timeoutMs` for any well-formed reply. Closes the port before returning. undefined = not a reader
 * (or the port cannot be opened).
 */
export async function probeIdCardReader(
  transport: (baudRate: number) => ByteTransport,
  options: { baudRates?: number[]; timeoutMs?: number } = {},
): Promise<ProbeResult | undefined> {
  const timeoutMs = options.timeoutMs ?? 500;
  for (const baud of options.baudRates?.length ? options.baudRates : DEFAULT_BAUD_RATES) {
    const t = transport(baud);
    try {
      await t.open();
    } catch {
      return undefined;
    }
    const parser = new FrameParser();
    const offs: (() => void)[] = [];
    try {
      const reply = await new Promise<ReplyFrame | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), timeoutMs);
        offs.push(() => clearTimeout(timer));
        offs.push(t.onData((c) => parser.push(c)));
        offs.push(t.onClose(() => resolve(undefined)));
        offs.push(
          parser.onFrame((f) => {
            const r = parseReply(f);
            if (r && r.data.length === 0) resolve(r);
          }),
        );
        t.write(buildCommand(Cmd.samStatus)).catch(() => resolve(undefined));
      });
      if (reply) return { baudRate: baud, samStatus: reply.sw3, samStatusMeaning: statusMeaning(reply.sw3) };
    } finally {
      for (const off of offs) off();
      await closeWithin1s(t);
    }
  }
  return undefined;
}
