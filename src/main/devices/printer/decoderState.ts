/**
 * The ESC/POS decoder's print state: the pending text line, the character style, the QR settings and stored data,
 * and the events that come from that state alone (a finished line, an unknown command, an error). `EscPosDecoder`
 * (decoder.ts) interprets the commands on top of it.
 */
import { decodeGb18030 } from './gb18030';
import { latin1 } from './decoderCommands';
import type { DecodedAlign, DecodedQr, DecoderLimits, EscPosEvent } from './decoderEvents';

export abstract class EscPosState {
  readonly stats = { bytes: 0, unknown: 0, errors: 0 };
  protected text: number[] = [];
  protected chinese = true;
  protected align: DecodedAlign = 'left';
  protected bold = false;
  protected escDoubleW = false;
  protected escDoubleH = false;
  protected gsW = 1;
  protected gsH = 1;
  protected fsDoubleW = false;
  protected fsDoubleH = false;
  protected qrModel: 1 | 2 = 2;
  protected qrSize = 3;
  protected qrEc: DecodedQr['errorLevel'] = 'L';
  protected qrData: string | undefined;
  protected readonly maxRaster: number;
  protected readonly maxLine: number;

  constructor(limits: DecoderLimits = {}) {
    this.maxRaster = limits.maxRasterBytes ?? 1 << 20;
    this.maxLine = limits.maxLineBytes ?? 4096;
  }

  protected resetStyle(): void {
    this.align = 'left';
    this.bold = false;
    this.escDoubleW = this.escDoubleH = false;
    this.fsDoubleW = this.fsDoubleH = false;
    this.gsW = this.gsH = 1;
    this.qrModel = 2;
    this.qrSize = 3;
    this.qrEc = 'L';
    this.qrData = undefined;
  }

  protected flushLine(out: EscPosEvent[], always: boolean): void {
    if (!always && this.text.length === 0) return;
    const bytes = Uint8Array.from(this.text);
    this.text = [];
    const text = this.chinese ? decodeGb18030(bytes) : latin1(bytes);
    const dw = this.escDoubleW || this.fsDoubleW;
    const dh = this.escDoubleH || this.fsDoubleH;
    out.push({
      type: 'line',
      line: { text, align: this.align, bold: this.bold, width: Math.max(this.gsW, dw ? 2 : 1), height: Math.max(this.gsH, dh ? 2 : 1) },
    });
  }

  protected unknown(out: EscPosEvent[], bytes: Uint8Array): void {
    this.stats.unknown++;
    out.push({ type: 'unknown', bytes: [...bytes] });
  }

  protected error(out: EscPosEvent[], message: string): void {
    this.stats.errors++;
    out.push({ type: 'error', message });
  }
}
