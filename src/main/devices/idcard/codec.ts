/**
 * SAM_V frame codec (device-protocols.md §1.2–§1.6).
 *
 *   host → reader : AA AA AA 96 69 | LEN_H LEN_L | CMD PARA [DATA…]      | CHK
 *   reader → host : AA AA AA 96 69 | LEN_H LEN_L | SW1 SW2 SW3 [DATA…]   | CHK
 *
 * LEN is big-endian and counts every byte after LEN up to and including CHK; CHK is the XOR of LEN_H … the byte
 * before CHK. Pure: no I/O, no timers.
 */
import { Listeners } from '../transport/transport';
import { messageOf } from '../../../shared/errorText';

export const PREAMBLE: readonly number[] = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
/** preamble + LEN */
export const HEADER_LENGTH = 7;
/** The longest legitimate reply is the 2321-byte fingerprint read (LEN 0x090A); leave head-room. */
export const DEFAULT_MAX_LEN = 4096;

/** Command class + parameter, as one 16-bit number (`0x2001` = find card). */
export const Cmd = {
  resetSam: 0x10ff,
  samStatus: 0x11ff,
  samId: 0x12ff,
  findCard: 0x2001,
  selectCard: 0x2002,
  readBase: 0x3001,
  readBaseFp: 0x3010,
  readAppendedAddress: 0x3003,
  setMaxRfByte: 0x61ff,
} as const;
export type CmdCode = (typeof Cmd)[keyof typeof Cmd];

/** SW3 codes that travel on the wire (§1.4). */
export const Sw3 = {
  success: 0x90,
  noSuchItem: 0x91,
  findOk: 0x9f,
  checksumError: 0x10,
  lengthError: 0x11,
  commandError: 0x21,
  notPermitted: 0x23,
  unknownError: 0x24,
  cardAuthSamFailed: 0x31,
  samAuthCardFailed: 0x32,
  verifyFailed: 0x33,
  fingerprintError: 0x37,
  infoLengthError: 0x3f,
  unknownCardType: 0x40,
  readFailed: 0x41,
  randomFailed: 0x47,
  samSelfTestFailed: 0x60,
  samNotAuthorised: 0x66,
  findFailed: 0x80,
  selectFailed: 0x81,
} as const;

/** Host-side codes (the "host DLL only" rows of §1.4), reused as the driver's own error codes. */
export const HostCode = {
  portOpenFailed: 0x01,
  timeout: 0x02,
  transmissionError: 0x03,
  portUnusable: 0x05,
} as const;

const STATUS_MEANING: ReadonlyMap<number, string> = new Map([
  [0x90, 'success'],
  [0x91, 'the card has no such item (e.g. no appended address)'],
  [0x9f, 'find card succeeded'],
  [0x10, 'checksum error in data received from the terminal'],
  [0x11, 'length error in data received from the terminal'],
  [0x21, 'command error: bad values or an invalid combination'],
  [0x23, 'operation not permitted'],
  [0x24, 'unrecognised error'],
  [0x31, 'card failed to authenticate the SAM'],
  [0x32, 'SAM failed to authenticate the card'],
  [0x33, 'information verification failed'],
  [0x37, 'fingerprint verification error'],
  [0x3f, 'information length error'],
  [0x40, 'unrecognised card type'],
  [0x41, 'read card failed'],
  [0x47, 'get-random failed'],
  [0x60, 'SAM self-test failed; cannot accept commands'],
  [0x66, 'SAM not authorised'],
  [0x80, 'find card failed (no card present)'],
  [0x81, 'select card failed'],
  [0x01, 'port open failed / invalid port'],
  [0x02, 'receive timeout'],
  [0x03, 'data transmission error'],
  [0x05, 'SAM serial port unusable'],
  [0x09, 'file open failed'],
]);

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/** "60: SAM self-test failed; cannot accept commands"; unknown codes are "unknown status XX". */
export function statusMeaning(code: number): string {
  return STATUS_MEANING.get(code) ?? `unknown status ${hex2(code)}`;
}

export function toHex(bytes: Uint8Array, max = 64): string {
  const parts: string[] = [];
  for (let i = 0; i < Math.min(bytes.length, max); i++) parts.push(hex2(bytes[i]!));
  return parts.join(' ') + (bytes.length > max ? ` …(+${bytes.length - max})` : '');
}

/** "AA AA 96" / "aaaa96" → bytes (test vectors, CLI). */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/[^0-9a-fA-F]/g, '');
  if (clean.length % 2) throw new RangeError('odd number of hex digits');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** XOR of bytes[start, end). */
export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

/** Wraps a body (CMD PARA DATA, or SW1 SW2 SW3 DATA) into a full frame. */
export function buildFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError(`frame body too long (${body.length})`);
  const f = new Uint8Array(HEADER_LENGTH + len);
  f.set(PREAMBLE, 0);
  f[5] = len >> 8;
  f[6] = len & 0xff;
  f.set(body, HEADER_LENGTH);
  f[f.length - 1] = xorChecksum(f, 5, f.length - 1);
  return f;
}

export function buildCommand(cmd: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = (cmd >> 8) & 0xff;
  body[1] = cmd & 0xff;
  body.set(data, 2);
  return buildFrame(body);
}

export function buildReply(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[0] = sw1;
  body[1] = sw2;
  body[2] = sw3;
  body.set(data, 3);
  return buildFrame(body);
}

/** A checksum-verified frame: `body` is everything between LEN and CHK. */
export interface Frame {
  bytes: Uint8Array;
  body: Uint8Array;
}

export interface CommandFrame {
  cmd: number;
  data: Uint8Array;
}
export interface ReplyFrame {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

/** undefined when the body is too short to be a command (e.g. a Bluetooth 1-byte sleep frame). */
export function parseCommand(frame: Frame): CommandFrame | undefined {
  if (frame.body.length < 2) return undefined;
  return { cmd: (frame.body[0]! << 8) | frame.body[1]!, data: frame.body.subarray(2) };
}

export function parseReply(frame: Frame): ReplyFrame | undefined {
  if (frame.body.length < 3) return undefined;
  return { sw1: frame.body[0]!, sw2: frame.body[1]!, sw3: frame.body[2]!, data: frame.body.subarray(3) };
}

export const isSuccess = (r: ReplyFrame, sw3: number = Sw3.success): boolean => r.sw1 === 0 && r.sw2 === 0 && r.sw3 === sw3;

/**
 * Validates a complete buffer as exactly one frame (used by tests and the CLI). Returns the frame or the reason.
 */
export function decodeFrame(bytes: Uint8Array, maxLen = DEFAULT_MAX_LEN): Frame | FrameError {
  for (let i = 0; i < PREAMBLE.length; i++) {
    if (bytes[i] !== PREAMBLE[i]) return { code: 'preamble', message: 'no SAM_V preamble', discarded: bytes.length };
  }
  if (bytes.length < HEADER_LENGTH) return { code: 'length', message: 'truncated header', discarded: bytes.length };
  const len = (bytes[5]! << 8) | bytes[6]!;
  if (len < 2 || len > maxLen) return { code: 'length', message: `LEN ${len} out of range`, discarded: bytes.length };
  if (bytes.length !== HEADER_LENGTH + len) {
    return { code: 'length', message: `LEN ${len} but ${bytes.length - HEADER_LENGTH} bytes follow`, discarded: bytes.length };
  }
  const want = xorChecksum(bytes, 5, bytes.length - 1);
  const got = bytes[bytes.length - 1]!;
  if (want !== got) {
    return { code: 'checksum', message: `checksum ${hex2(got)}, expected ${hex2(want)}`, discarded: bytes.length };
  }
  return { bytes, body: bytes.subarray(HEADER_LENGTH, bytes.length - 1) };
}

export type FrameErrorCode = 'checksum' | 'length' | 'preamble' | 'listener';
export interface FrameError {
  code: FrameErrorCode;
  message: string;
  /** bytes dropped because of this error */
  discarded: number;
}
export const isFrameError = (x: Frame | FrameError): x is FrameError => 'code' in x;

export interface FrameParserStats {
  frames: number;
  /** bytes skipped while looking for a preamble */
  noiseBytes: number;
  checksumErrors: number;
  lengthErrors: number;
}

export interface FrameParserOptions {
  /** the largest LEN accepted (default 4096); a larger LEN is a length error and the parser resyncs */
  maxLen?: number;
  /** the smallest LEN accepted (default 2: one body byte + CHK) */
  minLen?: number;
}

/**
 * Streaming SAM_V frame parser. Push chunks of any size; it emits checksum-verified frames, resyncs on the
 * preamble after noise, and reports bad checksums and impossible lengths as typed `error` events. It never throws
 * from `push`, and its buffer never exceeds `HEADER_LENGTH + maxLen` bytes (big chunks are consumed in slices).
 *
 * After an error it restarts the search one byte after the rejected preamble, so a real frame hidden inside a
 * rejected one is still found. A frame that claims a long LEN holds the parser until that many bytes arrive; the
 * driver calls `reset()` when a request times out.
 */
export class FrameParser {
  private readonly maxLen: number;
  private readonly minLen: number;
  private readonly buf: Uint8Array;
  /** live bytes are buf[head, tail) */
  private head = 0;
  private tail = 0;
  private readonly frames = new Listeners<[Frame]>();
  private readonly errors = new Listeners<[FrameError]>();
  readonly stats: FrameParserStats = { frames: 0, noiseBytes: 0, checksumErrors: 0, lengthErrors: 0 };

  constructor(options: FrameParserOptions = {}) {
    this.maxLen = Math.max(2, Math.min(0xffff, options.maxLen ?? DEFAULT_MAX_LEN));
    this.minLen = Math.max(2, options.minLen ?? 2);
    this.buf = new Uint8Array(HEADER_LENGTH + this.maxLen);
  }

  /** bytes currently held (always ≤ `capacity`) */
  get buffered(): number {
    return this.tail - this.head;
  }
  get capacity(): number {
    return this.buf.length;
  }

  onFrame(fn: (frame: Frame) => void): () => void {
    return this.frames.add(fn);
  }
  onError(fn: (err: FrameError) => void): () => void {
    return this.errors.add(fn);
  }

  reset(): void {
    this.head = 0;
    this.tail = 0;
  }

  push(chunk: Uint8Array): void {
    let off = 0;
    while (off < chunk.length) {
      if (this.tail === this.buf.length && this.head > 0) {
        this.buf.copyWithin(0, this.head, this.tail);
        this.tail -= this.head;
        this.head = 0;
      }
      const n = Math.min(chunk.length - off, this.buf.length - this.tail);
      this.buf.set(chunk.subarray(off, off + n), this.tail);
      this.tail += n;
      off += n;
      this.drain();
    }
  }

  private drain(): void {
    const b = this.buf;
    for (;;) {
      const start = this.findPreamble();
      if (start < 0) {
        // keep a possible partial preamble at the end
        const keep = this.partialPreambleTail();
        this.stats.noiseBytes += this.buffered - keep;
        this.head = this.tail - keep;
        if (this.head === this.tail) this.reset();
        return;
      }
      this.stats.noiseBytes += start - this.head;
      this.head = start;
      if (this.buffered < HEADER_LENGTH) return;
      const h = this.head;
      const len = (b[h + 5]! << 8) | b[h + 6]!;
      if (len < this.minLen || len > this.maxLen) {
        this.stats.lengthErrors++;
        this.head++;
        this.emitError({ code: 'length', message: `LEN ${len} out of range ${this.minLen}..${this.maxLen}`, discarded: 1 });
        continue;
      }
      const total = HEADER_LENGTH + len;
      if (this.buffered < total) return;
      const want = xorChecksum(b, h + 5, h + total - 1);
      const got = b[h + total - 1]!;
      if (want !== got) {
        this.stats.checksumErrors++;
        this.head++;
        this.emitError({ code: 'checksum', message: `checksum ${hex2(got)}, expected ${hex2(want)} (LEN ${len})`, discarded: 1 });
        continue;
      }
      const bytes = b.slice(h, h + total);
      this.head += total;
      if (this.head === this.tail) this.reset();
      this.stats.frames++;
      const frame: Frame = { bytes, body: bytes.subarray(HEADER_LENGTH, total - 1) };
      try {
        this.frames.emit(frame);
      } catch (e) {
        this.emitError({ code: 'listener', message: `frame listener threw: ${messageOf(e)}`, discarded: 0 });
      }
    }
  }

  /** absolute index of the first preamble in buf[head, tail), or -1 */
  private findPreamble(): number {
    const b = this.buf;
    for (let i = this.head; i + PREAMBLE.length <= this.tail; i++) {
      if (b[i] === 0xaa && b[i + 1] === 0xaa && b[i + 2] === 0xaa && b[i + 3] === 0x96 && b[i + 4] === 0x69) return i;
    }
    return -1;
  }

  /** length of the longest buffered suffix that is a prefix of the preamble (at most 4) */
  private partialPreambleTail(): number {
    for (let k = Math.min(PREAMBLE.length - 1, this.buffered); k > 0; k--) {
      let ok = true;
      for (let j = 0; j < k; j++) {
        if (this.buf[this.tail - k + j] !== PREAMBLE[j]) {
          ok = false;
          break;
        }
      }
      if (ok) return k;
    }
    return 0;
  }

  private emitError(err: FrameError): void {
    try {
      this.errors.emit(err);
    } catch {
      /* an error listener that throws must not break parsing */
    }
  }
}

// ---- payloads --------------------------------------------------------------------------------------

export interface ReadPayload {
  text: Uint8Array;
  photo: Uint8Array;
  /** only for `30 10`; 0, 512 or 1024 bytes */
  fingerprint?: Uint8Array;
}

/**
 * Splits the data of a successful `30 01` / `30 10` reply (after SW1–SW3): big-endian TL, PL (and FL for `30 10`),
 * then the blocks. Returns an error string when the lengths do not add up.
 */
export function parseReadPayload(cmd: number, data: Uint8Array): ReadPayload | string {
  const withFp = cmd === Cmd.readBaseFp;
  const head = withFp ? 6 : 4;
  if (data.length < head) return `read reply too short (${data.length} bytes)`;
  const tl = (data[0]! << 8) | data[1]!;
  const pl = (data[2]! << 8) | data[3]!;
  const fl = withFp ? (data[4]! << 8) | data[5]! : 0;
  if (head + tl + pl + fl !== data.length) {
    return `read reply lengths TL=${tl} PL=${pl}${withFp ? ` FL=${fl}` : ''} do not match ${data.length - head} data bytes`;
  }
  const text = data.slice(head, head + tl);
  const photo = data.slice(head + tl, head + tl + pl);
  return withFp ? { text, photo, fingerprint: data.slice(head + tl + pl) } : { text, photo };
}

/** Builds the data of a `30 01` / `30 10` reply (the simulator's side of parseReadPayload). */
export function buildReadPayload(cmd: number, p: ReadPayload): Uint8Array {
  const withFp = cmd === Cmd.readBaseFp;
  const fp = withFp ? (p.fingerprint ?? new Uint8Array(0)) : new Uint8Array(0);
  const head = withFp ? 6 : 4;
  const out = new Uint8Array(head + p.text.length + p.photo.length + fp.length);
  out[0] = p.text.length >> 8;
  out[1] = p.text.length & 0xff;
  out[2] = p.photo.length >> 8;
  out[3] = p.photo.length & 0xff;
  if (withFp) {
    out[4] = fp.length >> 8;
    out[5] = fp.length & 0xff;
  }
  out.set(p.text, head);
  out.set(p.photo, head + p.text.length);
  out.set(fp, head + p.text.length + p.photo.length);
  return out;
}

/** The 16-byte SAM ID (§1.5): five little-endian fields. Keep `raw`; `display` is for logs only. */
export interface SamId {
  raw: Uint8Array;
  fields: [number, number, number, number, number];
  /** aa.bb-cccccccc-dddddddddd-eeeeeeeeee, zero-padded decimal */
  display: string;
}

export function parseSamId(data: Uint8Array): SamId | undefined {
  if (data.length !== 16) return undefined;
  const v = new DataView(data.buffer, data.byteOffset, 16);
  const fields: SamId['fields'] = [v.getUint16(0, true), v.getUint16(2, true), v.getUint32(4, true), v.getUint32(8, true), v.getUint32(12, true)];
  const [a, b, c, d, e] = fields;
  const display = `${String(a).padStart(2, '0')}.${String(b).padStart(2, '0')}-${String(c).padStart(8, '0')}-${String(d).padStart(10, '0')}-${String(e).padStart(10, '0')}`;
  return { raw: data.slice(), fields, display };
}

export function buildSamId(fields: readonly [number, number, number, number, number]): Uint8Array {
  const out = new Uint8Array(16);
  const v = new DataView(out.buffer);
  v.setUint16(0, fields[0], true);
  v.setUint16(2, fields[1], true);
  v.setUint32(4, fields[2], true);
  v.setUint32(8, fields[3], true);
  v.setUint32(12, fields[4], true);
  return out;
}
