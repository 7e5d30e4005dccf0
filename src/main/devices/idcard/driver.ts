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
 *
 * Split by what it holds; every name stays importable from here:
 *   readerTypes.ts   — states, events, options, ReaderError
 *   replyMatching.ts — command names, SAM faults, which reply answers which command
 *   readerLink.ts    — one request at a time over the transport, events, state and log
 *   probe.ts         — the default baud rates and the one-shot probe (port auto-detection)
 *   driver.ts        — reconnect with backoff, baud detection at connect, the polling loop, card assembly
 */
import { redactText } from '../../../shared/mask';
import { messageOf } from '../../../shared/errorText';
import { SerialTransport } from '../transport/serialTransport';
import { Cmd, HostCode, parseReadPayload, parseSamId, statusMeaning, Sw3, type ReplyFrame, type SamId } from './codec';
import { DEFAULT_BAUD_RATES } from './probe';
import { ReaderLink } from './readerLink';
import { ReaderError, type DriverEvents, type IdCardReaderOptions, type IdCardReaderTimeouts, type ReaderState } from './readerTypes';
import { cmdName, isSamFault } from './replyMatching';
import { cardKey, decodeCard, decodeUcs2, describeCard } from './textBlock';

export { DEFAULT_BAUD_RATES, probeIdCardReader } from './probe';
export type { ProbeResult } from './probe';
export { ReaderError } from './readerTypes';
export type { DriverEvents, IdCardReaderOptions, IdCardReaderTimeouts, ReaderEvent, ReaderState, ReaderStatus } from './readerTypes';

export class IdCardReaderDriver extends ReaderLink {
  private readonly timeouts: IdCardReaderTimeouts;
  private readonly baudRates: readonly number[];
  private loop: Promise<void> | undefined;
  private lastKey: string | undefined;
  private cardPresent = false;
  private connectedBaud: number | undefined;
  private sam: SamId | undefined;
  private lastOpenError: string | undefined;

  constructor(options: IdCardReaderOptions) {
    super(options);
    this.timeouts = { probeMs: 500, findMs: 800, selectMs: 800, readMs: 3000, otherMs: 1500, ...options.timeouts };
    this.baudRates = options.baudRates?.length ? [...options.baudRates] : DEFAULT_BAUD_RATES;
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
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have cleared `running` while this awaited
      if (!this.running) break;
      if (!connected) {
        await this.sleep(backoff);
        backoff = Math.min(max, backoff * factor);
        continue;
      }
      backoff = initial;
      const reason = await this.pollLoop();
      await this.closeTransport();
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have cleared `running` while this awaited
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
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have cleared `running` while this awaited
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
}
