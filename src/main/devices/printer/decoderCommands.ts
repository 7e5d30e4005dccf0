/** The ESC/POS decoder's command table: argument lengths of fixed-length commands, QR error levels, Latin-1 text. */
import type { DecodedQr } from './decoderEvents';

export const EC_LEVEL: Record<number, DecodedQr['errorLevel']> = { 0x30: 'L', 0x31: 'M', 0x32: 'Q', 0x33: 'H' };

/** Bytes of arguments after `ESC x` for fixed-length commands. */
export const ESC_ARGS: Record<number, number> = {
  0x40: 0,
  0x32: 0,
  0x3c: 0,
  0x61: 1,
  0x21: 1,
  0x45: 1,
  0x47: 1,
  0x2d: 1,
  0x64: 1,
  0x4a: 1,
  0x33: 1,
  0x74: 1,
  0x52: 1,
  0x4d: 1,
  0x56: 1,
  0x7b: 1,
  0x20: 1,
  0x25: 1,
  0x3f: 1,
  0x53: 0,
  0x4c: 0,
  0x54: 1,
  0x55: 1,
  0x65: 1,
  0x72: 1,
  0x63: 2,
  0x24: 2,
  0x5c: 2,
  0x57: 8,
  0x70: 3,
};
export const GS_ARGS: Record<number, number> = {
  0x21: 1,
  0x42: 1,
  0x48: 1,
  0x66: 1,
  0x68: 1,
  0x77: 1,
  0x62: 1,
  0x61: 1,
  0x49: 1,
  0x2f: 1,
  0x72: 1,
  0x3a: 0,
  0x4c: 2,
  0x57: 2,
  0x50: 2,
  0x24: 2,
  0x5c: 2,
  0x54: 1,
  0x7c: 1,
};
export const FS_ARGS: Record<number, number> = { 0x26: 0, 0x2e: 0, 0x21: 1, 0x57: 1, 0x2d: 1, 0x43: 1, 0x53: 2, 0x70: 2 };

export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
