/**
 * The test face JPEG (fixtures/faces/astronaut-head.jpg) with its frame header (SOF0–SOF2) rewritten to say
 * width × height: the bytes a photo of absurd or tiny dimensions would carry, for the shared photo check and the cloud.
 */
import { readFileSync } from 'node:fs';

export const FACE_JPEG = readFileSync(new URL('../fixtures/faces/astronaut-head.jpg', import.meta.url));

export function faceJpegWithDimensions(width: number, height: number): Buffer {
  const b = Buffer.from(FACE_JPEG);
  let i = 2;
  while (b[i + 1]! < 0xc0 || b[i + 1]! > 0xc2) i += 2 + b.readUInt16BE(i + 2);
  b.writeUInt16BE(height, i + 5);
  b.writeUInt16BE(width, i + 7);
  return b;
}
