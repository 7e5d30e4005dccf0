/**
 * A JPEG's frame, read from its bytes (issue 10): the start-of-image marker, the segments up to the first
 * start-of-frame (SOF) header, and the dimensions it gives. Shared by the kiosk (a photo it stores) and the cloud (a
 * photo it is sent): one reading of "is this a JPEG, and how big". Runs everywhere: no Node, DOM or Electron imports.
 */

/** SOF markers (baseline, extended, progressive, lossless, ...): not DHT (C4), JPG (C8) or DAC (CC). */
const isSof = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

export type JpegFrame = { ok: true; width: number; height: number } | { ok: false; problem: 'not_jpeg' | 'truncated' | 'no_frame' };

const u16 = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;

/** The frame's dimensions, or why the bytes are not a JPEG one can read them from. */
export function readJpegFrame(bytes: Uint8Array): JpegFrame {
  if (bytes.length < 128 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return { ok: false, problem: 'not_jpeg' };
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) return { ok: false, problem: 'truncated' };
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return { ok: false, problem: 'no_frame' };
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const length = u16(bytes, i + 2);
    if (isSof(marker)) {
      if (i + 9 > bytes.length) break;
      return { ok: true, height: u16(bytes, i + 5), width: u16(bytes, i + 7) };
    }
    if (marker === 0xda || length < 2) break;
    i += 2 + length;
  }
  return { ok: false, problem: 'no_frame' };
}
