/**
 * A SAM_V ID card reader simulator serving the real wire protocol over any ByteTransport (normally the device end
 * of a socat pty pair, opened with SerialTransport). Implements the checklist of device-protocols.md §1.13:
 *
 *   NO_CARD → PRESENT → FOUND → SELECTED → READ (consumed)
 *   find: 9F if a card is present and not consumed, else 80 · select: 90 only after find, else 81 ·
 *   read: 90 only after select, else 41 · bad checksum → 10 · 11 FF → 90 (60 when the SAM fault is on) ·
 *   12 FF → a fixed SAM ID · 30 03 → 91 (or the appended address) · replies in chunks with latency.
 */
import { execFile } from 'node:child_process';
import { Listeners, type ByteTransport } from '../transport/transport';
import { buildReadPayload, buildReply, buildSamId, Cmd, FrameParser, parseCommand, Sw3, toHex, type FrameError } from './codec';
import { buildSimCard, type CardFixture, type SimCard } from './fixtures';
import { encodeUcs2 } from './textBlock';
import { messageOf } from '../../../shared/errorText';

export type SimState = 'NO_CARD' | 'PRESENT' | 'FOUND' | 'SELECTED' | 'READ';

export interface SimLatency {
  /** find card, select card (spec: tens of ms) */
  findMs: number;
  selectMs: number;
  /** the text + photo read (spec: 0.5–1 s on real modules) */
  readMs: number;
  /** SAM status, SAM ID, reset, others */
  otherMs: number;
}

export const REALISTIC_LATENCY: SimLatency = { findMs: 30, selectMs: 30, readMs: 600, otherMs: 10 };
export const FAST_LATENCY: SimLatency = { findMs: 1, selectMs: 1, readMs: 5, otherMs: 1 };

export interface IdCardSimulatorOptions {
  latency?: Partial<SimLatency>;
  /** replies are written in chunks of this many bytes (default 200) */
  chunkSize?: number;
  /** pause between chunks (default 1 ms) */
  chunkGapMs?: number;
  /** model the vendor "consumed" flag: after a read, find fails until the card is removed (default true) */
  consumeOnRead?: boolean;
  /** the 16-byte SAM ID fields (default: the §1.5 example) */
  samId?: readonly [number, number, number, number, number];
  /** 70-byte appended address for `30 03`; without it `30 03` answers 91 */
  appendedAddress?: string;
  /**
   * Legacy-baud mode: answer only when the host end of the pty (`hostPath`) is set to `baudRate`, as a module
   * at a fixed rate sees only garbage otherwise. Checked with `stty -F hostPath speed` per request.
   */
  lineSpeed?: { baudRate: number; hostPath: string };
  log?: (line: string) => void;
}

export interface SimReplyEvent {
  cmd: number;
  sw3: number;
  length: number;
  /** performance.now() just before the reply's last chunk was written (the event fires at that moment) */
  lastChunkAt: number;
}

export type SimFault =
  /** flip the checksum of the next `count` replies (optionally only replies to `cmd`) */
  | { kind: 'badChecksum'; count?: number; cmd?: number }
  /** SAM self-test failure: every command answers 60 until cleared */
  | { kind: 'samFailure'; on: boolean }
  /** stop answering (a hung module) until cleared */
  | { kind: 'mute'; on: boolean };

const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

function stty(hostPath: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile('stty', ['-F', hostPath, 'speed'], { timeout: 2000 }, (err, stdout) => resolve(err ? undefined : Number(stdout.trim())));
  });
}

export class IdCardSimulator {
  private readonly latency: SimLatency;
  private readonly parser = new FrameParser();
  private card: SimCard | undefined;
  private consumed = false;
  private found = false;
  private selected = false;
  private samFailed = false;
  private muted = false;
  private badChecksums: { count: number; cmd?: number }[] = [];
  private queue: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void)[] = [];
  private running = false;
  private lastLogged: string | undefined;
  private readonly requests = new Listeners<[number]>();
  private readonly replies = new Listeners<[SimReplyEvent]>();
  /** counts of requests by command (tests use these instead of timing) */
  readonly counts = new Map<number, number>();

  constructor(
    readonly transport: ByteTransport,
    private readonly options: IdCardSimulatorOptions = {},
  ) {
    this.latency = { ...REALISTIC_LATENCY, ...options.latency };
  }

  get state(): SimState {
    if (!this.card) return 'NO_CARD';
    if (this.consumed) return 'READ';
    if (this.selected) return 'SELECTED';
    if (this.found) return 'FOUND';
    return 'PRESENT';
  }

  /** Starts serving (opens the transport if needed). */
  async start(): Promise<void> {
    if (this.running) return;
    if (!this.transport.isOpen) await this.transport.open();
    this.running = true;
    this.unsubscribe.push(
      this.transport.onData((chunk) => this.parser.push(chunk)),
      this.parser.onFrame((frame) => {
        const c = parseCommand(frame);
        if (c) this.enqueue(() => this.handle(c.cmd, c.data));
      }),
      this.parser.onError((e) => this.enqueue(() => this.handleFrameError(e))),
    );
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const u of this.unsubscribe.splice(0)) u();
    await this.queue.catch(() => undefined);
    await this.transport.close();
  }

  /** Put a card on the reader (replaces any card; clears the consumed flag). */
  insertCard(card: SimCard | CardFixture): void {
    this.card = 'text' in card ? card : buildSimCard(card);
    this.consumed = false;
    this.found = false;
    this.selected = false;
  }

  /** Take the card away. */
  removeCard(): void {
    this.card = undefined;
    this.consumed = false;
    this.found = false;
    this.selected = false;
  }

  fault(f: SimFault): void {
    switch (f.kind) {
      case 'badChecksum':
        this.badChecksums.push(f.cmd === undefined ? { count: f.count ?? 1 } : { count: f.count ?? 1, cmd: f.cmd });
        break;
      case 'samFailure':
        this.samFailed = f.on;
        break;
      case 'mute':
        this.muted = f.on;
        break;
    }
  }

  /** Writes raw bytes (line noise) to the host. */
  sendNoise(bytes: Uint8Array): Promise<void> {
    return this.transport.write(bytes);
  }

  onRequest(fn: (cmd: number) => void): () => void {
    return this.requests.add(fn);
  }
  onReply(fn: (e: SimReplyEvent) => void): () => void {
    return this.replies.add(fn);
  }

  /** Resolves when `n` more requests for `cmd` have arrived. */
  waitForRequests(cmd: number, n = 1): Promise<void> {
    return new Promise((resolve) => {
      let left = n;
      const off = this.onRequest((c) => {
        if (c === cmd && --left <= 0) {
          off();
          resolve();
        }
      });
    });
  }

  private enqueue(job: () => Promise<void>): void {
    this.queue = this.queue.then(job).catch((e: unknown) => this.options.log?.(`simulator: ${messageOf(e)}`));
  }

  private async handleFrameError(e: FrameError): Promise<void> {
    if (!this.running || this.muted) return;
    if (e.code === 'checksum') await this.reply(0, Sw3.checksumError);
    else if (e.code === 'length') await this.reply(0, Sw3.lengthError);
  }

  private async handle(cmd: number, _data: Uint8Array): Promise<void> {
    if (!this.running) return;
    this.counts.set(cmd, (this.counts.get(cmd) ?? 0) + 1);
    this.requests.emit(cmd);
    if (this.muted) return;
    if (this.options.lineSpeed) {
      const speed = await stty(this.options.lineSpeed.hostPath);
      if (speed !== this.options.lineSpeed.baudRate) {
        this.options.log?.(`simulator: host line at ${speed ?? '?'} baud, module at ${this.options.lineSpeed.baudRate}: request ignored`);
        return;
      }
    }
    const L = this.latency;
    if (this.samFailed && cmd !== Cmd.resetSam) {
      await sleep(L.otherMs);
      return this.reply(cmd, Sw3.samSelfTestFailed);
    }
    switch (cmd) {
      case Cmd.resetSam:
      case Cmd.setMaxRfByte:
      case Cmd.samStatus:
        await sleep(L.otherMs);
        return this.reply(cmd, Sw3.success);
      case Cmd.samId:
        await sleep(L.otherMs);
        return this.reply(cmd, Sw3.success, buildSamId(this.options.samId ?? [5, 1, 20110511, 123456789, 1234567890]));
      case Cmd.findCard:
        await sleep(L.findMs);
        this.selected = false;
        if (this.card && !this.consumed) {
          this.found = true;
          return this.reply(cmd, Sw3.findOk, new Uint8Array(4));
        }
        this.found = false;
        return this.reply(cmd, Sw3.findFailed);
      case Cmd.selectCard:
        await sleep(L.selectMs);
        if (this.card && this.found) {
          this.found = false;
          this.selected = true;
          return this.reply(cmd, Sw3.success, new Uint8Array(8));
        }
        return this.reply(cmd, Sw3.selectFailed);
      case Cmd.readBase:
      case Cmd.readBaseFp: {
        await sleep(L.readMs);
        const card = this.card;
        if (!card || !this.selected) return this.reply(cmd, Sw3.readFailed);
        this.selected = false;
        if (this.options.consumeOnRead ?? true) this.consumed = true;
        const payload = buildReadPayload(cmd, { text: card.text, photo: card.photo, fingerprint: card.fingerprint });
        return this.reply(cmd, Sw3.success, payload);
      }
      case Cmd.readAppendedAddress: {
        await sleep(L.otherMs);
        const addr = this.options.appendedAddress;
        if (!this.card || addr === undefined) return this.reply(cmd, this.card ? Sw3.noSuchItem : Sw3.readFailed);
        return this.reply(cmd, Sw3.success, encodeUcs2(addr, 70));
      }
      default:
        await sleep(L.otherMs);
        return this.reply(cmd, Sw3.commandError);
    }
  }

  private async reply(cmd: number, sw3: number, data?: Uint8Array): Promise<void> {
    const frame = buildReply(sw3, data);
    const fault = this.badChecksums[0];
    if (fault && (fault.cmd === undefined || fault.cmd === cmd)) {
      frame[frame.length - 1]! ^= 0x5a;
      if (--fault.count <= 0) this.badChecksums.shift();
      this.options.log?.(`simulator: corrupting the checksum of the reply to ${cmd.toString(16)}`);
    }
    const size = Math.max(1, this.options.chunkSize ?? 200);
    const gap = this.options.chunkGapMs ?? 1;
    for (let off = 0; off < frame.length; off += size) {
      if (!this.running || !this.transport.isOpen) return;
      if (off > 0) await sleep(gap);
      const last = off + size >= frame.length;
      // announced synchronously before the last write: the host may have the bytes before write() resolves
      if (last) this.replies.emit({ cmd, sw3, length: frame.length, lastChunkAt: performance.now() });
      await this.transport.write(frame.subarray(off, off + size));
    }
    const what = `${cmd.toString(16).padStart(4, '0')} → ${sw3.toString(16)}`;
    // the idle find-card poll repeats several times a second: log it once per change
    if (what !== this.lastLogged) {
      this.options.log?.(`simulator: ${what} (${frame.length} bytes${frame.length <= 16 ? `: ${toHex(frame)}` : ''})`);
    }
    this.lastLogged = cmd === Cmd.findCard ? what : undefined;
  }
}
