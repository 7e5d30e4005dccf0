/**
 * Real-time status (spec §3.5): `DLE EOT n` (`10 04 n`) returns one byte with bit 0 = 0, bit 1 = 1, bit 4 = 1,
 * bit 7 = 0. For n = 4 (paper sensor), bits 2–3 (`0C`) = paper near end, bits 5–6 (`60`) = paper end. For n = 2,
 * bit 2 = cover open, bit 5 = stopped at paper end. Epson / Bixolon layout; Citizen differs. Pure.
 */
import { DLE, EOT } from './escpos';

export type PaperState = 'ok' | 'near_end' | 'out' | 'unknown';

export interface PaperStatus {
  paper: PaperState;
  /** the reply byte, absent when the printer did not answer */
  raw?: number;
}

export function statusRequest(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/** Whether a byte has the fixed bits of a DLE EOT reply. */
export function isStatusByte(b: number): boolean {
  return Number.isInteger(b) && b >= 0 && b <= 0xff && (b & 0x93) === 0x12;
}

/** Decodes a DLE EOT 4 reply; anything that is not a status byte is 'unknown'. */
export function parsePaperStatus(b: number | undefined): PaperStatus {
  if (b === undefined || !isStatusByte(b)) return b === undefined ? { paper: 'unknown' } : { paper: 'unknown', raw: b };
  if (b & 0x60) return { paper: 'out', raw: b };
  if (b & 0x0c) return { paper: 'near_end', raw: b };
  return { paper: 'ok', raw: b };
}

/** The reply a printer gives to DLE EOT 4 for a paper state (the simulator's side). */
export function paperStatusByte(paper: Exclude<PaperState, 'unknown'>): number {
  return paper === 'ok' ? 0x12 : paper === 'near_end' ? 0x1e : 0x7e;
}

export interface OfflineStatus {
  coverOpen: boolean;
  stoppedAtPaperEnd: boolean;
  error: boolean;
}

/** Decodes a DLE EOT 2 reply (undefined when the byte is not a status byte). */
export function parseOfflineStatus(b: number): OfflineStatus | undefined {
  if (!isStatusByte(b)) return undefined;
  return { coverOpen: (b & 0x04) !== 0, stoppedAtPaperEnd: (b & 0x20) !== 0, error: (b & 0x40) !== 0 };
}

/**
 * Matches reply bytes to outstanding DLE EOT requests, in order. Bytes that arrive with nothing outstanding, or
 * that lack the fixed bits, are counted as stray and ignored (the byte stream of a printer may contain
 * automatic status or garbage). Never throws.
 */
export class StatusReplyReader {
  readonly stats = { replies: 0, stray: 0 };
  private readonly pending: ((b: number) => void)[] = [];

  expect(): Promise<number> {
    return new Promise((resolve) => this.pending.push(resolve));
  }

  /** forget the oldest outstanding request (after a timeout) */
  cancelOldest(): void {
    this.pending.shift();
  }

  get outstanding(): number {
    return this.pending.length;
  }

  push(chunk: ArrayLike<number>): number[] {
    const accepted: number[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] ?? -1;
      const next = this.pending[0];
      if (next && isStatusByte(b)) {
        this.pending.shift();
        this.stats.replies++;
        accepted.push(b);
        next(b);
      } else this.stats.stray++;
    }
    return accepted;
  }
}
