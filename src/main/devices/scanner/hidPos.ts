/**
 * HID-POS scanners (usage page 0x8C, usage 0x02; spec §4.3): "Scanned Data" reports (report ID 0x02). Offsets
 * after the report ID: byte 0 = number of data bytes in this report, bytes 1–3 = AIM symbology id `]Xn` (some
 * devices shift it by one byte: `]` at offset 1 or 2), data from offset 4 (+ shift), byte 60 = Honeywell's own
 * symbology id, byte 62 ≠ 0 = more reports follow. With node-hid on Windows / Linux hidraw the buffer starts
 * with the report ID, so every offset moves by one (`includesReportId`, default true). Data is concatenated
 * until a report with byte 62 = 0, then a trailing CR is stripped and control characters removed.
 * One source for the layout: verify with a real device. Pure; never throws.
 */
import { stripControls } from './codec';

export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_USAGE_SCANNER = 0x02;
export const SCANNED_DATA_REPORT_ID = 0x02;

export interface HidPosScan {
  text: string;
  /** AIM symbology identifier, e.g. "]Q1" for QR, when present */
  aim?: string;
}

export interface HidPosOptions {
  /** the buffers start with the report ID (node-hid on Windows / hidraw), default true */
  includesReportId?: boolean;
  /** longest scan kept, default 4096 bytes; longer ones are dropped */
  maxLength?: number;
  encoding?: 'utf-8' | 'gb18030';
}

export class HidPosAssembler {
  readonly stats = { scans: 0, ignoredReports: 0, overlong: 0 };
  private readonly base: number;
  private readonly maxLength: number;
  private readonly decoder: InstanceType<typeof TextDecoder>;
  private parts: number[] = [];
  private aim: string | undefined;
  private overflow = false;

  constructor(opts: HidPosOptions = {}) {
    this.base = (opts.includesReportId ?? true) ? 1 : 0;
    this.maxLength = opts.maxLength ?? 4096;
    this.decoder = new TextDecoder(opts.encoding ?? 'utf-8');
  }

  /** Feeds one input report; returns the scan it completed, if any. */
  push(report: ArrayLike<number>): HidPosScan | undefined {
    const at = (i: number): number => report[this.base + i] ?? 0;
    if (this.base === 1 && report[0] !== SCANNED_DATA_REPORT_ID) {
      this.stats.ignoredReports++;
      return undefined;
    }
    const size = report.length - this.base;
    if (size < 5) {
      this.stats.ignoredReports++;
      return undefined;
    }
    const count = at(0);
    const shift = at(1) === 0x5d ? 0 : at(2) === 0x5d ? 1 : -1;
    let start: number;
    if (shift >= 0) {
      if (this.aim === undefined) this.aim = String.fromCharCode(at(1 + shift), at(2 + shift), at(3 + shift));
      start = 4 + shift;
    } else start = 4; // no AIM id: keep the documented data offset
    // data never runs into the vendor bytes at 60–62 of a full-size report
    const limit = size >= 63 ? 60 : size;
    const end = Math.min(start + count, limit);
    for (let i = start; i < end; i++) {
      if (this.parts.length >= this.maxLength) {
        this.overflow = true;
        break;
      }
      this.parts.push(at(i));
    }
    const more = size >= 63 && at(62) !== 0;
    if (more) return undefined;
    return this.finish();
  }

  /** drop a partial scan */
  reset(): void {
    this.parts = [];
    this.aim = undefined;
    this.overflow = false;
  }

  private finish(): HidPosScan | undefined {
    const bytes = Uint8Array.from(this.parts);
    const aim = this.aim;
    const overflow = this.overflow;
    this.reset();
    if (overflow) {
      this.stats.overlong++;
      return undefined;
    }
    const text = stripControls(this.decoder.decode(bytes).replace(/\r$/, ''));
    if (!text) return undefined;
    this.stats.scans++;
    return aim === undefined ? { text } : { text, aim };
  }
}

/** Builds the reports a HID-POS scanner would send for a text (the simulator's side and tests). */
export function encodeHidPosReports(
  text: string,
  opts: { aim?: string; includesReportId?: boolean; reportSize?: number; suffixCr?: boolean } = {},
): Uint8Array[] {
  const data = new TextEncoder().encode(opts.suffixCr === false ? text : `${text}\r`);
  const size = opts.reportSize ?? 63;
  const aim = opts.aim ?? ']Q1';
  const perReport = Math.min(size >= 63 ? 56 : size - 4, 255);
  const reports: Uint8Array[] = [];
  for (let o = 0; o === 0 || o < data.length; o += perReport) {
    const chunk = data.subarray(o, o + perReport);
    const r = new Uint8Array(size);
    r[0] = chunk.length;
    r[1] = aim.charCodeAt(0);
    r[2] = aim.charCodeAt(1);
    r[3] = aim.charCodeAt(2);
    r.set(chunk, 4);
    if (size >= 63) {
      r[60] = 0x73;
      r[62] = o + perReport < data.length ? 1 : 0;
    }
    reports.push(opts.includesReportId === false ? r : Uint8Array.from([SCANNED_DATA_REPORT_ID, ...r]));
  }
  return reports;
}
