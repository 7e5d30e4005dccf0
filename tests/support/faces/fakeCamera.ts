/**
 * A fake camera for Chromium (--use-file-for-fake-video-capture): a Y4M clip (4:2:0) made at test time from a PNG
 * in tests/support/fixtures/faces (decoded by pngjs, no ffmpeg), scaled and placed in a 640×480 frame; Chromium loops
 * it. Never committed: 460 KB a frame.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

export const FRAME_WIDTH = 640;
export const FRAME_HEIGHT = 480;

export const faceFixture = (name: string): string => fileURLToPath(new URL(`../fixtures/faces/${name}`, import.meta.url));

export interface Placement {
  /** the image's scale in the frame */
  scale: number;
  /** this point of the image (its pixels) lands in the middle of the frame */
  centreAt: { x: number; y: number };
}

/** One 640×480 frame (I420) of the PNG placed as told, grey where the image does not reach (bilinear sampling). */
function frameOf(png: PNG, placement: Placement): Buffer {
  const { scale, centreAt } = placement;
  const W = FRAME_WIDTH;
  const H = FRAME_HEIGHT;
  const rgb = new Float32Array(W * H * 3).fill(128);
  const sample = (x: number, y: number, c: number): number => {
    const x0 = Math.max(0, Math.min(png.width - 1, Math.floor(x)));
    const y0 = Math.max(0, Math.min(png.height - 1, Math.floor(y)));
    const x1 = Math.min(png.width - 1, x0 + 1);
    const y1 = Math.min(png.height - 1, y0 + 1);
    const fx = x - x0;
    const fy = y - y0;
    const at = (xx: number, yy: number) => png.data[(yy * png.width + xx) * 4 + c]!;
    return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
  };
  for (let fy = 0; fy < H; fy++) {
    for (let fx = 0; fx < W; fx++) {
      const ix = (fx - W / 2) / scale + centreAt.x;
      const iy = (fy - H / 2) / scale + centreAt.y;
      if (ix < 0 || iy < 0 || ix > png.width - 1 || iy > png.height - 1) continue;
      for (let c = 0; c < 3; c++) rgb[(fy * W + fx) * 3 + c] = sample(ix, iy, c);
    }
  }
  const out = Buffer.alloc((W * H * 3) / 2);
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  for (let i = 0; i < W * H; i++) {
    const r = rgb[i * 3]!;
    const g = rgb[i * 3 + 1]!;
    const b = rgb[i * 3 + 2]!;
    out[i] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
  }
  const u = W * H;
  const v = u + (W * H) / 4;
  for (let y = 0; y < H / 2; y++) {
    for (let x = 0; x < W / 2; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const i = ((2 * y + dy) * W + 2 * x + dx) * 3;
        r += rgb[i]! / 4;
        g += rgb[i + 1]! / 4;
        b += rgb[i + 2]! / 4;
      }
      out[u + y * (W / 2) + x] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      out[v + y * (W / 2) + x] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  return out;
}

/** Writes a Y4M clip of `seconds` at 30 fps: each segment's PNG, placed as told, for its share of the frames. */
export function writeY4m(path: string, segments: { png: string; placement?: Placement; frames: number }[]): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `YUV4MPEG2 W${FRAME_WIDTH} H${FRAME_HEIGHT} F30:1 Ip A1:1 C420jpeg\n`);
    for (const segment of segments) {
      const png = PNG.sync.read(readFileSync(segment.png));
      const fit = Math.min(FRAME_WIDTH / png.width, FRAME_HEIGHT / png.height);
      const frame = frameOf(png, segment.placement ?? { scale: fit, centreAt: { x: png.width / 2, y: png.height / 2 } });
      for (let i = 0; i < segment.frames; i++) {
        writeSync(fd, 'FRAME\n');
        writeSync(fd, frame);
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** astronaut.png's face (about 100 px wide around (225, 125) in the 512×512 image) large and in the middle. */
export const ASTRONAUT_FACE_CENTRED: Placement = { scale: 1.7, centreAt: { x: 225, y: 130 } };

/** Chromium's flags for a fake camera playing `clip`, the permission prompt answered yes. */
export const fakeCameraArgs = (clip: string): string[] => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${clip}`,
];
