/**
 * 1-bit images for `GS v 0`: conversion from grayscale / RGB / RGBA pixels with a threshold or Floyd–Steinberg
 * dithering (with gamma, as receiptline does), scaling, and bit packing (row-major, MSB = leftmost dot, 1 = black).
 * Pure.
 */

/** A packed 1-bit image: `bytesPerRow = ceil(width / 8)`, `data.length = bytesPerRow * height`. */
export interface MonoImage {
  width: number;
  height: number;
  bytesPerRow: number;
  data: Uint8Array;
}

/** Pixels, `channels` bytes each: 1 gray, 3 RGB, 4 RGBA (transparent counts as white). */
export interface PixelImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

export interface MonoOptions {
  /** 'floyd-steinberg' (default, for photos) or 'threshold' (for line art / QR) */
  dither?: 'floyd-steinberg' | 'threshold';
  /** 0..255: darker than this prints black, default 128 */
  threshold?: number;
  /** gamma applied to the luminance before thresholding, default 1.8 for dithering, 1 for threshold */
  gamma?: number;
}

function checkImage(img: PixelImage): void {
  if (!Number.isInteger(img.width) || !Number.isInteger(img.height) || img.width < 1 || img.height < 1)
    throw new RangeError(`bad image size ${img.width}×${img.height}`);
  if (img.data.length < img.width * img.height * img.channels)
    throw new RangeError(`image data too short: ${img.data.length} < ${img.width * img.height * img.channels}`);
}

/** Luminance 0..255 per pixel (0 = black). */
export function toGray(img: PixelImage): Float32Array {
  checkImage(img);
  const n = img.width * img.height;
  const out = new Float32Array(n);
  const d = img.data;
  for (let i = 0; i < n; i++) {
    const o = i * img.channels;
    if (img.channels === 1) out[i] = d[o]!;
    else {
      const y = 0.299 * d[o]! + 0.587 * d[o + 1]! + 0.114 * d[o + 2]!;
      const a = img.channels === 4 ? d[o + 3]! / 255 : 1;
      out[i] = y * a + 255 * (1 - a);
    }
  }
  return out;
}

/** Converts pixels to a packed 1-bit image. */
export function toMono(img: PixelImage, opts: MonoOptions = {}): MonoImage {
  const gray = toGray(img);
  const { width, height } = img;
  const dither = opts.dither ?? 'floyd-steinberg';
  const threshold = opts.threshold ?? 128;
  const gamma = opts.gamma ?? (dither === 'threshold' ? 1 : 1.8);
  if (gamma !== 1) for (let i = 0; i < gray.length; i++) gray[i] = 255 * Math.pow(gray[i]! / 255, 1 / gamma);
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const v = gray[i]!;
      const black = v < threshold;
      if (black) data[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
      if (dither === 'floyd-steinberg') {
        const err = v - (black ? 0 : 255);
        if (x + 1 < width) gray[i + 1]! += (err * 7) / 16;
        if (y + 1 < height) {
          if (x > 0) gray[i + width - 1]! += (err * 3) / 16;
          gray[i + width]! += (err * 5) / 16;
          if (x + 1 < width) gray[i + width + 1]! += err / 16;
        }
      }
    }
  }
  return { width, height, bytesPerRow, data };
}

/** Nearest-neighbour scaling to a new width (height keeps the aspect ratio unless given). */
export function scalePixels(img: PixelImage, width: number, height = Math.max(1, Math.round((img.height * width) / img.width))): PixelImage {
  checkImage(img);
  if (width < 1 || height < 1) throw new RangeError('bad target size');
  const c = img.channels;
  const out = new Uint8Array(width * height * c);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(img.height - 1, Math.floor((y * img.height) / height));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(img.width - 1, Math.floor((x * img.width) / width));
      const s = (sy * img.width + sx) * c;
      const d = (y * width + x) * c;
      for (let k = 0; k < c; k++) out[d + k] = img.data[s + k]!;
    }
  }
  return { width, height, channels: c, data: out };
}

/** A mono image from a boolean grid (true = black), e.g. a QR module matrix scaled by `scale`. */
export function monoFromGrid(size: { width: number; height: number }, isBlack: (x: number, y: number) => boolean, scale = 1): MonoImage {
  const width = size.width * scale;
  const height = size.height * scale;
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (isBlack(Math.floor(x / scale), Math.floor(y / scale))) data[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
  return { width, height, bytesPerRow, data };
}

/** Reads one dot of a packed image. */
export function monoDot(img: MonoImage, x: number, y: number): boolean {
  return ((img.data[y * img.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}
