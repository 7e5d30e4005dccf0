/**
 * Keyboard-wedge scanner detection (spec §4.2). A scanner in HID-keyboard mode "types" its symbol as a burst of
 * keys a few milliseconds apart, usually ending in Enter; a person types with gaps of ~80 ms or more, and even
 * fast typists produce only 2–3 quick keys in a row. Feed every key (`event.key`) with its timestamp; completed
 * scans come back from `feed()` (on the terminator, or when a suffix-less burst is followed by a gap) and from
 * `flush(now)` (call it from a timer for scanners without an Enter suffix).
 *
 * Pure: no DOM access, no timers; the caller owns the event listener and the clock.
 */

export interface WedgeOptions {
  /** largest gap between keys of one burst, default 30 ms */
  maxGapMs?: number;
  /** fewest characters for a burst to count as a scan, default 4 */
  minLength?: number;
  /** keys that end a scan, default ['Enter'] (some scanners are set to Tab) */
  terminators?: readonly string[];
  /** accept bursts that end without a terminator (after a gap / flush), default true */
  acceptUnterminated?: boolean;
  /** longest scan kept, default 4096 characters */
  maxLength?: number;
}

export interface WedgeScan {
  text: string;
  /** timestamp of the first and last key */
  startedAt: number;
  endedAt: number;
  /** how the scan ended */
  end: 'terminator' | 'gap' | 'flush';
}

/** Keys ignored entirely (modifiers a scanner sends around shifted characters). */
const IGNORED = new Set(['Shift', 'CapsLock', 'NumLock', 'Alt', 'AltGraph', 'Control', 'Meta', 'Dead', 'Unidentified', 'Process']);

export class KeyboardWedgeDetector {
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private readonly terminators: ReadonlySet<string>;
  private readonly acceptUnterminated: boolean;
  private readonly maxLength: number;
  private chars: string[] = [];
  private startedAt = 0;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(opts: WedgeOptions = {}) {
    this.maxGapMs = opts.maxGapMs ?? 30;
    this.minLength = opts.minLength ?? 4;
    this.terminators = new Set(opts.terminators ?? ['Enter']);
    this.acceptUnterminated = opts.acceptUnterminated ?? true;
    this.maxLength = opts.maxLength ?? 4096;
    if (!(this.maxGapMs > 0) || !(this.minLength >= 1)) throw new RangeError('maxGapMs > 0 and minLength >= 1 required');
  }

  /** characters of the burst in progress (a UI may hide them from an input while a scan is likely) */
  get pending(): string {
    return this.chars.join('');
  }

  /** whether the keys so far look like a scanner (enough fast keys) */
  get likelyScan(): boolean {
    return this.chars.length >= this.minLength;
  }

  /** Feed one key (KeyboardEvent.key) at a time in ms; returns scans completed by it. */
  feed(key: string, timestampMs: number): WedgeScan[] {
    if (IGNORED.has(key)) return [];
    const out: WedgeScan[] = [];
    const gap = timestampMs - this.lastAt;
    if (this.chars.length > 0 && (gap > this.maxGapMs || gap < 0)) this.endBurst('gap', out);

    if (this.terminators.has(key)) {
      if (this.chars.length >= this.minLength) out.push(this.take('terminator'));
      else this.reset();
      this.lastAt = timestampMs;
      return out;
    }
    if ([...key].length !== 1) {
      // Backspace, arrows, F-keys…: a person is editing
      this.reset();
      this.lastAt = timestampMs;
      return out;
    }
    if (this.chars.length === 0) this.startedAt = timestampMs;
    if (this.chars.length < this.maxLength) this.chars.push(key);
    this.lastAt = timestampMs;
    return out;
  }

  /** Ends a suffix-less burst once `nowMs` is more than maxGapMs after its last key. */
  flush(nowMs: number): WedgeScan[] {
    const out: WedgeScan[] = [];
    if (this.chars.length > 0 && nowMs - this.lastAt > this.maxGapMs) this.endBurst('flush', out);
    return out;
  }

  reset(): void {
    this.chars = [];
  }

  private endBurst(end: 'gap' | 'flush', out: WedgeScan[]): void {
    if (this.acceptUnterminated && this.chars.length >= this.minLength) out.push(this.take(end));
    else this.reset();
  }

  private take(end: WedgeScan['end']): WedgeScan {
    const scan: WedgeScan = { text: this.chars.join(''), startedAt: this.startedAt, endedAt: this.lastAt, end };
    this.chars = [];
    return scan;
  }
}
