/**
 * The pass photo as a `GS v 0` raster (spec §3.3): the command's bytes, the simulator's decoder reading it back
 * (width, height, bits), a malformed raster refused with a clear error, and the pass job with and without raster.
 */
import { describe, expect, it } from 'vitest';
import { EscPosBuilder, rasterCommands } from '../../../../../src/main/devices/printer/escpos';
import { EscPosDecoder, JobAssembler, decodeJob, imageBlackDots, imageDot } from '../../../../../src/main/devices/printer/decoder';
import { passLayout, renderPassJob, type PassPrintData } from '../../../../../src/main/devices/printer/passJob';
import { monoFromGrid, toMono, type PixelImage } from '../../../../../src/main/devices/printer/raster';

/** A head-and-shoulders thumbnail: a dark disc on light gray, 120 × 160 gray pixels. */
function thumbnail(): PixelImage {
  const width = 120;
  const height = 160;
  const data = new Uint8Array(width * height).fill(230);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if ((x - 60) ** 2 + (y - 60) ** 2 <= 40 ** 2) data[y * width + x] = 20;
  return { width, height, channels: 1, data };
}

const pass = (photo?: PixelImage): PassPrintData => ({
  token: 'PD2.ABCDEFGHIJKLMNOP',
  siteName: '星河科技园',
  visitorName: '张*丰',
  hostName: '李四',
  validFrom: new Date('2026-11-22T01:00:00Z'),
  validUntil: new Date('2026-11-22T10:00:00Z'),
  partySize: 1,
  ...(photo ? { photo } : {}),
});

/** Decodes bytes and returns the job's errors and images (the stream ended after them). */
function decodeAll(bytes: Uint8Array) {
  const d = new EscPosDecoder();
  const a = new JobAssembler();
  a.add(d.push(bytes));
  a.add(d.end());
  return a.flush()!;
}

describe('GS v 0 raster: encoding and decoding', () => {
  it('encodes 1D 76 30 m xL xH yL yH then the packed rows, and the decoder gives back width, height and every dot', () => {
    const img = monoFromGrid({ width: 12, height: 3 }, (x, y) => (x + y) % 3 === 0);
    const bytes = rasterCommands(img);
    expect([...bytes.subarray(0, 8)]).toEqual([0x1d, 0x76, 0x30, 0x00, 2, 0, 3, 0]);
    expect(bytes.length).toBe(8 + 2 * 3);
    const [job] = decodeJob(bytes);
    const got = job!.images[0]!;
    expect(got).toMatchObject({ widthDots: 16, bytesPerRow: 2, rows: 3 });
    for (let y = 0; y < 3; y++) for (let x = 0; x < 12; x++) expect(imageDot(got, x, y), `${x},${y}`).toBe((x + y) % 3 === 0);
    expect(imageBlackDots(got)).toBe(12);
  });

  it('dithers a photo to 1 bit: a dark head and a light background, not all black or all white', () => {
    const mono = toMono(thumbnail());
    const [job] = decodeJob(new EscPosBuilder().raster(mono).bytes());
    const img = job!.images[0]!;
    expect(img).toMatchObject({ widthDots: 120, rows: 160 });
    expect(imageDot(img, 60, 60) || imageDot(img, 61, 60)).toBe(true);
    const share = imageBlackDots(img) / (120 * 160);
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.6);
  });

  it('refuses a malformed raster with a clear error and prints nothing of it', () => {
    const zero = Uint8Array.from([0x1d, 0x76, 0x30, 0x00, 0, 0, 5, 0]);
    expect(decodeAll(zero).errors).toEqual(['GS v 0 with 0 bytes × 5 rows rejected']);

    const badMode = Uint8Array.from([0x1d, 0x76, 0x30, 0x07, 1, 0, 2, 0, 0xff, 0xff, 0x0a]);
    const j = decodeAll(badMode);
    expect(j.errors).toEqual(['GS v 0 with mode 0x07 rejected (0..3 or 0x30..0x33)']);
    expect(j.images).toEqual([]);
    expect(j.lines.filter((l) => l.text !== '')).toEqual([]); // the skipped data never prints as text

    const truncated = rasterCommands(monoFromGrid({ width: 96, height: 128 }, () => true)).subarray(0, 8 + 100);
    const cut = decodeAll(truncated);
    expect(cut.errors).toEqual(['GS v 0 raster cut off: 100 of 1536 image bytes']);
    expect(cut.images).toEqual([]);

    const oversize = Uint8Array.from([0x1d, 0x76, 0x30, 0x00, 0xff, 0xff, 0xff, 0xff]);
    expect(decodeAll(oversize).errors[0]).toMatch(/GS v 0 with 65535 bytes × 65535 rows rejected/);
  });

  it('accepts the modes 0..3 and 0x30..0x33', () => {
    for (const m of [0, 1, 2, 3, 0x30, 0x33]) expect(decodeAll(Uint8Array.from([0x1d, 0x76, 0x30, m, 1, 0, 1, 0, 0x80])).images, `m=${m}`).toHaveLength(1);
  });
});

describe('the pass with its photo', () => {
  it('prints the photo as a raster scaled to the layout (104 dots on 58 mm, 152 on 80 mm) after the rule', () => {
    for (const [paper, dots] of [
      [58, 104],
      [80, 152],
    ] as const) {
      const [job] = decodeJob(renderPassJob(pass(thumbnail()), passLayout(paper)));
      expect(job!.errors).toEqual([]);
      expect(job!.images.map((i) => i.widthDots)).toEqual([paper === 58 ? 384 : 576, Math.ceil(dots / 8) * 8]);
      expect(job!.images[1]!.rows).toBe(Math.round((160 * dots) / 120));
      expect(job!.images[1]!.align).toBe('center');
    }
  });

  it('without raster: no image at all (the rule is dashes), the text and QR as with it', () => {
    const withRaster = decodeJob(renderPassJob(pass(thumbnail()), passLayout(58)))[0]!;
    const without = decodeJob(renderPassJob(pass(thumbnail()), passLayout(58, { raster: false })))[0]!;
    expect(without.images).toEqual([]);
    expect(without.lines.map((l) => l.text).filter(Boolean)).toEqual(
      [...withRaster.lines.map((l) => l.text).filter(Boolean)].flatMap((t) => (t === '星河科技园' ? [t, '-'.repeat(32)] : [t])),
    );
    expect(without.qr).toEqual(withRaster.qr);
  });
});
