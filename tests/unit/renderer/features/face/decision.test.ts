/**
 * Auto-capture's decision (src/renderer/features/face/decision.ts, sharpness.ts): one frame judged from its
 * detections and blur measure, the reason when not; the steady frames, the countdown that stops when the face leaves,
 * the capture at its end; the head-and-shoulders crop.
 */
import { describe, expect, it } from 'vitest';
import {
  advance,
  DEFAULT_TUNING,
  GUIDE_OF,
  headAndShoulders,
  judgeFrame,
  secondsLeft,
  START,
  type CaptureProgress,
  type Detection,
} from '../../../../../src/renderer/features/face/decision';
import { laplacianVariance } from '../../../../../src/renderer/features/face/sharpness';

const FRAME = { width: 640, height: 480, sharpness: 200 };
/** a face of `w` pixels centred at (cx, cy) */
const face = (score: number, w = 200, cx = 320, cy = 240): Detection => ({ score, box: { x: cx - w / 2, y: cy - w / 2, width: w, height: w } });

describe('judgeFrame', () => {
  it('accepts exactly one large, centred, sharp face scoring at least 0.6', () => {
    const v = judgeFrame([face(0.92)], FRAME);
    expect(v.accept).toBe(true);
    expect(judgeFrame([face(0.6)], FRAME).accept).toBe(true);
  });

  it.each<[string, Detection[], number | undefined, string]>([
    ['no detection', [], 200, 'no_face'],
    ['only detections under the floor (a night scene at 0.34)', [face(0.34)], 200, 'no_face'],
    ['two faces', [face(0.9, 150, 200), face(0.8, 150, 450)], 200, 'several_faces'],
    ['a night scene false positive at 0.53', [face(0.53)], 200, 'low_score'],
    ['a face too far away', [face(0.9, 100)], 200, 'too_small'],
    ['a face at the edge', [face(0.9, 200, 520)], 200, 'off_centre'],
    ['a face too high', [face(0.9, 200, 320, 100)], 200, 'off_centre'],
    ['a blurred face', [face(0.9)], 5, 'blurred'],
    ['a face not measured for blur', [face(0.9)], undefined, 'blurred'],
  ])('refuses %s', (_what, detections, sharpness, reason) => {
    const v = judgeFrame(detections, { ...FRAME, sharpness });
    expect(v).toMatchObject({ accept: false, reason });
  });

  it('gives each reason a guide line', () => {
    expect(GUIDE_OF.no_face).toBe('face.guide.faceCamera');
    expect(GUIDE_OF.several_faces).toBe('face.guide.onePerson');
    expect(GUIDE_OF.too_small).toBe('face.guide.closer');
  });

  it('follows a tuned threshold', () => {
    expect(judgeFrame([face(0.7)], FRAME, { ...DEFAULT_TUNING, minScore: 0.8 })).toMatchObject({ accept: false, reason: 'low_score' });
  });
});

describe('advance', () => {
  const good = judgeFrame([face(0.9)], FRAME);
  const gone = judgeFrame([], FRAME);
  const run = (frames: { verdict: typeof good; at: number }[]): CaptureProgress =>
    frames.reduce<CaptureProgress>((p, f) => advance(p, f.verdict, 640, f.at), START);

  it('counts steady frames, then counts down 3-2-1, then captures once', () => {
    let p: CaptureProgress = START;
    for (let i = 0; i < DEFAULT_TUNING.steadyFrames - 1; i++) p = advance(p, good, 640, i * 33);
    expect(p.phase).toBe('steadying');
    p = advance(p, good, 640, 200);
    expect(p.phase).toBe('countdown');
    expect(secondsLeft(p, 200)).toBe(3);
    expect(secondsLeft(p, 1300)).toBe(2);
    expect(secondsLeft(p, 2300)).toBe(1);
    p = advance(p, good, 640, 2000);
    expect(p.phase).toBe('countdown');
    p = advance(p, good, 640, 3200);
    expect(p).toEqual({ phase: 'capture' });
    expect(advance(p, gone, 640, 3300)).toEqual({ phase: 'capture' });
  });

  it('stops the countdown when the face leaves, and says why', () => {
    const frames = Array.from({ length: 8 }, (_, i) => ({ verdict: good, at: i * 100 }));
    const counting = run(frames);
    expect(counting.phase).toBe('countdown');
    const stopped = advance(counting, gone, 640, 900);
    expect(stopped).toEqual({ phase: 'searching', reason: 'no_face' });
    expect(secondsLeft(stopped, 900)).toBeUndefined();
    // and starts from the beginning when it is back
    expect(advance(stopped, good, 640, 1000).phase).toBe('steadying');
  });

  it('starts over when the face jumps', () => {
    const moved = judgeFrame([face(0.9, 200, 370)], FRAME);
    let p = run([0, 1, 2].map((i) => ({ verdict: good, at: i })));
    p = advance(p, moved, 640, 3);
    expect(p).toMatchObject({ phase: 'steadying', steady: 1 });
  });
});

describe('headAndShoulders', () => {
  it('is 3:4 around the face, inside the frame', () => {
    const crop = headAndShoulders({ x: 250, y: 150, width: 140, height: 140 }, 640, 480);
    expect(crop.width / crop.height).toBeCloseTo(0.75, 2);
    expect(crop.x).toBeGreaterThanOrEqual(0);
    expect(crop.y).toBeGreaterThanOrEqual(0);
    expect(crop.x + crop.width).toBeLessThanOrEqual(640);
    expect(crop.y + crop.height).toBeLessThanOrEqual(480);
    expect(crop.x).toBeLessThan(250);
    expect(crop.x + crop.width).toBeGreaterThan(390);
  });

  it('shrinks to the frame for a face filling it', () => {
    const crop = headAndShoulders({ x: 100, y: 50, width: 400, height: 400 }, 640, 480);
    expect(crop).toMatchObject({ height: 480, width: 360, y: 0 });
  });
});

describe('laplacianVariance', () => {
  const image = (w: number, h: number, px: (x: number, y: number) => number) => {
    const a = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) a.set([px(x, y), px(x, y), px(x, y), 255], (y * w + x) * 4);
    return a;
  };

  it('is 0 for a flat image and large for a sharp checkerboard, small for a soft gradient', () => {
    expect(
      laplacianVariance(
        image(32, 32, () => 128),
        32,
        32,
      ),
    ).toBe(0);
    const sharp = laplacianVariance(
      image(32, 32, (x, y) => ((x + y) % 2 === 0 ? 0 : 255)),
      32,
      32,
    );
    const soft = laplacianVariance(
      image(32, 32, (x) => x * 4 + Math.sin(x) * 2),
      32,
      32,
    );
    expect(sharp).toBeGreaterThan(10_000);
    expect(soft).toBeLessThan(DEFAULT_TUNING.minSharpness);
  });
});
