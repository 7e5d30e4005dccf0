/**
 * A streaming ESC/POS decoder: the printer simulator's "mechanism". It turns the byte stream back into text
 * lines (GB18030 in Chinese mode, Latin-1 otherwise) with their style, QR symbols (`GS ( k` store + print),
 * raster images (`GS v 0`, bands merged), feeds, cuts and real-time status requests (`DLE EOT n`, `GS r n`).
 * Commands split across chunks are reassembled; unknown commands are skipped by their known length or two bytes;
 * declared lengths beyond sane limits are reported and skipped. Never throws on any input; memory is bounded.
 *
 * Split by what it holds; every name stays importable from here:
 *   decoderEvents.ts   — the decoded line / QR / image / event types and the limits
 *   decoderCommands.ts — the command table (argument lengths), QR error levels, Latin-1 text
 *   decoderState.ts    — the print state (text line, style, QR settings) and line flushing
 *   decoder.ts         — the command interpreter: ESC, GS (cuts, raster, QR, barcodes), FS, DLE
 *   jobAssembler.ts    — decoder events into jobs
 */
import { EC_LEVEL, ESC_ARGS, FS_ARGS, GS_ARGS, latin1 } from './decoderCommands';
import type { EscPosEvent } from './decoderEvents';
import { EscPosState } from './decoderState';
import { JobAssembler, type DecodedJob } from './jobAssembler';

export type { DecodedAlign, DecodedImage, DecodedLine, DecodedQr, DecoderLimits, EscPosEvent } from './decoderEvents';
export { emptyJob, imageBlackDots, imageDot, JobAssembler, jobHasContent } from './jobAssembler';
export type { DecodedJob } from './jobAssembler';

export class EscPosDecoder extends EscPosState {
  private parts: Uint8Array[] = [];
  private partsLength = 0;
  private want = 0;

  push(chunk: Uint8Array): EscPosEvent[] {
    this.stats.bytes += chunk.length;
    // a long command (raster, QR data) is still incomplete: just collect the bytes
    this.parts.push(chunk);
    this.partsLength += chunk.length;
    if (this.partsLength < this.want) return [];
    const buf = new Uint8Array(this.partsLength);
    let o = 0;
    for (const part of this.parts) {
      buf.set(part, o);
      o += part.length;
    }
    const out: EscPosEvent[] = [];
    let pos = 0;
    this.want = 0;
    while (pos < buf.length) {
      this.want = 0;
      const used = this.step(buf, pos, out);
      if (used === 0) break; // incomplete command: wait for more bytes
      pos += used;
    }
    const rest = buf.slice(pos);
    this.parts = [rest];
    this.partsLength = rest.length;
    return out;
  }

  /** an incomplete command needs `n` bytes from its start */
  private need(n: number): 0 {
    this.want = n;
    return 0;
  }

  /**
   * The command still waiting for its bytes, described ("GS v 0 raster cut off: 100 of 2408 bytes"), or undefined:
   * what a job that ends here lost (the simulator reports it when the job is flushed or the stream ends).
   */
  incomplete(): string | undefined {
    if (this.partsLength === 0) return undefined;
    const head = this.parts.length === 1 ? this.parts[0]! : Uint8Array.from(this.parts.flatMap((part) => [...part]));
    if (head[0] === 0x1d && head[1] === 0x76 && head[2] === 0x30 && head.length >= 8) {
      const k = ((head[4]! | (head[5]! << 8)) * (head[6]! | (head[7]! << 8))) >>> 0;
      return `GS v 0 raster cut off: ${head.length - 8} of ${k} image bytes`;
    }
    return `an incomplete command at the end of the job (${this.partsLength} bytes, starting ${[...head.subarray(0, 3)].map((b) => b.toString(16).padStart(2, '0')).join(' ')})`;
  }

  /** Emit any unterminated text as a line, and the command cut off (if any) as an error (end of stream). */
  end(): EscPosEvent[] {
    const out: EscPosEvent[] = [];
    this.flushLine(out, false);
    const cut = this.incomplete();
    if (cut !== undefined) out.push({ type: 'error', message: cut });
    this.parts = [];
    this.partsLength = 0;
    this.want = 0;
    return out;
  }

  /** Consumes one item at `p`; returns the bytes used, 0 when more bytes are needed. */
  private step(buf: Uint8Array, p: number, out: EscPosEvent[]): number {
    const b = buf[p]!;
    const avail = buf.length - p;
    const at = (i: number): number => buf[p + i]!;
    if (b >= 0x20 && b !== 0x7f) {
      if (this.text.length < this.maxLine) this.text.push(b);
      return 1;
    }
    switch (b) {
      case 0x0a:
        this.flushLine(out, true);
        return 1;
      case 0x0d:
        return 1;
      case 0x09:
        if (this.text.length < this.maxLine) this.text.push(0x20);
        return 1;
      case 0x0c: // FF: print (page mode) / end of label
        this.flushLine(out, false);
        return 1;
      case 0x10: {
        // DLE
        if (avail < 2) return 0;
        const c = at(1);
        if (c === 0x04 || c === 0x05) {
          if (avail < 3) return 0;
          if (c === 0x04) out.push({ type: 'status', command: 'DLE EOT', n: at(2) });
          return 3;
        }
        if (c === 0x14) {
          if (avail < 5) return 0;
          return 5;
        }
        this.unknown(out, buf.subarray(p, p + 1));
        return 1;
      }
      case 0x1b:
        return this.esc(buf, p, out);
      case 0x1d:
        return this.gs(buf, p, out);
      case 0x1c: {
        if (avail < 2) return 0;
        const c = at(1);
        const n = FS_ARGS[c];
        if (n === undefined) {
          this.unknown(out, buf.subarray(p, p + 2));
          return 2;
        }
        if (avail < 2 + n) return 0;
        if (c === 0x26) this.chinese = true;
        else if (c === 0x2e) this.chinese = false;
        else if (c === 0x21) {
          this.fsDoubleW = (at(2) & 0x04) !== 0;
          this.fsDoubleH = (at(2) & 0x08) !== 0;
        } else if (c === 0x57) this.fsDoubleW = this.fsDoubleH = (at(2) & 1) === 1;
        return 2 + n;
      }
      default:
        this.unknown(out, buf.subarray(p, p + 1));
        return 1;
    }
  }

  private esc(buf: Uint8Array, p: number, out: EscPosEvent[]): number {
    const avail = buf.length - p;
    if (avail < 2) return 0;
    const c = buf[p + 1]!;
    if (c === 0x44) {
      // ESC D n1 … nk NUL (tab positions, k ≤ 32)
      for (let i = 2; i < Math.min(avail, 35); i++) if (buf[p + i] === 0) return i + 1;
      if (avail >= 35) {
        this.error(out, 'ESC D without NUL');
        return 2;
      }
      return 0;
    }
    if (c === 0x2a) {
      // ESC * m nL nH d…: bit image (column format)
      if (avail < 5) return 0;
      const m = buf[p + 2]!;
      const n = buf[p + 3]! | (buf[p + 4]! << 8);
      const k = m === 32 || m === 33 ? n * 3 : n;
      if (avail < 5 + k) return this.need(5 + k);
      return 5 + k;
    }
    const n = ESC_ARGS[c];
    if (n === undefined) {
      this.unknown(out, buf.subarray(p, p + 2));
      return 2;
    }
    if (avail < 2 + n) return 0;
    const a = buf[p + 2] ?? 0;
    switch (c) {
      case 0x40:
        // ESC @ clears the print buffer: unterminated text is dropped, not printed
        this.text = [];
        this.resetStyle();
        out.push({ type: 'init' });
        break;
      case 0x61:
        this.align = (a & 3) === 1 ? 'center' : (a & 3) === 2 ? 'right' : 'left';
        break;
      case 0x21:
        this.bold = (a & 0x08) !== 0;
        this.escDoubleH = (a & 0x10) !== 0;
        this.escDoubleW = (a & 0x20) !== 0;
        break;
      case 0x45:
        this.bold = (a & 1) === 1;
        break;
      case 0x64:
        this.flushLine(out, false);
        out.push({ type: 'feed', lines: a });
        break;
      default:
        break;
    }
    return 2 + n;
  }

  private gs(buf: Uint8Array, p: number, out: EscPosEvent[]): number {
    const avail = buf.length - p;
    if (avail < 2) return 0;
    const c = buf[p + 1]!;
    const at = (i: number): number => buf[p + i]!;
    switch (c) {
      case 0x56: {
        // GS V m [n]
        if (avail < 3) return 0;
        const m = at(2);
        const withN = m === 0x41 || m === 0x42 || m === 0x61 || m === 0x62 || m === 0x67 || m === 0x68;
        if (withN && avail < 4) return 0;
        this.flushLine(out, false);
        const full = m === 0 || m === 0x30 || m === 0x41 || m === 0x61 || m === 0x67;
        if (withN) out.push({ type: 'cut', kind: full ? 'full' : 'partial', feed: at(3) });
        else out.push({ type: 'cut', kind: full ? 'full' : 'partial' });
        return withN ? 4 : 3;
      }
      case 0x28: {
        // GS ( fn pL pH d…
        if (avail < 5) return 0;
        const len = at(3) | (at(4) << 8);
        if (avail < 5 + len) return this.need(5 + len);
        if (at(2) === 0x6b) this.qrFunction(buf.subarray(p + 5, p + 5 + len), out);
        return 5 + len;
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH d…
        if (avail < 8) return 0;
        if (at(2) !== 0x30) {
          this.unknown(out, buf.subarray(p, p + 3));
          return 3;
        }
        const x = at(4) | (at(5) << 8);
        const y = at(6) | (at(7) << 8);
        const k = x * y;
        if (k > this.maxRaster || x === 0 || y === 0) {
          this.error(out, `GS v 0 with ${x} bytes × ${y} rows rejected`);
          return 8;
        }
        if (avail < 8 + k) return this.need(8 + k);
        // m is 0..3 or '0'..'3' (§3.3): anything else is not a raster this printer would print; its data is skipped
        if (!(at(3) <= 3 || (at(3) >= 0x30 && at(3) <= 0x33))) {
          this.error(out, `GS v 0 with mode 0x${at(3).toString(16).padStart(2, '0')} rejected (0..3 or 0x30..0x33)`);
          return 8 + k;
        }
        this.flushLine(out, false);
        out.push({
          type: 'image',
          image: { widthDots: x * 8, bytesPerRow: x, rows: y, mode: at(3) & 3, align: this.align, data: buf.slice(p + 8, p + 8 + k) },
        });
        return 8 + k;
      }
      case 0x38: {
        // GS 8 L p1 p2 p3 p4 …: 32-bit length
        if (avail < 7) return 0;
        const len = (at(3) | (at(4) << 8) | (at(5) << 16)) + at(6) * 0x1000000;
        if (len > this.maxRaster) {
          this.error(out, `GS 8 L of ${len} bytes rejected`);
          return 7;
        }
        if (avail < 7 + len) return this.need(7 + len);
        return 7 + len;
      }
      case 0x2a: {
        // GS * x y d… (x × y × 8 bytes)
        if (avail < 4) return 0;
        const k = at(2) * at(3) * 8;
        if (avail < 4 + k) return this.need(4 + k);
        return 4 + k;
      }
      case 0x6b: {
        // GS k m …: barcode
        if (avail < 3) return 0;
        const m = at(2);
        if (m <= 6) {
          for (let i = 3; i < Math.min(avail, 3 + 256); i++) if (buf[p + i] === 0) return i + 1;
          if (avail >= 3 + 256) {
            this.error(out, 'GS k without NUL');
            return 3;
          }
          return 0;
        }
        if (avail < 4) return 0;
        const n = at(3);
        if (avail < 4 + n) return this.need(4 + n);
        return 4 + n;
      }
      default: {
        const n = GS_ARGS[c];
        if (n === undefined) {
          this.unknown(out, buf.subarray(p, p + 2));
          return 2;
        }
        if (avail < 2 + n) return 0;
        if (c === 0x21) {
          this.gsW = ((at(2) >> 4) & 7) + 1;
          this.gsH = (at(2) & 7) + 1;
        } else if (c === 0x72) out.push({ type: 'status', command: 'GS r', n: at(2) });
        return 2 + n;
      }
    }
  }

  /** GS ( k with cn = 49 (QR). Other symbologies are skipped. */
  private qrFunction(d: Uint8Array, out: EscPosEvent[]): void {
    if (d.length < 2 || d[0] !== 0x31) return;
    const fn = d[1]!;
    switch (fn) {
      case 0x41:
        this.qrModel = d[2] === 0x31 ? 1 : 2;
        break;
      case 0x43:
        this.qrSize = d[2] ?? this.qrSize;
        break;
      case 0x45:
        this.qrEc = EC_LEVEL[d[2] ?? -1] ?? this.qrEc;
        break;
      case 0x50:
        if (d[2] !== 0x30) {
          this.error(out, 'QR store with m ≠ 48');
          break;
        }
        this.qrData = latin1(d.subarray(3));
        break;
      case 0x51:
        if (this.qrData === undefined) {
          this.error(out, 'QR print with no stored data');
          break;
        }
        this.flushLine(out, false);
        out.push({ type: 'qr', qr: { payload: this.qrData, model: this.qrModel, size: this.qrSize, errorLevel: this.qrEc } });
        break;
      default:
        break;
    }
  }
}

/** Decodes a whole job's bytes at once (tests, the CLI). */
export function decodeJob(bytes: Uint8Array): DecodedJob[] {
  const d = new EscPosDecoder();
  const a = new JobAssembler();
  const jobs = a.add(d.push(bytes), bytes.length);
  jobs.push(...a.add(d.end()));
  const rest = a.flush();
  if (rest) jobs.push(rest);
  return jobs;
}
