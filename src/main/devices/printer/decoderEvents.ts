/** What the ESC/POS decoder emits: decoded lines, QR symbols, raster images and the other events, and its limits. */

export type DecodedAlign = 'left' | 'center' | 'right';

export interface DecodedLine {
  text: string;
  align: DecodedAlign;
  bold: boolean;
  /** character width / height multipliers */
  width: number;
  height: number;
}

export interface DecodedQr {
  payload: string;
  model: 1 | 2;
  size: number;
  errorLevel: 'L' | 'M' | 'Q' | 'H';
}

export interface DecodedImage {
  /** dots per row (bytesPerRow × 8) */
  widthDots: number;
  bytesPerRow: number;
  rows: number;
  mode: number;
  align: DecodedAlign;
  /** packed bits, row-major */
  data: Uint8Array;
}

export type EscPosEvent =
  | { type: 'init' }
  | { type: 'line'; line: DecodedLine }
  | { type: 'qr'; qr: DecodedQr }
  | { type: 'image'; image: DecodedImage }
  | { type: 'feed'; lines: number }
  | { type: 'cut'; kind: 'full' | 'partial'; feed?: number }
  | { type: 'status'; command: 'DLE EOT' | 'GS r'; n: number }
  | { type: 'unknown'; bytes: number[] }
  | { type: 'error'; message: string };

export interface DecoderLimits {
  /** largest raster band accepted, default 1 MiB */
  maxRasterBytes?: number;
  /** largest text line kept, default 4096 bytes */
  maxLineBytes?: number;
}
