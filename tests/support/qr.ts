/** Decodes the QR code in a PNG screenshot (jsQR on the raw pixels). */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export function decodeQrFromPng(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength), img.width, img.height);
  return code?.data ?? null;
}
