/** The streaming SAM_V frame parser (device-protocols.md §1.2). Pure: no I/O, no timers. */
import { Listeners } from '../transport/transport';
import { messageOf } from '../../../shared/errorText';
import type { Frame, FrameError } from './frame';
import { xorChecksum } from './frameBuilder';
import { hex2 } from './hex';
import { DEFAULT_MAX_LEN, HEADER_LENGTH, PREAMBLE } from './protocolCodes';

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
