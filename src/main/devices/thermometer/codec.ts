/**
 * Wire codec for the two serial infrared temperature module families (spec §2):
 *
 *  - GY-MCU90614 / GY-MCU90615 ("gy"): commands `A5 CMD SUM`; reply `5A 5A 45 04 TO_H TO_L TA_H TA_L SUM`,
 *    TO/TA signed 16-bit big-endian hundredths of a degree (object / ambient).
 *  - LU90614 ("lu"): commands `FA CMD SUM`; reply `FE MODE T_INT T_HUNDREDTHS b4 b5 b6 b7 SUM`, MODE AC = body,
 *    AA = object; b4–b7 are undocumented and kept opaque.
 *
 * Both use a 1-byte additive checksum (low byte of the sum of the preceding bytes). Pure: no Node imports.
 */

export type ThermoModel = 'gy' | 'lu';

export const FRAME_LENGTH = 9;

export const GY_CMD = {
  continuous: 0x45,
  query: 0x15,
  baud9600: 0xae,
  baud115200: 0xaf,
  autoOutputOn: 0x51,
  autoOutputOff: 0x52,
} as const;

export const LU_CMD = {
  bodyMode: 0xc5,
  objectMode: 0xc6,
  measure: 0xca,
} as const;

const GY_CMD_HEAD = 0xa5;
const LU_CMD_HEAD = 0xfa;
const GY_REPLY_HEAD = 0x5a;
const GY_TYPE_TEMPERATURE = 0x45;
const GY_DATA_LEN = 0x04;
const LU_REPLY_HEAD = 0xfe;
const LU_MODE_BODY = 0xac;
const LU_MODE_OBJECT = 0xaa;

/** Low byte of the sum of bytes [start, end). */
export function sum8(bytes: ArrayLike<number>, start = 0, end = bytes.length): number {
  let s = 0;
  for (let i = start; i < end; i++) s += bytes[i] ?? 0;
  return s & 0xff;
}

/** A 3-byte command frame: `HEAD CMD SUM`. */
export function encodeCommand(model: ThermoModel, cmd: number): Uint8Array {
  const head = model === 'gy' ? GY_CMD_HEAD : LU_CMD_HEAD;
  const c = cmd & 0xff;
  return Uint8Array.of(head, c, (head + c) & 0xff);
}

export interface GyFrame {
  model: 'gy';
  /** object temperature, °C */
  objectC: number;
  /** ambient (sensor die) temperature, °C */
  ambientC: number;
}

export interface LuFrame {
  model: 'lu';
  mode: 'body' | 'object';
  celsius: number;
  /** bytes 4–7, undocumented */
  opaque: [number, number, number, number];
}

export type ThermoFrame = GyFrame | LuFrame;

/** The temperature a frame reports for the kiosk: GY's object temperature, LU's reading. */
export function frameCelsius(frame: ThermoFrame): number {
  return frame.model === 'gy' ? frame.objectC : frame.celsius;
}

const toI16 = (hi: number, lo: number): number => {
  const v = ((hi & 0xff) << 8) | (lo & 0xff);
  return v >= 0x8000 ? v - 0x10000 : v;
};

const hundredths = (c: number): number => Math.round(c * 100);

export interface EncodeOptions {
  /** corrupt the checksum (simulators use this to test error handling) */
  badChecksum?: boolean;
}

/** `5A 5A 45 04 TO_H TO_L TA_H TA_L SUM`. Values are clamped to the signed 16-bit range. */
export function encodeGyReply(objectC: number, ambientC: number, opts: EncodeOptions = {}): Uint8Array {
  const clamp = (v: number) => Math.max(-0x8000, Math.min(0x7fff, hundredths(v)));
  const to = clamp(objectC) & 0xffff;
  const ta = clamp(ambientC) & 0xffff;
  const f = [GY_REPLY_HEAD, GY_REPLY_HEAD, GY_TYPE_TEMPERATURE, GY_DATA_LEN, to >> 8, to & 0xff, ta >> 8, ta & 0xff, 0];
  f[8] = (sum8(f, 0, 8) + (opts.badChecksum ? 1 : 0)) & 0xff;
  return Uint8Array.from(f);
}

/** `FE MODE T_INT T_HUNDREDTHS 00 00 00 00 SUM`. Temperatures are clamped to 0.00–255.99 °C. */
export function encodeLuReply(
  celsius: number,
  mode: 'body' | 'object' = 'body',
  opts: EncodeOptions & { opaque?: readonly [number, number, number, number] } = {},
): Uint8Array {
  const h = Math.max(0, Math.min(25599, hundredths(celsius)));
  const o = opts.opaque ?? [0, 0, 0, 0];
  const f = [LU_REPLY_HEAD, mode === 'body' ? LU_MODE_BODY : LU_MODE_OBJECT, Math.floor(h / 100), h % 100, o[0], o[1], o[2], o[3], 0];
  f[8] = (sum8(f, 0, 8) + (opts.badChecksum ? 1 : 0)) & 0xff;
  return Uint8Array.from(f.map((b) => b & 0xff));
}

/** Decodes exactly one 9-byte frame, or says why not. */
export function decodeFrame(model: ThermoModel, f: ArrayLike<number>): ThermoFrame | 'short' | 'header' | 'checksum' | 'content' {
  if (f.length < FRAME_LENGTH) return 'short';
  const b = (i: number): number => f[i] ?? 0;
  if (model === 'gy') {
    if (b(0) !== GY_REPLY_HEAD || b(1) !== GY_REPLY_HEAD) return 'header';
    if (b(2) !== GY_TYPE_TEMPERATURE || b(3) !== GY_DATA_LEN) return 'content';
    if (sum8(f, 0, 8) !== b(8)) return 'checksum';
    return { model, objectC: toI16(b(4), b(5)) / 100, ambientC: toI16(b(6), b(7)) / 100 };
  }
  if (b(0) !== LU_REPLY_HEAD) return 'header';
  if (b(1) !== LU_MODE_BODY && b(1) !== LU_MODE_OBJECT) return 'content';
  if (sum8(f, 0, 8) !== b(8)) return 'checksum';
  if (b(3) > 99) return 'content';
  return {
    model,
    mode: b(1) === LU_MODE_BODY ? 'body' : 'object',
    celsius: (b(2) * 100 + b(3)) / 100,
    opaque: [b(4), b(5), b(6), b(7)],
  };
}

export interface ParserStats {
  frames: number;
  /** frames with a good header whose checksum failed */
  checksumErrors: number;
  /** frames with a good header but impossible content (type/length/mode/hundredths) */
  contentErrors: number;
  /** bytes skipped while looking for a header */
  droppedBytes: number;
}

/**
 * A streaming reply parser that resynchronises on the header (`5A 5A` or `FE`), takes 9 bytes and verifies the
 * checksum. A bad frame is dropped and counted; parsing restarts one byte after the bad frame's header so that a
 * real header hidden inside the bad bytes is still found. Never throws; memory is bounded.
 */
export class ThermoFrameParser {
  readonly stats: ParserStats = { frames: 0, checksumErrors: 0, contentErrors: 0, droppedBytes: 0 };
  private buf: number[] = [];

  constructor(readonly model: ThermoModel) {}

  push(chunk: ArrayLike<number>): ThermoFrame[] {
    const out: ThermoFrame[] = [];
    for (let i = 0; i < chunk.length; i++) this.buf.push((chunk[i] ?? 0) & 0xff);
    const buf = this.buf;
    let pos = 0;
    while (pos < buf.length) {
      const head = this.findHeader(buf, pos);
      this.stats.droppedBytes += head - pos;
      pos = head;
      if (buf.length - pos < FRAME_LENGTH) break;
      const frame = decodeFrame(this.model, buf.slice(pos, pos + FRAME_LENGTH));
      if (typeof frame === 'object') {
        out.push(frame);
        this.stats.frames++;
        pos += FRAME_LENGTH;
      } else {
        if (frame === 'checksum') this.stats.checksumErrors++;
        else this.stats.contentErrors++;
        this.stats.droppedBytes++;
        pos += 1;
      }
    }
    this.buf = buf.slice(pos);
    return out;
  }

  /** discard any partial frame */
  reset(): void {
    this.buf = [];
  }

  /** Index of the next possible header at or after `from`, or where a header could still start at the end. */
  private findHeader(buf: readonly number[], from: number): number {
    if (this.model === 'lu') {
      for (let i = from; i < buf.length; i++) if (buf[i] === LU_REPLY_HEAD) return i;
      return buf.length;
    }
    for (let i = from; i < buf.length; i++) {
      if (buf[i] !== GY_REPLY_HEAD) continue;
      if (i + 1 >= buf.length || buf[i + 1] === GY_REPLY_HEAD) return i;
    }
    return buf.length;
  }
}

export interface ThermoCommand {
  cmd: number;
}

/**
 * The simulator's side: a streaming parser of 3-byte commands (`A5 CMD SUM` / `FA CMD SUM`) with the same
 * resynchronisation; bad checksums are counted and dropped.
 */
export class ThermoCommandParser {
  readonly stats = { commands: 0, checksumErrors: 0, droppedBytes: 0 };
  private buf: number[] = [];
  private readonly head: number;

  constructor(readonly model: ThermoModel) {
    this.head = model === 'gy' ? GY_CMD_HEAD : LU_CMD_HEAD;
  }

  push(chunk: ArrayLike<number>): ThermoCommand[] {
    const out: ThermoCommand[] = [];
    for (let i = 0; i < chunk.length; i++) this.buf.push((chunk[i] ?? 0) & 0xff);
    const buf = this.buf;
    let pos = 0;
    while (pos < buf.length) {
      if (buf[pos] !== this.head) {
        pos++;
        this.stats.droppedBytes++;
        continue;
      }
      if (buf.length - pos < 3) break;
      const cmd = buf[pos + 1] ?? 0;
      if (((this.head + cmd) & 0xff) === buf[pos + 2]) {
        out.push({ cmd });
        this.stats.commands++;
        pos += 3;
      } else {
        this.stats.checksumErrors++;
        this.stats.droppedBytes++;
        pos++;
      }
    }
    this.buf = buf.slice(pos);
    return out;
  }
}
