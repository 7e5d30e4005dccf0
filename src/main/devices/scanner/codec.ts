/**
 * QR/barcode scanners in serial / USB-COM (CDC) mode (spec §4.1): the symbol's text followed by a suffix,
 * usually CR, LF or CRLF. This parser splits the byte stream into scans, strips control characters (GS/FNC1,
 * stray NULs…), drops over-long lines (counted) and decodes UTF-8 (or GB18030). Pure; never throws.
 */

export type ScanSuffix = 'cr' | 'lf' | 'crlf' | 'any';

export interface ScanLineOptions {
  /** the configured suffix; 'any' (default) ends a scan at CR, LF or CRLF. A byte array is a custom suffix. */
  suffix?: ScanSuffix | Uint8Array;
  /** longest scan in bytes (before stripping), default 4096; longer lines are dropped */
  maxLength?: number;
  /** text encoding the scanner sends, default utf-8 */
  encoding?: 'utf-8' | 'gb18030';
}

export interface ScanLineStats {
  scans: number;
  /** lines longer than maxLength, dropped */
  overlong: number;
  /** lines that were empty after stripping, ignored */
  empty: number;
}

const SUFFIX_BYTES: Record<Exclude<ScanSuffix, 'any'>, number[]> = { cr: [0x0d], lf: [0x0a], crlf: [0x0d, 0x0a] };

/** Removes C0 controls, DEL and C1 controls; trims surrounding whitespace. */
export function stripControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
}

export class ScanLineParser {
  readonly stats: ScanLineStats = { scans: 0, overlong: 0, empty: 0 };
  private readonly suffix: number[] | 'any';
  private readonly maxLength: number;
  private readonly decoder: InstanceType<typeof TextDecoder>;
  private line: number[] = [];
  private discarding = false;

  constructor(opts: ScanLineOptions = {}) {
    const s = opts.suffix ?? 'any';
    this.suffix = s === 'any' ? 'any' : typeof s === 'string' ? SUFFIX_BYTES[s] : [...s];
    if (this.suffix !== 'any' && this.suffix.length === 0) throw new RangeError('empty scanner suffix');
    this.maxLength = opts.maxLength ?? 4096;
    this.decoder = new TextDecoder(opts.encoding ?? 'utf-8');
  }

  push(chunk: ArrayLike<number>): string[] {
    const out: string[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const b = (chunk[i] ?? 0) & 0xff;
      if (this.suffix === 'any') {
        if (b === 0x0d || b === 0x0a) {
          this.endLine(out);
          continue;
        }
        this.add(b);
        continue;
      }
      this.add(b);
      const sfx = this.suffix;
      const n = this.line.length;
      if (n >= sfx.length && sfx.every((s, k) => this.line[n - sfx.length + k] === s)) {
        this.line.length = n - sfx.length;
        this.endLine(out);
      }
    }
    return out;
  }

  /** text still waiting for its suffix (for a timeout flush) */
  get pendingBytes(): number {
    return this.line.length;
  }

  /** Ends the current line without a suffix (scanners configured with no suffix, after a quiet period). */
  flush(): string[] {
    const out: string[] = [];
    if (this.line.length > 0 || this.discarding) this.endLine(out);
    return out;
  }

  private add(b: number): void {
    if (this.discarding) return;
    this.line.push(b);
    // keep room for a multi-byte suffix before deciding the line is too long
    const room = this.suffix === 'any' ? 0 : this.suffix.length;
    if (this.line.length > this.maxLength + room) {
      this.line = [];
      this.discarding = true;
    }
  }

  private endLine(out: string[]): void {
    if (this.discarding) {
      this.discarding = false;
      this.stats.overlong++;
      this.line = [];
      return;
    }
    if (this.line.length > this.maxLength) {
      this.stats.overlong++;
      this.line = [];
      return;
    }
    const bytes = Uint8Array.from(this.line);
    this.line = [];
    const text = stripControls(this.decoder.decode(bytes));
    if (text === '') {
      if (bytes.length > 0) this.stats.empty++;
      return;
    }
    this.stats.scans++;
    out.push(text);
  }
}
