/**
 * Our own ESC/POS encoder for the visitor pass (spec §3): init, Chinese mode, GB18030 text, alignment, print
 * mode / character size / bold, native QR (`GS ( k`, model 2, ASCII payloads only), `GS v 0` raster in bands,
 * feed and cut, DLE EOT status requests. Pure: returns bytes, does no I/O.
 */
import { encodeGb18030 } from './gb18030';
import type { MonoImage } from './raster';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export type Align = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';
export type CutKind = 'full' | 'partial';

export const QR_EC_BYTE: Record<QrErrorLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };
/** Epson's limit for the QR store function's data (pL + pH×256 − 3) */
export const QR_MAX_BYTES = 7089;

export class EscPosError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EscPosError';
  }
}

export interface QrOptions {
  /** module (dot) size 1..16, default 6 */
  size?: number;
  /** default 'M' */
  errorLevel?: QrErrorLevel;
  /** 1 or 2, default 2 */
  model?: 1 | 2;
}

export interface PrintMode {
  bold?: boolean;
  doubleHeight?: boolean;
  doubleWidth?: boolean;
}

const u16 = (n: number): [number, number] => [n & 0xff, (n >> 8) & 0xff];

/** The `GS ( k` block of §3.2: select model, module size, EC level, store, print. */
export function qrCommands(payload: string, opts: QrOptions = {}): Uint8Array {
  if (!/^[\x20-\x7e]*$/.test(payload)) throw new EscPosError('QR payload must be printable ASCII (byte-mode handling of other bytes differs between printers)');
  if (payload.length === 0) throw new EscPosError('QR payload is empty');
  if (payload.length > QR_MAX_BYTES) throw new EscPosError(`QR payload too long: ${payload.length} > ${QR_MAX_BYTES} bytes`);
  const size = opts.size ?? 6;
  if (!Number.isInteger(size) || size < 1 || size > 16) throw new EscPosError('QR module size must be 1..16');
  const model = opts.model ?? 2;
  const ec = QR_EC_BYTE[opts.errorLevel ?? 'M'];
  const data = [...payload].map((c) => c.charCodeAt(0));
  // one row per GS ( k command, as §3.2 lists them
  // prettier-ignore
  return Uint8Array.from([
    GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, model === 1 ? 0x31 : 0x32, 0x00,
    GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, size,
    GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, ec,
    GS, 0x28, 0x6b, ...u16(data.length + 3), 0x31, 0x50, 0x30, ...data,
    GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30,
  ]);
}

/** `GS v 0 m xL xH yL yH d…`, split into bands of at most `bandRows` rows (default 256). */
export function rasterCommands(img: MonoImage, opts: { mode?: 0 | 1 | 2 | 3; bandRows?: number } = {}): Uint8Array {
  if (img.bytesPerRow !== Math.ceil(img.width / 8) || img.data.length !== img.bytesPerRow * img.height)
    throw new EscPosError('raster image is not packed correctly');
  if (img.bytesPerRow > 0xffff || img.height < 1) throw new EscPosError('raster image too large or empty');
  const band = Math.max(1, Math.min(opts.bandRows ?? 256, 0xffff));
  const parts: number[] = [];
  for (let y = 0; y < img.height; y += band) {
    const rows = Math.min(band, img.height - y);
    parts.push(GS, 0x76, 0x30, opts.mode ?? 0, ...u16(img.bytesPerRow), ...u16(rows));
    const slice = img.data.subarray(y * img.bytesPerRow, (y + rows) * img.bytesPerRow);
    for (const b of slice) parts.push(b);
  }
  return Uint8Array.from(parts);
}

/** A chainable ESC/POS job builder. */
export class EscPosBuilder {
  private readonly parts: Uint8Array[] = [];

  raw(bytes: ArrayLike<number>): this {
    this.parts.push(Uint8Array.from(bytes));
    return this;
  }
  /** ESC @ */
  init(): this {
    return this.raw([ESC, 0x40]);
  }
  /** FS & (on) / FS . (off) */
  chineseMode(on = true): this {
    return this.raw(on ? [FS, 0x26] : [FS, 0x2e]);
  }
  /** ESC a n */
  align(a: Align): this {
    return this.raw([ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2]);
  }
  /** ESC ! n: bit 3 emphasis, bit 4 double height, bit 5 double width */
  mode(m: PrintMode): this {
    return this.raw([ESC, 0x21, (m.bold ? 0x08 : 0) | (m.doubleHeight ? 0x10 : 0) | (m.doubleWidth ? 0x20 : 0)]);
  }
  /** GS ! n: width and height multipliers 1..8 (scales Chinese too on common printers) */
  size(width: number, height = width): this {
    const w = Math.max(1, Math.min(8, Math.round(width)));
    const h = Math.max(1, Math.min(8, Math.round(height)));
    return this.raw([GS, 0x21, ((w - 1) << 4) | (h - 1)]);
  }
  /** ESC E n */
  bold(on = true): this {
    return this.raw([ESC, 0x45, on ? 1 : 0]);
  }
  /** ESC - n and FS - n (ASCII and Chinese underline) */
  underline(dots: 0 | 1 | 2 = 1): this {
    return this.raw([ESC, 0x2d, dots, FS, 0x2d, dots]);
  }
  /** text in GB18030; control characters other than LF are removed */
  text(s: string): this {
    return this.raw(encodeGb18030(s.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')));
  }
  /** text then LF */
  line(s = ''): this {
    return this.text(s).raw([LF]);
  }
  /** ESC d n: print and feed n lines */
  feed(lines: number): this {
    return this.raw([ESC, 0x64, Math.max(0, Math.min(255, Math.round(lines)))]);
  }
  /** ESC 2 (default) / ESC 3 n */
  lineSpacing(dots?: number): this {
    return this.raw(dots === undefined ? [ESC, 0x32] : [ESC, 0x33, Math.max(0, Math.min(255, dots))]);
  }
  qr(payload: string, opts?: QrOptions): this {
    return this.raw(qrCommands(payload, opts));
  }
  raster(img: MonoImage, opts?: { mode?: 0 | 1 | 2 | 3; bandRows?: number }): this {
    return this.raw(rasterCommands(img, opts));
  }
  /**
   * GS V: without `feedDots`, `1D 56 00` (full) / `1D 56 01` (partial); with it, `1D 56 41 n` / `1D 56 42 n`
   * (feed n then cut). Printers without a cutter ignore it.
   */
  cut(kind: CutKind = 'partial', feedDots?: number): this {
    if (feedDots === undefined) return this.raw([GS, 0x56, kind === 'full' ? 0x00 : 0x01]);
    return this.raw([GS, 0x56, kind === 'full' ? 0x41 : 0x42, Math.max(0, Math.min(255, feedDots))]);
  }
  bytes(): Uint8Array {
    const total = this.parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}
